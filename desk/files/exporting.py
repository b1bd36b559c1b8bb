"""Exports of contact moments, organisations with their persons (the address list), referrals and
follow-ups as CSV, JSON Lines or XLSX.

Exports stream: records are read a page at a time by keyset (never all rows at once) and written
as they come. XLSX goes through openpyxl's write-only mode, which writes rows to a temporary file
as inline strings, so no sheet or string table grows in memory.

CSV opens correctly in Excel with Dutch settings: UTF-8 with BOM, ``;`` by default, and cells that
would run as a formula neutralised (desk.files.csv_safety). CSV and XLSX have Dutch headers and one row per
record, except the address list: one row per contact person of an organisation. JSON Lines has one
object per record with English keys (the field names), lists as lists and times in UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from desk.core import clock
from desk.core.clock import LOCAL_TZ, utc_iso
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.dates.phrases import parse_date
from desk.dates.recurrence import Recurrence
from desk.files.csv_safety import escape_guard, neutralise
from desk.files.writing import write_file_privately
from desk.records import events, terms
from desk.records.contacts import ContactFilter
from desk.records.contacts import _where as contacts_where
from desk.work.duplicates import normalise_name

FORMATS = ("csv", "jsonl", "xlsx")
FORMAT_NAMES = {"csv": "CSV", "jsonl": "JSON Lines", "xlsx": "Excel (xlsx)"}
DELIMITERS = {";": ";", ",": ",", "tab": "\t"}
PAGE_SIZE = 1000
PROGRESS_EVERY = 500
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


@dataclass(frozen=True)
class Column:
    key: str  # the JSON Lines key
    header: str  # the CSV/XLSX header
    kind: str = "text"  # text | list | bool | moment (UTC ISO, shown as local time)


@dataclass(frozen=True)
class Query:
    """One export's SQL: ``FROM ... WHERE ...`` plus what to select and the keyset order."""

    columns: str
    source: str  # FROM ... WHERE ...
    params: list
    order: tuple[str, ...]
    json_keys: tuple[str, ...] = ()  # columns selected as JSON text (json_group_array)


@dataclass(frozen=True)
class Kind:
    singular: str
    plural: str
    columns: tuple[Column, ...]
    filters: frozenset[str]
    query: Callable[[ExportFilter], Query]
    finish: Callable[[dict], dict] = lambda record: record
    rows: Callable[[dict], Iterable[dict]] = lambda record: (record,)


# --- the queries --------------------------------------------------------------------------------

def _local_midnight_utc(day: dt.date) -> str:
    return utc_iso(dt.datetime.combine(day, dt.time(), LOCAL_TZ))


def _theme_condition(org_column: str) -> str:
    return (f"{org_column} IN (SELECT ot.organisation_id FROM organisation_terms ot JOIN terms t "
            "ON t.id = ot.term_id WHERE t.kind = 'theme' AND t.label = ?)")


def _period_conditions(column: str, flt: ExportFilter, as_moment: bool) -> tuple[list[str], list]:
    """``column`` between the local days from and to (inclusive); a UTC moment or a local date."""
    where, params = [], []
    if flt.date_from:
        where.append(f"{column} >= ?")
        params.append(_local_midnight_utc(flt.date_from) if as_moment else flt.date_from.isoformat())
    if flt.date_to:
        if as_moment:
            where.append(f"{column} < ?")
            params.append(_local_midnight_utc(flt.date_to + dt.timedelta(days=1)))
        else:
            where.append(f"{column} <= ?")
            params.append(flt.date_to.isoformat())
    return where, params


def _contact_filter(flt: ExportFilter, organisation: bool = True) -> ContactFilter:
    return ContactFilter(date_from=flt.date_from, date_to=flt.date_to, event_id=flt.event_id, need=flt.need,
                         theme=flt.theme, author=flt.author,
                         organisation_id=flt.organisation_id if organisation else None)


