"""Every corpus file's exports through the real validators (tests/interop.py), with and without --source-url.

OCD: loaded into Open States' `Event` model and `validate()`d (openstates-core 6.25.6), then checked for
what its EventImporter needs. With --source-url: no error. Without it there is no event (`NoSourceURL`,
exit 2 on the command line): an event's source must be the http(s)/ftp address the PDF was published at,
which the PDF does not say and packparse will not invent. A PDF with no meeting date has no event
(`NoMeetingDate`).
OParl: the OParl 1.1 schemas, embedded objects included, and references resolved: no error either way.

Extractions come from `tests.corpus.extracted` (cached per process, shared with the other corpus tests);
the --source-url variant is the same pack with the URL recorded, as `Provenance.apply` records it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from packparse.batch import db as dbmod
from packparse.cli import app
from packparse.errors import PackparseError
from packparse.exports import NoMeetingDate, NoSourceURL, to_ocd, to_oparl
from packparse.ids import guess_timezone, reconcile_meetings
from packparse.models import Pack
from tests.corpus import CORPUS, all_stems, extracted, gold, needs_corpus, pdf_path
from tests.interop import OPARL_SPECS, ocd_errors_or_skip, oparl_errors

BASE_URL = "https://oparl.example.org/packs"
KENT_CABINET = "kent-county-council/cabinet/2025-01-30"


def _pack(stem: str, url: bool) -> Pack:
    try:
        pack = extracted(stem)
    except PackparseError as exc:  # none in the corpus today; a clean refusal has nothing to export
        pytest.skip(f"{stem}: {exc}")
    if not url:
        return pack
    copy = pack.model_copy(deep=True)
    copy.source.url = f"https://democracy.example.gov.uk/documents/{stem}.pdf"
    return copy


def _ocd(pack: Pack, **kwargs) -> dict:
    """`to_ocd` of the pack as published at a web address (an event needs one: see `NoSourceURL`)."""
    if pack.source.url is None:
        pack = pack.model_copy(deep=True)
        pack.source.url = f"https://democracy.example.gov.uk/documents/{pack.source.file}"
    return to_ocd(pack, **kwargs)


needs_specs = pytest.mark.skipif(not OPARL_SPECS.is_dir(), reason=f"OParl schemas not found at {OPARL_SPECS}")


@needs_corpus
@pytest.mark.parametrize("url", [False, True], ids=["file-url", "source-url"])
@pytest.mark.parametrize("stem", all_stems())
def test_ocd_event_passes_open_states(stem: str, url: bool) -> None:
    pack = _pack(stem, url)
    if not url:  # no event without the web address it was published at (Open States: http, https, ftp)
        with pytest.raises(NoSourceURL):
            to_ocd(pack, source_path=pdf_path(stem))
        return
    if pack.meeting.date is None:
        with pytest.raises(NoMeetingDate):
            to_ocd(pack, source_path=pdf_path(stem))
        return
    event = to_ocd(pack, source_path=pdf_path(stem))
    assert ocd_errors_or_skip(event) == []
    assert event["sources"][0]["url"] == pack.source.url


@needs_corpus
@needs_specs
@pytest.mark.parametrize("url", [False, True], ids=["file-url", "source-url"])
@pytest.mark.parametrize("stem", all_stems())
def test_oparl_passes_the_schemas(stem: str, url: bool) -> None:
    pack = _pack(stem, url)
    bundle = json.loads(json.dumps(to_oparl(pack, source_path=pdf_path(stem))))
    assert oparl_errors(bundle) == []
    prefix = pack.source.url if url else pdf_path(stem).resolve().as_uri()
    files = [f for f in bundle["file"]]
    assert all(f["accessUrl"].startswith(prefix + "#page=") for f in files)
    if url:  # ids under a base URL resolve the same way
        assert oparl_errors(json.loads(json.dumps(to_oparl(pack, BASE_URL))), BASE_URL) == []


# -- what the exports say, on corpus files that show it ----------------------------------------------------


@needs_corpus
def test_ocd_event_shape_on_the_durham_pack() -> None:
    pack = extracted("durham_cpp_2022-12-16_agenda_pack")
    event = _ocd(pack, source_path=pdf_path("durham_cpp_2022-12-16_agenda_pack"), today=date(2022, 12, 1))
    assert "id" not in event and "timezone" not in event  # not properties of an Open States event
    assert event["_id"] and event["extras"]["ocd_id"].endswith(event["_id"])
    assert event["extras"]["timezone"] == "Europe/London"
    assert event["start_date"] == "2022-12-16T09:30:00+00:00"
    assert event["status"] == "confirmed" and event["extras"]["status_as_of"] == "2022-12-01"
    assert _ocd(pack, today=date(2023, 1, 1))["status"] == "passed"  # judged against today
    assert [a["order"] for a in event["agenda"]] == list(range(len(pack.agenda.items)))
    assert [a["extras"]["number"] for a in event["agenda"]] == [i.number for i in pack.agenda.items]
    host = event["participants"][0]
    assert host == {"name": "Corporate Parenting Panel", "entity_type": "organization", "note": "host",
                    "organization_id": '~{"name": "Corporate Parenting Panel"}'}
    people = [e for a in event["agenda"] for e in a["related_entities"]]
    assert people and all(set(e) == {"name", "entity_type", "note", "person_id"} for e in people)
    assert all(e["person_id"] == "~" + json.dumps({"name": e["name"]}) for e in people)


@needs_corpus
def test_no_placeholder_location_and_no_blank_start() -> None:
    report = extracted("kent_cabinet_2025-01-30_finance_monitoring_report")  # prints no venue
    assert report.meeting.venue is None and "location" not in _ocd(report)
    sopn = extracted("halton_bc_2019_sopn_notice_of_poll")  # a notice of poll: no meeting date
    with pytest.raises(NoMeetingDate):
        _ocd(sopn)
    bundle = to_oparl(report)  # a date without a time: OParl's start at local midnight, flagged
    assert bundle["meeting"]["start"] == "2025-01-30T00:00:00+00:00"
    assert bundle["meeting"]["packparse:startTimeKnown"] is False


@needs_corpus
@pytest.mark.parametrize(("stem", "zone"), [
    ("aliso_viejo_cc_2021-01-20_agenda", "America/Los_Angeles"),
    ("omaha_cc_2012-10-16_agenda", "America/Chicago"),
    ("sunnyvale_cc_2021-01-26_agenda", "America/Los_Angeles"),
    ("durham_cpp_2022-12-16_agenda_pack", "Europe/London"),
    ("tintern_cc_2018-11-26_minutes", "Europe/London"),
])
def test_time_zone_guessed_from_the_document(stem: str, zone: str) -> None:
    pack = extracted(stem)
    assert pack.meeting.timezone == zone
    assert pack.meeting.timezone_source and pack.meeting.timezone_source.startswith(("guessed", "default"))
    assert guess_timezone(pack) == (zone, pack.meeting.timezone_source)
    event = _ocd(pack)
    assert event["extras"]["timezone"] == zone and event["extras"]["timezone_source"] == pack.meeting.timezone_source


@needs_corpus
def test_us_agenda_times_carry_the_pacific_offset() -> None:
    event = _ocd(extracted("aliso_viejo_cc_2021-01-20_agenda"))
    assert event["start_date"] == "2021-01-20T18:00:00-08:00"


@needs_corpus
def test_oparl_embedded_objects_and_people() -> None:
    pack = extracted("kent_cabinet_2025-01-30_public_reports_pack")
    bundle = to_oparl(pack)
    meeting = bundle["meeting"]
    assert [i["order"] for i in meeting["agendaItem"]] == list(range(len(pack.agenda.items)))
    assert all("meeting" not in i for i in meeting["agendaItem"])
    embedded = [f for i in meeting["agendaItem"] for f in i.get("auxiliaryFile", [])]
    embedded += [p["mainFile"] for p in bundle["paper"]]
    assert embedded and all(not {"meeting", "agendaItem", "paper"} & set(f) for f in embedded)
    assert all("paper" not in c for p in bundle["paper"] for c in p.get("consultation", []))
    standalone = {f["id"]: f for f in bundle["file"]}
    assert all(standalone[f["id"]]["meeting"] == [meeting["id"]] for f in embedded)
    persons = {p["id"] for p in bundle["person"]}
    originators = {o for p in bundle["paper"] for o in p.get("originatorPerson", [])}
    assert originators and originators <= persons
    assert all("size" not in f for f in bundle["file"])  # each File is part of the PDF: its size is unknown


# -- one meeting, several files -----------------------------------------------------------------------------


def _kent_cabinet_stems() -> list[str]:
    """The corpus files whose gold says they are of Kent's Cabinet of 30 January 2025."""
    return [s for s in all_stems() if s.startswith("kent_cabinet_2025-01-30")
            and (gold(s).get("meeting") or {}).get("date") == "2025-01-30"]


