"""The house layout: dependencies point one way, and no module grows past what one reads in a sitting.

The direction is written down as import-linter contracts in pyproject.toml: screens -> desk -> db,
desk/ and db/ without Textual, desk/'s subpackages in layers, no circles between the modules of one
package. ``lint-imports`` checks them here as a process, the way a developer runs it; a copy of the
code with one wrong import shows that each contract can break.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400

LAYERS = "screens -> desk -> db"
NO_TEXTUAL = "desk/ and db/ never load Textual or Rich"
DESK_LAYERS = "desk/ in layers: the command line on top, the core and dates at the bottom"
NO_CIRCLES = "no circles between the modules of one package"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, check=False)


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(f"{name} KEPT" in result.stdout for name in (LAYERS, NO_TEXTUAL, DESK_LAYERS, NO_CIRCLES))


@pytest.mark.parametrize(("module", "wrong_import", "contracts"), [
    ("db/connection.py", "import desk.core.clock", {LAYERS}),
    ("desk/records/terms.py", "import screens.literal", {LAYERS, NO_TEXTUAL}),  # screens.literal uses Rich
    ("desk/core/paths.py", "import textual.app", {NO_TEXTUAL}),
    ("db/migrations.py", "from rich.text import Text", {NO_TEXTUAL}),
    ("desk/dates/phrases.py", "from desk.core import clock", {DESK_LAYERS}),
    ("desk/files/report.py", "from desk.care import backups", {DESK_LAYERS}),
    ("desk/core/clock.py", "from desk.cli import commands", {DESK_LAYERS, NO_CIRCLES}),
    ("desk/records/persons.py", "from desk.records import organisations", {NO_CIRCLES}),
    ("screens/dashboard.py", "import screens.app", {NO_CIRCLES}),
])
def test_each_contract_breaks_on_a_wrong_import(tmp_path: Path, module: str, wrong_import: str,
                                                contracts: set[str]) -> None:
    for folder in ("desk", "screens", "db"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / module).open("a", encoding="utf-8") as source:
        source.write(f"\n\ndef _wrong() -> None:\n    {wrong_import}  # noqa\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    broken = {name for name in (LAYERS, NO_TEXTUAL, DESK_LAYERS, NO_CIRCLES) if f"{name} BROKEN" in result.stdout}
    assert broken == contracts


def _python_modules() -> list[Path]:
    """The product's modules. Not yet bench/ (generate.py and run.py are longer; splitting the
    generator's one long function is an edit of its own) and not tests/, which hold cases."""
    return sorted(path for folder in ("desk", "screens", "db") for path in (ROOT / folder).rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {str(path.relative_to(ROOT)): count for path in _python_modules()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long
