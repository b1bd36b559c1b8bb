"""How a laptop reaches the register: the address in the config, the password never in a file.

The address is a PostgreSQL connection string that the municipality's IT hands out (host, port,
database, user; TLS settings as they require). The password comes from DESK_REGISTER_PASSWORD or
from the computer's keyring; libpq's own ways (a .pgpass file, a Unix socket without password)
work too.
"""

from __future__ import annotations

import os

from desk.care.encryption import open_keyring
from desk.core.errors import DeskError

PASSWORD_ENV = "DESK_REGISTER_PASSWORD"
KEYRING_SERVICE = "desk-register"


def checked_address(conninfo: str) -> str:
    """The address as given, refused when it carries a password (it would end up in the config)."""
    from psycopg import ProgrammingError  # noqa: PLC0415
    from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415

    try:
        parts = conninfo_to_dict(conninfo.strip())
    except ProgrammingError as exc:
        raise DeskError(f"Dit is geen adres van een PostgreSQL-database: {exc}") from None
    if parts.get("password"):
        raise DeskError(f"Zet het wachtwoord niet in het adres; geef het in {PASSWORD_ENV} of bewaar het met "
                        "--keyring in de sleutelbos.")
    return conninfo.strip()


def password(conninfo: str) -> str | None:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    keyring, error = open_keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, conninfo)
    except (error, RuntimeError):
        return None


def keep_password(conninfo: str, secret: str) -> bool:
    """Keep the register's password in the keyring; False when this machine has none."""
    keyring, error = open_keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, conninfo, secret)
    except (error, RuntimeError):
        return False
    return True
