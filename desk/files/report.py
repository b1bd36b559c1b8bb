"""The progress report (voortgangsrapportage) for a period: figures only, never person names.

``build_report`` gathers the figures; ``to_markdown`` and ``to_html`` lay them out. The HTML page
draws its bar charts as inline SVG: no scripts, nothing fetched from a network.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from desk.core import settings
from desk.core.workspace import Workspace
from desk.toolbox import workbook
from desk.work import certifications, referrals, targets

Counts = list[tuple[str, int]]


@dataclass
class Report:
    organisation_name: str
    date_from: dt.date
    date_to: dt.date
    targets: list[targets.Realisation]
    contacts_total: int
    by_channel: Counts
    by_theme: Counts
    by_sdg: Counts
    by_need: Counts
    referrals: list[referrals.TargetFigures]
    events: list[tuple[str, dt.date, int]]
    certifications: dict[str, dict[str, int]]
    toolbox: list[tuple[str, int, int]] = field(default_factory=list)  # theme, done, total


def _counts(ws: Workspace, sql: str, params: list) -> Counts:
    with ws.read() as db:
        return [(str(label), count) for label, count in db.execute(sql, params).fetchall()]


def build_report(ws: Workspace, date_from: dt.date, date_to: dt.date) -> Report:
    if date_to < date_from:
        raise ValueError("De einddatum ligt voor de begindatum.")
    start, end = targets.period_bounds(date_from, date_to)
    in_period = "c.deleted_at IS NULL AND c.occurred_at >= ? AND c.occurred_at < ?"
    live_org = "JOIN organisations o ON o.id = c.organisation_id AND o.deleted_at IS NULL"
    with ws.read() as db:
        contacts_total = db.execute(f"SELECT count(*) FROM contacts c {live_org} WHERE {in_period}",
                                    [start, end]).fetchone()[0]
    by_channel = _counts(ws, f"""SELECT t.label, count(*) FROM contacts c {live_org}
        JOIN terms t ON t.id = c.channel_id WHERE {in_period} GROUP BY t.label ORDER BY 2 DESC, 1""", [start, end])
    by_theme = _counts(ws, f"""SELECT t.label, count(*) FROM contacts c {live_org}
        JOIN organisation_terms ot ON ot.organisation_id = c.organisation_id
        JOIN terms t ON t.id = ot.term_id AND t.kind = 'theme'
        WHERE {in_period} GROUP BY t.label ORDER BY 2 DESC, 1""", [start, end])
    by_sdg = _counts(ws, f"""SELECT 'SDG ' || s.sdg, count(*) FROM contacts c {live_org}
        JOIN organisation_sdgs s ON s.organisation_id = c.organisation_id
        WHERE {in_period} GROUP BY s.sdg ORDER BY s.sdg""", [start, end])
    by_need = _counts(ws, f"""SELECT t.label, count(*) FROM contacts c {live_org}
        JOIN contact_needs cn ON cn.contact_id = c.id JOIN terms t ON t.id = cn.term_id
        WHERE {in_period} GROUP BY t.label ORDER BY 2 DESC, 1""", [start, end])
    with ws.read() as db:
        events = [(name, dt.date.fromisoformat(day), intakes) for name, day, intakes in db.execute(
            """SELECT e.name, e.date, count(c.id) FROM events e
               LEFT JOIN contacts c ON c.event_id = e.id AND c.deleted_at IS NULL
               WHERE e.deleted_at IS NULL AND e.date >= ? AND e.date <= ?
               GROUP BY e.id ORDER BY e.date""", [date_from.isoformat(), date_to.isoformat()]).fetchall()]
    content = workbook.content_for(ws)
    _, per_theme, _ = workbook.progress(content, workbook.answers(ws, workbook.current_round(ws).id))
    return Report(
        organisation_name=settings.organisation_name(ws) or "",
        date_from=date_from, date_to=date_to,
        targets=[targets.realisation(ws, t, date_from, date_to) for t in targets.targets_for(ws, date_to.year)],
        contacts_total=contacts_total, by_channel=by_channel, by_theme=by_theme, by_sdg=by_sdg, by_need=by_need,
        referrals=referrals.figures_per_target(ws, start, end),
        events=events, certifications=certifications.counts(ws, date_to),
        toolbox=[(theme.title, per_theme[theme.id].done, per_theme[theme.id].total) for theme in content.themes],
    )


# --- text helpers --------------------------------------------------------------------------------

def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _target_value(realisation: targets.Realisation, value: float) -> str:
    return _number(value) + (" %" if realisation.target.is_percentage else "")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _median(figures: referrals.TargetFigures) -> str:
    return "—" if figures.median_days_to_land is None else _number(figures.median_days_to_land)


def _title(report: Report) -> str:
    return f"Voortgangsrapportage impact ondernemen{' — ' + report.organisation_name if report.organisation_name else ''}"


def _period(report: Report) -> str:
    return f"{report.date_from:%d-%m-%Y} t/m {report.date_to:%d-%m-%Y}"


def _breakdowns(report: Report) -> list[tuple[str, str, Counts]]:
    return [("Per kanaal", "Kanaal", report.by_channel), ("Per thema", "Thema", report.by_theme),
            ("Per SDG", "SDG", report.by_sdg), ("Per ondersteuningsvraag", "Vraag", report.by_need)]


# --- Markdown ------------------------------------------------------------------------------------

def _md_cell(text: str) -> str:
    """A stored name in a table cell: a `|` would end the cell, a line break the row."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["_Geen gegevens in deze periode._", ""]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *["| " + " | ".join(map(_md_cell, row)) + " |" for row in rows], ""]


