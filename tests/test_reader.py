"""The reading stage: what the page model records about each page."""

from __future__ import annotations

from packparse.reader import read_pdf
from tests.corpus import CORPUS, needs_corpus


@needs_corpus
def test_text_drawn_as_outlines_is_counted_as_curves() -> None:
    # Souldern parish prints its minutes as vector outlines: no chars, ~1,900 curves on page 1.
    read = read_pdf(CORPUS / "wild" / "souldern_pc_2019-01-15_minutes.pdf")
    first = read.pages[0]
    assert first.char_count == 0
    assert first.curve_count > 1000
    assert first.curve_area > 10_000
    assert not read.notes  # pages drawing only paths are not "damaged" or empty


def test_text_pages_have_few_curves() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
    for page in read_pdf(sample).pages:
        assert page.curve_count < 50
