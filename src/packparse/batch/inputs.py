"""Find the PDFs a batch was given (files, folders, globs) and name their outputs."""

from __future__ import annotations

import glob
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from packparse import filebytes
from packparse.errors import PackparseError
from packparse.fileguard import FileId, file_id


@dataclass
class InputFile:
    """One input: its path, content hash (None when it could not be read) and output file name."""

    path: Path
    size: int = 0
    sha256: str | None = None
    error: str | None = None
    output_name: str = ""
    duplicate_of: Path | None = None  # same name and content as an earlier input: done once
    file_id: FileId | None = None  # (device, inode): outputs never go over it


def _is_pdf_name(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def _walk(folder: Path) -> list[Path]:
    """Every *.pdf (any case) under `folder`, recursively, in a stable order; hidden folders skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files) if _is_pdf_name(Path(f)))
    return found


def expand(args: list[str]) -> tuple[list[Path], list[str], list[str]]:
    """Expand the command line's inputs into files.

    Returns (files, missing, empty): `missing` are named files that do not exist (they are reported as
    failed, as `extract` would), `empty` are folders or globs that matched no PDF (a note, not a failure).
    Each file appears once even when several arguments reach it.
    """
    files: list[Path] = []
    missing: list[str] = []
    empty: list[str] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for arg in args:
        path = Path(arg).expanduser()
        if path.is_dir():
            found = _walk(path)
        elif path.exists() or path.is_symlink():  # a dangling link is reported as failed, with its reason
            found = [path]
        elif glob.has_magic(arg):
            found = []
            pattern = os.path.expanduser(arg)
            if pattern.lower().endswith(".pdf"):  # '*.pdf' should find 'REPORT.PDF' too
                pattern = pattern[:-4] + ".[pP][dD][fF]"
            for match in sorted(glob.glob(pattern, recursive=True)):
                m = Path(match)
                if m.is_dir():
                    found.extend(_walk(m))
                elif _is_pdf_name(m):
                    found.append(m)
        else:
            missing.append(arg)
            continue
        if not found:
            empty.append(arg)
        for f in found:
            add(f)
    return files, missing, empty


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 of the content (what resume keys on) and the size. Only a regular file is opened (a FIFO,
    socket or device raises `UnreadableInput` "not a regular file" without blocking)."""
    digest, size, _, _ = filebytes.hash_file(path)
    return digest, size


def describe(paths: list[Path]) -> list[InputFile]:
    """Hash every file and give each an output name: `<stem>.json`, or `<stem>-<hash8>.json` when
    several inputs share a stem (compared without case, for case-insensitive filesystems)."""
    inputs: list[InputFile] = []
    for p in paths:
        item = InputFile(path=p)
        item.file_id = file_id(p)  # every input, readable or not: outputs never go over one
        try:
            item.sha256, item.size = hash_file(p)
        except PackparseError as exc:  # missing, a dangling link, a folder, a FIFO, socket or device
            item.error = exc.reason
        except OSError as exc:
            item.error = f"cannot read ({exc.strerror or exc})"
        inputs.append(item)
    by_stem: dict[str, list[InputFile]] = defaultdict(list)
    for item in inputs:
        by_stem[item.path.stem.casefold()].append(item)
    for group in by_stem.values():
        first: dict[tuple[str, str | None], InputFile] = {}
        for item in group:
            twin = first.setdefault((item.path.name, item.sha256), item)
            if twin is not item and item.sha256 is not None:
                item.duplicate_of = twin.path
            if len(group) == 1:
                item.output_name = f"{item.path.stem}.json"
            else:
                tag = (item.sha256 or hashlib.sha256(str(item.path).encode()).hexdigest())[:8]
                item.output_name = f"{item.path.stem}-{tag}.json"
    return inputs
