"""Load batch results into SQLite: one row per pack, meeting, agenda item, document, person present,
minute item, decision, table and cell, with primary and foreign keys.

Re-runs replace a pack's rows (delete by sha256, cascading, then insert) inside one transaction, so
the database never holds half a pack. Files of one meeting (the pack, its supplements, the printed
minutes) share a `meetings` row, never on the date alone (`packparse.ids.meeting_groups`): the same
date, council and body; a file that prints no council joins the meeting of a council whose name it
prints, with the same body and date. The files of a date are grouped again whenever one of them is
loaded, so the result does not depend on the order files arrive in.

Full-text search (`packparse search`, `packparse.search`): `document_pages` holds each document's text cut
at the pdf pages it is printed on, `recommendations` a report's recommendations with their page; they,
`minute_items` and `decisions` each have an FTS5 index (`<table>_fts`, external content, porter stemming)
kept by triggers, so deleting a pack (a re-run replacing it) takes its index entries with it in the same
transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from packparse.ids import MeetingFile, body_key, meeting_groups, name_key, slug
from packparse.search import page_of, split_pages

DB_FORMAT = 3  # 2: packs.start_time, venue, meeting_key; meetings.packparse_id; 3: full-text search

SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id   INTEGER PRIMARY KEY,
    council      TEXT,
    body         TEXT,
    date         TEXT,
    start_time   TEXT,
    venue        TEXT,
    council_key  TEXT,
    body_key     TEXT,
    packparse_id TEXT
);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);

CREATE TABLE IF NOT EXISTS packs (
    pack_id           INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE,
    file              TEXT NOT NULL,
    path              TEXT,
    output            TEXT,
    meeting_id        INTEGER REFERENCES meetings(meeting_id),
    pdf_pages         INTEGER,
    bytes             INTEGER,
    title             TEXT,
    producer          TEXT,
    council           TEXT,
    body              TEXT,
    date              TEXT,
    start_time        TEXT,
    venue             TEXT,
    meeting_key       TEXT,
    warnings          INTEGER,
    packparse_version TEXT,
    schema_version    TEXT
);
CREATE INDEX IF NOT EXISTS packs_meeting ON packs(meeting_id);

CREATE TABLE IF NOT EXISTS agenda_items (
    agenda_item_id INTEGER PRIMARY KEY,
    pack_id        INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    number         TEXT,
    title          TEXT,
    presenter      TEXT,
    exempt         INTEGER,
    part           TEXT,
    printed_first  INTEGER,
    printed_last   INTEGER,
    pdf_first      INTEGER,
    pdf_last       INTEGER,
    pdf_page       INTEGER,
    UNIQUE (pack_id, position)
);

CREATE TABLE IF NOT EXISTS documents (
    document_id    INTEGER PRIMARY KEY,
    pack_id        INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(agenda_item_id) ON DELETE SET NULL,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    title          TEXT,
    agenda_item    TEXT,
    pdf_first      INTEGER,
    pdf_last       INTEGER,
    printed_first  INTEGER,
    printed_last   INTEGER,
    split_by       TEXT,
    text           TEXT,
    UNIQUE (pack_id, position)
);
CREATE INDEX IF NOT EXISTS documents_agenda_item ON documents(agenda_item_id);

CREATE TABLE IF NOT EXISTS attendance (
    attendance_id INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    pack_id       INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    list          TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT,
    pdf_page      INTEGER
);
CREATE INDEX IF NOT EXISTS attendance_document ON attendance(document_id);
CREATE INDEX IF NOT EXISTS attendance_pack ON attendance(pack_id);

CREATE TABLE IF NOT EXISTS minute_items (
    minute_item_id INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    pack_id        INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    number         TEXT,
    title          TEXT,
    text           TEXT,
    pdf_page       INTEGER,
    UNIQUE (document_id, position)
);
CREATE INDEX IF NOT EXISTS minute_items_pack ON minute_items(pack_id);

CREATE TABLE IF NOT EXISTS decisions (
    decision_id    INTEGER PRIMARY KEY,
    minute_item_id INTEGER NOT NULL REFERENCES minute_items(minute_item_id) ON DELETE CASCADE,
    pack_id        INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    text           TEXT NOT NULL,
    parts          TEXT,
    proposer       TEXT,
    seconder       TEXT,
    votes_for      INTEGER,
    votes_against  INTEGER,
    votes_abstain  INTEGER,
    unanimous      INTEGER,
    pdf_page       INTEGER,
    UNIQUE (minute_item_id, position)
);
CREATE INDEX IF NOT EXISTS decisions_pack ON decisions(pack_id);

CREATE TABLE IF NOT EXISTS "tables" (
    table_id     INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    pack_id      INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    pdf_page     INTEGER,
    pdf_first    INTEGER,
    pdf_last     INTEGER,
    n_cols       INTEGER,
    n_rows       INTEGER,
    n_header_rows INTEGER,
    header       TEXT,
    method       TEXT,
    UNIQUE (document_id, position)
);
CREATE INDEX IF NOT EXISTS tables_pack ON "tables"(pack_id);

CREATE TABLE IF NOT EXISTS cells (
    table_id    INTEGER NOT NULL REFERENCES "tables"(table_id) ON DELETE CASCADE,
    part        TEXT NOT NULL CHECK (part IN ('header', 'body')),
    row         INTEGER NOT NULL,
    col         INTEGER NOT NULL,
    text        TEXT,
    kind        TEXT,
    value       REAL,
    unit        TEXT,
    numerator   REAL,
    denominator REAL,
    count       REAL,
    status      TEXT,
    period      TEXT,
    PRIMARY KEY (table_id, part, row, col)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS document_pages (
    page_id      INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    pack_id      INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    pdf_page     INTEGER NOT NULL,
    printed_page INTEGER,
    text         TEXT NOT NULL,
    UNIQUE (document_id, pdf_page)
);
CREATE INDEX IF NOT EXISTS document_pages_pack ON document_pages(pack_id);

CREATE TABLE IF NOT EXISTS recommendations (
    recommendation_id INTEGER PRIMARY KEY,
    document_id       INTEGER NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    pack_id           INTEGER NOT NULL REFERENCES packs(pack_id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    text              TEXT NOT NULL,
    pdf_page          INTEGER,
    UNIQUE (document_id, position)
);
CREATE INDEX IF NOT EXISTS recommendations_pack ON recommendations(pack_id);

CREATE TABLE IF NOT EXISTS db_info (key TEXT PRIMARY KEY, value TEXT);
"""

