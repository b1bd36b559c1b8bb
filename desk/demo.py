"""A fictional demo data set: the municipality of Rivierstad and the impact entrepreneurs, partners
and contact persons around it.

Everything here is made up: names, addresses, KvK-nummers (all start with 9), websites (on the
reserved ``.example`` domain), e-mail addresses and phone numbers. The data is written out as plain
Python data so that it reads like a register; the only generated values are the phone numbers, from
a seeded random generator, so every load gives the same data set.

``load_demo`` goes through the services, part by part (organisations, then persons). Later parts
(contact moments, referrals, follow-ups, events) add a ``_load_...`` step that uses the ids the
earlier steps put in the ``_Context``.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from desk import settings
from desk.errors import DeskError
from desk.organisations import count_organisations, create_organisation, find_by_kvk, list_organisations
from desk.persons import create_person
from desk.workspace import Workspace

MUNICIPALITY = "Gemeente Rivierstad"

NOT_EMPTY_MESSAGE = "De database is niet leeg; gebruik --force om de demogegevens toch toe te voegen."

# Places in the fictional region, with the municipality each belongs to.
_MUNICIPALITY_OF_CITY = {
    "Rivierstad": "Rivierstad",
    "Oosterwaard": "Rivierstad",
    "Brugdorp": "Rivierstad",
    "Laagveld": "Laagveld",
    "Wilgenhoven": "Laagveld",
}

# Impact types, as in terms.DEFAULTS.
IF, IS, REG, MI = "Impact first", "Impact second", "Regulier", "Maatschappelijk initiatief"


@dataclass
class DemoSummary:
    municipality: str = MUNICIPALITY
    organisations: int = 0
    partners: int = 0
    archived: int = 0
    persons: int = 0
    skipped_organisations: int = 0
    municipality_set: bool = False

    def __str__(self) -> str:
        text = (f"{self.organisations} organisaties ({self.partners} partners, {self.archived} gearchiveerd), "
                f"{self.persons} contactpersonen")
        if self.skipped_organisations:
            text += f"; {self.skipped_organisations} organisaties stonden er al en zijn overgeslagen"
        return text


@dataclass(frozen=True)
class _Org:
    key: str
    name: str
    legal_form: str | None
    impact_type: str | None
    address: str  # "Straat 1, 1234 AB Plaats"
    kvk: str | None
    website: str | None
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    notes: str
    branch_number: str | None = None
    domains: tuple[str, ...] = ()  # ecosystem domains; an organisation with domains is a partner
    archived: bool = False

    def as_input(self) -> dict:
        street, rest = (part.strip() for part in self.address.split(",", 1))
        postcode, city = rest[:7], rest[8:]
        return {
            "name": self.name, "kvk": self.kvk, "branch_number": self.branch_number,
            "legal_form": self.legal_form, "street": street, "postcode": postcode, "city": city,
            "municipality": _MUNICIPALITY_OF_CITY[city], "website": self.website,
            "impact_type": self.impact_type, "themes": list(self.themes), "sdgs": list(self.sdgs),
            "notes": self.notes, "is_partner": bool(self.domains),
            "ecosystem_domains": list(self.domains), "archived": self.archived,
        }

    @property
    def mail_domain(self) -> str | None:
        if not self.website:
            return None
        return self.website.removeprefix("www.").split("/", 1)[0]


@dataclass(frozen=True)
class _Person:
    name: str
    role: str
    org_keys: tuple[str, ...]
    email: str | None = None
    phone: str | None = None
    notes: str = ""


@dataclass
class _Context:
    """What the load steps share: the workspace, the running summary and the ids made so far."""

    ws: Workspace
    summary: DemoSummary
    org_ids: dict[str, str] = field(default_factory=dict)  # demo key → id, new or already present
    new_org_keys: set[str] = field(default_factory=set)
    person_ids: dict[str, str] = field(default_factory=dict)  # person name → id


# --------------------------------------------------------------------------------------------
# Organisations


def _partners() -> list[_Org]:
    """The ecosystem: fictional counterparts of KvK, ROM, MKB-fonds, mbo, WSP, SROI-unit, network,
    hogeschool and an accelerator."""
    return [
        _Org("loket", "Ondernemersloket Regio Rivierstad", "Stichting", None,
             "Stationsplein 4, 6841 BK Rivierstad", "95832730", "www.ondernemersloket-rivierstad.example",
             ("Arbeidsparticipatie",), (8, 17),
             "Eerste aanspreekpunt voor starters en inschrijvingen. Houdt elke maand een startersspreekuur "
             "in het stadhuis.",
             domains=("Business support", "Netwerk")),
        _Org("rom", "Ontwikkelingsmaatschappij Rivierland", "NV", None,
             "Havenkade 88, 6842 EC Rivierstad", "99027228", "www.omrivierland.example",
             ("Energietransitie", "Circulaire economie"), (8, 9, 17),
             "Regionale ontwikkelingsmaatschappij die investeert in innovatieve en circulaire bedrijven. "
             "Beheert ook het Rivierland Impactfonds.",
             domains=("Financiering", "Business support")),
        _Org("mkbfonds", "MKB-fonds Rivierland", "BV", None,
             "Havenkade 88, 6842 EC Rivierstad", "96099226", "www.mkbfondsrivierland.example",
             (), (8,),
             "Achtergestelde leningen van 25.000 tot 250.000 euro voor mkb'ers in de regio. Staat open "
             "voor impactondernemers met een sluitende businesscase.",
             domains=("Financiering",)),
        _Org("mbo", "Stichting MBO Rivierstad", "Stichting", None,
             "Schoolstraat 20, 6843 GT Rivierstad", "95271957", "www.mborivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie"), (4, 8),
             "Regionaal opleidingscentrum met entree- en BBL-opleidingen. Zoekt leerbedrijven, ook bij "
             "sociale ondernemingen.",
             branch_number="000049251593", domains=("Menselijk kapitaal",)),
        _Org("wsp", "WSP Rivierland", None, None,
             "Kanaalweg 15, 6844 HR Rivierstad", None, "www.wsprivierland.example",
             ("Arbeidsparticipatie",), (8, 10),
             "Werkgeversservicepunt van de gemeenten in Rivierland en UWV. Bemiddelt kandidaten uit het "
             "doelgroepregister en adviseert over loonkostensubsidie en jobcoaching.",
             domains=("Menselijk kapitaal",)),
        _Org("sroi", "SROI-punt Rivierstad", None, None,
             "Markt 1, 6841 CE Rivierstad", None, "www.rivierstad.example/sroi",
             ("Arbeidsparticipatie",), (8, 12, 17),
             "Onderdeel van de gemeente dat de social return-verplichtingen in opdrachten bewaakt. "
             "Koppelt opdrachtnemers aan sociale ondernemingen.",
             domains=("Markt & beleid",)),
        _Org("impactnetwerk", "Impactnetwerk Rivierland", "Vereniging", None,
             "Veerweg 3, 6842 LP Rivierstad", "94825159", "www.impactnetwerkrivierland.example",
             ("Sociale cohesie",), (17,),
             "Netwerk van ruim zestig sociale ondernemers in de regio. Organiseert elk kwartaal een "
             "impactborrel en jaarlijks de Impact Dag Rivierland.",
             domains=("Netwerk",)),
        _Org("hogeschool", "Hogeschool Rivierland, lectoraat Sociaal Ondernemen", "Stichting", None,
             "Campuslaan 1, 6845 AZ Rivierstad", "94900991", "www.hsrivierland.example",
             ("Onderwijs",), (4, 8, 17),
             "Het lectoraat doet praktijkgericht onderzoek naar impactmeting. Studenten voeren graag een "
             "impactmeting uit bij een sociale onderneming.",
             branch_number="000037710268", domains=("Onderzoek & kennis",)),
        _Org("versneller", "Impactversneller Rivierstad", "BV", None,
             "Spoorzone 12, 6841 WT Rivierstad", "94819091", "www.impactversneller.example",
             (), (8, 9, 17),
             "Versnellingsprogramma van zes maanden voor jonge impactondernemingen, met coaching op "
             "businesscase en impactmeting.",
             domains=("Business support", "Onderzoek & kennis")),
    ]


def _enterprises() -> list[_Org]:
    """Impact entrepreneurs, regular companies and citizens' initiatives in the region."""
    return [
        _Org("tweedekans", "Koffiebranderij De Tweede Kans", "Maatschappelijke BV", IF,
             "Havenkade 12, 6842 EB Rivierstad", "97400346", "www.detweedekans.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10, 12),
             "Brandt fairtrade koffie met mensen die lang zonder werk zaten. Wil een tweede locatie "
             "openen en zoekt daarvoor financiering en een geschikt pand.",
             branch_number="000052274410"),
        _Org("fietsatelier", "Fietsatelier Oost", "BV", IF,
             "Molenstraat 41, 6843 KL Rivierstad", "97056747", "www.fietsatelieroost.example",
             ("Arbeidsparticipatie", "Circulaire economie"), (8, 10, 12),
             "Knapt afgedankte fietsen op met leerlingen van de entreeopleiding. Loopt tegen de grens "
             "van de werkplaatsruimte aan."),
        _Org("buurtkracht", "Stichting Buurtkracht", "Stichting", MI,
             "Pauwstraat 7, 6844 BN Rivierstad", "95360060", "www.buurtkracht.example",
             ("Sociale cohesie", "Armoede & schulden"), (1, 10, 11),
             "Bewonersinitiatief in Rivierstad-Oost met een buurtkamer en een wekelijkse gratis maaltijd. "
             "Draait op vrijwilligers en subsidie en wil een eigen verdienmodel opbouwen."),
        _Org("groenegevels", "Groene Gevels BV", "BV", IS,
             "Ambachtsweg 23, 6846 RT Rivierstad", "99337510", "www.groenegevels.example",
             ("Gezonde leefomgeving", "Energietransitie", "Arbeidsparticipatie"), (8, 11, 13),
             "Legt groene gevels en daken aan; de helft van de ploeg komt uit de Participatiewet. Doet "
             "graag mee aan aanbestedingen van de gemeente tegen hittestress."),
        _Org("debrug", "Werkplaats De Brug", "Stichting", IF,
             "Industrieweg 60, 6846 PH Rivierstad", "95983360", "www.werkplaatsdebrug.example",
             ("Arbeidsparticipatie",), (8, 10),
             "Sociale werkplaats met montage, verpakking en een houtafdeling voor ruim honderd "
             "medewerkers met een arbeidsbeperking. Zoekt nieuwe opdrachtgevers nu een grote klant vertrekt.",
             branch_number="000031968527"),
        _Org("nieuwedraad", "Nieuwe Draad", "BV", IF,
             "Spoorzone 12, 6841 WT Rivierstad", "98225646", "www.nieuwedraad.example",
             ("Circulaire economie", "Arbeidsparticipatie"), (5, 8, 12),
             "Circulaire textielstartup die afgedankte bedrijfskleding tot nieuw garen laat verwerken; "
             "het naaiwerk doen statushouders. Zit in het programma van de Impactversneller."),
        _Org("wilgenhoeve", "Zorgboerderij De Wilgenhoeve", "VOF", IF,
             "Dijkweg 101, 6865 AK Wilgenhoven", "90042527", "www.dewilgenhoeve.example",
             ("Zorg & welzijn", "Voedsel & landbouw"), (2, 3, 15),
             "Zorgboerderij met dagbesteding voor ouderen met dementie en jongeren met autisme. Wil een "
             "boerderijwinkel beginnen en vraagt naar de regels van het omgevingsplan."),
        _Org("rivierstroom", "Energiecoöperatie Rivierstroom", "Coöperatie", MI,
             "Lindelaan 2, 6851 CG Oosterwaard", "99190751", "www.rivierstroom.example",
             ("Energietransitie", "Sociale cohesie"), (7, 11, 13),
             "Coöperatie met 480 leden en een zonnedak op de sporthal. Bereidt een postcoderoosproject op "
             "het dak van de oude veiling voor."),
        _Org("glans", "Schoonmaakbedrijf Glans & Co", "BV", IS,
             "Energieweg 9, 6846 TB Rivierstad", "95710873", "www.glansenco.example",
             ("Arbeidsparticipatie", "Armoede & schulden"), (1, 8, 10),
             "Schoonmaakbedrijf met 85 medewerkers, van wie ruim de helft uit de doelgroep van de "
             "Participatiewet. Heeft PSO 30+ en wil de SROI-badge halen.",
             branch_number="000046120873"),
        _Org("taalcafe", "Taalcafé De Verbinding", "Stichting", MI,
             "Bibliotheekplein 1, 6843 VB Rivierstad", "92363714", "www.taalcafedeverbinding.example",
             ("Onderwijs", "Sociale cohesie"), (4, 10),
             "Vrijwilligers oefenen twee keer per week Nederlands met nieuwkomers in de bibliotheek. "
             "Zoekt een vaste financier voor de betaalde coördinator."),
        _Org("geldwijs", "Stichting Geldwijs Rivierstad", "Stichting", MI,
             "Kerkstraat 8, 6841 EJ Rivierstad", "93526984", "www.geldwijs.example",
             ("Armoede & schulden",), (1, 10),
             "Getrainde vrijwilligers helpen huishoudens met hun administratie en voorkomen zo schulden. "
             "Werkt nauw samen met het sociaal wijkteam."),
        _Org("repaircafe", "Repair Café Oosterwaard", None, MI,
             "Dorpsstraat 14, 6851 AM Oosterwaard", None, None,
             ("Circulaire economie", "Sociale cohesie"), (12,),
             "Maandelijks reparatiecafé in het dorpshuis, zonder eigen rechtspersoon. Vraagt of er een "
             "kleine subsidie voor gereedschap mogelijk is."),
        _Org("smaakmakers", "Lunchroom Smaakmakers", "BV", IF,
             "Marktplein 5, 6841 CN Rivierstad", "99840186", "www.smaakmakers.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10),
             "Lunchroom waar jongeren met een licht verstandelijke beperking het horecavak leren. Heeft "
             "het label Ondernemen met impact aangevraagd."),
        _Org("rechtswinkel", "Stichting Rechtswinkel Rivierstad", "Stichting", MI,
             "Kerkstraat 10, 6841 EJ Rivierstad", "94219689", "www.rechtswinkelrivierstad.example",
             ("Rechtvaardigheid", "Armoede & schulden"), (10, 16),
             "Gratis juridisch spreekuur door rechtenstudenten en vrijwillige advocaten. Merkt een "
             "groeiende vraag over huur en toeslagen."),
        _Org("eerlijkeketen", "Eerlijke Keten", "BV", IF,
             "Havenkade 30, 6842 EB Rivierstad", "99352468", "www.eerlijkeketen.example",
             ("Rechtvaardigheid", "Voedsel & landbouw"), (8, 12, 16),
             "Importeert cacao en specerijen rechtstreeks van coöperaties, tegen een eerlijke prijs. Wil "
             "leveren aan de kantines van de gemeente en vraagt naar de inkoopregels."),
        _Org("codeschool", "Codeschool Rivierstad", "Stichting", IF,
             "Spoorzone 14, 6841 WT Rivierstad", "97735513", "www.codeschoolrivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie"), (4, 8, 10),
             "Leidt statushouders en zij-instromers in negen maanden op tot junior developer. Zoekt "
             "werkgevers voor stageplaatsen."),
        _Org("kleineakker", "Stadsboerderij De Kleine Akker", "Coöperatie", MI,
             "Polderweg 77, 6844 ZR Rivierstad", "99606110", "www.dekleineakker.example",
             ("Voedsel & landbouw", "Gezonde leefomgeving", "Sociale cohesie"), (2, 3, 11),
             "Coöperatieve stadsboerderij met een zelfoogsttuin en moestuinlessen voor basisscholen. Het "
             "huurcontract voor de grond loopt over twee jaar af."),
        _Org("vanderlinden", "Bouwbedrijf Van der Linden", "BV", REG,
             "Ambachtsweg 5, 6846 RT Rivierstad", "96664202", "www.vanderlindenbouw.example",
             ("Arbeidsparticipatie",), (8, 9, 11),
             "Familiebedrijf in nieuwbouw en renovatie met 120 medewerkers. Heeft een SROI-verplichting "
             "uit de renovatie van drie scholen en zoekt sociale partners om die in te vullen.",
             branch_number="000018472935"),
        _Org("verhoef", "Drukkerij Verhoef", "BV", REG,
             "Industrieweg 14, 6846 PG Rivierstad", "96314012", "www.drukkerijverhoef.example",
             ("Circulaire economie",), (12, 13),
             "Drukkerij die overstapt op gerecycled papier en plantaardige inkt. Vraagt naar subsidie "
             "voor het verduurzamen van de machines."),
        _Org("yilmaz", "Yilmaz Installatietechniek", "Eenmanszaak", REG,
             "Esdoornstraat 19, 6843 RM Rivierstad", "91354318", "www.yilmaztechniek.example",
             ("Energietransitie",), (7, 13),
             "Installeert warmtepompen en zonnepanelen en heeft meer werk dan mensen. Wil graag een "
             "leerling-monteur via het WSP of het mbo."),
        _Org("groenrijk", "Hoveniersbedrijf Groenrijk", "VOF", IS,
             "Tuinbouwweg 3, 6861 BH Laagveld", "91645033", "www.groenrijk.example",
             ("Gezonde leefomgeving", "Arbeidsparticipatie"), (8, 11, 15),
             "Hoveniersbedrijf dat elk jaar twee mensen met een arbeidsbeperking in dienst neemt. "
             "Onderhoudt het openbaar groen in Laagveld."),
        _Org("kringloop", "Kringloop Rivierland", "Stichting", IF,
             "Industrieweg 72, 6846 PH Rivierstad", "96188185", "www.kringlooprivierland.example",
             ("Circulaire economie", "Arbeidsparticipatie"), (8, 12),
             "Kringloopbedrijf met drie winkels en een ophaaldienst; veel medewerkers werken met behoud "
             "van uitkering. Wil samen met Nieuwe Draad een textielsorteerlijn starten.",
             branch_number="000027395016"),
        _Org("samenoud", "Zorgcoöperatie Samen Oud", "Coöperatie", MI,
             "Kerkplein 2, 6855 CJ Brugdorp", "98430815", "www.samenoud.example",
             ("Zorg & welzijn", "Sociale cohesie"), (3, 10, 11),
             "Dorpsbewoners regelen samen vervoer, maaltijden en klusjes voor ouderen in Brugdorp. "
             "Onderzoekt met de gemeente een kleinschalige woonvorm."),
        _Org("zonnedak", "Zonnedak Rivierstad", "BV", REG,
             "Energieweg 21, 6846 TB Rivierstad", "94025425", "www.zonnedakrivierstad.example",
             ("Energietransitie",), (7, 13),
             "Legt zonnepanelen op bedrijfsdaken en verenigingsgebouwen. Zoekt samenwerking met de "
             "energiecoöperatie voor daken die te klein zijn voor een eigen project."),
        _Org("houtwerkplaats", "Houtwerkplaats Het Tweede Leven", "Eenmanszaak", IF,
             "Molenstraat 3, 6843 KG Rivierstad", "91280435", "www.hettweedeleven.example",
             ("Circulaire economie",), (12,),
             "Maakte meubels van sloophout met twee leerwerkplekken. De eigenaar is in 2025 gestopt; de "
             "machines zijn overgenomen door Werkplaats De Brug.",
             archived=True),
        _Org("gedeeldetafel", "Catering De Gedeelde Tafel", "VOF", IS,
             "Ambachtsweg 31, 6846 RV Rivierstad", "95184138", "www.gedeeldetafel.example",
             ("Voedsel & landbouw", "Arbeidsparticipatie"), (2, 8, 12),
             "Cateraar voor bedrijfslunches die overschotten van telers verwerkt en drie statushouders in "
             "dienst heeft. Wil meedoen aan de aanbesteding voor de catering van het stadhuis."),
        _Org("rivierhaven", "Logistiek Centrum Rivierhaven", "BV", REG,
             "Havenweg 100, 6842 XK Rivierstad", "91504328", "www.lcrivierhaven.example",
             ("Arbeidsparticipatie",), (8, 9),
             "Distributiecentrum met 300 medewerkers en structureel vacatures. Wil een inclusieve afdeling "
             "met jobcoaching opzetten en vraagt naar de no-riskpolis en loonkostensubsidie.",
             branch_number="000041836209"),
        _Org("zoeteverschil", "Bakkerij Het Zoete Verschil", "Eenmanszaak", IF,
             "Dorpsstraat 30, 6861 AN Laagveld", "91998500", "www.hetzoeteverschil.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10),
             "Ambachtelijke bakkerij waar mensen met een arbeidsbeperking meebakken. De eigenaar wil een "
             "BV oprichten om te kunnen groeien."),
        _Org("jongtalent", "Stichting Jong Talent Rivierstad", "Stichting", MI,
             "Sportlaan 12, 6845 DK Rivierstad", "93746093", "www.jongtalentrivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie", "Sociale cohesie"), (4, 8, 10),
             "Koppelt jongeren zonder startkwalificatie aan een mentor uit het bedrijfsleven. Zoekt "
             "bedrijven voor snuffelstages."),
        _Org("buurtbus", "Buurtbusvereniging Laagveld", "Vereniging", MI,
             "Stationsweg 2, 6861 CP Laagveld", "98586960", None,
             ("Sociale cohesie", "Gezonde leefomgeving"), (10, 11),
             "Vrijwillige chauffeurs reden een buurtbus tussen Laagveld en Wilgenhoven. In 2025 opgegaan "
             "in de regionale buurtbus van de vervoerder.",
             archived=True),
        _Org("wolenwolk", "Atelier Wol & Wolk", "Eenmanszaak", IF,
             "Tolhuisstraat 6, 6851 BV Oosterwaard", "90192750", "www.wolenwolk.example",
             ("Arbeidsparticipatie", "Circulaire economie"), (5, 8, 12),
             "Breiatelier waar vrouwen met weinig kansen op de arbeidsmarkt producten maken van restgaren. "
             "Verkoopt vooral online en zoekt een winkelruimte in de binnenstad."),
    ]


