"""One round of sync between this laptop and the team's register, and joining a team.

Runs in ``desk sync``'s own process (see db/replica.py for why never in the app's). A round:

1. finish what an interrupted round left (a push that landed but was not recorded, one file
   further than the other);
2. pull what others pushed and apply it to the live file (through the conflict policy) and to
   the shadow (as is: the shadow is the register's state);
3. push this laptop's changes since the shadow, a batch at a time, each on the newest version;
   a refused push means someone was first: pull again, then push what is still different.

Each file records the newest version it holds, in the same transaction as the change, so an
interruption at any moment leaves a state the next round recognises.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import apsw

from db import migrations, register, replica
from db.connection import connect
from desk.core.clock import utc_iso
from desk.core.errors import DeskError
from desk.records.organisation_index import write_search_text
from desk.team import erasure, policy
from desk.work.opening import open_workspace

BATCH_ROWS = 5000  # rows per pushed changeset: a founding laptop's file goes up in pieces
ALL_ROWS = 1 << 62
SHADOW = "synced"


def team_folder(db_path: Path) -> Path:
    return db_path.parent / "team"


def shadow_path(db_path: Path) -> Path:
    return team_folder(db_path) / f"{db_path.name}.synced"


@dataclass
class Outcome:
    version: int = 0
    pulled: int = 0
    pushed: int = 0
    reviews: int = 0
    waiting: int = 0  # rows changed here and not yet in the register
    open_reviews: int = 0
    blocked: str | None = None  # why the round stopped early (a newer Desk in the team)


@dataclass
class _Replica:
    live: apsw.Connection
    shadow: apsw.Connection
    laptop: str
    author: str

    def versions(self) -> tuple[int, int]:
        return (int(replica.read_state(self.live).get("version", 0)),
                int(replica.read_state(self.shadow).get("version", 0)))


@contextlib.contextmanager
def _only_round(db_path: Path) -> Iterator[None]:
    folder = team_folder(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(folder / f"{db_path.name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DeskError("Er loopt al een synchronisatie voor deze database.") from None
        yield
    finally:
        os.close(fd)


def _migrate(path: Path, passphrase: str | None) -> None:
    """Bring a file to this Desk's schema through Desk's own migrations (with sqlite3, before apsw
    opens it): the live file and the shadow compare column for column. The shadow needs no backup
    first: the register has its state."""
    db = connect(path, passphrase)
    try:
        migrations.apply(db)
    finally:
        db.close()


def _open(db_path: Path, passphrase: str | None, author: str) -> _Replica:
    live = replica.open_file(db_path, passphrase)
    state = replica.read_state(live)
    if "register" not in state:
        live.close()
        raise DeskError(f"{db_path} hoort niet bij een team; sluit aan met: desk team join <adres van het register>.")
    shadow = replica.open_file(shadow_path(db_path), passphrase)
    replica.attach(live, shadow_path(db_path), SHADOW, passphrase)
    for scratch in ("mine", "theirs"):
        live.execute(f"ATTACH DATABASE ':memory:' AS {scratch}")
    fresh = replica.install_change_log(live, replica.synced_tables(live).values())
    erasure.install_refusal(live)
    if fresh:  # tables a migration added since the last round
        with live:
            replica.note_all_rows(live, fresh)
    return _Replica(live, shadow, state["laptop"], author)


def run_round(db_path: Path, conninfo: str, *, passphrase: str | None = None, password: str | None = None,
              author: str = "?") -> Outcome:
    if not shadow_path(db_path).exists():
        raise DeskError(f"{db_path} hoort niet bij een team; sluit aan met: desk team join <adres van het register>.")
    with _only_round(db_path):
        _migrate(db_path, passphrase)
        _migrate(shadow_path(db_path), passphrase)
        rep = _open(db_path, passphrase, author)
        try:
            with register.connect(conninfo, password) as conn:
                _check_register(rep, conn)
                outcome = Outcome()
                _finish_interrupted(rep, conn, outcome)
                while True:
                    if not _pull(rep, conn, outcome):
                        break
                    if not _push_batch(rep, conn, outcome):
                        break
            with rep.live:
                replica.write_state(rep.live, last_sync=utc_iso())
            outcome.version = rep.versions()[0]
            outcome.waiting = rep.live.execute("SELECT count(DISTINCT table_name || pk) FROM sync_changes").get
            outcome.open_reviews = rep.live.execute("SELECT count(*) FROM sync_reviews WHERE resolved_at IS NULL").get
            return outcome
        finally:
            rep.live.close()
            rep.shadow.close()


def _check_register(rep: _Replica, conn) -> None:
    ours = replica.read_state(rep.live)["register"]
    if register.identity(conn) != ours:
        raise DeskError("Dit register is niet dat van het team van deze database; controleer het adres.")


def _schema_too_new(live: apsw.Connection, entry: register.Entry) -> str | None:
    if entry.schema_version > replica.schema_version(live):
        return (f"Een collega werkt met een nieuwere versie van Desk (schema {entry.schema_version}); "
                "werk Desk eerst bij, dan komen de wijzigingen binnen.")
    return None


def _follow(reason: int, change: apsw.TableChange) -> int:
    """The shadow is the register's state, so it takes what the register says. It only meets other
    old values where an erasure has rewritten them in the register's history."""
    if reason in (apsw.SQLITE_CHANGESET_DATA, apsw.SQLITE_CHANGESET_CONFLICT):
        return apsw.SQLITE_CHANGESET_REPLACE
    if reason == apsw.SQLITE_CHANGESET_NOTFOUND:
        return apsw.SQLITE_CHANGESET_OMIT
    return apsw.SQLITE_CHANGESET_ABORT


