"""`python -m packparse.evaluation`: run the accuracy harness over the corpus and print the scores.

By default one run scores the shared gold (`<corpus>/gold`), scores the new gold (`tests/gold/wild`,
PDFs in `<corpus>/wild`) apart, and runs the gold-free self-checks on every PDF of `real/`, `packs/`
and `wild/`. `--selfcheck-only` runs just the self-checks (over `wild/` unless `--folders` says).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from packparse.evaluation.runner import (
    ALL_FOLDERS,
    WILD_FOLDER,
    evaluate,
    print_compare,
    print_report,
    write_results,
    write_selfcheck_floor,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m packparse.evaluation",
        description="Extract every gold-annotated PDF of the corpus, score it and print micro P/R/F1 "
                    "per field for the corpus, each family and the misses of each file; score the new "
                    "gold apart; run the gold-free self-checks on every PDF and print their pass rates "
                    "per check, council and family with the failing files.")
    parser.add_argument("corpus", nargs="?", default="../shared/corpus",
                        help="corpus folder with real/, packs/, wild/, gold/ (default: %(default)s)")
    parser.add_argument("-o", "--output", default=".eval/results.json",
                        help="where to write the results JSON (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="parallel worker processes (default: CPU count, %(default)s)")
    parser.add_argument("--compare", metavar="OLD.json",
                        help="print per-field F1 deltas against this older results file")
    parser.add_argument("--files", metavar="GLOB", help="only files whose name matches GLOB, e.g. 'kent_*'")
    parser.add_argument("--ocr", action="store_true",
                        help="read scanned pages with tesseract (extract --ocr) and also score the tables "
                             "of scanned files (gold text_layer: false)")
    parser.add_argument("--misses", type=int, default=3, metavar="N",
                        help="missed/extra items shown per field and file; 0 hides the per-file parts "
                             "(default: %(default)s)")
    parser.add_argument("--wild-gold", metavar="DIR", default="tests/gold/wild",
                        help="the new gold files (<stem>.gold.json for PDFs in <corpus>/wild/), scored and "
                             "reported apart; files written there while you work are picked up "
                             "(default: %(default)s; 'none' to skip)")
    parser.add_argument("--folders", metavar="LIST",
                        help=f"corpus folders whose PDFs get the self-checks, comma-separated "
                             f"(default: {','.join(ALL_FOLDERS)}; with --selfcheck-only: {WILD_FOLDER})")
    parser.add_argument("--no-selfchecks", action="store_true", help="skip the self-checks")
    parser.add_argument("--selfcheck-only", action="store_true",
                        help="run only the self-checks (no gold scoring), over wild/ unless --folders says")
    parser.add_argument("--write-floor", metavar="FLOOR.json",
                        help="write this run's self-check pass rates per council and per check, rounded "
                             "down, as floors (tests/selfcheck_floor.json; run over real,packs,wild)")
    args = parser.parse_args(argv)

    from rich.console import Console

    # tables and the failing-file lines are wide: never squeeze them into 80 columns in a log
    console = Console(width=max(140, shutil.get_terminal_size((140, 40)).columns))
    err = Console(stderr=True)
    corpus = Path(args.corpus)
    if args.selfcheck_only and args.no_selfchecks:
        err.print("[red]--selfcheck-only and --no-selfchecks contradict each other[/]")
        return 2
    if args.folders:
        folders: tuple[str, ...] = tuple(f.strip() for f in args.folders.split(",") if f.strip())
    else:
        folders = (WILD_FOLDER,) if args.selfcheck_only else ALL_FOLDERS
    if args.no_selfchecks:
        folders = ()
    bad = [f for f in folders if not (corpus / f).is_dir()]
    if bad:
        err.print(f"[red]no {', '.join(bad)} folder under {corpus.resolve()}[/]")
        return 2
    gold = not args.selfcheck_only
    wild_gold = None if args.selfcheck_only or args.wild_gold.lower() == "none" else Path(args.wild_gold)
    if gold and not (corpus / "gold").is_dir():
        err.print(f"[red]no gold/ folder under {corpus.resolve()}[/]")
        return 2
    old = None
    if args.compare:
        try:
            old = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err.print(f"[red]cannot read {args.compare}: {exc}[/]")
            return 2

    with err.status("extracting…") as status:
        done = 0

        def on_result(result: dict) -> None:
            nonlocal done
            done += 1
            mark = "[red]✗[/]" if result["error"] else "[green]✓[/]"
            err.print(f"{mark} {result['file']} [dim]{result['seconds']:.1f}s[/]", highlight=False)
            status.update(f"extracting… {done} done")

        results = evaluate(corpus, args.jobs, files=args.files, ocr=args.ocr, on_result=on_result,
                           gold=gold, wild_gold=wild_gold, selfchecks=folders)
    n_wild = (results.get("wild_gold") or {}).get("n_files", 0)
    n_checked = (results.get("selfchecks") or {}).get("n_files", 0)
    if not (results["n_files"] or n_wild or n_checked):
        err.print("[red]no PDFs matched (no gold file, no self-checked folder)[/]")
        return 2
    print_report(results, console, misses=args.misses)
    path = write_results(results, args.output)
    if args.write_floor and results.get("selfchecks") is not None:
        floor = write_selfcheck_floor(results["selfchecks"], args.write_floor)
        console.print(f"[dim]self-check floors written to {floor}[/]")
    if old is not None:
        console.print()
        print_compare(results, old, console)
    console.print(f"\n[dim]results written to {path}[/]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
