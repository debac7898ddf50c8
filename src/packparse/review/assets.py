"""The review page's style sheet and script, inlined into every page (no file is loaded from anywhere)."""

CSS = r"""
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --bg: #f5f6f8; --accent: #0b63c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
body.viewing { overflow: hidden; }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 20px; }
h2 { font-size: 15px; margin: 0 0 8px; }
.meta { margin: 0; color: var(--muted); font-size: 12px; }
.meta .file { font-weight: 600; color: var(--ink); }
#layout { display: grid; grid-template-columns: minmax(300px, 420px) 1fr; gap: 16px; padding: 16px 20px; }
#side { position: sticky; top: 8px; align-self: start; max-height: calc(100vh - 16px); overflow: auto; }
#side section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
                margin-bottom: 12px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
ol.agenda, ul.tree, ul.warnings { margin: 0; padding: 0; list-style: none; }
ol.agenda li { padding: 3px 0; border-top: 1px solid #eef0f3; }
ol.agenda li.level2 { padding-left: 16px; } ol.agenda li.level3 { padding-left: 32px; }
.num { font-weight: 600; display: inline-block; min-width: 2em; }
.presenter { color: var(--muted); }
.pages, .listed { font-size: 12px; margin-left: 4px; white-space: nowrap; }
.badge { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; background: #e8ecf1;
         color: #334; vertical-align: 1px; }
.badge.exempt { background: #fde2e1; color: #9b1c1c; }
li.doc { border-left: 5px solid var(--doc); padding: 4px 0 4px 8px; margin-bottom: 6px; }
li.doc ul { margin: 2px 0 0; padding-left: 16px; font-size: 12px; color: var(--muted); }
.doc-link, .warning-link { font: inherit; text-align: left; background: none; border: 0; padding: 0;
                           color: var(--accent); cursor: pointer; }
.doc-link:hover, .warning-link:hover { text-decoration: underline; }
.doc-meta { font-size: 12px; color: var(--muted); }
ul.warnings li { padding: 4px 0; border-top: 1px solid #eef0f3; }
.warning-link { font-weight: 600; white-space: nowrap; }
.code { font-family: ui-monospace, monospace; font-size: 12px; background: #fff4d6; padding: 0 4px; }
.nopage { color: var(--muted); font-size: 12px; }
.none { color: var(--muted); margin: 0; }
#legend label { display: block; cursor: pointer; }
.swatch { display: inline-block; width: 14px; height: 10px; border: 2px solid; margin: 0 6px 0 2px; }
#pages > h2 { margin-top: 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
figure.page { margin: 0; background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--doc, #bbb);
              border-radius: 4px; padding: 4px; cursor: zoom-in; }
figure.page:hover { outline: 2px solid var(--accent); }
figure.page.blank { opacity: .55; }
figcaption { font-size: 11px; color: var(--muted); padding-top: 3px; }
.sheet { position: relative; width: 100%; background: #fafafa; overflow: hidden; }
.sheet img { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.sheet svg.overlay { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.box { fill: none; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
.box.furniture { stroke: #d62728; } .box.line { stroke: #1f77b4; stroke-opacity: .55; }
.box.table { stroke: #2ca02c; stroke-width: 2; } .box.document { stroke: #ff7f0e; fill: #ff7f0e; fill-opacity: .25; }
.box.item { stroke: #9467bd; stroke-width: 1.6; }
.label { font: 7px sans-serif; paint-order: stroke; stroke: #fff; stroke-width: 2px; }
.label.furniture { fill: #d62728; } .label.table { fill: #2ca02c; } .label.document { fill: #b35300; }
.label.item { fill: #6b3fa0; } .label.line { display: none; }
body.hide-furniture .furniture, body.hide-line .line, body.hide-table .table, body.hide-document .document,
body.hide-item .item { display: none; }
.exempt-note, .error-note { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center;
                            justify-content: center; text-align: center; padding: 8px; }
.exempt-note { background: repeating-linear-gradient(45deg, #fbe9e9, #fbe9e9 8px, #fff 8px, #fff 16px);
               color: #9b1c1c; }
.exempt-note strong { font-size: 18px; letter-spacing: .05em; text-transform: uppercase; }
.error-note { color: #9b1c1c; font-size: 12px; }
#viewer { position: fixed; inset: 0; background: #2b3038; z-index: 10; display: flex;
          flex-direction: column; }
#viewer[hidden] { display: none; }
.viewer-bar { display: flex; align-items: center; gap: 12px; padding: 10px 20px; background: #fff; }
.viewer-bar h2 { margin: 0; flex: 1; font-size: 16px; }
.viewer-close { font: inherit; padding: 4px 12px; cursor: pointer; }
.viewer-pages { overflow: auto; padding: 20px; flex: 1; }
.viewer-pages figure.page { max-width: 1000px; margin: 0 auto 20px; cursor: default; }
.viewer-pages figure.page.focus { outline: 3px solid #ffbf47; }
.viewer-pages .label { font-size: 6px; }
@media (max-width: 800px) { #layout { grid-template-columns: 1fr; } #side { position: static; max-height: none; } }
"""

