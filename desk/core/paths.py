"""Where Desk keeps its files: platformdirs defaults, overridden by --db / DESK_DB / DESK_CONFIG."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desk.core.errors import DeskError

APP_NAME = "desk"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "desk.sqlite"


def resolve_db_path(cli_value: str | None) -> tuple[Path, bool]:
    """The database path and whether it is the default (whose folder Desk may create): --db over
    DESK_DB over the default. A folder is refused: every command would fail on it differently."""
    if cli_value is not None:
        if not cli_value.strip():  # e.g. --db "$UNSET_VARIABLE": never fall back to the default then
            raise DeskError("--db is leeg; geef het pad van een databasebestand op.")
        path, is_default = Path(cli_value).expanduser(), False
    elif os.environ.get("DESK_DB"):
        path, is_default = Path(os.environ["DESK_DB"]).expanduser(), False
    else:
        path, is_default = default_db_path(), True
    if path.is_dir():
        raise DeskError(f"{path} is een map; geef het pad van een databasebestand op, bijvoorbeeld "
                        f"{path / 'desk.sqlite'}.")
    return path, is_default


def config_path() -> Path:
    if os.environ.get("DESK_CONFIG"):
        return Path(os.environ["DESK_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.json"
