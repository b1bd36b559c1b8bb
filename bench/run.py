"""Desk at scale: every figure against a limit measured in the same run, on the same file.

Usage: python bench/run.py [--db PATH] [--repeat N] [--scale 1.0] [--keep] [--only search,app,export,save]

Without --db a data set is generated first (bench/generate.py, default scale: 50,000 organisations,
500,000 contact moments) in a temporary folder. Measures, each as a median over repeated runs:

  a. search while typing: the organisations list's per-keystroke query (count_organisations +
     list_organisations(..., 0, 100, include_archived=False)) over realistic prefixes, vs the same
     SQL through sqlite3 alone (the same archived/deleted filter, the first 100 rows' list columns)
     on the same connection. Target <= 2x.
  b. start-up to a usable dashboard: the real app (the `desk` command's imports and argument
     parsing, screens.app.make_app, App.run_test) in a fresh Python process until the dashboard's
     workers are done and the screen has caught up, vs an empty Textual app (an App with a Footer,
     run_test, first pause) in a fresh process after importing Desk's libraries (pydantic,
     sqlite-utils, python-dateutil) and defining one pydantic model. Target <= 1.5x. For comparison,
     the same against the empty app without those libraries.
  c. CSV export of all contact moments: `desk export contacts --format csv --out FILE` vs the
     sqlite3 command-line shell's own CSV export of the same columns (`sqlite3 -csv`), the two in
     alternating order. Target <= 2x.
  d. opening screens in the headless app, from the key to the first frame that shows the screen's
     first page (bench/frames.py: no Pilot waits in the timing), p50 and p95 over IN_PROCESS_REPEAT
     opens per process: the organisations list, one keystroke of search, the end of the list, an
     organisation (the one with most contact moments, and a typical one), log, agenda, referrals,
     the intake form and the dashboard; a cursor move as the floor. Target p95 < 100 ms, a
     keystroke p95 < 50 ms.
  e. peak memory (VmHWM) of the app process after opening dashboard, organisations, an organisation,
     log, agenda and referrals. Target < 250 MB.
  f. saving an intake with a new organisation (and person, need, follow-up) through the service, on a
     copy of the data set, p50 and p95. Target p95 < 20 ms.
  g. the daily backup (bench/backup.py): a full one, one after a day of 50 intakes that starts from
     the older backup (pages written), and search keystrokes while the app's own daily backup runs
     against the same keystrokes after it.

Prints a table (measure, value, limit, ratio, target, OK/MISSED) and notes. Asserts nothing: a
missed target is a line in the table, not an exception. Runs within 10 minutes at scale 1.0 on the
2-core development machine (generation included).
"""

from __future__ import annotations

import time

SCRIPT_START = time.perf_counter()

import argparse
import asyncio
import importlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from collections.abc import Callable  # noqa: E402

from bench.frames import FrameClock, percentile  # noqa: E402

TERMINAL_SIZE = (120, 40)
IN_PROCESS_REPEAT = 5  # each screen opened this often per app process (the first open is the cold one)
SPARE_AFTER = 1.5  # seconds: well after screens/spare_intake.py has built the next form
# Workers that run beside the app, not before it is usable (screens/app.py: the daily backup).
BACKGROUND_GROUPS = {"backup"}
CHILD_TIMEOUT = 300
MEASURES = ("search", "app", "export", "save", "backup")  # --only: a., b/d/e., c., f., g.
# What a user types, keystroke by keystroke, into the organisations search.
PREFIXES = ["g", "gr", "gro", "groe", "groen", "amst", "jans", "stichting d", "de gr", "circulaire", "9082",
            "bakkerij van"]
CONTACT_EXPORT_SQL = """SELECT strftime('%Y-%m-%d %H:%M', c.occurred_at, 'localtime') AS "Datum en tijd",
    o.name AS "Organisatie", o.kvk AS "KvK-nummer",
    (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM contact_persons cp JOIN persons p
        ON p.id = cp.person_id WHERE cp.contact_id = c.id AND p.deleted_at IS NULL ORDER BY p.name))
        AS "Contactpersonen",
    ch.label AS "Kanaal", c.subject AS "Onderwerp", c.notes AS "Notities",
    (SELECT group_concat(label, ', ') FROM (SELECT t.label FROM contact_needs cn JOIN terms t
        ON t.id = cn.term_id WHERE cn.contact_id = c.id ORDER BY t.position)) AS "Ondersteuningsvragen",
    e.name AS "Evenement", c.author AS "Auteur", c.follow_up_text AS "Opvolging", c.id AS "Id",
    c.organisation_id AS "Organisatie-id"
FROM contacts c JOIN organisations o ON o.id = c.organisation_id
LEFT JOIN terms ch ON ch.id = c.channel_id LEFT JOIN events e ON e.id = c.event_id
WHERE c.deleted_at IS NULL ORDER BY c.occurred_at, c.seq"""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def vm_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


