"""Where Desk keeps its files: platformdirs defaults, overridden by --db / DESK_DB / DESK_CONFIG."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "desk"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "desk.sqlite"


def resolve_db_path(cli_value: str | None) -> tuple[Path, bool]:
    """The database path and whether it is the default (whose folder Desk may create)."""
    if cli_value:
        return Path(cli_value).expanduser(), False
    if os.environ.get("DESK_DB"):
        return Path(os.environ["DESK_DB"]).expanduser(), False
    return default_db_path(), True


def config_path() -> Path:
    if os.environ.get("DESK_CONFIG"):
        return Path(os.environ["DESK_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.json"
