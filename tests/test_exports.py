"""Deterministic ids and the OCD / OParl exports: shapes, id round trips, stability, the CLI."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from typer.testing import CliRunner

import packparse
from packparse.cli import app
from packparse.errors import PackparseError
from packparse.exports import local_datetime, ocd_event_id, oparl_id, to_ocd, to_oparl
from packparse.ids import all_ids, assign_ids, id_owners, slug
from packparse.models import Pack
from tests.corpus import CORPUS, extracted, needs_corpus, pdf_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "example_pack.pdf"
OPARL = "https://schema.oparl.org/1.1/"


def _text_layer_stems(max_pages: int | None = None) -> list[str]:
    """Corpus PDFs with a text layer (PROVENANCE.tsv), optionally only the short ones."""
    path = CORPUS / "PROVENANCE.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        if row["has_text_layer"] != "yes":
            continue
        pages = int(row["pages"]) if row["pages"].isdigit() else None
        if max_pages is not None and (pages is None or pages > max_pages):
            continue
        out.append(row["file"][:-4])
    return sorted(out)


# -- minimal schemas of the target formats: the fields each export must have, with their types ----------

_STR = {"type": "string"}
_STR_LIST = {"type": "array", "items": _STR}

OCD_EVENT = {
    "type": "object",
    "required": ["id", "name", "description", "classification", "start_date", "end_date", "timezone", "all_day",
                 "status", "location", "participants", "agenda", "documents", "media", "links", "sources",
                 "extras"],
    "properties": {
        "id": {"type": "string",
               "pattern": r"^ocd-event/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$"},
        "name": {"type": "string", "minLength": 1},
        "description": _STR,
        "classification": {"type": "string", "minLength": 1},
        # pupa's fuzzy datetime: a date, or a date-time with its UTC offset; blank when the pack has no date
        "start_date": {"type": "string",
                       "pattern": r"^$|^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$"},
        "end_date": {"type": "string", "pattern": r"^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"},
        "timezone": {"type": "string", "minLength": 1},
        "all_day": {"type": "boolean"},
        "status": {"enum": ["cancelled", "tentative", "confirmed", "passed"]},
        "location": {"type": "object", "required": ["name", "note", "coordinates"],
                     "properties": {"name": {"type": "string", "minLength": 1}, "note": _STR,
                                    "coordinates": {"type": ["object", "null"]}}},
        "participants": {"type": "array", "items": {
            "type": "object", "required": ["name", "type", "note"],
            "properties": {"name": {"type": "string", "minLength": 1}, "type": {"enum": ["organization", "person"]},
                           "note": {"type": "string", "minLength": 1}}}},
        "agenda": {"type": "array", "items": {
            "type": "object",
            "required": ["description", "classification", "order", "subjects", "media", "notes",
                         "related_entities", "extras"],
            "properties": {
                "description": {"type": "string", "minLength": 1},
                "classification": _STR_LIST,
                "order": {"type": ["string", "null"]},
                "subjects": _STR_LIST,
                "media": {"type": "array"},
                "notes": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "related_entities": {"type": "array", "items": {
                    "type": "object", "required": ["name", "entity_type", "note"],
                    "properties": {"name": {"type": "string", "minLength": 1},
                                   "entity_type": {"type": "string", "minLength": 1},
                                   "note": {"type": ["string", "null"]}}}},
                "extras": {"type": "object", "required": ["packparse_id"],
                           "properties": {"packparse_id": _STR}},
            }}},
        "documents": {"type": "array", "items": {
            "type": "object", "required": ["note", "links"],
            "properties": {"note": {"type": "string", "minLength": 1},
                           "links": {"type": "array", "minItems": 1, "items": {
                               "type": "object", "required": ["url", "media_type"],
                               "properties": {"url": {"type": "string", "minLength": 1},
                                              "media_type": {"const": "application/pdf"}}}}}}},
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["url", "note"],
            "properties": {"url": {"type": "string", "minLength": 1}, "note": _STR}}},
        "extras": {"type": "object", "required": ["packparse_id", "documents"],
                   "properties": {"packparse_id": _STR}},
    },
}

_URL = {"type": "string", "pattern": r"^(urn:packparse:|https?://)\S+$"}
_RANGE = {"type": "object", "required": ["first", "last"],
          "properties": {"first": {"type": "integer"}, "last": {"type": "integer"}}}

OPARL_FILE = {
    "type": "object",
    "required": ["id", "type", "name", "fileName", "mimeType", "accessUrl", "packparse:pdfPages"],
    "properties": {
        "id": _URL, "type": {"const": OPARL + "File"}, "name": {"type": "string", "minLength": 1},
        "fileName": {"type": "string", "minLength": 1}, "mimeType": {"const": "application/pdf"},
        "size": {"type": "integer"},
        "accessUrl": {"type": "string", "pattern": r"#page=\d+$"},
        "meeting": {"type": "array", "items": _URL}, "agendaItem": {"type": "array", "items": _URL},
        "paper": {"type": "array", "items": _URL}, "packparse:pdfPages": _RANGE,
    },
}
OPARL_AGENDA_ITEM = {
    "type": "object",
    "required": ["id", "type", "meeting", "number", "order", "name", "public"],
    "properties": {
        "id": _URL, "type": {"const": OPARL + "AgendaItem"}, "meeting": _URL, "number": _STR,
        "order": {"type": "integer", "minimum": 1}, "name": {"type": "string", "minLength": 1},
        "public": {"type": "boolean"}, "consultation": _URL, "result": _STR, "resolutionText": _STR,
        "auxiliaryFile": {"type": "array", "items": OPARL_FILE},
    },
}
OPARL_MEETING = {
    "type": "object",
    "required": ["id", "type", "name", "agendaItem"],
    "properties": {
        "id": _URL, "type": {"const": OPARL + "Meeting"}, "name": {"type": "string", "minLength": 1},
        "start": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"},
        "end": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"},
        "location": {"type": "object", "required": ["id", "type"],
                     "properties": {"id": _URL, "type": {"const": OPARL + "Location"}, "description": _STR}},
        "invitation": OPARL_FILE, "resultsProtocol": OPARL_FILE,
        "auxiliaryFile": {"type": "array", "items": OPARL_FILE},
        "agendaItem": {"type": "array", "items": OPARL_AGENDA_ITEM},
    },
}
OPARL_PAPER = {
    "type": "object",
    "required": ["id", "type", "name", "mainFile"],
    "properties": {
        "id": _URL, "type": {"const": OPARL + "Paper"}, "name": {"type": "string", "minLength": 1},
        "reference": _STR, "mainFile": OPARL_FILE, "auxiliaryFile": {"type": "array", "items": OPARL_FILE},
        "originatorPerson": {"type": "array", "items": _URL},
        "consultation": {"type": "array", "items": {
            "type": "object", "required": ["id", "type", "paper", "meeting", "agendaItem"],
            "properties": {"id": _URL, "type": {"const": OPARL + "Consultation"}}}},
        "packparse:reportOf": _STR,
    },
}
OPARL_BUNDLE = {
    "type": "object",
    "required": ["meeting", "paper", "file"],
    "properties": {"meeting": OPARL_MEETING, "paper": {"type": "array", "items": OPARL_PAPER},
                   "file": {"type": "array", "items": OPARL_FILE}},
}


# -- helpers ------------------------------------------------------------------------------------------


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _pack_id(oparl: str) -> str:
    """An OParl id back to the pack id it was built from (fragments name a Paper, Consultation, Location)."""
    assert oparl.startswith("urn:packparse:"), oparl
    return unquote(oparl[len("urn:packparse:"):]).split("#", 1)[0]


def _ocd_ids(event: dict) -> list[str]:
    """Every pack id an OCD event refers to (all live in `extras`)."""
    extras = event["extras"]
    out = [extras["packparse_id"], *(d["id"] for d in extras["documents"])]
    for item in event["agenda"]:
        x = item["extras"]
        out.append(x["packparse_id"])
        out += [d["id"] for d in x.get("documents", [])]
        out += x.get("people", [])
        out += [d["id"] for d in x.get("decisions", []) if d["id"] is not None]
        if x.get("minute_item"):
            out.append(x["minute_item"])
    return out


def _check_ids(pack: Pack) -> None:
    ids = all_ids(pack)
    shared = [i for i, owners in id_owners(pack).items()
              if any(o.model_dump() != owners[0].model_dump() for o in owners[1:])]
    assert not shared, shared[:5]  # an id is held by one thing (or copies of one person mention)
    assert pack.meeting.id
    things = [*pack.agenda.items, *pack.documents,
              *(mi for d in pack.documents if d.minutes for mi in d.minutes.items),
              *(dec for d in pack.documents if d.minutes for mi in d.minutes.items for dec in mi.decisions)]
    assert all(t.id for t in things)
    for t in things:
        assert t.id.startswith(pack.meeting.id + "/")
    assert all(re.fullmatch(r"[a-z0-9./-]+", i) for i in ids if pack.source.meeting_id is None), ids[:3]


def _check_exports(pack: Pack) -> None:
    ids = set(all_ids(pack))
    event = to_ocd(pack)
    json.dumps(event)
    jsonschema.validate(event, OCD_EVENT)
    assert event["id"] == ocd_event_id(pack.meeting.id)
    missing = [i for i in _ocd_ids(event) if i not in ids]
    assert not missing, missing[:5]
    assert len(event["agenda"]) == (len(pack.agenda.items) or len(event["agenda"]))
    assert len(event["documents"]) == len(pack.documents)

    bundle = to_oparl(pack)
    json.dumps(bundle)
    jsonschema.validate(bundle, OPARL_BUNDLE)
    refs = [s for s in _strings(bundle) if s.startswith("urn:packparse:")]
    missing = [r for r in refs if _pack_id(r) not in ids]
    assert not missing, missing[:5]
    assert [f["id"] for f in bundle["file"]] == [oparl_id(d.id) for d in pack.documents]
    assert len(bundle["paper"]) == sum(d.kind == "report" for d in pack.documents)
    if pack.agenda.items:
        items = bundle["meeting"]["agendaItem"]
        assert [i["id"] for i in items] == [oparl_id(i.id) for i in pack.agenda.items]
        assert [i["public"] for i in items] == [not i.exempt for i in pack.agenda.items]


# -- the sample ---------------------------------------------------------------------------------------


def test_sample_ids_and_exports() -> None:
    pack = packparse.extract(SAMPLE)
    _check_ids(pack)
    _check_exports(pack)
    base = "borsetshire-county-council/children-and-young-peoples-scrutiny-committee/2023-03-14"
    assert pack.meeting.id == base
    assert [i.id for i in pack.agenda.items][:2] == [f"{base}/item/1", f"{base}/item/2"]
    assert f"{base}/doc/p7-report" in [d.id for d in pack.documents]
    assert pack.meeting.timezone == "Europe/London"


def test_ids_identical_across_independent_extractions_of_the_sample() -> None:
    assert all_ids(packparse.extract(SAMPLE)) == all_ids(packparse.extract(SAMPLE))


def test_ids_recomputed_from_json_are_the_same() -> None:
    pack = packparse.extract(SAMPLE)
    again = Pack.model_validate_json(pack.model_dump_json())
    for node in (again.meeting, *again.agenda.items, *again.documents):
        node.id = None
    assert all_ids(assign_ids(again)) == all_ids(pack)


def test_source_metadata_and_meeting_id(tmp_path: Path) -> None:
    url = "https://democracy.example.gov.uk/documents/g1/Public reports pack.pdf"
    pack = packparse.extract(SAMPLE, source_url=url, meeting_id="bcc-cyp-2023-03-14",
                             retrieved="2023-03-20T08:00:00Z", timezone="Europe/London")
    assert (pack.source.url, pack.source.retrieved, pack.source.meeting_id) == (
        url, "2023-03-20T08:00:00Z", "bcc-cyp-2023-03-14")
    assert pack.meeting.id == "bcc-cyp-2023-03-14"
    assert all(i.startswith("bcc-cyp-2023-03-14") for i in all_ids(pack))
    _check_ids(pack)
    _check_exports(pack)
    event = to_ocd(pack)
    assert event["sources"][0]["url"] == url
    assert event["status"] == "passed"  # dated before it was retrieved
    assert event["documents"][0]["links"][0]["url"] == url + "#page=1"
    bundle = to_oparl(pack, base_url="https://oparl.example.org/")
    assert bundle["meeting"]["id"] == "https://oparl.example.org/bcc-cyp-2023-03-14"
    assert bundle["file"][0]["accessUrl"] == url + "#page=1"


def test_bad_source_metadata_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        packparse.extract(SAMPLE, timezone="Europe/Borchester")
    with pytest.raises(ValueError, match="ISO date"):
        packparse.extract(SAMPLE, retrieved="last Tuesday")


def test_local_times_carry_the_zone_offset() -> None:
    assert local_datetime("2025-01-30", "10:00", "Europe/London") == "2025-01-30T10:00:00+00:00"
    assert local_datetime("2025-07-10", "10:00", "Europe/London") == "2025-07-10T10:00:00+01:00"  # BST
    assert local_datetime("2021-01-20", "18:00", "America/Los_Angeles") == "2021-01-20T18:00:00-08:00"
    assert local_datetime("2025-01-30", None, "Europe/London") is None


def test_repeated_numbers_get_ordinals() -> None:
    pack = packparse.extract(SAMPLE)
    pack.agenda.items[1].number = pack.agenda.items[0].number  # two items numbered "1"
    assign_ids(pack)
    base = pack.meeting.id
    assert [i.id for i in pack.agenda.items[:2]] == [f"{base}/item/1", f"{base}/item/1-2"]
    assert slug("Children and Young People’s Scrutiny Committee") == "children-and-young-peoples-scrutiny-committee"


@pytest.mark.parametrize("fmt", ["ocd", "oparl"])
def test_cli_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"pack.{fmt}.json"
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "--format", fmt, "-o", str(out), "--quiet",
                                      "--source-url", "https://example.org/pack.pdf", "--retrieved", "2023-03-01",
                                      "--timezone", "Europe/London"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    if fmt == "ocd":
        jsonschema.validate(data, OCD_EVENT)
        assert data["start_date"] == "2023-03-14T10:00:00+00:00"
        assert data["status"] == "confirmed"
    else:
        jsonschema.validate(data, OPARL_BUNDLE)
        assert data["meeting"]["start"] == "2023-03-14T10:00:00+00:00"
        assert data["file"][0]["accessUrl"] == "https://example.org/pack.pdf#page=1"


def test_cli_default_output_name_and_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(SAMPLE), "-f", "oparl", "-q"]).exit_code == 0
    assert (tmp_path / "example_pack.oparl.json").exists()
    assert runner.invoke(app, ["extract", str(SAMPLE), "-f", "xml", "-q"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(SAMPLE), "--timezone", "Nowhere/Town", "-q"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(SAMPLE), "--retrieved", "soon", "-q"]).exit_code == 2


# -- the corpus ---------------------------------------------------------------------------------------


def _corpus_pack(stem: str) -> Pack:
    try:
        return extracted(stem)
    except PackparseError as exc:  # a clean error is an accepted outcome elsewhere; nothing to export
        pytest.skip(f"{stem}: {exc}")


@needs_corpus
@pytest.mark.parametrize("stem", _text_layer_stems())
def test_corpus_ids_and_exports(stem: str) -> None:
    pack = _corpus_pack(stem)
    _check_ids(pack)
    _check_exports(pack)
    again = Pack.model_validate_json(pack.model_dump_json())
    assert all_ids(assign_ids(again)) == all_ids(pack)


@needs_corpus
@pytest.mark.parametrize("stem", _text_layer_stems(max_pages=8))
def test_corpus_ids_stable_across_extractions(stem: str) -> None:
    first = _corpus_pack(stem)
    assert all_ids(packparse.extract(pdf_path(stem))) == all_ids(first)
