"""The `packparse` command: a thin layer over `packparse.extract` and the writers.

Exit codes (see README): 0 success, 1 warnings under --strict, 2 usage error, 3 unreadable input,
4 over a limit, 5 output not writable, 70 internal error.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table as RichTable

from packparse import __version__
from packparse.api import extract as extract_pack
from packparse.api import extract_for_output
from packparse.backends import DEFAULT_READER
from packparse.csvout import named_tables, old_csvs, remove_files, table_csv
from packparse.documentstore import read_only
from packparse.errors import ExitCode, PackparseError
from packparse.exports import NoMeetingDate, check_base_url, export_json, web_url
from packparse.fileguard import check_input, check_output_dir, output_target
from packparse.limits import run_limited
from packparse.models import Pack
from packparse.options import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S, ExtractOptions
from packparse.writers import SCHEMA_FILE, schema_json, write_output, write_pack, write_text_atomic

if TYPE_CHECKING:
    from packparse.search import Results

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn council agenda packs (PDF) into validated, structured JSON.")
err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"packparse {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    logging.basicConfig(level=logging.ERROR, format="%(message)s")


# The per-file limits, shared by every command that parses a PDF.
Timeout = Annotated[float, typer.Option(min=0, help="Seconds allowed for the file; 0 for no limit (exit 4 when over).")]
MaxMemory = Annotated[int, typer.Option(min=0, help="Memory allowed in MB; 0 for no limit (exit 4 when over).")]


MaxPages = Annotated[int, typer.Option(min=1, help="Refuse files with more pages (exit 4).")]


class ReaderName(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


Reader = Annotated[ReaderName, typer.Option(help="The engine that reads the pages: pdfium (fast, the default) "
                                                 "or pdfplumber.")]
DEFAULT_READER_NAME = ReaderName(DEFAULT_READER)
Redact = Annotated[bool, typer.Option(help="Replace e-mail addresses and UK/US phone numbers with placeholders "
                                           "in every text field.")]


def _extract_options(**values: object) -> ExtractOptions:
    """The per-file options of one command, built once (a bad value is a usage error, exit 2)."""
    try:
        return ExtractOptions().with_overrides(**values)
    except (ValueError, TypeError) as exc:
        raise _fail(str(exc), ExitCode.USAGE) from None


class OutputFormat(str, Enum):
    json = "json"
    ocd = "ocd"
    oparl = "oparl"


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def _one_line_errors(pdf: Path) -> Iterator[None]:
    """Unreadable input as its one-line reason and exit code; a packparse bug as one line and exit 70."""
    try:
        yield
    except typer.Exit:
        raise
    except PackparseError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except Exception as exc:  # a bug: one line, no traceback, a distinct code
        raise _fail(f"{pdf}: internal error ({type(exc).__name__}: {exc}); please report it",
                    ExitCode.INTERNAL) from None


@app.command()
def extract(
    pdf: Annotated[Path, typer.Argument(help="The agenda pack (or any council PDF).")],
    output: Annotated[str | None, typer.Option("-o", "--output",
                                               help="Output JSON file, '-' for stdout "
                                                    "(default: <pdf stem>.json here).")] = None,
    password: Annotated[str | None, typer.Option(help="User password of an encrypted PDF.")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when the pack has warnings.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f",
                                              help="json (packparse's own), ocd (Open Civic Data Event) "
                                                   "or oparl (OParl 1.1).")] = OutputFormat.json,
    source_url: Annotated[str | None, typer.Option(help="Where the PDF was published; page links and "
                                                        "OCD sources point there (default: a file: URL "
                                                        "of the PDF).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OParl ids become <base-url>/<id> "
                                                      "(default: urn:packparse:<id>).")] = None,
    meeting_id: Annotated[str | None, typer.Option(help="Your own meeting id: replaces the derived "
                                                        "<council>/<body>/<date> in every id.")] = None,
    retrieved: Annotated[str | None, typer.Option(help="When the PDF was fetched: ISO date or "
                                                       "date-time.")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA time zone of the meeting "
                                                      "(default: guessed from the document).")] = None,
    ocr: Annotated[bool, typer.Option(help="Read scanned (image-only) pages with tesseract, when "
                                           "installed (make install-ocr).")] = False,
    redact: Redact = False,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    max_memory: MaxMemory = DEFAULT_MAX_MEMORY_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    reader: Reader = DEFAULT_READER_NAME,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the review page (as `packparse "
                                                             "review`) to this HTML file.")] = None,
) -> None:
    """Extract one PDF into one JSON document (packparse's own, or an OCD / OParl export)."""
    started = time.perf_counter()
    options = _extract_options(password=password, source_url=source_url, meeting_id=meeting_id,
                               retrieved=retrieved, timezone=timezone, ocr=ocr, redact=redact, timeout=timeout,
                               max_memory_mb=max_memory, max_pages=max_pages, reader=reader.value)
    suffix = ".json" if fmt is OutputFormat.json else f".{fmt.value}.json"
    out = output if output is not None else f"{pdf.stem}{suffix}"
    if html is not None and redact:
        raise _fail("--html shows the pages as printed, which --redact cannot redact: write the review "
                    "without --redact, or leave --html out", ExitCode.USAGE)
    if base_url is not None:
        try:
            base_url = check_base_url(base_url)
        except ValueError as exc:
            raise _fail(str(exc), ExitCode.USAGE) from None
    if fmt is OutputFormat.ocd and not web_url(options.source_url):
        raise _fail(f"{pdf}: --format ocd needs --source-url: an Open Civic Data event's source is the web address "
                    "the PDF was published at (http, https or ftp), which the PDF does not say", ExitCode.USAGE)
    with _one_line_errors(pdf):
        check_input(pdf)  # exit 3 for a FIFO, device or folder, before anything opens it
        if out != "-":
            output_target(out, [pdf])  # exit 2 before the parse: never over the input or any PDF
        if html is not None:
            output_target(html, [pdf, *([out] if out != "-" else [])])
            pack, page = _review(pdf, options)
        else:
            pack = _parse(pdf, options, for_output=fmt is OutputFormat.json)
        if fmt is OutputFormat.json:
            write_pack(pack, out, [pdf])
        else:
            try:
                text = export_json(pack, fmt.value, base_url=base_url, source_path=pdf)
            except NoMeetingDate as exc:  # nothing written: a PDF with no meeting date has no event
                raise _fail(f"{exc} (--format ocd needs one; the JSON output has what was found)",
                            ExitCode.WARNINGS) from None
            write_output(text, out, [pdf])
        if html is not None:
            write_text_atomic(html, page, [pdf])
    if not quiet:
        _summary(pack, out, time.perf_counter() - started)
        if html is not None:
            err.print(f"  review page {html} ({len(page.encode()) / 1e6:.1f} MB)")
    if strict and pack.warnings:
        raise typer.Exit(ExitCode.WARNINGS)


def _parse(pdf: Path, options: ExtractOptions, for_output: bool = False) -> Pack:
    """`packparse.extract` in a child process under the options' time and memory limits; `for_output`: a
    pack only written out and summed up, whose documents may wait in a file (`api.extract_for_output`)."""
    return run_limited(extract_for_output if for_output else extract_pack, (pdf,), options.timeout,
                       options.max_memory_mb, name=str(pdf), kwargs={"options": options})


def _review(pdf: Path, options: ExtractOptions, dpi: float | None = None,
            quality: int | None = None) -> tuple[Pack, str]:
    """`packparse.review.review_pdf` (parse, draw the pages, build the page) under the options' limits."""
    from packparse.review import DEFAULT_DPI, DEFAULT_QUALITY, review_pdf

    return run_limited(review_pdf, (pdf,), options.timeout, options.max_memory_mb, name=str(pdf),
                       kwargs={"options": options, "dpi": dpi or DEFAULT_DPI, "quality": quality or DEFAULT_QUALITY})


def _summary(pack: Pack, out: str, seconds: float) -> None:
    m = pack.meeting
    table = RichTable(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("file", f"{pack.source.file} ({pack.source.pdf_pages} pages)")
    table.add_row("meeting", " · ".join(x for x in (m.council, m.body, m.date, m.start_time) if x) or "-")
    table.add_row("agenda items", str(len(pack.agenda.items)))
    kinds: dict[str, int] = {}
    tables = 0
    for d in read_only(pack.documents):
        kinds[d.kind] = kinds.get(d.kind, 0) + 1
        tables += len(d.tables)
    table.add_row("documents", f"{len(pack.documents)} ("
                  + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")")
    table.add_row("tables", str(tables))
    table.add_row("warnings", str(len(pack.warnings)))
    table.add_row("output", "stdout" if out == "-" else out)
    table.add_row("seconds", f"{seconds:.2f}")
    err.print(table)
    for w in pack.warnings[:10]:
        page = f" (pdf page {w.pdf_page})" if w.pdf_page else ""
        err.print(f"  [yellow]warning[/] {w.code}{page}: {w.message}", soft_wrap=True)
    if len(pack.warnings) > 10:
        err.print(f"  ... and {len(pack.warnings) - 10} more warnings in the JSON")


@app.command()
def tables(
    pdf: Annotated[Path, typer.Argument(help="The agenda pack (or any council PDF).")],
    csv_dir: Annotated[Path, typer.Option("--csv", help="Folder to write one CSV per table to.")],
    password: Annotated[str | None, typer.Option(help="User password of an encrypted PDF.")] = None,
    redact: Redact = False,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    max_memory: MaxMemory = DEFAULT_MAX_MEMORY_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    reader: Reader = DEFAULT_READER_NAME,
) -> None:
    """Write every table as CSV, header rows first: DIR/p{pdf_page:03d}_t{index}.csv (earlier ones removed)."""
    options = _extract_options(password=password, redact=redact, timeout=timeout, max_memory_mb=max_memory,
                               max_pages=max_pages, reader=reader.value)
    with _one_line_errors(pdf):
        check_input(pdf)
        check_output_dir(csv_dir)
        pack = _parse(pdf, options)
        named = named_tables(pack)
        stale = old_csvs(csv_dir, keep=[pdf])  # this command's own files from an earlier run
        for name, _table in named:
            if csv_dir / name not in stale:
                output_target(csv_dir / name, [pdf])  # every new file checked before the old ones go
        remove_files(stale)
        written = []
        for name, table in named:
            write_text_atomic(csv_dir / name, table_csv(table), [pdf])
            written.append((name, table))
    for name, t in written:
        pages = f"pdf pages {t.pdf_pages.first}-{t.pdf_pages.last}" if t.pdf_pages else f"pdf page {t.pdf_page}"
        typer.echo(f"{csv_dir / name}\t{pages}, {t.n_cols} columns, {len(t.rows)} rows")
    err.print(f"wrote {len(written)} CSV files to {csv_dir}")


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT",
                                                help="PDF files, folders (searched for *.pdf) and globs.")],
    outdir: Annotated[Path, typer.Option("-o", "--output", metavar="OUTDIR",
                                         help="Folder for the JSON files and manifest.jsonl.")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Files at once (default: one per core).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Also load the results into this SQLite file.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds one file may take.")] = DEFAULT_TIMEOUT_S,
    max_memory: MaxMemory = DEFAULT_MAX_MEMORY_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    password: Annotated[str | None, typer.Option(help="User password for encrypted PDFs (the same for "
                                                      "every file).")] = None,
    ocr: Annotated[bool, typer.Option(help="Read scanned pages with tesseract, when installed.")] = False,
    redact: Redact = False,
    timezone: Annotated[str | None, typer.Option(help="IANA time zone of the meetings "
                                                      "(default: guessed from the document).")] = None,
    retrieved: Annotated[str | None, typer.Option(help="When the PDFs were fetched: ISO date or "
                                                       "date-time.")] = None,
    force: Annotated[bool, typer.Option(help="Redo files that are unchanged since a finished run.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    executor: Annotated[str, typer.Option(help="Where files run: local (processes here) or ray.")] = "local",
    reader: Reader = DEFAULT_READER_NAME,
) -> None:
    """Extract many PDFs, one process per file; resumable; exit 1 when any file failed."""
    from packparse.batch import BatchOptions, run_batch

    per_file = _extract_options(timeout=timeout, max_memory_mb=max_memory, max_pages=max_pages, password=password,
                                ocr=ocr, redact=redact, timezone=timezone, retrieved=retrieved, reader=reader.value)
    options = BatchOptions(inputs=inputs, outdir=outdir, jobs=jobs, db=db, force=force, quiet=quiet,
                           executor=executor, extract=per_file)
    try:
        report = run_batch(options, console=err)
    except PackparseError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; run the same command again to finish the rest", 130) from None
    except Exception as exc:  # a bug: one line, no traceback, a distinct code
        raise _fail(f"batch: internal error ({type(exc).__name__}: {exc}); please report it",
                    ExitCode.INTERNAL) from None
    raise typer.Exit(report.exit_code)


@app.command()
def inspect(
    pdf: Annotated[Path, typer.Argument(help="The PDF to look into.")],
    page: Annotated[int | None, typer.Option("--page", "-p", help="Show one pdf page (1-based).")] = None,
    png: Annotated[Path | None, typer.Option(help="Draw what was found on --page into this PNG.")] = None,
    password: Annotated[str | None, typer.Option(help="User password of an encrypted PDF.")] = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    max_memory: MaxMemory = DEFAULT_MAX_MEMORY_MB,
    reader: Reader = DEFAULT_READER_NAME,
) -> None:
    """Show what packparse found: a tree, and with --png the page with boxes drawn on it."""
    from rich.console import Console

    from packparse.api import analyse
    from packparse.inspect import pack_tree, save_page_png

    options = _extract_options(password=password, timeout=timeout, max_memory_mb=max_memory, reader=reader.value)
    with _one_line_errors(pdf):
        check_input(pdf)
        if png is not None:
            output_target(png, [pdf])  # before the parse: never over the input or any PDF
        analysis = run_limited(analyse, (pdf,), options.timeout, options.max_memory_mb, name=str(pdf),
                               kwargs={"options": options})
        if page is not None and not 1 <= page <= len(analysis.pages):
            raise _fail(f"{pdf}: page {page} is not in this PDF (1-{len(analysis.pages)})", ExitCode.USAGE)
        Console(highlight=False).print(pack_tree(analysis, page))
        if png is not None:
            save_page_png(analysis, page or 1, png, password=password, inputs=[pdf])
            err.print(f"wrote {png} (pdf page {page or 1})")


@app.command()
def review(
    pdf: Annotated[Path, typer.Argument(help="The agenda pack (or any council PDF).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The HTML file (default: <pdf "
                                                                      "stem>.review.html here).")] = None,
    password: Annotated[str | None, typer.Option(help="User password of an encrypted PDF.")] = None,
    dpi: Annotated[float, typer.Option(min=20, max=300, help="Resolution the pages are drawn at.")] = 60,
    quality: Annotated[int, typer.Option(min=1, max=100, help="WebP (or JPEG) quality of the pages.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    max_memory: MaxMemory = DEFAULT_MAX_MEMORY_MB,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    reader: Reader = DEFAULT_READER_NAME,
) -> None:
    """Write one self-contained HTML page to look at what was found: every page with its boxes, the
    documents, agenda and warnings (opens offline in any browser)."""
    started = time.perf_counter()
    options = _extract_options(password=password, timeout=timeout, max_memory_mb=max_memory, max_pages=max_pages,
                               reader=reader.value)
    out = output if output is not None else Path(f"{pdf.stem}.review.html")
    with _one_line_errors(pdf):
        check_input(pdf)
        output_target(out, [pdf])  # before the parse: never over the input or any PDF
        pack, page = _review(pdf, options, dpi, quality)
        write_text_atomic(out, page, [pdf])
    if not quiet:
        err.print(f"wrote {out}: {len(page.encode()) / 1e6:.1f} MB, {pack.source.pdf_pages} pages, "
                  f"{len(pack.documents)} documents, {len(pack.warnings)} warnings, "
                  f"{time.perf_counter() - started:.1f} s")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must appear), a "phrase", a AND b, a OR b, NOT c, '
                                              "prefix* (SQLite FTS5 syntax; anything else is read as words).")],
    db: Annotated[Path, typer.Option("--db", help="The database `packparse batch --db` filled.")],
    council: Annotated[str | None, typer.Option(help="Only councils whose name contains this.")] = None,
    body: Annotated[str | None, typer.Option(help="Only bodies (committees) whose name contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Only meetings on or after this date (YYYY-MM-DD).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only documents of this kind (report, minutes, ...).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Hits to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON (for scripts).")] = False,
) -> None:
    """Search the documents, minutes, decisions and recommendations loaded with `batch --db`: ranked pages."""
    from typing import get_args

    from packparse.models import DocumentKind
    from packparse.search import search as run_search

    kinds = get_args(DocumentKind)
    if kind is not None and kind not in kinds:
        raise _fail(f"--kind {kind!r} is not a document kind (one of: {', '.join(kinds)})", ExitCode.USAGE)
    try:
        results = run_search(db, query, council=council, body=body, since=since, kind=kind, limit=limit)
    except PackparseError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except Exception as exc:  # a bug or a damaged database: one line, no traceback
        raise _fail(f"{db}: search failed ({type(exc).__name__}: {exc})", ExitCode.INTERNAL) from None
    if as_json:
        typer.echo(json.dumps({"query": results.query, "read_as": results.read_as, "note": results.note,
                               "seconds": round(results.seconds, 4), "hits": [h.as_json() for h in results.hits]},
                              indent=2, ensure_ascii=False))
        return
    _print_hits(results)


