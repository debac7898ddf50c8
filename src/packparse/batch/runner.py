"""The batch: plan (find inputs, skip what is done), run (executor), record (manifest, JSON, SQLite)."""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rich.console import Console

from packparse import __version__
from packparse.batch import db as dbmod
from packparse.batch.executors import LocalExecutor, RayExecutor, Result, Task, default_jobs
from packparse.batch.inputs import InputFile, describe, expand
from packparse.batch.manifest import MANIFEST, ManifestWriter, read_manifest
from packparse.batch.progress import BatchProgress, summary_table
from packparse.batch.worker import FAILED, OK, OK_WITH_WARNINGS, SKIPPED
from packparse.errors import ExitCode, OutputError, PackparseError
from packparse.fileguard import FileId, OutputRefused, output_target
from packparse.options import ExtractOptions

DONE_STATUSES = (OK, OK_WITH_WARNINGS, SKIPPED)
LOCK_FILE = ".packparse-batch.lock"
EXECUTORS = ("local", "ray")


class BatchUsageError(PackparseError):
    """Nothing to do, or an option that cannot work here (exit 2)."""

    exit_code = ExitCode.USAGE


@dataclass
class BatchOptions:
    """What `packparse batch` was asked to do (the CLI's options, as data).

    `extract` holds the per-file options (limits, password, OCR, redaction, time zone ...), the same model
    `packparse extract` uses; `timeout` and `max_memory_mb`, when given, replace its limits (0: none).
    """

    inputs: list[str]
    outdir: Path
    jobs: int | None = None
    db: Path | None = None
    timeout: float | None = None
    max_memory_mb: int | None = None
    force: bool = False
    quiet: bool = False
    executor: str = "local"
    extract: ExtractOptions = field(default_factory=ExtractOptions)

    @property
    def per_file(self) -> ExtractOptions:
        return self.extract.with_overrides(timeout=self.timeout, max_memory_mb=self.max_memory_mb)


@dataclass
class BatchReport:
    """This run's manifest records, in the order files ended."""

    records: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    db_errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r["status"] == FAILED]

    @property
    def exit_code(self) -> int:
        """0 when every file is ok (warnings and skips included), 1 when any failed, 5 when the database
        could not be written."""
        if self.db_errors:
            return int(ExitCode.OUTPUT)
        return 1 if self.failed else 0