def _contacts_query(flt: ExportFilter) -> Query:
    source, params = contacts_where(_contact_filter(flt))
    columns = """c.id, c.occurred_at, o.name AS organisation, o.kvk AS organisation_kvk, c.organisation_id,
        (SELECT json_group_array(name) FROM (SELECT p.name FROM contact_persons cp JOIN persons p
            ON p.id = cp.person_id WHERE cp.contact_id = c.id AND p.deleted_at IS NULL ORDER BY p.name)) AS persons,
        (SELECT label FROM terms WHERE terms.id = c.channel_id) AS channel,
        c.subject, c.notes,
        (SELECT json_group_array(label) FROM (SELECT t.label FROM contact_needs cn JOIN terms t
            ON t.id = cn.term_id WHERE cn.contact_id = c.id ORDER BY t.position)) AS needs,
        (SELECT name FROM events WHERE events.id = c.event_id) AS event,
        c.author, c.follow_up_text"""
    return Query(columns, source, params, ("c.occurred_at", "c.seq"), ("persons", "needs"))


def _organisations_query(flt: ExportFilter) -> Query:
    where, params = ["o.deleted_at IS NULL"], []
    if flt.organisation_id:
        where.append("o.id = ?")
        params.append(flt.organisation_id)
    if flt.theme:
        where.append(_theme_condition("o.id"))
        params.append(flt.theme)
    if flt.given() & {"date_from", "date_to", "event_id", "need", "author"}:
        # The organisations that had a contact moment that fits: "everyone I spoke to at the event".
        contact_source, contact_params = contacts_where(_contact_filter(flt, organisation=False))
        where.append(f"o.id IN (SELECT c.organisation_id {contact_source})")
        params.extend(contact_params)
    columns = """o.id, o.name, o.kvk, o.branch_number,
        (SELECT label FROM terms WHERE terms.id = o.legal_form_id) AS legal_form,
        o.street, o.postcode, o.city, o.municipality, o.website,
        (SELECT label FROM terms WHERE terms.id = o.impact_type_id) AS impact_type,
        (SELECT json_group_array(label) FROM (SELECT t.label FROM organisation_terms ot JOIN terms t
            ON t.id = ot.term_id WHERE ot.organisation_id = o.id AND t.kind = 'theme'
            ORDER BY t.position, t.label)) AS themes,
        (SELECT json_group_array(sdg) FROM (SELECT sdg FROM organisation_sdgs
            WHERE organisation_id = o.id ORDER BY sdg)) AS sdgs,
        o.is_partner,
        (SELECT json_group_array(label) FROM (SELECT t.label FROM organisation_terms ot JOIN terms t
            ON t.id = ot.term_id WHERE ot.organisation_id = o.id AND t.kind = 'ecosystem_domain'
            ORDER BY t.position, t.label)) AS ecosystem_domains,
        o.archived, o.notes,
        (SELECT json_group_array(json_object('id', id, 'name', name, 'role', role, 'email', email,
                                             'phone', phone, 'notes', notes))
            FROM (SELECT p.* FROM persons p JOIN person_organisations po ON po.person_id = p.id
                  WHERE po.organisation_id = o.id AND p.deleted_at IS NULL
                  ORDER BY p.name COLLATE NOCASE, p.id)) AS persons"""
    return Query(columns, f"FROM organisations o WHERE {' AND '.join(where)}", params,
                 ("o.name COLLATE NOCASE", "o.id"), ("themes", "sdgs", "ecosystem_domains", "persons"))


def _organisation_record(record: dict) -> dict:
    record["is_partner"] = bool(record["is_partner"])
    record["archived"] = bool(record["archived"])
    return record


def _address_rows(record: dict) -> Iterator[dict]:
    """One row per contact person; an organisation without persons still gets its row."""
    for person in record["persons"] or [{}]:
        yield {**record, **{f"person_{key}": value for key, value in person.items()}}


