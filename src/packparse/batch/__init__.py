"""`packparse batch`: many PDFs -> one JSON each, a manifest, optionally SQLite; resumable.

Each file runs in a process of its own with a time and a memory limit, so one bad file cannot stop or
lose the others; results are recorded as they come, so a killed batch picks up where it stopped.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BatchOptions", "BatchReport", "BatchUsageError", "run_batch"]


def __getattr__(name: str) -> Any:
    """Import the runner (rich, sqlite) only when asked: worker processes import just `worker`."""
    if name in __all__:
        from packparse.batch import runner

        return getattr(runner, name)
    raise AttributeError(name)
