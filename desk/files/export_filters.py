"""Which records an export holds: the filter, and turning what a user typed (dates, names, ids)
into one, with Dutch messages for what does not exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.core import clock
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.dates.phrases import parse_date
from desk.records import events, terms
from desk.work.duplicates import normalise_name

FILTER_NAMES = ("date_from", "date_to", "event_id", "organisation_id", "theme", "need", "author")


@dataclass(frozen=True)
class ExportFilter:
    """Which records an export holds; every part is optional. ``description`` is Dutch, for the
    audit log and messages."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_id: str | None = None
    organisation_id: str | None = None
    theme: str | None = None
    need: str | None = None
    author: str | None = None
    description: str = ""

    def given(self) -> set[str]:
        return {name for name in FILTER_NAMES if getattr(self, name)}


# --- turning what a user typed into a filter ------------------------------------------------------

def parse_period(date_from: str | None, date_to: str | None,
                 today: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """Dutch date phrases or ISO dates; ValueError with a Dutch message."""
    today = today or clock.today()
    parsed = []
    for label, text in (("van", date_from), ("tot en met", date_to)):
        try:
            parsed.append(parse_date(text, today) if text and text.strip() else None)
        except ValueError as exc:
            raise ValueError(f"{label}: {exc}") from None
    if parsed[0] and parsed[1] and parsed[1] < parsed[0]:
        raise ValueError(f"de periode eindigt ({parsed[1]:%d-%m-%Y}) voor hij begint ({parsed[0]:%d-%m-%Y})")
    return parsed[0], parsed[1]


def find_organisation_id(ws: Workspace, text: str) -> tuple[str, str]:
    """(id, name) of the organisation with this id, KvK-nummer or name; DeskError when there is
    none or more than one."""
    wanted = text.strip()
    with ws.read() as db:
        rows = db.execute("SELECT id, name FROM organisations WHERE deleted_at IS NULL AND (id = ? OR kvk = ?)",
                          [wanted, wanted]).fetchall()
        if not rows:
            rows = db.execute("SELECT id, name FROM organisations WHERE deleted_at IS NULL AND name = ? "
                              "COLLATE NOCASE", [wanted]).fetchall()
        if not rows:
            normalised = normalise_name(wanted)
            rows = [(org_id, name) for org_id, name in db.execute(
                "SELECT id, name FROM organisations WHERE deleted_at IS NULL") if normalise_name(name) == normalised]
    if not rows:
        raise DeskError(f"Geen organisatie gevonden met naam, KvK-nummer of id '{wanted}'.")
    if len(rows) > 1:
        options = "; ".join(f"{name} ({org_id})" for org_id, name in rows[:5])
        raise DeskError(f"'{wanted}' past bij {len(rows)} organisaties; geef het id: {options}.")
    return rows[0][0], rows[0][1]


def find_event_id(ws: Workspace, text: str) -> tuple[str, str]:
    """(id, label) of the event with this id or name; DeskError when none or several fit."""
    wanted = text.strip().casefold()
    found = [e for e in events.list_events(ws) if e.id == text.strip() or e.name.casefold() == wanted
             or e.label.casefold() == wanted]
    if not found:
        raise DeskError(f"Geen evenement '{text.strip()}'.")
    if len(found) > 1:
        options = "; ".join(f"{e.label}: {e.id}" for e in found[:5])
        raise DeskError(f"Er zijn {len(found)} evenementen '{text.strip()}'; geef naam en datum of het id: {options}.")
    return found[0].id, found[0].label


def _term_label(ws: Workspace, kind: str, text: str, what: str) -> str:
    labels = terms.labels(ws, kind, include_archived=True)
    match = next((label for label in labels if label.casefold() == text.strip().casefold()), None)
    if match is None:
        raise DeskError(f"Onbekend {what} '{text.strip()}'; kies uit: {', '.join(labels)}.")
    return match


def build_filter(ws: Workspace, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 event: str | None = None, organisation: str | None = None, theme: str | None = None,
                 need: str | None = None, author: str | None = None) -> ExportFilter:
    """The filter for what a user typed (names or ids); DeskError (Dutch) for what does not exist."""
    parts: list[str] = []
    values: dict = {"date_from": date_from, "date_to": date_to}
    if date_from:
        parts.append(f"van {date_from.isoformat()}")
    if date_to:
        parts.append(f"tot en met {date_to.isoformat()}")
    if event and event.strip():
        values["event_id"], label = find_event_id(ws, event)
        parts.append(f"evenement {label}")
    if organisation and organisation.strip():
        values["organisation_id"], name = find_organisation_id(ws, organisation)
        parts.append(f"organisatie {name}")
    if theme and theme.strip():
        values["theme"] = _term_label(ws, terms.THEME, theme, "thema")
        parts.append(f"thema {values['theme']}")
    if need and need.strip():
        values["need"] = _term_label(ws, terms.NEED, need, "ondersteuningsvraag")
        parts.append(f"vraag {values['need']}")
    if author and author.strip():
        values["author"] = author.strip()
        parts.append(f"auteur {values['author']}")
    return ExportFilter(**values, description=", ".join(parts))