def _organisations() -> list[_Org]:
    return _partners() + _enterprises()


# --------------------------------------------------------------------------------------------
# Persons

# Contact persons per organisation: (name, role) or (name, role, e-mail) when the organisation has
# no website to take the mail domain from.
_PERSONS_BY_ORG: dict[str, list[tuple[str, ...]]] = {
    "loket": [("Marieke van Dijk", "Accountmanager starters"), ("Youssef Benali", "Adviseur ondernemerschap")],
    "rom": [("Ingrid Hofstede", "Directeur"), ("Pieter-Jan Smit", "Investment manager")],
    "mkbfonds": [("Robert Kuipers", "Fondsmanager"), ("Esra Doğan", "Analist")],
    "mbo": [("Annemiek Brouwer", "Coördinator bedrijfscontacten"), ("Dewi Kartosen", "Praktijkopleider entree")],
    "wsp": [("Samira Ouali", "Accountmanager werkgevers"), ("Gerrit Jansen", "Teamleider")],
    "sroi": [("Linda Boersma", "SROI-adviseur"), ("Mohamed Azzouzi", "Contractmanager inkoop")],
    "impactnetwerk": [("Tom Verbeek", "Communitymanager")],
    "hogeschool": [("Esther Wijnands", "Lector Sociaal Ondernemen"), ("Kwame Mensah", "Onderzoeker")],
    "versneller": [("Lucas Meijer", "Oprichter"), ("Sophie de Graaf", "Programmamanager")],
    "tweedekans": [("Fatima el Amrani", "Oprichter en directeur"), ("Bart Hendriks", "Bedrijfsleider branderij"),
                   ("Joyce Sitaldin", "Jobcoach")],
    "fietsatelier": [("Ruud Bakker", "Eigenaar"), ("Emre Kaya", "Werkplaatsmeester")],
    "buurtkracht": [("Wilma de Boer", "Coördinator")],
    "groenegevels": [("Jeroen Mulder", "Directeur"), ("Aylin Demir", "Projectleider")],
    "debrug": [("Hans Visser", "Directeur-bestuurder"), ("Priya Ramdin", "HR-adviseur"),
               ("Marco Rossi", "Accountmanager")],
    "nieuwedraad": [("Lotte Vermeulen", "Oprichter"), ("Ahmad Al-Khatib", "Productieleider")],
    "wilgenhoeve": [("Gert Lammers", "Eigenaar"), ("Janny Lammers", "Eigenaar en zorgcoördinator")],
    "rivierstroom": [("Sanne Kok", "Secretaris"), ("Bas Claassen", "Projectleider zon")],
    "glans": [("Ricardo Martina", "Directeur"), ("Agnieszka Nowak", "Leidinggevende schoonmaak"),
              ("Mirjam Peters", "HR-adviseur")],
    "taalcafe": [("Thea Wouters", "Coördinator"), ("Abdi Warsame", "Vrijwilliger en taalmaatje")],
    "geldwijs": [("Kees van Leeuwen", "Voorzitter"), ("Naima Chaoui", "Coördinator vrijwilligers")],
    "repaircafe": [("Frits Dekker", "Organisator", "frits.dekker@mail.example")],
    "smaakmakers": [("Inge Smits", "Eigenaar"), ("Daan Willems", "Chef-kok en leermeester")],
    "rechtswinkel": [("Joost Hermans", "Voorzitter"), ("Eline Tan", "Coördinator spreekuur")],
    "eerlijkeketen": [("Kofi Boateng", "Oprichter"), ("Maaike Scholten", "Inkoper")],
    "codeschool": [("Rami Haddad", "Directeur"), ("Julia Kowalczyk", "Coördinator stages")],
    "kleineakker": [("Femke Jacobs", "Tuinder en bestuurslid"), ("Wouter van den Berg", "Penningmeester")],
    "vanderlinden": [("Arjan van der Linden", "Directeur"), ("Monique Timmermans", "HR-manager"),
                     ("Stefan Bos", "Projectleider renovatie scholen")],
    "verhoef": [("Paul Verhoef", "Eigenaar"), ("Karin Verhoef", "Bedrijfsleider")],
    "yilmaz": [("Mehmet Yilmaz", "Eigenaar"), ("Elif Yilmaz", "Administratie en planning")],
    "groenrijk": [("Bram Koster", "Vennoot"), ("Erik Koster", "Vennoot")],
    "kringloop": [("Carla Huisman", "Directeur"), ("Hakan Öztürk", "Bedrijfsleider"),
                  ("Anouk Prins", "Trajectbegeleider")],
    "samenoud": [("Riet van Dam", "Voorzitter"), ("Jan-Willem Post", "Coördinator vrijwilligers")],
    "zonnedak": [("Niels de Wit", "Accountmanager zakelijk")],
    "houtwerkplaats": [("Sjoerd Wiersma", "Eigenaar")],
    "gedeeldetafel": [("Mei Ling Chen", "Vennoot"), ("Lieke van Rijn", "Vennoot"),
                      ("Tesfay Gebremedhin", "Souschef")],
    "rivierhaven": [("Martijn de Jong", "Vestigingsmanager"), ("Shanti Baldew", "HR-businesspartner")],
    "zoeteverschil": [("Gerda Vos", "Eigenaar")],
    "jongtalent": [("Dennis Pinas", "Oprichter"), ("Zeynep Arslan", "Mentorcoördinator")],
    "buurtbus": [("Henk Schouten", "Secretaris", "buurtbus.laagveld@mail.example")],
    "wolenwolk": [("Hanneke Blom", "Eigenaar")],
}

