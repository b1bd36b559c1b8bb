"""Follow-ups as an iCalendar (.ics) file that Outlook, Google Calendar and Apple Calendar import.

Each follow-up becomes a VEVENT, not a VTODO: Outlook imports events reliably but drops tasks.

- UID ``<followup id>@desk``, so importing the file again updates rather than duplicates.
- A follow-up without a time is an all-day event (DTEND the next day, as RFC 5545 wants), marked
  TRANSPARENT so a reminder does not block the whole day in free/busy.
- A follow-up with a time (Europe/Amsterdam) is a 30-minute event written in UTC; no VTIMEZONE needed.
- No RRULE: Desk creates the next occurrence itself when one is marked done, so a calendar
  repetition would show every occurrence twice. The description says how it repeats instead.
- No VALARM: a reminder time for an all-day event means something different in every client.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import IO

from icalendar import Calendar, Event

from desk.core.clock import LOCAL_TZ, now_utc
from desk.core.workspace import Workspace
from desk.work.followups import FollowUp, open_followups

PRODID = "-//Desk//Desk opvolging//NL"
DEFAULT_CALENDAR_NAME = "Desk opvolging"
TIMED_EVENT_LENGTH = dt.timedelta(minutes=30)


def _summary(followup: FollowUp) -> str:
    return f"{followup.title} — {followup.organisation_name}" if followup.organisation_name else followup.title


def _description(followup: FollowUp) -> str:
    lines = []
    if followup.organisation_name:
        lines.append(f"Organisatie: {followup.organisation_name}")
    if followup.recurrence:
        lines.append(f"Herhaalt: {followup.recurrence_text}")
    lines.append("Vastgelegd in Desk")
    return "\n".join(lines)


def _start_utc(followup: FollowUp) -> dt.datetime:
    """The local Amsterdam due date and time as a UTC moment."""
    hours, minutes = (int(part) for part in followup.due_time.split(":"))
    local = dt.datetime.combine(followup.due_date, dt.time(hours, minutes), tzinfo=LOCAL_TZ)
    return local.astimezone(dt.UTC)


def followup_event(followup: FollowUp, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{followup.id}@desk")
    event.add("dtstamp", stamp)
    event.add("summary", _summary(followup))
    event.add("description", _description(followup))
    if followup.due_time:
        start = _start_utc(followup)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT_LENGTH)
    else:
        event.add("dtstart", followup.due_date)
        event.add("dtend", followup.due_date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    return event


def build_calendar(followups: Iterable[FollowUp], calendar_name: str = DEFAULT_CALENDAR_NAME,
                   now: dt.datetime | None = None) -> tuple[Calendar, int]:
    stamp = (now or now_utc()).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    count = 0
    for followup in followups:
        calendar.add_component(followup_event(followup, stamp))
        count += 1
    return calendar, count


def write_ics(followups: Iterable[FollowUp], out: IO, calendar_name: str = DEFAULT_CALENDAR_NAME,
              now: dt.datetime | None = None) -> int:
    """Write the follow-ups as one calendar to ``out`` (binary, or text) and return how many events."""
    calendar, count = build_calendar(followups, calendar_name, now)
    data = calendar.to_ical()
    if isinstance(out, io.TextIOBase):
        if hasattr(out, "buffer"):  # e.g. sys.stdout: keep the CRLF line ends exactly as they are
            out.flush()
            out.buffer.write(data)
            out.buffer.flush()
        else:
            out.write(data.decode("utf-8"))
    else:
        out.write(data)
    return count


def followups_ics(ws: Workspace, out: IO, calendar_name: str = DEFAULT_CALENDAR_NAME) -> int:
    """All open follow-ups as an .ics calendar; returns the number of events written."""
    return write_ics(open_followups(ws), out, calendar_name)
