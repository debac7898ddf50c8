"""`meeting.council`: the council's name as printed, or nothing; never words of a sentence around it."""

from __future__ import annotations

import pytest

from packparse.parsers.frontsheet import _council_name, _name_case
from tests.corpus import all_stems, extracted, gold, needs_corpus


def _words(text: str) -> set[str]:
    return set("".join(c.lower() if c.isalnum() else " " for c in text).split()) - {"of", "the", "council"}


@needs_corpus
def test_council_names_are_right_or_absent() -> None:
    """Every council found names the gold council's place (as printed: 'Borough of Halton' for Halton
    Borough Council, 'Aliso Viejo City Council' for the City of Aliso Viejo), and most are found."""
    exact, wrong = 0, []
    for stem in all_stems():
        want, got = gold(stem).get("council"), extracted(stem).meeting.council
        if got is None:
            continue
        if want and got.lower() == want.lower():
            exact += 1
        elif not (want and _words(got) <= _words(want)):
            wrong.append((stem, got, want))
    assert not wrong
    assert exact >= 20


@pytest.mark.parametrize(("words", "name"), [
    ("Durham County Council", "Durham County Council"),
    ("Tonbridge & Malling Borough Council", "Tonbridge & Malling Borough Council"),
    ("HONORABLE MAYOR AND CITY COUNCIL", None),  # a body, addressed
    ("Joint Meeting of the City Council", None),
    ("Staff recommends the City Council", None),
    ("Chairman Souldern Parish Council", "Souldern Parish Council"),
    ("District and Borough Council", None),
    ("City of York Council", "City of York Council"),
])
def test_council_name_drops_the_sentence_around_it(words: str, name: str | None) -> None:
    assert _council_name(words) == name


def test_name_case() -> None:
    assert _name_case("CITY OF YORK COUNCIL") == "City of York Council"
    assert _name_case("Royal Sutton Coldfield Town Council") == "Royal Sutton Coldfield Town Council"
