"""The review page in a real browser: headless Chromium (Debian's, driven over the DevTools protocol, see
tests/browser.py) opens the sample's page and the Durham and Kent packs' pages, every page image loads as it
scrolls into view, every document is listed, clicking a document, warning or page shows its pages large,
and screenshots show the pages with the overlays drawn. Without Chromium: fail in CI, skip elsewhere.
"""

from __future__ import annotations

import io
import time
from functools import cache
from pathlib import Path

import pytest
from PIL import Image

from packparse.api import analyse
from packparse.review import build_review, exempt_pages
from tests.browser import Browser, chromium, require_chromium
from tests.corpus import CORPUS, needs_corpus
from tests.test_review import sample_analysis, sample_html

DURHAM = CORPUS / "packs" / "durham_cpp_2022-12-16_agenda_pack.pdf"
KENT = CORPUS / "packs" / "kent_cabinet_2025-01-30_public_reports_pack.pdf"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    require_chromium()
    with chromium() as b:
        yield b


@cache
def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def load_every_page(b: Browser, timeout: float = 120) -> dict:
    """Scroll the page grid from top to bottom (lazy loading) and wait for every page image to load."""
    started = time.monotonic()
    y = 0
    while True:
        b.js(f"window.scrollTo(0, {y})")
        time.sleep(0.03)
        height, view = b.js("[document.documentElement.scrollHeight, window.innerHeight]")
        if y + view >= height:
            break
        y += view
    b.wait_for("window.packReview.loaded.size + window.packReview.failed.size >= "
               "document.querySelectorAll('#pages img').length", timeout=timeout)
    state = b.js("""(() => { const imgs = [...document.querySelectorAll('#pages img')];
        return {images: imgs.length, loaded: window.packReview.loaded.size, failed: window.packReview.failed.size,
                decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
                pages: document.querySelectorAll('#pages figure.page').length,
                documents: document.querySelectorAll('#documents li.doc').length,
                warnings: document.querySelectorAll('#warnings li').length,
                exempt: document.querySelectorAll('#pages figure.exempt').length,
                exempt_images: document.querySelectorAll('#pages figure.exempt img').length}; })()""")
    state["seconds"] = time.monotonic() - started
    b.js("window.scrollTo(0, 0)")
    return state


def shot(b: Browser) -> Image.Image:
    return Image.open(io.BytesIO(b.screenshot())).convert("RGB")