SAME_DAY_CITIES = ["morgan_hill_cc_2021-01-20_agenda", "aliso_viejo_cc_2021-01-20_agenda"]


@needs_corpus
def test_one_meeting_id_in_the_exports() -> None:
    stems = _kent_cabinet_stems() + SAME_DAY_CITIES + ["kent_cabinet_2025-01-30_ics_measures_appendix"]
    assert len(_kent_cabinet_stems()) == 6
    packs = dict(zip(stems, reconcile_meetings([extracted(s) for s in stems]), strict=True))
    for stem in _kent_cabinet_stems():
        pack = packs[stem]
        assert pack.meeting.id == KENT_CABINET, stem
        assert _ocd(pack)["dedupe_key"] == KENT_CABINET
        assert to_oparl(pack)["meeting"]["id"] == "urn:packparse:" + KENT_CABINET
    borrowed = [packs[s] for s in _kent_cabinet_stems() if extracted(s).meeting.council is None]
    assert borrowed and all(w.code == "council_from_sibling" for p in borrowed for w in p.warnings[-1:])
    morgan, aliso = (packs[s].meeting.id for s in SAME_DAY_CITIES)
    assert morgan != aliso and morgan.startswith("unknown/")
    assert packs["kent_cabinet_2025-01-30_ics_measures_appendix"].meeting.id != KENT_CABINET  # no date


