"""Time and identity of records: UTC ISO-8601 timestamps, ids unique across laptops.

Every "now" and "today" in Desk comes from here, so that a test (or a demo recorded for a fixed
day) can set the clock in one place: ``frozen(moment)`` in the process, or the environment variable
``DESK_NOW`` (an ISO date or date-time) for a command run as a child process. Nothing else in desk/
or screens/ reads the system clock for dates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
NOW_VARIABLE = "DESK_NOW"

_frozen_at: dt.datetime | None = None


def _from_environment() -> dt.datetime | None:
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return None
    if len(text) == 10:  # a date alone: noon that day, as frozen() does
        return _at_noon(dt.date.fromisoformat(text))
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TZ)  # a wall-clock time is Amsterdam's


def _at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=LOCAL_TZ)


def now_utc() -> dt.datetime:
    fixed = _frozen_at or _from_environment()
    if fixed is not None:
        return fixed.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)


def now_local() -> dt.datetime:
    return now_utc().astimezone(LOCAL_TZ)


def today() -> dt.date:
    """Today in the Netherlands, whatever the laptop's own time zone."""
    return now_local().date()


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date) -> Iterator[None]:
    """Let the clock stand at ``moment`` (a date means 12:00 Amsterdam time that day)."""
    global _frozen_at
    if not isinstance(moment, dt.datetime):
        moment = _at_noon(moment)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    before, _frozen_at = _frozen_at, moment
    try:
        yield
    finally:
        _frozen_at = before


def utc_iso(moment: dt.datetime | None = None) -> str:
    moment = moment or now_utc()
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return str(uuid.uuid4())


def local_text(iso: str | None, with_time: bool = True) -> str:
    """A stored UTC timestamp as Amsterdam local time, e.g. ``23-11-2026 14:05``. A value that is no
    timestamp (a damaged or hand-edited row) is shown as it is stored rather than failing the screen."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone(LOCAL_TZ)
    except (TypeError, ValueError):
        return str(iso)
    return moment.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")
