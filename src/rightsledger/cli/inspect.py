"""rightsledger sources, search, show: look at what the ledger holds."""

from __future__ import annotations

import re

import typer
from rich.markup import escape
from rich.table import Table

from rightsledger.cli.common import Format, open_ledger, out, print_json, split_ledger
from rightsledger.domain import Source
from rightsledger.evidence.readers import ocr
from rightsledger.extract.ledger import notes_of
from rightsledger.search import Hit, SearchFilters
from rightsledger.search import search as run_search

_LIST_FIELDS = ("id", "kind", "language", "published", "publisher", "title", "original_name",
                "media_type", "size", "dup_group")


def _summary(s: Source) -> dict:
    return {k: getattr(s, k) for k in _LIST_FIELDS}


WIDE = 120  # columns from which a source fits on one line with a readable title
_FACTS = (("published", 10), ("lang", 4), ("kind", 14), ("publisher", 0))


def _table(rows: list[Source]) -> Table:
    """One line per source in a wide terminal, the title taking the room the others leave;
    in a narrower one the title gets a line of its own under the source's facts."""
    wide = out.width >= WIDE
    table = Table(box=None, header_style="bold", pad_edge=False, expand=wide)
    table.add_column("id", width=12, min_width=12, no_wrap=True)
    if wide:
        for name, _ in _FACTS:
            table.add_column(name, no_wrap=True, overflow="ellipsis",
                             ratio=1 if name == "publisher" else None)
        table.add_column("title", ratio=3, no_wrap=True, overflow="ellipsis")
    else:
        table.add_column(_facts_line([name for name, _ in _FACTS]) + " / title",
                         no_wrap=True, overflow="ellipsis", max_width=out.width - 14)
    for s in rows:
        cells = [s.published or "-", s.language or "-", s.kind, s.publisher or "-"]
        title = s.title or s.original_name
        if wide:
            table.add_row(*[escape(c) for c in (s.short_id, *cells, title)])
        else:
            table.add_row(escape(s.short_id), escape(_facts_line(cells)))
            table.add_row("", f"[bold]{escape(title)}[/bold]")
    return table


def _facts_line(cells: list[str]) -> str:
    return "  ".join(c.ljust(width) for c, (_, width) in zip(cells, _FACTS, strict=True))


def _hit_lines(hit: Hit) -> list[str]:
    s = hit.source
    facts = " · ".join(x for x in (s.kind, s.language, s.published, s.publisher) if x)
    return [f"[bold cyan]{s.short_id}[/bold cyan]  {escape(s.title or s.original_name)}",
            f"  [dim]{escape(facts)}[/dim]", f"  {_marks_to_rich(hit.snippet)}", ""]


