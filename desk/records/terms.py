"""Lists the user can extend: themes, needs, channels, impact types, legal forms, ecosystem domains.

They are rows in ``terms``, seeded once with defaults taken from the source documents; users add
their own and archive what they do not use. Records refer to terms by id, so a rename shows
everywhere.
"""

from __future__ import annotations

from desk.core.clock import new_id, utc_iso
from desk.core.errors import DeskError
from desk.core.workspace import Workspace

THEME = "theme"
NEED = "need"
CHANNEL = "channel"
IMPACT_TYPE = "impact_type"
LEGAL_FORM = "legal_form"
ECOSYSTEM_DOMAIN = "ecosystem_domain"

KIND_LABELS = {
    THEME: "Thema's",
    NEED: "Ondersteuningsvragen",
    CHANNEL: "Kanalen",
    IMPACT_TYPE: "Typen onderneming",
    LEGAL_FORM: "Rechtsvormen",
    ECOSYSTEM_DOMAIN: "Ecosysteemdomeinen",
}

DEFAULTS: dict[str, list[str]] = {
    THEME: [
        "Arbeidsparticipatie", "Circulaire economie", "Energietransitie", "Zorg & welzijn",
        "Sociale cohesie", "Armoede & schulden", "Onderwijs", "Gezonde leefomgeving",
        "Voedsel & landbouw", "Rechtvaardigheid",
    ],
    NEED: [
        "Doorverwijzing", "Personeel/doelgroep vinden", "Financiering", "Vastgoed", "Vergunningen",
        "Businesscase", "Inkoop/aanbesteding", "Impact meten", "Netwerk", "SROI",
    ],
    CHANNEL: ["Gesprek", "Telefoon", "E-mail", "Evenement", "Werkbezoek", "Online"],
    IMPACT_TYPE: ["Impact first", "Impact second", "Regulier", "Maatschappelijk initiatief"],
    LEGAL_FORM: [
        "Eenmanszaak", "VOF", "BV", "NV", "Stichting", "Vereniging", "Coöperatie",
        "Maatschappelijke BV",
    ],
    ECOSYSTEM_DOMAIN: [
        "Netwerk", "Onderzoek & kennis", "Business support", "Financiering", "Markt & beleid",
        "Menselijk kapitaal",
    ],
}

_SEED_SETTING = "seeded_terms"


def seed_defaults(ws: Workspace) -> None:
    """Insert the default lists once per database; later archiving by the user sticks."""
    with ws.read() as db:  # seeded before: no write lock needed, so Desk opens while another process writes
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone():
            return
    with ws.write() as db:
        done = db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone()
        if done:
            return
        now = utc_iso()
        for kind, labels in DEFAULTS.items():
            for position, label in enumerate(labels):
                db["terms"].insert(
                    {"id": new_id(), "kind": kind, "label": label, "position": position,
                     "archived": 0, "created_at": now, "updated_at": now},
                    ignore=True,
                )
        db["settings"].insert({"key": _SEED_SETTING, "value": "1"})


def labels(ws: Workspace, kind: str, include_archived: bool = False) -> list[str]:
    sql = "SELECT label FROM terms WHERE kind = ?" + ("" if include_archived else " AND archived = 0")
    with ws.read() as db:
        return [row[0] for row in db.execute(sql + " ORDER BY position, label", [kind])]


def ids_by_label(ws: Workspace, kind: str) -> dict[str, str]:
    """Lower-cased label → id, archived terms included (old records still refer to them)."""
    with ws.read() as db:
        rows = db.execute("SELECT id, label FROM terms WHERE kind = ?", [kind]).fetchall()
    return {label.casefold(): term_id for term_id, label in rows}


def add_term(ws: Workspace, kind: str, label: str) -> str:
    label = " ".join(label.split())
    if kind not in KIND_LABELS:
        raise DeskError(f"Onbekende lijst: {kind}.")
    if not label:
        raise DeskError("Een naam is verplicht.")
    if label.casefold() in ids_by_label(ws, kind):
        raise DeskError(f"'{label}' staat al in de lijst {KIND_LABELS[kind].lower()}.")
    term_id = new_id()
    with ws.write() as db:
        position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM terms WHERE kind = ?", [kind]).fetchone()[0]
        now = utc_iso()
        db["terms"].insert({"id": term_id, "kind": kind, "label": label, "position": position,
                            "archived": 0, "created_at": now, "updated_at": now})
        ws.audit("toegevoegd", "terms", term_id, f"{KIND_LABELS[kind]}: {label}")
    return term_id
