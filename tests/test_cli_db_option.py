"""``--db`` in every position, for every command, as real processes.

Every run gets a fake home: HOME, XDG_DATA_HOME and XDG_CONFIG_HOME point into tmp_path, where a
real Desk database waits at the default location. Each case checks that the database it chose did
the work and that nothing at the default location (nor the DESK_DB file that --db overrides) was
created, changed or even opened (opening leaves -wal/-shm files behind).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.sqlite_helpers import count

DESK = Path(sys.executable).with_name("desk")
PASSPHRASE = "lang-genoeg-wachtwoord"
SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_ANSWER = "Negen partners staan met hun domein in Desk."  # a toolbox answer the demo fills in


def fake_home_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose home is ``root``: no DESK_* variable unless given."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DESK_", "XDG_")) and key != "HOME"}
    env.update(HOME=str(root / "home"), XDG_DATA_HOME=str(root / "xdg-data"),
               XDG_CONFIG_HOME=str(root / "xdg-config"), **extra)
    return env


def run_desk(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *argv], capture_output=True, text=True, env=env, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=120)


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``folder``: size, modification time and content hash."""
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns,
                                            hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass(frozen=True)
class Templates:
    demo: Path       # the demo data set (40 organisations, 288 contact moments)
    empty: Path      # a migrated Desk database without organisations
    encrypted: Path  # the demo, encrypted with PASSPHRASE


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    root = tmp_path_factory.mktemp("templates")
    env = fake_home_env(root)
    made = Templates(root / "demo.sqlite", root / "empty.sqlite", root / "encrypted" / "desk.sqlite")
    for argv in (["demo", "--db", str(made.demo)],
                 ["toolbox", "export", "--format", "md", "--out", "-", "--db", str(made.empty)]):
        result = run_desk(argv, env, root)
        assert result.returncode == 0, result.stderr
    made.encrypted.parent.mkdir()
    shutil.copy(made.demo, made.encrypted)
    result = run_desk(["encrypt", "--db", str(made.encrypted)], {**env, "DESK_PASSPHRASE": PASSPHRASE}, root)
    assert result.returncode == 0, result.stderr
    return made


@dataclass
class Work:
    """Where one case runs, and what it may use."""
    root: Path
    chosen: Path
    stdout: str = ""
    stderr: str = ""
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]        # with {out}, {csv} or {source} where a file goes
    start: str | None             # what the chosen database is beforehand: a Templates field, or None
    did_the_work: Callable[[Work], None]
    positions: tuple[str, ...] = ("before", "after")  # "between": after the first word


def _demo_loaded(work: Work) -> None:
    assert count(work.chosen, "SELECT count(*) FROM organisations") == 40


def _imported(work: Work) -> None:
    assert count(work.chosen, "SELECT count(*) FROM organisations WHERE name = 'Atelier Rivieroever'") == 1


def _backed_up(work: Work) -> None:
    assert count(work.files["out"], "SELECT count(*) FROM organisations") == 40


def _checked(work: Work) -> None:
    assert f"{work.chosen} is in orde" in work.stdout


def _reported(work: Work) -> None:
    assert "Gemeente Rivierstad" in work.stdout and "Totaal: 288" in work.stdout


def _exported(work: Work) -> None:
    assert "Ondernemersloket Regio Rivierstad" in work.stdout
    assert count(work.chosen, "SELECT count(*) FROM audit WHERE action = 'export'") == 1


def _toolbox_printed(work: Work) -> None:
    assert DEMO_ANSWER in work.stdout


def _encrypted(work: Work) -> None:
    assert work.chosen.read_bytes()[:16] != SQLITE_HEADER


def _decrypted(work: Work) -> None:
    assert work.chosen.read_bytes()[:16] == SQLITE_HEADER
    assert count(work.chosen, "SELECT count(*) FROM organisations") == 40


def _refused_as_not_desk(work: Work) -> None:
    # The app start: the chosen file is not a Desk database, so Desk stops before any screen opens,
    # naming the file it opened.
    assert f"{work.chosen} is een SQLite-bestand, maar geen Desk-database" in work.stderr


COMMANDS: dict[str, Command] = {
    "demo": Command(("demo",), None, _demo_loaded),
    "import": Command(("import", "organisations", "{csv}"), "empty", _imported),
    "restore": Command(("restore", "{source}"), "empty", _demo_loaded),
    "backup": Command(("backup", "--out", "{out}"), "demo", _backed_up),
    "check": Command(("check",), "demo", _checked),
    "report": Command(("report", "--from", "1-1-2020", "--to", "31-12-2030", "--format", "md", "--out", "-"),
                      "demo", _reported),
    "export": Command(("export", "contacts", "--out", "-"), "demo", _exported),
    "toolbox export": Command(("toolbox", "export", "--format", "md", "--out", "-"), "demo", _toolbox_printed,
                              positions=("before", "between", "after")),
    "encrypt": Command(("encrypt",), "demo", _encrypted),
    "decrypt": Command(("decrypt",), "encrypted", _decrypted),
    "app start": Command(("--demo",), "not-desk", _refused_as_not_desk),
}


def _cases() -> list:
    cases = []
    for name, command in COMMANDS.items():
        for position in command.positions:
            cases.append(pytest.param(name, "--db", position, id=f"{name}-db-{position}"))
            cases.append(pytest.param(name, "--db over DESK_DB", position, id=f"{name}-both-{position}"))
        cases.append(pytest.param(name, "DESK_DB", None, id=f"{name}-env"))
    return cases


