"""The arguments of ``desk``: the parser, and the checks argparse cannot express. A usage error
is one Dutch line on stderr and exit 2."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import NoReturn

from desk.cli import maintenance as cli_maintenance
from desk.cli import team as cli_team
from desk.files import choices

# What ``desk export`` can write: kind -> formats, the first one the default. A later kind or
# format is one entry here plus a branch in _exporter (commands.py). ``person`` (AVG) always writes JSON + Markdown.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "contacts": choices.FORMATS,
    "organisations": choices.FORMATS,
    "referrals": choices.FORMATS,
    "followups": ("ics", *choices.FORMATS),
}
EXPORT_KINDS = (*EXPORT_FORMATS, "person")
ALL_EXPORT_FORMATS = tuple(dict.fromkeys(f for formats in EXPORT_FORMATS.values() for f in formats))
STDOUT = "-"
SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8700
# Export filters: argparse dest -> (option, the ExportFilter field it fills).
EXPORT_FILTERS = {"date_from": ("--from", "date_from"), "date_to": ("--to", "date_to"), "event": ("--event", "event_id"),
                  "organisation": ("--organisation", "organisation_id"), "theme": ("--theme", "theme"),
                  "need": ("--need", "need"), "author": ("--author", "author")}


class _Parser(argparse.ArgumentParser):
    """argparse with one-line Dutch usage errors (exit 2). ``epilog_when_asked`` writes the epilog
    only when the help is shown: what it needs to import is not loaded at every start."""

    def __init__(self, *args, epilog_when_asked: Callable[[], str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.epilog_when_asked = epilog_when_asked

    def format_help(self) -> str:
        if self.epilog_when_asked is not None:
            self.epilog = self.epilog_when_asked()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"desk: {message} (zie 'desk --help')\n")


class _VersionAction(argparse.Action):
    """``--version``, looked up when asked: reading the installed packages' metadata at every
    start costs tens of milliseconds."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> NoReturn:
        try:
            found = version("desk")
        except PackageNotFoundError:
            found = "onbekend"
        print(f"desk {found}")
        parser.exit(0)


def _add_db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", metavar="PAD", default=default,
                        help="databasebestand (standaard: DESK_DB of de gegevensmap van Desk)")


def build_parser() -> argparse.ArgumentParser:
    # --db may come before or after any (sub-)subcommand. A subparser copies its own defaults over
    # what the main parser read, so the copies suppress theirs: only a --db that is typed is set.
    common = argparse.ArgumentParser(add_help=False)
    _add_db_option(common, argparse.SUPPRESS)

    parser = _Parser(
        prog="desk",
        description="Desk: contactmomenten, doorverwijzingen en opvolging voor de makelaar met mandaat.",
    )
    _add_db_option(parser, None)
    parser.add_argument("--version", action=_VersionAction, help="toon het versienummer en stop")
    parser.add_argument("--demo", action="store_true", help="laad de demogegevens als de database leeg is en start")
    commands = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)

    cli_maintenance.add_parsers(commands, common)
    cli_team.add_parsers(commands, common, _Parser)
    demo = commands.add_parser("demo", parents=[common], help="laad fictieve demogegevens")
    demo.add_argument("--force", action="store_true", help="ook als de database niet leeg is")

    _add_export_parser(commands, common)
    _add_import_parser(commands, common)
    _add_serve_parser(commands, common)
    toolbox = commands.add_parser("toolbox", parents=[common], help="het werkboek van de toolbox")
    toolbox_commands = toolbox.add_subparsers(dest="toolbox_command", metavar="opdracht", required=True,
                                              parser_class=_Parser)
    toolbox_export = toolbox_commands.add_parser(
        "export", parents=[common], help="een module of de hele toolbox afdrukken",
        description="Schrijf de toolbox met antwoorden, vinkjes, notities en datum als Markdown of als "
                    "afdrukbare HTML-pagina.")
    toolbox_export.add_argument("--module", type=int, metavar="N", help="alleen module N (1 tot en met 13)")
    toolbox_export.add_argument("--format", choices=("md", "html"), required=True, help="md of html")
    toolbox_export.add_argument("--out", required=True, metavar="BESTAND",
                                help="doelbestand; - schrijft naar de standaarduitvoer")
    return parser