# People who hold a role at more than one organisation: (name, role, organisation keys, notes).
_SHARED_PERSONS: list[tuple[str, str, tuple[str, ...], str]] = [
    ("Henk Bosman", "Voorzitter", ("rivierstroom", "buurtkracht"),
     "Voorzitter van Energiecoöperatie Rivierstroom en penningmeester van Stichting Buurtkracht."),
    ("Nadia Bouzid", "Directeur", ("impactnetwerk", "geldwijs"),
     "Directeur van Impactnetwerk Rivierland; lid van de raad van toezicht van Stichting Geldwijs Rivierstad."),
]

_SMALL_FORMS = {"Eenmanszaak", "VOF"}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _email(name: str, org: _Org) -> str | None:
    """first.lastname@domain; just first name at a one-person business or a VOF."""
    domain = org.mail_domain
    if domain is None:
        return None
    first, *rest = _ascii(name).split()
    local = first if org.legal_form in _SMALL_FORMS else f"{first}.{''.join(rest)}"
    return f"{local}@{domain}"


def _phone(rng: random.Random) -> str:
    """A made-up Dutch number: mostly mobile, some landline in the region's area code."""
    if rng.random() < 0.3:
        return f"0488-{rng.randint(200000, 899999)}"
    return f"06-{rng.randint(10000000, 59999999)}"


