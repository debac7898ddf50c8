"""OUTDIR/manifest.jsonl: one JSON line per file per run, appended and fsynced as each file ends.

Append-only with an fsync per line means a batch killed at any moment leaves every finished line on
disk and at worst one torn last line, which readers skip. The newest line for a file wins.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

MANIFEST = "manifest.jsonl"
FIELDS = ("path", "sha256", "status", "reason", "output", "pages", "seconds", "packparse_version")


def read_manifest(path: Path) -> Iterator[dict[str, Any]]:
    """Every whole record in the manifest; a torn or garbled line (a killed run) is skipped."""
    try:
        fh = path.open("r", encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    with fh:
        for line in fh:
            if not line.endswith("\n"):
                continue  # torn last line
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


class ManifestWriter:
    """Appends records durably: write, flush and fsync each line before the next file is reported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: TextIO = path.open("a+", encoding="utf-8")
        self._heal_torn_tail()

    def _heal_torn_tail(self) -> None:
        """A torn last line from a killed run would swallow the next record: end it with a newline."""
        self._fh.seek(0, os.SEEK_END)
        size = self._fh.tell()
        if size == 0:
            return
        with self.path.open("rb") as raw:
            raw.seek(size - 1)
            last = raw.read(1)
        if last != b"\n":
            self._fh.write("\n")
            self._sync()

    def append(self, record: dict[str, Any]) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._sync()

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
