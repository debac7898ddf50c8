"""`packparse review`: one self-contained HTML file to look at what packparse found in a pack.

The page opens offline in any browser: no server, CDN, font or script from elsewhere (a Content-Security-
Policy in the page forbids any), everything inlined. At the top the meeting and agenda; beside them the
documents as a tree (kind, title, agenda item, pages, `split_by`, tables, minutes and report details) and
the warnings, each linked to its pages; below, every page as a thumbnail with `packparse.inspect`'s boxes
drawn over it (removed furniture, content lines, tables, document starts, agenda items), toggled by
kind. Clicking a document, agenda item, warning or thumbnail shows those pages large.

Pages are drawn by the reader (`ReadPDF.render`) at `dpi` (default 60: an A4 page is 496 x 702
pixels) and stored as WebP (JPEG where Pillow has no WebP) at `quality`; the images and boxes are in
the page as data, and a page's image is decoded and its boxes drawn only when it scrolls near the window
(lazy loading), so the 462-page Kent pack opens at once.

Exempt pages (restricted stubs, exempt-stub documents, the pages of an item marked exempt) are not drawn
at all: the page says only that they are exempt.
"""

from __future__ import annotations

import base64
import colorsys
import html
import io
import json
import os
import time
from typing import Any

from packparse import __version__
from packparse.api import Analysis
from packparse.inspect import COLOURS, page_boxes
from packparse.models import Document, Pack
from packparse.options import ExtractOptions
from packparse.review.assets import CSS, JS

DEFAULT_DPI = 60.0
DEFAULT_QUALITY = 50
CATEGORIES = {  # box kind -> legend label (the colours are inspect's)
    "furniture": "removed furniture",
    "line": "content lines",
    "table": "tables",
    "document": "document starts",
    "item": "agenda items",
}


def review_pdf(path: str | os.PathLike[str], options: ExtractOptions | None = None, *, dpi: float = DEFAULT_DPI,
               quality: int = DEFAULT_QUALITY) -> tuple[Pack, str]:
    """Parse the PDF and build its review page: (pack, html). What `packparse review` and `extract --html`
    run under the time and memory limits (`packparse.limits.run_limited`)."""
    from packparse.api import analyse

    analysis = analyse(path, options=options or ExtractOptions())
    return analysis.pack, build_review(analysis, dpi=dpi, quality=quality)


def exempt_pages(pack: Pack) -> set[int]:
    """Pages shown only as exempt: restricted stubs, exempt-stub documents and exempt items' pages."""
    pages = {p.pdf_page for p in pack.pages if p.kind == "restricted"}
    for d in pack.documents:
        if d.kind == "exempt_stub":
            pages.update(range(d.pdf_pages.first, d.pdf_pages.last + 1))
    for it in pack.agenda.items:
        if it.exempt and it.pdf_pages is not None:
            pages.update(range(it.pdf_pages.first, it.pdf_pages.last + 1))
    return pages


def build_review(analysis: Analysis, dpi: float = DEFAULT_DPI, quality: int = DEFAULT_QUALITY) -> str:
    """The review page of an analysed pack, as one HTML string."""
    started = time.perf_counter()
    pack = analysis.pack
    exempt = exempt_pages(pack)
    fmt = _image_format()
    doc_of = _document_of_pages(pack)
    pages = []
    for page in pack.pages:
        n = page.pdf_page
        entry: dict[str, Any] = {"n": n, "printed": page.printed_page, "kind": page.kind,
                                 "w": round(page.width or 612, 2), "h": round(page.height or 792, 2),
                                 "doc": doc_of.get(n)}
        if n in exempt:
            entry["exempt"] = True
        else:
            try:
                entry["img"] = _encode(analysis.read.render(n, dpi), fmt, quality)
            except Exception as exc:  # one page PDFium cannot draw: say so on it, draw the rest
                entry["error"] = f"could not draw this page ({type(exc).__name__})"
            entry["boxes"] = [_box(box, colour, label) for box, colour, label in page_boxes(analysis, n)]
        pages.append(entry)
    data = {"image_format": fmt.lower(), "pages": pages, "documents": [_doc_data(d) for d in pack.documents],
            "categories": CATEGORIES, "colours": _category_colours()}
    seconds = time.perf_counter() - started
    return _page(pack, data, exempt, dpi, seconds)