def to_markdown(report: Report) -> str:
    lines = [f"# {_title(report)}", "", f"Periode: {_period(report)}", ""]
    lines += ["## Doelen en realisatie", ""]
    lines += _md_table(["Activiteit", f"Doel {report.date_to.year}", "Realisatie", "Gerealiseerd"],
                       [[r.target.label, _target_value(r, r.target.value), _target_value(r, r.realised),
                         f"{r.share:.0%}"] for r in report.targets])
    lines += ["## Contactmomenten", "", f"Totaal: {_number(report.contacts_total)}", ""]
    for title, column, counts in _breakdowns(report):
        lines += [f"### {title}", ""] + _md_table([column, "Aantal"], [[label, _number(n)] for label, n in counts])
    lines += ["## Doorverwijzingen per afdeling en partner", ""]
    lines += _md_table(["Doel", "Soort", "Doorverwijzingen", "Lopend", "Geland", "Aandeel geland",
                        "Mediaan dagen tot geland"],
                       [[f.target_name, f.kind, str(f.referrals), str(f.open), str(f.landed), _share(f.landed, f.closed),
                         _median(f)] for f in report.referrals])
    lines += ["## Evenementen", ""]
    lines += _md_table(["Evenement", "Datum", "Intakes"],
                       [[name, f"{day:%d-%m-%Y}", str(n)] for name, day, n in report.events])
    lines += ["## Keurmerken en labels", ""]
    lines += _md_table(["Keurmerk", *[s for s in certifications.STATUSES]],
                       [[kind, *[str(per[s]) for s in certifications.STATUSES]]
                        for kind, per in sorted(report.certifications.items())])
    lines += ["## Toolbox", ""]
    lines += _md_table(["Thema", "Afgerond", "Voortgang"],
                       [[theme, f"{done} van {total}", _share(done, total)] for theme, done, total in report.toolbox])
    return "\n".join(lines).rstrip() + "\n"


# --- HTML with inline SVG bars -------------------------------------------------------------------