@needs_corpus
def test_one_meeting_row_in_the_database(tmp_path: Path) -> None:
    stems = [*SAME_DAY_CITIES, *reversed(_kent_cabinet_stems())]  # the printed minutes before the front sheet
    conn = dbmod.connect(tmp_path / "packs.sqlite")
    for stem in stems:
        out = tmp_path / f"{stem}.json"
        out.write_text(extracted(stem).model_dump_json(), encoding="utf-8")
        dbmod.load_file(conn, out, str(pdf_path(stem)), out.name)
    conn.commit()
    rows = dict(conn.execute("SELECT p.file, m.packparse_id FROM packs p JOIN meetings m USING (meeting_id)"))
    assert {rows[f"{s}.pdf"] for s in _kent_cabinet_stems()} == {KENT_CABINET}
    assert rows["morgan_hill_cc_2021-01-20_agenda.pdf"] != rows["aliso_viejo_cc_2021-01-20_agenda.pdf"]
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 3
    council, = conn.execute("SELECT council FROM meetings WHERE packparse_id = ?", (KENT_CABINET,)).fetchone()
    assert council == "Kent County Council"
    conn.close()
    assert sqlite3.connect(tmp_path / "packs.sqlite").execute("PRAGMA foreign_key_check").fetchall() == []


# -- the command line ----------------------------------------------------------------------------------------


@needs_corpus
def test_cli_file_urls_base_url_and_no_event(tmp_path: Path) -> None:
    pdf = CORPUS / "real" / "kent_cabinet_2025-01-30_agenda_frontsheet.pdf"
    out = tmp_path / "f.oparl.json"
    result = CliRunner().invoke(app, ["extract", str(pdf), "-f", "oparl", "-o", str(out), "-q",
                                      "--base-url", BASE_URL + "/"])
    assert result.exit_code == 0, result.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["meeting"]["id"].startswith(BASE_URL + "/unknown/cabinet/")
    assert bundle["file"][0]["accessUrl"] == pdf.resolve().as_uri() + "#page=1"
    assert oparl_errors(bundle, BASE_URL) == []
    bad = CliRunner().invoke(app, ["extract", str(pdf), "-f", "oparl", "-o", str(out), "-q", "--base-url", "x"])
    assert bad.exit_code == 2

    sopn = CORPUS / "real" / "york_cc_2019_strensall_sopn.pdf"
    out = tmp_path / "york.ocd.json"
    result = CliRunner().invoke(app, ["extract", str(sopn), "-f", "ocd", "-o", str(out), "-q"])
    assert result.exit_code == 2 and not out.exists()  # no web address for the event's source: refused first
    assert "--format ocd needs --source-url" in result.output
    result = CliRunner().invoke(app, ["extract", str(sopn), "-f", "ocd", "-o", str(out), "-q",
                                      "--source-url", "https://example.org/sopn.pdf"])
    assert result.exit_code == 1 and not out.exists()
    assert "no meeting date" in result.output
