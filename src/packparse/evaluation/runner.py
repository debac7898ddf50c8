"""Run packparse over the gold corpus, score every file and report corpus / family / file results.

Extraction dominates the cost (scoring is microseconds), so files run in parallel worker processes,
largest first so that the 460-page pack does not start last and set the wall time alone. Each file
gets a fresh process (`max_tasks_per_child=1`) so one file's memory or a crash cannot affect
another's result; the workers fork from a server that has already imported packparse, which keeps
that isolation cheap. Scoring happens in the worker too, so only small count dicts cross processes.
"""

from __future__ import annotations

import csv
import fnmatch
import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packparse.evaluation.scoring import FIELDS, counts_of, pool, score

RESULTS_FORMAT = "packparse-eval/1"
PDF_FOLDERS = ("real", "packs")


@dataclass(frozen=True)
class Job:
    """One PDF of the corpus that has a gold file."""

    pdf: Path
    gold: Path
    family: str
    pages: int
    size: int

    @property
    def name(self) -> str:
        return self.pdf.name


def load_families(corpus_dir: Path) -> dict[str, str]:
    """`file -> family` from PROVENANCE.tsv; files it does not list are reported as 'unknown'."""
    path = corpus_dir / "PROVENANCE.tsv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["file"]: (row.get("family") or "unknown").strip() or "unknown"
                for row in csv.DictReader(fh, delimiter="\t") if row.get("file")}


def discover(corpus_dir: str | os.PathLike[str], pattern: str | None = None) -> list[Job]:
    """Every PDF under `real/` and `packs/` with a `gold/<stem>.gold.json`, largest first.

    `pattern` is a glob matched against the file name (with or without `.pdf`).
    """
    root = Path(corpus_dir)
    families = load_families(root)
    jobs: list[Job] = []
    for folder in PDF_FOLDERS:
        for pdf in sorted((root / folder).glob("*.pdf")):
            gold = root / "gold" / f"{pdf.stem}.gold.json"
            if not gold.exists():
                continue
            if pattern and not (fnmatch.fnmatch(pdf.name, pattern) or fnmatch.fnmatch(pdf.stem, pattern)):
                continue
            try:
                pages = int(json.loads(gold.read_text(encoding="utf-8")).get("pdf_page_count") or 0)
            except (ValueError, OSError):
                pages = 0
            jobs.append(Job(pdf=pdf, gold=gold, family=families.get(pdf.name, "unknown"),
                            pages=pages, size=pdf.stat().st_size))
    # Page count predicts extraction time better than bytes (scans are big but quick to skip).
    jobs.sort(key=lambda j: (-j.pages, -j.size, j.name))
    return jobs


def run_one(pdf: str, gold_path: str, family: str, ocr: bool = False) -> dict[str, Any]:
    """Extract and score one file; never raises, so one bad file cannot stop the run.

    A file that fails is scored as an empty output (everything missed) and keeps its error.
    """
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    output: dict[str, Any] | None = None
    error: str | None = None
    try:
        import packparse

        output = packparse.extract(pdf, ocr=ocr).model_dump(mode="json")
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        error = f"{type(exc).__name__}: {exc}{where}"
    seconds = time.perf_counter() - start
    return _file_result(Path(pdf).name, family, gold, output, error, seconds, ocr)


def _file_result(name: str, family: str, gold: dict[str, Any], output: dict[str, Any] | None,
                 error: str | None, seconds: float, ocr: bool) -> dict[str, Any]:
    scores = score(output, gold, ocr=ocr)
    return {
        "file": name,
        "family": family,
        "pdf_pages": gold.get("pdf_page_count"),
        "seconds": round(seconds, 3),
        "error": error,
        "counts": counts_of(scores),
        "missed": {k: s.missed for k, s in scores.items() if s.missed},
        "extra": {k: s.extra for k, s in scores.items() if s.extra},
    }


