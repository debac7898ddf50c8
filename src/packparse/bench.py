"""`python -m packparse.bench CORPUS -o .bench/results.json`: where the time goes, and how batch scales,
for each reader (PDFium, the default, and pdfplumber).

1. For the Durham pack and the largest Kent pack: seconds for pdfplumber alone to read `page.chars` of
   every page (closing each page, as the reader does) against `packparse.extract` with each reader, and
   their ratio: what a full extract costs against the PDF parsing pdfplumber cannot avoid. Each measurement
   runs in a fresh process, so none inherits another's warm caches, and reports that process's peak RSS;
   each runs three times (`--repeats`) and the fastest run counts. The memory of the largest pack is also
   measured on its first half.
2. Peak RSS against length alone: the Durham pack repeated 1, 2, 4 and 8 times in one scratch file (made in a
   temporary folder, deleted after), each extracted and its JSON made in a fresh process.
3. `packparse batch` over the corpus (`real/` and `packs/`) with 1 and 2 jobs, for each reader, three times
   each (`--batch-repeats`, the fastest counts): pages per second, the speedup, and the peak RSS of each
   worker (its own `ru_maxrss`, reported with its result; the fork server, not this process, is the
   workers' parent, so RUSAGE_CHILDREN here does not see them).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from packparse.backends import READERS

RESULTS_FORMAT = "packparse-bench/2"
READ_PACKS = ("packs/durham_cpp_2022-12-16_agenda_pack.pdf", "packs/kent_cabinet_2025-01-30_public_reports_pack.pdf")
BATCH_FOLDERS = ("real", "packs")
LADDER_PACK = "packs/durham_cpp_2022-12-16_agenda_pack.pdf"
LADDER_TIMES = (1, 2, 4, 8, 16, 32, 56)  # 56 times is 4,928 pages: up to the 5,000-page limit


def _peak_rss_mb() -> float:
    from packparse.batch.worker import peak_rss_mb

    return peak_rss_mb() or 0.0


def _cpu() -> float:
    return time.process_time()


def _read_chars(pdf: str) -> dict[str, Any]:
    """pdfplumber alone: every page's chars, each page closed after (the reader's access pattern)."""
    import pdfplumber

    cpu = _cpu()
    started = time.perf_counter()
    chars = 0
    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
        for page in doc.pages:
            chars += len(page.chars)
            page.close()
    return {"seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(_cpu() - cpu, 2),
            "pages": pages, "chars": chars, "peak_rss_mb": _peak_rss_mb()}


def _extract(pdf: str, reader: str = "pdfium", dump: bool = False) -> dict[str, Any]:
    """One `extract`; with `dump`, the pack extracted and written as `packparse extract` does it
    (`extract_for_output`, then its JSON a document at a time to a file in a temporary folder), inside the
    peak. The engines are imported before the clock starts (`backends.preload`), as pdfplumber is for
    `_read_chars` and by the batch's fork server."""
    import packparse
    from packparse.api import extract_for_output
    from packparse.backends import preload
    from packparse.options import ExtractOptions
    from packparse.writers import write_pack

    preload()

    cpu = _cpu()
    started = time.perf_counter()
    pack = (extract_for_output(pdf, options=ExtractOptions(reader=reader)) if dump
            else packparse.extract(pdf, reader=reader))
    out = {"seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(_cpu() - cpu, 2),
           "pages": pack.source.pdf_pages}
    if dump:
        with tempfile.TemporaryDirectory(prefix="packparse-bench-") as tmp:
            written = Path(tmp) / "pack.json"
            write_pack(pack, written)
            out["json_mb"] = round(written.stat().st_size / 2**20, 2)
    return {**out, "peak_rss_mb": _peak_rss_mb()}


def _repeated(pdf: Path, times: int, folder: Path) -> Path:
    """`pdf`'s pages `times` over, one file, written in `folder` (a scratch folder: never the project)."""
    import pypdfium2 as pdfium

    source, made = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    try:
        for _ in range(times):
            made.import_pages(source)
        out = folder / f"{pdf.stem}.x{times}.pdf"
        made.save(out)
    finally:
        made.close()
        source.close()
    return out


