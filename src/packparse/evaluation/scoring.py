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

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FIELDS: tuple[str, ...] = (
    "meeting.body",
    "meeting.date",
    "meeting.start_time",
    "meeting.venue",
    "agenda.items",
    "agenda.printed_pages",
    "agenda.exempt",
    "documents.start",
    "documents.range",
    "blank_pages",
    "minutes.found",
    "minutes.present",
    "minutes.apologies",
    "minutes.also_present",
    "minutes.items",
    "minutes.resolutions",
    "reports.found",
    "reports.report_of",
    "reports.recommendations",
    "tables.detected",
    "tables.header",
    "tables.columns",
)

Range = tuple[int, int]


# --------------------------------------------------------------------------------------------------
# Counts and metrics


@dataclass
class FieldScore:
    """Counts for one field of one file, plus the items behind the errors (for reading, not maths)."""

    gold: int = 0
    got: int = 0
    tp: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "got": self.got, "tp": self.tp,
                "missed": list(self.missed), "extra": list(self.extra)}


def metrics(gold: int, got: int, tp: int) -> dict[str, float | None]:
    """Micro precision / recall / F1. `None` where there was nothing to score either way.

    F1 is computed as 2tp/(gold+got), which equals the harmonic mean when both are defined and is
    0 (not undefined) for an empty output against non-empty gold: missing everything scores zero.
    """
    if gold == 0 and got == 0:
        return {"precision": None, "recall": None, "f1": None}
    return {
        "precision": tp / got if got else 0.0,
        "recall": tp / gold if gold else 0.0,
        "f1": 2 * tp / (gold + got),
    }


def pool(counts: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, Any]]:
    """Sum per-file counts field by field and add metrics; fields no file scored are omitted."""
    sums: dict[str, list[int]] = {}
    for file_counts in counts:
        for name, c in file_counts.items():
            s = sums.setdefault(name, [0, 0, 0])
            s[0] += int(c["gold"])
            s[1] += int(c["got"])
            s[2] += int(c["tp"])
    ordered = [f for f in FIELDS if f in sums] + sorted(f for f in sums if f not in FIELDS)
    return {
        name: {"gold": sums[name][0], "got": sums[name][1], "tp": sums[name][2],
               **metrics(*sums[name])}
        for name in ordered
    }


# --------------------------------------------------------------------------------------------------
# Normalisation

_NON_WORD = re.compile(r"[^\w\s]|_")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NAME_CUT = re.compile(r"\s[-–—]\s|,|;")
_HONORIFICS = frozenset({
    "councillor", "councillors", "cllr", "cllrs", "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame",
    "prof", "professor", "rev", "revd", "reverend", "lord", "lady", "baroness", "baron", "the", "&",
    "and",
})
_POSTNOMINALS = frozenset({"obe", "mbe", "cbe", "kbe", "dbe", "jp", "dl", "kc", "qc", "mp", "mep", "bem"})


def tokens(text: object) -> tuple[str, ...]:
    """Title tokens: case, punctuation and whitespace do not matter, words and their order do."""
    if text is None:
        return ()
    t = unicodedata.normalize("NFKC", str(text)).lower()
    return tuple(_NON_WORD.sub(" ", t).split())


def same_text(a: object, b: object) -> bool:
    """Token equality, the comparison used for titles, bodies, venues and report authors."""
    return tokens(a) == tokens(b)


def normalise_name(name: object) -> str:
    """A person's name reduced to what identifies them in a list of attendees.

    Drops honorifics ("Councillor", "County Cllr", "Mr", "Sir" ...), roles in parentheses
    ("(Chair)"), anything after a dash, comma or semicolon (a role or post-nominal, e.g.
    "Mr R C Love, OBE", "Jane Doe - Head of Legal"), post-nominal letters, dots, case and spacing,
    so "Councillor M Simmons (Chair)" and "M. Simmons" both become "m simmons".
    """
    if name is None:
        return ""
    text = unicodedata.normalize("NFKC", str(name)).replace("’", "'")
    text = _PARENS.sub(" ", text)
    text = _NAME_CUT.split(text, maxsplit=1)[0]
    text = text.lower().replace(".", " ")
    words = [w.strip("'\"") for w in text.split()]
    words = [w for w in words if w]
    while words and (words[0] in _HONORIFICS or (words[0] == "county" and len(words) > 1
                                                 and words[1] in {"councillor", "cllr"})):
        words.pop(0)
    while words and words[-1] in _POSTNOMINALS:
        words.pop()
    return " ".join(words)