def _add_export_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    combinations = "; ".join(f"{kind}: {', '.join(formats)}" for kind, formats in EXPORT_FORMATS.items())
    export = commands.add_parser(
        "export", parents=[common], help="exporteer gegevens naar een bestand",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""Exporteer gegevens uit Desk. Het bestand bevat persoonsgegevens, wordt alleen voor
jou leesbaar aangemaakt en elke export staat in het auditlog.

  contacts       contactmomenten met organisatie, contactpersonen, kanaal, vragen,
                 evenement, auteur en notities
  organisations  adreslijst: organisaties met hun contactpersonen (een regel per
                 contactpersoon); met --from/--to/--event/--need/--author: de
                 organisaties met een contactmoment dat daarbij past
  referrals      doorverwijzingen
  followups      opvolging; als ics: alle open opvolgingen als agenda voor
                 Outlook, Google Agenda of Apple Agenda
  person ID-OF-EMAIL
                 alles wat Desk over een persoon bewaart (AVG-inzageverzoek): JSON
                 plus een leesbare samenvatting in Markdown. --out is een bestaande
                 map (dan inzage-<datum>-<code>.json en .md) of een voorvoegsel
                 (--out verzoek geeft verzoek.json en verzoek.md)

CSV is UTF-8 met BOM en ; als scheidingsteken, zoals Excel met Nederlandse
instellingen het opent; cellen die met = + - @ beginnen krijgen een ' ervoor.""",
        epilog=f"Mogelijke formaten per soort: {combinations}. Een formaat dat niet bij de soort past, "
               "of een filter dat niet bij de soort past, is een gebruiksfout (afsluitcode 2). Datums als "
               "'1 januari 2026', '2026-01-01' of 'vandaag'.",
    )
    export.add_argument("kind", choices=list(EXPORT_KINDS), metavar="soort",
                        help=f"wat je exporteert: {', '.join(EXPORT_KINDS)}")
    export.add_argument("subject", nargs="?", metavar="ID-OF-EMAIL", help="alleen bij person: wie")
    export.add_argument("--format", dest="format", metavar="{" + ",".join(ALL_EXPORT_FORMATS) + "}",
                        help="bestandsformaat (standaard het eerste dat bij de soort past: csv; followups: ics)")
    export.add_argument("--out", required=True, metavar="BESTAND",
                        help="doelbestand; - schrijft naar de standaarduitvoer (niet voor xlsx); "
                             "bij person een map of voorvoegsel")
    export.add_argument("--delimiter", choices=list(choices.DELIMITERS), default=";", metavar="{;|,|tab}",
                        help="scheidingsteken voor csv: ; (standaard), , of tab")
    filters = export.add_argument_group("filters")
    filters.add_argument("--from", dest="date_from", metavar="DATUM", help="vanaf deze dag")
    filters.add_argument("--to", dest="date_to", metavar="DATUM", help="tot en met deze dag")
    filters.add_argument("--event", metavar="NAAM", help="evenement (naam of id)")
    filters.add_argument("--organisation", metavar="NAAM-OF-ID", help="organisatie (naam, KvK-nummer of id)")
    filters.add_argument("--theme", metavar="THEMA", help="thema van de organisatie")
    filters.add_argument("--need", metavar="VRAAG", help="ondersteuningsvraag (niet bij followups)")
    filters.add_argument("--author", metavar="INITIALEN", help="wie het vastlegde")


def _add_import_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def fields() -> str:
        from desk.files import import_mapping  # noqa: PLC0415 - the fields' labels come with the models

        return f"Velden voor --map: {', '.join(import_mapping.FIELDS.values())}, of - om een kolom niet te gebruiken."

    command = commands.add_parser(
        "import", parents=[common], help="organisaties met contactpersonen inlezen uit CSV of Excel",
        description="Lees organisaties met hun contactpersonen in uit een CSV- of Excel-bestand (xlsx). "
                    "Desk herkent de tekenset (UTF-8 met of zonder BOM, UTF-16, een bestand dat helemaal "
                    "Windows-1252 is) en het scheidingsteken (; , of tab) en koppelt kolommen aan velden op hun "
                    "kop, in het Nederlands of Engels. Elke rij wordt gecontroleerd, ook of ze evenveel velden "
                    "heeft als de kopregel; is er een rij fout, dan wordt niets opgeslagen en staat elke fout "
                    "met zijn regelnummer in het verslag (afsluitcode 1). Een bestand dat te groot is (meer "
                    "rijen dan --max-rows, een cel van meer dan "
                    f"{choices.number_text(choices.MAX_CELL_CHARS)} tekens, een xlsx dat uitgepakt "
                    f"meer dan {choices.MAX_XLSX_BYTES // 1024 // 1024} MB is) wordt vooraf geweigerd. "
                    "Alles wordt in één keer "
                    "opgeslagen. Een organisatie die er al is (zelfde KvK-nummer, of zelfde naam zonder "
                    "hoofdletters, accenten en B.V./Stichting) wordt standaard overgeslagen.",
        epilog_when_asked=fields,
    )
    command.add_argument("what", choices=["organisations"], metavar="soort", help="wat je inleest: organisations")
    command.add_argument("file", metavar="BESTAND", help="CSV- of xlsx-bestand")
    command.add_argument("--dry-run", action="store_true", help="laat per rij zien wat er zou gebeuren; "
                                                                "sla niets op")
    command.add_argument("--skip-invalid", action="store_true",
                         help="sla de goede rijen op en meld de foute (anders: niets als er een fout is)")
    command.add_argument("--existing", choices=list(choices.EXISTING), default="skip",
                         help="bestaande organisatie: skip (overslaan, standaard), update (bijwerken met wat "
                              "in het bestand staat) of add (toch een nieuwe toevoegen)")
    command.add_argument("--map", action="append", default=[], metavar="KOLOM=VELD",
                         help="koppel een kolom aan een veld, bijv. --map 'Bedrijf=naam' of --map 'Extra=-'; "
                              "mag vaker")
    command.add_argument("--delimiter", choices=list(choices.DELIMITERS), metavar="{;|,|tab}",
                         help="scheidingsteken als Desk het verkeerd raadt: ; , of tab")
    command.add_argument("--encoding", choices=["utf-8", "utf-8-sig", "cp1252", "utf-16"],
                         help="tekenset als Desk het verkeerd raadt (cp1252 is Windows-1252)")

    def row_limit(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"'{text}' is geen aantal rijen (een heel getal, 1 of meer)")
        return int(text)

    default_limit = choices.number_text(choices.MAX_ROWS)
    command.add_argument("--max-rows", type=row_limit, default=choices.MAX_ROWS, metavar="N",
                         help=f"lees hoogstens N rijen (standaard {default_limit}); een groter bestand wordt "
                              "geweigerd voordat er iets wordt opgeslagen")


