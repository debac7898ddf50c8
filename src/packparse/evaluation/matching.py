"""What scoring every field shares: counts and micro P/R/F1 (`FieldScore`, `metrics`, `pool`), text and
name normalisation, and matching gold items to output items as multisets or sets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FIELDS: tuple[str, ...] = (
    "meeting.body",
    "meeting.date",
    "meeting.start_time",
    "meeting.venue",
    "agenda.items",
    "agenda.printed_pages",
    "agenda.exempt",
    "documents.start",
    "documents.range",
    "blank_pages",
    "minutes.found",
    "minutes.present",
    "minutes.apologies",
    "minutes.also_present",
    "minutes.items",
    "minutes.resolutions",
    "reports.found",
    "reports.report_of",
    "reports.recommendations",
    "tables.detected",
    "tables.header",
    "tables.columns",
)
Range = tuple[int, int]


@dataclass
class FieldScore:
    """Counts for one field of one file, plus the items behind the errors (for reading, not maths)."""

    gold: int = 0
    got: int = 0
    tp: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "got": self.got, "tp": self.tp,
                "missed": list(self.missed), "extra": list(self.extra)}


def metrics(gold: int, got: int, tp: int) -> dict[str, float | None]:
    """Micro precision / recall / F1. `None` where there was nothing to score either way.

    F1 is computed as 2tp/(gold+got), which equals the harmonic mean when both are defined and is
    0 (not undefined) for an empty output against non-empty gold: missing everything scores zero.
    """
    if gold == 0 and got == 0:
        return {"precision": None, "recall": None, "f1": None}
    return {
        "precision": tp / got if got else 0.0,
        "recall": tp / gold if gold else 0.0,
        "f1": 2 * tp / (gold + got),
    }


def pool(counts: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, Any]]:
    """Sum per-file counts field by field and add metrics; fields no file scored are omitted."""
    sums: dict[str, list[int]] = {}
    for file_counts in counts:
        for name, c in file_counts.items():
            s = sums.setdefault(name, [0, 0, 0])
            s[0] += int(c["gold"])
            s[1] += int(c["got"])
            s[2] += int(c["tp"])
    ordered = [f for f in FIELDS if f in sums] + sorted(f for f in sums if f not in FIELDS)
    return {
        name: {"gold": sums[name][0], "got": sums[name][1], "tp": sums[name][2],
               **metrics(*sums[name])}
        for name in ordered
    }


_NON_WORD = re.compile(r"[^\w\s]|_")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NAME_CUT = re.compile(r"\s[-–—]\s|,|;")
_HONORIFICS = frozenset({
    "councillor", "councillors", "cllr", "cllrs", "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame",
    "prof", "professor", "rev", "revd", "reverend", "lord", "lady", "baroness", "baron", "the", "&",
    "and",
})
_POSTNOMINALS = frozenset({"obe", "mbe", "cbe", "kbe", "dbe", "jp", "dl", "kc", "qc", "mp", "mep", "bem"})


def tokens(text: object) -> tuple[str, ...]:
    """Title tokens: case, punctuation and whitespace do not matter, words and their order do."""
    if text is None:
        return ()
    t = unicodedata.normalize("NFKC", str(text)).lower()
    return tuple(_NON_WORD.sub(" ", t).split())


def same_text(a: object, b: object) -> bool:
    """Token equality, the comparison used for titles, bodies, venues and report authors."""
    return tokens(a) == tokens(b)


def normalise_name(name: object) -> str:
    """A person's name reduced to what identifies them in a list of attendees.

    Drops honorifics ("Councillor", "County Cllr", "Mr", "Sir" ...), roles in parentheses
    ("(Chair)"), anything after a dash, comma or semicolon (a role or post-nominal, e.g.
    "Mr R C Love, OBE", "Jane Doe - Head of Legal"), post-nominal letters, dots, case and spacing,
    so "Councillor M Simmons (Chair)" and "M. Simmons" both become "m simmons".
    """
    if name is None:
        return ""
    text = unicodedata.normalize("NFKC", str(name)).replace("’", "'")
    text = _PARENS.sub(" ", text)
    text = _NAME_CUT.split(text, maxsplit=1)[0]
    text = text.lower().replace(".", " ")
    words = [w.strip("'\"") for w in text.split()]
    words = [w for w in words if w]
    while words and (words[0] in _HONORIFICS or (words[0] == "county" and len(words) > 1
                                                 and words[1] in {"councillor", "cllr"})):
        words.pop(0)
    while words and words[-1] in _POSTNOMINALS:
        words.pop()
    return " ".join(words)


def _number(value: object) -> str:
    """Item numbers compare as printed, ignoring case, spaces and a trailing full stop."""
    return re.sub(r"\s+", "", str(value or "")).rstrip(".").lower()


def _range(value: object) -> Range | None:
    """Gold writes ranges as `[first, last]`, the output as `{"first", "last"}`; accept both."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        first, last = value.get("first"), value.get("last")
    elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        first, last = value[0], value[1]
    else:
        return None
    try:
        return int(first), int(last)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _show(value: object, limit: int = 90) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show_range(r: Range | None) -> str:
    return "-" if r is None else (str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}")


