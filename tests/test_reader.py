"""The reading stage: what the page model records about each page, with either engine (pdfium, pdfplumber)."""

from __future__ import annotations

from pathlib import Path

import pytest

import packparse
from packparse.backends import DEFAULT_READER, READERS
from packparse.errors import InputTooLarge
from packparse.options import ExtractOptions
from packparse.reader import read_pages, read_pdf
from tests.broken import SAMPLE, deep_forms, glyph_bomb, looping_tree_with_page, one_page, stream
from tests.corpus import CORPUS, needs_corpus


def _lines(path: Path, reader: str, pages: list[int] | None = None) -> list[list[str]]:
    read = read_pages(path, pages, reader=reader)
    return [[" ".join(ln.text.split()) for ln in p.lines] for p in read.pages]


@needs_corpus
@pytest.mark.parametrize("reader", READERS)
def test_text_drawn_as_outlines_is_counted_as_curves(reader: str) -> None:
    # Souldern parish prints its minutes as vector outlines: no chars, ~1,900 curves on page 1.
    read = read_pdf(CORPUS / "wild" / "souldern_pc_2019-01-15_minutes.pdf", reader=reader)
    first = read.pages[0]
    assert first.char_count == 0
    assert first.curve_count > 1000
    assert first.curve_area > 10_000
    assert not read.notes  # pages drawing only paths are not "damaged" or empty


@pytest.mark.parametrize("reader", READERS)
def test_text_pages_have_few_curves(reader: str) -> None:
    for page in read_pdf(SAMPLE, reader=reader).pages:
        assert page.curve_count < 50


def test_both_readers_give_the_same_pages_for_the_sample() -> None:
    plumber, pdfium = read_pdf(SAMPLE, reader="pdfplumber"), read_pdf(SAMPLE, reader="pdfium")
    assert pdfium.reader == "pdfium" and plumber.reader == "pdfplumber"
    assert len(plumber.pages) == len(pdfium.pages)
    for a, b in zip(plumber.pages, pdfium.pages, strict=True):
        assert [ln.text for ln in a.lines] == [ln.text for ln in b.lines], a.pdf_page
        assert [t.rows for t in a.tables] == [t.rows for t in b.tables], a.pdf_page
        assert (a.width, a.height, a.rule_count, a.curve_count) == (b.width, b.height, b.rule_count, b.curve_count)
        assert abs(a.image_area - b.image_area) < 1
        for la, lb in zip(a.lines, b.lines, strict=True):  # positions within a point, fonts and sizes equal
            assert abs(la.x0 - lb.x0) < 1 and abs(la.top - lb.top) < 1 and abs(la.x1 - lb.x1) < 1
            assert [(w.fontname, w.size, w.bold, w.italic) for w in la.words] == \
                   [(w.fontname, w.size, w.bold, w.italic) for w in lb.words]
    assert plumber.outline == pdfium.outline and plumber.title == pdfium.title


@needs_corpus
def test_both_readers_give_the_same_lines_and_tables_for_the_durham_pack() -> None:
    pdf = CORPUS / "packs" / "durham_cpp_2022-12-16_agenda_pack.pdf"
    plumber, pdfium = read_pdf(pdf, reader="pdfplumber"), read_pdf(pdf, reader="pdfium")
    for a, b in zip(plumber.pages, pdfium.pages, strict=True):
        assert [ln.text for ln in a.lines] == [ln.text for ln in b.lines], a.pdf_page
        assert [t.rows for t in a.tables] == [t.rows for t in b.tables], a.pdf_page
        assert sorted(w.text for w in a.vertical_words) == sorted(w.text for w in b.vertical_words)


@needs_corpus
def test_pdfium_reads_the_same_when_it_opens_the_file_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium's memory is kept flat by opening the document again every REOPEN_EVERY pages: nothing read
    may change at the seams (Durham's p47 age table, its 88 pages' lines and word positions)."""
    from packparse.backends.pdfium import PdfiumReader

    pdf = CORPUS / "packs" / "durham_cpp_2022-12-16_agenda_pack.pdf"
    once = read_pdf(pdf, reader="pdfium")
    monkeypatch.setattr(PdfiumReader, "REOPEN_EVERY", 3)
    again = read_pdf(pdf, reader="pdfium")
    assert len(again.pages) == 88
    for a, b in zip(once.pages, again.pages, strict=True):
        assert [(w.text, w.x0, w.top, w.size, w.fontname) for ln in a.lines for w in ln.words] == \
            [(w.text, w.x0, w.top, w.size, w.fontname) for ln in b.lines for w in ln.words], a.pdf_page
        assert [t.rows for t in a.tables] == [t.rows for t in b.tables], a.pdf_page
    assert any("Age 0-4" in (cell or "") for t in again.pages[46].tables for row in t.rows for cell in row)


def test_pdfium_reads_on_when_the_file_cannot_be_opened_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file gone or unreadable at a reopen: every page is still read, from the copy already open."""
    import pypdfium2

    from packparse.backends.pdfium import PdfiumReader

    expected = _lines(SAMPLE, "pdfium")
    real, opened = pypdfium2.PdfDocument, []

    def first_only(*args: object, **kwargs: object) -> object:
        if opened:
            raise OSError("gone")
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(PdfiumReader, "REOPEN_EVERY", 1)
    monkeypatch.setattr(pypdfium2, "PdfDocument", first_only)
    assert _lines(SAMPLE, "pdfium") == expected
    assert opened == [1]