# table -> (integer key, indexed columns): one external-content FTS5 index each, kept by triggers
# (content="table" in double quotes: how datasette finds a table's index and gives it a search box).
FTS_TABLES = {
    "document_pages": ("page_id", ("text",)),
    "minute_items": ("minute_item_id", ("number", "title", "text")),
    "decisions": ("decision_id", ("text",)),
    "recommendations": ("recommendation_id", ("text",)),
}
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def _fts_schema() -> str:
    parts = []
    for table, (key, cols) in FTS_TABLES.items():
        fts, names = f"{table}_fts", ", ".join(cols)
        new, old = ", ".join(f"new.{c}" for c in cols), ", ".join(f"old.{c}" for c in cols)
        parts.append(f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({names}, content="{table}", content_rowid="{key}",
    tokenize='{FTS_TOKENIZE}');
CREATE TRIGGER IF NOT EXISTS {table}_fts_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts}(rowid, {names}) VALUES (new.{key}, {new});
END;
CREATE TRIGGER IF NOT EXISTS {table}_fts_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.{key}, {old});
END;
CREATE TRIGGER IF NOT EXISTS {table}_fts_update AFTER UPDATE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.{key}, {old});
    INSERT INTO {fts}(rowid, {names}) VALUES (new.{key}, {new});