def _persons() -> list[_Person]:
    orgs = {org.key: org for org in _organisations()}
    rng = random.Random(2026)
    persons: list[_Person] = []
    for key, entries in _PERSONS_BY_ORG.items():
        for name, role, *email in entries:
            persons.append(_Person(name, role, (key,), email[0] if email else _email(name, orgs[key]), _phone(rng)))
    for name, role, keys, notes in _SHARED_PERSONS:
        persons.append(_Person(name, role, keys, _email(name, orgs[keys[0]]), _phone(rng), notes))
    return persons


# --------------------------------------------------------------------------------------------
# Loading


def is_empty(ws: Workspace) -> bool:
    """True when the database holds no organisation (archived ones count; deleted ones do not)."""
    return count_organisations(ws, include_archived=True) == 0


def load_demo(ws: Workspace, force: bool = False) -> DemoSummary:
    """Fill the database with the fictional Rivierstad data set.

    Refuses a database that already holds organisations, unless ``force``: then the demo is added
    alongside, skipping demo organisations that are already there (same KvK-nummer, or the same
    name for those without one) so that loading twice does not make doubles.
    """
    if not force and not is_empty(ws):
        raise DeskError(NOT_EMPTY_MESSAGE)
    context = _Context(ws, DemoSummary())
    _load_settings(context)
    _load_organisations(context)
    _load_persons(context)
    return context.summary