def near(picture: Image.Image, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """Pixels within `tolerance` (per channel) of `rgb`."""
    colours = picture.getcolors(maxcolors=1 << 24) or []
    return sum(n for n, c in colours if all(abs(a - b) <= tolerance for a, b in zip(c, rgb, strict=True)))


def not_blank(picture: Image.Image) -> bool:
    colours = picture.getcolors(maxcolors=1 << 24) or []
    top = max(n for n, _c in colours)
    return len(colours) > 200 and top < 0.9 * picture.width * picture.height


def test_sample_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    analysis = sample_analysis()
    pack = analysis.pack
    page = _write(tmp_path, "sample.html", sample_html())
    seconds = browser.open(page)
    assert seconds < 30
    state = load_every_page(browser)
    exempt = exempt_pages(pack)
    assert state["pages"] == len(pack.pages)
    assert state["images"] == state["loaded"] == state["decoded"] == len(pack.pages) - len(exempt)
    assert state["failed"] == 0
    assert state["documents"] == len(pack.documents)
    assert state["warnings"] == len(pack.warnings)
    assert state["exempt"] == len(exempt) and state["exempt_images"] == 0

    grid = shot(browser)
    assert not_blank(grid)
    assert near(grid, (255, 127, 14)) > 50  # the orange band where a document starts

    # a document: its pages, large, with the boxes and their labels
    report = next(d for d in pack.documents if d.kind == "report")
    browser.click(f'#documents .doc-link[data-open="{report.pdf_pages.first}-{report.pdf_pages.last}"]')
    browser.wait_for("!document.getElementById('viewer').hidden")
    n = report.pdf_pages.last - report.pdf_pages.first + 1
    assert browser.js("document.querySelectorAll('#viewer figure.page').length") == n
    browser.wait_for("[...document.querySelectorAll('#viewer img')].slice(0, 1).every(i => i.complete && "
                     "i.naturalWidth > 0)")
    browser.wait_for("document.querySelector('#viewer svg.overlay').childElementCount > 10")
    width = browser.js("document.querySelector('#viewer img').getBoundingClientRect().width")
    assert width > 600  # shown large: the thumbnails are about 170 px wide
    assert browser.js("document.querySelectorAll('#viewer svg text.label').length") > 0
    time.sleep(0.3)
    large = shot(browser)
    assert not_blank(large)
    assert near(large, (255, 127, 14)) > 200  # document start band
    assert near(large, (214, 39, 40), 30) > 20  # removed furniture (page number, stamp) in red
    assert near(large, (120, 170, 210), 45) > 200  # content lines (blue, half transparent)
    assert browser.js("window.packReview.open.first") == report.pdf_pages.first

    browser.key("Escape", 27)
    browser.wait_for("document.getElementById('viewer').hidden")

    # a warning: its page
    browser.click('#warnings .warning-link[data-open="8-8"]')
    browser.wait_for("!document.getElementById('viewer').hidden")
    assert browser.js("JSON.stringify(window.packReview.open)") == '{"first":8,"last":8,"focus":8}'
    assert browser.js("document.querySelectorAll('#viewer figure.page').length") == 1
    browser.click("#viewer .viewer-close")
    browser.wait_for("document.getElementById('viewer').hidden")

    # an exempt page, clicked: says it is exempt, shows nothing of it
    first_exempt = min(exempt)
    browser.click(f"#p{first_exempt}")
    browser.wait_for("!document.getElementById('viewer').hidden")
    text = browser.js(f"document.querySelector('#viewer figure[data-page=\"{first_exempt}\"]').innerText")
    assert "Exempt" in text or "EXEMPT" in text
    assert browser.js(f"document.querySelectorAll('#viewer figure[data-page=\"{first_exempt}\"] img').length") == 0
    browser.key("Escape", 27)

    # the legend hides a kind of box
    browser.click('#legend input[data-category="line"]')
    assert browser.js("getComputedStyle(document.querySelector('#pages rect.box.line')).display") == "none"
    browser.click('#legend input[data-category="line"]')


@needs_corpus
@pytest.mark.parametrize("pdf", [DURHAM, KENT], ids=["durham", "kent-462-pages"])
def test_corpus_pack_page_in_chromium(browser: Browser, tmp_path: Path, pdf: Path) -> None:
    analysis = analyse(pdf)
    page = _write(tmp_path, f"{pdf.stem}.html", build_review(analysis))
    pack = analysis.pack
    seconds = browser.open(page)
    assert seconds < 30, f"{page.stat().st_size / 1e6:.1f} MB page took {seconds:.1f} s to open"
    state = load_every_page(browser, timeout=180)
    exempt = exempt_pages(pack)
    assert state["pages"] == len(pack.pages)
    assert state["images"] == state["loaded"] == state["decoded"] == len(pack.pages) - len(exempt)
    assert state["failed"] == 0
    assert state["documents"] == len(pack.documents)
    assert state["warnings"] == len(pack.warnings)
    assert state["exempt_images"] == 0
    assert not_blank(shot(browser))
    last = pack.documents[-1]
    browser.click(f'#documents li.doc[data-doc="{len(pack.documents) - 1}"] .doc-link')
    browser.wait_for("!document.getElementById('viewer').hidden")
    assert browser.js("document.querySelectorAll('#viewer figure.page').length") == \
        last.pdf_pages.last - last.pdf_pages.first + 1
    browser.key("Escape", 27)
