"""What importing loads at run time: desk/ and db/ never load Textual, and start-up loads only the
dashboard. Which module may import which is checked by the import-linter contracts
(tests/test_architecture.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
        "    'screens.daily_backup', 'screens.spare_intake'))\n"
        "libraries = sorted(m for m in ('icalendar', 'openpyxl', 'rapidfuzz', 'keyring') if m in sys.modules)\n"
        "print(app_screens, libraries)\n"
        "sys.exit(1 if app_screens or libraries else 0)\n"
    )
    _exits_cleanly(code)
