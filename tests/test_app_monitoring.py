"""Monitoring in the app: certifications with their reminders, dashboard, targets, ecosystem, report."""

from __future__ import annotations

import datetime as dt

from desk.records import organisations
from desk.work import certifications, followups, targets
from screens.app import make_app
from screens.certification_form import CertificationFormScreen
from screens.dashboard import DashboardScreen
from screens.ecosystem import EcosystemScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.organisations import OrganisationsScreen
from screens.report import ReportScreen
from screens.widgets.row_list import RowList
from tests.pilot_helpers import settle, static_text, type_text, visible_rows

TODAY = dt.date(2026, 11, 23)
SIZE = (160, 50)


def cell_texts(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_certification_expiry_creates_a_followup_and_shows_on_the_dashboard(ws, config_path) -> None:
    org = organisations.create_organisation(ws, {"name": "Schoonmaakbedrijf Glans"})
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(OrganisationDetailScreen(org.id))
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CertificationFormScreen)
        badge = next(k for k in certifications.kinds(ws) if k.name == "SROI-badge")
        app.screen.query_one("#kind").value = badge.id
        app.screen.query_one("#status").value = "behaald"
        await pilot.click("#obtained_on")
        await type_text(pilot, "20-12-2025")
        await pilot.pause()
        assert "20 dec 2025" in static_text(pilot, "#obtained_on-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert cell_texts(app, "#certifications")[0][:4] == ["SROI-badge", "behaald", "20-12-2025", "20-12-2026"]

        [reminder] = followups.open_followups(ws, organisation_id=org.id)
        assert reminder.title == "SROI-badge van Schoonmaakbedrijf Glans verloopt op zo 20 dec 2026"
        assert reminder.due_date == dt.date(2026, 11, 23)  # 30 days before, but never in the past
        await pilot.press("escape")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert cell_texts(app, "#expiring") == [["20-12-2026", "Schoonmaakbedrijf Glans", "SROI-badge"]]
        assert static_text(pilot, "#count-today") == "1"


async def test_organisations_filter_by_certification_and_status(ws, config_path) -> None:
    label = next(k for k in certifications.kinds(ws) if k.name == "Label Ondernemen met impact")
    for name, status in (("Aan de slag BV", "aan de slag"), ("Behaald BV", "behaald"), ("Zonder BV", None)):
        org = organisations.create_organisation(ws, {"name": name})
        if status:
            certifications.save_certification(ws, organisation_id=org.id, kind_id=label.id, status=status,
                                              obtained_on=TODAY if status == "behaald" else None, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        app.screen.query_one("#kind").value = label.id
        await settle(pilot)
        assert [r.split("  ")[0] for r in visible_rows(app.screen.query_one(RowList))] == ["Aan de slag BV",
                                                                                         "Behaald BV"]
        app.screen.query_one("#status").value = "behaald"
        await settle(pilot)
        assert [r.split("  ")[0] for r in visible_rows(app.screen.query_one(RowList))] == ["Behaald BV"]


async def test_targets_from_the_palette_and_on_the_dashboard(ws, config_path) -> None:
    org = organisations.create_organisation(ws, {"name": "Partner", "is_partner": True,
                                                 "ecosystem_domains": ["Netwerk"]})
    assert org.is_partner
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "doelen")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#metric").value = "partners"
        await pilot.click("#value")
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert cell_texts(app, "#targets")[0][:3] == ["Partners in het ecosysteem", "4", "1"]
        await pilot.press("escape")
        await settle(pilot)
        app.screen.load()
        await settle(pilot)
        assert "1/4" in static_text(pilot, "#targets")
    assert [t.metric for t in targets.targets_for(ws, 2026)] == ["partners"]


async def test_ecosystem_flags_empty_domains_and_counts_referrals(ws, config_path) -> None:
    organisations.create_organisation(ws, {"name": "Fonds", "is_partner": True, "ecosystem_domains": ["Financiering"]})
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EcosystemScreen)
        rows = [row[0] for row in cell_texts(app, "#ecosystem")]
        assert "Financiering (1)" in rows and "    Fonds" in rows
        assert "Netwerk — geen partners" in rows
        assert "1 van 6 domeinen" in static_text(pilot, "#ecosystem-summary")


async def test_report_screen_shows_figures_and_writes_html(ws, config_path) -> None:
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "Periode 01-01-2026 t/m 23-11-2026" in static_text(pilot, "#report-text")
        await pilot.press("h")
        await settle(pilot)
    [page] = (ws.path.parent / "exports").glob("voortgangsrapportage-20260101-20261123.html")
    assert "<h1>Voortgangsrapportage" in page.read_text(encoding="utf-8")
