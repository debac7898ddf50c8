"""The document-kind registry: for each kind, the rules that classify a document as it, the parser that
reads it and the `Document` field that parser fills.

Adding a kind is one entry here (and its rules in `packparse.classify.RULES`): the pipeline asks the
registry what to do with a document of a kind instead of testing kinds one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from packparse.classify import RULES, Rule, question_title
from packparse.lexicon import Conventions
from packparse.models import DocumentKind, Table
from packparse.pagemodel import Line, PageFurniture
from packparse.parsers.minutes import parse_minutes
from packparse.parsers.report import parse_report
from packparse.parsers.slides import parse_slides


@dataclass(frozen=True, slots=True)
class DocumentInput:
    """What a document's parser reads."""

    pages: list[PageFurniture]  # its pages, blank ones left out
    lines: list[Line]  # its lines in reading order, pages concatenated, furniture removed
    tables: list[Table] = field(default_factory=list)  # its tables, one per page part, in page order
    conventions: Conventions = field(default_factory=Conventions)  # the pack's (date order)


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of document and how it is read."""

    name: DocumentKind
    field: str | None = None  # the `Document` field its parser fills
    parse: Callable[[DocumentInput], Any] | None = None
    title: Callable[[list[PageFurniture]], str | None] | None = None  # its own title rule, before the common one
    parsed_title: Callable[[Any], str | None] | None = None  # a title the parsed value gives (wins when set)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The classification rules that give this kind, in the order they are tried."""
        return tuple(rule for rule in RULES if rule.kind == self.name)


def _report_title(report: Any) -> str | None:
    return report.title


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("front_sheet"),  # the pack's agenda pages: parsed by the front-sheet stage, not here
    Kind("agenda"),
    Kind("minutes", field="minutes", parse=lambda doc: parse_minutes(doc.lines, doc.conventions)),
    Kind("report", field="report", parse=lambda doc: parse_report(doc.lines, doc.conventions),
         parsed_title=_report_title),
    Kind("appendix"),
    # each slide keeps its own part of a continued table
    Kind("presentation", field="slides", parse=lambda doc: parse_slides(doc.pages, doc.tables)),
    Kind("table"),
    Kind("exempt_stub"),
    Kind("letter"),
    Kind("questions", title=question_title),
    Kind("other"),
)}
