"""Time and identity of records: UTC ISO-8601 timestamps, ids unique across laptops."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc_iso(moment: dt.datetime | None = None) -> str:
    moment = moment or now_utc()
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return str(uuid.uuid4())


def local_text(iso: str | None, with_time: bool = True) -> str:
    """A stored UTC timestamp as Amsterdam local time, e.g. ``23-11-2026 14:05``."""
    if not iso:
        return ""
    moment = dt.datetime.fromisoformat(iso).astimezone(LOCAL_TZ)
    return moment.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")