def _referrals_query(flt: ExportFilter) -> Query:
    where, params = _period_conditions("r.created_at", flt, as_moment=True)
    where.insert(0, "r.deleted_at IS NULL")
    conditions = {
        "event_id": "r.contact_id IN (SELECT id FROM contacts WHERE event_id = ?)",
        "organisation_id": "r.organisation_id = ?",
        "theme": _theme_condition("r.organisation_id"),
        "need": "r.id IN (SELECT rn.referral_id FROM referral_needs rn JOIN terms t ON t.id = rn.term_id "
                "WHERE t.kind = 'need' AND t.label = ?)",
        "author": "r.created_by = ?",
    }
    for name, condition in conditions.items():
        if getattr(flt, name):
            where.append(condition)
            params.append(getattr(flt, name))
    columns = """r.id, r.created_at, o.name AS organisation, r.organisation_id,
        coalesce(d.name, p.name) AS target, CASE WHEN r.department_id IS NOT NULL THEN 'afdeling'
            ELSE 'partner' END AS target_kind,
        r.question,
        (SELECT json_group_array(label) FROM (SELECT t.label FROM referral_needs rn JOIN terms t
            ON t.id = rn.term_id WHERE rn.referral_id = r.id ORDER BY t.position)) AS needs,
        r.internal_contact, r.status, r.outcome_note, r.sent_at, r.closed_at, r.created_by, r.contact_id"""
    source = (f"FROM referrals r JOIN organisations o ON o.id = r.organisation_id "
              f"LEFT JOIN departments d ON d.id = r.department_id LEFT JOIN organisations p ON p.id = r.partner_id "
              f"WHERE {' AND '.join(where)}")
    return Query(columns, source, params, ("r.created_at", "r.id"), ("needs",))


def _followups_query(flt: ExportFilter) -> Query:
    where, params = _period_conditions("f.due_date", flt, as_moment=False)
    where[:0] = ["f.deleted_at IS NULL", "o.deleted_at IS NULL"]
    conditions = {
        "event_id": "f.contact_id IN (SELECT id FROM contacts WHERE event_id = ?)",
        "organisation_id": "f.organisation_id = ?",
        "theme": _theme_condition("f.organisation_id"),
        "author": "f.created_by = ?",
    }
    for name, condition in conditions.items():
        if getattr(flt, name):
            where.append(condition)
            params.append(getattr(flt, name))
    columns = """f.id, f.due_date, f.due_time, f.title, o.name AS organisation, f.organisation_id, f.status,
        f.recurrence, f.closed_at, f.created_by, f.contact_id, f.referral_id"""
    source = f"FROM followups f JOIN organisations o ON o.id = f.organisation_id WHERE {' AND '.join(where)}"
    return Query(columns, source, params, ("f.due_date", "f.id"))


def _followup_record(record: dict) -> dict:
    if record["recurrence"]:
        record["recurrence"] = Recurrence.from_rule_string(record["recurrence"]).text
    return record