def _executor(jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers are fresh per file, forked from a server that has packparse imported.

    forkserver re-imports the caller's main script once, in the server (hence callers need the usual
    `if __name__ == "__main__":` guard); when that script cannot be re-imported (`python -` reading
    stdin) we fall back to plain fork with long-lived workers: less isolation, same results.
    """
    main_path = getattr(sys.modules.get("__main__"), "__file__", None)
    reimportable = main_path is None or Path(main_path).is_file()
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods and reimportable:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["packparse", "packparse.evaluation.runner"])
        # max_tasks_per_child must stay 1: values > 1 can deadlock the pool on CPython 3.11-3.14
        # (cpython#115634, a stale idle-worker token); with 1 every task ends its worker, no token leaks.
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, max_tasks_per_child=1)
    if "fork" in methods:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    # Windows: spawn re-imports packparse per worker; still correct, a little slower.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               max_tasks_per_child=1)


def _run_all(todo: list[Job], jobs: int, ocr: bool,
             on_result: Callable[[dict[str, Any]], None] | None) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    crashed: list[Job] = []

    def finish(job: Job, result: dict[str, Any]) -> None:
        results[job.name] = result
        if on_result:
            on_result(result)

    with _executor(jobs) as ex:
        futures: dict[Future[dict[str, Any]], Job] = {
            ex.submit(run_one, str(j.pdf), str(j.gold), j.family, ocr): j for j in todo
        }
        for fut in as_completed(futures):
            job = futures[fut]
            try:
                finish(job, fut.result())
            except BrokenProcessPool:
                crashed.append(job)
            except Exception as exc:  # pickling or other pool failure: record, keep going
                finish(job, _failed(job, f"{type(exc).__name__}: {exc}", ocr))
    # A worker that died (segfault, out of memory) breaks the whole pool and we cannot tell which
    # file did it: rerun each affected file alone so the culprit is named and the rest still score.
    # `jobs` single-worker pools at a time keep the reruns parallel and each failure attributable.
    for start in range(0, len(crashed), jobs):
        batch = [(job, _executor(1)) for job in crashed[start:start + jobs]]
        pending = [(job, ex, ex.submit(run_one, str(job.pdf), str(job.gold), job.family, ocr))
                   for job, ex in batch]
        for job, ex, fut in pending:
            try:
                finish(job, fut.result())
            except Exception as exc:
                reason = ("worker process died (crash, out of memory, or could not start)"
                          if isinstance(exc, BrokenProcessPool) else f"{type(exc).__name__}: {exc}")
                finish(job, _failed(job, reason, ocr))
            finally:
                ex.shutdown(wait=True)
    return results


def _failed(job: Job, error: str, ocr: bool) -> dict[str, Any]:
    gold = json.loads(job.gold.read_text(encoding="utf-8"))
    return _file_result(job.name, job.family, gold, None, error, 0.0, ocr)


def evaluate(corpus_dir: str | os.PathLike[str], jobs: int | None = None, *, files: str | None = None,
             ocr: bool = False, on_result: Callable[[dict[str, Any]], None] | None = None,
             ) -> dict[str, Any]:
    """Extract and score every gold-annotated PDF of the corpus; return the results document.

    The result holds `totals` and `families` (field -> gold/got/tp/precision/recall/f1) and `files`
    (name -> counts, missed/extra items, error, seconds). `on_result` is called as each file ends.
    """
    root = Path(corpus_dir).resolve()
    todo = discover(root, files)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    start = time.perf_counter()
    by_name = _run_all(todo, workers, ocr, on_result) if todo else {}
    wall = time.perf_counter() - start
    file_results = {j.name: by_name[j.name] for j in sorted(todo, key=lambda j: j.name)}
    families: dict[str, dict[str, Any]] = {}
    for fam in sorted({r["family"] for r in file_results.values()}):
        families[fam] = pool(r["counts"] for r in file_results.values() if r["family"] == fam)
    try:
        from packparse import __version__ as version
    except Exception:  # pragma: no cover - the package is what we evaluate, it should import
        version = "?"
    return {
        "format": RESULTS_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "corpus": str(root),
        "packparse_version": version,
        "jobs": workers,
        "ocr": ocr,
        "filter": files,
        "wall_seconds": round(wall, 2),
        "extract_seconds": round(sum(r["seconds"] for r in file_results.values()), 2),
        "n_files": len(file_results),
        "n_errors": sum(1 for r in file_results.values() if r["error"]),
        "fields": list(FIELDS),
        "totals": pool(r["counts"] for r in file_results.values()),
        "families": families,
        "files": file_results,
    }


def write_results(results: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------------------------------
# Printing (rich)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _f1_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 0.9 else "yellow" if value >= 0.6 else "red"


def field_table(title: str, totals: dict[str, dict[str, Any]]) -> Any:
    """One row per field: the counts and micro precision / recall / F1."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("field")
    for col in ("gold", "got", "tp", "precision", "recall", "F1"):
        table.add_column(col, justify="right")
    for name, t in totals.items():
        table.add_row(name, str(t["gold"]), str(t["got"]), str(t["tp"]), _fmt(t["precision"]),
                      _fmt(t["recall"]), f"[{_f1_style(t['f1'])}]{_fmt(t['f1'])}[/]")
    return table