END;""")
    return "".join(parts)


FTS_SCHEMA = _fts_schema()

ATTENDANCE_LISTS = ("present", "apologies", "substitutes", "also_present", "remote")


# Columns added since format 1, for a database made by an older packparse.
_ADDED_COLUMNS = {"meetings": ("packparse_id",), "packs": ("start_time", "venue", "meeting_key")}


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating) the database with foreign keys on and the schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")  # readers can query while a batch loads
    had_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'document_pages_fts'").fetchone()
    conn.executescript(SCHEMA)
    conn.executescript(FTS_SCHEMA)
    if not had_fts:  # a database made before the index: index what it holds (packs reload their pages)
        for table in FTS_TABLES:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
    for table, columns in _ADDED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
    conn.execute("INSERT OR REPLACE INTO db_info VALUES ('format', ?)", (str(DB_FORMAT),))
    conn.commit()
    return conn


def is_loaded(conn: sqlite3.Connection, sha256: str, version: str, output: str) -> bool:
    """True when this exact result (content, packparse version, output file) is already loaded, with its
    pages in the search index (a pack loaded before the index is loaded again)."""
    row = conn.execute("SELECT packparse_version, output, pack_id FROM packs WHERE sha256 = ?",
                       (sha256,)).fetchone()
    if row is None or row[0] != version or row[1] != output:
        return False
    unindexed = conn.execute("SELECT 1 FROM documents d WHERE d.pack_id = ? AND COALESCE(d.text, '') != '' AND "
                             "NOT EXISTS (SELECT 1 FROM document_pages dp WHERE dp.document_id = d.document_id) "
                             "LIMIT 1", (row[2],)).fetchone()
    return unindexed is None


def _pack_text(conn: sqlite3.Connection, pack_id: int) -> str:
    rows = conn.execute("SELECT text FROM documents WHERE pack_id = ? ORDER BY position", (pack_id,))
    return "\n".join(text or "" for (text,) in rows)


def _first(values: list[Any]) -> Any:
    return next((v for v in values if v), None)


def _regroup(conn: sqlite3.Connection, date: str | None, pack_id: int) -> None:
    """Give the packs of `date` (or, without a date, this pack alone) their meetings rows.

    A group keeps the lowest meetings row one of its packs had, so ids stay put as files arrive; the
    row's council is the group's, its body, start time and venue the first printed (in load order).
    """
    if date:
        rows = conn.execute("SELECT pack_id, council, body, start_time, venue, meeting_id, meeting_key FROM packs "
                            "WHERE date = ? ORDER BY pack_id", (date,)).fetchall()
    else:
        rows = conn.execute("SELECT pack_id, council, body, start_time, venue, meeting_id, meeting_key FROM packs "
                            "WHERE pack_id = ?", (pack_id,)).fetchall()

    def text(pid: int) -> Any:
        return lambda: _pack_text(conn, pid)

    groups = meeting_groups([MeetingFile(council, body, date, start, text(pid))
                             for pid, council, body, start, _venue, _mid, _key in rows])
    members: dict[str, list[tuple]] = {}
    for row, (key, council) in zip(rows, groups, strict=True):
        members.setdefault(key, []).append((row, council))
    taken: set[int] = set()
    for group in members.values():
        packs = [row for row, _c in group]
        council = group[0][1]
        body, start, venue = (_first([r[i] for r in packs]) for i in (2, 3, 4))
        if council and date:
            packparse_id = f"{slug(council) or 'unknown'}/{slug(body) or 'unknown'}/{date}"
        else:
            packparse_id = packs[0][6]
        values = (council, body, date, start, venue, name_key(council), body_key(body), packparse_id)
        free = sorted(r[5] for r in packs if r[5] is not None and r[5] not in taken)
        if free:
            meeting_id = free[0]
            conn.execute("UPDATE meetings SET council = ?, body = ?, date = ?, start_time = ?, venue = ?, "
                         "council_key = ?, body_key = ?, packparse_id = ? WHERE meeting_id = ?",
                         (*values, meeting_id))
        else:
            cur = conn.execute("INSERT INTO meetings (council, body, date, start_time, venue, council_key, body_key, "
                               "packparse_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
            meeting_id = int(cur.lastrowid or 0)
        taken.add(meeting_id)
        conn.executemany("UPDATE packs SET meeting_id = ? WHERE pack_id = ?", [(meeting_id, r[0]) for r in packs])
    _drop_empty_meetings(conn)


def _drop_empty_meetings(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meetings WHERE meeting_id NOT IN "
                 "(SELECT meeting_id FROM packs WHERE meeting_id IS NOT NULL)")


def _range(r: dict[str, Any] | None) -> tuple[int | None, int | None]:
    return (r.get("first"), r.get("last")) if r else (None, None)


def delete_pack(conn: sqlite3.Connection, sha256: str) -> None:
    """Remove a pack and everything under it; a meeting left with no files goes too, and the other
    files of its date are grouped again."""
    row = conn.execute("SELECT pack_id, date FROM packs WHERE sha256 = ?", (sha256,)).fetchone()
    conn.execute("DELETE FROM packs WHERE sha256 = ?", (sha256,))
    _drop_empty_meetings(conn)
    if row is not None and row[1]:
        _regroup(conn, row[1], row[0])


def load_pack(conn: sqlite3.Connection, data: dict[str, Any], path: str, output: str,
              page_texts: dict[int, str] | None = None) -> int:
    """Replace the rows of one pack (a packparse JSON document) in one transaction; returns pack_id.

    `page_texts` (pdf page -> the page's plain text, `packparse.reader.page_texts`) places each document's
    text on its pages for the search index; without it the text is spread evenly over them."""
    source = data["source"]
    pages = _Pages(data.get("pages") or [], page_texts)
    with conn:
        delete_pack(conn, source["sha256"])
        meeting = data.get("meeting") or {}
        cur = conn.execute(
            "INSERT INTO packs (sha256, file, path, output, meeting_id, pdf_pages, bytes, title, producer, "
            "council, body, date, start_time, venue, meeting_key, warnings, packparse_version, schema_version) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source["sha256"], source["file"], path, output, source.get("pdf_pages"),
             source.get("bytes"), source.get("title"), source.get("producer"), meeting.get("council"),
             meeting.get("body"), meeting.get("date"), meeting.get("start_time"), meeting.get("venue"),
             meeting.get("id"), len(data.get("warnings") or []),
             data.get("packparse_version"), data.get("schema_version")))
        pack_id = int(cur.lastrowid or 0)
        items_by_number = _agenda_items(conn, pack_id, (data.get("agenda") or {}).get("items") or [])
        for pos, doc in enumerate(data.get("documents") or []):
            _document(conn, pack_id, pos, doc, items_by_number, pages)
        _regroup(conn, meeting.get("date"), pack_id)
    return pack_id


def _agenda_items(conn: sqlite3.Connection, pack_id: int, items: list[dict[str, Any]]) -> dict[str, int]:
    by_number: dict[str, int] = {}
    for pos, it in enumerate(items):
        cur = conn.execute(
            "INSERT INTO agenda_items (pack_id, position, number, title, presenter, exempt, part, printed_first, "
            "printed_last, pdf_first, pdf_last, pdf_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pack_id, pos, it.get("number"), it.get("title"), it.get("presenter"), int(bool(it.get("exempt"))),
             it.get("part"), *_range(it.get("printed_pages")), *_range(it.get("pdf_pages")), it.get("pdf_page")))
        by_number.setdefault(str(it.get("number")), int(cur.lastrowid or 0))
    return by_number


class _Pages:
    """The pack's pages as the JSON lists them (kind, printed number) and, when given, their plain text."""

    def __init__(self, pages: list[dict[str, Any]], texts: dict[int, str] | None) -> None:
        self.kind = {p.get("pdf_page"): p.get("kind") for p in pages}
        self.printed = {p.get("pdf_page"): p.get("printed_page") for p in pages}
        self.texts = texts

    def chunks(self, doc: dict[str, Any]) -> list[tuple[int, str]]:
        first, last = _range(doc.get("pdf_pages"))
        if first is None or last is None:
            return []
        numbers = [n for n in range(first, last + 1) if self.kind.get(n) != "blank"] or [first]
        return split_pages(doc.get("text") or "", numbers, self.texts)


def _document(conn: sqlite3.Connection, pack_id: int, pos: int, doc: dict[str, Any],
              items_by_number: dict[str, int], pages: _Pages | None = None) -> None:
    cur = conn.execute(
        "INSERT INTO documents (pack_id, agenda_item_id, position, kind, title, agenda_item, pdf_first, pdf_last, "
        "printed_first, printed_last, split_by, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (pack_id, items_by_number.get(str(doc.get("agenda_item"))), pos, doc["kind"], doc.get("title"),
         doc.get("agenda_item"), *_range(doc.get("pdf_pages")), *_range(doc.get("printed_pages")),
         doc.get("split_by"), doc.get("text")))
    document_id = int(cur.lastrowid or 0)
    chunks = (pages or _Pages([], None)).chunks(doc)
    conn.executemany(
        "INSERT INTO document_pages (document_id, pack_id, pdf_page, printed_page, text) VALUES (?, ?, ?, ?, ?)",
        [(document_id, pack_id, page, pages.printed.get(page) if pages else None, text) for page, text in chunks])
    report = doc.get("report") or {}
    first = _range(doc.get("pdf_pages"))[0]
    conn.executemany(
        "INSERT INTO recommendations (document_id, pack_id, position, text, pdf_page) VALUES (?, ?, ?, ?, ?)",
        [(document_id, pack_id, rpos, text, page_of(text, chunks, first))
         for rpos, text in enumerate(report.get("recommendations") or []) if text])
    minutes = doc.get("minutes")
    if minutes:
        _attendance(conn, pack_id, document_id, minutes.get("attendance") or {})
        for ipos, item in enumerate(minutes.get("items") or []):
            _minute_item(conn, pack_id, document_id, ipos, item)
    for tpos, table in enumerate(doc.get("tables") or []):
        _table(conn, pack_id, document_id, tpos, table)


