"""The Python API: `extract(path) -> Pack`. The CLI is a thin layer over this."""

from __future__ import annotations

import os
from pathlib import Path

from packparse import __version__
from packparse.models import Pack, Source
from packparse.reader import read_pdf


def extract(path: str | os.PathLike[str], password: str | None = None) -> Pack:
    """Parse one agenda pack (or any council PDF) into a validated `Pack`.

    Raises `packparse.errors.PackparseError` (with an exit code) for input that cannot be read.
    """
    read = read_pdf(path, password=password)
    source = Source(file=Path(path).name, sha256=read.sha256, pdf_pages=len(read.pages),
                    bytes=read.size, title=read.title, producer=read.producer)
    return Pack(packparse_version=__version__, source=source)
