"""Run packparse over the gold corpus, score every file and report corpus / family / file results.

Extraction dominates the cost (scoring is microseconds), so files run in parallel worker processes,
largest first so that the 460-page pack does not start last and set the wall time alone. Each file
gets a fresh process (`max_tasks_per_child=1`) so one file's memory or a crash cannot affect
another's result; the workers fork from a server that has already imported packparse, which keeps
that isolation cheap. Scoring happens in the worker too, so only small count dicts cross processes.

Three things can be asked of one run, and each file is extracted once for all of them:
- the shared gold (`<corpus>/gold/*.gold.json` for `real/` and `packs/`), scored as it always was;
- the new gold (`tests/gold/wild/*.gold.json`, PDFs in `<corpus>/wild/`), scored alike and reported
  apart; a gold file with `text_layer: false` (text drawn as outlines, scans) is scored on an
  extraction with OCR;
- the gold-free self-checks (`selfchecks.py`) on every PDF of the chosen folders, reported per check,
  council and family, with the failing files and their evidence.
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
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packparse.evaluation.printing import print_compare, print_report  # noqa: F401 (re-exported)
from packparse.evaluation.scoring import FIELDS, counts_of, pool, score

RESULTS_FORMAT = "packparse-eval/1"
PDF_FOLDERS = ("real", "packs")
WILD_FOLDER = "wild"
ALL_FOLDERS = (*PDF_FOLDERS, WILD_FOLDER)


@dataclass(frozen=True)
class Job:
    """One PDF of the corpus that has a gold file."""

    pdf: Path
    gold: Path | None
    family: str
    pages: int
    size: int
    council: str = "unknown"
    folder: str = ""
    gold_set: str | None = None  # "shared" (corpus gold/) or "wild" (tests/gold/wild)
    score_ocr: bool = False  # new gold with text_layer: false, scored on an OCR extraction
    selfcheck: bool = False

    @property
    def name(self) -> str:
        return self.pdf.name

    def spec(self, ocr: bool) -> dict[str, Any]:
        return {"pdf": str(self.pdf), "gold": str(self.gold) if self.gold else None, "family": self.family,
                "council": self.council, "folder": self.folder, "gold_set": self.gold_set,
                "score_ocr": self.score_ocr, "selfcheck": self.selfcheck, "ocr": ocr, "pages": self.pages}


def load_families(corpus_dir: Path) -> dict[str, str]:
    """`file -> family` from PROVENANCE.tsv; files it does not list are reported as 'unknown'."""
    path = corpus_dir / "PROVENANCE.tsv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["file"]: (row.get("family") or "unknown").strip() or "unknown"
                for row in csv.DictReader(fh, delimiter="\t") if row.get("file")}


def load_provenance(corpus_dir: Path) -> dict[str, dict[str, str]]:
    """`file -> row` from `PROVENANCE.tsv` and `wild/PROVENANCE.tsv` (council_or_body, family, pages)."""
    rows: dict[str, dict[str, str]] = {}
    for path in (corpus_dir / "PROVENANCE.tsv", corpus_dir / WILD_FOLDER / "PROVENANCE.tsv"):
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("file"):
                    rows.setdefault(row["file"], {k: (v or "").strip() for k, v in row.items() if k})
    return rows


def _matches(pdf: Path, pattern: str | None) -> bool:
    return not pattern or fnmatch.fnmatch(pdf.name, pattern) or fnmatch.fnmatch(pdf.stem, pattern)


def _gold_header(gold: Path) -> dict[str, Any] | None:
    """The gold file's JSON, or None while it cannot be read (a helper may be writing it now)."""
    try:
        data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def discover_all(corpus_dir: str | os.PathLike[str], pattern: str | None = None, *, gold: bool = True,
                 wild_gold: str | os.PathLike[str] | None = None,
                 selfcheck_folders: tuple[str, ...] | list[str] = ()) -> tuple[list[Job], list[str]]:
    """Every file one run needs: shared gold files (when `gold`), new gold files found in `wild_gold`
    (PDFs in `<corpus>/wild/`), and every PDF of `selfcheck_folders` for the self-checks; one job per
    PDF, largest first. Returns the jobs and notes on gold files that could not be used."""
    root = Path(corpus_dir)
    prov = load_provenance(root)
    notes: list[str] = []
    by_pdf: dict[Path, dict[str, Any]] = {}

    def entry(pdf: Path, folder: str) -> dict[str, Any]:
        return by_pdf.setdefault(pdf, {"folder": folder})

    if gold:
        for j in discover(root, pattern):
            entry(j.pdf, j.pdf.parent.name).update(gold=j.gold, gold_set="shared", pages=j.pages)
    if wild_gold is not None and Path(wild_gold).is_dir():
        for g in sorted(Path(wild_gold).glob("*.gold.json")):
            stem = g.name[: -len(".gold.json")]
            pdf = root / WILD_FOLDER / f"{stem}.pdf"
            if not _matches(pdf, pattern):
                continue
            head = _gold_header(g)
            if not pdf.exists():
                notes.append(f"{g.name}: no {WILD_FOLDER}/{stem}.pdf in the corpus")
                continue
            if head is None:
                notes.append(f"{g.name}: not readable JSON (yet?), skipped")
                continue
            entry(pdf, WILD_FOLDER).update(gold=g, gold_set="wild", score_ocr=head.get("text_layer") is False,
                                           pages=int(head.get("pdf_page_count") or 0))
    for folder in selfcheck_folders:
        for pdf in sorted((root / folder).glob("*.pdf")):
            if _matches(pdf, pattern):
                entry(pdf, folder)["selfcheck"] = True
    jobs = []
    for pdf, e in by_pdf.items():
        row = prov.get(pdf.name, {})
        pages = e.get("pages") or (int(row["pages"]) if (row.get("pages") or "").isdigit() else 0)
        jobs.append(Job(pdf=pdf, gold=e.get("gold"), family=row.get("family") or "unknown", pages=pages,
                        size=pdf.stat().st_size, council=row.get("council_or_body") or "unknown",
                        folder=e["folder"], gold_set=e.get("gold_set"), score_ocr=bool(e.get("score_ocr")),
                        selfcheck=bool(e.get("selfcheck"))))
    jobs.sort(key=lambda j: (-j.pages, -j.size, j.name))
    return jobs, notes


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
                            pages=pages, size=pdf.stat().st_size, folder=folder, gold_set="shared"))
    # Page count predicts extraction time better than bytes (scans are big but quick to skip).
    jobs.sort(key=lambda j: (-j.pages, -j.size, j.name))
    return jobs


