"""Scoring tables: gold tables paired with output tables by page and similarity (cells, columns, first
column), then detection, columns, header and cells counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from packparse.evaluation.matching import FieldScore, _get, _list, _range, _show, tokens


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


def _starts_before(table: Mapping[str, Any], page: int) -> bool:
    span = _range(table.get("pdf_pages"))
    return (span[0] if span else table.get("pdf_page") or page) < page


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

        # A table continued from an earlier page prints its header there; on this page it counts only where
        # the gold says the header is printed again (a repeated header), never as extra where it is not.
        silent = {pairs[gi] for gi, g in enumerate(g_tables)
                  if gi in pairs and _starts_before(o_tables[pairs[gi]], page) and not _cells(_list(g.get("header")))}
        for gi, g in enumerate(g_tables):
            g_cells = _cells(_list(g.get("header")))
            header.gold += len(g_cells)
            columns.gold += 1
            oi = pairs.get(gi)
            o_header = _list(o_tables[oi].get("header")) if oi is not None and oi not in silent else []
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
            o_cells = _cells(_list(o.get("header"))) if oi not in silent else []
            header.got += len(o_cells)
            columns.got += 1
            if oi not in used:
                header.extra += _cell_labels(page, _list(o.get("header")), Counter(o_cells))
                columns.extra.append(f"{_out_cols(o)} cols {label(o)}")
    scores["tables.detected"] = detected
    scores["tables.header"] = header
    scores["tables.columns"] = columns
