"""Patterns more than one part of the front-sheet parser reads."""

from __future__ import annotations

import re

_NUMBER = (
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?|\d{1,3}\.[A-Z](?!\w)|[A-Z]{1,2}-?\d{1,3}(?:\.\d{1,2})?|[A-Z]"
    r"|\(?[a-z]\)|\((?:[ivx]{2,4}|\d{1,2})\))"
)
_ITEM_LINE = re.compile(rf"^{_NUMBER}(?P<sep>[.):]?)(?P<gap>\s+)(?P<rest>\S.*)$")
_PAGES = re.compile(r"\(\s*Pages?\s+(?P<a>\d{1,4})(?:\s*[-–—]\s*(?P<b>\d{1,4}))?\s*\)", re.I)
_NON_BODY = re.compile(r"^(?:agenda|public\s+reports?\s+pack|notice(?:\s+of\s+meeting)?|summons.*|supplement.*"
                       r"|notice\s+and\s+agenda|agenda\s+and\s+notice|(?:regular|special)\s+meeting(?:\s+agenda)?)$",
                       re.I)
# "Recommendation:", "Recommended Action:", "Attachment(s):", "Property:", "Agency Negotiators:": the details
# printed under an item, never its title.
_DETAIL_LABEL = re.compile(r"^[A-Z][\w’'()/&-]*(?:\s+[\w’'()/&-]+){0,3}\s*:(?:\s|$)")
