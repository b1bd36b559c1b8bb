"""A deterministic, realistic Desk database at scale, for the benchmark (bench/run.py).

Usage: python bench/generate.py [--scale 1.0] [--out PATH] [--seed 2026] [--today YYYY-MM-DD]
                                [--fts rebuild|triggers]

At scale 1.0: 50,000 organisations, 100,000 persons, 500,000 contact moments, 50,000 referrals and
100,000 follow-ups, plus what links them (person_organisations, contact_persons, contact_needs,
organisation_terms, organisation_sdgs, referral_needs, referral_history), about 300 events, a few
thousand certifications and this year's targets. Five years of history up to ``--today``.

The file goes through the app's own schema: ``open_workspace`` runs the migrations and seeds the
default lists (terms, departments, certification kinds). The rows are then bulk-inserted with
``executemany``, one transaction per table (the services would take hours for this many).

Full-text search: the app keeps its FTS5 indexes current with triggers. ``--fts rebuild`` (the
default: measured faster, see bench/README.md) drops the ``<table>_ai/_ad/_au`` triggers of the
indexed tables before loading and afterwards re-creates index and triggers with sqlite-utils'
``enable_fts(columns, create_triggers=True, replace=True, tokenize=FTS_TOKENIZE)``, the same call the
migrations make, with the columns read back from the existing index. The schema text of the index
and its triggers is checked to be the same afterwards, and a search is run to see that it works.
``--fts triggers`` leaves the triggers in place during the load.

Deterministic: the same ``--seed``, ``--scale`` and ``--today`` give the same rows (ids included).
Everything is dated relative to ``--today`` (default: today) so that the agenda and the dashboard
look alive whenever the data set is made.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import os
import random
import sys
import tempfile
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.migrations import FTS_TOKENIZE  # noqa: E402
from desk.core.clock import LOCAL_TZ  # noqa: E402
from desk.core.config import make_user  # noqa: E402
from desk.records import terms as term_lists  # noqa: E402
from desk.work.opening import open_workspace  # noqa: E402

BASE = {"organisations": 50_000, "persons": 100_000, "contacts": 500_000, "referrals": 50_000,
        "followups": 100_000, "events": 300, "certifications": 2_500}
YEARS = 5
FTS_TABLES = ("organisations", "persons", "contacts")

# --- words ----------------------------------------------------------------------------------------

CITIES = {  # city -> municipality
    "Amsterdam": "Amsterdam", "Rotterdam": "Rotterdam", "Den Haag": "Den Haag", "Utrecht": "Utrecht",
    "Eindhoven": "Eindhoven", "Groningen": "Groningen", "Tilburg": "Tilburg", "Almere": "Almere",
    "Breda": "Breda", "Nijmegen": "Nijmegen", "Arnhem": "Arnhem", "Haarlem": "Haarlem",
    "Enschede": "Enschede", "Amersfoort": "Amersfoort", "Apeldoorn": "Apeldoorn", "Zwolle": "Zwolle",
    "Leiden": "Leiden", "Maastricht": "Maastricht", "Dordrecht": "Dordrecht", "Zoetermeer": "Zoetermeer",
    "Deventer": "Deventer", "Delft": "Delft", "Alkmaar": "Alkmaar", "Leeuwarden": "Leeuwarden",
    "Zwijndrecht": "Zwijndrecht", "Papendrecht": "Papendrecht", "Sliedrecht": "Sliedrecht",
    "Gorinchem": "Gorinchem", "'s-Hertogenbosch": "'s-Hertogenbosch", "Schiedam": "Schiedam",
    "Vlaardingen": "Vlaardingen", "Capelle aan den IJssel": "Capelle aan den IJssel", "Hilversum": "Hilversum",
    "Heerlen": "Heerlen", "Venlo": "Venlo", "Emmen": "Emmen", "Assen": "Assen", "Middelburg": "Middelburg",
    "Vlissingen": "Vlissingen", "Lelystad": "Lelystad", "Oosterhout": "Oosterhout", "Hoorn": "Hoorn",
    "Zaandam": "Zaanstad", "Krommenie": "Zaanstad", "Ridderkerk": "Ridderkerk", "Alblasserdam": "Alblasserdam",
}
CITY_NAMES = list(CITIES)
CITY_WEIGHTS = [40 if i < 4 else 12 if i < 16 else 5 for i in range(len(CITY_NAMES))]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsweg", "Havenkade", "Industrieweg", "Nieuwstraat",
           "Marktplein", "Schoolstraat", "Julianalaan", "Beatrixstraat", "Oranjelaan", "Wilhelminastraat",
           "Voorstraat", "Achterweg", "Parallelweg", "Energieweg", "Ambachtsweg", "Spoorlaan", "Lindelaan",
           "Eikenlaan", "Rivierdijk", "Polderweg", "Noordsingel", "Zuidsingel", "Oostkade", "Westkade",
           "Fabrieksstraat", "Handelsweg", "Werkplaatsweg"]
NAME_FIRST = ["Groen", "Buurt", "Kracht", "Circulair", "Zorg", "Energie", "Atelier", "Werk", "Kans", "Stad",
              "Fiets", "Koffie", "Textiel", "Bouw", "Voedsel", "Leer", "Samen", "Tweede", "Oost", "West",
              "Zon", "Wind", "Water", "Hout", "Klei", "Brood", "Moes", "Rivier", "Polder", "Dijk", "Brug",
              "Haven", "Molen", "Zuivel", "Oogst", "Maak", "Deel", "Repair", "Vrij", "Nieuw"]
NAME_SECOND = ["kracht", "werk", "plaats", "huis", "tuin", "lab", "hub", "collectief", "fabriek", "winkel",
               "keuken", "bakkerij", "atelier", "hof", "kamer", "markt", "punt", "zaak", "groep", "stroom",
               "licht", "veld", "kring", "net", "loods", "schuur", "kas", "kade", "straat", "bron"]
TRADES = ["Bakkerij", "Installatietechniek", "Schoonmaak", "Hoveniers", "Catering", "Drukkerij", "Fietsenmakerij",
          "Kringloop", "Timmerwerk", "Schilderwerken", "Koeriers", "Naaiatelier", "Reparatiecafé", "Zorgboerderij",
          "Dagbesteding", "Consultancy", "Webdesign", "Kinderopvang", "Verhuur", "Transport"]
ADJECTIVES = ["De Groene", "De Nieuwe", "De Sociale", "De Eerlijke", "De Duurzame", "De Slimme", "Het Open",
              "De Warme", "De Lokale", "De Circulaire"]
NOUNS = ["Werkplaats", "Keuken", "Fabriek", "Tuin", "Loods", "Kamer", "Markt", "Brug", "Haven", "Bakkerij",
         "Kantine", "Garage", "Drukkerij", "Wasserette", "Stadsboerderij"]
LEGAL_SUFFIX = [("BV", "BV"), ("B.V.", "BV"), ("Stichting", "Stichting"), ("Coöperatie", "Coöperatie"),
                ("VOF", "VOF"), ("", "Eenmanszaak"), ("", "Maatschappelijke BV"), ("", "Vereniging")]
FIRST_NAMES = ["Jan", "Piet", "Kees", "Anna", "Sanne", "Lotte", "Fleur", "Emma", "Daan", "Sem", "Lucas", "Levi",
               "Noah", "Finn", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Eva", "Fatima", "Mohamed", "Yusuf",
               "Ayşe", "Priya", "Chen", "Wim", "Henk", "Ingrid", "Marloes", "Bram", "Thijs", "Ruben", "Joost",
               "Marieke", "Annemiek", "Esther", "Karin", "Mirjam", "Hanneke", "Youssef", "Nadia", "Sevda",
               "Gerrit", "Willemijn", "Floor", "Jesse", "Stijn", "Niels", "Koen"]
PARTICLES = ["", "", "", "", "de ", "van ", "van der ", "van den ", "ter ", "in 't "]
SURNAMES = ["Jansen", "Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters",
            "Hendriks", "Dijk", "Berg", "Dekker", "Brouwer", "Leeuwen", "Wit", "Dijkstra", "Kok", "Boer",
            "Veen", "Jacobs", "Vermeulen", "Schouten", "Willems", "Hoekstra", "Koster", "Prins", "Maas",
            "Huisman", "Kuipers", "Postma", "Graaf", "Kramer", "Wouters", "Groot", "Verhoeven", "Bosch",
            "Yılmaz", "Kaya", "El Amrani", "Benali", "Nguyen", "Pinas", "Sardjoe", "Wijnaldum", "Doğan",
            "Haddou", "Ramdin", "Kartosen"]
ROLES = ["Directeur", "Eigenaar", "Oprichter", "Coördinator", "Projectleider", "Office manager",
         "Jobcoach", "Bedrijfsleider", "Penningmeester", "Voorzitter", "HR-adviseur", "Accountmanager", None]
AUTHORS = ["BM", "JdV", "AK", "SvD", "MH", "EB", "RP", "LT"]
AUTHOR_WEIGHTS = [22, 18, 15, 12, 10, 9, 8, 6]

CHANNEL_WEIGHTS = {"Gesprek": 30, "Telefoon": 25, "E-mail": 24, "Evenement": 9, "Werkbezoek": 7, "Online": 5}
NEED_WEIGHTS = {"Doorverwijzing": 16, "Personeel/doelgroep vinden": 20, "Financiering": 18, "Vastgoed": 10,
                "Vergunningen": 8, "Businesscase": 7, "Inkoop/aanbesteding": 9, "Impact meten": 6, "Netwerk": 12,
                "SROI": 5}
SUBJECTS = ["Kennismaking", "Intake", "Vervolggesprek", "Vraag over {need}", "Terugkoppeling doorverwijzing",
            "Werkbezoek {city}", "Aanvraag {need}", "Afstemming SROI-verplichting", "Subsidieaanvraag",
            "Zoektocht naar bedrijfsruimte", "Personeel uit de doelgroep", "Evaluatie samenwerking",
            "Pitch op {event}", "Kort contact op {event}", "Vraag over inkoop", "Uitnodiging netwerkbijeenkomst",
            "Impactmeting bespreken", "Verlenging keurmerk", "Nieuwe vestiging in {city}", "Opvolging afspraak"]
NOTE_PARTS = [
    "Gesproken over de groei van het bedrijf en de plannen voor volgend jaar.",
    "{person} zoekt twee medewerkers met een afstand tot de arbeidsmarkt.",
    "Ze hebben een lening nodig voor een nieuwe machine; verwezen naar het MKB-fonds.",
    "Afgesproken dat ik de contactgegevens van de afdeling Vergunningen doorstuur.",
    "De huur van het pand loopt af; op zoek naar een betaalbare werkplek in {city}.",
    "Interesse in inschrijven op de aanbesteding voor groenonderhoud.",
    "Wil de impact beter meten; de SROI-methode kort uitgelegd.",
    "Zijn bezig met de Code Sociale Ondernemingen; de aanvraag loopt.",
    "Er is vraag naar een koppeling met het WerkgeversServicepunt (WSP).",
    "Positief over de samenwerking met Werk & Inkomen; drie plaatsingen gelukt.",
    "Lastig om subsidie te vinden die past; verwezen naar de subsidieadviseur.",
    "Wil graag aansluiten bij het impactnetwerk in de regio.",
    "Zoekt leveranciers die circulair produceren, vooral textiel en hout.",
    "Heeft een businesscase gemaakt voor uitbreiding; vraagt om feedback.",
    "Vergunning voor de terrasuitbreiding is nog niet rond.",
    "De energierekening drukt zwaar; tips over verduurzaming van het pand gegeven.",
    "Kwam via de Beursvloer; wil maatschappelijke klussen aanbieden.",
    "Verwijst zelf ook ondernemers door; mogelijk partner voor het ecosysteem.",
    "Telefonisch bijgepraat; geen nieuwe vragen.",
    "Mail met het overzicht van de regelingen gestuurd.",
    "Start binnenkort met een leerwerktraject samen met het mbo.",
    "Zorgt voor dagbesteding; zoekt afnemers voor de producten.",
    "Bezorgd over de inkoopvoorwaarden van de gemeente; uitgelegd hoe social return werkt.",
    "{person} neemt na de zomer het bedrijf over; kennismaking gepland.",
]
FOLLOW_UP_TEXTS = ["over 2 weken nabellen", "volgende week mailen", "na de zomer langsgaan", "morgen terugbellen",
                   "over een maand checken", "offerte nasturen"]
QUESTIONS = ["Zoekt {n} medewerkers uit de doelgroep", "Vraagt om een lening voor een nieuwe machine",
             "Zoekt een betaalbare bedrijfsruimte", "Vergunning voor uitbreiding", "Hulp bij de SROI-aanbieding",
             "Wil inschrijven op een aanbesteding", "Advies over impactmeting", "Begeleiding bij subsidieaanvraag",
             "Koppeling met het onderwijs voor stageplaatsen", "Verduurzaming van het pand",
             "Toegang tot het regionale impactnetwerk", "Doorrekenen van de businesscase"]
EVENT_KINDS = [("Impact Days", 1), ("Beursvloer", 1), ("MKB-dag", 1), ("Netwerkborrel", 4),
               ("Inkoopmarkt sociaal ondernemen", 1), ("Werkgeversontbijt", 3), ("Ondernemerscafé", 4),
               ("Overlegtafel impactondernemers", 2), ("Regiobijeenkomst", 2), ("Pitchavond", 2)]
CERT_STATUSES = [("behaald", 50), ("aan de slag", 25), ("aangevraagd", 15), ("verlopen", 10)]
RRULES = ["FREQ=MONTHLY;INTERVAL=1", "FREQ=MONTHLY;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=6", "FREQ=WEEKLY;INTERVAL=2",
          "FREQ=YEARLY;INTERVAL=1"]


# --- helpers --------------------------------------------------------------------------------------

class Ids:
    """UUIDs from the seeded generator, so that ids are the same on every run."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def ascii_slug(text: str) -> str:
    """``Ayşe in 't Veld`` -> ``ayse.intveld``: lower case ASCII letters, digits and dots."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum() or ch == ".")


def pick(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), list(weights.values()), k=k)


class Clock:
    """Local day + time to stored UTC ISO text, with the Amsterdam offset looked up once per day."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first = first
        self.days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        self.weekdays = [i for i, day in enumerate(self.days) if day.weekday() < 5]
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        self._midnight_utc = [
            (dt.datetime.combine(day, dt.time(12), dt.UTC) - epoch).total_seconds() - 12 * 3600
            - dt.datetime.combine(day, dt.time(12), LOCAL_TZ).utcoffset().total_seconds()
            for day in self.days
        ]

    def stamp(self, day_index: int, seconds: int) -> str:
        """``seconds`` after local midnight of day ``day_index``, as ``YYYY-MM-DDTHH:MM:SS+00:00``."""
        moment = dt.datetime.fromtimestamp(self._midnight_utc[day_index] + seconds, dt.UTC)
        return moment.isoformat(timespec="seconds")