# --- children: one fresh process per start-up ---------------------------------------------------

async def _settle(pilot) -> None:
    """As tests/pilot_helpers.settle: let workers finish and the screen catch up; never sleep."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def dashboard_workers(app) -> list:
    """The app's and the shown screen's workers still running, apart from the background ones."""
    screen = app.screen
    return [w for w in app.workers if w.group not in BACKGROUND_GROUPS and not w.is_finished
            and (w.node is app or w.node is screen or screen in w.node.ancestors)]


def _emit(kind: str, **data) -> None:
    print(json.dumps({"kind": kind, **data}), flush=True)


def _since_start() -> float:
    return (time.perf_counter() - SCRIPT_START) * 1000


async def child_empty(with_libraries: bool = False) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer

    if with_libraries:  # what any screen of Desk needs before it can show a row: its chosen libraries
        import dateutil.relativedelta  # noqa: F401
        import pydantic  # noqa: F401
        import sqlite_utils  # noqa: F401

        class Row(pydantic.BaseModel):  # pydantic builds a validator per model class at import
            id: str
            name: str = ""

    from textual.widgets._footer import FooterKey

    imported = _since_start()

    class Empty(App):
        def compose(self) -> ComposeResult:
            yield Footer()

    app = Empty()
    clock = FrameClock(app)
    clock.watch(lambda: bool(app.screen.query(FooterKey)))  # its footer shows its keys
    async with app.run_test(size=TERMINAL_SIZE):
        drawn = await clock.drawn("the empty app")
        _emit("ready", rss_mb=vm_kb("VmRSS") / 1024, imports_ms=imported,
              ready_ms=(drawn - SCRIPT_START) * 1000)


async def child_app(db: Path, config: Path, busy_kvk: str | None, typical_kvk: str | None, screens: bool) -> None:
    launch = importlib.import_module("screens.launch")  # the `desk` command's own path: desk.cli and its imports
    from desk.cli.arguments import build_parser
    from desk.core.config import load_user
    from desk.work.opening import open_workspace

    build_parser().parse_args(["--db", str(db)])
    imported = _since_start()
    ws = open_workspace(db, load_user(config))
    opened = _since_start()
    app = launch.desk_app(ws, config)  # as the desk command: imports the app, reads the dashboard ahead
    from textual.widgets import Input, Static  # noqa: PLC0415 - loaded by the app by now
    from textual.widgets._footer import FooterKey  # noqa: PLC0415

    from screens.widgets.tables import FittedTable  # noqa: PLC0415

    def usable() -> bool:
        """The dashboard as the user works with it: its figures and rows in, the tables fitted to
        their width, the footer's keys drawn, none of its workers running. The daily backup (the
        first start of a day) and the main lists built behind the dashboard (screens/modes.py) go
        on in the background."""
        screen = app.screen
        return (type(screen).__name__ == "DashboardScreen" and screen._loaded_version is not None
                and str(screen.query_one("#count-organisations", Static).render()) != "…"
                and all(table._fitted_width == table.size.width for table in screen.query(FittedTable))
                and bool(screen.query(FooterKey)) and not dashboard_workers(app))

    clock = FrameClock(app)
    clock.watch(usable)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        drawn = await clock.drawn("the dashboard")
        shown = str(app.screen.query_one("#count-organisations", Static).render())
        backup = [w for w in app.workers if w.group in BACKGROUND_GROUPS and not w.is_finished]
        _emit("ready", rss_mb=vm_kb("VmRSS") / 1024, screen=type(app.screen).__name__, organisations=shown,
              imports_ms=imported, opened_ms=opened, ready_ms=(drawn - SCRIPT_START) * 1000,
              backup_running=bool(backup))
        await app.workers.wait_for_complete()
        if backup:
            _emit("backup", done_ms=_since_start())
        if not screens:
            return
        times: dict[str, list[float]] = {}
        problems: list[str] = []

        def on(name: str) -> Callable[[], bool]:
            return lambda: type(app.screen).__name__ == name

        def rows(name: str, selector: str) -> Callable[[], bool]:
            return lambda: type(app.screen).__name__ == name and app.screen.query_one(selector).row_count > 0

        async def timed(name: str, key: str, ready: Callable[[], bool], before: tuple[str, ...] = ("d",),
                        pause: float = 0.0) -> None:
            """From ``before`` (by Pilot, settled, then ``pause`` seconds without a key), ``key`` timed to
            the frame that shows it ``REPEAT`` times."""
            for _ in range(IN_PROCESS_REPEAT):
                if before:
                    await pilot.press(*before)
                    await _settle(pilot)
                if pause:
                    await asyncio.sleep(pause)
                    await _settle(pilot)
                try:
                    times.setdefault(name, []).append(await clock.press(key, ready))
                except TimeoutError as exc:
                    problems.append(f"{name}: {exc}")
                    return
                await _settle(pilot)

        await pilot.press("o")
        await _settle(pilot)
        await timed("floor: cursor one row down in the organisations list", "down",
                    lambda: app.screen.query_one("RowList").cursor > 0, before=("home",))
        await timed("organisations list (o)", "o", rows("OrganisationsScreen", "RowList"))
        for _ in range(IN_PROCESS_REPEAT):
            await pilot.press("o", "slash")
            await _settle(pilot)
            typed = ""
            for char in "groen":
                typed += char
                times.setdefault("search: one keystroke (g-r-o-e-n)", []).append(await clock.press(
                    char, lambda query=typed: getattr(app.screen, "shown_query", None) == query))
            await pilot.press("escape")  # clears the search, back to the whole list
            await _settle(pilot)
        await timed("organisations list: jump to the last row (end)", "end",
                    lambda: app.screen.query_one("RowList").cursor == app.screen.query_one("RowList").row_count - 1,
                    before=("o", "home"))
        for label, kvk in (("organisation with most contacts", busy_kvk), ("typical organisation", typical_kvk)):
            await pilot.press("o")
            await _settle(pilot)
            app.screen.query_one("#search", Input).value = kvk
            await _settle(pilot)
            for _ in range(IN_PROCESS_REPEAT):
                app.screen.query_one("RowList").focus()
                await _settle(pilot)
                times.setdefault(label, []).append(await clock.press("enter", lambda: type(app.screen).__name__
                                                                     == "OrganisationDetailScreen"
                                                                     and app.screen.org is not None))
                await _settle(pilot)
                await pilot.press("escape")
                await _settle(pilot)
        await timed("log (l)", "l", rows("LogScreen", "RowList"))
        await timed("agenda (a)", "a", rows("AgendaScreen", "#agenda"))
        await timed("referrals (r)", "r", rows("ReferralsScreen", "#referrals"))
        # The app builds the next empty form a second after the last one closed (screens/spare_intake.py):
        # timed once that second has passed, as when the next visitor comes, and right away.
        await timed("new contact moment (n)", "n", on("IntakeScreen"), before=("escape", "d"),  # closes the empty form
                    pause=SPARE_AFTER)
        await timed("new contact moment (n), within a second of the last form", "n", on("IntakeScreen"),
                    before=("escape", "d"))
        await pilot.press("escape")
        await _settle(pilot)
        await timed("dashboard (d)", "d", on("DashboardScreen"), before=("l",))  # from a list, not a text field
        _emit("screens", times=times, problems=problems, hwm_mb=vm_kb("VmHWM") / 1024,
              rss_mb=vm_kb("VmRSS") / 1024)


def run_child(args: list[str], env: dict) -> tuple[float | None, list[dict], str]:
    """Start a fresh Python on this script; return seconds until it said 'ready', its messages, stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
    ready_at, messages = None, []
    try:
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if message.get("kind") == "ready" and ready_at is None:
                ready_at = time.perf_counter() - start
            messages.append(message)
        proc.wait(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
    stderr = proc.stderr.read()
    return ready_at, messages, stderr if proc.returncode else ""


# --- the measures ---------------------------------------------------------------------------------

class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.notes: list[str] = []

    def ratio(self, measure: str, value: float, limit: float, target: float, unit: str = "ms") -> None:
        ratio = value / limit if limit else float("inf")
        self.rows.append((measure, f"{value:,.1f} {unit}", f"{limit:,.1f} {unit}", f"{ratio:.2f}x",
                          f"<= {target:g}x", "OK" if ratio <= target else "MISSED"))

    def absolute(self, measure: str, value: float, unit: str = "ms", target: float | None = None) -> None:
        if target is None:
            self.rows.append((measure, f"{value:,.1f} {unit}", "", "", "", ""))
        else:
            self.rows.append((measure, f"{value:,.1f} {unit}", f"{target:g} {unit}", f"{value / target:.2f}",
                              f"< {target:g} {unit}", "OK" if value < target else "MISSED"))

    def latency(self, measure: str, p50: float, p95: float, target: float | None) -> None:
        """Judged on the p95: the slow ones are what a user remembers."""
        value = f"p50 {p50:,.1f} / p95 {p95:,.1f} ms"
        if target is None:
            self.rows.append((measure, value, "", "", "", ""))
        else:
            self.rows.append((measure, value, f"{target:g} ms", f"{p95 / target:.2f}", f"p95 < {target:g} ms",
                              "OK" if p95 < target else "MISSED"))

    def missing(self, measure: str, why: str) -> None:
        self.rows.append((measure, "n/a", "", "", "", why))

    def print(self) -> None:
        header = ("measure", "value", "limit", "ratio", "target", "result")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(len(header))]
        line = "  ".join("-" * w for w in widths)
        print(line)
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        print(line)
        for row in self.rows:
            print("  ".join(cell.rjust(w) if 0 < i < 4 else cell.ljust(w)
                            for i, (cell, w) in enumerate(zip(row, widths))))
        print(line)
        for note in self.notes:
            print(f"- {note}")