def run_one(pdf: str, gold_path: str, family: str, ocr: bool = False) -> dict[str, Any]:
    """Extract and score one file; never raises, so one bad file cannot stop the run.

    A file that fails is scored as an empty output (everything missed) and keeps its error.
    """
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    output, error = _extract(pdf, ocr)
    seconds = time.perf_counter() - start
    return _file_result(Path(pdf).name, family, gold, output, error, seconds, ocr)


def _extract(pdf: str, ocr: bool) -> tuple[dict[str, Any] | None, str | None]:
    try:
        import packparse

        return packparse.extract(pdf, ocr=ocr).model_dump(mode="json"), None
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        return None, f"{type(exc).__name__}: {exc}{where}"


def run_job(spec: dict[str, Any]) -> dict[str, Any]:
    """Extract one file once, then score it against its gold and run the self-checks, as `spec`
    (`Job.spec`) asks; never raises. A gold file with `score_ocr` is scored on a second extraction
    with OCR (the self-checks judge what a plain extraction gives)."""
    pdf, ocr = spec["pdf"], bool(spec.get("ocr"))
    name = Path(pdf).name
    start = time.perf_counter()
    output, error = _extract(pdf, ocr)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {"file": name, "family": spec.get("family") or "unknown",
                              "council": spec.get("council") or "unknown", "folder": spec.get("folder") or "",
                              "pdf_pages": (output or {}).get("source", {}).get("pdf_pages") or spec.get("pages"),
                              "seconds": round(seconds, 3), "error": error}
    if spec.get("selfcheck"):
        from packparse.evaluation.selfchecks import read_facts, run_checks

        facts = read_facts(pdf)
        result["checks"] = run_checks(output, facts, error)
        if facts.error:
            result["facts_error"] = facts.error
    if spec.get("gold"):
        gold = json.loads(Path(spec["gold"]).read_text(encoding="utf-8"))
        scored, scored_error, scored_ocr = output, error, ocr
        if spec.get("score_ocr") and not ocr:
            t0 = time.perf_counter()
            scored, scored_error = _extract(pdf, True)
            scored_ocr = True
            seconds += time.perf_counter() - t0
            result["seconds"] = round(seconds, 3)
        result["gold_set"] = spec.get("gold_set")
        result["gold"] = _file_result(name, result["family"], gold, scored, scored_error, seconds, scored_ocr)
    return result


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
    """Run every job; results keyed by the PDF's path."""
    results: dict[str, dict[str, Any]] = {}
    crashed: list[Job] = []

    def finish(job: Job, result: dict[str, Any]) -> None:
        results[str(job.pdf)] = result
        if on_result:
            on_result(result)

    with _executor(jobs) as ex:
        futures: dict[Future[dict[str, Any]], Job] = {ex.submit(run_job, j.spec(ocr)): j for j in todo}
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
        pending = [(job, ex, ex.submit(run_job, job.spec(ocr))) for job, ex in batch]
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
    """What a file whose worker died or could not run scores: an empty output everywhere."""
    result: dict[str, Any] = {"file": job.name, "family": job.family, "council": job.council,
                              "folder": job.folder, "pdf_pages": job.pages, "seconds": 0.0, "error": error}
    if job.selfcheck:
        from packparse.evaluation.selfchecks import run_checks

        result["checks"] = run_checks(None, None, error)
    if job.gold is not None:
        gold = _gold_header(job.gold) or {}
        result["gold_set"] = job.gold_set
        result["gold"] = _file_result(job.name, job.family, gold, None, error, 0.0, ocr or job.score_ocr)
    return result