def length_ladder(corpus: Path, times: tuple[int, ...] = LADDER_TIMES) -> dict[str, Any]:
    """Peak RSS against pack length with everything else equal: the Durham pack 1 to 56 times over (`times`)
    in one file, each extracted and written as `packparse extract` does it, in a fresh process. The slope per
    100 pages, over the whole ladder and between its last two rows (past the bounded costs that fill up
    first: the stores' budgets and caches), is set beside the JSON's own size per 100 pages."""
    pdf = corpus / LADDER_PACK
    if not pdf.exists():
        return {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="packparse-ladder-") as tmp:
        for n in times:
            made = _repeated(pdf, n, Path(tmp))
            rows.append({"times": n, **_in_fresh_process(_extract, str(made), "pdfium", True)})
            made.unlink()
    first, before, last = rows[0], rows[max(0, len(rows) - 2)], rows[-1]
    extra = (last["pages"] - first["pages"]) / 100 or 1
    at_length = (last["pages"] - before["pages"]) / 100 or 1
    return {"file": pdf.name, "rows": rows,
            "peak_rss_mb_per_100_pages": round((last["peak_rss_mb"] - first["peak_rss_mb"]) / extra, 2),
            "peak_rss_mb_per_100_pages_at_length": round((last["peak_rss_mb"] - before["peak_rss_mb"]) / at_length,
                                                         2),
            "json_mb_per_100_pages": round((last["json_mb"] - first["json_mb"]) / extra, 2)}


def _read_half(pdf: str, reader: str) -> dict[str, Any]:
    """Peak RSS reading the first half of `pdf` only: against the whole, whether memory grows with length."""
    import pdfplumber

    from packparse.reader import read_pages

    with pdfplumber.open(pdf) as doc:
        half = len(doc.pages) // 2
    read_pages(pdf, list(range(1, half + 1)), reader=reader)
    return {"pages": half, "peak_rss_mb": _peak_rss_mb()}


def _spin(n: int = 20_000_000) -> float:
    started = time.perf_counter()
    x = 0
    for i in range(n):
        x += i
    return time.perf_counter() - started


