"""Full-text search over the batch database (`packparse search`).

`packparse batch ... --db FILE` keeps four SQLite FTS5 indexes in step with the packs (see
`packparse.batch.db`): `document_pages_fts` over each document's text cut at its pdf pages,
`minute_items_fts` (number, title, text), `decisions_fts` and `recommendations_fts`. Each is an external
content index of the table of the same name without `_fts`, kept by triggers, so deleting or replacing
a pack updates them in the same transaction.

A search ranks document pages by bm25 (a page is the unit a reader opens) and adds, for each page, the
minute item, decisions and report recommendations of that document on that page which match too ("where
was it discussed, and what was decided"). The query is FTS5 syntax ("a phrase", a AND b, a OR b, NOT,
prefix*, NEAR(...)); a query that is not valid FTS5 is read again as plain words, all of which must
appear, and one that holds no word at all is refused with a clear message.

Document text lies on pages as printed, but the JSON keeps a document's text whole; `split_pages` finds
where each of its lines is printed by matching it against PDFium's plain text of each page (read once at
load, a few ms a page), so a hit names the page the words are on.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from packparse.errors import ExitCode, PackparseError

HIT_START, HIT_END = "\x02", "\x03"  # snippet() markers, turned into bold or ** by the caller
_WORD = re.compile(r"\w+")
_NOT_WORD = re.compile(r"[\W_]+")
MIN_LINE = 4  # normalised characters: a shorter line says nothing about where it is printed
MIN_JUMP = 10  # a line moves the page on only when this long (a short line may be printed anywhere)


class SearchError(PackparseError):
    """A query or database that cannot be searched: one line, exit 2 (usage) or 3 (no database)."""

    def __init__(self, path: str, reason: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(path, reason)
        self.exit_code = exit_code


# -- where a document's lines are printed ----------------------------------------------------------


def norm(text: str) -> str:
    """Letters and digits only, case-folded and NFKC-normalised (ligatures and hyphen markers gone)."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def split_pages(text: str, pages: Sequence[int], page_texts: dict[int, str] | None) -> list[tuple[int, str]]:
    """Cut a document's `text` (its lines in reading order, page after page) at its `pages` (pdf page
    numbers, in order, that can hold text): [(pdf_page, text on it)], pages with no line left out.

    Lines are put on pages in order (never back), so that as many letters as possible land on a page
    whose plain text (`page_texts`, PDFium's) holds their line, letters and digits compared: one line
    printed again further on (a heading, a total) does not pull the rest along. A line found nowhere
    (redacted, OCR'd) stays with the line before it. Without `page_texts` the lines are spread evenly.
    """
    lines = text.split("\n")
    if not pages or not text.strip():
        return []
    where = _align(lines, [norm(page_texts.get(p, "")) for p in pages]) if page_texts else None
    if where is None:
        where = [min(len(pages) - 1, i * len(pages) // max(1, len(lines))) for i in range(len(lines))]
    out: list[tuple[int, list[str]]] = []
    for line, at in zip(lines, where, strict=True):
        if out and out[-1][0] == pages[at]:
            out[-1][1].append(line)
        else:
            out.append((pages[at], [line]))
    return [(page, "\n".join(chunk)) for page, chunk in out if "".join(chunk).strip()]


def _align(lines: list[str], normed: list[str]) -> list[int] | None:
    """The page index of each line: the monotone path scoring each line's letters (up to 60) where its
    page holds it, less one for each move to a later page (dynamic programming over lines x pages)."""
    if not any(normed) or not lines:  # no page has text (scanned pages read with OCR)
        return None
    n_pages = len(normed)
    scores: list[list[int]] = []
    for line in lines:
        n = norm(line)
        weight = min(len(n), 60) if len(n) >= MIN_LINE else 0
        scores.append([weight if n in page else 0 for page in normed] if weight else [0] * n_pages)
    best = [scores[0][j] - (j > 0) for j in range(n_pages)]
    came: list[list[int]] = [list(range(n_pages))]  # came[i][j]: the page of line i-1 on the best path
    for i in range(1, len(lines)):
        row, back = [0] * n_pages, [0] * n_pages
        top, top_at = -(1 << 30), 0  # the best of best[k] for k < j, and its k
        for j in range(n_pages):
            # moving on from the best earlier page wins ties: a line found nowhere stays behind
            if j and top - 1 >= best[j]:
                row[j], back[j] = top - 1 + scores[i][j], top_at
            else:
                row[j], back[j] = best[j] + scores[i][j], j
            if best[j] > top:
                top, top_at = best[j], j
        best = row
        came.append(back)
    at = max(range(n_pages), key=lambda j: (best[j], -j))
    where = [0] * len(lines)
    for i in range(len(lines) - 1, -1, -1):
        where[i] = at
        at = came[i][at]
    return where


def page_of(passage: str, chunks: list[tuple[int, str]], default: int | None = None) -> int | None:
    """The page of the chunk that holds `passage` (its first 80 letters and digits), else `default`."""
    key = norm(passage)[:80]
    if key:
        for page, chunk in chunks:
            if key in norm(chunk):
                return page
    return default


# -- searching ------------------------------------------------------------------------------------


@dataclass
class Hit:
    rank: int
    score: float
    file: str
    council: str | None
    body: str | None
    date: str | None
    document_title: str | None
    document_kind: str
    agenda_item: str | None
    pdf_page: int
    printed_page: int | None
    document_pages: tuple[int | None, int | None]
    snippet: str
    minute_item: dict[str, Any] | None = None
    decisions: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    path: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["snippet"] = marked(self.snippet, "**", "**")
        data["document_pages"] = {"first": self.document_pages[0], "last": self.document_pages[1]}
        for d in data["decisions"]:
            d["text"] = marked(d["text"], "**", "**")
        data["recommendations"] = [marked(r, "**", "**") for r in self.recommendations]
        return data


@dataclass
class Results:
    query: str
    read_as: str  # the FTS5 query that ran (the query itself, or its words when it was not valid FTS5)
    hits: list[Hit]
    seconds: float
    note: str | None = None


def marked(text: str, start: str, end: str) -> str:
    return text.replace(HIT_START, start).replace(HIT_END, end)


def open_db(path: Path) -> sqlite3.Connection:
    """The database read-only, with its search index; SearchError (exit 3) when it is missing or has none."""
    if not path.is_file():
        raise SearchError(str(path), "no such database (make one with: packparse batch PDFS -o OUT --db FILE)",
                          ExitCode.UNREADABLE)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise SearchError(str(path), f"not a packparse database ({exc})", ExitCode.UNREADABLE) from None
    if "document_pages_fts" not in names:
        conn.close()
        why = ("made by an older packparse: run the same `packparse batch ... --db` again to add the index"
               if "packs" in names else "not a packparse database (no packs table)")
        raise SearchError(str(path), f"no search index: {why}", ExitCode.UNREADABLE)
    return conn


def plain_words(query: str) -> str:
    """What an invalid FTS5 query is read as: each run of characters between spaces (quotes dropped) as a
    phrase, all required: `"2025-26` -> `"2025-26"` (2025 then 26), a lone `*` -> nothing."""
    chunks = [chunk.replace('"', "") for chunk in query.split()]
    return " AND ".join(f'"{chunk}"' for chunk in chunks if _WORD.search(chunk))


def _filters(council: str | None, body: str | None, since: str | None, kind: str | None) -> tuple[str, list]:
    where, args = [], []
    if council:
        where.append("(COALESCE(m.council, p.council, '') LIKE ? OR COALESCE(p.council, '') LIKE ?)")
        args += [f"%{council}%"] * 2
    if body:
        where.append("(COALESCE(m.body, p.body, '') LIKE ? OR COALESCE(p.body, '') LIKE ?)")
        args += [f"%{body}%"] * 2
    if since:
        where.append("COALESCE(m.date, p.date) >= ?")
        args.append(since)
    if kind:
        where.append("d.kind = ?")
        args.append(kind)
    return "".join(f" AND {w}" for w in where), args


_PAGES_SQL = """
SELECT dp.document_id, dp.pdf_page, dp.printed_page, bm25(document_pages_fts) AS score,
       snippet(document_pages_fts, 0, char(2), char(3), '…', {tokens}),
       p.file, p.path, COALESCE(m.council, p.council), COALESCE(m.body, p.body), COALESCE(m.date, p.date),
       d.title, d.kind, d.agenda_item, d.pdf_first, d.pdf_last
FROM document_pages_fts
JOIN document_pages dp ON dp.page_id = document_pages_fts.rowid
JOIN documents d ON d.document_id = dp.document_id
JOIN packs p ON p.pack_id = dp.pack_id
LEFT JOIN meetings m ON m.meeting_id = p.meeting_id
WHERE document_pages_fts MATCH ?{filters}
ORDER BY score
LIMIT ?
"""


def search(db: Path | sqlite3.Connection, query: str, *, council: str | None = None, body: str | None = None,
           since: str | None = None, kind: str | None = None, limit: int = 10, tokens: int = 24) -> Results:
    """Rank the document pages that match `query` (FTS5 syntax, or plain words) by bm25, best first."""
    started = time.perf_counter()
    name = str(db) if isinstance(db, Path) else "database"
    if not query.strip():
        raise SearchError(name, "empty query: give a word or a phrase to search for")
    if since is not None:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            raise SearchError(name, f"--since {since!r} is not a date (YYYY-MM-DD)") from None
    conn = open_db(db) if isinstance(db, Path) else db
    try:
        read_as, note = query, None
        try:
            rows = _page_rows(conn, read_as, council, body, since, kind, limit, tokens)
        except sqlite3.OperationalError as exc:
            if not _is_query_error(exc):
                raise
            read_as = plain_words(query)
            if not read_as:
                raise SearchError(name, f"nothing to search for in {query!r}: give a word, a \"phrase\", "
                                        "a AND b, a OR b, NOT c or a prefix*") from None
            note = f"not valid FTS5 ({exc}); read as the words {read_as}"
            rows = _page_rows(conn, read_as, council, body, since, kind, limit, tokens)
        hits = [Hit(rank=i + 1, score=round(-row[3], 4), file=row[5], path=row[6], council=row[7], body=row[8],
                    date=row[9], document_title=row[10], document_kind=row[11], agenda_item=row[12],
                    pdf_page=row[1], printed_page=row[2], document_pages=(row[13], row[14]), snippet=_flat(row[4]))
                for i, row in enumerate(rows)]
        _context(conn, read_as, hits, rows)
    finally:
        if isinstance(db, Path):
            conn.close()
    return Results(query=query, read_as=read_as, hits=hits, seconds=time.perf_counter() - started, note=note)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return text.startswith(("fts5:", "no such column", "unknown special query", "unterminated string"))


def _page_rows(conn: sqlite3.Connection, query: str, council: str | None, body: str | None, since: str | None,
               kind: str | None, limit: int, tokens: int) -> list[tuple]:
    filters, args = _filters(council, body, since, kind)
    sql = _PAGES_SQL.format(filters=filters, tokens=max(4, min(64, tokens)))
    return conn.execute(sql, [query, *args, limit]).fetchall()


def _context(conn: sqlite3.Connection, query: str, hits: list[Hit], rows: list[tuple]) -> None:
    """The matching minute item, decisions and recommendations of each hit's document on its page."""
    if not hits:
        return
    docs = sorted({row[0] for row in rows})
    marks = ",".join("?" * len(docs))
    pages = {(row[0], row[1]): hit for row, hit in zip(rows, hits, strict=True)}
    decisions = conn.execute(
        f"SELECT mi.document_id, d.pdf_page, d.kind, snippet(decisions_fts, 0, char(2), char(3), '…', 40), "
        f"mi.number, mi.title, mi.pdf_page "
        f"FROM decisions_fts JOIN decisions d ON d.decision_id = decisions_fts.rowid "
        f"JOIN minute_items mi ON mi.minute_item_id = d.minute_item_id "
        f"WHERE decisions_fts MATCH ? AND mi.document_id IN ({marks}) ORDER BY d.decision_id",
        [query, *docs]).fetchall()
    for document_id, page, kind, text, number, title, item_page in decisions:
        hit = pages.get((document_id, page))
        if hit is not None:
            hit.decisions.append({"kind": kind, "text": _flat(text), "pdf_page": page})
            if hit.minute_item is None:  # the item the first matching decision on the page is under
                hit.minute_item = {"number": number, "title": title, "pdf_page": item_page}
    items = conn.execute(  # else the last matching minute item that starts on or before the page
        f"SELECT mi.document_id, mi.number, mi.title, mi.pdf_page FROM minute_items_fts "
        f"JOIN minute_items mi ON mi.minute_item_id = minute_items_fts.rowid "
        f"WHERE minute_items_fts MATCH ? AND mi.document_id IN ({marks}) ORDER BY mi.document_id, mi.position",
        [query, *docs]).fetchall()
    for (document_id, page), hit in pages.items():
        if hit.minute_item is not None:
            continue
        before = [it for it in items if it[0] == document_id and it[3] is not None and it[3] <= page]
        if before:
            hit.minute_item = {"number": before[-1][1], "title": before[-1][2], "pdf_page": before[-1][3]}
    recommendations = conn.execute(
        f"SELECT r.document_id, r.pdf_page, snippet(recommendations_fts, 0, char(2), char(3), '…', 40) "
        f"FROM recommendations_fts JOIN recommendations r ON r.recommendation_id = recommendations_fts.rowid "
        f"WHERE recommendations_fts MATCH ? AND r.document_id IN ({marks}) ORDER BY r.recommendation_id",
        [query, *docs]).fetchall()
    for document_id, page, text in recommendations:
        hit = pages.get((document_id, page))
        if hit is not None:
            hit.recommendations.append(_flat(text))