def evaluate(corpus_dir: str | os.PathLike[str], jobs: int | None = None, *, files: str | None = None,
             ocr: bool = False, on_result: Callable[[dict[str, Any]], None] | None = None,
             gold: bool = True, wild_gold: str | os.PathLike[str] | None = None,
             selfchecks: tuple[str, ...] | list[str] | bool = False) -> dict[str, Any]:
    """Extract and score every gold-annotated PDF of the corpus; return the results document.

    The result holds `totals` and `families` (field -> gold/got/tp/precision/recall/f1) and `files`
    (name -> counts, missed/extra items, error, seconds) for the shared gold. `wild_gold` (a folder
    of `<stem>.gold.json` for PDFs in `<corpus>/wild/`) adds `wild_gold` with the same fields;
    `selfchecks` (folder names, or True for real/, packs/ and wild/) adds `selfchecks`: pass rates
    per check, council, family and folder, and each file's checks with their evidence. `gold=False`
    skips the shared gold. Each file is extracted once for all three. `on_result` is called as each
    file ends.
    """
    root = Path(corpus_dir).resolve()
    folders = tuple(ALL_FOLDERS if selfchecks is True else (selfchecks or ()))
    todo, notes = discover_all(root, files, gold=gold, wild_gold=wild_gold, selfcheck_folders=folders)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    start = time.perf_counter()
    by_path = _run_all(todo, workers, ocr, on_result) if todo else {}
    wall = time.perf_counter() - start
    ordered = sorted(todo, key=lambda j: (j.name, str(j.pdf)))
    names = Counter(j.name for j in todo)

    def key(j: Job) -> str:
        return j.name if names[j.name] == 1 else f"{j.folder}/{j.name}"

    def gold_part(gold_set: str) -> dict[str, dict[str, Any]]:
        return {key(j): by_path[str(j.pdf)]["gold"] for j in ordered
                if j.gold_set == gold_set and "gold" in by_path[str(j.pdf)]}

    file_results = gold_part("shared")
    try:
        from packparse import __version__ as version
    except Exception:  # pragma: no cover - the package is what we evaluate, it should import
        version = "?"
    results: dict[str, Any] = {
        "format": RESULTS_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "corpus": str(root),
        "packparse_version": version,
        "jobs": workers,
        "ocr": ocr,
        "filter": files,
        "wall_seconds": round(wall, 2),
        "extract_seconds": round(sum(r["seconds"] for r in by_path.values()), 2),
        **_gold_summary(file_results),
        "fields": list(FIELDS),
    }
    if wild_gold is not None:
        results["wild_gold"] = {"dir": str(Path(wild_gold).resolve()), "notes": notes,
                                **_gold_summary(gold_part("wild"))}
    results["tables_all_gold"] = tables_summary([*file_results.values(), *gold_part("wild").values()])
    if folders:
        checked = {key(j): by_path[str(j.pdf)] for j in ordered if j.selfcheck}
        results["selfchecks"] = selfcheck_summary(checked, folders)
    return results