@contextlib.contextmanager
def _outdir_lock(outdir: Path):  # type: ignore[no-untyped-def]
    """One batch per OUTDIR at a time: two would interleave the manifest and fight over outputs.

    flock is released by the kernel when the process dies, so a `kill -9` leaves no stale lock.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    fh = (outdir / LOCK_FILE).open("a")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(str(outdir), "another packparse batch is writing to this folder") from None
        yield
    finally:
        fh.close()


def _clean_temp_files(outdir: Path) -> int:
    """Temporary JSON files a killed run left behind (writers' `.NAME.XXXX.tmp`); never real output."""
    n = 0
    for tmp in outdir.glob(".*.json.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            n += 1
    return n


def _newest(outdir: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(sha256, file name) -> the newest manifest record for it."""
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in read_manifest(outdir / MANIFEST):
        if rec.get("sha256") and rec.get("path"):
            newest[(rec["sha256"], Path(rec["path"]).name)] = rec
    return newest


def _finished(outdir: Path, options: dict[str, Any] | None = None,
              newest: dict[tuple[str, str], dict[str, Any]] | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """(sha256, file name) -> the newest manifest record for it, when that record is a finished ok
    result of this packparse version, made with the same output options (`ExtractOptions.output_key`:
    redaction, OCR, time zone ...), whose output is still there."""
    newest = _newest(outdir) if newest is None else newest
    return {k: r for k, r in newest.items()
            if r.get("status") in DONE_STATUSES and r.get("packparse_version") == __version__
            and (r.get("options") or {}) == (options or {})
            and r.get("output") and (outdir / r["output"]).is_file()}


def _finished_output(outdir: Path, item: InputFile) -> dict[str, Any] | None:
    """An output with no manifest line (the run was killed between the two): trust it when it is whole
    JSON for this very content, file name and version, since outputs are only ever renamed into place."""
    out = outdir / item.output_name
    if not out.is_file():
        return None
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
        source = data["source"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (source.get("sha256") == item.sha256 and source.get("file") == item.path.name
            and data.get("packparse_version") == __version__):
        return {"output": item.output_name, "pages": source.get("pdf_pages"),
                "warnings": len(data.get("warnings") or [])}
    return None


def _record(path: Path | str, sha256: str | None, status: str, *, reason: str | None = None,
            output: str | None = None, pages: int | None = None, seconds: float | None = 0.0,
            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "path": os.path.abspath(path), "sha256": sha256, "status": status, "reason": reason, "output": output,
        "pages": pages, "seconds": seconds, "packparse_version": __version__,
    }
    rec.update(extra or {})
    rec["time"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return rec


def _executor(options: BatchOptions, n_tasks: int) -> LocalExecutor | RayExecutor:
    if options.executor == "local":
        return LocalExecutor(min(options.jobs or default_jobs(), max(1, n_tasks)))
    if options.executor == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise BatchUsageError("--executor ray", "Ray is not installed (pip install 'packparse[ray]')") from None
        return RayExecutor(min(options.jobs, max(1, n_tasks)) if options.jobs else None)
    raise BatchUsageError(f"--executor {options.executor}", f"unknown executor (choose from {', '.join(EXECUTORS)})")


class _Batch:
    """State of one run; `on_result` is called from the executor loop as each file ends."""

    def __init__(self, options: BatchOptions, console: Console) -> None:
        self.options = options
        self.outdir = Path(options.outdir)
        self.console = console
        self.report = BatchReport()
        self.progress = BatchProgress(console, options.quiet)
        self.manifest: ManifestWriter | None = None
        self.db: sqlite3.Connection | None = None
        self.by_output: dict[str, InputFile] = {}
        self.per_file = options.per_file
        self.input_files: set[FileId] = set()

    def error(self, message: str) -> None:
        """Errors get through --quiet; they go above the progress bar while it runs."""
        self.progress.note(f"[bold red]error:[/] {message}")

    def add(self, rec: dict[str, Any]) -> None:
        assert self.manifest is not None
        key = self.per_file.output_key()
        if key and rec["status"] in DONE_STATUSES:
            rec["options"] = key  # the options that shaped the output: what resume compares
        self.manifest.append(rec)
        self.report.records.append(rec)
        if rec["status"] == FAILED:
            self.error(f"{rec['path']}: {rec['reason']}")
        elif self.db is not None and rec["output"] and rec["sha256"]:
            self.load(rec)

    def load(self, rec: dict[str, Any]) -> None:
        assert self.db is not None
        try:
            if rec["status"] == SKIPPED and dbmod.is_loaded(self.db, rec["sha256"], __version__, rec["output"]):
                return
            dbmod.load_file(self.db, self.outdir / rec["output"], rec["path"], rec["output"])
        except (sqlite3.Error, OSError, ValueError, KeyError) as exc:
            message = f"{self.options.db}: could not load {rec['output']} ({type(exc).__name__}: {exc})"
            self.report.db_errors.append(message)
            self.error(message)

    def on_result(self, task: Task, result: Result) -> None:
        item = self.by_output[task.output]
        ok = result["status"] in (OK, OK_WITH_WARNINGS)
        extra = {k: result.get(k) for k in ("warnings", "cpu_seconds", "peak_rss_mb", "exit_code")}
        extra["executor"] = self.options.executor
        self.add(_record(item.path, item.sha256, result["status"], reason=result.get("reason"),
                         output=item.output_name if ok else None, pages=result.get("pages"),
                         seconds=result.get("seconds"), extra=extra))
        self.progress.advance(item.size, result.get("pages"), failed=not ok)

    def run(self) -> BatchReport:
        started = time.perf_counter()
        options = self.options
        paths, missing, empty = expand(options.inputs)
        if not paths and not missing:
            raise BatchUsageError(" ".join(options.inputs) or "(no inputs)", "no PDF files found")
        inputs = describe(paths)
        self.input_files = {i.file_id for i in inputs if i.file_id is not None}
        executor = _executor(options, len(inputs))
        try:
            self.outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(str(self.outdir), f"cannot write output ({exc.strerror or exc})") from None
        if not self.outdir.is_dir():
            raise OutputRefused(str(self.outdir), "refusing to use a file that is not a folder as OUTDIR")
        # Files changed in place: regular (a FIFO would block), never an input, never a PDF.
        for name in (LOCK_FILE, MANIFEST):
            output_target(self.outdir / name, input_files=self.input_files, replace=False)
        db_path = None
        if options.db is not None:
            db_path = output_target(options.db, input_files=self.input_files, replace=False)
        with _outdir_lock(self.outdir), ManifestWriter(self.outdir / MANIFEST) as manifest:
            self.manifest = manifest
            _clean_temp_files(self.outdir)
            if db_path is not None:
                try:
                    self.db = dbmod.connect(db_path)
                except sqlite3.Error as exc:
                    raise OutputError(str(options.db), f"cannot open the database ({exc})") from None
            try:
                for arg in empty:
                    self.progress.note(f"note: {arg}: no PDF files found")
                tasks = self.plan(inputs, missing)
                self.progress.start(len(tasks), sum(t.size for t in tasks),
                                    skipped=sum(r["status"] == SKIPPED for r in self.report.records))
                try:
                    executor.run(tasks, self.on_result, tick=self.progress.refresh)
                finally:
                    self.progress.stop()
            finally:
                if self.db is not None:
                    self.db.close()
        self.report.seconds = time.perf_counter() - started
        if not options.quiet:
            self.summarise()
        return self.report

    def plan(self, inputs: list[InputFile], missing: list[str]) -> list[Task]:
        """Record what needs no work (missing, unreadable, unchanged) and return the rest, largest first."""
        options = self.options
        for arg in missing:
            self.add(_record(arg, None, FAILED, reason="no such file", extra={"exit_code": int(ExitCode.UNREADABLE)}))
        newest = {} if options.force else _newest(self.outdir)
        done = _finished(self.outdir, self.per_file.output_key(), newest)
        tasks: list[Task] = []
        for item in inputs:
            if item.error is not None or item.sha256 is None:
                self.add(_record(item.path, None, FAILED, reason=item.error or "cannot read",
                                 extra={"exit_code": int(ExitCode.UNREADABLE)}))
                continue
            if item.duplicate_of is not None:
                self.add(_record(item.path, item.sha256, SKIPPED, reason=f"same file as {item.duplicate_of}",
                                 output=item.output_name))
                continue
            prior = None if options.force else done.get((item.sha256, item.path.name))
            if prior is None and not options.force and self._unrecorded_output_trusted(newest.get((item.sha256,
                                                                                                   item.path.name))):
                prior = _finished_output(self.outdir, item)
            if prior is not None:
                self.add(_record(item.path, item.sha256, SKIPPED, output=prior["output"], pages=prior.get("pages"),
                                 extra={"warnings": prior.get("warnings")}))
                continue
            try:  # never over an input (a link or hard link to it), a PDF, a device ... (exit 2)
                output_target(self.outdir / item.output_name, input_files=self.input_files)
            except PackparseError as exc:
                self.add(_record(item.path, item.sha256, FAILED, reason=str(exc),  # names the output
                                 extra={"exit_code": int(exc.exit_code)}))
                continue
            output = self.outdir / item.output_name
            self.by_output[str(output)] = item
            limits = self.per_file
            tasks.append(Task(pdf=str(item.path), output=str(output), size=item.size,
                              timeout=limits.timeout or math.inf, max_memory_mb=limits.max_memory_mb or None,
                              options=limits))
        tasks.sort(key=lambda t: (-t.size, t.pdf))
        return tasks

    def _unrecorded_output_trusted(self, last: dict[str, Any] | None) -> bool:
        """An output with no manifest line says nothing of the options it was made with: trust it only for
        the default options, and only when the manifest does not say it was made with other ones (so a
        --redact run never keeps an unredacted file, nor a default run a redacted one it knows of)."""
        if self.per_file.output_key():
            return False
        return last is None or last.get("status") not in DONE_STATUSES or not last.get("options")

    def summarise(self) -> None:
        records = self.report.records
        counts = Counter(r["status"] for r in records)
        pages = sum(r.get("pages") or 0 for r in records if r["status"] in (OK, OK_WITH_WARNINGS))
        failures = [(r["path"], r["reason"] or "") for r in records if r["status"] == FAILED]
        self.console.print(summary_table(counts, len(records), pages, self.report.seconds, failures,
                                         str(self.outdir), str(self.options.db) if self.options.db else None))


def run_batch(options: BatchOptions, console: Console | None = None) -> BatchReport:
    """Run a batch; raises `PackparseError` only for problems with the batch as a whole (no inputs,
    OUTDIR not writable or busy), never for one bad file."""
    try:
        options.per_file  # noqa: B018 (validates --timeout and --max-memory: 0 for no limit, never negative)
    except ValueError as exc:
        raise BatchUsageError("batch", str(exc)) from None
    if options.jobs is not None and options.jobs < 1:
        raise BatchUsageError("--jobs", "must be 1 or more")
    if options.executor not in EXECUTORS:
        raise BatchUsageError(f"--executor {options.executor}",
                              f"unknown executor (choose from {', '.join(EXECUTORS)})")
    return _Batch(options, console or Console(stderr=True, highlight=False)).run()