def _load_settings(context: _Context) -> None:
    current = settings.organisation_name(context.ws)
    if not current:
        settings.set_setting(context.ws, settings.ORGANISATION_NAME, MUNICIPALITY)
        context.summary.municipality_set = True


def _existing_id(ws: Workspace, org: _Org) -> str | None:
    if org.kvk:
        found = find_by_kvk(ws, org.kvk)
        return found.id if found else None
    for row in list_organisations(ws, org.name, limit=50):
        if row.name.casefold() == org.name.casefold():
            return row.id
    return None


def _load_organisations(context: _Context) -> None:
    ws, summary = context.ws, context.summary
    for org in _organisations():
        existing = _existing_id(ws, org)
        if existing:
            context.org_ids[org.key] = existing
            summary.skipped_organisations += 1
            continue
        created = create_organisation(ws, org.as_input())
        context.org_ids[org.key] = created.id
        context.new_org_keys.add(org.key)
        summary.organisations += 1
        summary.partners += created.is_partner
        summary.archived += created.archived


def _load_persons(context: _Context) -> None:
    """Persons of the organisations made in this load; a person at an organisation that was already
    there is linked to it too, but not made again when all of their organisations were there."""
    for person in _persons():
        if not context.new_org_keys.intersection(person.org_keys):
            continue
        created = create_person(context.ws, {
            "name": person.name, "role": person.role, "email": person.email, "phone": person.phone,
            "notes": person.notes, "organisation_ids": [context.org_ids[key] for key in person.org_keys],
        })
        context.person_ids[person.name] = created.id
        context.summary.persons += 1
