"""ModernGov front sheets and supplements in the real corpus: agenda-item F1 >= 0.9 each."""

from __future__ import annotations

import pytest

from tests.corpus import extracted, families, gold, needs_corpus

pytestmark = needs_corpus

MODERNGOV = sorted(stem for stem, fam in families().items()
                   if fam == "moderngov" and gold(stem)["agenda_items"])


def _key(number: str, title: str) -> tuple[str, tuple[str, ...]]:
    tokens = "".join(c.lower() if c.isalnum() else " " for c in title).split()
    return number, tuple(tokens)


@pytest.mark.parametrize("stem", MODERNGOV)
def test_moderngov_agenda_items(stem: str) -> None:
    want = {_key(i["number"], i["title"]) for i in gold(stem)["agenda_items"]}
    got = {_key(i.number, i.title) for i in extracted(stem).agenda.items}
    tp = len(want & got)
    f1 = 2 * tp / (len(want) + len(got)) if want or got else 1.0
    assert f1 >= 0.9, f"missed {sorted(want - got)} extra {sorted(got - want)}"


def test_kent_cabinet_frontsheet_values() -> None:
    pack = extracted("kent_cabinet_2025-01-30_agenda_frontsheet")
    items = {i.number: i for i in pack.agenda.items}
    assert items["8"].title == "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS) Delivery Plan"
    assert items["9"].printed_pages is not None
    assert (items["9"].printed_pages.first, items["9"].printed_pages.last) == (461, 610)
    assert pack.meeting.venue == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert pack.meeting.start_time == "10:00"
