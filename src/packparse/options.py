"""Per-file extraction options: one typed model with one default each.

The CLI builds an `ExtractOptions` once from its flags (`extract`, `tables`, `inspect`, `batch`) and
hands it on: to `packparse.extract(path, options=...)`, to the limited child process and to batch
workers (pickled, or as JSON on a Ray task's stdin). Everything that decides how one PDF is read and
what its output holds is here, so a default is written in one place only.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from packparse.backends import DEFAULT_READER

DEFAULT_MAX_PAGES = 5000
DEFAULT_TIMEOUT_S = 300.0
DEFAULT_PAGE_MEMORY_MB = 4  # the page model held in memory (packparse.pagestore); later pages wait in a file
DEFAULT_DOCUMENT_MEMORY_MB = 1  # parsed documents held in memory when the pack is written out (documentstore)
DEFAULT_MAX_MEMORY_MB = 2048  # RLIMIT_AS (virtual memory): the 462-page Kent pack peaks near 100 MB resident

# Options that change what the output holds (a batch redoes a file when one of them changes); the others
# (password, limits) only decide whether a file can be read.
OUTPUT_FIELDS = ("ocr", "redact", "source_url", "meeting_id", "retrieved", "timezone", "reader")
_PROVENANCE = ("source_url", "meeting_id", "retrieved", "timezone")


class ExtractOptions(BaseModel):
    """How to read one PDF and what to put in its output. Immutable; bad values raise ValueError."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)  # never echo a password

    password: str | None = Field(default=None, repr=False, description="User password of an encrypted PDF.")
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1, description="Refuse files with more pages.")
    timeout: float = Field(default=DEFAULT_TIMEOUT_S, ge=0, description="Seconds per file; 0 for no limit.")
    max_memory_mb: int = Field(default=DEFAULT_MAX_MEMORY_MB, ge=0,
                               description="Address space per file in MB (RLIMIT_AS); 0 for no limit.")
    ocr: bool = Field(default=False, description="Read scanned pages with tesseract when installed.")
    redact: bool = Field(default=False, description="E-mail addresses and phone numbers -> [email] / [phone].")
    source_url: str | None = Field(default=None, description="Where the PDF was published.")
    meeting_id: str | None = Field(default=None, description="The caller's own meeting id.")
    retrieved: str | None = Field(default=None, description="When the PDF was fetched (ISO date or date-time).")
    timezone: str | None = Field(default=None, description="IANA time zone of the meeting.")
    page_memory_mb: float = Field(
        default=DEFAULT_PAGE_MEMORY_MB, ge=0,
        description="MB of page model held in memory; later pages wait in a temporary file (0: all of them).")
    document_memory_mb: float = Field(
        default=DEFAULT_DOCUMENT_MEMORY_MB, ge=0,
        description="MB of parsed documents held in memory while a pack is written out (the CLI, batch); later "
                    "documents wait in a temporary file. `extract()` keeps them all: they are what it returns.")
    reader: Literal["pdfium", "pdfplumber"] = Field(
        default=DEFAULT_READER, description="The engine that reads the pages: pdfium (fast) or pdfplumber.")

    @model_validator(mode="before")
    @classmethod
    def _provenance(cls, data: Any) -> Any:
        """Source metadata checked and cleaned as `Provenance.checked` does (ValueError naming the bad one)."""
        if not isinstance(data, dict) or not any(data.get(k) is not None for k in _PROVENANCE):
            return data
        from packparse.ids import Provenance

        checked = Provenance.checked(**{k: data.get(k) for k in _PROVENANCE})
        return {**data, **{k: getattr(checked, k) for k in _PROVENANCE}}

    def with_overrides(self, **values: Any) -> ExtractOptions:
        """A copy with the given values (None leaves a field as it is), validated again."""
        given = {k: v for k, v in values.items() if v is not None}
        if not given:
            return self
        unknown = set(given) - set(type(self).model_fields)
        if unknown:
            raise TypeError(f"unknown extraction option(s): {', '.join(sorted(unknown))}")
        try:
            return type(self).model_validate({**self.model_dump(), **given})
        except ValidationError as exc:  # one plain line, as the keyword arguments always raised
            raise ValueError(self.first_error(exc)) from None

    def provenance(self) -> Any:
        """The source metadata as `packparse.ids.Provenance`."""
        from packparse.ids import Provenance

        return Provenance(source_url=self.source_url, meeting_id=self.meeting_id, retrieved=self.retrieved,
                          timezone=self.timezone)

    def output_key(self) -> dict[str, Any]:
        """The options that change the output, where they differ from the defaults (empty: all defaults)."""
        defaults = type(self).model_fields
        return {name: getattr(self, name) for name in OUTPUT_FIELDS if getattr(self, name) != defaults[name].default}

    @staticmethod
    def first_error(exc: Exception) -> str:
        """One line for a bad option: pydantic's first message without its 'Value error, ' prefix."""
        errors = getattr(exc, "errors", None)
        if callable(errors):
            first = errors()[0]
            field = ".".join(str(x) for x in first.get("loc", ()))
            msg = str(first.get("msg", exc)).removeprefix("Value error, ")
            return f"{field}: {msg}" if field and field not in msg else msg
        return str(exc)