def measure_search(db: Path, table: Table, repeat: int) -> None:
    from desk.core.config import make_user
    from desk.core.search import fts_query
    from desk.records import organisations
    from desk.work.opening import open_workspace

    ws = open_workspace(db, make_user("Bench Mark", "BM"))
    conn = ws.db.conn
    visible, columns = organisations._visible(False), organisations._LIST_COLUMNS  # the app's own SQL text
    runs = max(9, 3 * repeat)
    app_total = bare_total = 0.0
    worst = (0.0, "", 0.0, 0.0)
    details = []
    for prefix in PREFIXES:
        match = fts_query(prefix)

        def app_query() -> int:
            count = organisations.count_organisations(ws, prefix, include_archived=False)
            organisations.list_organisations(ws, prefix, 0, 100, include_archived=False)
            return count

        def bare_query() -> int:
            """The same SQL work (filter on archived and deleted, the first 100 rows' list columns)
            through sqlite3 alone: no Desk code, no row objects."""
            count = conn.execute(f"SELECT count(*) FROM organisations_fts WHERE organisations_fts MATCH ? AND "
                                 f"{visible}", [match]).fetchone()[0]
            conn.execute(f"SELECT {columns} FROM organisations o WHERE o.seq IN (SELECT rowid FROM organisations_fts "
                         f"WHERE organisations_fts MATCH ? AND {visible} ORDER BY rank, rowid LIMIT 100)",
                         [match]).fetchall()
            return count

        hits = app_query(), bare_query()  # warm-up
        app_times, bare_times = [], []
        for _ in range(runs):
            for fn, bucket in ((app_query, app_times), (bare_query, bare_times)):
                start = time.perf_counter()
                fn()
                bucket.append((time.perf_counter() - start) * 1000)
        app_ms, bare_ms = median(app_times), median(bare_times)
        app_total += app_ms
        bare_total += bare_ms
        worst = max(worst, (app_ms / bare_ms, prefix, app_ms, bare_ms))
        details.append(f"'{prefix}' {app_ms:.2f}/{bare_ms:.2f} ms ({hits[0]:,}/{hits[1]:,} hits)")
    ws.close()
    table.ratio(f"a. search while typing, {len(PREFIXES)} prefixes (sum of medians)", app_total, bare_total, 2)
    worst_app, worst_bare = worst[2], worst[3]
    table.ratio(f"a. search while typing, worst prefix '{worst[1]}'", worst_app, worst_bare, 2)
    table.notes.append("a. per prefix, app/bare median (app hits/FTS hits): " + "; ".join(details))


