"""What a person watching a batch sees on stderr: a progress bar while it runs, a table when it ends."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text


class _Counts(ProgressColumn):
    """files done/total, pages, pages per second and failures, from the task's fields."""

    def render(self, task: Task) -> Text:
        f = task.fields
        elapsed = max(time.monotonic() - f["t0"], 1e-6)
        text = Text(f"{f['files_done']}/{f['files_total']} files  {f['pages']} pages ({f['pages'] / elapsed:.1f}/s)")
        if f["failed"]:
            text.append(f"  {f['failed']} failed", style="bold red")
        return text


class BatchProgress:
    """The bar advances by bytes (the best guess of work left, largest files going first) and shows
    files, pages, rate, ETA and failures. Refreshed by the batch loop, not by a thread of its own."""

    def __init__(self, console: Console, quiet: bool) -> None:
        self.console = console
        self.quiet = quiet
        self.progress: Progress | None = None
        self.task_id: Any = None

    def start(self, files_total: int, bytes_total: int, skipped: int) -> None:
        if self.quiet:
            return
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]batch"), BarColumn(bar_width=24), _Counts(), TimeRemainingColumn(),
            console=self.console, auto_refresh=False, transient=False)
        self.progress.start()
        self.task_id = self.progress.add_task("batch", total=max(bytes_total, 1), files_done=0,
                                              files_total=files_total, pages=0, failed=0, t0=time.monotonic())
        if skipped:
            self.console.print(f"{skipped} unchanged files skipped (use --force to redo them)")
        self.refresh()

    def advance(self, size: int, pages: int | None, failed: bool) -> None:
        if self.progress is None:
            return
        task = self.progress.tasks[0]
        f = task.fields
        self.progress.update(self.task_id, advance=size, files_done=f["files_done"] + 1,
                             pages=f["pages"] + (pages or 0), failed=f["failed"] + int(failed))
        self.refresh()

    def note(self, message: str) -> None:
        """A line above the bar (a failure as it happens); in --quiet mode only errors get through."""
        self.console.print(message, soft_wrap=True, highlight=False)

    def refresh(self) -> None:
        if self.progress is not None:
            self.progress.refresh()

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def summary_table(counts: dict[str, int], files: int, pages: int, seconds: float, failures: list[tuple[str, str]],
                  outdir: str, db: str | None) -> Table:
    """The closing table: what happened to how many files, pages and time, then each failure."""
    table = Table(title="packparse batch", show_header=False, box=None, pad_edge=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("files", str(files))
    for status in ("ok", "ok_with_warnings", "skipped_unchanged", "failed"):
        if counts.get(status):
            style = "red" if status == "failed" else ""
            table.add_row(status, Text(str(counts[status]), style=style))
    table.add_row("pages extracted", str(pages))
    rate = f" ({pages / seconds:.1f} pages/s)" if seconds > 0 and pages else ""
    table.add_row("seconds", f"{seconds:.1f}{rate}")
    table.add_row("output", outdir)
    if db:
        table.add_row("database", db)
    for path, reason in failures[:20]:
        table.add_row(Text("  ✗", style="red"), f"{path}: {reason}")
    if len(failures) > 20:
        table.add_row("", f"... and {len(failures) - 20} more in the manifest")
    return table