def machine_parallelism(jobs: int) -> float:
    """How much faster `jobs` CPU-bound processes finish than one, on this machine right now: other
    load (or a host that gives fewer real cores than it shows) caps the speedup any batch can get."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as ex:
        list(ex.map(_spin, [1000] * jobs))  # start the workers first
        alone = ex.submit(_spin).result()
        together = max(ex.map(_spin, [20_000_000] * jobs))
    return round(jobs * alone / together, 2)


def _in_fresh_process(fn: Any, *args: Any) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as ex:
        return ex.submit(fn, *args).result()


def read_vs_extract(corpus: Path, repeats: int = 3, readers: tuple[str, ...] = READERS) -> list[dict[str, Any]]:
    """Each side `repeats` times, interleaved; the fastest run of each counts (the least disturbed by
    whatever else the machine does: single runs of the 88-page pack varied from 1.10x to 1.52x here)."""
    rows = []
    for rel in READ_PACKS:
        pdf = corpus / rel
        if not pdf.exists():
            continue
        runs: list[dict[str, dict[str, Any]]] = []
        for _ in range(max(1, repeats)):
            run = {"chars": _in_fresh_process(_read_chars, str(pdf))}
            for reader in readers:
                run[reader] = _in_fresh_process(_extract, str(pdf), reader)
            runs.append(run)
        chars = min((r["chars"] for r in runs), key=lambda r: r["seconds"])
        row: dict[str, Any] = {"file": pdf.name, "pages": chars["pages"], "chars": chars["chars"], "repeats": len(runs),
                               "pdfplumber_chars_seconds": chars["seconds"],
                               "pdfplumber_chars_cpu_seconds": chars["cpu_seconds"],
                               "pdfplumber_chars_peak_rss_mb": chars["peak_rss_mb"], "readers": {}}
        for reader in readers:
            full = min((r[reader] for r in runs), key=lambda r: r["seconds"])
            half = _in_fresh_process(_read_half, str(pdf), reader)
            row["readers"][reader] = {
                "extract_seconds": full["seconds"], "extract_cpu_seconds": full["cpu_seconds"],
                "ms_per_page": round(1000 * full["seconds"] / max(1, chars["pages"]), 1),
                "ratio": round(full["seconds"] / chars["seconds"], 2) if chars["seconds"] else None,
                "all_ratios": [round(r[reader]["seconds"] / r["chars"]["seconds"], 2)
                               for r in runs if r["chars"]["seconds"]],
                "cpu_ratio": (round(full["cpu_seconds"] / chars["cpu_seconds"], 2)
                              if chars["cpu_seconds"] else None),
                "extract_peak_rss_mb": full["peak_rss_mb"],
                "first_half_read_peak_rss_mb": half["peak_rss_mb"], "first_half_pages": half["pages"]}
        rows.append(row)
    return rows


def batch_run(corpus: Path, jobs: int, timeout: float, reader: str = "pdfium") -> dict[str, Any]:
    """One forced batch over the corpus into a scratch folder; the corpus is only read."""
    from packparse.batch import BatchOptions, run_batch
    from packparse.options import ExtractOptions

    inputs = [str(corpus / f) for f in BATCH_FOLDERS if (corpus / f).is_dir()]
    with tempfile.TemporaryDirectory(prefix="packparse-bench-") as tmp:
        started = time.perf_counter()
        report = run_batch(BatchOptions(inputs=inputs, outdir=Path(tmp) / "out", jobs=jobs, timeout=timeout,
                                        force=True, quiet=True, extract=ExtractOptions(reader=reader)),
                           console=Console(stderr=True))
        seconds = time.perf_counter() - started
    done = [r for r in report.records if r["status"] in ("ok", "ok_with_warnings")]
    pages = sum(r["pages"] or 0 for r in done)
    rss = [(round(r["peak_rss_mb"]), Path(r["path"]).name) for r in done if r.get("peak_rss_mb")]
    top = max(rss) if rss else (None, None)
    return {"reader": reader, "jobs": jobs, "files": len(report.records), "failed": len(report.failed),
            "pages": pages,
            "seconds": round(seconds, 1), "pages_per_second": round(pages / seconds, 2) if seconds else None,
            "worker_peak_rss_mb_max": top[0], "worker_peak_rss_mb_max_file": top[1],
            "worker_peak_rss_mb_median": statistics.median(v for v, _ in rss) if rss else None,
            "longest_file_seconds": max((r["seconds"] or 0 for r in done), default=None),
            "cpu_seconds": round(sum(r.get("cpu_seconds") or 0 for r in done), 1),
            "longest_file_cpu_seconds": max((r.get("cpu_seconds") or 0 for r in done), default=None),
            "failures": {Path(r["path"]).name: r["reason"] for r in report.failed},
            "per_file": {Path(r["path"]).name: {"pages": r["pages"], "seconds": r["seconds"],
                                                "peak_rss_mb": r.get("peak_rss_mb")} for r in done}}


def _tables(results: dict[str, Any]) -> list[Table]:
    read = Table(title="packparse.extract against pdfplumber reading page.chars, per reader (fresh process each, "
                       "fastest of the repeats)")
    for col in ("file", "pages", "reader", "chars s", "extract s", "ms/page", "ratio", "each run", "CPU ratio",
                "RSS MB chars / extract / first half"):
        read.add_column(col, justify="left" if col in ("file", "reader") else "right")
    for r in results["read_vs_extract"]:
        for reader, x in r["readers"].items():
            read.add_row(r["file"], str(r["pages"]), reader, f"{r['pdfplumber_chars_seconds']:.1f}",
                         f"{x['extract_seconds']:.1f}", f"{x['ms_per_page']:.1f}",
                         f"{x['ratio']:.2f}x" if x["ratio"] else "-", " ".join(f"{v:.2f}" for v in x["all_ratios"]),
                         f"{x['cpu_ratio']:.2f}x" if x["cpu_ratio"] else "-",
                         f"{r['pdfplumber_chars_peak_rss_mb']:.0f} / {x['extract_peak_rss_mb']:.0f} / "
                         f"{x['first_half_read_peak_rss_mb']:.0f}")
    speedups = {reader: b["speedup"] for reader, b in results["batch"].items() if isinstance(b, dict) and "runs" in b}
    batch = Table(title=f"packparse batch over the corpus (speedup with more jobs: {speedups})")
    for col in ("reader", "jobs", "files", "failed", "pages", "wall s", "each run", "pages/s", "CPU s",
                "largest file s (CPU)", "worker RSS MB max / median"):
        batch.add_column(col, justify="left" if col == "reader" else "right")
    for reader, b in results["batch"].items():
        if not isinstance(b, dict) or "runs" not in b:
            continue
        for r in b["runs"]:
            batch.add_row(reader, str(r["jobs"]), str(r["files"]), str(r["failed"]), str(r["pages"]),
                          f"{r['seconds']:.1f}", " ".join(f"{x:.1f}" for x in r.get("all_seconds", [])),
                          f"{r['pages_per_second']:.2f}", f"{r['cpu_seconds']:.1f}",
                          f"{r['longest_file_seconds']:.1f} ({r['longest_file_cpu_seconds']:.1f})",
                          f"{r['worker_peak_rss_mb_max']} / {r['worker_peak_rss_mb_median']}")
    loops = {k: v for k, v in results["batch"].items() if k.startswith("machine_speedup_")}
    batch.caption = f"this machine now, CPU-bound loops: {loops}"
    tables = [read, batch]
    ladder = results.get("length_ladder") or {}
    if ladder.get("rows"):
        grow = Table(title=f"peak RSS against length: {ladder['file']} repeated in one file (pdfium, JSON made)")
        for col in ("times", "pages", "extract s", "peak RSS MB", "JSON MB"):
            grow.add_column(col, justify="right")
        for r in ladder["rows"]:
            grow.add_row(str(r["times"]), str(r["pages"]), f"{r['seconds']:.1f}", f"{r['peak_rss_mb']:.1f}",
                         f"{r['json_mb']:.2f}")
        grow.caption = (f"peak RSS +{ladder['peak_rss_mb_per_100_pages']} MB per 100 pages "
                        f"(+{ladder.get('peak_rss_mb_per_100_pages_at_length')} between the last two); "
                        f"the JSON alone +{ladder['json_mb_per_100_pages']} MB per 100 pages")
        tables.append(grow)
    return tables


def _batch_runs(corpus: Path, jobs_list: list[int], timeout: float, reader: str, repeats: int = 3) -> dict[str, Any]:
    """Each job count `repeats` times, interleaved; the fastest run of each counts."""
    tries = [[batch_run(corpus, jobs, timeout, reader) for jobs in jobs_list] for _ in range(max(1, repeats))]
    runs = [min((t[i] for t in tries), key=lambda r: r["seconds"]) for i in range(len(jobs_list))]
    for i, run in enumerate(runs):
        run["all_seconds"] = [t[i]["seconds"] for t in tries]
    by_jobs = {r["jobs"]: r for r in runs}
    speedup = None
    if 1 in by_jobs and len(by_jobs) > 1:
        most = max(by_jobs)
        speedup = round(by_jobs[1]["seconds"] / by_jobs[most]["seconds"], 2) if by_jobs[most]["seconds"] else None
    # What more jobs could give at best with this mix of files: the largest file alone bounds the wall time.
    ideal = None
    if 1 in by_jobs and by_jobs[1]["cpu_seconds"]:
        total, longest = by_jobs[1]["cpu_seconds"], by_jobs[1]["longest_file_cpu_seconds"] or 0
        ideal = {j: round(total / max(longest, total / j), 2) for j in sorted(by_jobs)}
    return {"runs": runs, "speedup": speedup, "ideal_speedup_from_cpu": ideal}


def run(corpus: Path, jobs_list: list[int], timeout: float, skip_read: bool = False,
        repeats: int = 3, readers: tuple[str, ...] = READERS, batch_repeats: int = 3) -> dict[str, Any]:
    results: dict[str, Any] = {
        "format": RESULTS_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "corpus": str(corpus),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
    }
    from packparse import __version__

    results["packparse_version"] = __version__
    results["read_vs_extract"] = [] if skip_read else read_vs_extract(corpus, repeats, readers)
    results["length_ladder"] = {} if skip_read else length_ladder(corpus)
    results["batch"] = {reader: _batch_runs(corpus, jobs_list, timeout, reader, batch_repeats) for reader in readers}
    most = max(jobs_list) if jobs_list else 1
    results["batch"][f"machine_speedup_{most}_busy_loops"] = machine_parallelism(most) if most > 1 else None
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m packparse.bench", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (holding real/ and packs/)")
    parser.add_argument("-o", "--output", type=Path, default=Path(".bench/results.json"))
    parser.add_argument("--jobs", default="1,2", help="batch runs to make, comma-separated job counts")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="per-file time limit for the batch runs (generous: a slow machine must not fail)")
    parser.add_argument("--skip-read", action="store_true", help="only the batch runs")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each side of the read/extract comparison; the fastest counts")
    parser.add_argument("--readers", default=",".join(READERS), help="readers to measure, comma-separated")
    parser.add_argument("--batch-repeats", type=int, default=3,
                        help="runs of each batch (per reader and job count); the fastest counts")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: {args.corpus}: no such folder", file=sys.stderr)
        return 2
    readers = tuple(r.strip() for r in args.readers.split(",") if r.strip())
    unknown = [r for r in readers if r not in READERS]
    if unknown:
        print(f"error: unknown reader(s) {', '.join(unknown)} (one of: {', '.join(READERS)})", file=sys.stderr)
        return 2
    results = run(args.corpus.resolve(), [int(j) for j in args.jobs.split(",") if j.strip()], args.timeout,
                  skip_read=args.skip_read, repeats=args.repeats, readers=readers, batch_repeats=args.batch_repeats)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    console = Console(width=max(Console().width, 140))
    for table in _tables(results):
        console.print(table)
    console.print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
