"""Full-text search over the batch database: the FTS5 indexes, `packparse search`, and their upkeep.

A batch over a few corpus files (read in place through symlinks) and the sample fills one database;
known phrases must come back with the right file and pdf page first, FTS5 syntax in a query must give a
result or a one-line error (never a traceback), and re-running the batch (replacing packs) must leave
the indexes in step with the tables.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from packparse.batch import db as dbmod
from packparse.search import SearchError, plain_words, search, split_pages
from tests.corpus import CORPUS

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
FILES = ("packs/durham_cpp_2022-12-16_agenda_pack.pdf", "real/kent_cabinet_2025-01-30_printed_minutes.pdf",
         "real/gloucester_cabinet_2025-12-10_cts_scheme_report.pdf", "real/souldern_pc_2013-12-05_minutes.pdf",
         "real/milburn_pc_2019-07-02_agenda.pdf")
# (query, file, pdf page, document kind): each phrase is printed on that page of that file
KNOWN = [
    ('"Implementation of the PACE Model"', "durham_cpp_2022-12-16_agenda_pack.pdf", 20, "report"),
    ('"review of the pre-birth service"', "durham_cpp_2022-12-16_agenda_pack.pdf", 60, "report"),
    ("return home interviews", "durham_cpp_2022-12-16_agenda_pack.pdf", 38, "presentation"),
    ('"fifth anniversary of the ARIS agreement"', "kent_cabinet_2025-01-30_printed_minutes.pdf", 8, "minutes"),
    ('"precept of £5,700"', "souldern_pc_2013-12-05_minutes.pdf", 3, "minutes"),
    ("Welfare Reform Bill 2025", "gloucester_cabinet_2025-12-10_cts_scheme_report.pdf", 7, "report"),
    ("Wicksteed play equipment", "milburn_pc_2019-07-02_agenda.pdf", 1, "agenda"),
]
NASTY = ["*", '"', '""', "AND", "OR OR", "NOT", "(", ")", "a AND", "NEAR(", "NEAR(a b, -1)", "^", ":", "title:x",
         "text:", "*a", "a**", "'", "{a b}:c", "\\", "-", "a - b", "x" * 3000, "\u00e9cole", "🙂", "NEAR/3"]


def _batch(inputs: list[Path], out: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", "batch", *map(str, inputs), "-o", str(out),
                           "--db", str(db), "--quiet", "--jobs", "2", *extra],
                          capture_output=True, text=True, timeout=600)


@cache
def corpus_db(tmp: Path) -> Path:
    folder = tmp / "in"
    folder.mkdir()
    (folder / SAMPLE.name).symlink_to(SAMPLE)
    for rel in FILES:
        if (CORPUS / rel).exists():
            (folder / Path(rel).name).symlink_to(CORPUS / rel)
    db = tmp / "packs.sqlite"
    result = _batch([folder], tmp / "out", db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus_db(tmp_path_factory.mktemp("search"))


def _search_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", "search", *args], capture_output=True, text=True,
                          timeout=120)


# -- where text is printed -------------------------------------------------------------------------


def test_split_pages_follows_the_pages_text() -> None:
    text = "Budget report\nThe budget is balanced this year.\nTotals\nA second page begins here at last.\n" \
           "Totals\nthe end of page two text."
    pages = {10: "Budget report The budget is balanced this year. Totals", 11: "",
             12: "A second page begins here at last. Totals the end of page two text.",
             13: "Budget report The budget is balanced this year. Totals (repeated on an index page)"}
    chunks = split_pages(text, [10, 11, 12, 13], pages)
    assert [p for p, _t in chunks] == [10, 12]
    assert chunks[1][1].startswith("A second page")
    # without the pages' text the lines are spread evenly
    assert [p for p, _t in split_pages(text, [10, 12], None)] == [10, 12]
    assert split_pages("", [1], pages) == []


def test_a_line_printed_again_later_does_not_pull_the_rest_along() -> None:
    lines = [f"paragraph {i} says something particular about item {i}" for i in range(6)]
    pages = {1: " ".join(lines[:3]), 2: " ".join(lines[3:]), 3: lines[1] + " (quoted again in an annex)"}
    chunks = dict(split_pages("\n".join(lines), [1, 2, 3], pages))
    assert chunks[1].count("\n") == 2 and chunks[2].startswith("paragraph 3") and 3 not in chunks


def test_plain_words() -> None:
    assert plain_words('"library closure') == '"library" AND "closure"'
    assert plain_words("2025-26 budget") == '"2025-26" AND "budget"'
    assert plain_words("* ( )") == ""


# -- searching -------------------------------------------------------------------------------------


@pytest.mark.skipif(not (CORPUS / FILES[0]).exists(), reason=f"shared corpus not found at {CORPUS}")
@pytest.mark.parametrize(("query", "file", "page", "kind"), KNOWN, ids=[k[0] for k in KNOWN])
def test_known_phrases_come_first_with_their_page(db: Path, query: str, file: str, page: int, kind: str) -> None:
    results = search(db, query, limit=5)
    assert results.hits, query
    top = results.hits[0]
    assert (top.file, top.pdf_page, top.document_kind) == (file, page, kind)
    assert "\x02" in top.snippet  # the match is marked
    assert results.seconds < 0.5


def test_the_sample_is_found_with_its_meeting_and_filters(db: Path) -> None:
    hits = search(db, "transport", council="borsetshire", limit=50).hits
    assert hits and {h.file for h in hits} == {"example_pack.pdf"}
    assert all(h.council == "Borsetshire County Council" and h.date == "2023-03-14" for h in hits)
    assert search(db, "transport", council="borsetshire", since="2023-03-15").hits == []
    assert {h.document_kind for h in search(db, "transport", council="borset", kind="report", limit=50).hits} \
        == {"report"}
    assert search(db, "transport", body="scrutiny", limit=50).hits
    with pytest.raises(SearchError, match="not a date"):
        search(db, "transport", since="last week")


def test_decisions_and_recommendations_are_shown_with_their_page(db: Path) -> None:
    hits = search(db, "school transport", council="borsetshire", limit=50).hits
    assert any(h.recommendations for h in hits) or any(h.decisions for h in hits)
    for h in hits:
        for d in h.decisions:
            assert d["pdf_page"] == h.pdf_page


@pytest.mark.skipif(not (CORPUS / FILES[3]).exists(), reason=f"shared corpus not found at {CORPUS}")
def test_a_hit_in_minutes_names_its_item_and_decision(db: Path) -> None:
    top = search(db, '"precept of £5,700"').hits[0]
    assert top.minute_item is not None and top.minute_item["number"] == "5"  # Finance, not the page's last item
    assert top.decisions and "\x02precept" in top.decisions[0]["text"].replace("\x02\x02", "\x02")


@pytest.mark.parametrize("query", NASTY)
def test_fts_syntax_never_raises_a_traceback(db: Path, query: str) -> None:
    try:
        results = search(db, query)
    except SearchError as exc:
        assert "nothing to search for" in str(exc) or "empty query" in str(exc)
    else:
        assert results.read_as


def test_cli_search(db: Path) -> None:
    result = _search_cli('"fifth anniversary of the ARIS agreement"', "--db", str(db))
    if (CORPUS / FILES[1]).exists():
        assert result.returncode == 0, result.stderr
        assert "pdf page 8" in result.stdout and "kent_cabinet_2025-01-30_printed_minutes.pdf" in result.stdout
    as_json = _search_cli("transport", "--db", str(db), "--json", "--council", "Borsetshire", "--limit", "3")
    data = json.loads(as_json.stdout)
    assert data["hits"] and len(data["hits"]) <= 3 and "**" in data["hits"][0]["snippet"]
    assert set(data["hits"][0]) >= {"rank", "score", "file", "council", "body", "date", "document_title",
                                    "document_kind", "pdf_page", "snippet"}
    for query, code in (("*", 2), ('"', 2), ("AND", 0), ("NEAR(", 0), ("", 2)):
        result = _search_cli(query, "--db", str(db))
        assert result.returncode == code, (query, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    bad_kind = _search_cli("x", "--db", str(db), "--kind", "novel")
    assert bad_kind.returncode == 2 and "not a document kind" in bad_kind.stderr
    missing = _search_cli("x", "--db", str(db.parent / "none.sqlite"))
    assert missing.returncode == 3 and "no such database" in missing.stderr


def test_search_needs_an_index(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    sqlite3.connect(old).execute("CREATE TABLE packs (pack_id INTEGER PRIMARY KEY)").connection.commit()
    with pytest.raises(SearchError, match="no search index"):
        search(old, "x")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database at all" * 100)
    with pytest.raises(SearchError):
        search(junk, "x")


# -- keeping the index in step ---------------------------------------------------------------------


def _fts_consistent(conn: sqlite3.Connection) -> None:
    for table in dbmod.FTS_TABLES:
        conn.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")


def _index_hits(conn: sqlite3.Connection, phrase: str) -> int:
    """Entries in the index itself (not in its content table) that match: stale ones count too."""
    return conn.execute("SELECT count(*) FROM document_pages_fts WHERE document_pages_fts MATCH ?",
                        (phrase,)).fetchone()[0]


def test_rerunning_the_batch_keeps_the_index_in_step(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = folder / SAMPLE.name
    pdf.symlink_to(SAMPLE)
    db = tmp_path / "packs.sqlite"
    assert _batch([folder], tmp_path / "out", db).returncode == 0
    phrase = '"School Transport Policy Review"'
    with sqlite3.connect(db) as conn:
        _fts_consistent(conn)
        first = _index_hits(conn, phrase)
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in dbmod.FTS_TABLES}
    assert first > 0 and counts["document_pages"] > 0 and counts["minute_items"] > 0
    hits = len(search(db, phrase, limit=100).hits)

    for extra in ((), ("--force",), ("--force", "--redact")):  # unchanged, redone, redone differently
        assert _batch([folder], tmp_path / "out", db, *extra).returncode == 0
        with sqlite3.connect(db) as conn:
            _fts_consistent(conn)
            assert _index_hits(conn, phrase) == first
            assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in dbmod.FTS_TABLES} == counts
        assert len(search(db, phrase, limit=100).hits) == hits

    with sqlite3.connect(db) as conn:  # a pack deleted takes its index entries with it
        conn.execute("PRAGMA foreign_keys = ON")
        sha = conn.execute("SELECT sha256 FROM packs").fetchone()[0]
        with conn:
            dbmod.delete_pack(conn, sha)
        _fts_consistent(conn)
        assert _index_hits(conn, phrase) == 0
        assert all(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in dbmod.FTS_TABLES)


def test_a_database_made_before_the_index_gets_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / SAMPLE.name).symlink_to(SAMPLE)
    db = tmp_path / "packs.sqlite"
    assert _batch([folder], tmp_path / "out", db).returncode == 0
    with sqlite3.connect(db) as conn:  # as an older packparse left it: no index, no pages
        for table in dbmod.FTS_TABLES:
            conn.execute(f"DROP TABLE {table}_fts")
            for op in ("insert", "delete", "update"):
                conn.execute(f"DROP TRIGGER {table}_fts_{op}")
        conn.execute("DROP TABLE document_pages")
        conn.execute("DROP TABLE recommendations")
        conn.execute("UPDATE db_info SET value = '2' WHERE key = 'format'")
    with pytest.raises(SearchError, match="no search index"):
        search(db, "transport")
    assert _batch([folder], tmp_path / "out", db).returncode == 0  # no --force: the pack is loaded again
    with sqlite3.connect(db) as conn:
        _fts_consistent(conn)
        assert conn.execute("SELECT value FROM db_info WHERE key = 'format'").fetchone()[0] == str(dbmod.DB_FORMAT)
    assert search(db, '"School Transport Policy Review"').hits


def test_datasette_finds_the_indexes(tmp_path: Path) -> None:
    """datasette gives a table a search box when an FTS table names it as content="table" (double quotes)."""
    conn = dbmod.connect(tmp_path / "packs.sqlite")
    for table in dbmod.FTS_TABLES:
        found = conn.execute("SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
                             (f'%VIRTUAL TABLE%USING FTS%content="{table}"%',)).fetchall()
        assert found == [(f"{table}_fts",)]
    conn.close()
