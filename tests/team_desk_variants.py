"""``desk`` as other builds of it would run, for the team tests that need a process:

    python -m tests.team_desk_variants newer  ... desk arguments ...   a Desk one migration ahead
    python -m tests.team_desk_variants batches N ... desk arguments ...  pushing N rows per changeset

The first is how a colleague who updated Desk first looks to the others; the second makes a sync
long enough to be killed halfway.
"""

from __future__ import annotations

import sys

from db import migrations


def _one_migration_ahead() -> None:
    @migrations.migrations()
    def m900_organisation_sector(db) -> None:  # an added column: what migrations after m012 may do
        db.execute("ALTER TABLE organisations ADD COLUMN sector TEXT")


if __name__ == "__main__":
    variant, args = sys.argv[1], sys.argv[2:]
    if variant == "newer":
        _one_migration_ahead()
    elif variant == "batches":
        from desk.team import sync

        sync.BATCH_ROWS, args = int(args[0]), args[1:]
    from desk.cli.commands import main

    sys.exit(main(args))
