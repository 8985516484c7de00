"""How records are printed: one incident with its claims side by side, lines of lists."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from rightsledger.cli.common import out


def incident_line(row: dict[str, Any]) -> str:
    when = row["date_start"] or "?"
    if row["date_end"] != row["date_start"]:
        when += f"–{row['date_end'] or 'ongoing'}"
    grade = row.get("grade_override") or row.get("grade") or "-"
    places = ", ".join(row.get("place_names") or row.get("places") or []) or "-"
    return (f"[bold]#{row['id']:<3}[/bold] {row['type']:<25} {when:<23} {escape(places):<20} "
            f"{row['status']:<9} {grade}")


def print_incident(d: dict[str, Any]) -> None:
    out.print(incident_line(d), markup=True)
    if d["description"]:
        out.print(f"  {escape(d['description'])}")
    out.print(f"  rights: {', '.join(d['rights']) or '-'}")
    grade = d.get("grade_override") or d.get("grade")
    out.print(f"  grade: [bold]{grade}[/bold] — " + "; ".join(
        escape(r) for r in d["grade_reasons"]), markup=True)
    if d.get("match_id") and d["status"] == "proposed":
        out.print(f"  [yellow]may be the same as incident #{d['match_id']}[/yellow] "
                  f"(`rightsledger merge {d['id']} --into {d['match_id']}`)", markup=True)
    if d["status"] in ("rejected", "merged"):
        out.print(f"  {d['status']}: {escape(d.get('reason') or '')}"
                  f"{' into #' + str(d['merged_into']) if d.get('merged_into') else ''}")
    out.print(f"  claims: {escape(d['claims_side_by_side']) or '-'}")
    for s in d["sources"]:
        out.print(f"  [cyan]{s['id'][:12]}[/cyan] {escape(s['publisher'] or '-')} "
                  f"{s['published'] or ''} {escape(s['title'] or s['original_name'])}",
                  markup=True)
        for q in s["quotes"]:
            out.print(f"    “{escape(q['text'])}”")
    for a in d["acts"]:
        out.print(f"  act: {escape(a['by'] or '?')} {escape(a['act'])} "
                  f"{escape(a['target'] or '')}")
    for v in d["victims"]:
        out.print(f"  victim {v['pseudonym']}: {v['harm']}, {v['kind']}, {v['age_group']}, "
                  f"{v['sex']}, {v['status']}")
