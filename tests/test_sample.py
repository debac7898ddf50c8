"""Round trip: the generated sample pack parses back into the facts the generator drew."""

from __future__ import annotations

import json
from pathlib import Path

import packparse

ROOT = Path(__file__).resolve().parents[1]


def _expected() -> dict:
    return json.loads((ROOT / "samples" / "example_pack.expected.json").read_text(encoding="utf-8"))


def test_sample_round_trip() -> None:
    want = _expected()
    pack = packparse.extract(ROOT / "samples" / "example_pack.pdf")
    m = want["meeting"]
    assert (pack.meeting.body, pack.meeting.date, pack.meeting.start_time) == (
        m["body"], m["date"], m["start_time"])
    got_items = [(i.number, i.title, i.exempt) for i in pack.agenda.items]
    # titles as the contract prints them: a sentence-ending full stop dropped
    assert got_items == [(i["number"], i["title"].rstrip("."), i["exempt"]) for i in want["agenda"]["items"]]
    assert [p.pdf_page for p in pack.pages if p.kind == "blank"] == want["blank_pages"]
    starts = {d.pdf_pages.first: d for d in pack.documents}
    for doc in want["documents"]:
        got = starts[doc["pdf_pages"][0]]
        assert got.agenda_item == doc["agenda_item"]
    minutes = next(d.minutes for d in pack.documents if d.minutes is not None)
    assert sum(len(i.resolutions) for i in minutes.items) == want["minutes"]["resolution_count"]
