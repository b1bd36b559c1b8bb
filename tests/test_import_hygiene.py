"""What importing loads at run time: desk/ and db/ never load Textual, and start-up loads only the
dashboard. Which module may import which is checked by the import-linter contracts
(tests/test_architecture.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desk.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


def _exits_cleanly(code: str) -> None:
    """Run ``code`` in a fresh interpreter (nothing imported yet); it exits 1 and prints what it found."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_loading_all_of_desk_and_db_leaves_textual_unloaded() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import desk, db\n"
        "for package in (desk, db):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    _exits_cleanly(code)


def test_start_up_imports_the_dashboard_and_no_other_screen() -> None:
    """Start-up time is mostly imports (bench/run.py): the other screens, and the libraries only they
    use, are imported when they are first opened."""
    code = (
        "import sys\n"
        "import screens.launch, screens.app\n"
        "app_screens = sorted(m for m in sys.modules if m.startswith('screens.') and m not in (\n"
        "    'screens.launch', 'screens.app', 'screens.busy', 'screens.dashboard', 'screens.base', 'screens.bars',\n"
        "    'screens.format', 'screens.literal', 'screens.widgets', 'screens.widgets.status_bar',\n"
        "    'screens.widgets.tables', 'screens.widgets.footer', 'screens.modes', 'screens.collector',\n"
        "    'screens.daily_backup', 'screens.team_sync', 'screens.spare_intake', 'screens.browser'))\n"
        "libraries = sorted(m for m in ('icalendar', 'openpyxl', 'rapidfuzz', 'keyring', 'apsw', 'psycopg',\n"
        "    'aiohttp', 'textual_serve') if m in sys.modules)\n"
        "print(app_screens, libraries)\n"
        "sys.exit(1 if app_screens or libraries else 0)\n"
    )
    _exits_cleanly(code)


def test_the_desk_command_up_to_a_loaded_dashboard_imports_no_export_import_or_form_code(ws: Workspace) -> None:
    """The real start of a database that exists (the ``desk`` command's imports, argument parsing
    and opening, the app until the dashboard's workers are done) imports neither the export and
    import machinery nor what only the forms use: the parser takes its choices from
    desk.files.choices, the commands import the rest when they run. The other main lists, which the
    desk command builds after the dashboard, are left out (prepare_modes)."""
    code = (
        "import asyncio, sys\n"
        "import screens.launch\n"
        "from desk.cli.commands import main\n"
        "from screens.app import make_app\n"
        "async def dashboard(app):\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        assert type(app.screen).__name__ == 'DashboardScreen', app.screen\n"
        "def run_app(ws, config_path):\n"
        "    asyncio.run(dashboard(make_app(ws, config_path)))\n"
        f"assert main(['--db', {str(ws.path)!r}], run_app=run_app) == 0\n"
        "lazy = ('desk.files.', 'desk.records.models', 'desk.records.organisations', 'desk.records.persons',\n"
        "        'desk.work.duplicates', 'desk.work.intake', 'stdnum', 'email_validator', 'phonenumbers')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(lazy) and m != 'desk.files.choices')\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    _exits_cleanly(code)
