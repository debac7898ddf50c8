"""The evaluation's tables on the console (rich): corpus, family and file scores, self-check rates with
their failing files, and the deltas against an older results file (`--compare`)."""

from __future__ import annotations

from typing import Any


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _f1_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 0.9 else "yellow" if value >= 0.6 else "red"


def field_table(title: str, totals: dict[str, dict[str, Any]]) -> Any:
    """One row per field: the counts and micro precision / recall / F1."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("field")
    for col in ("gold", "got", "tp", "precision", "recall", "F1"):
        table.add_column(col, justify="right")
    for name, t in totals.items():
        table.add_row(name, str(t["gold"]), str(t["got"]), str(t["tp"]), _fmt(t["precision"]),
                      _fmt(t["recall"]), f"[{_f1_style(t['f1'])}]{_fmt(t['f1'])}[/]")
    return table


def tables_table(part: dict[str, Any]) -> Any:
    """Tables over every gold file, shared and new pooled: detected, column count right and header cells
    (F1, with true positives / gold / found), in all and per family."""
    from rich.table import Table

    table = Table(title=f"Tables, all gold files together ({part['n_files']} files that annotate tables)",
                  title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("family")
    for col in ("tables detected", "columns right", "header cells"):
        table.add_column(col, justify="right")
    rows = [("[bold]all[/]", part["totals"]), *part["families"].items()]
    for name, totals in rows:
        cells = []
        for field in ("tables.detected", "tables.columns", "tables.header"):
            t = totals.get(field)
            cells.append("–" if t is None else
                         f"[{_f1_style(t['f1'])}]{_fmt(t['f1'])}[/] [dim]({t['tp']}/{t['gold']}/{t['got']})[/]")
        table.add_row(name, *cells)
    return table


def print_report(results: dict[str, Any], console: Any = None, misses: int = 3) -> None:
    """Shared gold: corpus table, one table per family, each file's errors and a few missed/extra
    items; then the same for the new gold (tests/gold/wild), then the self-checks."""
    from rich.console import Console

    console = console or Console()
    if results["n_files"]:
        _print_gold(results, f"Corpus: {results['n_files']} files, {results['n_errors']} errors, "
                             f"{results['wall_seconds']:.1f}s wall ({results['extract_seconds']:.1f}s extraction, "
                             f"{results['jobs']} jobs)", console, misses, "Family")
    wild = results.get("wild_gold")
    if wild is not None:
        console.print()
        console.rule(f"New gold ({wild['dir']}): scored apart from the shared gold")
        for note in wild.get("notes") or []:
            console.print(f"[yellow]note:[/] {note}", highlight=False)
        if wild["n_files"]:
            _print_gold(wild, f"New gold: {wild['n_files']} files, {wild['n_errors']} errors "
                              "(text_layer: false files scored with OCR)", console, misses, "New gold, family")
        else:
            console.print("[dim]no new gold files yet[/]")
    if results.get("tables_all_gold") and results["tables_all_gold"]["totals"]:
        console.print()
        console.print(tables_table(results["tables_all_gold"]))
    if results.get("selfchecks") is not None:
        console.print()
        print_selfchecks(results["selfchecks"], console, misses)
    if not results["n_files"] and wild is None and results.get("selfchecks") is None:
        console.print("[dim]nothing evaluated[/]")


def _print_gold(part: dict[str, Any], title: str, console: Any, misses: int, family_label: str) -> None:
    from rich.markup import escape

    console.print(field_table(title, part["totals"]))
    for fam, totals in part["families"].items():
        n = sum(1 for r in part["files"].values() if r["family"] == fam)
        console.print()
        console.print(field_table(f"{family_label} {fam} ({n} files)", totals))
    if misses <= 0:
        return
    console.print()
    console.rule("Per file: missed (-) and extra (+)")
    for name, r in part["files"].items():
        head = f"[bold]{escape(name)}[/] [dim]({r['family']}, {r['pdf_pages']} pages, {r['seconds']:.1f}s)[/]"
        console.print(head)
        if r["error"]:
            console.print(f"  [red]ERROR {escape(r['error'])}[/]")
        for fld in r["counts"]:
            missed, extra = r["missed"].get(fld, []), r["extra"].get(fld, [])
            if not missed and not extra:
                continue
            parts = []
            if missed:
                parts.append(f"[red]-{len(missed)}[/] " + escape(_few(missed, misses)))
            if extra:
                parts.append(f"[yellow]+{len(extra)}[/] " + escape(_few(extra, misses)))
            # soft_wrap: one line per field, never re-wrapped by rich (readable in logs and pipes)
            console.print(f"  {fld:<24} " + "  ".join(parts), soft_wrap=True)


def _rate_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 0.95 else "yellow" if value >= 0.8 else "red"


def _rate(value: float | None) -> str:
    return f"[{_rate_style(value)}]{_fmt(value)}[/]"


def _top_fails(per: dict[str, dict[str, Any]], n: int = 4) -> str:
    fails = sorted(((c, r["fail"]) for c, r in per.items() if c != "all" and r["fail"]), key=lambda x: -x[1])
    return ", ".join(f"{c} {k}" for c, k in fails[:n]) + (" …" if len(fails) > n else "")


def selfcheck_tables(sc: dict[str, Any]) -> list[Any]:
    """Per check, per council and per family tables of the self-checks."""
    from rich.table import Table

    tables = []
    errors = f", {sc['n_errors']} not extracted" if sc["n_errors"] else ""
    per_check = Table(title=f"Self-checks: {sc['n_files']} files ({', '.join(sc['folders'])}){errors}",
                      title_justify="left", show_edge=False, pad_edge=False)
    for col, justify in (("check", "left"), ("pass", "right"), ("fail", "right"), ("n/a", "right"),
                         ("pass rate", "right")):
        per_check.add_column(col, justify=justify)  # type: ignore[arg-type]
    for name, r in sc["checks"].items():
        label = "[bold]all checks[/]" if name == "all" else name
        per_check.add_row(label, str(r["pass"]), str(r["fail"]), str(r["na"]), _rate(r["rate"]))
    tables.append(per_check)
    files = sc["files"].values()
    for key, title in (("councils", "council"), ("families", "family")):
        field = "council" if key == "councils" else "family"
        t = Table(title=f"Self-checks per {title}", title_justify="left", show_edge=False, pad_edge=False)
        for col, justify in ((title, "left"), ("files", "right"), ("failing files", "right"),
                             ("pass", "right"), ("fail", "right"), ("pass rate", "right"),
                             ("failing checks (files)", "left")):
            t.add_column(col, justify=justify)  # type: ignore[arg-type]
        for group, per in sc[key].items():
            members = [f for f in files if str(f.get(field) or "unknown") == group]
            bad = sum(1 for f in members if any(r.get("status") == "fail" for r in (f.get("checks") or {}).values()))
            allr = per.get("all", {"pass": 0, "fail": 0, "rate": None})
            t.add_row(group, str(len(members)), str(bad), str(allr["pass"]), str(allr["fail"]),
                      _rate(allr["rate"]), _top_fails(per))
        tables.append(t)
    return tables


def print_selfchecks(sc: dict[str, Any], console: Any = None, misses: int = 3) -> None:
    """The self-check tables, then each failing file with its failing checks and first evidence."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console()
    for i, table in enumerate(selfcheck_tables(sc)):
        if i:
            console.print()
        console.print(table)
    if misses <= 0 or not sc["failing"]:
        return
    console.print()
    console.rule(f"Self-checks: {len(sc['failing'])} failing files (check, page, the line, why)")
    for f in sc["failing"]:
        console.print(f"[bold]{escape(f['file'])}[/] [dim]({escape(str(f['council']))})[/]", highlight=False)
        checks = sc["files"][f["file"]]["checks"]
        for c in f["checks"]:
            ev = checks[c].get("evidence") or []
            more = len(ev) - 1 + int(checks[c].get("more") or 0)
            e = ev[0] if ev else {}
            where = f"p.{e.get('page')}" if e.get("page") is not None else "    "
            text = f" \"{e['text']}\"" if e.get("text") else ""
            tail = f" [dim](+{more} more)[/]" if more > 0 else ""
            console.print(f"  [red]{c:<22}[/] {where:>5}{escape(text)} [dim]—[/] {escape(str(e.get('why', '')))}{tail}",
                          soft_wrap=True, highlight=False)