def _get(obj: object, *path: str) -> Any:
    """Walk nested dicts leniently: a missing or null step yields None (the pipeline is partial)."""
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _person_name(value: object) -> str | None:
    if isinstance(value, Mapping):
        return value.get("name")
    return value if isinstance(value, str) else None


def _match_multiset(gold: Sequence[tuple[Hashable, str]], out: Sequence[tuple[Hashable, str]]) -> FieldScore:
    """Match items by key, each output item used at most once; unmatched items keep their label."""
    free: dict[Hashable, list[int]] = {}
    for index, (key, _) in enumerate(out):
        free.setdefault(key, []).append(index)
    used: set[int] = set()
    s = FieldScore(gold=len(gold), got=len(out))
    for key, label in gold:
        candidates = free.get(key)
        if candidates:
            used.add(candidates.pop(0))
            s.tp += 1
        else:
            s.missed.append(label)
    s.extra = [label for index, (_, label) in enumerate(out) if index not in used]
    return s


def _match_sets(gold: Iterable[Hashable], out: Iterable[Hashable], label: Callable[[Any], str] = str,
                ) -> FieldScore:
    g, o = set(gold), set(out)
    return FieldScore(gold=len(g), got=len(o), tp=len(g & o),
                      missed=[label(x) for x in _sorted(g - o)], extra=[label(x) for x in _sorted(o - g)])


def _sorted(values: Iterable[Any]) -> list[Any]:
    items = list(values)
    try:
        return sorted(items)
    except TypeError:  # mixed types from a malformed output: any stable order will do
        return sorted(items, key=str)


def _merge(into: FieldScore, part: FieldScore, prefix: str = "") -> None:
    into.gold += part.gold
    into.got += part.got
    into.tp += part.tp
    into.missed.extend(prefix + m for m in part.missed)
    into.extra.extend(prefix + e for e in part.extra)


def _exact(a: object, b: object) -> bool:
    return str(a).strip() == str(b).strip()


def _pair(gold: Sequence[Any], out: Sequence[Any], passes: Sequence[Callable[[Any, Any], bool]],
          ) -> list[tuple[int, int]]:
    """One-to-one pairing in passes (best evidence first), each pass in document order."""
    pairs: list[tuple[int, int]] = []
    free_g, free_o = set(range(len(gold))), set(range(len(out)))
    for same in passes:
        for gi in sorted(free_g):
            for oi in sorted(free_o):
                if same(gold[gi], out[oi]):
                    pairs.append((gi, oi))
                    free_g.discard(gi)
                    free_o.discard(oi)
                    break
    return sorted(pairs)
