"""Gold-free self-checks: what a packparse output must satisfy whatever council printed the PDF.

Each check looks at one packparse output (the JSON dict) and, where it needs to know what the PDF
really holds, at `PdfFacts` read from the PDF independently of packparse's reader (pypdfium2's own
object counts and text, never pdfplumber), so a reader bug cannot hide itself. Every check gives
`pass`, `fail` or `n/a` for a file, and a failure carries evidence: the page and the line of text
(or the page's object counts) that shows what is wrong.

The checks (README, "Accuracy"):

- `silent_loss`: a page that draws anything beyond furniture is never `blank`; a page whose text is
  drawn as outlines or is a picture is `image_only` with `needs_ocr` and a warning naming it; every
  page with text is inside a document.
- `meeting_date` / `meeting_body`: set, or a warning says why; the date is printed in the PDF; the
  body is a name (not a stop word, a fragment, an address, a run-on with a date or time, or garbled).
- `agenda_found` / `minutes_found`: a page headed like an agenda ("AGENDA") or like minutes ("Minutes
  of ...", "Present:") is inside a document of that kind; `other_kind`: a document of kind `other`
  carries none of those cues (nor a report's).
- `agenda_items`: every numbered line of the agenda text that belongs to a numbering run is an item;
  `agenda_sequence`: item numbers run in order without duplicates or skipped printed numbers, and
  nesting agrees with the numbers.
- `minutes_decisions`: every decision marker (RESOLVED, Resolved:, AGREED, it was resolved, RESULT:,
  MOTION:) is inside a parsed decision; `minutes_numbers`: minute numbers increase;
  `minutes_titles`: item titles are headings, not sentences; `minutes_item_refs`: every "(Item N)"
  printed in the minutes maps to a minute item.
- `report_title` / `report_recommendations`: a report has a title, and recommendations wherever
  its text has a Recommendation(s) heading.

The cues are deliberately conservative: a check that cannot tell is `n/a`, never a guess.

The package: `facts` (the independent read), `base` (results, context), `text` (shared helpers and
patterns) and one module per group of checks: `pages`, `meeting`, `kinds`, `agenda`, `minutes`, `reports`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from packparse.evaluation.selfchecks.agenda import (
    check_agenda_items,
    check_agenda_sequence,
    numbered_lines,
    numbering_runs,
    parse_number,
)
from packparse.evaluation.selfchecks.base import CHECKS, FAIL, NA, PASS, CheckResult, _Context
from packparse.evaluation.selfchecks.facts import PageFacts, PdfFacts, read_facts
from packparse.evaluation.selfchecks.kinds import check_agenda_found, check_minutes_found, check_other_kind, kind_cues
from packparse.evaluation.selfchecks.meeting import body_problem, check_meeting_body, check_meeting_date, printed_dates
from packparse.evaluation.selfchecks.minutes import (
    check_minutes_decisions,
    check_minutes_item_refs,
    check_minutes_numbers,
    check_minutes_titles,
    decision_markers,
    title_problem,
)
from packparse.evaluation.selfchecks.pages import check_silent_loss
from packparse.evaluation.selfchecks.reports import (
    check_report_recommendations,
    check_report_title,
    has_recommendations_heading,
)


def run_checks(output: Mapping[str, Any] | None, facts: PdfFacts | None,
               error: str | None = None) -> dict[str, dict[str, Any]]:
    """Every check on one file: `{check: {"status", "evidence": [{page, text, why}], ...}}`."""
    if output is None:
        why = f"no output: {error or 'extraction failed'}"
        return {name: {"status": FAIL, "evidence": [{"page": None, "text": None, "why": why}]}
                for name in CHECKS}
    facts = facts or PdfFacts(error="no independent read of the PDF")
    ctx = _Context(output, facts)
    results: dict[str, dict[str, Any]] = {}
    for name in CHECKS:
        fn = _CHECKS[name]
        try:
            res = fn(ctx)
        except Exception as exc:  # a check must never take the run down; say so instead
            res = CheckResult()
            res.fail(None, None, f"check crashed: {type(exc).__name__}: {exc}")
        results[name] = res.to_dict()
    return results


_CHECKS = {
    "silent_loss": check_silent_loss,
    "meeting_date": check_meeting_date,
    "meeting_body": check_meeting_body,
    "agenda_found": check_agenda_found,
    "minutes_found": check_minutes_found,
    "other_kind": check_other_kind,
    "agenda_items": check_agenda_items,
    "agenda_sequence": check_agenda_sequence,
    "minutes_decisions": check_minutes_decisions,
    "minutes_numbers": check_minutes_numbers,
    "minutes_titles": check_minutes_titles,
    "minutes_item_refs": check_minutes_item_refs,
    "report_title": check_report_title,
    "report_recommendations": check_report_recommendations,
}


def rates(files: Iterable[Mapping[str, Any]], key: str | None = None) -> dict[str, dict[str, Any]]:
    """Pass / fail / n/a counts and pass rate per check (and `all`), optionally grouped by `key`
    (`council`, `family`, `folder`): `{group: {check: {pass, fail, na, rate}}}` or `{check: ...}`."""
    groups: dict[str, dict[str, Counter[str]]] = {}
    for f in files:
        g = str(f.get(key) or "unknown") if key else ""
        per = groups.setdefault(g, {})
        for name, r in (f.get("checks") or {}).items():
            st = r.get("status", NA)
            per.setdefault(name, Counter())[st] += 1
            per.setdefault("all", Counter())[st] += 1

    def finish(per: Mapping[str, Counter[str]]) -> dict[str, Any]:
        order = [c for c in (*CHECKS, "all") if c in per]
        out = {}
        for c in order:
            n = per[c]
            done = n[PASS] + n[FAIL]
            out[c] = {"pass": n[PASS], "fail": n[FAIL], "na": n[NA],
                      "rate": round(n[PASS] / done, 4) if done else None}
        return out

    if key is None:
        return finish(groups.get("", {}))
    return {g: finish(per) for g, per in sorted(groups.items())}


__all__ = [
    "CHECKS",
    "CheckResult",
    "PageFacts",
    "PdfFacts",
    "body_problem",
    "decision_markers",
    "has_recommendations_heading",
    "kind_cues",
    "numbered_lines",
    "numbering_runs",
    "parse_number",
    "printed_dates",
    "rates",
    "read_facts",
    "run_checks",
    "title_problem",
]
