"""What every main screen looks like at 80x24 and at 120x40, compared with the reviewed pictures in
``tests/__snapshots__/test_snapshots/`` (SVG: open one in a browser to look at it).

The demo data is loaded with the clock frozen and ids counted up (rows at the same moment keep their
order), the database sits at a relative path (the status bar shows it), and no text cursor blinks,
so that a picture changes only when the screen does. After a
change to a screen, look at the new pictures (``pytest tests/test_snapshots.py --snapshot-update``
writes them; ``git diff`` shows which) before committing them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from desk.core import clock
from desk.core.config import make_user, save_user
from desk.demo.loading import load_demo
from desk.work.opening import open_workspace
from tests.pilot_helpers import settle

MOMENT = dt.datetime(2026, 12, 2, 10, 0, tzinfo=clock.LOCAL_TZ)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def still(pilot: Pilot) -> None:
    """Workers done, and no cursor that is on in one picture and off in the next."""
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await settle(pilot)


def keys(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await still(pilot)

    return run


async def organisation_tab(pilot: Pilot, tab: str) -> None:
    await keys("o", "down", "down", "enter")(pilot)
    pilot.app.screen.query_one("#org-tabs").active = tab
    await still(pilot)


async def timeline(pilot: Pilot) -> None:
    await organisation_tab(pilot, "tab-timeline")


SCREENS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "dashboard": keys(),
    "organisations": keys("o"),
    "organisation": keys("o", "down", "down", "enter"),
    "organisation_timeline": timeline,
    "log": keys("l"),
    "agenda": keys("a"),
    "referrals": keys("r"),
    "referral_figures": keys("r", "c"),
    "toolbox": keys("t"),
    "report": keys("g"),
    "ecosystem": keys("e"),
    "intake": keys("n"),
    "help": keys("a", "question_mark"),
}


@pytest.fixture
def demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter)))
    config = tmp_path / "config.json"
    user = make_user("Jan de Vries", "JdV")
    save_user(config, user)
    with clock.frozen(MOMENT):
        ws = open_workspace(Path("desk.sqlite"), user)
        load_demo(ws)
        from screens.app import make_app

        yield lambda: make_app(ws, config)
    ws.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_looks_as_reviewed(snap_compare, demo_app, screen: str, size: str) -> None:
    assert snap_compare(demo_app(), terminal_size=SIZES[size], run_before=SCREENS[screen])
