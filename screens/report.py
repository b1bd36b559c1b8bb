"""The progress report in the app: the same figures as the printed report, as terminal bars."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from desk.dates.phrases import parse_date
from desk.files import report
from desk.files.writing import exports_dir, write_file_privately
from screens import bars
from screens.base import DeskScreen
from screens.browser import deliver
from screens.literal import lines, literal


def report_text(rep: report.Report, width: int = 120) -> Text:
    """Headings in bold; every name in it (targets, themes, partners, events) is stored text. In a
    terminal narrower than 90 cells the bars are half as long, so that a line still fits."""
    def heading(title: str) -> tuple[str, str]:
        return title, "bold"

    bar_width, name_width = (24, 40) if width >= 90 else (12, 26)

    rows: list = [heading(f"Periode {rep.date_from:%d-%m-%Y} t/m {rep.date_to:%d-%m-%Y}"), "",
                  heading("Doelen en realisatie")]
    rows += [f"{r.target.label[:44]:<44} {bars.bar(r.share, bar_width)} {r.realised:g} van {r.target.value:g}"
             + (" %" if r.target.is_percentage else "") for r in rep.targets] or [("geen doelen", "dim")]
    rows += ["", heading(f"Contactmomenten: {rep.contacts_total}")]
    for title, counts in (("Per kanaal", rep.by_channel), ("Per thema", rep.by_theme), ("Per SDG", rep.by_sdg),
                          ("Per ondersteuningsvraag", rep.by_need)):
        rows += ["", heading(title), bars.bar_chart(counts, width=bar_width + 6)]
    rows += ["", heading("Doorverwijzingen per afdeling en partner")]
    for f in rep.referrals:
        share = "—" if f.share_landed is None else f"{f.share_landed:.0%}"
        median = "—" if f.median_days_to_land is None else f"{f.median_days_to_land:g} dagen"
        rows.append(f"{f.target_name[:name_width]:<{name_width}} {f.referrals:>3} verwezen, {f.landed:>3} geland ({share}), "
                    f"mediaan {median}")
    rows += ["", heading("Evenementen"), bars.bar_chart([(f"{n} {d:%d-%m}", c) for n, d, c in rep.events], width=bar_width + 6)]
    rows += ["", heading("Keurmerken en labels")]
    rows += [f"{kind[:32]:<32} " + ", ".join(f"{status} {count}" for status, count in per.items())
             for kind, per in sorted(rep.certifications.items())] or [("geen", "dim")]
    rows += ["", heading("Toolbox")]
    rows += [f"{theme[:32]:<32} {bars.bar(done / total if total else 0, bar_width)} {done} van {total}"
             for theme, done, total in rep.toolbox]
    return lines(rows)


class ReportScreen(DeskScreen):
    SUB_TITLE = "Rapportage"
    AUTO_FOCUS = "#report-body"
    BINDINGS = [
        Binding("p", "focus_period", "Periode", id="report.period", tooltip="Van en tot en met wijzigen"),
        Binding("m", "export('md')", "Markdown", id="report.markdown", tooltip="Rapport als Markdown-bestand"),
        Binding("h", "export('html')", "HTML", id="report.html", tooltip="Afdrukbaar rapport met grafieken"),
        Binding("escape", "focus_report", "Naar het rapport", show=False, id="report.body"),
    ]
    DEFAULT_CSS = """
    ReportScreen #period { height: 3; padding: 0 1; }
    ReportScreen #period Input { width: 30; }
    ReportScreen #period Static { width: 1fr; padding: 1 2; color: $text-muted; }
    ReportScreen #report-body { padding: 0 2; }
    """

    shown: report.Report | None = None

    def compose_body(self) -> ComposeResult:
        today = self.app.today()
        with Horizontal(id="period"):
            yield Input(f"1-1-{today.year}", placeholder="van", id="date_from")
            yield Input(today.strftime("%d-%m-%Y"), placeholder="tot en met", id="date_to")
            yield Static("", id="period-error")
        with VerticalScroll(id="report-body"):
            yield Static("", id="report-text")

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def period(self) -> tuple[dt.date, dt.date] | None:
        today = self.app.today()
        try:
            return (parse_date(self.query_one("#date_from", Input).value, today),
                    parse_date(self.query_one("#date_to", Input).value, today))
        except ValueError as exc:
            self.query_one("#period-error", Static).update(literal(str(exc)))
            return None

    @on(Input.Changed)
    def refresh_report(self) -> None:
        period = self.period()
        if period:
            self.query_one("#period-error", Static).update("")
            self.load(*period)

    @work(thread=True, exclusive=True, group="report")
    def load(self, date_from: dt.date, date_to: dt.date) -> None:
        try:
            rep = report.build_report(self.app.ws, date_from, date_to)
        except ValueError as exc:
            self.app.call_from_thread(self.query_one("#period-error", Static).update, literal(str(exc)))
            return
        self.app.call_from_thread(self._show, rep)

    def _show(self, rep: report.Report) -> None:
        self.shown = rep
        self.query_one("#report-text", Static).update(report_text(rep, self.size.width - 4))

    def on_resize(self) -> None:
        if self.shown is not None:
            self._show(self.shown)

    def action_focus_period(self) -> None:
        self.query_one("#date_from", Input).focus()

    def action_focus_report(self) -> None:
        self.query_one("#report-body").focus()

    @work(thread=True, exclusive=True, group="report-export")
    def action_export(self, fmt: str) -> None:
        period = self.app.call_from_thread(self.period)
        if not period:
            return
        rep = report.build_report(self.app.ws, *period)
        text = (report.to_markdown if fmt == "md" else report.to_html)(rep).encode("utf-8")
        target = exports_dir(self.app.ws) / f"voortgangsrapportage-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.{fmt}"
        write_file_privately(target, lambda stream: stream.write(text))
        delivered = self.app.call_from_thread(deliver, self.app, target)
        self.app.call_from_thread(self.notify, f"Rapport bewaard in {target}{delivered}", timeout=10, markup=False)