def _argv(command: Command, db_option: list[str], position: str | None, files: dict[str, Path]) -> list[str]:
    words = [word.format(**{key: str(path) for key, path in files.items()}) for word in command.words]
    at = {"before": 0, "between": 1, "after": len(words), None: 0}[position]
    return words[:at] + db_option + words[at:]


def _prepare_chosen(start: str | None, chosen: Path, templates: Templates) -> None:
    chosen.parent.mkdir(parents=True)
    if start == "not-desk":
        conn = sqlite3.connect(chosen)
        conn.execute("CREATE TABLE facturen (nummer INTEGER)")
        conn.commit()
        conn.close()
    elif start is not None:
        shutil.copy(getattr(templates, start), chosen)


@pytest.mark.parametrize(("name", "source", "position"), _cases())
def test_the_chosen_database_does_the_work_and_the_default_is_never_touched(
        name: str, source: str, position: str | None, templates: Templates, tmp_path: Path) -> None:
    command = COMMANDS[name]
    default = tmp_path / "xdg-data" / "desk" / "desk.sqlite"
    default.parent.mkdir(parents=True)
    shutil.copy(templates.empty, default)
    overridden = tmp_path / "env-db" / "desk.sqlite"  # DESK_DB when --db should win over it
    overridden.parent.mkdir()
    shutil.copy(templates.empty, overridden)
    work = Work(tmp_path, tmp_path / "gekozen" / "desk.sqlite")
    _prepare_chosen(command.start, work.chosen, templates)
    csv = tmp_path / "organisaties.csv"
    csv.write_text("naam;plaats\nAtelier Rivieroever;Rivierstad\n", encoding="utf-8")
    work.files = {"out": tmp_path / "uit" / "kopie.sqlite", "csv": csv, "source": templates.demo}
    work.files["out"].parent.mkdir()
    before = {"default": snapshot(default.parent), "overridden": snapshot(overridden.parent)}

    env = fake_home_env(tmp_path, DESK_PASSPHRASE=PASSPHRASE)
    if source == "DESK_DB":
        env["DESK_DB"], db_option = str(work.chosen), []
    else:
        db_option = ["--db", str(work.chosen)]
        if source == "--db over DESK_DB":
            env["DESK_DB"] = str(overridden)
    result = run_desk(_argv(command, db_option, position, work.files), env, tmp_path)
    work.stdout, work.stderr = result.stdout, result.stderr

    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if command.start == "not-desk" else 0), result.stderr
    command.did_the_work(work)
    assert snapshot(default.parent) == before["default"]
    assert snapshot(overridden.parent) == before["overridden"]


def test_the_default_is_used_when_nothing_is_chosen(templates: Templates, tmp_path: Path) -> None:
    """The other side of the matrix: without --db and DESK_DB the default database does the work,
    so the checks above would see it if a command fell back to it."""
    default = tmp_path / "xdg-data" / "desk" / "desk.sqlite"
    result = run_desk(["demo"], fake_home_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert count(default, "SELECT count(*) FROM organisations") == 40


def test_the_app_opens_the_chosen_database(templates: Templates, tmp_path: Path) -> None:
    """``desk --demo --db X`` really starts the app on X: the demo lands in X and the dashboard
    draws the demo municipality. The app is stopped once it has drawn."""
    default = tmp_path / "xdg-data" / "desk" / "desk.sqlite"
    default.parent.mkdir(parents=True)
    shutil.copy(templates.empty, default)
    before = snapshot(default.parent)
    chosen = tmp_path / "gekozen" / "desk.sqlite"
    chosen.parent.mkdir()
    screen = tmp_path / "scherm.txt"
    env = fake_home_env(tmp_path, COLUMNS="120", LINES="40")
    with screen.open("wb") as output:
        app = subprocess.Popen([str(DESK), "--demo", "--db", str(chosen)], env=env, cwd=tmp_path,
                               stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        try:
            deadline = time.monotonic() + 60  # a bound on waiting, not a measurement
            while b"Rivierstad" not in screen.read_bytes() and app.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            app.terminate()
            app.wait(timeout=30)
    assert b"Rivierstad" in screen.read_bytes(), screen.read_bytes()[-2000:]
    assert b"Traceback" not in screen.read_bytes()
    assert count(chosen, "SELECT count(*) FROM organisations") == 40
    assert snapshot(default.parent) == before


@pytest.mark.parametrize("argv", [["--db", "", "demo"], ["demo", "--db="]], ids=["before", "after"])
def test_an_empty_db_is_refused_rather_than_falling_back_to_the_default(
        argv: list[str], templates: Templates, tmp_path: Path) -> None:
    """``--db "$NIET_GEZET"`` must not quietly mean the default database."""
    default = tmp_path / "xdg-data" / "desk" / "desk.sqlite"
    default.parent.mkdir(parents=True)
    shutil.copy(templates.empty, default)
    before = snapshot(default.parent)
    result = run_desk(argv, fake_home_env(tmp_path), tmp_path)
    assert result.returncode == 1 and result.stderr == "desk: --db is leeg; geef het pad van een databasebestand op.\n"
    assert snapshot(default.parent) == before
