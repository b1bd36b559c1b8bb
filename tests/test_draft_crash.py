"""Typed intake text survives a killed process: the next start offers it back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desk.core.config import make_user
from desk.work.opening import open_workspace
from screens.confirm import ConfirmScreen
from screens.intake import IntakeScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle

TYPIST = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from desk.core.config import make_user
    from desk.work.opening import open_workspace
    from screens.app import make_app

    async def main():
        ws = open_workspace(Path(sys.argv[1]), make_user("Veld Werker", "VW"))
        app = make_app(ws, Path(sys.argv[2]))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*"Tegeltuin")
            await pilot.press("tab", *"Joost", "tab", "tab", "tab", "tab")
            await pilot.press(*"Wil groene schoolpleinen aanleggen")
            await pilot.pause(1.5)
            print("TYPED", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main())
""")


async def test_killed_process_leaves_a_draft_that_the_next_start_restores(tmp_path: Path, config_path: Path) -> None:
    db_file = tmp_path / "veld.sqlite"
    open_workspace(db_file, make_user("Veld Werker", "VW")).close()
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(db_file), str(config_path)],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1],
                              env={**os.environ})
    try:
        line = typist.stdout.readline()
        assert line.strip() == "TYPED"
    finally:
        typist.send_signal(signal.SIGKILL)
        typist.wait(timeout=30)
    assert typist.returncode == -signal.SIGKILL

    from screens.app import make_app

    ws = open_workspace(db_file, make_user("Veld Werker", "VW"))
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Tegeltuin" in app.screen.question
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#organisation").value == "Tegeltuin"
        assert app.screen.query_one("#person_name").value == "Joost"
        assert app.screen.query_one("#notes").text == "Wil groene schoolpleinen aanleggen"
        await pilot.press("ctrl+s")
        await settle(pilot)
    from desk.records import contacts
    from desk.work import drafts

    assert contacts.count_contacts(ws) == 1
    assert drafts.load_draft(ws, drafts.INTAKE) is None
    ws.close()