def _apply_to_shadow(shadow: apsw.Connection, version: int, changeset: bytes) -> None:
    erasing = bool(erasure.erased_by(changeset))
    with shadow:
        apsw.Changeset.apply(changeset, shadow, conflict=_follow)
        if erasing:
            erasure.merge_indexes(shadow)
        replica.write_state(shadow, version=version)
    if erasing:
        erasure.checkpoint(shadow)


def _apply_to_live(rep: _Replica, version: int, changeset: bytes, outcome: Outcome) -> None:
    erased_here = {pid for (pid,) in rep.live.execute("SELECT person_id FROM erasures")}
    with rep.live:
        # Persons to erase from what arrives: the ones this changeset erases (as this laptop knows
        # them), and the ones erased here whose erasure has not gone up yet (as the shadow knows them).
        traces = erasure.traces_in(rep.live, "main", [p for p in erasure.erased_by(changeset) if p not in erased_here])
        traces += [t for t in erasure.traces_in(rep.live, SHADOW, _erased_not_pushed(rep))
                   if erasure.mentions(changeset, [t])]
        tables = replica.synced_tables(rep.live)
        reviews = policy.prepare(rep.live, changeset, tables)
        resolver = policy.Resolver(tables, erased_here, policy.erases(changeset),
                                   lambda table, row: replica.row_in(rep.live, SHADOW, table, row),
                                   lambda table, row: replica.row_in(rep.live, "main", table, row))
        try:
            apsw.Changeset.apply(changeset, rep.live, conflict=resolver)
        except apsw.AbortError:
            raise DeskError("Een wijziging uit het register past niet in deze database ("
                            + "; ".join(resolver.problems) + "); er is niets overgenomen.") from None
        for org_id in policy.organisations_to_refresh(rep.live, changeset, tables):
            write_search_text(rep.live, org_id)
        reviews += resolver.reviews
        policy.write_reviews(rep.live, reviews)
        if traces:  # what this laptop wrote about them since its last sync goes too, reviews included
            erasure.erase_here(rep.live, traces)
        replica.write_state(rep.live, version=version)
    if traces:
        erasure.checkpoint(rep.live)
    outcome.reviews += len(reviews)


