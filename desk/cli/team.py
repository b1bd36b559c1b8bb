"""``desk team join`` and ``desk sync``: the team register from the command line.

They work on the database file in a process of their own, never through an opened workspace: the
sync opens the file with apsw, and the app runs exactly this command as its child.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from desk.core import paths
from desk.core.config import load_user, save_user
from desk.core.errors import DeskError

COMMANDS = ("team", "sync")


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser, parser_class) -> None:
    team = commands.add_parser("team", parents=[common], help="werk met collega's in één register",
                               description="Sluit deze database aan bij het register van je team: een "
                                           "PostgreSQL-database van de gemeente. Elke laptop houdt alles zelf "
                                           "en werkt ook zonder verbinding.")
    team_commands = team.add_subparsers(dest="team_command", metavar="opdracht", required=True,
                                        parser_class=parser_class)
    join = team_commands.add_parser(
        "join", parents=[common], help="sluit aan bij het register van het team",
        description="De eerste laptop van een team zet zijn gegevens in het register; een volgende laptop "
                    "begint met een nieuwe database en krijgt alles uit het register. Het wachtwoord komt uit "
                    "DESK_REGISTER_PASSWORD of de sleutelbos, nooit uit het adres.")
    join.add_argument("address", metavar="ADRES", help="adres van het register, bijvoorbeeld "
                                                       "postgresql://jdevries@register.gemeente.nl/desk")
    join.add_argument("--keyring", action="store_true",
                      help="bewaar het wachtwoord uit DESK_REGISTER_PASSWORD in de sleutelbos")
    sync = commands.add_parser("sync", parents=[common], help="synchroniseer met het register van het team",
                               description="Haal de wijzigingen van collega's op en verstuur de eigen.")
    sync.add_argument("--json", action="store_true", help="de uitkomst als JSON (voor de app)")


def run(args: argparse.Namespace) -> int:
    import psycopg  # noqa: PLC0415 - only for the team commands
    import apsw  # noqa: PLC0415

    from desk.cli.maintenance import passphrase_if_encrypted  # noqa: PLC0415
    from desk.team import access, sync  # noqa: PLC0415

    path, is_default = paths.resolve_db_path(args.db)
    if is_default:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    user = load_user(paths.config_path())
    if user is None:
        raise DeskError("Start Desk eerst één keer en vul je naam in: die staat bij je wijzigingen in het register.")
    try:
        if args.command == "team":
            address = access.checked_address(args.address)
            secret = access.password(address)
            outcome = sync.join(path, address, passphrase=passphrase_if_encrypted(path) if path.exists() else None,
                                password=secret, author=user.initials)
            save_user(paths.config_path(), user.model_copy(update={"team_register": address}))
            if args.keyring and secret:
                kept = access.keep_password(address, secret)
                print("Het wachtwoord van het register staat in de sleutelbos." if kept
                      else "Deze computer heeft geen sleutelbos; geef het wachtwoord in "
                           f"{access.PASSWORD_ENV}.", file=sys.stderr)
            print(f"{path} hoort nu bij het team (versie {outcome.version} van het register).")
            return 0
        if not user.team_register:
            raise DeskError("Er is geen register ingesteld; sluit aan met: desk team join <adres>.")
        outcome = sync.run_round(path, user.team_register, passphrase=passphrase_if_encrypted(path),
                                 password=access.password(user.team_register), author=user.initials)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DeskError(f"Het register is niet bereikbaar ({reason}); je wijzigingen blijven hier en gaan mee "
                        "bij de volgende synchronisatie.") from None
    except apsw.BusyError:
        raise DeskError("De database is bezig; synchroniseer zo nog een keer.") from None
    if args.json:
        print(json.dumps(asdict(outcome)))
    else:
        print(describe(outcome))
    return 0


def describe(outcome) -> str:
    line = (f"Gesynchroniseerd tot versie {outcome.version}: {outcome.pulled} binnengehaald, "
            f"{outcome.pushed} verstuurd")
    if outcome.open_reviews:
        line += f"; {outcome.open_reviews} conflict{'en' if outcome.open_reviews != 1 else ''} om te bekijken"
    if outcome.blocked:
        line += f". {outcome.blocked}"
    return line + "."