def _image_format() -> str:
    from PIL import features

    return "WEBP" if features.check("webp") else "JPEG"


def _encode(picture: Any, fmt: str, quality: int) -> str:
    buf = io.BytesIO()
    if fmt == "WEBP":
        picture.save(buf, "WEBP", quality=quality, method=4)
    else:
        picture.save(buf, "JPEG", quality=quality, optimize=True)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _category(colour: str) -> str:
    for key, category in (("line", "line"), ("table", "table"), ("document", "document"), ("agenda_item", "item")):
        if colour == COLOURS.get(key):
            return category
    return "furniture"


def _category_colours() -> dict[str, str]:
    return {"furniture": COLOURS["page_number"], "line": COLOURS["line"], "table": COLOURS["table"],
            "document": COLOURS["document"], "item": COLOURS["agenda_item"]}


def _box(box: Any, colour: str, label: str) -> list[Any]:
    return [round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1), _category(colour), label]


def _document_of_pages(pack: Pack) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, d in enumerate(pack.documents):
        for n in range(d.pdf_pages.first, d.pdf_pages.last + 1):
            out.setdefault(n, i)
    return out


def _doc_data(d: Document) -> dict[str, Any]:
    return {"kind": d.kind, "first": d.pdf_pages.first, "last": d.pdf_pages.last}


def _hue(i: int) -> str:
    r, g, b = colorsys.hls_to_rgb((i * 0.618034) % 1.0, 0.55, 0.6)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


# -- HTML -----------------------------------------------------------------------------------------

e = html.escape


def _open(first: int, last: int, title: str, focus: int | None = None) -> str:
    """Attributes of an element that shows pages `first`-`last` large when clicked."""
    extra = f' data-focus="{focus}"' if focus is not None else ""
    return f'data-open="{first}-{last}" data-title="{e(title)}"{extra}'


def _pages_label(first: int, last: int) -> str:
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def _page(pack: Pack, data: dict[str, Any], exempt: set[int], dpi: float, seconds: float) -> str:
    m = pack.meeting
    src = pack.source
    title = " · ".join(x for x in (m.council, m.body, m.date) if x) or src.file
    colours = [_hue(i) for i in range(len(pack.documents))]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="packparse {e(__version__)}">',
        f"<title>Review: {e(src.file)}</title>",
        f"<style>{CSS}</style></head>",
        '<body><header id="top">',
        f"<h1>{e(title)}</h1>",
        f'<p class="meta"><span class="file">{e(src.file)}</span> · {src.pdf_pages} pages · '
        f"{len(pack.documents)} documents · {len(pack.warnings)} warnings · sha256 {e(src.sha256[:12])}… · "
        f"packparse {e(pack.packparse_version or __version__)} · pages drawn at {dpi:g} dpi in {seconds:.1f} s</p>",
        "</header>",
        '<main id="layout"><nav id="side">',
        _meeting_html(pack),
        _agenda_html(pack),
        _documents_html(pack, colours, exempt),
        _warnings_html(pack),
        _legend_html(data),
        "</nav>",
        _pages_html(pack, data, exempt, colours),
        "</main>",
        '<div id="viewer" hidden role="dialog" aria-modal="true" aria-labelledby="viewer-title">'
        '<div class="viewer-bar"><h2 id="viewer-title"></h2>'
        '<button type="button" class="viewer-close" aria-label="Close (Esc)">Close ✕</button></div>'
        '<div class="viewer-pages"></div></div>',
        f'<script type="application/json" id="review-data">{_script_json(data)}</script>',
        f"<script>{JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no '</' to close it, no U+2028/2029 line breaks."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _meeting_html(pack: Pack) -> str:
    m = pack.meeting
    rows = [("Council", m.council), ("Body", m.body), ("Date", m.date), ("Time", m.start_time),
            ("Venue", m.venue), ("Issued", m.date_of_issue),
            ("Contact", m.contact.name if m.contact else None)]
    cells = "".join(f"<dt>{k}</dt><dd>{e(v)}</dd>" for k, v in rows if v)
    page = f' <a href="#p{m.pdf_page}" {_open(m.pdf_page, m.pdf_page, "Meeting details")}>p. {m.pdf_page}</a>' \
        if m.pdf_page else ""
    return (f'<section id="meeting"><h2>Meeting{page}</h2>'
            f"<dl>{cells or '<dt>—</dt><dd>no meeting details found</dd>'}</dl></section>")