def svg_bars(counts: Counts, width: int = 560) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return "<p><em>Geen gegevens in deze periode.</em></p>"
    # About 7 px per character of 12 px text; long labels (event names) widen the chart.
    label_width = min(max(len(label) for label, _ in counts) * 7 + 12, 360)
    width = max(width, label_width + 320)
    bar_width, row = width - label_width - 60, 22
    top = max(n for _, n in counts) or 1
    parts = [f'<svg role="img" width="{width}" height="{row * len(counts) + 4}" '
             f'viewBox="0 0 {width} {row * len(counts) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for index, (label, n) in enumerate(counts):
        y = index * row + 2
        length = max(round(bar_width * n / top), 1 if n else 0)
        parts += [f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">{html.escape(label)}</text>',
                  f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="15" fill="#1f5f8b"/>',
                  f'<text x="{label_width + length + 6}" y="{y + 15}" font-size="12">{_number(n)}</text>']
    parts.append("</svg>")
    return "".join(parts)


def _svg_progress(share: float, width: int = 160) -> str:
    filled = round(width * min(share, 1.0))
    return (f'<svg width="{width}" height="14" xmlns="http://www.w3.org/2000/svg">'
            f'<rect width="{width}" height="14" fill="#e4e9ee"/><rect width="{filled}" height="14" fill="#2e7d4f"/></svg>')


_CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1f5f8b; margin-top: 2rem; }
h3 { font-size: 1.05rem; } table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .25rem .7rem; border-bottom: 1px solid #d6dde3; }
td.num, th.num { text-align: right; } .meta { color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
"""


def _html_table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    if not rows:
        return "<p><em>Geen gegevens in deze periode.</em></p>"
    cell = lambda tag, i, text: f'<{tag}{" class=num" if i >= numeric_from else ""}>{html.escape(text)}</{tag}>'  # noqa: E731
    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: Report) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="nl"><head><meta charset="utf-8">', f"<title>{e(_title(report))}</title>",
             f"<style>{_CSS}</style></head><body>", f"<h1>{e(_title(report))}</h1>",
             f'<p class="meta">Periode: {_period(report)}</p>', "<h2>Doelen en realisatie</h2>"]
    if report.targets:
        rows = "".join(
            f"<tr><td>{e(r.target.label)}</td><td class=num>{_target_value(r, r.target.value)}</td>"
            f"<td class=num>{_target_value(r, r.realised)}</td><td>{_svg_progress(r.share)} {r.share:.0%}</td></tr>"
            for r in report.targets)
        parts.append(f"<table><thead><tr><th>Activiteit</th><th class=num>Doel {report.date_to.year}</th>"
                     f"<th class=num>Realisatie</th><th>Gerealiseerd</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        parts.append("<p><em>Er zijn voor dit jaar nog geen doelen ingesteld.</em></p>")
    parts += ["<h2>Contactmomenten</h2>", f"<p>Totaal: {_number(report.contacts_total)}</p>"]
    for title, _, counts in _breakdowns(report):
        parts += [f"<h3>{title}</h3>", svg_bars(counts)]
    parts += ["<h2>Doorverwijzingen per afdeling en partner</h2>", _html_table(
        ["Doel", "Soort", "Doorverwijzingen", "Lopend", "Geland", "Aandeel geland", "Mediaan dagen tot geland"],
        [[f.target_name, f.kind, str(f.referrals), str(f.open), str(f.landed), _share(f.landed, f.closed), _median(f)]
         for f in report.referrals], numeric_from=2)]
    parts += ["<h2>Evenementen</h2>", svg_bars([(f"{name} ({day:%d-%m-%Y})", n) for name, day, n in report.events])]
    parts += ["<h2>Keurmerken en labels</h2>", _html_table(
        ["Keurmerk", *certifications.STATUSES],
        [[kind, *[str(per[s]) for s in certifications.STATUSES]] for kind, per in sorted(report.certifications.items())])]
    parts += ["<h2>Toolbox</h2>", _html_table(
        ["Thema", "Afgerond", "Voortgang"],
        [[theme, f"{done} van {total}", _share(done, total)] for theme, done, total in report.toolbox])]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
