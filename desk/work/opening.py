"""Opening a Desk database: migrate it if needed and make sure the default lists are there.

Apart from the Workspace itself, because the lists (terms, departments, certification kinds) are
kept by services that need a Workspace to work.
"""

from __future__ import annotations

from pathlib import Path

import db as storage
from desk.core.config import UserConfig
from desk.core.workspace import Workspace
from desk.records import departments, terms
from desk.work import certifications


def open_workspace(path: Path, user: UserConfig | None, create_folder: bool = False,
                   passphrase: str | None = None) -> Workspace:
    """Open the database (migrating it if needed) and make sure the default lists exist."""
    path = Path(path)
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    workspace = Workspace(storage.open_database(path, passphrase), path, user, passphrase)
    terms.seed_defaults(workspace)
    departments.seed_defaults(workspace)
    certifications.seed_defaults(workspace)
    return workspace