def _erased_not_pushed(rep: _Replica) -> list[str]:
    return [p for (p,) in rep.live.execute(f"SELECT person_id FROM erasures EXCEPT SELECT person_id FROM {SHADOW}.erasures")]


def _finish_interrupted(rep: _Replica, conn, outcome: Outcome) -> None:
    state = replica.read_state(rep.live)
    live_v, shadow_v = rep.versions()
    if state.get("pushing"):  # a push went out; did it land before the round was interrupted?
        parent, last_seq = int(state["pushing"]), int(state["pushing_seq"])
        landed = register.entry(conn, parent + 1)
        if landed is not None and landed.laptop == rep.laptop and live_v == parent:
            if shadow_v == parent:
                _apply_to_shadow(rep.shadow, parent + 1, landed.changeset)
            _record_push(rep, parent + 1, last_seq)
            outcome.pushed += 1
        else:
            with rep.live:
                replica.write_state(rep.live, pushing=None, pushing_seq=None)
        live_v, shadow_v = rep.versions()
    if shadow_v < live_v:
        for entry in _entries(conn, shadow_v, live_v):
            _apply_to_shadow(rep.shadow, entry.version, entry.changeset)
    elif live_v < shadow_v:
        for entry in _entries(conn, live_v, shadow_v):
            _apply_to_live(rep, entry.version, entry.changeset, outcome)


def _entries(conn, after: int, up_to: int) -> Iterator[register.Entry]:
    for entry in register.pull(conn, after):
        if entry.version > up_to:
            return
        yield entry


def _pull(rep: _Replica, conn, outcome: Outcome) -> bool:
    """Apply what others pushed; False when a newer schema stops the round."""
    version = rep.versions()[0]
    for entry in register.pull(conn, version):
        if reason := _schema_too_new(rep.live, entry):
            outcome.blocked = reason
            return False
        _apply_to_live(rep, entry.version, entry.changeset, outcome)
        _apply_to_shadow(rep.shadow, entry.version, entry.changeset)
        outcome.pulled += 1
    return True


def _push_batch(rep: _Replica, conn, outcome: Outcome) -> bool:
    """Push one batch of this laptop's changes; False when there is nothing left to push. An
    erasure made here goes up in one piece with everything else waiting: the person's data, which
    the redaction needs, is in the shadow only until the first piece of it is recorded there."""
    erasing = _erased_not_pushed(rep)
    tables = replica.synced_tables(rep.live)
    while True:
        changes = replica.local_changes(rep.live, SHADOW, ALL_ROWS if erasing else BATCH_ROWS)
        if changes.last_seq == 0:
            return False
        # An erasure takes its derived values along: the register's copies of them name the person.
        outgoing = changes.changeset if erasing else policy.worth_sharing(rep.live, changes.changeset, tables)
        if outgoing:
            break
        # The noted rows are as the register has them (a pulled change, an undo), or differ only
        # in what each laptop derives itself.
        with rep.live:
            replica.forget_noted(rep.live, changes.last_seq)
    parent, schema_version = rep.versions()[0], replica.schema_version(rep.live)
    traces = erasure.traces_in(rep.live, SHADOW, erasing)
    if traces:  # an erasure made here: the person leaves this changeset and the register's history
        outgoing = erasure.redacted(rep.live, outgoing, traces) or outgoing
    with rep.live:
        replica.write_state(rep.live, pushing=parent, pushing_seq=changes.last_seq)
    if traces:
        landed = register.push_rewriting(conn, parent, outgoing, schema_version, rep.laptop, rep.author,
                                         lambda stored: erasure.redacted(rep.live, stored, traces))
    else:
        landed = register.push(conn, parent, outgoing, schema_version, rep.laptop, rep.author)
    if landed is None:  # someone was first: pull, then compare again
        with rep.live:
            replica.write_state(rep.live, pushing=None, pushing_seq=None)
        return True
    _apply_to_shadow(rep.shadow, landed, outgoing)
    _record_push(rep, landed, changes.last_seq)
    outcome.pushed += 1
    return True


