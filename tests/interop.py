"""The validators the exports are checked with, used as their projects use them (not copies of their schemas).

- OCD: Open States' own event model, `openstates.scrape.Event` from openstates-core 6.25.6 (`make install`
  puts it in .venv; it is not in the `dev` extra because it pins pydantic < 2). An event is loaded into
  the model attribute by attribute, as a scraper sets one (the model refuses a property its schema does
  not have), and checked with the model's `validate()`: JSON Schema Draft 3 with its own date/datetime
  types and its `uri` format (http, https and ftp only). Then what `EventImporter` (the same release)
  needs to load it into its Django models: `_id`, a start date, only the keys each model has, and pupa
  pseudo ids ('~{"name": ...}') for people and organisations.
- OParl: the OParl 1.1 JSON schemas in ../shared/specs/oparl-1.1/ (Draft 4), with OParl's `url` format (an
  absolute URL), `date-time` (RFC 3339) and `date` checked, following the `schema` annotations into
  embedded objects; then the rules the schemas cannot say: an embedded object leaves out the references
  back to the objects it is embedded in, and every reference to one of our own objects resolves.
"""

from __future__ import annotations

import copy
import importlib
import json
import os
import re
import sys
import types
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

OPARL_SPECS = Path(__file__).resolve().parents[1].parent / "shared" / "specs" / "oparl-1.1"
OPENSTATES_VERSION = "6.25.6"


# -- Open Civic Data: Open States' Event -----------------------------------------------------------------


def _stub_cloud_clients() -> None:
    """openstates.scrape imports boto3 and google-cloud-storage to upload scrapes to the cloud; neither is
    used to build or validate an event, so where they are not installed empty modules stand in."""
    try:
        importlib.import_module("boto3")
    except ImportError:
        sys.modules["boto3"] = types.ModuleType("boto3")
    try:
        importlib.import_module("google.cloud.storage")
    except ImportError:
        google = sys.modules.get("google") or types.ModuleType("google")
        cloud = sys.modules.get("google.cloud") or types.ModuleType("google.cloud")
        storage = types.ModuleType("google.cloud.storage")
        cloud.storage = storage  # type: ignore[attr-defined]
        google.cloud = cloud  # type: ignore[attr-defined]
        sys.modules.setdefault("google", google)
        sys.modules["google.cloud"] = cloud
        sys.modules["google.cloud.storage"] = storage


@cache
def openstates() -> tuple[type, type[Exception]]:
    """(openstates.scrape.Event, openstates.exceptions.ScrapeValueError); ImportError without openstates."""
    _stub_cloud_clients()
    from openstates.exceptions import ScrapeValueError
    from openstates.scrape import Event

    return Event, ScrapeValueError


# What EventImporter (openstates-core 6.25.6, openstates/importers/events.py) passes on to its Django
# models (openstates/data/models/event.py): each dict's keys must be fields (or related lists) of its model.
_EVENT_KEYS = {"_id", "name", "description", "classification", "start_date", "end_date", "all_day", "status",
               "location", "upstream_id", "dedupe_key", "sources", "links", "extras", "jurisdiction", "scraped_at",
               "documents", "participants", "media", "agenda"}
_PARTICIPANT_KEYS = {"name", "entity_type", "note", "organization_id", "person_id"}
_AGENDA_KEYS = {"description", "classification", "order", "subjects", "notes", "extras", "related_entities", "media"}
_ENTITY_KEYS = {"name", "entity_type", "note", "organization_id", "person_id", "bill_id", "vote_event_id"}
_DOCUMENT_KEYS = {"note", "date", "classification", "links"}


def _pseudo_id_errors(where: str, entity: dict) -> list[str]:
    out = []
    for key in ("organization_id", "person_id"):
        value = entity.get(key)
        if value is None:
            continue
        try:  # openstates.utils.get_pseudo_id
            spec = json.loads(value[1:]) if isinstance(value, str) and value.startswith("~") else None
        except ValueError:
            spec = None
        if not isinstance(spec, dict) or not spec:
            out.append(f"{where}.{key}: {value!r} is not a pseudo id ('~{{\"name\": ...}}')")
    if entity.get("entity_type") in ("person", "organization") \
            and f"{entity['entity_type']}_id" not in entity:
        out.append(f"{where}: a {entity['entity_type']} with no {entity['entity_type']}_id (pseudo id)")
    return out


def importer_errors(event: dict) -> list[str]:
    """What EventImporter would trip over (checked without a database)."""
    out = [f"event: {k!r} is not a field of the Event model" for k in sorted(set(event) - _EVENT_KEYS)]
    if not event.get("_id"):
        out.append("event: no _id (the importer maps json ids to database ids by it)")
    start = event.get("start_date")
    if not isinstance(start, str) or not start or len(start) > 25:
        out.append(f"event: start_date {start!r} is not a date (CharField, max 25)")
    for i, p in enumerate(event.get("participants", [])):
        out += [f"participants[{i}]: {k!r} is not a field of EventParticipant"
                for k in sorted(set(p) - _PARTICIPANT_KEYS)]
        out += _pseudo_id_errors(f"participants[{i}]", p)
    for i, item in enumerate(event.get("agenda", [])):
        out += [f"agenda[{i}]: {k!r} is not a field of EventAgendaItem" for k in sorted(set(item) - _AGENDA_KEYS)]
        if not isinstance(item.get("order"), int) or isinstance(item.get("order"), bool) or item["order"] < 0:
            out.append(f"agenda[{i}].order {item.get('order')!r} is not a PositiveIntegerField value")
        for j, ent in enumerate(item.get("related_entities", [])):
            where = f"agenda[{i}].related_entities[{j}]"
            out += [f"{where}: {k!r} is not a field of EventRelatedEntity" for k in sorted(set(ent) - _ENTITY_KEYS)]
            out += _pseudo_id_errors(where, ent)
    for i, doc in enumerate(event.get("documents", [])):
        out += [f"documents[{i}]: {k!r} is not a field of EventDocument" for k in sorted(set(doc) - _DOCUMENT_KEYS)]
    return out


