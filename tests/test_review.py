"""`packparse review` and `extract --html`: one self-contained HTML page per pack.

The page itself (offline, every document, page and warning, exempt pages not drawn) is checked here
without a browser; tests/test_review_browser.py opens it in headless Chromium.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from packparse.api import Analysis, analyse
from packparse.models import PackWarning
from packparse.review import build_review, exempt_pages
from tests.corpus import CORPUS, needs_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
DURHAM = CORPUS / "packs" / "durham_cpp_2022-12-16_agenda_pack.pdf"


@cache
def sample_analysis() -> Analysis:
    analysis = analyse(SAMPLE)
    # the sample has no warnings: give it two, one on a page, so that the list and its links are tested
    analysis.pack.warnings.append(PackWarning(code="test_warning", message="a warning <b>on</b> page 8",
                                              pdf_page=8))
    analysis.pack.warnings.append(PackWarning(code="test_no_page", message="a warning with no page"))
    return analysis


@cache
def sample_html() -> str:
    return build_review(sample_analysis())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def _data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', text, re.S)
    assert m
    return json.loads(m.group(1))


def test_the_page_is_self_contained() -> None:
    text = sample_html()
    assert "default-src 'none'" in text  # the page's own policy forbids loading anything
    for tag, attrs in _tags(text):
        for name in ("src", "href", "action", "poster", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|ftp:|file:)", value, re.I), (tag, name, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert not (tag == "script" and attrs.get("src"))
    assert "@import" not in text and "url(http" not in text


def test_every_document_page_agenda_item_and_warning_is_listed() -> None:
    analysis, text = sample_analysis(), sample_html()
    pack = analysis.pack
    tags = _tags(text)
    docs = [a for t, a in tags if t == "li" and "doc" in (a.get("class") or "").split()]
    assert len(docs) == len(pack.documents) > 0
    opens = {a.get("data-open") for t, a in tags if t == "button" and "doc-link" in (a.get("class") or "")}
    assert opens == {f"{d.pdf_pages.first}-{d.pdf_pages.last}" for d in pack.documents}
    figures = [a for t, a in tags if t == "figure"]
    assert [f["data-page"] for f in figures] == [str(p.pdf_page) for p in pack.pages]
    warnings = [a for t, a in tags if t == "button" and "warning-link" in (a.get("class") or "")]
    assert [w["data-open"] for w in warnings] == ["8-8"]
    assert "a warning &lt;b&gt;on&lt;/b&gt; page 8" in text and "a warning with no page" in text
    for it in pack.agenda.items:
        assert f'<span class="num">{it.number}</span>' in text
    data = _data(text)
    assert [p["n"] for p in data["pages"]] == [p.pdf_page for p in pack.pages]


def test_pages_have_images_and_the_inspect_boxes() -> None:
    data = _data(sample_html())
    drawn = [p for p in data["pages"] if not p.get("exempt")]
    assert drawn and all(p.get("img") for p in drawn)
    assert data["image_format"] in ("webp", "jpeg")
    kinds = {box[4] for p in drawn for box in p["boxes"]}
    assert {"furniture", "line", "table", "document", "item"} <= kinds
    page1 = next(p for p in data["pages"] if p["n"] == 1)
    assert any(box[4] == "item" and box[5] == "item 4" for box in page1["boxes"])  # agenda items where listed


def test_exempt_pages_show_only_that_they_are_exempt() -> None:
    analysis, text = sample_analysis(), sample_html()
    exempt = exempt_pages(analysis.pack)
    assert exempt  # item 7 of the sample is exempt: its restricted stub
    data = _data(text)
    for p in data["pages"]:
        if p["n"] in exempt:
            assert p.get("exempt") and "img" not in p and "boxes" not in p
    figures = re.findall(r'<figure class="([^"]*)" id="p(\d+)"[^>]*>(.*?)</figure>', text, re.S)
    for cls, n, inner in figures:
        if int(n) in exempt:
            assert "exempt" in cls.split() and "<img" not in inner and "Exempt" in inner
    # nothing printed on an exempt page gets into the page (its stub's own words included)
    for n in exempt:
        fp = analysis.pages[n - 1]
        for line in fp.lines:
            words = " ".join(line.text.split())
            if len(words) > 20:
                assert words not in text


@needs_corpus
def test_durham_pack_restricted_pages_are_not_drawn() -> None:
    analysis = analyse(DURHAM)
    data = _data(build_review(analysis, dpi=30))
    restricted = {p.pdf_page for p in analysis.pack.pages if p.kind == "restricted"}
    assert restricted and restricted <= {p["n"] for p in data["pages"] if p.get("exempt")}
    assert sum(1 for p in data["pages"] if p.get("img")) >= 70


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", *args], capture_output=True, text=True, timeout=300)


def test_cli_review_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = _run("review", str(SAMPLE), "-o", str(out), "--dpi", "40")
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr and "16 pages" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "Borsetshire County Council" in text


def test_cli_review_refuses_to_write_over_a_pdf(tmp_path: Path) -> None:
    victim = tmp_path / "other.pdf"
    victim.write_bytes(SAMPLE.read_bytes())
    result = _run("review", str(SAMPLE), "-o", str(victim))
    assert result.returncode == 2 and victim.read_bytes() == SAMPLE.read_bytes()
    missing = _run("review", str(tmp_path / "missing.pdf"), "-o", str(tmp_path / "x.html"))
    assert missing.returncode == 3 and "Traceback" not in missing.stderr


def test_cli_extract_html(tmp_path: Path) -> None:
    out, page = tmp_path / "pack.json", tmp_path / "pack.html"
    result = _run("extract", str(SAMPLE), "-o", str(out), "--html", str(page), "--quiet")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["source"]["file"] == SAMPLE.name
    assert "review-data" in page.read_text(encoding="utf-8")
    refused = _run("extract", str(SAMPLE), "-o", str(out), "--html", str(page), "--redact")
    assert refused.returncode == 2 and "--redact" in refused.stderr


@pytest.mark.parametrize("dpi", [20, 60])
def test_image_size_follows_dpi(dpi: int) -> None:
    data = _data(build_review(sample_analysis(), dpi=dpi))
    sizes = [len(p["img"]) for p in data["pages"] if p.get("img")]
    assert sizes and max(sizes) < (40_000 if dpi == 20 else 200_000)