def _record_push(rep: _Replica, version: int, last_seq: int) -> None:
    with rep.live:
        replica.forget_noted(rep.live, last_seq)
        replica.write_state(rep.live, version=version, pushing=None, pushing_seq=None)


# -- joining ------------------------------------------------------------------------------------

_USER_TABLES = ("organisations", "persons", "contacts", "referrals", "followups", "events")


def join(db_path: Path, conninfo: str, *, passphrase: str | None = None, password: str | None = None,
         author: str = "?") -> Outcome:
    """Make this database a replica of the team's register. The first laptop founds it and its
    records go up; a later one must be new (no records of its own) and gets everything: the
    register's history is applied to the shadow alone, which follows it without a conflict to
    judge, and the live file takes the shadow's rows in one go."""
    with register.connect(conninfo, password) as conn, _only_round(db_path):
        register_id = register.prepare(conn, str(uuid.uuid4()))
        founding = register.newest(conn) == 0
        # Migrated as the shadow will be; a founding laptop brings the default lists to the team.
        open_workspace(db_path, None, passphrase=passphrase).close()
        live = replica.open_file(db_path, passphrase)
        try:
            state = replica.read_state(live)
            if state.get("register") == register_id:
                raise DeskError(f"{db_path} hoort al bij dit team; synchroniseer met: desk sync.")
            if "register" in state:
                raise DeskError(f"{db_path} hoort al bij een ander team.")
            if not founding and any(live.execute(f"SELECT 1 FROM {t} LIMIT 1").get for t in _USER_TABLES):
                raise DeskError(f"{db_path} heeft al eigen gegevens, en het team heeft er ook; sluit aan met een "
                                "nieuwe database (desk --db NIEUW team join ...). Samenvoegen doet Desk niet.")
            _new_shadow(db_path, passphrase)
            version = 0 if founding else _shadow_from_history(live, db_path, passphrase, conn)
            tables = replica.synced_tables(live)
            if not founding:
                replica.attach(live, shadow_path(db_path), SHADOW, passphrase)
            with live:
                if not founding:  # the lists this file seeded itself give way to the register's
                    _rows_from_shadow(live, tables)
                replica.install_change_log(live, tables.values())
                erasure.install_refusal(live)
                if founding:
                    replica.note_all_rows(live, list(tables))
                replica.write_state(live, register=register_id, laptop=str(uuid.uuid4()), version=version)
        finally:
            live.close()
    return run_round(db_path, conninfo, passphrase=passphrase, password=password, author=author)


def _shadow_from_history(live: apsw.Connection, db_path: Path, passphrase: str | None, conn) -> int:
    shadow = replica.open_file(shadow_path(db_path), passphrase)
    try:
        version = 0
        for entry in register.pull(conn, 0):
            if reason := _schema_too_new(live, entry):
                raise DeskError(reason)
            _apply_to_shadow(shadow, entry.version, entry.changeset)
            version = entry.version
        return version
    finally:
        shadow.close()


def _rows_from_shadow(live: apsw.Connection, tables: dict[str, replica.Table]) -> None:
    live.pragma("defer_foreign_keys", 1)
    for name in tables:
        live.execute(f'DELETE FROM main."{name}"')
    for name, table in tables.items():
        columns = ", ".join(f'"{c}"' for c in table.columns)
        live.execute(f'INSERT INTO main."{name}" ({columns}) SELECT {columns} FROM {SHADOW}."{name}"')


def _new_shadow(db_path: Path, passphrase: str | None) -> None:
    """An empty Desk file with the same schema: the state before the first version."""
    path = shadow_path(db_path)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    _migrate(path, passphrase)