@dataclass
class Plan:
    """What was generated, kept for the later tables (they refer to the earlier ones)."""

    org_ids: list[str] = field(default_factory=list)
    org_names: list[str] = field(default_factory=list)
    org_persons: list[list[int]] = field(default_factory=list)
    partner_indexes: list[int] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    contact_ids: list[str] = field(default_factory=list)
    contact_org: list[int] = field(default_factory=list)
    contact_day: list[int] = field(default_factory=list)
    contact_at: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    event_names: list[str] = field(default_factory=list)


# --- loading -------------------------------------------------------------------------------------

def _fts_columns(conn, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}_fts])")]


def _fts_schema(conn, table: str) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE (name = ? OR (type = 'trigger' AND tbl_name = ?)) ORDER BY name",
        [f"{table}_fts", table]).fetchall()


def _insert(conn, table: str, columns: list[str], rows, timings: dict[str, float]) -> int:
    start = time.perf_counter()
    sql = f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.execute("BEGIN")
    cursor = conn.executemany(sql, rows)
    conn.execute("COMMIT")
    timings[table] = timings.get(table, 0.0) + time.perf_counter() - start
    return cursor.rowcount


def generate(out: Path, scale: float = 1.0, seed: int = 2026, today: dt.date | None = None,
             fts: str = "rebuild", quiet: bool = False) -> dict:
    """Write the data set to ``out`` (which must not exist yet); return counts and timings."""
    started = time.perf_counter()
    today = today or dt.date.today()
    out = Path(out)
    if out.exists():
        raise SystemExit(f"{out} bestaat al; kies een nieuw bestand")
    n = {key: max(1, round(value * scale)) for key, value in BASE.items()}
    rng = random.Random(seed)
    new_id = Ids(random.Random(seed + 1))
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))

    ws = open_workspace(out, make_user("Bench Mark", "BM"))
    conn = ws.db.conn
    fts_before = {table: _fts_schema(conn, table) for table in FTS_TABLES}
    fts_columns = {table: _fts_columns(conn, table) for table in FTS_TABLES}
    # Bulk load: no journal, no fsync, a big page cache. The app's settings come back at the end.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA foreign_keys = OFF")
    if fts == "rebuild":
        for table in FTS_TABLES:
            for suffix in ("_ai", "_ad", "_au"):
                conn.execute(f"DROP TRIGGER IF EXISTS [{table}{suffix}]")

    term = {kind: dict(conn.execute("SELECT label, id FROM terms WHERE kind = ?", [kind]).fetchall())
            for kind in term_lists.KIND_LABELS}
    departments = conn.execute("SELECT id, name, contact_name FROM departments ORDER BY name").fetchall()
    cert_kinds = conn.execute("SELECT id, validity_months FROM certification_kinds ORDER BY name").fetchall()
    first_day = today - dt.timedelta(days=365 * YEARS)
    clock = Clock(first_day, today + dt.timedelta(days=200))
    today_index = (today - first_day).days
    past_weekdays = [i for i in clock.weekdays if i <= today_index]
    plan = Plan()
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}

    # Events: about 60 a year, a few still to come.
    event_rows = []
    per_kind = [kind for kind, weight in EVENT_KINDS for _ in range(weight)]
    event_days = sorted(rng.choice(clock.weekdays[: bisect.bisect(clock.weekdays, today_index + 120)])
                        for _ in range(n["events"]))
    for day_index in event_days:
        event_id = new_id()
        day = clock.days[day_index]
        kind = rng.choice(per_kind)
        city = rng.choices(CITY_NAMES, CITY_WEIGHTS)[0]
        name = f"{kind} {city} {day:%Y}" if kind in ("Impact Days", "Beursvloer", "MKB-dag") else \
            f"{kind} {city} {day:%d-%m-%Y}"
        stamp = clock.stamp(max(0, day_index - 30), 9 * 3600)
        event_rows.append((event_id, name, day.isoformat(), city, stamp, stamp, "BM", "BM"))
        plan.event_ids.append(event_id)
        plan.event_names.append(name)
    counts["events"] = _insert(conn, "events", ["id", "name", "date", "place", "created_at", "updated_at",
                                                "created_by", "updated_by"], event_rows, timings)
    past_events = [(i, day) for i, day in enumerate(event_days) if day <= today_index]

    # Organisations (names, places, terms) and their persons: rows are written once the contact
    # moments are known, so that created_at/updated_at follow the organisation's history.
    org_count = n["organisations"]
    kvks = rng.sample(range(10_000_000, 99_999_999), org_count)
    legal_ids = term["legal_form"]
    impact_ids = list(term["impact_type"].values())
    theme_labels = list(term["theme"])
    domain_ids = list(term["ecosystem_domain"].values())
    org_base = []
    org_terms_rows, org_sdg_rows = [], []
    org_theme_labels: list[list[str]] = []
    for i in range(org_count):
        org_id = new_id()
        shape = rng.random()
        suffix, legal_label = rng.choice(LEGAL_SUFFIX)
        city = rng.choices(CITY_NAMES, CITY_WEIGHTS)[0]
        if shape < 0.45:
            base = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
        elif shape < 0.7:
            base = f"{rng.choice(TRADES)} {rng.choice(PARTICLES).capitalize()}{rng.choice(SURNAMES)}".replace("  ", " ")
        elif shape < 0.85:
            base = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        else:
            base = f"{rng.choice(NAME_FIRST)}{rng.choice(NAME_SECOND)} {city}"
        name = f"Stichting {base}" if suffix == "Stichting" else f"{base} {suffix}".strip()
        is_partner = int(rng.random() < 0.012)
        slug = ascii_slug(base).replace(".", "")[:24]
        notes = "" if rng.random() < 0.7 else rng.choice(NOTE_PARTS).format(person="De eigenaar", city=city)
        org_base.append([
            org_id, name, f"{kvks[i]:08d}", legal_ids.get(legal_label), f"{rng.choice(STREETS)} {rng.randint(1, 240)}",
            f"{rng.randint(1000, 9999)} {rng.choice('ABCEGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}",
            city, CITIES[city], f"https://www.{slug}.example" if rng.random() < 0.8 else None,
            rng.choice(impact_ids), notes, is_partner,
            int(rng.random() < 0.05 and not is_partner),  # archived
        ])
        plan.org_ids.append(org_id)
        plan.org_names.append(name)
        if is_partner:
            plan.partner_indexes.append(i)
        themes = rng.sample(theme_labels, rng.choice((0, 1, 1, 1, 2, 2, 3)))
        org_theme_labels.append(themes)
        org_terms_rows += [(org_id, term["theme"][label]) for label in themes]
        if is_partner:
            org_terms_rows += [(org_id, domain) for domain in rng.sample(domain_ids, rng.randint(1, 2))]
        org_sdg_rows += [(org_id, sdg) for sdg in rng.sample(range(1, 18), rng.choice((0, 0, 1, 2, 3)))]

    # Persons: every organisation has one, the rest go to the organisations that are busiest.
    person_count = n["persons"]
    plan.org_persons = [[] for _ in range(org_count)]
    person_rows, person_org_rows, person_org = [], [], []
    busy = lambda: min(org_count - 1, int(org_count * rng.random() ** 1.6))  # noqa: E731 - skewed choice
    for p in range(person_count):
        person_id = new_id()
        first = rng.choice(FIRST_NAMES)
        particle, surname = rng.choice(PARTICLES), rng.choice(SURNAMES)
        name = f"{first} {particle}{surname}"
        org = p if p < org_count else busy()
        if len(plan.org_persons[org]) >= 12:  # even a busy organisation has a dozen contact persons at most
            org = rng.randrange(org_count)
        person_org.append(org)
        orgs = [org] + ([busy()] if rng.random() < 0.08 else [])
        domain = ascii_slug(plan.org_names[org]).replace(".", "")[:20] or "voorbeeld"
        local = ascii_slug(f"{first}.{particle}{surname}")
        person_rows.append([p + 1, person_id, name, rng.choice(ROLES), f"{local}@{domain}.example",
                            f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.85 else None])
        plan.person_ids.append(person_id)
        for o in dict.fromkeys(orgs):
            plan.org_persons[o].append(p)
            person_org_rows.append((person_id, plan.org_ids[o]))

    # Contact moments, oldest first (seq grows with time, as in real use).
    contact_count = n["contacts"]
    channels = pick(rng, CHANNEL_WEIGHTS, contact_count)
    moments = []
    for k in range(contact_count):
        if channels[k] == "Evenement" and past_events:
            event_index, day_index = rng.choice(past_events)
            seconds = rng.randint(10 * 3600, 17 * 3600)
        else:
            event_index, day_index = None, rng.choice(past_weekdays)
            seconds = rng.randint(8 * 3600, 18 * 3600)
            if day_index == today_index:  # today: only the morning so far
                seconds = rng.randint(8 * 3600, 10 * 3600)
        moments.append((day_index, seconds, channels[k], event_index))
    moments.sort(key=lambda m: (m[0], m[1]))
    need_labels = list(NEED_WEIGHTS)
    need_weights = list(NEED_WEIGHTS.values())
    contact_rows, contact_person_rows, contact_need_rows = [], [], []
    first_seen = [None] * org_count
    last_seen = [None] * org_count
    for k, (day_index, seconds, channel, event_index) in enumerate(moments):
        contact_id = new_id()
        org = busy()
        at = clock.stamp(day_index, seconds)
        needs = list(dict.fromkeys(rng.choices(need_labels, need_weights, k=rng.choice((0, 1, 1, 1, 2, 2, 3)))))
        persons = plan.org_persons[org]
        chosen = rng.sample(persons, min(len(persons), rng.choice((0, 1, 1, 1, 2)))) if persons else []
        person_name = FIRST_NAMES[chosen[0] % len(FIRST_NAMES)] if chosen else "De ondernemer"
        city = org_base[org][6]
        event_name = plan.event_names[event_index] if event_index is not None else "de netwerkbijeenkomst"
        need_text = needs[0] if needs else "Financiering"
        subject = rng.choice(SUBJECTS).format(need=need_text if need_text.isupper() else need_text.lower(), city=city,
                                              event=event_name)
        notes = " ".join(part.format(person=person_name, city=city)
                         for part in rng.sample(NOTE_PARTS, rng.choice((1, 1, 2, 2, 3))))
        author = rng.choices(AUTHORS, AUTHOR_WEIGHTS)[0]
        contact_rows.append((
            k + 1, contact_id, at, term["channel"][channel], plan.org_ids[org], subject, notes,
            plan.event_ids[event_index] if event_index is not None else None, author,
            rng.choice(FOLLOW_UP_TEXTS) if rng.random() < 0.15 else None, 1, at, at, author, author,
            at if rng.random() < 0.003 else None,
        ))
        contact_person_rows += [(contact_id, plan.person_ids[p]) for p in chosen]
        contact_need_rows += [(contact_id, term["need"][label]) for label in needs]
        plan.contact_ids.append(contact_id)
        plan.contact_org.append(org)
        plan.contact_day.append(day_index)
        plan.contact_at.append(at)
        if first_seen[org] is None:
            first_seen[org] = at
        last_seen[org] = at
    log(f"  planned rows in {time.perf_counter() - started:.1f} s")

    # Now the organisations and persons can be written with dates that fit.
    org_rows = []
    for i, base in enumerate(org_base):
        created = first_seen[i] or clock.stamp(rng.choice(past_weekdays), 9 * 3600)
        updated = last_seen[i] or created
        # What refresh_search_text keeps: person names and theme labels (no former KvK numbers here).
        search_text = " ".join([person_rows[p][2] for p in plan.org_persons[i]] + org_theme_labels[i])
        org_rows.append([i + 1, *base, search_text, created, updated, "BM", "BM",
                         created if rng.random() < 0.002 else None])
    counts["organisations"] = _insert(conn, "organisations", [
        "seq", "id", "name", "kvk", "legal_form_id", "street", "postcode", "city", "municipality", "website",
        "impact_type_id", "notes", "is_partner", "archived", "search_text", "created_at", "updated_at",
        "created_by", "updated_by", "deleted_at"], org_rows, timings)
    counts["organisation_terms"] = _insert(conn, "organisation_terms", ["organisation_id", "term_id"],
                                           org_terms_rows, timings)
    counts["organisation_sdgs"] = _insert(conn, "organisation_sdgs", ["organisation_id", "sdg"], org_sdg_rows, timings)
    for p, row in enumerate(person_rows):
        stamp = first_seen[person_org[p]] or org_rows[person_org[p]][15]
        row += [stamp, stamp, "BM", "BM"]
    counts["persons"] = _insert(conn, "persons", ["seq", "id", "name", "role", "email", "phone", "created_at",
                                                  "updated_at", "created_by", "updated_by"], person_rows, timings)
    counts["person_organisations"] = _insert(conn, "person_organisations", ["person_id", "organisation_id"],
                                             person_org_rows, timings)
    counts["contacts"] = _insert(conn, "contacts", [
        "seq", "id", "occurred_at", "channel_id", "organisation_id", "subject", "notes", "event_id", "author",
        "follow_up_text", "version", "created_at", "updated_at", "created_by", "updated_by", "deleted_at"],
        contact_rows, timings)
    del contact_rows
    counts["contact_persons"] = _insert(conn, "contact_persons", ["contact_id", "person_id"], contact_person_rows,
                                        timings)
    counts["contact_needs"] = _insert(conn, "contact_needs", ["contact_id", "term_id"], contact_need_rows, timings)
    del contact_person_rows, contact_need_rows

    # Referrals: from a contact moment to a department or partner; older ones mostly closed.
    referral_rows, referral_need_rows, history_rows, running = [], [], [], []
    sources = sorted(rng.sample(range(contact_count), min(n["referrals"], contact_count)))
    for r, k in enumerate(sources):
        referral_id = new_id()
        org = plan.contact_org[k]
        day_index = plan.contact_day[k]
        age = today_index - day_index
        created = plan.contact_at[k]
        to_partner = plan.partner_indexes and rng.random() < 0.3
        department = None if to_partner else rng.choice(departments)
        partner = rng.choice(plan.partner_indexes) if to_partner else None
        if age > 120:
            status = rng.choices(["geland", "niet gelukt", "ingetrokken", "in behandeling", "doorgezet", "open"],
                                 [60, 18, 10, 7, 3, 2])[0]
        else:
            status = rng.choices(["open", "doorgezet", "in behandeling", "geland", "niet gelukt", "ingetrokken"],
                                 [15, 30, 30, 20, 3, 2])[0]
        path = {"open": ["open"], "doorgezet": ["open", "doorgezet"],
                "in behandeling": ["open", "doorgezet", "in behandeling"],
                "geland": ["open", "doorgezet", "in behandeling", "geland"][: rng.choice((3, 4))] + ["geland"],
                "niet gelukt": ["open", "doorgezet", "in behandeling", "niet gelukt"],
                "ingetrokken": ["open", "ingetrokken"] if rng.random() < 0.5 else ["open", "doorgezet", "ingetrokken"],
                }[status]
        path = list(dict.fromkeys(path))
        steps, day = [], day_index
        for position, step in enumerate(path):
            if position:
                day = min(today_index, day + (rng.randint(1, 5) if step == "doorgezet" else rng.randint(3, 60)))
            steps.append((step, clock.stamp(day, rng.randint(8 * 3600, 17 * 3600)) if position else created))
        sent_at = next((at for step, at in steps if step == "doorgezet"), None)
        closed_at = steps[-1][1] if status in ("geland", "niet gelukt", "ingetrokken") else None
        outcome = {"geland": "Contact gelegd, ondernemer is geholpen.",
                   "niet gelukt": "Geen passend aanbod gevonden."}.get(status)
        author = rng.choices(AUTHORS, AUTHOR_WEIGHTS)[0]
        referral_rows.append((
            referral_id, plan.org_ids[org], plan.contact_ids[k], department[0] if department else None,
            plan.org_ids[partner] if partner is not None else None,
            rng.choice(QUESTIONS).format(n=rng.randint(1, 6)), department[2] if department else None,
            status, outcome, sent_at, closed_at, created, steps[-1][1], author, author, None,
        ))
        for label in dict.fromkeys(rng.choices(need_labels, need_weights, k=rng.choice((1, 1, 2)))):
            referral_need_rows.append((referral_id, term["need"][label]))
        previous = None
        for step, at in steps:
            history_rows.append((new_id(), referral_id, previous, step, outcome if step == status else None, at,
                                 author))
            previous = step
        if status in ("doorgezet", "in behandeling"):
            running.append((referral_id, org, k, steps[-1][1]))
    counts["referrals"] = _insert(conn, "referrals", [
        "id", "organisation_id", "contact_id", "department_id", "partner_id", "question", "internal_contact",
        "status", "outcome_note", "sent_at", "closed_at", "created_at", "updated_at", "created_by", "updated_by",
        "deleted_at"], referral_rows, timings)
    counts["referral_needs"] = _insert(conn, "referral_needs", ["referral_id", "term_id"], referral_need_rows, timings)
    counts["referral_history"] = _insert(conn, "referral_history", [
        "id", "referral_id", "from_status", "to_status", "note", "at", "author"], history_rows, timings)
    del referral_rows, referral_need_rows, history_rows

    # Follow-ups: a check for every running referral, the rest from contact moments; past ones are
    # mostly done, a few left overdue, the future ones open.
    followup_rows = []
    horizon = today_index + 90
    for referral_id, org, k, last_step in running[: n["followups"]]:
        due = min(horizon, plan.contact_day[k] + rng.randint(14, 120))
        followup_rows.append(_followup(rng, new_id, clock, today_index, due, f"Check of {plan.org_names[org]} "
                                       "geland is", plan.org_ids[org], plan.contact_ids[k], referral_id,
                                       plan.contact_at[k], recurring=False))
    for _ in range(n["followups"] - len(followup_rows)):
        k = rng.randrange(contact_count)
        due = plan.contact_day[k] + rng.choice((1, 2, 7, 14, 14, 30, 60, 90))
        title = rng.choice(["Nabellen", "Mail sturen", "Offerte nasturen", "Langsgaan", "Terugkoppeling vragen",
                            "Uitnodiging sturen", "Check aanvraag", "Contactgegevens doorsturen"])
        followup_rows.append(_followup(rng, new_id, clock, today_index, min(due, horizon),
                                       f"{title}: {plan.org_names[plan.contact_org[k]]}",
                                       plan.org_ids[plan.contact_org[k]], plan.contact_ids[k], None,
                                       plan.contact_at[k], recurring=rng.random() < 0.03))
    counts["followups"] = _insert(conn, "followups", [
        "id", "title", "due_date", "due_time", "recurrence", "series_start", "status", "organisation_id",
        "contact_id", "referral_id", "closed_at", "created_at", "updated_at", "created_by", "updated_by"],
        followup_rows, timings)
    del followup_rows

    # Certifications, and this year's targets for the dashboard.
    cert_rows = []
    for org in rng.sample(range(org_count), min(org_count, n["certifications"])):
        kind_id, validity = rng.choice(cert_kinds)
        status = rng.choices([s for s, _ in CERT_STATUSES], [w for _, w in CERT_STATUSES])[0]
        start_day = rng.choice(past_weekdays)
        obtained = min(today_index, start_day + rng.randint(30, 300)) if status in ("behaald", "verlopen") else None
        valid_until = None
        if obtained is not None:
            valid = clock.days[obtained] + dt.timedelta(days=30 * (validity or 24))
            if status == "behaald" and valid < today - dt.timedelta(days=30):
                status = "verlopen"  # the reminder was acted on: long past its date, it is marked expired
            valid_until = (min(valid, today - dt.timedelta(days=1)) if status == "verlopen" else valid).isoformat()
        stamp = clock.stamp(start_day, 10 * 3600)
        cert_rows.append((new_id(), plan.org_ids[org], kind_id, status, clock.days[start_day].isoformat(),
                          clock.days[obtained].isoformat() if obtained is not None else None, valid_until,
                          stamp, stamp, "BM", "BM"))
    counts["certifications"] = _insert(conn, "certifications", [
        "id", "organisation_id", "kind_id", "status", "started_on", "obtained_on", "valid_until", "created_at",
        "updated_at", "created_by", "updated_by"], cert_rows, timings)
    per_year = contact_count / YEARS
    target_rows = [(new_id(), today.year, metric, None, value, f"{today.year}-01-02T09:00:00+00:00",
                    f"{today.year}-01-02T09:00:00+00:00", "BM", "BM")
                   for metric, value in (("contacts", round(per_year * 1.1)), ("referrals", round(per_year / 10)),
                                         ("event_intakes", round(per_year / 10)), ("landed_share", 70),
                                         ("partners", max(1, len(plan.partner_indexes))))]
    counts["targets"] = _insert(conn, "targets", ["id", "year", "metric", "kind_id", "value", "created_at",
                                                  "updated_at", "created_by", "updated_by"], target_rows, timings)

    # Full-text indexes: re-created as the migrations make them (or already kept by the triggers).
    start = time.perf_counter()
    if fts == "rebuild":
        for table in FTS_TABLES:
            ws.db[table].enable_fts(fts_columns[table], create_triggers=True, replace=True, tokenize=FTS_TOKENIZE)
        for table in FTS_TABLES:
            if _fts_schema(conn, table) != fts_before[table]:
                raise SystemExit(f"the re-created full-text index of {table} differs from the app's")
    timings["fts"] = time.perf_counter() - start

    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    bad = _check(conn, plan)
    ws.close()
    # Put the file on disk now, so that the kernel's write-back of these hundreds of MB does not run
    # during the measurements that follow.
    start = time.perf_counter()
    for target in (out, out.parent):
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    timings["fsync"] = time.perf_counter() - start
    total = time.perf_counter() - started
    log(f"  inserts: " + ", ".join(f"{table} {seconds:.1f}s" for table, seconds in timings.items()))
    if bad:
        raise SystemExit("data set check failed: " + "; ".join(bad))
    return {"path": str(out), "seconds": total, "counts": counts, "timings": timings, "fts": fts,
            "today": today.isoformat(), "seed": seed, "scale": scale,
            "size_mb": out.stat().st_size / 1e6}