def _number(value: object) -> str:
    """Item numbers compare as printed, ignoring case, spaces and a trailing full stop."""
    return re.sub(r"\s+", "", str(value or "")).rstrip(".").lower()


def _range(value: object) -> Range | None:
    """Gold writes ranges as `[first, last]`, the output as `{"first", "last"}`; accept both."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        first, last = value.get("first"), value.get("last")
    elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        first, last = value[0], value[1]
    else:
        return None
    try:
        return int(first), int(last)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _show(value: object, limit: int = 90) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show_range(r: Range | None) -> str:
    return "-" if r is None else (str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}")


def _get(obj: object, *path: str) -> Any:
    """Walk nested dicts leniently: a missing or null step yields None (the pipeline is partial)."""
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _person_name(value: object) -> str | None:
    if isinstance(value, Mapping):
        return value.get("name")
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------------------------------
# Generic matchers


def _match_multiset(gold: Sequence[tuple[Hashable, str]], out: Sequence[tuple[Hashable, str]]) -> FieldScore:
    """Match items by key, each output item used at most once; unmatched items keep their label."""
    free: dict[Hashable, list[int]] = {}
    for index, (key, _) in enumerate(out):
        free.setdefault(key, []).append(index)
    used: set[int] = set()
    s = FieldScore(gold=len(gold), got=len(out))
    for key, label in gold:
        candidates = free.get(key)
        if candidates:
            used.add(candidates.pop(0))
            s.tp += 1
        else:
            s.missed.append(label)
    s.extra = [label for index, (_, label) in enumerate(out) if index not in used]
    return s


def _match_sets(gold: Iterable[Hashable], out: Iterable[Hashable], label: Callable[[Any], str] = str,
                ) -> FieldScore:
    g, o = set(gold), set(out)
    return FieldScore(gold=len(g), got=len(o), tp=len(g & o),
                      missed=[label(x) for x in _sorted(g - o)], extra=[label(x) for x in _sorted(o - g)])


def _sorted(values: Iterable[Any]) -> list[Any]:
    items = list(values)
    try:
        return sorted(items)
    except TypeError:  # mixed types from a malformed output: any stable order will do
        return sorted(items, key=str)


def _merge(into: FieldScore, part: FieldScore, prefix: str = "") -> None:
    into.gold += part.gold
    into.got += part.got
    into.tp += part.tp
    into.missed.extend(prefix + m for m in part.missed)
    into.extra.extend(prefix + e for e in part.extra)


# --------------------------------------------------------------------------------------------------
# Field groups


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


def _exact(a: object, b: object) -> bool:
    return str(a).strip() == str(b).strip()


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


def _pair(gold: Sequence[Any], out: Sequence[Any], passes: Sequence[Callable[[Any, Any], bool]],
          ) -> list[tuple[int, int]]:
    """One-to-one pairing in passes (best evidence first), each pass in document order."""
    pairs: list[tuple[int, int]] = []
    free_g, free_o = set(range(len(gold))), set(range(len(out)))
    for same in passes:
        for gi in sorted(free_g):
            for oi in sorted(free_o):
                if same(gold[gi], out[oi]):
                    pairs.append((gi, oi))
                    free_g.discard(gi)
                    free_o.discard(oi)
                    break
    return sorted(pairs)


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


def _cell(text: object) -> str:
    return " ".join(tokens(text))


def _cells(values: Iterable[object]) -> list[str]:
    return [c for c in (_cell(v) for v in values) if c]


def _out_cols(table: Mapping[str, Any]) -> int:
    n = table.get("n_cols") or 0
    if n:
        return int(n)
    widths = [len(_list(table.get("header")))] + [len(_list(r)) for r in _list(table.get("rows"))]
    return max(widths)


def _out_first_column(table: Mapping[str, Any]) -> list[str]:
    firsts = [_list(r)[0] for r in _list(table.get("rows")) if _list(r)]
    header = _list(table.get("header"))
    return _cells(([header[0]] if header else []) + firsts)


def _cell_labels(page: int, cells: list[Any], wanted: Counter[str]) -> list[str]:
    """The printed text of the header cells in `wanted` (normalised), for the misses listing."""
    left = Counter(wanted)
    labels = []
    for cell in cells:
        key = _cell(cell)
        if key and left[key] > 0:
            left[key] -= 1
            labels.append(f"p{page} {_show(cell, 40)!r}")
    return labels


def _multiset_overlap(a: Sequence[str], b: Sequence[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def table_similarity(gold: Mapping[str, Any], out: Mapping[str, Any]) -> float:
    """How alike a gold table and an output table (part) are, 0..1, from header and first column.

    Header: multiset F1 of normalised non-empty cells. First column: share of the gold's (at most 5)
    first-column cells found among the output's first-column cells. The mean of whichever the gold
    annotates; used only to decide which table pairs with which on a page.
    """
    parts: list[float] = []
    g_header = _cells(_list(gold.get("header")))
    if g_header:
        o_header = _cells(_list(out.get("header")))
        parts.append(2 * _multiset_overlap(g_header, o_header) / (len(g_header) + len(o_header)))
    g_first = _cells(_list(gold.get("first_column")))
    if g_first:
        o_first = set(_out_first_column(out))
        parts.append(sum(1 for c in g_first if c in o_first) / len(g_first))
    return sum(parts) / len(parts) if parts else 0.0


def _score_tables(out: Mapping[str, Any], gold: Mapping[str, Any], scores: dict[str, FieldScore]) -> None:
    scope = _range(gold.get("tables_scope"))
    assert scope is not None
    in_scope = range(scope[0], scope[1] + 1)
    g_by_page: dict[int, list[Mapping[str, Any]]] = {}
    for t in _list(gold.get("tables")):
        if isinstance(t, Mapping) and t.get("pdf_page") in in_scope:
            g_by_page.setdefault(int(t["pdf_page"]), []).append(t)
    # An output table spanning pages is a candidate on each page it covers (gold lists one per page).
    o_by_page: dict[int, list[Mapping[str, Any]]] = {}
    for doc in _list(out.get("documents")):
        for t in _list(_get(doc, "tables")):
            if not isinstance(t, Mapping):
                continue
            span = _range(t.get("pdf_pages"))
            pages = range(span[0], span[1] + 1) if span else [t.get("pdf_page")]
            for page in pages:
                if page in in_scope:
                    o_by_page.setdefault(int(page), []).append(t)  # type: ignore[arg-type]

    detected, header, columns = FieldScore(), FieldScore(), FieldScore()
    for page in sorted(g_by_page.keys() | o_by_page.keys()):
        g_tables, o_tables = g_by_page.get(page, []), o_by_page.get(page, [])
        ranked = sorted(((table_similarity(g, o), gi, oi) for gi, g in enumerate(g_tables)
                         for oi, o in enumerate(o_tables)), key=lambda x: (-x[0], x[1], x[2]))
        pairs: dict[int, int] = {}
        used: set[int] = set()
        for _, gi, oi in ranked:
            if gi not in pairs and oi not in used:
                pairs[gi] = oi
                used.add(oi)

        def label(t: Mapping[str, Any], page: int = page) -> str:
            head = " | ".join(str(c) for c in _list(t.get("header")))
            return f"p{page} [{_show(head, 60)}]"

        detected.gold += len(g_tables)
        detected.got += len(o_tables)
        detected.tp += len(pairs)
        detected.missed += [label(g) for gi, g in enumerate(g_tables) if gi not in pairs]
        detected.extra += [label(o) for oi, o in enumerate(o_tables) if oi not in used]

        for gi, g in enumerate(g_tables):
            g_cells = _cells(_list(g.get("header")))
            header.gold += len(g_cells)
            columns.gold += 1
            oi = pairs.get(gi)
            o_header = _list(o_tables[oi].get("header")) if oi is not None else []
            o_cells = _cells(o_header)
            missing = Counter(g_cells) - Counter(o_cells)
            header.tp += len(g_cells) - sum(missing.values())
            header.missed += _cell_labels(page, _list(g.get("header")), missing)
            if oi is not None:
                header.extra += _cell_labels(page, o_header, Counter(o_cells) - Counter(g_cells))
            have = _out_cols(o_tables[oi]) if oi is not None else None
            if have is not None and have == g.get("cols"):
                columns.tp += 1
            else:
                got_cols = "-" if have is None else have
                columns.missed.append(f"{g.get('cols')} cols (got {got_cols}) {label(g)}")
        for oi, o in enumerate(o_tables):
            o_cells = _cells(_list(o.get("header")))
            header.got += len(o_cells)
            columns.got += 1
            if oi not in used:
                header.extra += _cell_labels(page, _list(o.get("header")), Counter(o_cells))
                columns.extra.append(f"{_out_cols(o)} cols {label(o)}")
    scores["tables.detected"] = detected
    scores["tables.header"] = header
    scores["tables.columns"] = columns


# --------------------------------------------------------------------------------------------------
# Entry point


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