def _agenda_html(pack: Pack) -> str:
    items = []
    for it in pack.agenda.items:
        pages = ""
        if it.pdf_pages is not None:
            a, b = it.pdf_pages.first, it.pdf_pages.last
            opens = _open(a, b, f"Item {it.number}: {it.title}")
            pages = f' <a class="pages" href="#p{a}" {opens}>{_pages_label(a, b)}</a>'
        where = ""
        if it.pdf_page is not None:
            where = (f' <a class="listed" href="#p{it.pdf_page}" title="where the agenda lists it" '
                     f'{_open(it.pdf_page, it.pdf_page, f"Agenda: item {it.number}")}>listed p. {it.pdf_page}</a>')
        badge = ' <span class="badge exempt">exempt</span>' if it.exempt else ""
        presenter = f' <span class="presenter">— {e(it.presenter)}</span>' if it.presenter else ""
        items.append(f'<li class="level{min(it.level, 3)}"><span class="num">{e(it.number)}</span> '
                     f"{e(it.title)}{presenter}{badge}{pages}{where}</li>")
    body = f"<ol class=\"agenda\">{''.join(items)}</ol>" if items else "<p class=\"none\">no agenda items found</p>"
    return f'<section id="agenda"><h2>Agenda ({len(pack.agenda.items)} items)</h2>{body}</section>'


def _doc_title(d: Document, exempt: set[int]) -> str:
    """The title as found, unless it was read off an exempt page: then only that it is exempt."""
    if d.pdf_pages.first in exempt:
        return "exempt (not shown)"
    return d.title or "(untitled)"


def _documents_html(pack: Pack, colours: list[str], exempt: set[int]) -> str:
    items = []
    for i, d in enumerate(pack.documents):
        a, b = d.pdf_pages.first, d.pdf_pages.last
        title = _doc_title(d, exempt)
        label = f"{d.kind}: {title}"
        children = []
        hidden = a in exempt  # its details come from exempt pages
        for t in d.tables:
            if t.pdf_page in exempt:
                continue
            opens = _open(t.pdf_page, t.pdf_page, f"Table on p. {t.pdf_page}")
            children.append(f'<li><a href="#p{t.pdf_page}" {opens}>'
                            f"table p. {t.pdf_page}</a> {len(t.rows)} rows × {t.n_cols} columns"
                            f"{': ' + e(' | '.join(t.header[:4])) if t.header else ''}</li>")
        if d.minutes is not None and not hidden:
            mins = d.minutes
            resolutions = sum(len(it.decisions) for it in mins.items)
            children.append(f"<li>minutes: {len(mins.attendance.present)} present, {len(mins.items)} items, "
                            f"{resolutions} decisions</li>")
        if d.report is not None and not hidden:
            r = d.report
            who = f" of {e(r.report_of)}" if r.report_of else ""
            children.append(f"<li>report{who}: {len(r.recommendations)} recommendations, "
                            f"{len(r.paragraphs)} paragraphs</li>")
        if d.slides and not hidden:
            children.append(f"<li>{len(d.slides)} slides</li>")
        sub = f"<ul>{''.join(children)}</ul>" if children else ""
        item = f'item {e(d.agenda_item)} · ' if d.agenda_item else ""
        items.append(
            f'<li class="doc" data-doc="{i}" style="--doc:{colours[i]}">'
            f'<button type="button" class="doc-link" {_open(a, b, label)}>'
            f'<span class="badge kind">{e(d.kind)}</span> {e(title)}</button>'
            f'<div class="doc-meta">{item}{_pages_label(a, b)} · split by {e(d.split_by)}</div>{sub}</li>')
    return (f'<section id="documents"><h2>Documents ({len(pack.documents)})</h2>'
            f"<ul class=\"tree\">{''.join(items)}</ul></section>")


