"""The toolbox in the app: answer, tick, progress, reset and undo, print; answers survive a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desk.core.config import make_user
from desk.toolbox import workbook
from desk.work.opening import open_workspace
from screens.confirm import ConfirmScreen
from screens.toolbox import ModuleScreen, ToolboxScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text

DESK = Path(sys.executable).with_name("desk")


async def open_module(pilot, number: int) -> None:
    await pilot.press("t")
    await settle(pilot)
    tree = pilot.app.screen.query_one("#toolbox-tree")
    line = next(i for i in range(tree.last_line + 1) if tree.get_node_at_line(i).data == number)
    tree.cursor_line = line
    tree.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_answer_tick_progress_reset_undo_and_print(make_app, ws) -> None:
    app = make_app()
    module = next(m for m in workbook.content_for(ws).modules if m.number == 3)
    async with app.run_test(size=(150, 45)) as pilot:
        await open_module(pilot, 3)
        assert isinstance(app.screen, ModuleScreen)
        assert "impactondernemers in Desk" in static_text(pilot, "#module-text")  # live figure
        assert "0 van" in static_text(pilot, "#module-text")
        await pilot.press("space")
        await pilot.press("down", "space", "space")  # second item: gedaan then n.v.t.
        await settle(pilot)
        question_row = next(i for i, item in enumerate(module.items) if item.kind == "question")
        app.screen.query_one("#items").move_cursor(row=question_row)
        await pilot.press("enter")
        await type_text(pilot, "We beginnen bij de lijst van het WSP")
        await pilot.pause(0.8)  # saved about half a second after the last keystroke
        await pilot.press("escape")
        await settle(pilot)
        assert "3 van" in static_text(pilot, "#module-text")

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert "0 van" in static_text(pilot, "#module-text")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "3 van" in static_text(pilot, "#module-text")

        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ToolboxScreen)
        assert "(3 van" in static_text(pilot, "#toolbox-summary")
    exports = ws.path.parent / "exports"
    markdown = next(exports.glob("toolbox-module-3-*.md")).read_text(encoding="utf-8")
    html = next(exports.glob("toolbox-module-3-*.html")).read_text(encoding="utf-8")
    for text in (markdown, html):
        assert f"Module 3: {module.title}" in text and "We beginnen bij de lijst van het WSP" in text


TYPIST = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from desk.core.config import make_user
    from desk.work.opening import open_workspace
    from screens.app import make_app

    async def main():
        ws = open_workspace(Path(sys.argv[1]), make_user("Veld Werker", "VW"))
        app = make_app(ws, Path(sys.argv[2]))
        async with app.run_test(size=(150, 45)) as pilot:
            await pilot.press("t")
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            tree = app.screen.query_one("#toolbox-tree")
            tree.cursor_line = next(i for i in range(tree.last_line + 1) if tree.get_node_at_line(i).data == 6)
            tree.focus()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("space", "enter", *"Impact als vast onderdeel van EZ-beleid".replace(" ", "_"))
            await pilot.pause(1.0)
            print("TYPED", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main())
""")


async def test_answers_survive_a_killed_process(tmp_path, config_path) -> None:
    db_file = tmp_path / "toolbox.sqlite"
    open_workspace(db_file, make_user("Veld Werker", "VW")).close()
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(db_file), str(config_path)], stdout=subprocess.PIPE,
                              text=True, cwd=Path(__file__).resolve().parents[1], env={**os.environ})
    try:
        assert typist.stdout.readline().strip() == "TYPED"
    finally:
        typist.send_signal(signal.SIGKILL)
        typist.wait(timeout=30)
    ws = open_workspace(db_file, make_user("Veld Werker", "VW"))
    first = next(m for m in workbook.content_for(ws).modules if m.number == 6).items[0]
    stored = workbook.answers(ws, workbook.current_round(ws).id)[first.id]
    assert stored.status == workbook.DONE
    assert "Impact_als_vast_onderdeel_van_EZ-beleid" in stored.answer + stored.note
    ws.close()


def test_cli_prints_a_module_to_markdown_and_html(tmp_path, ws) -> None:
    module = next(m for m in workbook.content_for(ws).modules if m.number == 8)
    workbook.save_answer(ws, workbook.current_round(ws).id, module.items[0].id, answer="Netwerk: Impactnetwerk")
    out = tmp_path / "module8.html"
    result = subprocess.run([str(DESK), "toolbox", "export", "--module", "8", "--format", "html", "--out", str(out),
                             "--db", str(ws.path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert f"Module 8: {module.title}" in page and "Netwerk: Impactnetwerk" in page
    assert out.stat().st_mode & 0o777 == 0o600
    markdown = subprocess.run([str(DESK), "toolbox", "export", "--module", "8", "--format", "md", "--out", "-",
                               "--db", str(ws.path)], capture_output=True, text=True, timeout=60)
    assert markdown.stdout.startswith("# Toolbox") and "## Module 8:" in markdown.stdout
    wrong = subprocess.run([str(DESK), "toolbox", "export", "--module", "14", "--format", "md", "--out", "-",
                            "--db", str(ws.path)], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "bestaat niet" in wrong.stderr


async def test_opening_an_answer_puts_the_cursor_after_its_text(make_app, ws) -> None:
    """The cursor stood at the start, so new text was glued to the front of the answer."""
    module = next(m for m in workbook.content_for(ws).modules if m.number == 3)
    question = next(item for item in module.items if item.kind == "question")
    workbook.save_answer(ws, workbook.current_round(ws).id, question.id, answer="Eerste regel.")
    app = make_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await open_module(pilot, 3)
        app.screen.query_one("#items").move_cursor(row=module.items.index(question))
        await pilot.press("enter")
        await type_text(pilot, " Tweede zin.")
        await pilot.pause(0.8)
        await pilot.press("escape")
        await settle(pilot)
    answer = workbook.answers(ws, workbook.current_round(ws).id)[question.id]
    assert answer.answer == "Eerste regel. Tweede zin."