def measure_app(db: Path, config: Path, env: dict, table: Table, repeat: int) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    busy, typical = conn.execute(
        """WITH per_org AS (SELECT organisation_id, count(*) AS n FROM contacts WHERE deleted_at IS NULL
                            GROUP BY organisation_id)
           SELECT (SELECT o.kvk FROM per_org JOIN organisations o ON o.id = organisation_id
                   WHERE o.deleted_at IS NULL AND o.archived = 0 ORDER BY n DESC LIMIT 1),
                  (SELECT o.kvk FROM per_org JOIN organisations o ON o.id = organisation_id
                   WHERE o.deleted_at IS NULL AND o.archived = 0 AND n = (SELECT n FROM per_org ORDER BY n
                   LIMIT 1 OFFSET (SELECT count(*) / 2 FROM per_org)) LIMIT 1)""").fetchone()
    most = conn.execute("""SELECT count(*) FROM contacts c JOIN organisations o ON o.id = c.organisation_id
                           WHERE o.kvk = ? AND c.deleted_at IS NULL""", [busy]).fetchone()[0]
    usual = conn.execute("""SELECT count(*) FROM contacts c JOIN organisations o ON o.id = c.organisation_id
                            WHERE o.kvk = ? AND c.deleted_at IS NULL""", [typical]).fetchone()[0]
    conn.close()
    empty_times, app_times, screen_runs, ready_info, empty_info, errors, backups = [], [], [], [], [], [], []
    libraries_times = []

    def problem(what: str, stderr: str) -> None:
        errors.append(f"{what}: " + (stderr.strip().splitlines()[-1] if stderr.strip() else "no 'ready'"))

    # Start-up: pairs of fresh processes, empty app then real app, so that both see the same load;
    # one start of each first, not counted, writes the modules' bytecode and reads the file's pages.
    for child in (["--child", "libraries"], ["--child", "app", "--db", str(db), "--config", str(config), "--no-screens"]):
        run_child(child, env)
    for _ in range(max(repeat, 5)):
        ready, messages, stderr = run_child(["--child", "empty"], env)
        if ready is None:
            problem("empty app", stderr)
        else:
            empty_times.append(ready * 1000)
            empty_info += [m for m in messages if m["kind"] == "ready"]
        ready, messages, stderr = run_child(["--child", "libraries"], env)
        if ready is None:
            problem("empty app with libraries", stderr)
        else:
            libraries_times.append(ready * 1000)
        ready, messages, stderr = run_child(["--child", "app", "--db", str(db), "--config", str(config),
                                             "--no-screens"], env)
        if ready is None:
            problem("app", stderr)
        else:
            app_times.append(ready * 1000)
            ready_info += [m for m in messages if m["kind"] == "ready"]
            backups += [m["done_ms"] for m in messages if m["kind"] == "backup"]
    # Screens and memory: a fresh app process each time, driven through every screen.
    for _ in range(repeat):
        ready, messages, stderr = run_child(["--child", "app", "--db", str(db), "--config", str(config),
                                             "--busy-kvk", busy, "--typical-kvk", typical], env)
        runs = [m for m in messages if m["kind"] == "screens"]
        if not runs:
            problem("app with screens", stderr)
        screen_runs += runs
    if libraries_times and app_times:
        # The limit: an empty Textual app with the same libraries imported (pydantic,
        # sqlite-utils, python-dateutil), so that the ratio is what Desk's own code adds.
        table.ratio("b. start-up to a usable dashboard (fresh process), against an empty app with the libraries",
                    median(app_times), median(libraries_times), 1.5)
        imports = median([m["imports_ms"] for m in ready_info])
        opened = median([m["opened_ms"] for m in ready_info])
        ready = median([m["ready_ms"] for m in ready_info])
        table.notes.append(
            "b. start-up runs (ms), app: " + ", ".join(f"{t:.0f}" for t in app_times) + "; empty Textual app with the "
            "libraries: " + ", ".join(f"{t:.0f}" for t in libraries_times) + "; empty Textual app: "
            + ", ".join(f"{t:.0f}" for t in empty_times) + f". Inside the app process (medians): imports "
            f"{imports:.0f} ms (empty app: {median([m['imports_ms'] for m in empty_info]):.0f} ms), opening the "
            f"workspace {opened - imports:.0f} ms, app run until the dashboard is loaded {ready - opened:.0f} ms "
            f"(empty app: {median([m['ready_ms'] - m['imports_ms'] for m in empty_info]):.0f} ms); the dashboard "
            f"showed {ready_info[0].get('organisations')} organisations on {ready_info[0].get('screen')}")
    else:
        table.missing("b. start-up to a usable dashboard", "did not run")
    if empty_times and app_times:
        table.ratio("b. (for comparison) start-up against an empty Textual app without the libraries",
                    median(app_times), median(empty_times), 1.5)
    for done in backups:
        table.absolute("b. first start of the day: daily backup done (background, after the dashboard)", done / 1000,
                       "s")
    if screen_runs:
        floor = None
        for name in screen_runs[0]["times"]:
            samples = [t for run in screen_runs for t in run["times"].get(name, [])]
            cold = median([run["times"][name][0] for run in screen_runs if run["times"].get(name)])
            if "most contacts" in name or "typical" in name:  # the name is the same at every scale: counts here
                table.notes.append(f"d. {name}: {most if 'most' in name else usual} contacts")
            target = 50 if "keystroke" in name else None if name.startswith("floor") else 100
            table.latency(f"d. {name}", percentile(samples, 0.5), percentile(samples, 0.95), target)
            if name.startswith("floor"):
                floor = percentile(samples, 0.5)
            table.notes.append(f"d. {name}: first open {cold:.0f} ms (median over processes), {len(samples)} samples")
        if floor is not None:
            table.notes.append(f"d. key to frame, measured at the first frame that shows the result (bench/frames.py); "
                               f"the floor line is the least a key costs here: {floor:.1f} ms p50")
        hwm = [run["hwm_mb"] for run in screen_runs]
        table.absolute("e. peak memory (VmHWM) of the app after all screens, max of runs", max(hwm), "MB", 250)
        table.notes.append(f"e. VmHWM per run: {', '.join(f'{h:.0f}' for h in hwm)} MB; RSS at dashboard ready: "
                           + ", ".join(f"{m['rss_mb']:.0f}" for m in ready_info) + " MB; RSS after all screens: "
                           + ", ".join(f"{run['rss_mb']:.0f}" for run in screen_runs) + " MB")
        problems = sorted({p for run in screen_runs for p in run["problems"]})
        if problems:
            table.notes.append("d. problems while driving the app: " + "; ".join(problems))
    else:
        table.missing("d./e. screens and memory", "no run finished")
    if errors:
        table.notes.append("b/d/e. errors: " + "; ".join(errors))