def _few(items: list[str], n: int) -> str:
    shown = "; ".join(i if len(i) <= 70 else i[:69] + "…" for i in items[:n])
    return shown + (f"; … {len(items) - n} more" if len(items) > n else "")


def print_compare(results: dict[str, Any], old: dict[str, Any], console: Any = None) -> None:
    """Per-field F1 now vs an older results file, so a change's effect shows at a glance."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title=f"F1 against {old.get('created', 'older run')}", title_justify="left",
                  show_edge=False, pad_edge=False)
    for col, justify in (("field", "left"), ("old F1", "right"), ("new F1", "right"), ("Δ", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    old_totals = old.get("totals", {})
    names = list(results["totals"]) + [n for n in old_totals if n not in results["totals"]]
    for name in names:
        new_f1 = results["totals"].get(name, {}).get("f1")
        old_f1 = old_totals.get(name, {}).get("f1")
        if new_f1 is None or old_f1 is None:
            delta = "–"
        else:
            d = new_f1 - old_f1
            style = "green" if d > 1e-9 else "red" if d < -1e-9 else "dim"
            delta = f"[{style}]{d:+.3f}[/]"
        table.add_row(name, _fmt(old_f1), _fmt(new_f1), delta)
    console.print(table)
    for key, title in (("wild_gold", "New gold"), ("tables_all_gold", "Tables, all gold")):
        new_part, old_part = results.get(key) or {}, old.get(key) or {}
        changed = _changed_fields(new_part, old_part)
        if changed:
            console.print()
            console.print(_delta_table(f"{title}: F1 against the older run (fields and families that changed)",
                                       changed))
    old_files, new_files = set(old.get("files", {})), set(results["files"])
    if old_files != new_files:
        console.print(f"[dim]files only in new run: {len(new_files - old_files)}, "
                      f"only in old run: {len(old_files - new_files)}[/]")
    if results.get("selfchecks") and old.get("selfchecks"):
        console.print()
        _compare_selfchecks(results["selfchecks"], old["selfchecks"], console)


def _changed_fields(new: dict[str, Any], old: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    """(label, old F1, new F1) of every field, in all and per family, whose F1 changed."""
    out = []
    groups = [("", new.get("totals", {}), old.get("totals", {}))]
    for fam in sorted(set(new.get("families", {})) | set(old.get("families", {}))):
        groups.append((f"{fam}: ", new.get("families", {}).get(fam, {}), old.get("families", {}).get(fam, {})))
    for prefix, n, o in groups:
        for name in list(n) + [k for k in o if k not in n]:
            a, b = o.get(name, {}).get("f1"), n.get(name, {}).get("f1")
            if a != b and not (a is not None and b is not None and abs(a - b) < 1e-9):
                out.append((prefix + name, a, b))
    return out


def _delta_table(title: str, rows: list[tuple[str, float | None, float | None]]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for col, justify in (("field", "left"), ("old F1", "right"), ("new F1", "right"), ("Δ", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for name, a, b in rows:
        if a is None or b is None:
            delta = "–"
        else:
            d = b - a
            delta = f"[{'green' if d > 0 else 'red'}]{d:+.3f}[/]"
        table.add_row(name, _fmt(a), _fmt(b), delta)
    return table


def _compare_selfchecks(new: dict[str, Any], old: dict[str, Any], console: Any) -> None:
    """Self-check pass rates now vs before, per council and per check, and the file/check pairs that
    started or stopped failing: what a rule written for one council did to all the others."""
    from rich.markup import escape
    from rich.table import Table

    def delta(a: float | None, b: float | None) -> str:
        if a is None or b is None:
            return "–"
        d = b - a
        return f"[{'green' if d > 1e-9 else 'red' if d < -1e-9 else 'dim'}]{d:+.3f}[/]"

    table = Table(title="Self-check pass rate against the older run", title_justify="left",
                  show_edge=False, pad_edge=False)
    for col, justify in (("council / check", "left"), ("old", "right"), ("new", "right"), ("Δ", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for council in sorted(set(new["councils"]) | set(old.get("councils", {}))):
        a = old.get("councils", {}).get(council, {}).get("all", {}).get("rate")
        b = new["councils"].get(council, {}).get("all", {}).get("rate")
        table.add_row(council, _fmt(a), _fmt(b), delta(a, b))
    for check in new["checks"]:
        a, b = old.get("checks", {}).get(check, {}).get("rate"), new["checks"][check]["rate"]
        table.add_row(f"[dim]check[/] {check}", _fmt(a), _fmt(b), delta(a, b))
    console.print(table)

    def fails(sc: dict[str, Any]) -> set[tuple[str, str]]:
        return {(f, c) for f, r in sc.get("files", {}).items() for c, v in (r.get("checks") or {}).items()
                if v.get("status") == "fail"}

    now, before = fails(new), fails(old)
    common = set(new.get("files", {})) & set(old.get("files", {}))
    for label, pairs, style in (("now failing", now - before, "red"), ("now passing", before - now, "green")):
        pairs = {p for p in pairs if p[0] in common}
        if pairs:
            console.print(f"[{style}]{label}[/]: " + escape(", ".join(f"{f} {c}" for f, c in sorted(pairs))),
                          soft_wrap=True)