def _attendance(conn: sqlite3.Connection, pack_id: int, document_id: int, att: dict[str, Any]) -> None:
    rows = []
    if att.get("chair"):
        rows.append(("chair", att["chair"]))
    for name in ATTENDANCE_LISTS:
        rows.extend((name, person) for person in att.get(name) or [])
    conn.executemany(
        "INSERT INTO attendance (document_id, pack_id, list, name, role, pdf_page) VALUES (?, ?, ?, ?, ?, ?)",
        [(document_id, pack_id, lst, p.get("name"), p.get("role"), p.get("pdf_page")) for lst, p in rows
         if p.get("name")])


def _minute_item(conn: sqlite3.Connection, pack_id: int, document_id: int, pos: int, item: dict[str, Any]) -> None:
    cur = conn.execute(
        "INSERT INTO minute_items (document_id, pack_id, position, number, title, text, pdf_page) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (document_id, pack_id, pos, item.get("number"), item.get("title"), item.get("text"), item.get("pdf_page")))
    minute_item_id = int(cur.lastrowid or 0)
    decisions = item.get("decisions") or []
    if not decisions:  # older outputs carry only the resolutions' text
        decisions = [{"text": text, "kind": "resolved"} for text in item.get("resolutions") or []]
    conn.executemany(
        "INSERT INTO decisions (minute_item_id, pack_id, position, kind, text, parts, proposer, seconder, "
        "votes_for, votes_against, votes_abstain, unanimous, pdf_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(minute_item_id, pack_id, dpos, d.get("kind") or "resolved", d.get("text") or "",
          json.dumps(d["parts"], ensure_ascii=False) if d.get("parts") else None, d.get("proposer"),
          d.get("seconder"), d.get("votes_for"), d.get("votes_against"), d.get("votes_abstain"),
          int(bool(d.get("unanimous"))), d.get("pdf_page") or item.get("pdf_page"))
         for dpos, d in enumerate(decisions)])