def _warnings_html(pack: Pack) -> str:
    items = []
    for w in pack.warnings:
        if w.pdf_page:
            opens = _open(w.pdf_page, w.pdf_page, f"Warning {w.code} on p. {w.pdf_page}")
            link = f'<button type="button" class="warning-link" {opens}>p. {w.pdf_page}</button> '
        else:
            link = '<span class="nopage">no page</span> '
        items.append(f'<li>{link}<span class="code">{e(w.code)}</span> {e(w.message)}</li>')
    body = f"<ul class=\"warnings\">{''.join(items)}</ul>" if items else '<p class="none">no warnings</p>'
    return f'<section id="warnings"><h2>Warnings ({len(pack.warnings)})</h2>{body}</section>'


def _legend_html(data: dict[str, Any]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-category="{k}" checked> '
        f'<span class="swatch" style="border-color:{data["colours"][k]}"></span>{e(v)}</label>'
        for k, v in data["categories"].items())
    return f'<section id="legend"><h2>Drawn on the pages</h2>{boxes}</section>'


def _pages_html(pack: Pack, data: dict[str, Any], exempt: set[int], colours: list[str]) -> str:
    figures = []
    for entry in data["pages"]:
        n = entry["n"]
        doc = entry["doc"]
        colour = f' style="--doc:{colours[doc]}"' if doc is not None else ""
        kind = pack.documents[doc].kind if doc is not None else "—"
        printed = f" · printed {entry['printed']}" if entry["printed"] is not None else ""
        focus_first, focus_last = (pack.documents[doc].pdf_pages.first, pack.documents[doc].pdf_pages.last) \
            if doc is not None else (n, n)
        cls = "page"
        if n in exempt:
            cls += " exempt"
        elif entry["kind"] != "content":
            cls += f" {entry['kind']}"
        figures.append(
            f'<figure class="{cls}" id="p{n}" data-page="{n}"{colour} '
            f'{_open(focus_first, focus_last, _figure_title(pack, doc, n, exempt), focus=n)}>'
            f"{_sheet(entry)}"
            f'<figcaption><b>p. {n}</b>{printed} · {e(kind)}'
            f"{' · ' + e(entry['kind']) if entry['kind'] != 'content' else ''}</figcaption></figure>")
    return (f'<section id="pages"><h2>Pages ({len(figures)})</h2>'
            f"<div class=\"grid\">{''.join(figures)}</div></section>")


def _figure_title(pack: Pack, doc: int | None, n: int, exempt: set[int]) -> str:
    if doc is None:
        return f"Page {n}"
    d = pack.documents[doc]
    return f"{d.kind}: {_doc_title(d, exempt)}"


def _sheet(entry: dict[str, Any]) -> str:
    ratio = f"{entry['w']} / {entry['h']}"
    if entry.get("exempt"):
        inner = '<div class="exempt-note"><strong>Exempt</strong><span>not shown</span></div>'
    elif entry.get("error"):
        inner = f'<div class="error-note">{e(entry["error"])}</div>'
    else:
        inner = f'<img alt="page {entry["n"]}" decoding="async"><svg class="overlay" aria-hidden="true"></svg>'
    return f'<div class="sheet" style="aspect-ratio:{ratio}">{inner}</div>'