def _followup(rng, new_id, clock: Clock, today_index: int, due: int, title: str, org_id: str, contact_id: str,
              referral_id: str | None, created: str, recurring: bool) -> tuple:
    if due < today_index:
        status = rng.choices(["gedaan", "geannuleerd", "open"], [94, 4, 2])[0]
    else:
        status = "open"
    closed = clock.stamp(min(due + rng.randint(0, 3), today_index), 16 * 3600) if status != "open" else None
    day = clock.days[due].isoformat()
    rule = rng.choice(RRULES) if recurring else None
    due_time = f"{rng.randint(9, 16):02d}:{rng.choice((0, 15, 30, 45)):02d}" if rng.random() < 0.2 else None
    return (new_id(), title, day, due_time, rule, day if rule else None, status, org_id, contact_id, referral_id,
            closed, created, closed or created, "BM", "BM")


def _check(conn, plan: Plan) -> list[str]:
    """A few cheap checks that the file is what the app expects."""
    problems = []
    if conn.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        problems.append("foreign keys are off")
    for table in FTS_TABLES:
        names = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table])}
        if names != {f"{table}_ai", f"{table}_ad", f"{table}_au"}:
            problems.append(f"triggers of {table}: {sorted(names)}")
    # Search works on what was loaded, and on a row added afterwards (the triggers are live).
    name = plan.org_names[len(plan.org_names) // 2]
    word = max(name.split(), key=len)
    found = conn.execute("SELECT count(*) FROM organisations_fts WHERE organisations_fts MATCH ?",
                         [f'"{word}"']).fetchone()[0]
    if not found:
        problems.append(f"search for {word!r} finds nothing")
    hits = conn.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'aanbesteding'").fetchone()[0]
    if not hits:
        problems.append("contact notes are not searchable")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO organisations (id, name, created_at, updated_at) VALUES "
                 "('bench-check', 'Zzyzxbenchcheck BV', '2026-01-01', '2026-01-01')")
    found = conn.execute("SELECT count(*) FROM organisations_fts WHERE organisations_fts MATCH 'zzyzxbench*'")
    if not found.fetchone()[0]:
        problems.append("a new organisation is not found by search (triggers missing?)")
    conn.execute("ROLLBACK")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50,000 organisations, 500,000 contacts")
    parser.add_argument("--out", type=Path, help="new database file (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=dt.date.fromisoformat, help="the day the history runs up to (YYYY-MM-DD)")
    parser.add_argument("--fts", choices=["rebuild", "triggers"], default="rebuild",
                        help="rebuild the full-text indexes after loading (default) or keep them by triggers")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="desk-bench-")) / "bench.sqlite"
    result = generate(out, args.scale, args.seed, args.today, args.fts)
    counts = ", ".join(f"{table} {count:,}" for table, count in result["counts"].items())
    print(f"{out}: {result['size_mb']:.0f} MB in {result['seconds']:.1f} s (fts: {args.fts})\n{counts}")


if __name__ == "__main__":
    main()
