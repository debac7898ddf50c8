"""Every scorecard and slide table of the Durham pack, cell by cell, against the seed text.

The seed (../shared/seed, read in place) prints each table as tab-separated lines with `<i>` header
cells; the extracted tables must carry the same rows, columns and cell texts.
"""

from __future__ import annotations

import re

import pytest

from tests.corpus import CORPUS, extracted, needs_corpus

SEED = CORPUS.parent / "seed" / "durham_corporate_parenting_panel_2022-12-16.txt"
STEM = "durham_cpp_2022-12-16_agenda_pack"

pytestmark = [needs_corpus, pytest.mark.skipif(not SEED.exists(), reason="seed text not found")]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"</?i>|\*\*", "", text).split())


def seed_tables() -> list[list[list[str]]]:
    """Runs of tab-separated lines, as rows of cells (the scorecard and slide tables)."""
    tables: list[list[list[str]]] = []
    run: list[list[str]] = []
    for line in [*SEED.read_text(encoding="utf-8").splitlines(), ""]:
        if "\t" in line:
            run.append([_norm(c) for c in line.split("\t")])
        elif run:
            tables.append(run)
            run = []
    return tables


def _all_rows(table) -> list[list[str]]:
    rows = [list(r) for r in table.header_rows] if table.header_rows else ([table.header] if table.header else [])
    return [[_norm(c) for c in r] for r in rows + [list(r) for r in table.rows]]


def _content(rows: list[list[str]]) -> list[list[str]]:
    """Rows without empty cells: merged cells and spans are laid out differently, texts are not."""
    return [[c for c in r if c] for r in rows if any(r)]


def _durham_tables():
    pack = extracted(STEM)
    return [t for d in pack.documents for t in d.tables]


# seed tables 0-5: the scorecard (pdf 30-33); 6-13: slide tables (36-41); 16-17: the annual report's
# tables (47, 50). 14-15 are the report's contents list (dot leaders), not data tables.
DATA_TABLES = [*range(14), 16, 17]


def test_seed_has_the_tables() -> None:
    assert len(seed_tables()) == 18


@pytest.mark.parametrize("index", DATA_TABLES)
def test_table_cells_match_seed(index: int) -> None:
    want = _content(seed_tables()[index])
    candidates = [_content(_all_rows(t)) for t in _durham_tables()]
    # the extracted table holding the seed table's first body row
    hits = [c for c in candidates if any(row == want[1] for row in c)] if len(want) > 1 else []
    assert hits, f"no extracted table holds the seed row {want[1] if len(want) > 1 else want}"
    best = max(hits, key=lambda c: sum(1 for row in want if row in c))
    missing = [row for row in want if row not in best]
    assert not missing, f"rows not extracted as printed: {missing[:3]}"