def measure_export(db: Path, config: Path, env: dict, table: Table, repeat: int, folder: Path) -> None:
    desk = Path(sys.executable).with_name("desk")
    command = [str(desk)] if desk.exists() else [sys.executable, "-m", "screens.launch"]
    sqlite3_cli = shutil.which("sqlite3")
    help_text = subprocess.run([*command, "export", "--help"], capture_output=True, text=True, env=env).stdout
    if "contacts" not in help_text:
        table.missing("c. CSV export of all contact moments", "desk export contacts not available (yet)")
        return
    if not sqlite3_cli:
        table.missing("c. CSV export of all contact moments", "no sqlite3 command-line shell on PATH")
        return
    app_times, shell_times, lines = [], [], {}
    def run_app(i: int) -> str | None:
        out = folder / f"export-app-{i}.csv"
        start = time.perf_counter()
        done = subprocess.run([*command, "export", "contacts", "--format", "csv", "--out", str(out), "--db", str(db)],
                              capture_output=True, text=True, env=env)
        app_times.append((time.perf_counter() - start) * 1000)
        if done.returncode:
            return f"desk export failed: {done.stderr.strip()[:200]}"
        lines["app"] = _count_rows(out)
        out.unlink()
        return None

    def run_shell(i: int) -> str | None:
        out = folder / f"export-shell-{i}.csv"
        start = time.perf_counter()
        with out.open("wb") as stream:
            done = subprocess.run([sqlite3_cli, "-csv", "-header", "-separator", ";", str(db), CONTACT_EXPORT_SQL],
                                  stdout=stream, stderr=subprocess.PIPE, env={**env, "TZ": "Europe/Amsterdam"})
        shell_times.append((time.perf_counter() - start) * 1000)
        if done.returncode:
            return f"sqlite3 failed: {done.stderr.decode()[:200]}"
        lines["shell"] = _count_rows(out)
        out.unlink()
        return None

    for i in range(max(repeat, 2)):  # alternating which goes first, so neither always reads warm pages
        for run in (run_app, run_shell) if i % 2 == 0 else (run_shell, run_app):
            failed = run(i)
            if failed:
                table.missing("c. CSV export of all contact moments", failed)
                return
    table.ratio("c. CSV export of all contact moments", median(app_times), median(shell_times), 2)
    table.notes.append(f"c. export runs (ms), desk: {', '.join(f'{t:.0f}' for t in app_times)}; sqlite3 -csv: "
                       f"{', '.join(f'{t:.0f}' for t in shell_times)}; rows written: desk {lines['app']:,}, "
                       f"sqlite3 {lines['shell']:,} (header included)")


