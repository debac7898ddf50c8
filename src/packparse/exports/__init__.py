"""Exports for other civic-data systems: an Open Civic Data Event (`to_ocd`) and OParl 1.1 (`to_oparl`).

Both are plain dicts ready for `json.dumps`, built only from the pack, and both carry packparse's
deterministic ids (`packparse.ids`): OCD in `extras` and `dedupe_key` (and `_id`, a uuid derived from the
meeting id), OParl as the object ids themselves (`urn:packparse:<id>`, or `<base_url>/<id>`).

Checked against the real validators (tests/interop.py): the OCD event loads into Open States'
`openstates.scrape.Event` (openstates-core 6.25.6) and passes its `validate()`; the OParl objects pass
the OParl 1.1 JSON schemas, embedded objects included.

What the exports say about decisions comes only from minutes of this meeting (minutes dated the
meeting's date, or a minutes-only PDF); the minutes of the previous meeting that an agenda pack carries
are a document of the pack, not its outcomes.

The package: `common` (what both exports read of a pack), `ocd` and `oparl`.
"""

from __future__ import annotations

import json
import os

from packparse.exports.common import (
    NoMeetingDate,
    NoSourceURL,
    file_url,
    local_datetime,
    page_url,
    status_date,
    web_url,
)
from packparse.exports.ocd import ocd_event_id, pseudo_id, to_ocd
from packparse.exports.oparl import check_base_url, oparl_id, to_oparl
from packparse.models import Pack

FORMATS = ("json", "ocd", "oparl")


def export_json(pack: Pack, fmt: str = "json", *, base_url: str | None = None,
                source_path: str | os.PathLike[str] | None = None) -> str:
    """The pack as JSON text in one of FORMATS ('json' is packparse's own output).

    `base_url` makes OParl ids `<base_url>/<id>`; `source_path` is the PDF on disk, for `file:` URLs when
    the pack has no source URL. `NoMeetingDate` for 'ocd' when the PDF names no meeting date.
    """
    if fmt == "json":
        return pack.model_dump_json(indent=2)
    if fmt == "ocd":
        data = to_ocd(pack, source_path=source_path)
    elif fmt == "oparl":
        data = to_oparl(pack, base_url, source_path=source_path)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return json.dumps(data, indent=2, ensure_ascii=False)


__all__ = [
    "FORMATS",
    "NoMeetingDate",
    "NoSourceURL",
    "check_base_url",
    "export_json",
    "file_url",
    "local_datetime",
    "ocd_event_id",
    "oparl_id",
    "page_url",
    "pseudo_id",
    "status_date",
    "to_ocd",
    "to_oparl",
    "web_url",
]