JS = r"""
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const byPage = new Map(data.pages.map(p => [p.n, p]));
  const NS = 'http://www.w3.org/2000/svg';
  // what a test (or a curious reader) can ask the page: images loaded or failed so far
  const state = window.packReview = {pages: data.pages.length, loaded: new Set(), failed: new Set(), open: null};
  const src = p => 'data:image/' + data.image_format + ';base64,' + p.img;

  function drawBoxes(svg, p, labels) {
    svg.setAttribute('viewBox', '0 0 ' + p.w + ' ' + p.h);
    svg.setAttribute('preserveAspectRatio', 'none');
    for (const [x0, top, x1, bottom, cat, label] of p.boxes || []) {
      const r = document.createElementNS(NS, 'rect');
      r.setAttribute('x', x0); r.setAttribute('y', top);
      r.setAttribute('width', Math.max(0.5, x1 - x0)); r.setAttribute('height', Math.max(0.5, bottom - top));
      r.setAttribute('class', 'box ' + cat);
      if (label) {
        const t = document.createElementNS(NS, 'title'); t.textContent = label; r.appendChild(t);
      }
      svg.appendChild(r);
      if (label && labels) {
        const t = document.createElementNS(NS, 'text');
        t.setAttribute('x', x0); t.setAttribute('y', Math.max(7, top - 1.5));
        t.setAttribute('class', 'label ' + cat); t.textContent = label;
        svg.appendChild(t);
      }
    }
  }

  function fill(fig, labels) {
    if (fig.dataset.filled) return;
    fig.dataset.filled = '1';
    const p = byPage.get(Number(fig.dataset.page));
    const img = fig.querySelector('img');
    if (img && p.img) {
      img.addEventListener('load', () => { state.loaded.add(p.n); fig.classList.add('loaded'); }, {once: true});
      img.addEventListener('error', () => { state.failed.add(p.n); fig.classList.add('failed'); }, {once: true});
      img.src = src(p);
    }
    const svg = fig.querySelector('svg.overlay');
    if (svg) drawBoxes(svg, p, labels);
  }

  function watcher(root, labels) {
    return new IntersectionObserver(entries => {
      for (const entry of entries) {
        if (entry.isIntersecting) { fill(entry.target, labels); entry.target.__watch.unobserve(entry.target); }
      }
    }, {root, rootMargin: '800px 0px'});
  }

  const grid = watcher(null, false);
  for (const fig of document.querySelectorAll('#pages figure.page')) { fig.__watch = grid; grid.observe(fig); }

  const viewer = document.getElementById('viewer');
  const vpages = viewer.querySelector('.viewer-pages');
  const vtitle = document.getElementById('viewer-title');
  let large = null;

  function figureFor(n, focus) {
    const thumb = document.getElementById('p' + n);
    const fig = thumb.cloneNode(true);
    fig.removeAttribute('id'); fig.removeAttribute('data-open'); delete fig.dataset.filled;
    fig.classList.remove('loaded');
    fig.dataset.large = '1';
    if (n === focus) fig.classList.add('focus');
    const img = fig.querySelector('img'); if (img) img.removeAttribute('src');
    const svg = fig.querySelector('svg.overlay'); if (svg) svg.replaceChildren();
    return fig;
  }

  function openPages(first, last, title, focus) {
    if (large) large.disconnect();
    large = watcher(vpages, true);
    vpages.replaceChildren();
    vtitle.textContent = title + ' — ' + (first === last ? 'p. ' + first : 'pp. ' + first + '–' + last);
    let target = null;
    for (let n = first; n <= last; n++) {
      if (!byPage.has(n)) continue;
      const fig = figureFor(n, focus);
      fig.__watch = large;
      vpages.appendChild(fig);
      if (n === focus) target = fig;
    }
    viewer.hidden = false;
    document.body.classList.add('viewing');
    state.open = {first, last, focus};
    for (const fig of vpages.children) large.observe(fig);
    vpages.scrollTop = 0;
    if (target && focus !== first) target.scrollIntoView({block: 'start'});
    viewer.querySelector('.viewer-close').focus({preventScroll: true});
    history.replaceState(null, '', '#view=' + first + '-' + last + (focus ? ':' + focus : ''));
  }

  function closeViewer() {
    if (viewer.hidden) return;
    viewer.hidden = true;
    document.body.classList.remove('viewing');
    if (large) { large.disconnect(); large = null; }
    vpages.replaceChildren();
    state.open = null;
    history.replaceState(null, '', '#top');
  }

  document.addEventListener('click', event => {
    const el = event.target.closest('[data-open]');
    if (!el || viewer.contains(el)) return;
    event.preventDefault();
    const [first, last] = el.dataset.open.split('-').map(Number);
    const focus = el.dataset.focus ? Number(el.dataset.focus) : first;
    openPages(first, last || first, el.dataset.title || '', focus);
  });
  viewer.querySelector('.viewer-close').addEventListener('click', closeViewer);
  viewer.addEventListener('click', event => { if (event.target === viewer || event.target === vpages) closeViewer(); });
  document.addEventListener('keydown', event => { if (event.key === 'Escape') closeViewer(); });

  for (const box of document.querySelectorAll('#legend input[data-category]')) {
    box.addEventListener('change', () => document.body.classList.toggle('hide-' + box.dataset.category, !box.checked));
  }

  const m = /^#view=(\d+)-(\d+)(?::(\d+))?$/.exec(location.hash);
  if (m) openPages(Number(m[1]), Number(m[2]), 'Pages', Number(m[3] || m[1]));
})();
"""
