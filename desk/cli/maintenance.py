"""The maintenance commands of ``desk``: backup, restore, check, encrypt, decrypt and report.

They work on the database file rather than through an opened workspace, because they must also
work when the file is damaged (check, restore) or about to change form (encrypt, decrypt).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk.care import backups, encryption
from desk.core import clock, paths
from desk.core.errors import DeskError

COMMANDS = ("backup", "restore", "check", "encrypt", "decrypt", "report")


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="maak een gecontroleerde back-up",
                                 description="Maak een back-up van de database: een gecontroleerde kopie, nooit "
                                             "een half bestand. Zonder --out komt hij in de map backups/ naast de "
                                             "database.")
    backup.add_argument("--out", metavar="BESTAND", help="waar de back-up heen moet")
    restore = commands.add_parser("restore", parents=[common], help="zet een back-up terug",
                                  description="Zet een back-up terug. Desk controleert het bestand eerst en "
                                              "maakt een back-up van de huidige database.")
    restore.add_argument("file", metavar="BESTAND", help="de back-up om terug te zetten")
    commands.add_parser("check", parents=[common], help="controleer de database op schade",
                        description="Integriteit, verwijzingen tussen tabellen en de zoekindexen; afsluitcode 1 "
                                    "met een verslag als er iets mis is.")
    encrypt = commands.add_parser("encrypt", parents=[common], help="versleutel de database en de back-ups",
                                  description="Versleutel de database, het logbestand en de back-ups met een "
                                              "wachtwoord (SQLCipher). Het wachtwoord komt uit DESK_PASSPHRASE of "
                                              "wordt twee keer gevraagd.")
    encrypt.add_argument("--keyring", action="store_true", help="bewaar het wachtwoord in de sleutelbos van je "
                                                                "computer, zodat Desk het niet elke keer vraagt")
    commands.add_parser("decrypt", parents=[common], help="maak de versleuteling ongedaan")
    report = commands.add_parser("report", parents=[common], help="voortgangsrapportage over een periode",
                                 description="Doelen en realisatie, contactmomenten per kanaal, thema, SDG en "
                                             "vraag, doorverwijzingen, evenementen, keurmerken en de toolbox; "
                                             "zonder namen van personen.")
    report.add_argument("--from", dest="date_from", required=True, metavar="DATUM")
    report.add_argument("--to", dest="date_to", required=True, metavar="DATUM")
    report.add_argument("--format", choices=("md", "html"), required=True)
    report.add_argument("--out", required=True, metavar="BESTAND", help="doelbestand; - voor de standaarduitvoer")


def ask_passphrase(prompt: str) -> str:
    import getpass  # noqa: PLC0415 - only for an encrypted file

    return getpass.getpass(prompt)


def _db_path(args: argparse.Namespace) -> Path:
    return paths.resolve_db_path(args.db)[0]


def passphrase_if_encrypted(path: Path) -> str | None:
    if not encryption.is_encrypted(path):
        return None
    passphrase = encryption.find_passphrase(path, ask_passphrase)
    if not passphrase:
        raise DeskError(f"{path} is versleuteld; zet het wachtwoord in DESK_PASSPHRASE of start in een terminal.")
    return passphrase


def run(args: argparse.Namespace) -> int:
    path = _db_path(args)
    if args.command in ("backup", "check", "encrypt", "decrypt", "report") and not path.exists():
        raise DeskError(f"Er is geen database op {path}.")
    unfinished = encryption.unfinished_message(path)
    if unfinished and args.command not in ("encrypt", "decrypt"):
        raise DeskError(unfinished)
    if args.command == "backup":
        made = backups.make_backup(path, target=Path(args.out).expanduser().absolute() if args.out else None,
                                   passphrase=passphrase_if_encrypted(path))
        print(f"Back-up gemaakt: {made}", file=sys.stderr)
        return 0
    if args.command == "restore":
        safety = backups.restore(path, Path(args.file).expanduser(), passphrase_if_encrypted(Path(args.file)))
        print(f"Teruggezet uit {args.file}" + (f"; de vorige stand staat in {safety}" if safety else ""),
              file=sys.stderr)
        return 0
    if args.command == "check":
        problems = backups.check_database(path, passphrase_if_encrypted(path))
        if problems:
            print(f"desk: {path} is niet in orde ({len(problems)} problemen):", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
            return 1
        state = "is alleen-lezen maar gezond" if backups.is_read_only(path) else "is in orde"
        print(f"{path} {state}: integriteit, verwijzingen en zoekindexen gecontroleerd.")
        return 0
    if args.command == "encrypt":
        return _encrypt(path, args.keyring)
    if args.command == "decrypt":
        if not encryption.needs_conversion(path, encryption.PLAIN):
            raise DeskError(f"{path} is niet versleuteld.")
        passphrase = encryption.find_passphrase(path, ask_passphrase)
        if not passphrase:
            raise DeskError("Geef het wachtwoord in DESK_PASSPHRASE of start in een terminal.")
        encryption.decrypt(path, passphrase)
        print(f"{path} en de back-ups zijn niet meer versleuteld.", file=sys.stderr)
        return 0
    return _report(args, path)


def _encrypt(path: Path, keep_in_keyring: bool) -> int:
    import os  # noqa: PLC0415

    passphrase = os.environ.get(encryption.PASSPHRASE_ENV)
    if not passphrase:
        if not sys.stdin.isatty():
            raise DeskError("Geef het wachtwoord in DESK_PASSPHRASE of start in een terminal.")
        passphrase = ask_passphrase("Nieuw wachtwoord: ")
        if ask_passphrase("Nog een keer: ") != passphrase:
            raise DeskError("De wachtwoorden zijn niet gelijk; er is niets veranderd.")
    encryption.encrypt(path, passphrase)
    print(f"{path} en de back-ups zijn versleuteld.", file=sys.stderr)
    if keep_in_keyring:
        stored = encryption.store_in_keyring(path, passphrase)
        print("Het wachtwoord staat in de sleutelbos." if stored
              else "Deze computer heeft geen sleutelbos; Desk vraagt het wachtwoord bij het starten.", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace, path: Path) -> int:
    import datetime as dt  # noqa: PLC0415

    from desk.dates.phrases import parse_date  # noqa: PLC0415
    from desk.files import report  # noqa: PLC0415
    from desk.files.writing import write_file_privately  # noqa: PLC0415
    from desk.work.opening import open_workspace  # noqa: PLC0415

    try:
        date_from, date_to = parse_date(args.date_from, clock.today()), parse_date(args.date_to, clock.today())
        ws = open_workspace(path, None, passphrase=passphrase_if_encrypted(path))
    except ValueError as exc:
        raise DeskError(str(exc)) from None
    try:
        rep = report.build_report(ws, date_from, date_to)
    except ValueError as exc:
        raise DeskError(str(exc)) from None
    finally:
        ws.close()
    text = (report.to_markdown if args.format == "md" else report.to_html)(rep)
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.out).expanduser().absolute()
    write_file_privately(target, lambda stream: stream.write(text.encode("utf-8")))
    print(f"Rapport bewaard in {target}", file=sys.stderr)
    return 0