@needs_corpus
def test_turned_stamps_read_alike() -> None:
    """'Agenda Item 6' and 'Page 1' run up the edge of Kent's budget amendments pack."""
    pdf = CORPUS / "real" / "kent_cc_2025-02-13_budget_amendments_pack.pdf"
    for reader in READERS:
        page = read_pages(pdf, [3], reader=reader).pages[0]
        stamps = {w.text: (round(w.x0), round(w.top), w.size) for w in page.vertical_words}
        assert stamps == {"Agenda Item 6": (684, 413, 8.0), "Page 1": (36, 249, 8.0)}, reader


def test_pdfium_puts_back_the_spaces_it_leaves_out(tmp_path: Path) -> None:
    """A text object drawing only a space (Word's tab after a paragraph number) has no width and PDFium's
    text page skips it; without it "1.1" and "On" would be one word. A hyphen ending a line stays one."""
    content = (b"BT /F1 12 Tf 72 700 Td (1.1) Tj ET BT /F1 12 Tf 88.68 700 Td ( ) Tj ET "
               b"BT /F1 12 Tf 90.0 700 Td (On the day) Tj ET "
               b"BT /F1 12 Tf 72 680 Td (a well-known co-) Tj ET BT /F1 12 Tf 72 666 Td (operation here) Tj ET")
    path = tmp_path / "tab.pdf"
    path.write_bytes(one_page(stream(content)))
    words = [[w.text for w in ln.words] for ln in read_pdf(path, reader="pdfium").pages[0].lines]
    assert words == [["1.1", "On", "the", "day"], ["a", "well-known", "co-"], ["operation", "here"]]
    assert words == [[w.text for w in ln.words] for ln in read_pdf(path, reader="pdfplumber").pages[0].lines]


@pytest.mark.parametrize(("make", "reason"), [(glyph_bomb, "glyph bomb: page 1 draws forms"),
                                             (deep_forms, "page 1 nests too deeply")])
def test_pdfium_counts_forms_before_loading_a_page(make, reason: str, tmp_path: Path) -> None:
    """PDFium would expand nested forms in C without end: they are counted from the file first."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make())
    with pytest.raises(InputTooLarge, match=reason):
        read_pdf(path, reader="pdfium")


def test_pdfium_hands_a_file_it_sees_otherwise_to_pdfplumber(tmp_path: Path) -> None:
    """A page tree that loops: PDFium counts two pages where pdfminer finds one; pdfplumber reads it."""
    path = tmp_path / "loop.pdf"
    path.write_bytes(looping_tree_with_page())
    read = read_pdf(path, reader="pdfium")
    assert read.reader == "pdfplumber" and len(read.pages) == 1
    assert "Hello council" in read.pages[0].lines[0].text


@pytest.mark.parametrize("reader", READERS)
def test_a_read_file_renders_its_pages(reader: str) -> None:
    read = read_pdf(SAMPLE, reader=reader)
    picture = read.render(1, resolution=72)
    width, height = picture.size
    assert abs(width - read.pages[0].width) <= 1 and abs(height - read.pages[0].height) <= 1
    with pytest.raises(packparse.errors.UnreadableInput, match="not in this PDF"):
        read.render(len(read.pages) + 1)


def test_reader_option() -> None:
    assert ExtractOptions().reader == DEFAULT_READER  # pdfium, unless PACKPARSE_READER says otherwise
    assert ExtractOptions(reader="pdfplumber").reader == "pdfplumber"
    with pytest.raises(ValueError, match="reader"):
        ExtractOptions().with_overrides(reader="pdfminer")
    with pytest.raises(ValueError, match="unknown reader"):
        read_pdf(SAMPLE, reader="pdfminer")
    plumber = packparse.extract(SAMPLE, reader="pdfplumber")
    pdfium = packparse.extract(SAMPLE, reader="pdfium")
    assert plumber.meeting == pdfium.meeting
    assert [d.title for d in plumber.documents] == [d.title for d in pdfium.documents]
    assert [i.title for i in plumber.agenda.items] == [i.title for i in pdfium.agenda.items]