def _add_serve_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def port(text: str) -> int:
        if not text.isdigit() or int(text) > 65535:
            raise argparse.ArgumentTypeError(f"'{text}' is geen poortnummer (0 tot en met 65535)")
        return int(text)

    command = commands.add_parser(
        "serve", parents=[common], help="Desk in de browser op deze laptop",
        description="Start Desk voor de browser: hetzelfde Desk als in de terminal, in een tabblad. Desk luistert "
                    "alleen op deze laptop (127.0.0.1) en geeft een link met een geheime sleutel; wie de link niet "
                    "heeft, komt er niet in. Exports, rapporten en afdrukken komen als download in de browser en "
                    "staan ook in de map exports/. Stoppen met ctrl+c.")
    command.add_argument("--port", type=port, metavar="N",
                         help=f"poort (standaard {SERVE_PORT} of de eerstvolgende vrije; 0 laat de computer kiezen)")
    command.add_argument("--host", default=SERVE_HOST, metavar="ADRES",
                         help="luister op een ander adres dan 127.0.0.1, bijvoorbeeld 0.0.0.0; dan kunnen anderen "
                              "op het netwerk de pagina bereiken (met de link). Alleen als je weet waarom")
    command.add_argument("--no-browser", action="store_true", help="open geen browser; toon alleen de link")


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Checks argparse cannot express; a mismatch is a usage error (exit 2) in Dutch."""
    if args.command == "export":
        _check_export_usage(parser, args)
    if args.command == "import":
        from desk.files import import_mapping  # noqa: PLC0415

        for override in args.map:
            try:
                import_mapping.field_for(override.rpartition("=")[2])
            except ValueError as exc:
                parser.error(f"--map '{override}': {exc}")


def _check_export_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    from desk.files import export_filters, export_kinds  # noqa: PLC0415 - only for an export

    given = [(option, field) for dest, (option, field) in EXPORT_FILTERS.items() if getattr(args, dest)]
    if args.kind == "person":
        if not args.subject:
            parser.error("export person: geef het id of e-mailadres van de persoon")
        if args.format or given or args.out == STDOUT:
            parser.error("export person schrijft altijd JSON en Markdown naar een map of voorvoegsel; "
                         "--format, filters en --out - passen daar niet bij")
        return
    if args.subject:
        parser.error(f"onverwacht '{args.subject}': alleen 'export person' krijgt een id of e-mailadres")
    formats = EXPORT_FORMATS[args.kind]
    if args.format is None:
        args.format = formats[0]
    elif args.format not in formats:
        parser.error(f"formaat '{args.format}' kan niet voor {args.kind}; kies uit: {', '.join(formats)}")
    if args.format == "xlsx" and args.out == STDOUT:
        parser.error("xlsx kan niet naar de standaarduitvoer; geef een bestand op met --out")
    applies = set() if args.format == "ics" else export_kinds.KINDS[args.kind].filters
    refused = [option for option, field in given if field not in applies]
    if refused:
        parser.error(f"{', '.join(refused)} kan niet bij {args.kind}" + (" als ics" if args.format == "ics" else ""))
    try:
        args.date_from, args.date_to = export_filters.parse_period(args.date_from, args.date_to)
    except ValueError as exc:
        parser.error(str(exc))