ALL_FILTERS = frozenset(FILTER_NAMES)
KINDS: dict[str, Kind] = {
    "contacts": Kind(
        "contactmoment", "contactmomenten",
        (Column("occurred_at", "Datum en tijd", "moment"), Column("organisation", "Organisatie"),
         Column("organisation_kvk", "KvK-nummer"), Column("persons", "Contactpersonen", "list"),
         Column("channel", "Kanaal"), Column("subject", "Onderwerp"), Column("notes", "Notities"),
         Column("needs", "Ondersteuningsvragen", "list"), Column("event", "Evenement"),
         Column("author", "Auteur"), Column("follow_up_text", "Opvolging"), Column("id", "Id"),
         Column("organisation_id", "Organisatie-id")),
        ALL_FILTERS, _contacts_query,
    ),
    "organisations": Kind(
        "organisatie", "organisaties",
        (Column("name", "Naam"), Column("kvk", "KvK-nummer"), Column("branch_number", "Vestigingsnummer"),
         Column("legal_form", "Rechtsvorm"), Column("street", "Adres"), Column("postcode", "Postcode"),
         Column("city", "Plaats"), Column("municipality", "Gemeente"), Column("website", "Website"),
         Column("impact_type", "Type"), Column("themes", "Thema's", "list"), Column("sdgs", "SDG's", "list"),
         Column("is_partner", "Partner", "bool"), Column("ecosystem_domains", "Ecosysteemdomeinen", "list"),
         Column("archived", "Gearchiveerd", "bool"), Column("notes", "Notities"),
         Column("person_name", "Contactpersoon"), Column("person_role", "Functie"),
         Column("person_email", "E-mail"), Column("person_phone", "Telefoon"),
         Column("person_notes", "Notities contactpersoon"), Column("id", "Organisatie-id")),
        ALL_FILTERS, _organisations_query, _organisation_record, _address_rows,
    ),
    "referrals": Kind(
        "doorverwijzing", "doorverwijzingen",
        (Column("created_at", "Aangemaakt", "moment"), Column("organisation", "Organisatie"),
         Column("target", "Naar"), Column("target_kind", "Soort"), Column("question", "Vraag"),
         Column("needs", "Ondersteuningsvragen", "list"), Column("internal_contact", "Interne contactpersoon"),
         Column("status", "Status"), Column("outcome_note", "Uitkomst"), Column("sent_at", "Doorgezet", "moment"),
         Column("closed_at", "Afgesloten", "moment"), Column("created_by", "Door"), Column("id", "Id"),
         Column("organisation_id", "Organisatie-id"), Column("contact_id", "Contactmoment-id")),
        ALL_FILTERS, _referrals_query,
    ),
    "followups": Kind(
        "opvolging", "opvolgingen",
        (Column("due_date", "Datum"), Column("due_time", "Tijd"), Column("title", "Wat"),
         Column("organisation", "Organisatie"), Column("status", "Status"), Column("recurrence", "Herhaling"),
         Column("closed_at", "Afgesloten", "moment"), Column("created_by", "Door"), Column("id", "Id"),
         Column("organisation_id", "Organisatie-id"), Column("contact_id", "Contactmoment-id"),
         Column("referral_id", "Doorverwijzing-id")),
        ALL_FILTERS - {"need"}, _followups_query, _followup_record,
    ),
}


# --- reading: a page at a time --------------------------------------------------------------------

