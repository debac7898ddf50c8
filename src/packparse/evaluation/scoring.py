"""Score one packparse output dict against one gold annotation (`corpus/GOLD_FORMAT.md`).

Pure functions, no I/O, so the runner can score inside worker processes and the unit tests can
feed hand-written dicts. Every field is reduced to three counts (gold items, output items, true
positives) so that files pool into corpus-wide micro precision / recall / F1: a 460-page pack then
weighs more than a one-page agenda, which is what a user of the whole corpus experiences.

The mapping from gold onto the output contract follows `shared/docs/output-contract.md` (its last
section). Fields a gold file does not annotate are left out of that file's result entirely, so they
neither help nor hurt; fields it annotates as empty (`[]`, `null`) still count the output's extras.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from packparse.evaluation.matching import (  # noqa: F401 (re-exported)
    FIELDS,
    FieldScore,
    _exact,
    _get,
    _list,
    _match_multiset,
    _match_sets,
    _merge,
    _number,
    _pair,
    _person_name,
    _range,
    _show,
    _show_range,
    metrics,
    normalise_name,
    pool,
    same_text,
    tokens,
)
from packparse.evaluation.tablescore import (
    _score_tables,
    table_similarity,  # noqa: F401 (re-exported)
)


def _score_meeting(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    g_meeting = gold.get("meeting") or {}
    o_meeting = out.get("meeting") or {}
    for key, equal in (("body", same_text), ("date", _exact), ("start_time", _exact), ("venue", same_text)):
        g, o = g_meeting.get(key), o_meeting.get(key)
        s = FieldScore(gold=int(g is not None), got=int(o is not None))
        if g is not None and o is not None and equal(g, o):
            s.tp = 1
        else:
            if g is not None:
                s.missed.append(_show(g))
            if o is not None:
                s.extra.append(_show(o))
        scores[f"meeting.{key}"] = s


def _score_agenda(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    g_items = [i for i in _list(gold.get("agenda_items")) if isinstance(i, Mapping)]
    o_items = [i for i in _list(_get(out, "agenda", "items")) if isinstance(i, Mapping)]

    def keyed(items: list[Mapping[str, Any]]) -> list[tuple[Hashable, str]]:
        return [((_number(i.get("number")), tokens(i.get("title"))),
                 _show(f"{i.get('number')} {i.get('title') or ''}")) for i in items]

    scores["agenda.items"] = _match_multiset(keyed(g_items), keyed(o_items))

    # printed_pages: pair items by number (k-th gold "3" with k-th output "3"), compare the ranges.
    by_number: dict[str, list[Mapping[str, Any]]] = {}
    for item in o_items:
        by_number.setdefault(_number(item.get("number")), []).append(item)
    s = FieldScore(got=sum(1 for i in o_items if _range(i.get("printed_pages")) is not None))
    matched_out: set[int] = set()
    for item in g_items:
        candidates = by_number.get(_number(item.get("number"))) or []
        partner = candidates.pop(0) if candidates else None
        g_range = _range(item.get("printed_pages"))
        if g_range is None:
            continue
        s.gold += 1
        o_range = _range(partner.get("printed_pages")) if partner is not None else None
        if o_range == g_range:
            s.tp += 1
            matched_out.add(id(partner))
        else:
            s.missed.append(f"{item.get('number')}: {_show_range(g_range)} (got {_show_range(o_range)})")
    s.extra = [f"{i.get('number')}: {_show_range(_range(i.get('printed_pages')))}" for i in o_items
               if _range(i.get("printed_pages")) is not None and id(i) not in matched_out]
    scores["agenda.printed_pages"] = s

    scores["agenda.exempt"] = _match_sets(
        (_number(i.get("number")) for i in g_items if i.get("exempt") is True),
        (_number(i.get("number")) for i in o_items if i.get("exempt") is True),
    )


def _score_documents(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    g_ranges = [r for r in (_range(_get(d, "pdf_pages")) for d in _list(gold.get("documents"))) if r]
    o_ranges = [r for r in (_range(_get(d, "pdf_pages")) for d in _list(out.get("documents"))) if r]
    scores["documents.start"] = _match_sets((r[0] for r in g_ranges), (r[0] for r in o_ranges))
    scores["documents.range"] = _match_sets(g_ranges, o_ranges, label=_show_range)


def _score_blank(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    gold_blank = [int(p) for p in _list(gold.get("blank_pages"))]
    out_blank = [int(p["pdf_page"]) for p in _list(out.get("pages"))
                 if isinstance(p, Mapping) and p.get("kind") == "blank" and p.get("pdf_page") is not None]
    scores["blank_pages"] = _match_sets(gold_blank, out_blank)


def _docs_of_kind(out: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    return [d for d in _list(out.get("documents")) if isinstance(d, Mapping) and d.get("kind") == kind]


def _score_minutes(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    g_list = [m for m in _list(gold.get("minutes")) if isinstance(m, Mapping)]
    o_list = [d.get("minutes") or {} for d in _docs_of_kind(out, "minutes")]
    pairs = _pair(g_list, o_list, [
        lambda g, o: g.get("date") is not None and g.get("date") == o.get("date"),
        lambda g, o: True,
    ])
    pair_of_gold = dict(pairs)
    paired_out = {oi for _, oi in pairs}

    def label(m: Mapping[str, Any], i: int) -> str:
        return f"#{i + 1} {m.get('date') or '?'} {_show(m.get('body') or '', 40)}".rstrip()

    found = FieldScore(gold=len(g_list), got=len(o_list), tp=len(pairs))
    found.missed = [label(m, i) for i, m in enumerate(g_list) if i not in pair_of_gold]
    found.extra = [label(m, i) for i, m in enumerate(o_list) if i not in paired_out]
    scores["minutes.found"] = found

    def gold_names(m: Mapping[str, Any], key: str) -> list[str]:
        return [str(n) for n in _list(m.get(key)) if n]

    def out_names(m: Mapping[str, Any], key: str) -> list[str]:
        names = [_person_name(p) for p in _list(_get(m, "attendance", key))]
        if key == "present":
            names.append(_person_name(_get(m, "attendance", "chair")))
        return [n for n in names if n]

    def name_score(g_names: list[str], o_names: list[str]) -> FieldScore:
        g_norm = {normalise_name(n): n for n in g_names if normalise_name(n)}
        o_norm = {normalise_name(n): n for n in o_names if normalise_name(n)}
        return FieldScore(gold=len(g_norm), got=len(o_norm), tp=len(g_norm.keys() & o_norm.keys()),
                          missed=[g_norm[k] for k in g_norm if k not in o_norm],
                          extra=[o_norm[k] for k in o_norm if k not in g_norm])

    def items_score(g: Mapping[str, Any], o: Mapping[str, Any]) -> FieldScore:
        def keyed(items: list[Any]) -> list[tuple[Hashable, str]]:
            return [((_number(i.get("number")), tokens(i.get("title"))),
                     _show(f"{i.get('number')} {i.get('title') or ''}"))
                    for i in items if isinstance(i, Mapping)]
        return _match_multiset(keyed(_list(g.get("items"))), keyed(_list(o.get("items"))))

    def resolutions(o: Mapping[str, Any]) -> int:
        return sum(len(_list(i.get("resolutions"))) for i in _list(o.get("items")) if isinstance(i, Mapping))

    for key in ("present", "apologies", "also_present"):
        s = FieldScore()
        for gi, g in enumerate(g_list):
            oi = pair_of_gold.get(gi)
            o_names = out_names(o_list[oi], key) if oi is not None else []
            prefix = f"#{gi + 1} " if len(g_list) > 1 else ""
            _merge(s, name_score(gold_names(g, key), o_names), prefix=prefix)
        for oi, o in enumerate(o_list):
            if oi not in paired_out:
                _merge(s, name_score([], out_names(o, key)), prefix="unmatched: ")
        scores[f"minutes.{key}"] = s

    s = FieldScore()
    for gi, g in enumerate(g_list):
        oi = pair_of_gold.get(gi)
        _merge(s, items_score(g, o_list[oi] if oi is not None else {}),
               prefix=f"#{gi + 1} " if len(g_list) > 1 else "")
    for oi, o in enumerate(o_list):
        if oi not in paired_out:
            _merge(s, items_score({}, o), prefix="unmatched: ")
    scores["minutes.items"] = s

    s = FieldScore(gold=len(g_list), got=len(o_list))
    for gi, g in enumerate(g_list):
        oi = pair_of_gold.get(gi)
        want = g.get("resolutions")
        have = resolutions(o_list[oi]) if oi is not None else None
        if have is not None and want is not None and int(want) == have:
            s.tp += 1
        else:
            s.missed.append(f"{want} (got {'-' if have is None else have}) {label(g, gi)}")
    s.extra = [f"{resolutions(o)} {label(o, oi)}" for oi, o in enumerate(o_list) if oi not in paired_out]
    scores["minutes.resolutions"] = s


def _score_reports(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    g_list = [r for r in _list(gold.get("reports")) if isinstance(r, Mapping)]
    o_docs = _docs_of_kind(out, "report")

    def o_title(d: Mapping[str, Any]) -> Any:
        return _get(d, "report", "title") or d.get("title")

    def same_title(g: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
        t = tokens(g.get("title"))
        return bool(t) and (t == tokens(_get(d, "report", "title")) or t == tokens(d.get("title")))

    def same_start(g: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
        gr, orr = _range(g.get("pdf_pages")), _range(d.get("pdf_pages"))
        return gr is not None and orr is not None and gr[0] == orr[0]

    pairs = _pair(g_list, o_docs, [same_title, same_start])
    pair_of_gold = dict(pairs)
    paired_out = {oi for _, oi in pairs}

    def g_label(g: Mapping[str, Any]) -> str:
        return f"p{_show_range(_range(g.get('pdf_pages')))} {_show(g.get('title') or '', 60)}"

    def o_label(d: Mapping[str, Any]) -> str:
        return f"p{_show_range(_range(d.get('pdf_pages')))} {_show(o_title(d) or '', 60)}"

    found = FieldScore(gold=len(g_list), got=len(o_docs), tp=len(pairs))
    found.missed = [g_label(g) for i, g in enumerate(g_list) if i not in pair_of_gold]
    found.extra = [o_label(d) for i, d in enumerate(o_docs) if i not in paired_out]
    scores["reports.found"] = found

    # report_of is scored only where gold prints one: it measures reading the line, not finding reports.
    s = FieldScore()
    for gi, g in enumerate(g_list):
        want = g.get("report_of")
        if want is None:
            continue
        s.gold += 1
        oi = pair_of_gold.get(gi)
        doc = o_docs[oi] if oi is not None else None
        have = _get(doc, "report", "report_of")
        if doc is not None and have is not None:
            s.got += 1
            if same_text(want, have):
                s.tp += 1
                continue
            s.extra.append(f"{o_label(doc)}: {_show(have, 60)}")
        s.missed.append(f"{g_label(g)}: {_show(want, 60)}")
    scores["reports.report_of"] = s

    s = FieldScore(gold=len(g_list), got=len(o_docs))
    for gi, g in enumerate(g_list):
        oi = pair_of_gold.get(gi)
        want = g.get("recommendations")
        have = len(_list(_get(o_docs[oi], "report", "recommendations"))) if oi is not None else None
        if have is not None and want is not None and int(want) == have:
            s.tp += 1
        else:
            s.missed.append(f"{want} (got {'-' if have is None else have}) {g_label(g)}")
    s.extra = [f"{len(_list(_get(d, 'report', 'recommendations')))} {o_label(d)}"
               for i, d in enumerate(o_docs) if i not in paired_out]
    scores["reports.recommendations"] = s


def score(output: Mapping[str, Any] | None, gold: Mapping[str, Any], *, ocr: bool = False,
          ) -> dict[str, FieldScore]:
    """Score one output (`pack.model_dump(mode="json")`, or None for a file that failed) against gold.

    Returns one `FieldScore` per field the gold annotates, in `FIELDS` order. Tables are scored only
    when `tables_scope` is set, and not for scanned files (`text_layer: false`) unless `ocr` is true,
    because without OCR their tables cannot be found and would only add noise to the totals.
    """
    out: Mapping[str, Any] = output if isinstance(output, Mapping) else {}
    scores: dict[str, FieldScore] = {}
    if "meeting" in gold:
        _score_meeting(out, gold, scores)
    if "agenda_items" in gold:
        _score_agenda(out, gold, scores)
    if "documents" in gold:
        _score_documents(out, gold, scores)
    if "blank_pages" in gold:
        _score_blank(out, gold, scores)
    if "minutes" in gold:
        _score_minutes(out, gold, scores)
    if "reports" in gold:
        _score_reports(out, gold, scores)
    if _range(gold.get("tables_scope")) is not None and (ocr or gold.get("text_layer") is not False):
        _score_tables(out, gold, scores)
    return {name: scores[name] for name in FIELDS if name in scores}


def counts_of(scores: Mapping[str, FieldScore]) -> dict[str, dict[str, int]]:
    """Just the numbers, the shape `pool` sums."""
    return {name: {"gold": s.gold, "got": s.got, "tp": s.tp} for name, s in scores.items()}
