"""What each export holds: per kind its columns (the JSON Lines keys and the Dutch headers) and
the SQL that selects its records for a filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from desk.core.clock import LOCAL_TZ, utc_iso
from desk.dates.recurrence import Recurrence
from desk.files.export_filters import FILTER_NAMES, ExportFilter
from desk.records.contacts import ContactFilter
from desk.records.contacts import _where as contacts_where


@dataclass(frozen=True)
class Column:
    key: str  # the JSON Lines key
    header: str  # the CSV/XLSX header
    kind: str = "text"  # text | list | bool | moment (UTC ISO, shown as local time)


@dataclass(frozen=True)
class Query:
    """One export's SQL: ``FROM ... WHERE ...`` plus what to select and the order (unique, so that
    two exports of the same records list them alike)."""

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