def ocd_errors(event: dict) -> list[str]:
    """Every error Open States' Event model and its validate() report for an exported event, then the
    importer's (an empty list: it loads)."""
    Event, ScrapeValueError = openstates()
    data = copy.deepcopy(event)
    location = data.get("location") or {}
    obj = Event(name=data.get("name", ""), start_date=data.get("start_date", ""),
                location_name=location.get("name", ""))
    if "location" not in data:
        del obj.location
    errors = []
    for key, value in data.items():
        try:
            setattr(obj, key, value)
        except ScrapeValueError as exc:
            errors.append(str(exc))
    try:
        obj.validate()
    except ScrapeValueError as exc:
        errors += [e for e in str(exc).split("\n\t")[1:] if e.strip()]
    return errors + importer_errors(data)


def openstates_or_skip() -> None:
    """openstates-core must be there in CI (`make install` installs it); elsewhere its tests are skipped."""
    try:
        openstates()
    except ImportError as exc:
        message = f"openstates-core not installed ({exc}): make install puts it in .venv"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def ocd_errors_or_skip(event: dict) -> list[str]:
    openstates_or_skip()
    return ocd_errors(json.loads(json.dumps(event)))  # as a consumer reads the written file



# -- OParl 1.1 ------------------------------------------------------------------------------------------

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _is_url(value: object) -> bool:
    """OParl's `url`: an absolute URL (a scheme, and a host for http(s); a path for file:), no spaces."""
    if not isinstance(value, str):
        return True
    if not value or any(c.isspace() for c in value) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        return False
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    if parts.scheme == "file":
        return value.startswith("file:///") or value.startswith("file://localhost/")
    return bool(parts.path)


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and date.fromisoformat(value) is not None
    except ValueError:
        return False


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("url")(_is_url)
FORMATS.checks("date-time")(_is_date_time)
FORMATS.checks("date")(_is_date)


@cache
def oparl_schema(name: str) -> dict:
    return json.loads((OPARL_SPECS / f"{name}.json").read_text(encoding="utf-8"))


def _kind(schema_file: str) -> str:
    return schema_file.removesuffix(".json")


def oparl_object_errors(obj: Any, kind: str, where: str = "", parents: tuple[str, ...] = ()) -> list[str]:
    """One OParl object against its schema, and every object embedded in it against theirs."""
    schema = oparl_schema(kind)
    validator = jsonschema.Draft4Validator(schema, format_checker=FORMATS)
    errors = [f"{where or kind}{'.' + '.'.join(map(str, e.absolute_path)) if e.absolute_path else ''}: {e.message}"
              for e in validator.iter_errors(obj)]
    if not isinstance(obj, dict):
        return errors
    for key, prop in schema.get("properties", {}).items():
        if key not in obj:
            continue
        if parents and prop.get("references") in parents:
            errors.append(f"{where or kind}.{key}: an embedded {kind} refers back to the {prop['references']} "
                          "it is embedded in")
        child = prop.get("schema") or (prop.get("items") or {}).get("schema")
        if child is None:
            continue
        values = obj[key] if isinstance(obj[key], list) else [obj[key]]
        for i, value in enumerate(values):
            path = f"{where or kind}.{key}" + (f"[{i}]" if isinstance(obj[key], list) else "")
            errors += oparl_object_errors(value, _kind(child), path, (*parents, kind))
    return errors


def _walk(node: Any) -> list[dict]:
    """Every OParl object (a dict with an OParl `type`) in a bundle, embedded ones included."""
    out = []
    if isinstance(node, dict):
        if isinstance(node.get("type"), str) and node["type"].startswith("https://schema.oparl.org/"):
            out.append(node)
        for value in node.values():
            out += _walk(value)
    elif isinstance(node, list):
        for value in node:
            out += _walk(value)
    return out


def oparl_errors(bundle: dict, base_url: str | None = None) -> list[str]:
    """A `to_oparl` bundle: each object against its schema, and references to our own objects (ids under
    `base_url`, or urn:packparse:) resolved within the bundle."""
    errors = oparl_object_errors(bundle["meeting"], "Meeting", "meeting")
    for key, kind in (("paper", "Paper"), ("file", "File"), ("person", "Person")):
        for i, obj in enumerate(bundle.get(key, [])):
            errors += oparl_object_errors(obj, kind, f"{key}[{i}]")
    objects = _walk(bundle)
    ids = {o["id"] for o in objects}
    prefix = base_url.rstrip("/") + "/" if base_url else "urn:packparse:"
    for obj in objects:
        kind = obj["type"].rsplit("/", 1)[-1]
        for key, prop in oparl_schema(kind).get("properties", {}).items():
            if "references" not in prop or key not in obj:
                continue
            refs = obj[key] if isinstance(obj[key], list) else [obj[key]]
            missing = [r for r in refs if r.startswith(prefix) and r not in ids]
            errors += [f"{obj['id']}.{key}: {r} is not an object of the bundle" for r in missing]
    return errors
