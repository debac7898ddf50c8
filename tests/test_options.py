"""One typed model of the per-file options (`ExtractOptions`), one default each, carried CLI -> API -> workers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import typer

import packparse
from packparse import limits, reader
from packparse.batch import BatchOptions
from packparse.cli import app
from packparse.options import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S, ExtractOptions

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
CLI_NAMES = {"max_memory": "max_memory_mb"}


def test_one_default_each() -> None:
    defaults = ExtractOptions()
    assert (defaults.max_pages, defaults.timeout, defaults.max_memory_mb) == \
        (DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S, DEFAULT_MAX_MEMORY_MB) == (5000, 300.0, 2048)
    assert reader.MAX_PAGES == limits.DEFAULT_MAX_PAGES == DEFAULT_MAX_PAGES
    assert limits.DEFAULT_MAX_MEMORY_MB == DEFAULT_MAX_MEMORY_MB and limits.DEFAULT_TIMEOUT_S == DEFAULT_TIMEOUT_S
    assert BatchOptions(inputs=[], outdir=Path("out")).per_file == defaults


@pytest.mark.parametrize("command", ["extract", "tables", "inspect", "batch"])
def test_cli_defaults_are_the_model_defaults(command: str) -> None:
    """Every per-file flag a command has defaults to the model's value (batch's memory limit included)."""
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    params = {p.name: p.default for p in commands[command].params if p.name is not None}
    fields = ExtractOptions.model_fields
    shared = {CLI_NAMES.get(name, name): value for name, value in params.items()
              if CLI_NAMES.get(name, name) in fields}
    assert {"password", "timeout", "max_memory_mb"} <= set(shared)
    for name, value in shared.items():
        assert value == fields[name].default, (command, name)


def test_api_takes_options_or_keywords() -> None:
    options = ExtractOptions(redact=True, timezone="Europe/Paris")
    by_options = packparse.extract(SAMPLE, options=options)
    by_keywords = packparse.extract(SAMPLE, redact=True, timezone="Europe/Paris")
    assert by_options == by_keywords and by_options.meeting.timezone == "Europe/Paris"
    assert by_options.meeting.contact is not None and by_options.meeting.contact.phone == "[phone]"
    overridden = packparse.extract(SAMPLE, options=options, redact=False, timezone="Europe/London")
    assert overridden.meeting.contact is not None and overridden.meeting.contact.phone != "[phone]"
    assert packparse.extract(SAMPLE) == packparse.extract(SAMPLE, options=ExtractOptions())


def test_bad_values_are_value_errors_that_never_echo_the_password() -> None:
    with pytest.raises(ValueError, match="unknown time zone") as caught:
        packparse.extract(SAMPLE, timezone="Mars/Base", password="hunter2")
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ValueError) as caught:
        ExtractOptions(retrieved="yesterday", password="hunter2")
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(ExtractOptions(password="hunter2"))
    with pytest.raises(ValueError):
        ExtractOptions(max_pages=0)
    with pytest.raises(ValueError):
        ExtractOptions(colour="blue")  # type: ignore[call-arg]


def test_output_key_and_transport() -> None:
    options = ExtractOptions(password="pw", redact=True, max_pages=10, timezone=" Europe/London ")
    assert options.timezone == "Europe/London"
    assert options.output_key() == {"redact": True, "timezone": "Europe/London"}  # limits and password: no
    assert ExtractOptions().output_key() == {}
    assert pickle.loads(pickle.dumps(options)) == options  # to local workers
    assert ExtractOptions.model_validate_json(options.model_dump_json()) == options  # to Ray workers (stdin)
