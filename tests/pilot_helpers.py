"""Small helpers for driving the app headless like a user."""

from __future__ import annotations

import io

from rich.console import Console
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


def screen_text(app) -> str:
    """Everything the terminal shows now (the screen over the ones below it), as plain text: what
    ``App.export_screenshot`` draws, without the SVG."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
