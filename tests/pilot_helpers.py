"""Small helpers for driving the app headless like a user."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from screens.widgets.row_list import RowList


async def settle(pilot: Pilot) -> None:
    """Let workers finish and the screen catch up; never sleep."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


def visible_rows(row_list: RowList) -> list[str]:
    """The lines the list shows below its header, as text."""
    lines = [row_list.render_line(y).text.rstrip() for y in range(1, row_list.size.height)]
    return [line for line in lines if line]


def static_text(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())