# Seconds between two saves: an intake takes far longer than this to type, and the app's thread
# merges the search index and checkpoints half a second after a commit (desk/core/checkpoints.py).
SAVE_PACE = 0.75


def measure_intake_save(db: Path, table: Table, repeat: int, folder: Path) -> None:
    """An intake with a new organisation, a new person, a need and a follow-up, saved through the
    service the screen's worker calls (duplicate check included), on a copy of the data set. Each
    save follows the one before, so the duplicate check must catch up with one new organisation.
    As in the form, the name is checked before the save, and saves are SAVE_PACE apart.

    The limit, in the same run and alternating with the saves: a bare commit of one row to the same
    file with the same settings, which is what the disk's fsync costs. Then the same saves without
    the fsync (synchronous=OFF, on the copy only): Desk's own share."""
    import uuid  # noqa: PLC0415

    from db.connection import connect  # noqa: PLC0415
    from desk.core.config import make_user  # noqa: PLC0415
    from desk.work import duplicates, intake  # noqa: PLC0415
    from desk.work.opening import open_workspace  # noqa: PLC0415

    copy = folder / "intake.sqlite"
    shutil.copyfile(db, copy)
    os.sync()  # the copy's own writes are set-up: they are not to land in the saves' fsyncs
    ws = open_workspace(copy, make_user("Bench Mark", "BM"))
    ws.checkpoint_apart()  # as the app (screens/app.py)
    bare = connect(copy).conn  # Desk's settings: WAL, synchronous=FULL
    bare.execute("PRAGMA wal_autocheckpoint = 0")  # its commits copy no log back: the fsync alone
    bare.execute("CREATE TABLE bench_commit (n INTEGER)")
    duplicates.find_similar(ws, "eerste letters")  # the screen checks while the name is typed
    saves, commits, unsynced, checks = [], [], [], []

    def save(i: int, into: list[float]) -> None:
        data = {"organisation_name": f"{uuid.uuid4().hex[:12]} bv", "person_name": f"Bank Bench {i}",
                "person_email": f"bench{i}@voorbeeld.nl", "needs": ["Financiering"],
                "notes": "eerste gesprek op de beurs", "follow_up_text": "over 2 weken bellen"}
        duplicates.find_similar(ws, data["organisation_name"])  # the form checks the name as it is typed
        time.sleep(SAVE_PACE)
        start = time.perf_counter()
        intake.save_intake(ws, data)
        into.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        duplicates.find_similar(ws, data["organisation_name"])
        checks.append((time.perf_counter() - start) * 1000)

    def commit_one(i: int) -> None:
        start = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO bench_commit VALUES (?)", [i])
        bare.execute("COMMIT")
        commits.append((time.perf_counter() - start) * 1000)

    count = max(30, 10 * repeat)
    for i in range(count):
        if i % 2:
            commit_one(i)
        save(i, saves)
        if not i % 2:
            commit_one(i)
    ws.db.execute("PRAGMA synchronous = OFF")
    for i in range(count, 2 * count):
        save(i, unsynced)
    bare.close()
    ws.close()
    copy.unlink()
    table.latency("f. intake with a new organisation: save (duplicate check included)", percentile(saves, 0.5),
                  percentile(saves, 0.95), 20)
    table.latency("f. (limit) a bare commit of one row, same file and settings", percentile(commits, 0.5),
                  percentile(commits, 0.95), None)
    table.latency("f. (Desk's own share) the same save without the fsync", percentile(unsynced, 0.5),
                  percentile(unsynced, 0.95), 20)
    table.notes.append(f"f. {len(saves)} saves, ms: " + ", ".join(f"{t:.0f}" for t in saves) + "; bare commits, "
                       "ms: " + ", ".join(f"{t:.0f}" for t in commits) + "; the duplicate check alone, right "
                       f"after a save: p50 {percentile(checks, 0.5):.1f} ms, p95 {percentile(checks, 0.95):.1f} ms. "
                       "Each save is one transaction with synchronous=FULL (design.md), so its time includes an "
                       "fsync; saves and bare commits alternate")