_VALUE_FIELDS = ("kind", "value", "unit", "numerator", "denominator", "count", "status", "period")


def _table(conn: sqlite3.Connection, pack_id: int, document_id: int, pos: int, table: dict[str, Any]) -> None:
    header_rows = table.get("header_rows") or ([table["header"]] if table.get("header") else [])
    rows = table.get("rows") or []
    cur = conn.execute(
        'INSERT INTO "tables" (document_id, pack_id, position, pdf_page, pdf_first, pdf_last, n_cols, n_rows, '
        "n_header_rows, header, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, pack_id, pos, table.get("pdf_page"), *_range(table.get("pdf_pages")), table.get("n_cols"),
         len(rows), len(header_rows), json.dumps(table.get("header") or [], ensure_ascii=False),
         table.get("method")))
    table_id = int(cur.lastrowid or 0)
    values = table.get("values") or []
    cells = []
    for r, row in enumerate(header_rows):
        cells.extend((table_id, "header", r, c, text, *([None] * len(_VALUE_FIELDS))) for c, text in enumerate(row))
    for r, row in enumerate(rows):
        typed = values[r] if r < len(values) else []
        for c, text in enumerate(row):
            v = typed[c] if c < len(typed) and typed[c] else {}
            cells.append((table_id, "body", r, c, text, *(v.get(f) for f in _VALUE_FIELDS)))
    conn.executemany(
        "INSERT INTO cells (table_id, part, row, col, text, kind, value, unit, numerator, denominator, count, "
        "status, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cells)


def load_file(conn: sqlite3.Connection, json_path: Path, path: str, output: str,
              page_texts: dict[int, str] | None = None) -> int:
    """Load one packparse output file; the PDF at `path`, when it is still the file the JSON was made from,
    gives the pages' plain text for the search index."""
    data = json.loads(json_path.read_text(encoding="utf-8"))
    if page_texts is None:
        page_texts = pdf_page_texts(path, (data.get("source") or {}).get("sha256"))
    return load_pack(conn, data, path, output, page_texts)


def pdf_page_texts(path: str | None, sha256: str | None, timeout: float = 120,
                   max_memory_mb: int = 2048) -> dict[int, str] | None:
    """pdf page -> PDFium's plain text of the page, read in a child process under limits; None when the
    file is gone, has changed since (another sha256), or cannot be read (encrypted, broken)."""
    from packparse.limits import run_limited
    from packparse.reader import page_texts

    if not path or not sha256:
        return None
    p = Path(path)
    try:
        if not p.is_file():  # gone, or no longer a regular file (never open a FIFO)
            return None
        digest = hashlib.sha256()
        with p.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            return None
        texts = run_limited(page_texts, (p,), timeout, max_memory_mb, name=str(p))
    except Exception:  # no page text is not an error: the text is then spread over the pages
        return None
    return {n: text for n, text in enumerate(texts, start=1)}
