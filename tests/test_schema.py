"""The committed JSON Schema matches the models, and every corpus output validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from packparse.errors import PackparseError
from packparse.writers import SCHEMA_FILE, schema_json
from tests.corpus import all_stems, extracted, needs_corpus

ROOT = Path(__file__).resolve().parents[1]


def test_schema_in_sync() -> None:
    committed = (ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), "schemas/ is stale: run `packparse schema -o schemas`"


@needs_corpus
@pytest.mark.parametrize("stem", all_stems())
def test_corpus_output_validates(stem: str) -> None:
    schema = json.loads(schema_json())
    try:
        pack = extracted(stem)
    except PackparseError:
        return  # a clean error is an accepted outcome
    jsonschema.validate(json.loads(pack.model_dump_json()), schema)
    assert pack.source.pdf_pages == len(pack.pages)