def _print_hits(results: Results) -> None:
    from rich.text import Text

    from packparse.search import HIT_END, HIT_START

    def marked(text: str) -> Text:
        out = Text()
        for i, part in enumerate(text.replace(HIT_END, HIT_START).split(HIT_START)):
            out.append(part, style="bold yellow" if i % 2 else "")
        return out

    console = Console(highlight=False, soft_wrap=True)  # long lines are not cut when piped
    if results.note:
        err.print(Text(f"note: {results.note}", style="yellow"))
    for h in results.hits:
        where = " · ".join(x for x in (h.council, h.body, h.date) if x) or "(no meeting details)"
        printed = f" (printed {h.printed_page})" if h.printed_page is not None else ""
        item = f", item {h.agenda_item}" if h.agenda_item else ""
        console.print(Text(f"{h.rank}. {where}", style="bold"))
        console.print(Text(f"   {h.document_kind}: {h.document_title or '(untitled)'}{item} — pdf page "
                           f"{h.pdf_page}{printed} of {h.file}"))
        console.print(Text("   ").append(marked(h.snippet)))
        if h.minute_item:
            console.print(Text(f"   minute {h.minute_item['number']}: {h.minute_item['title']}", style="dim"))
        for d in h.decisions:
            console.print(Text(f"   decision ({d['kind']}): ").append(marked(d["text"])))
        for r in h.recommendations:
            console.print(Text("   recommendation: ").append(marked(r)))
    console.file.flush()
    n = len(results.hits)
    err.print(f"{n} hit{'s' if n != 1 else ''} for {results.query!r} in {results.seconds * 1000:.0f} ms")


