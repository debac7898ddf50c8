"""The assembled packs: every agenda item, document start, blank page and meeting field, from gold."""

from __future__ import annotations

import pytest

from tests.corpus import extracted, gold, needs_corpus, pack_stems

pytestmark = needs_corpus


@pytest.mark.parametrize("stem", pack_stems())
def test_agenda_items_match_gold(stem: str) -> None:
    g = gold(stem)
    pack = extracted(stem)
    got = [(it.number, it.title, [it.printed_pages.first, it.printed_pages.last] if it.printed_pages else None,
            it.exempt) for it in pack.agenda.items]
    want = [(it["number"], it["title"], it["printed_pages"], it["exempt"]) for it in g["agenda_items"]]
    assert got == want


@pytest.mark.parametrize("stem", pack_stems())
def test_items_start_where_their_documents_start(stem: str) -> None:
    g = gold(stem)
    pack = extracted(stem)
    first_doc_page = {}
    for d in g["documents"]:
        if d["agenda_item"] is not None:
            first_doc_page.setdefault(d["agenda_item"], d["pdf_pages"][0])
    for item in pack.agenda.items:
        if item.number in first_doc_page:
            assert item.pdf_pages is not None, item.number
            assert item.pdf_pages.first == first_doc_page[item.number], item.number


@pytest.mark.parametrize("stem", pack_stems())
def test_blank_pages_exact(stem: str) -> None:
    pack = extracted(stem)
    assert [p.pdf_page for p in pack.pages if p.kind == "blank"] == gold(stem)["blank_pages"]


@pytest.mark.parametrize("stem", pack_stems())
def test_meeting_fields(stem: str) -> None:
    g = gold(stem)["meeting"]
    m = extracted(stem).meeting
    assert m.date == g["date"]
    assert m.start_time == g["start_time"]
    assert (m.body or "").lower() == g["body"].lower()
    norm = lambda s: " ".join((s or "").replace(",", " ").split()).lower()  # noqa: E731
    assert norm(m.venue) == norm(g["venue"])


@pytest.mark.parametrize("stem", pack_stems())
def test_document_starts_f1(stem: str) -> None:
    want = {d["pdf_pages"][0] for d in gold(stem)["documents"]}
    got = {d.pdf_pages.first for d in extracted(stem).documents}
    tp = len(want & got)
    f1 = 2 * tp / (len(want) + len(got))
    assert f1 >= 0.9, f"starts missed {sorted(want - got)} extra {sorted(got - want)}"


def test_durham_documents_exact() -> None:
    stem = "durham_cpp_2022-12-16_agenda_pack"
    want = [(d["pdf_pages"], d["agenda_item"]) for d in gold(stem)["documents"]]
    got = [([d.pdf_pages.first, d.pdf_pages.last], d.agenda_item) for d in extracted(stem).documents]
    assert got == want


def test_durham_values() -> None:
    pack = extracted("durham_cpp_2022-12-16_agenda_pack")
    items = {it.number: it for it in pack.agenda.items}
    assert items["5"].presenter == "the Head of Early Help, Inclusion and Vulnerable Children"
    assert items["15"].exempt and items["15"].part == "B"
    assert items["11"].pdf_pages is not None and (items["11"].pdf_pages.first, items["11"].pdf_pages.last) == (25, 42)
    assert [p.pdf_page for p in pack.pages if p.kind == "restricted"] == [77, 79, 81, 83]
    assert pack.pages[29].printed_page == 30
    assert pack.pages[2].agenda_item_stamp == "3"
    assert pack.meeting.council == "Durham County Council"
    assert pack.meeting.date_of_issue == "2022-12-08"
    assert any(p.name == "M Simmons" and p.role == "Chair" for p in pack.meeting.members)
    assert not [w for w in pack.warnings if w.code == "exempt_content"]


def test_a_form_filled_in_again_is_a_document_per_sheet() -> None:
    """Halton's notices of poll: one sheet per ward under the same head (its title stripped as a running
    header from sheets 2-19), so each sheet is its own document, opened by the repeated form."""
    pack = extracted("halton_bc_2019_sopn_notice_of_poll")
    want = [d["pdf_pages"] for d in gold("halton_bc_2019_sopn_notice_of_poll")["documents"]]
    assert [[d.pdf_pages.first, d.pdf_pages.last] for d in pack.documents] == want == [[p, p] for p in range(1, 20)]
    assert {d.split_by for d in pack.documents[1:]} == {"repeated_form"}
    assert "Appleton" in pack.documents[0].text and "Beechwood" in pack.documents[1].text


def test_a_forms_next_sheet_under_the_same_head_continues_it() -> None:
    """York's statement of persons nominated: sheet 2 repeats sheet 1's head word for word and carries on
    its table of candidates, so the two sheets are one document."""
    pack = extracted("york_cc_2019_strensall_sopn")
    assert [[d.pdf_pages.first, d.pdf_pages.last] for d in pack.documents] == [[1, 2]]
    assert gold("york_cc_2019_strensall_sopn")["documents"][0]["pdf_pages"] == [1, 2]


def test_each_record_of_decision_keeps_its_heading() -> None:
    """The form's heading repeats at the top of every record of decision in the pack: taken off as a running
    header, it is given back to each document that starts where it comes back after other pages (only the
    first record kept it before), so each record is titled and classed as the form it is, not as a report."""
    stem = "kent_cabinet_2025-01-30_public_reports_pack"
    want = [(d["kind"], d["title"], d["pdf_pages"]) for d in gold(stem)["documents"]
            if "RECORD OF DECISION" in d["title"]]
    got = [(d.kind, d.title, [d.pdf_pages.first, d.pdf_pages.last]) for d in extracted(stem).documents
           if d.title and "RECORD OF DECISION" in d.title]
    assert got == want and len(want) == 3