def print_report(results: dict[str, Any], console: Any = None, misses: int = 3) -> None:
    """Corpus table, one table per family, then each file's errors and a few missed/extra items."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console()
    console.print(field_table(
        f"Corpus: {results['n_files']} files, {results['n_errors']} errors, "
        f"{results['wall_seconds']:.1f}s wall ({results['extract_seconds']:.1f}s extraction, "
        f"{results['jobs']} jobs)", results["totals"]))
    for fam, totals in results["families"].items():
        n = sum(1 for r in results["files"].values() if r["family"] == fam)
        console.print()
        console.print(field_table(f"Family {fam} ({n} files)", totals))
    if misses <= 0:
        return
    console.print()
    console.rule("Per file: missed (-) and extra (+)")
    for name, r in results["files"].items():
        head = f"[bold]{escape(name)}[/] [dim]({r['family']}, {r['pdf_pages']} pages, {r['seconds']:.1f}s)[/]"
        console.print(head)
        if r["error"]:
            console.print(f"  [red]ERROR {escape(r['error'])}[/]")
        for fld in r["counts"]:
            missed, extra = r["missed"].get(fld, []), r["extra"].get(fld, [])
            if not missed and not extra:
                continue
            parts = []
            if missed:
                parts.append(f"[red]-{len(missed)}[/] " + escape(_few(missed, misses)))
            if extra:
                parts.append(f"[yellow]+{len(extra)}[/] " + escape(_few(extra, misses)))
            # soft_wrap: one line per field, never re-wrapped by rich (readable in logs and pipes)
            console.print(f"  {fld:<24} " + "  ".join(parts), soft_wrap=True)


def _few(items: list[str], n: int) -> str:
    shown = "; ".join(i if len(i) <= 70 else i[:69] + "…" for i in items[:n])
    return shown + (f"; … {len(items) - n} more" if len(items) > n else "")


def print_compare(results: dict[str, Any], old: dict[str, Any], console: Any = None) -> None:
    """Per-field F1 now vs an older results file, so a change's effect shows at a glance."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title=f"F1 against {old.get('created', 'older run')}", title_justify="left",
                  show_edge=False, pad_edge=False)
    for col, justify in (("field", "left"), ("old F1", "right"), ("new F1", "right"), ("Δ", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    old_totals = old.get("totals", {})
    names = list(results["totals"]) + [n for n in old_totals if n not in results["totals"]]
    for name in names:
        new_f1 = results["totals"].get(name, {}).get("f1")
        old_f1 = old_totals.get(name, {}).get("f1")
        if new_f1 is None or old_f1 is None:
            delta = "–"
        else:
            d = new_f1 - old_f1
            style = "green" if d > 1e-9 else "red" if d < -1e-9 else "dim"
            delta = f"[{style}]{d:+.3f}[/]"
        table.add_row(name, _fmt(old_f1), _fmt(new_f1), delta)
    console.print(table)
    old_files, new_files = set(old.get("files", {})), set(results["files"])
    if old_files != new_files:
        console.print(f"[dim]files only in new run: {len(new_files - old_files)}, "
                      f"only in old run: {len(old_files - new_files)}[/]")
