"""Where the shared corpus is, and a cached extract so several tests can look at one pack."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest

import packparse
from packparse.models import Pack

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


def pdf_path(stem: str) -> Path:
    for folder in ("packs", "real"):
        p = CORPUS / folder / f"{stem}.pdf"
        if p.exists():
            return p
    raise FileNotFoundError(stem)


def wild_path(stem: str) -> Path:
    """A file of the gold-free `wild/` corpus."""
    return CORPUS / "wild" / f"{stem}.pdf"


def gold(stem: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{stem}.gold.json").read_text(encoding="utf-8"))


@cache
def extracted(stem: str) -> Pack:
    return packparse.extract(pdf_path(stem))


def families() -> dict[str, str]:
    """file stem -> family (moderngov, uk_local, us, other) from PROVENANCE.tsv."""
    path = CORPUS / "PROVENANCE.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["file"][:-4]: row["family"] for row in csv.DictReader(fh, delimiter="\t")}


def pack_stems() -> list[str]:
    return sorted(p.stem for p in (CORPUS / "packs").glob("*.pdf")) if CORPUS.is_dir() else []


def all_stems() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.stem for folder in ("packs", "real") for p in (CORPUS / folder).glob("*.pdf"))