def iter_records(ws: Workspace, kind: str, flt: ExportFilter | None = None,
                 page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """The records of ``kind`` one by one, read ``page_size`` at a time by keyset. The database lock
    is held per page only, so the app stays usable during a long export."""
    spec = KINDS[kind]
    query = spec.query(flt or ExportFilter())
    keys = [f"_k{i}" for i in range(len(query.order))]
    select = f"SELECT {query.columns}, " + ", ".join(f"{expr} AS {key}" for expr, key in zip(query.order, keys))
    order = ", ".join(query.order)
    last: list | None = None
    # The extra ">=" on the first key lets SQLite seek in the index instead of scanning from the start.
    after = f" AND {query.order[0]} >= ? AND ({order}) > ({', '.join('?' * len(keys))})"
    while True:
        sql = f"{select} {query.source}{after if last else ''} ORDER BY {order} LIMIT ?"
        with ws.read() as db:
            page = list(db.query(sql, [*query.params, *([last[0], *last] if last else []), page_size]))
        for row in page:
            record = {key: value for key, value in row.items() if key not in keys}
            for key in query.json_keys:
                record[key] = json.loads(record[key]) if record[key] else []
            yield spec.finish(record)
        if len(page) < page_size:
            return
        last = [page[-1][key] for key in keys]


def count_records(ws: Workspace, kind: str, flt: ExportFilter | None = None) -> int:
    query = KINDS[kind].query(flt or ExportFilter())
    with ws.read() as db:
        return db.execute(f"SELECT count(*) {query.source}", query.params).fetchone()[0]


# --- writing --------------------------------------------------------------------------------------

def cell_text(column: Column, value: object) -> str:
    """A value as the text of a CSV or XLSX cell."""
    if value is None:
        return ""
    if column.kind == "list":
        return ", ".join(str(item) for item in value)
    if column.kind == "bool":
        return "ja" if value else "nee"
    if column.kind == "moment":
        return dt.datetime.fromisoformat(str(value)).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _write_csv(rows: Iterable[dict], columns: tuple[Column, ...], stream: IO[bytes], delimiter: str) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([neutralise(column.header) for column in columns])
        for row in rows:
            writer.writerow([neutralise(cell_text(column, row.get(column.key))) for column in columns])
        text.flush()
    finally:
        text.detach()  # the caller owns the binary stream


def _write_jsonl(records: Iterable[dict], stream: IO[bytes]) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


def _write_xlsx(rows: Iterable[dict], columns: tuple[Column, ...], stream: IO[bytes], title: str) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only loaded for an XLSX export
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    bold = Font(bold=True)

    def text_cell(text: str, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, escape_guard(ILLEGAL_CHARACTERS_RE.sub("", text)))
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        if font:
            cell.font = font
        return cell

    sheet.append([text_cell(column.header, bold) for column in columns])
    for row in rows:
        sheet.append([text_cell(cell_text(column, row.get(column.key))) for column in columns])
    book.save(stream)


def _counted(records: Iterable[dict], counter: list[int], progress: Callable[[int], None] | None) -> Iterator[dict]:
    for record in records:
        yield record
        counter[0] += 1
        if progress and counter[0] % PROGRESS_EVERY == 0:
            progress(counter[0])


def write_export(ws: Workspace, kind: str, fmt: str, stream: IO[bytes], flt: ExportFilter | None = None,
                 delimiter: str = ";", progress: Callable[[int], None] | None = None) -> int:
    """Write the records of ``kind`` as ``fmt`` to a binary stream; return how many records.
    ``progress`` is called now and then with the number written so far."""
    spec = KINDS[kind]
    if fmt not in FORMATS:
        raise DeskError(f"Exporteren als {fmt} kan niet; kies uit: {', '.join(FORMATS)}.")
    counter = [0]
    records = _counted(iter_records(ws, kind, flt), counter, progress)
    if fmt == "jsonl":
        _write_jsonl(records, stream)
    else:
        rows = (row for record in records for row in spec.rows(record))
        if fmt == "csv":
            _write_csv(rows, spec.columns, stream, delimiter)
        else:
            _write_xlsx(rows, spec.columns, stream, spec.plural.capitalize())
    if progress:
        progress(counter[0])
    return counter[0]


def audit_export(ws: Workspace, kind: str, fmt: str, target_text: str, flt: ExportFilter | None = None) -> None:
    """Every export of personal data is on record: what, as what, where to, and which selection."""
    summary = f"{fmt} naar {target_text}"
    if flt and flt.description:
        summary += f" ({flt.description})"
    with ws.write():
        ws.audit("export", kind, "", summary)


def export_to_file(ws: Workspace, kind: str, fmt: str, target: Path, flt: ExportFilter | None = None,
                   delimiter: str = ";", progress: Callable[[int], None] | None = None) -> int:
    """Write the export privately (0600, never half-written) and record it in the audit log."""
    return write_file_privately(target, lambda stream: write_export(ws, kind, fmt, stream, flt, delimiter, progress),
                                audited_move(ws, kind, fmt, target, flt))


def audited_move(ws: Workspace, kind: str, fmt: str, target: Path,
                 flt: ExportFilter | None = None) -> Callable[[Callable[[], None]], None]:
    """For write_file_privately: the finished file moves into place inside the transaction that
    records the export, so there is never a file without its audit entry or the reverse. The rows
    themselves are read without the write lock, so the app keeps writing meanwhile."""

    def publish(move_into_place: Callable[[], None]) -> None:
        with ws.write():
            audit_export(ws, kind, fmt, str(target), flt)
            move_into_place()

    return publish


def default_filename(kind: str, fmt: str, now: dt.datetime | None = None) -> str:
    now = (now or clock.now_local()).astimezone(LOCAL_TZ)
    return f"desk-{KINDS[kind].plural}-{now:%Y%m%d-%H%M%S}.{fmt}"


def count_text(kind: str, count: int) -> str:
    spec = KINDS[kind]
    return f"{count} {spec.singular if count == 1 else spec.plural}"


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

