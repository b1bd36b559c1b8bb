"""g. The daily backup at scale (bench/run.py --only backup): a full one, one after a day's work that
starts from an older backup as the daily backup does after its first week, and typing in the
organisations search while the app's own daily backup runs, against typing after it.

Limits measured in the same run: a plain file copy of the data set (the least a full copy costs),
and the same keystrokes in the same app process once the backup is done.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.frames import FrameClock, percentile

WORDS = ["groen", "bakker", "stichting", "circulair", "jansen"]
DAY_OF_INTAKES = 50


def measure_backup(db: Path, table, folder: Path, run_child, env: dict, config: Path) -> None:
    work = folder / "backup" / "desk.sqlite"
    work.parent.mkdir()
    start = time.perf_counter()
    shutil.copyfile(db, work)
    plain_copy = time.perf_counter() - start
    start = time.perf_counter()
    full = _page_copy(work, work.parent / "full.sqlite", None)
    full_seconds = time.perf_counter() - start
    table.absolute("g. full backup (its own process, nothing to start from; the issue: minutes at 4x)",
                   full_seconds, "s", 180)
    _a_day_of_intakes(work)
    start = time.perf_counter()
    day = _page_copy(work, work.parent / "next.sqlite", work.parent / "full.sqlite")
    day_seconds = time.perf_counter() - start
    table.absolute(f"g. backup after a day of {DAY_OF_INTAKES} intakes, from an older backup: share of pages written",
                   100 * day["written"] / day["pages"], "%", 5)
    table.ratio("g. the same backup's time, against the full one (it still reads both files and checks the copy)",
                day_seconds, full_seconds, 1, "s")
    table.notes.append(f"g. pages written: full {full['written']:,} of {full['pages']:,}; after the day "
                       f"{day['written']:,} of {day['pages']:,} ({100 * day['written'] / day['pages']:.2f}%); "
                       f"inside the process: full {full['seconds']:.1f} s, the day {day['seconds']:.1f} s; "
                       f"a plain copy of the file {plain_copy:.1f} s")
    shutil.rmtree(work.parent)
    _measure_typing(db, table, folder, run_child, env, config)


def _page_copy(source: Path, target: Path, base: Path | None) -> dict:
    request = {"source": str(source), "target": str(target), "base": str(base) if base else None, "passphrase": None}
    done = subprocess.run([sys.executable, "-m", "db.page_copy"], input=json.dumps(request), text=True,
                          capture_output=True, check=True)
    return json.loads(done.stdout)


def _a_day_of_intakes(path: Path) -> None:
    from desk.core.config import make_user  # noqa: PLC0415
    from desk.work import intake  # noqa: PLC0415
    from desk.work.opening import open_workspace  # noqa: PLC0415

    ws = open_workspace(path, make_user("Bench Mark", "BM"))
    for i in range(DAY_OF_INTAKES):
        intake.save_intake(ws, {"organisation_name": f"{uuid.uuid4().hex[:12]} bv", "person_name": f"Bank Bench {i}",
                                "needs": ["Financiering"], "notes": "op de beurs gesproken",
                                "follow_up_text": "over 2 weken bellen"})
    ws.close()


def _measure_typing(db: Path, table, folder: Path, run_child, env: dict, config: Path) -> None:
    """A copy without today's backup, so that the app starts its daily backup (a full one: the worst case)."""
    copy = folder / "typing" / "desk.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(db, copy)
    _, messages, stderr = run_child(["--child", "typing", "--db", str(copy), "--config", str(config)], env)
    shutil.rmtree(copy.parent)
    [typed] = [m for m in messages if m["kind"] == "typing"] or [None]
    if typed is None:
        why = (stderr.strip().splitlines() or ["no run"])[-1][:60]
        table.missing("g. search keystroke while the daily backup runs", why)
        return
    if not typed["during"]:
        table.missing("g. search keystroke while the daily backup runs", "backup done before the first key")
        return
    during, after = typed["during"], typed["after"]
    table.latency("g. search keystroke while the daily backup runs", percentile(during, 0.5),
                  percentile(during, 0.95), 50)
    table.latency("g. the same keystrokes after it, same process", percentile(after, 0.5), percentile(after, 0.95),
                  None)
    table.notes.append(f"g. typing: {len(during)} keystrokes during the backup ({typed['backup_s']:.1f} s from the "
                       f"app's start), {len(after)} after it")


async def child_typing(db: Path, config: Path) -> None:
    """The app as the desk command starts it; type words in the search while its backup runs."""
    from desk.core.config import load_user  # noqa: PLC0415
    from desk.work.opening import open_workspace  # noqa: PLC0415
    from screens.app import make_app  # noqa: PLC0415

    started = time.perf_counter()
    app = make_app(open_workspace(db, load_user(config)), config, prepare_modes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        def backup_running() -> bool:
            return any(w.group == "backup" and not w.is_finished for w in app.workers)

        async def settle() -> None:  # as bench/run.py's, without waiting for the backup
            await pilot.pause()
            for worker in [w for w in app.workers if w.group != "backup" and not w.is_finished]:
                await worker.wait()
            await pilot.pause()

        async def type_word(word: str, into: list[float]) -> None:
            await pilot.press("slash")
            typed = ""
            for char in word:
                typed += char
                into.append(await clock.press(char, lambda query=typed: getattr(app.screen, "shown_query", None)
                                              == query))
            await pilot.press("escape")
            await settle()

        await settle()
        clock = FrameClock(app)
        await pilot.press("o")
        await settle()
        during: list[float] = []
        words = 0
        while backup_running():
            await type_word(WORDS[words % len(WORDS)], during)
            words += 1
        backup_s = time.perf_counter() - started
        await app.workers.wait_for_complete()
        after: list[float] = []
        for i in range(words):
            await type_word(WORDS[i % len(WORDS)], after)
        print(json.dumps({"kind": "typing", "during": during, "after": after, "backup_s": backup_s}),
              flush=True)