def sources(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    duplicates: bool = typer.Option(False, "--duplicates", help="List near-duplicate groups."),
    kind: str = typer.Option(None, help="Only this source kind."),
    lang: str = typer.Option(None, "--lang", help="Only this language code."),
    limit: int = typer.Option(100, help="At most this many sources (newest first)."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """List sources, newest first, or the groups of near-duplicates.

    Example: rightsledger sources ./ledger --duplicates
    """
    with open_ledger(folder) as ledger:
        if duplicates:
            groups = ledger.store.duplicate_groups()
        else:
            rows = ledger.store.list_sources(kind=kind, language=lang, limit=limit)
    if duplicates:
        _print_groups(groups, fmt)
    elif fmt is Format.json:
        print_json([_summary(s) for s in rows])
    else:
        out.print(_table(rows))


def _print_groups(groups: dict[str, list[Source]], fmt: Format) -> None:
    if fmt is Format.json:
        print_json([{"group": g, "sources": [_summary(s) for s in members]}
                    for g, members in groups.items()])
        return
    if not groups:
        out.print("no near-duplicate groups")
    for g, members in groups.items():
        out.print(f"group {g[:12]} ({len(members)} sources)")
        out.print(_table(members))


def search(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] QUERY",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then words; "
                                          "\"quoted phrases\" match exactly."),
    lang: str = typer.Option(None, "--lang", help="Only sources in this language."),
    kind: str = typer.Option(None, help="Only this source kind."),
    date_from: str = typer.Option(None, "--from", help="Published on or after YYYY-MM-DD."),
    date_to: str = typer.Option(None, "--to", help="Published on or before YYYY-MM-DD."),
    limit: int = typer.Option(20, help="At most this many results."),
    count: bool = typer.Option(False, "--count", help="Also count every match (slower)."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Full-text search over sources: diacritics and case do not matter, words match as
    prefixes (so inflected forms are found), results come with highlighted snippets.

    Example: rightsledger search ./ledger "Lachin corridor gas" --from 2022-12-12 --to 2023-03-21
    """
    folder, words = split_ledger(args, "search words")
    filters = SearchFilters.checked(language=lang, kind=kind, date_from=date_from,
                                    date_to=date_to, fields={"language": "--lang",
                                                             "kind": "--kind",
                                                             "date_from": "--from",
                                                             "date_to": "--to"})
    with open_ledger(folder) as ledger:
        result = run_search(ledger.store, " ".join(words), filters, limit=limit,
                            cap=ledger.settings["search_candidate_cap"], count=count)
    if fmt is Format.json:
        print_json({"total": result.total, "hits": [
            {**_summary(h.source), "snippet": h.snippet} for h in result.hits]})
        return
    for hit in result.hits:
        for line in _hit_lines(hit):
            out.print(line, markup=True)
    total = f" of {result.total}" if result.total is not None else ""
    out.print(f"{len(result.hits)}{total} result(s)")


def _marks_to_rich(snippet: str) -> str:
    import html

    parts = re.split(r"(<mark>.*?</mark>)", snippet)
    return "".join(f"[bold yellow]{escape(html.unescape(p[6:-7]))}[/bold yellow]"
                   if p.startswith("<mark>") else escape(html.unescape(p)) for p in parts)


def show(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] SOURCE_ID",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a source "
                                          "id or its first characters (at least 6)."),
    full: bool = typer.Option(False, "--full", help="Print the whole text."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Show one source: metadata, text and custody history.

    Example: rightsledger show ./ledger 3f2a9c81d0e4
    """
    folder, (ref, *_) = split_ledger(args, "a source id")
    with open_ledger(folder) as ledger:
        source = ledger.store.get_source(ref)
        history = list(ledger.store.custody(source.id))
        notes = notes_of(ledger, source.id)
    if fmt is Format.json:
        print_json({"source": source, "custody": history, "notes": notes})
        return
    for key in ("id", "kind", "title", "publisher", "author", "published", "language", "url",
                "original_name", "media_type", "size", "reader", "captured_at", "ingested_at",
                "dup_group"):
        value = getattr(source, key)
        if value not in (None, ""):
            out.print(f"[bold]{key:>14}[/bold]  {escape(str(value))}", markup=True)
    for key, value in source.meta.items():
        if key == "ocr":  # a sentence, not the per-page dictionary
            value = ocr.describe(source.meta)
        out.print(f"[bold]{key:>14}[/bold]  {escape(str(value))}", markup=True)
    for note in notes:  # from extraction and proposal: text cut, candidates not proposed
        out.print(f"[bold]{'note':>14}[/bold]  {escape(note)}", markup=True)
    text = source.text if full or len(source.text) <= 2000 else source.text[:2000] + " …"
    out.print("\n[bold]text[/bold]", markup=True)
    out.print(escape(text) or "(no text)")
    out.print("\n[bold]custody[/bold]", markup=True)
    for e in history:
        out.print(f"  #{e.seq} {e.at} {escape(e.actor)} {e.action} "
                  f"{escape(str(e.details.get('path', '')))}")


def register(app: typer.Typer) -> None:
    app.command()(sources)
    app.command()(search)
    app.command()(show)
