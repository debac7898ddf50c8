"""`python -m packparse.evaluation`: run the accuracy harness over the corpus and print the scores."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from packparse.evaluation.runner import evaluate, print_compare, print_report, write_results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m packparse.evaluation",
        description="Extract every gold-annotated PDF of the corpus, score it and print micro P/R/F1 "
                    "per field for the corpus, each family and the misses of each file.")
    parser.add_argument("corpus", nargs="?", default="../shared/corpus",
                        help="corpus folder with real/, packs/, gold/ (default: %(default)s)")
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
                        help="missed/extra items shown per field and file; 0 hides the per-file part "
                             "(default: %(default)s)")
    args = parser.parse_args(argv)

    from rich.console import Console

    console = Console()
    err = Console(stderr=True)
    corpus = Path(args.corpus)
    if not (corpus / "gold").is_dir():
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

        results = evaluate(corpus, args.jobs, files=args.files, ocr=args.ocr, on_result=on_result)
    if not results["n_files"]:
        err.print("[red]no PDFs with a gold file matched[/]")
        return 2
    print_report(results, console, misses=args.misses)
    path = write_results(results, args.output)
    if old is not None:
        console.print()
        print_compare(results, old, console)
    console.print(f"\n[dim]results written to {path}[/]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
