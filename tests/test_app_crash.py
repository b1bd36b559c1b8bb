"""An unexpected error ends the app with code 1 and one Dutch line, keeps what was typed and logs
the traceback beside the database; a failing part of the dashboard does not end the app at all.

The error is a real bug put into a desk/ service for the length of a test (it raises where it
would otherwise answer); the database and Textual are the real ones.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from desk.core.error_log import LOG_NAME
from desk.core.workspace import Workspace
from desk.records import contacts, terms
from desk.work import drafts
from screens import launch
from screens.confirm import ConfirmScreen
from screens.dashboard import DashboardScreen
from screens.intake import IntakeScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, type_text


class InjectedBug(RuntimeError):
    pass


def _needs_labels_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The intake looks up the known needs on every keystroke in 'Vragen'; make that a bug."""
    real = terms.labels

    def broken(ws, kind):
        if kind == terms.NEED:
            raise InjectedBug("kapotte lijst met vragen")
        return real(ws, kind)

    monkeypatch.setattr(terms, "labels", broken)


async def test_an_unexpected_error_keeps_the_intake_logs_and_exits_with_one_dutch_line(
        ws: Workspace, make_app, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # No timed draft before the bug, however slow the machine: the draft must come from the crash.
    monkeypatch.setattr("screens.intake_drafts.DRAFT_DELAY_SECONDS", 600)
    app = make_app()
    with pytest.raises(InjectedBug):  # run_test re-raises what ended the app, for the test to see
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await type_text(pilot, "Bakkerij Vos")
            await pilot.press("tab")
            await type_text(pilot, "Anna")
            await pilot.press("tab", "tab", "tab")  # to 'Vragen'; no draft was saved yet
            assert drafts.load_draft(ws, drafts.INTAKE) is None
            with monkeypatch.context() as patch:
                _needs_labels_fail(patch)
                await pilot.press("f")

    assert app.return_code == 1
    log = ws.path.parent / LOG_NAME
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "InjectedBug: kapotte lijst met vragen" in text
    assert "Desk 0." in text or "Desk onbekend" in text  # the version
    assert stat.S_IMODE(log.stat().st_mode) == 0o600

    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        launch.finish(app)
    assert ended.value.code == 1
    printed = capsys.readouterr().err.splitlines()
    assert len(printed) == 1
    assert str(log) in printed[0]
    assert "onverwachte fout" in printed[0] and "bewaard" in printed[0]
    assert "Traceback" not in printed[0]

    # The next start offers back what was typed (the keystroke that hit the bug included).
    again = make_app()
    async with again.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ConfirmScreen)
        assert "Bakkerij Vos" in again.screen.question
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(again.screen, IntakeScreen)
        assert again.screen.query_one("#organisation").value == "Bakkerij Vos"
        assert again.screen.query_one("#person_name").value == "Anna"
        assert again.screen.query_one("#needs").value == "f"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert not again.return_code and not again.crash_message
    assert contacts.count_contacts(ws) == 1
    assert drafts.load_draft(ws, drafts.INTAKE) is None


async def test_the_log_rotates_instead_of_growing_without_bound(ws: Workspace) -> None:
    from desk.core import error_log

    for number in range(400):
        try:
            raise InjectedBug("x" * 5000 + str(number))
        except InjectedBug as bug:
            path = error_log.record_error(ws.path, bug, "test")
    assert path.stat().st_size <= error_log.MAX_BYTES
    assert Path(f"{path}.1").stat().st_size <= error_log.MAX_BYTES
    assert "x" * 5000 + "399" in path.read_text(encoding="utf-8")


async def test_a_failing_part_of_the_dashboard_is_reported_and_the_app_goes_on(
        ws: Workspace, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise InjectedBug("beschadigde rij")

    monkeypatch.setattr(contacts, "list_contacts", broken)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        shown = [str(n.message) for n in app._notifications]
        assert any("niet geladen" in message and LOG_NAME in message for message in shown), shown
        await pilot.press("o")  # the app still answers keys
        await settle(pilot)
        assert app.screen.sub_title == "Organisaties"
    assert not app.return_code and not app.crash_message
    assert "InjectedBug: beschadigde rij" in (ws.path.parent / LOG_NAME).read_text(encoding="utf-8")


async def test_a_damaged_draft_does_not_stop_the_start(ws: Workspace, make_app) -> None:
    with ws.write() as db:
        db["drafts"].upsert({"kind": drafts.INTAKE, "data": "{niet af", "updated_at": "2026-12-01T10:00:00Z"},
                            pk="kind")
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Nieuwe Start")
        await pilot.pause(1.5)  # past the autosave delay
        await settle(pilot)
    assert drafts.load_draft(ws, drafts.INTAKE)["organisation"] == "Nieuwe Start"


async def test_a_contact_moment_with_a_damaged_time_shows_as_stored_and_the_dashboard_stays_whole(
        ws: Workspace, make_app) -> None:
    from desk.core import clock
    from desk.records import organisations
    from desk.work import targets
    from tests.pilot_helpers import screen_text

    org = organisations.create_organisation(ws, {"name": "Kringloop De Tweede Ronde"})
    contacts.create_contact(ws, {"organisation_id": org.id, "subject": "Kennismaking"})
    targets.set_target(ws, clock.today().year, "contacts", 10)
    with ws.write() as db:  # as a hand edit or a damaged sync would leave it
        db.execute("UPDATE contacts SET occurred_at = 'kapot'")
    for _ in range(2):  # and the next start too
        app = make_app()
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await settle(pilot)
            for _ in range(100):  # the dashboard fills from a worker; a loaded machine is slow
                shown = screen_text(app)
                if "Kennismaking" in shown:
                    break
                await pilot.pause(0.1)
            assert "kapot" in shown and "Kennismaking" in shown
            assert "Contactmomenten" in shown  # the goals below the recent moments are drawn too
        assert not app.return_code and not app.crash_message
    assert not (ws.path.parent / LOG_NAME).exists()