TABLE_FIELDS = ("tables.detected", "tables.header", "tables.columns")


def tables_summary(file_results: list[dict[str, Any]]) -> dict[str, Any]:
    """The table fields pooled over every gold file, shared and new together (where the table targets are
    set: detected, columns and header cells), in all and per family."""
    def tables(rs: list[dict[str, Any]]) -> dict[str, Any]:
        return pool({k: v for k, v in r["counts"].items() if k in TABLE_FIELDS} for r in rs)

    families = sorted({r["family"] for r in file_results})
    return {"n_files": sum(1 for r in file_results if any(k in TABLE_FIELDS for k in r["counts"])),
            "totals": tables(file_results),
            "families": {fam: tables([r for r in file_results if r["family"] == fam]) for fam in families}}


def _gold_summary(file_results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    families: dict[str, dict[str, Any]] = {}
    for fam in sorted({r["family"] for r in file_results.values()}):
        families[fam] = pool(r["counts"] for r in file_results.values() if r["family"] == fam)
    return {
        "n_files": len(file_results),
        "n_errors": sum(1 for r in file_results.values() if r["error"]),
        "totals": pool(r["counts"] for r in file_results.values()),
        "families": families,
        "files": file_results,
    }


def selfcheck_summary(checked: dict[str, dict[str, Any]], folders: tuple[str, ...] | list[str] = ()
                      ) -> dict[str, Any]:
    """Pass rates per check, council, family and folder, the failing files, and each file's checks."""
    from packparse.evaluation.selfchecks import CHECKS, rates

    keep = ("council", "family", "folder", "pdf_pages", "error", "facts_error", "checks")
    files = {name: {k: r.get(k) for k in keep} for name, r in checked.items()}
    rows = list(files.values())
    failing = []
    for name, f in files.items():
        fails = {c: r for c, r in (f.get("checks") or {}).items() if r.get("status") == "fail"}
        if fails:
            failing.append({"file": name, "council": f.get("council"), "family": f.get("family"),
                            "checks": list(fails),
                            "evidence": {c: (r.get("evidence") or [None])[0] for c, r in fails.items()}})
    return {
        "folders": list(folders),
        "n_files": len(files),
        "n_errors": sum(1 for f in rows if f.get("error")),
        "check_names": list(CHECKS),
        "checks": rates(rows),
        "councils": rates(rows, "council"),
        "families": rates(rows, "family"),
        "by_folder": rates(rows, "folder"),
        "failing": failing,
        "files": files,
    }


def write_selfcheck_floor(sc: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Today's self-check figures as the floors `tests/test_selfcheck_floor.py` holds: each council's
    pass rate (all its checks pooled), rounded down to three decimals, and for each check the number
    of files failing it (a ceiling: a count does not move when another file turns n/a)."""
    import math

    def down(rate: float) -> float:
        return math.floor(rate * 1000 + 1e-9) / 1000

    floors = {
        "councils": {c: down(per["all"]["rate"]) for c, per in sc["councils"].items()
                     if per.get("all", {}).get("rate") is not None},
        "max_failing_files": {c: r["fail"] for c, r in sc["checks"].items() if c != "all"},
    }
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def write_results(results: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
