"""Events (evenementen) and event mode: the event new intakes belong to while it is on."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, field_validator

from desk.core import clock
from desk.core import validation as v
from desk.core.clock import new_id
from desk.core.errors import NotFound
from desk.core.settings import get_setting, set_setting
from desk.core.validation import validate
from desk.core.workspace import Workspace
from desk.dates.phrases import parse_date

CURRENT_EVENT = "current_event_id"
CURRENT_EVENT_UNTIL = "current_event_until"  # the last day event mode is on, YYYY-MM-DD
EVENT_LABELS = {"name": "Naam", "date": "Datum", "place": "Plaats"}


class EventInput(BaseModel):
    name: str
    date: dt.date
    place: str | None = None

    _name = field_validator("name", mode="before")(lambda cls, value: v.check_required_name(value))
    _place = field_validator("place", mode="before")(lambda cls, value: v.clean_text(value))

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError("is verplicht")
            return parse_date(value, clock.today())
        return value


class Event(BaseModel):
    id: str
    name: str
    date: dt.date
    place: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.date:%d-%m-%Y})"


def create_event(ws: Workspace, data: EventInput | dict) -> Event:
    data = data if isinstance(data, EventInput) else validate(EventInput, data, EVENT_LABELS)
    event_id = new_id()
    with ws.write() as db:
        db["events"].insert({"id": event_id, "name": data.name, "date": data.date.isoformat(),
                             "place": data.place, **ws.stamp_new()})
        ws.audit("aangemaakt", "event", event_id, data.name)
    return get_event(ws, event_id)


def get_event(ws: Workspace, event_id: str) -> Event:
    with ws.read() as db:
        row = next(db.query("SELECT id, name, date, place FROM events WHERE id = ? AND deleted_at IS NULL",
                            [event_id]), None)
    if row is None:
        raise NotFound("Dat evenement bestaat niet (meer).")
    return Event(**row)


def list_events(ws: Workspace) -> list[Event]:
    with ws.read() as db:
        rows = db.query("SELECT id, name, date, place FROM events WHERE deleted_at IS NULL ORDER BY date DESC, name")
        return [Event(**row) for row in rows]


def find_event(ws: Workspace, name_or_id: str) -> Event | None:
    wanted = name_or_id.strip().casefold()
    return next((e for e in list_events(ws) if e.id == name_or_id or e.name.casefold() == wanted), None)


def current_event(ws: Workspace, today: dt.date | None = None) -> Event | None:
    """The event in event mode, or None when event mode is off. It goes off by itself after its last
    day: the event's date, or the day it was switched on when that is later (contact moments typed in
    after an event)."""
    event_id = get_setting(ws, CURRENT_EVENT)
    if not event_id:
        return None
    try:
        event = get_event(ws, event_id)
    except NotFound:
        return None
    until = get_setting(ws, CURRENT_EVENT_UNTIL)
    last_day = dt.date.fromisoformat(until) if until else event.date
    return None if (today or clock.today()) > last_day else event


def set_current_event(ws: Workspace, event_id: str | None, today: dt.date | None = None) -> Event | None:
    """Event mode on for this event (until the end of its last day), or off with None."""
    event = get_event(ws, event_id) if event_id else None
    last_day = max(event.date, today or clock.today()) if event else None
    with ws.write():
        set_setting(ws, CURRENT_EVENT, event_id or "")
        set_setting(ws, CURRENT_EVENT_UNTIL, last_day.isoformat() if last_day else "")
    return event
