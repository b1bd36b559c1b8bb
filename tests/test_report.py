"""The progress report: every figure checked against a count made here from the rows created."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desk.core.clock import LOCAL_TZ
from desk.files import report
from desk.records import contacts, departments, events, organisations, persons
from desk.toolbox import workbook
from desk.work import certifications, referrals, targets

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def at(month: int, day: int, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 11, 0, tzinfo=LOCAL_TZ)


@pytest.fixture
def data(ws):
    orgs = {
        "a": organisations.create_organisation(ws, {"name": "Atelier A", "themes": ["Circulaire economie"],
                                                    "sdgs": [8, 12]}),
        "b": organisations.create_organisation(ws, {"name": "Bakkerij B", "themes": ["Arbeidsparticipatie",
                                                                                      "Voedsel & landbouw"], "sdgs": [8]}),
        "c": organisations.create_organisation(ws, {"name": "Coöperatie C", "themes": ["Energietransitie"]}),
    }
    partner = organisations.create_organisation(ws, {"name": "MKB-fonds", "is_partner": True,
                                                     "ecosystem_domains": ["Financiering"]})
    persons.create_person(ws, {"name": "Geheime Naam", "email": "geheim@a.example", "organisation_ids": [orgs["a"].id]})
    fair = events.create_event(ws, {"name": "Beursvloer", "date": dt.date(2026, 3, 12), "place": "Rivierstad"})
    events.create_event(ws, {"name": "Najaarsborrel", "date": dt.date(2026, 10, 1)})
    rows = [  # organisation, when, channel, needs, event
        ("a", at(1, 10), "Gesprek", ["Financiering"], None),
        ("a", at(3, 12), "Evenement", ["Netwerk", "SROI"], fair.id),
        ("b", at(3, 12), "Evenement", ["Financiering"], fair.id),
        ("b", at(5, 2), "Telefoon", [], None),
        ("c", at(6, 30), "E-mail", ["Vergunningen"], None),
        ("c", at(7, 1), "Gesprek", ["Financiering"], None),  # after the period
        ("a", at(12, 20, 2025), "Gesprek", ["Netwerk"], None),  # before the period
    ]
    created = [(key, contacts.create_contact(ws, {"organisation_id": orgs[key].id, "occurred_at": when,
                                                  "channel": channel, "needs": needs, "event_id": event,
                                                  "notes": "Gesprek met Geheime Naam"}), channel, needs, when)
               for key, when, channel, needs, event in rows]
    [permits] = [d for d in departments.list_departments(ws) if d.name == "Vergunningen"]
    landed = referrals.create_referral(ws, organisation_id=orgs["c"].id, department_id=permits.id,
                                       question="Vergunning", at=at(2, 1))
    referrals.change_status(ws, landed.id, "doorgezet", at=at(2, 2), today=FROM)
    referrals.change_status(ws, landed.id, "geland", "Afspraak gehad", at=at(2, 12), today=FROM)
    failed = referrals.create_referral(ws, organisation_id=orgs["a"].id, partner_id=partner.id,
                                       question="Lening", at=at(3, 1))
    referrals.change_status(ws, failed.id, "doorgezet", at=at(3, 2), today=FROM)
    referrals.change_status(ws, failed.id, "niet gelukt", "Past niet", at=at(4, 1), today=FROM)
    referrals.create_referral(ws, organisation_id=orgs["b"].id, department_id=permits.id, question="Later",
                              at=at(8, 1))
    kinds = {k.name: k for k in certifications.kinds(ws)}
    label = kinds["Label Ondernemen met impact"]
    certifications.save_certification(ws, organisation_id=orgs["a"].id, kind_id=label.id, status="behaald",
                                      obtained_on=dt.date(2026, 2, 1), today=FROM)
    certifications.save_certification(ws, organisation_id=orgs["b"].id, kind_id=label.id, status="aan de slag",
                                      started_on=dt.date(2026, 1, 15), today=FROM)
    certifications.save_certification(ws, organisation_id=orgs["c"].id, kind_id=kinds["SROI-badge"].id,
                                      status="behaald", obtained_on=dt.date(2025, 1, 1), today=FROM)  # expired
    targets.set_target(ws, 2026, "contacts", 10)
    targets.set_target(ws, 2026, "landed_share", 80)
    targets.set_target(ws, 2026, "certification_obtained", 4, label.id)
    targets.set_target(ws, 2026, "certification_in_progress", 2, label.id)
    targets.set_target(ws, 2026, "event_intakes", 4)
    round_ = workbook.current_round(ws)
    first_module = workbook.content_for(ws).modules[0]
    for item in first_module.items[:3]:
        workbook.save_answer(ws, round_.id, item.id, status=workbook.DONE)
    in_period = [(key, c, channel, needs) for key, c, channel, needs, when in created if FROM <= when.date() <= TO]
    return {"orgs": orgs, "in_period": in_period}


def test_every_figure_matches_an_independent_count(ws, data) -> None:
    rep = report.build_report(ws, FROM, TO)
    in_period = data["in_period"]
    orgs = data["orgs"]
    assert rep.contacts_total == len(in_period) == 5
    assert dict(rep.by_channel) == dict(Counter(channel for _, _, channel, _ in in_period))
    expected_themes = Counter(theme for key, *_ in in_period for theme in orgs[key].themes)
    assert dict(rep.by_theme) == dict(expected_themes)
    expected_sdgs = Counter(f"SDG {sdg}" for key, *_ in in_period for sdg in orgs[key].sdgs)
    assert dict(rep.by_sdg) == dict(expected_sdgs)
    assert dict(rep.by_need) == dict(Counter(need for *_, needs in in_period for need in needs))
    assert rep.events == [("Beursvloer", dt.date(2026, 3, 12), 2)]

    by_target = {f.target_name: f for f in rep.referrals}
    assert set(by_target) == {"Vergunningen", "MKB-fonds"}  # the August referral is outside the period
    assert (by_target["Vergunningen"].landed, by_target["Vergunningen"].closed) == (1, 1)
    assert by_target["Vergunningen"].median_days_to_land == 10.0
    assert (by_target["MKB-fonds"].landed, by_target["MKB-fonds"].closed) == (0, 1)

    label = rep.certifications["Label Ondernemen met impact"]
    assert (label["behaald"], label["aan de slag"]) == (1, 1)
    assert rep.certifications["SROI-badge"]["verlopen"] == 1

    realised = {r.target.label: r.realised for r in rep.targets}
    assert realised == {"Contactmomenten": 5, "Doorverwijzingen geland (% van afgerond)": 50.0,
                        "Label Ondernemen met impact behaald": 1, "Aan de slag met Label Ondernemen met impact": 1,
                        "Intakes op evenementen": 2}
    assert rep.toolbox[0][1:] == (3, sum(len(m.items) for m in workbook.content_for(ws).modules if m.number in (1, 2)))


def test_report_files_hold_the_figures_and_no_person_names(ws, data) -> None:
    rep = report.build_report(ws, FROM, TO)
    markdown, page = report.to_markdown(rep), report.to_html(rep)
    for text in (markdown, page):
        assert "Geheime Naam" not in text and "geheim@a.example" not in text
        assert "01-01-2026 t/m 30-06-2026" in text and "Vergunningen" in text
    assert "| Contactmomenten | 10 | 5 | 50% |" in markdown
    assert page.count("<svg") >= 5 and "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_period_must_run_forward(ws) -> None:
    with pytest.raises(ValueError, match="einddatum"):
        report.build_report(ws, TO, FROM)


def test_a_pipe_in_a_stored_name_stays_inside_its_markdown_cell(ws) -> None:
    """An event named "Beurs | Zuid" split its row into one cell too many."""
    import re

    org = organisations.create_organisation(ws, {"name": "Atelier A"})
    fair = events.create_event(ws, {"name": "Beurs | Zuid", "date": dt.date(2026, 3, 12), "place": "Rivierstad"})
    contacts.create_contact(ws, {"organisation_id": org.id, "occurred_at": at(3, 12), "channel": "Evenement",
                                 "event_id": fair.id})
    markdown = report.to_markdown(report.build_report(ws, FROM, TO))
    [row] = [line for line in markdown.splitlines() if "Beurs" in line and "12-03-2026" in line]
    header = "| Evenement | Datum | Intakes |"
    cells = lambda line: len(re.split(r"(?<!\\)\|", line))  # noqa: E731 - the cells between unescaped pipes
    assert cells(row) == cells(header)
    assert "Beurs \\| Zuid" in row