def _count_rows(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, action="append",
                        help="an existing data set, one per scale in --scale's order (default: generate them)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (medians); default 3")
    parser.add_argument("--scale", default="1", help="scale of the data set; several, as 1,4, print one table "
                        "with a column per scale (default 1: the design scale)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data sets")
    parser.add_argument("--only", default=",".join(MEASURES),
                        help=f"comma-separated measures to run, of {','.join(MEASURES)}; default all")
    parser.add_argument("--child", choices=["empty", "libraries", "app", "typing"], help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--busy-kvk", help=argparse.SUPPRESS)
    parser.add_argument("--typical-kvk", help=argparse.SUPPRESS)
    parser.add_argument("--no-screens", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child in ("empty", "libraries"):
        asyncio.run(child_empty(with_libraries=args.child == "libraries"))
        return
    if args.child == "typing":
        from bench.backup import child_typing  # noqa: PLC0415

        asyncio.run(child_typing(args.db[0], args.config))
        return
    if args.child == "app":
        asyncio.run(child_app(args.db[0], args.config, args.busy_kvk, args.typical_kvk, not args.no_screens))
        return

    only = set(args.only.split(","))
    if only - set(MEASURES):
        parser.error(f"unknown measure(s): {', '.join(sorted(only - set(MEASURES)))}")
    scales = [float(scale) for scale in args.scale.split(",")]
    if len(args.db or []) > len(scales):
        parser.error("give at most one --db per scale")
    started = time.perf_counter()
    tables = []
    for position, scale in enumerate(scales):
        given = args.db[position] if args.db and position < len(args.db) else None
        tables.append(run_at_scale(scale, given, only, args.repeat, args.keep))
    import textual  # noqa: PLC0415

    machine = (f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
               f"Textual {textual.__version__}; --repeat {args.repeat}; whole run {time.perf_counter() - started:.0f} s")
    if len(tables) == 1:
        tables[0].notes.append(machine)
        tables[0].print()
    else:
        print_side_by_side(scales, tables, machine)


def run_at_scale(scale: float, db: Path | None, only: set[str], repeat: int, keep: bool) -> Table:
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    table = Table()
    generated = db is None
    try:
        if not generated:
            table.notes.append(f"data set: {db} (given)")
        else:
            from bench.generate import generate  # noqa: PLC0415

            db = folder / "bench.sqlite"
            print(f"generating the data set (scale {scale:g}) in {db} ...", file=sys.stderr, flush=True)
            result = generate(db, scale, quiet=True)
            counts = ", ".join(f"{k} {v:,}" for k, v in result["counts"].items())
            table.absolute("generator: data set through the app's schema", result["seconds"], "s", 120 * scale)
            table.notes.append(f"data set: {result['size_mb']:.0f} MB, {counts}; FTS {result['fts']}; "
                               f"history up to {result['today']}, seed {result['seed']}")
        config = folder / "config.json"
        config.write_text(json.dumps({"name": "Bench Mark", "initials": "BM"}), encoding="utf-8")
        env = {**os.environ, "DESK_CONFIG": str(config)}
        env.pop("DESK_DB", None)
        # As on a user's laptop, Python keeps the compiled modules in __pycache__ after the first
        # start. Where PYTHONDONTWRITEBYTECODE is set (this machine's shell sets it), every start
        # would compile Desk's own modules again (100-150 ms here), while the libraries come compiled.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"scale {scale:g}:", file=sys.stderr, flush=True)
        if "search" in only:
            print("a. search while typing ...", file=sys.stderr, flush=True)
            measure_search(db, table, repeat)
        if "app" in only:
            print("b/d/e. start-up, screens, memory (fresh processes) ...", file=sys.stderr, flush=True)
            measure_app(db, config, env, table, repeat)
        if "export" in only:
            print("c. CSV export ...", file=sys.stderr, flush=True)
            measure_export(db, config, env, table, repeat, folder)
        if "save" in only:
            print("f. intake save ...", file=sys.stderr, flush=True)
            measure_intake_save(db, table, repeat, folder)
        if "backup" in only:
            from bench.backup import measure_backup  # noqa: PLC0415

            print("g. daily backup ...", file=sys.stderr, flush=True)
            measure_backup(db, table, folder, run_child, env, config)
    finally:
        if keep and generated:
            print(f"data set kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return table


def print_side_by_side(scales: list[float], tables: list[Table], machine: str) -> None:
    """One row per measure, its value and result at each scale: what stays flat, what grows."""
    header = ["measure", "target"] + [part for scale in scales for part in (f"{scale:g}x", "")]
    names = list(dict.fromkeys(row[0] for table in tables for row in table.rows))
    rows = []
    for name in names:
        found = [next((row for row in table.rows if row[0] == name), None) for table in tables]
        target = next((row[4] for row in found if row and row[4]), "")
        cells = [cell for row in found for cell in ((row[1], row[5]) if row else ("n/a", ""))]
        rows.append([name, target, *cells])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print(line)
    for row in rows:
        print("  ".join(cell.rjust(w) if i >= 2 and i % 2 == 0 else cell.ljust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))))
    print(line)
    for scale, table in zip(scales, tables):
        for note in table.notes:
            print(f"- {scale:g}x: {note}")
    print(f"- {machine}")


if __name__ == "__main__":
    main()