@app.command()
def schema(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the schema to.")]
    = Path("schemas"),
) -> None:
    """Write the JSON Schema of the output (generated from the models)."""
    try:
        write_text_atomic(output / SCHEMA_FILE, schema_json())
    except PackparseError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    err.print(f"wrote {output / SCHEMA_FILE}")


@app.command()
def validate(json_file: Annotated[Path, typer.Argument(help="A packparse output file.")]) -> None:
    """Check that a JSON file is a valid packparse output (exit 0) or say why not (exit 3)."""
    try:
        check_input(json_file)  # a FIFO or device is never opened
        data = json.loads(json_file.read_text(encoding="utf-8"))
        Pack.model_validate(data)
    except PackparseError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except FileNotFoundError:
        raise _fail(f"{json_file}: no such file", ExitCode.UNREADABLE) from None
    except json.JSONDecodeError as exc:
        raise _fail(f"{json_file}: not JSON ({exc})", ExitCode.UNREADABLE) from None
    except ValidationError as exc:
        for e in exc.errors()[:20]:
            loc = ".".join(str(x) for x in e["loc"])
            err.print(f"{json_file}: {loc}: {e['msg']}", soft_wrap=True)
        raise typer.Exit(ExitCode.UNREADABLE) from None
    err.print(f"{json_file}: valid packparse output (schema {data.get('schema_version')})")
