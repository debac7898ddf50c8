"""classify on hand-made pages: each rule of `classify.RULES` on its own, their order, the kind registry."""

from __future__ import annotations

from typing import get_args

import pytest

from packparse.classify import RULES, classify, looks_like_agenda, question_title, title_of
from packparse.kinds import KINDS
from packparse.models import BBox, Document, DocumentKind
from packparse.pagemodel import PageFurniture, RawTable
from tests.pages import line, page

PROSE = ("The Council has considered the options for the future of the service and the costs of each one, "
         "and this paper sets them out in turn")


def _doc(*texts: str, n: int = 1, size: float = 11.0, head_size: float | None = None, pages: int = 1,
         width: float = 595, height: float = 842, kind: str = "content") -> list[PageFurniture]:
    """`pages` pages whose first page opens with `texts` (the first line at `head_size`)."""
    out = []
    for k in range(pages):
        lines = []
        for i, t in enumerate(texts if k == 0 else ("More text on this page",)):
            s = head_size if (head_size and i == 0) else size
            lines.append(line(t, top=60 + 16 * i, size=s, char=0.2 * s, page=n + k))
        out.append(page(lines, n + k, size=(width, height), kind=kind))
    return out


@pytest.mark.parametrize(("texts", "kind"), [
    (("Document is Restricted", "By virtue of paragraph 3"), "exempt_stub"),
    (("Minutes of the Cabinet held on 3 May 2022",), "minutes"),
    (("Present: Councillor A Smith (Chair)",), "minutes"),
    (("DRAFT MINUTES", "Town Council"), "minutes"),
    (("Appendix A", "Financial summary"), "appendix"),
    (("Dear Councillor Smith,", "Thank you for your letter"), "letter"),
    (("Questions to the Leader of the Council", "Question 1"), "questions"),
    (("Record of Executive Decision", "Report of the Director"), "other"),  # a form, however report-like
    (("Report of the Director of Finance", "Budget 2025"), "report"),
    (("Budget monitoring", "Cabinet is asked to note the position."), "report"),
    (("Road closures", "Tuesday 3 May", "Contact: Highways"), "other"),
])
def test_each_wording_rule(texts: tuple[str, ...], kind: str) -> None:
    assert classify(_doc(*texts), agenda_like=False) == kind


def test_a_restricted_page_is_an_exempt_stub_whatever_it_says() -> None:
    assert classify(_doc("Report of the Director", kind="restricted"), agenda_like=False) == "exempt_stub"


def test_the_opening_agenda_is_an_agenda_before_any_wording_rule() -> None:
    assert classify(_doc("Report of the Director"), agenda_like=True) == "agenda"
    assert classify(_doc("Document is Restricted"), agenda_like=True) == "exempt_stub"  # the stub rule is first


def test_minutes_win_over_an_appendix_heading_below_them() -> None:
    assert classify(_doc("Minutes of the Panel", "Appendix A"), agenda_like=False) == "minutes"


def test_slides_at_powerpoint_size_and_landscape_decks() -> None:
    deck = _doc("Appendix 1 - Performance", pages=2, width=960, height=540)
    assert classify(deck, agenda_like=False) == "presentation"  # PowerPoint's size comes before "Appendix"
    slides = _doc("Housing repairs", pages=3, width=800, height=600)
    for p in slides:  # a big title over a few lines of text on each landscape page
        p.lines = [line("Key figures", top=40, size=28, page=p.pdf_page),
                   line("Most were on time", top=200, size=12, page=p.pdf_page),
                   line("Damp cases tracked apart", top=220, size=12, page=p.pdf_page)]
    assert classify(slides, agenda_like=False) == "presentation"


def test_pages_of_tables_are_a_table_document() -> None:
    doc = _doc(*[f"Indicator {k}   {k * 10}%" for k in range(8)])
    tables = {1: [RawTable(bbox=BBox(x0=0, top=0, x1=595, bottom=842), rows=[["a", "b"]])]}
    assert classify(doc, agenda_like=False, tables=tables) == "table"
    assert classify(doc, agenda_like=False) == "other"  # without the reader's tables: no rule holds
    landscape = _doc("Indicator   Target   Actual", pages=2, width=842, height=595)
    assert classify(landscape, agenda_like=False) == "table"


def test_prose_with_no_form_fields_is_a_report() -> None:
    assert classify(_doc(*[PROSE] * 24), agenda_like=False) == "report"
    form = _doc(*[PROSE] * 20, "Name: A", "Address: B", "Phone: C", "Email: D")
    assert classify(form, agenda_like=False) == "other"


def test_looks_like_agenda() -> None:
    assert looks_like_agenda(_doc("CABINET", "1. Minutes (Pages 3 - 10)"))
    assert looks_like_agenda(_doc("Agenda", "1. Apologies"))
    assert not looks_like_agenda(_doc("Minutes of the Cabinet", "Agenda item 4"))
    assert not looks_like_agenda(_doc("Report of the Director"))


def test_titles() -> None:
    doc = _doc("Annual Report", "of the Adoption Service", "Body text", "More body text", head_size=16)
    assert title_of(doc) == "Annual Report"
    asked = page([line("Question by Cllr A to Cllr B,", top=60, bold=True),
                  line("Cabinet Member for Roads", top=74, bold=True),
                  line("Will the Cabinet Member say when the road reopens?", top=100)])
    assert question_title([asked]) == "Question by Cllr A to Cllr B, Cabinet Member for Roads"  # its lines joined
    assert question_title(_doc("Report")) is None


def test_the_kind_registry_covers_every_kind_and_rule() -> None:
    kinds = set(get_args(DocumentKind))
    assert set(KINDS) == kinds
    assert {rule.kind for rule in RULES} <= kinds
    assert KINDS["report"].rules and all(r.kind == "report" for r in KINDS["report"].rules)
    for kind in KINDS.values():
        assert (kind.parse is None) == (kind.field is None)
        if kind.field is not None:
            assert kind.field in Document.model_fields
