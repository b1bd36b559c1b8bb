"""Errors raised by the storage layer, with messages meant for the user (Dutch)."""


class StorageError(Exception):
    """The database file cannot be used; the message says why, in Dutch."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer Desk than this one."""


class NotADeskDatabaseError(StorageError):
    """The file exists but is not a Desk database."""


class DamagedDatabaseError(StorageError):
    """The file is a Desk database, but SQLite reports it as damaged."""


class PassphraseNeededError(NotADeskDatabaseError):
    """The file is not readable as plain SQLite: encrypted (a passphrase is needed) or not ours."""


class WrongPassphraseError(StorageError):
    """The passphrase does not open this encrypted database."""


class DatabaseBusyError(StorageError):
    """Another process (a second Desk, a long import) holds the write lock for longer than we wait."""


class DiskFullError(StorageError):
    """The disk (or the file system's quota) is full; nothing of the write was kept."""


def storage_error_for(exc: BaseException) -> StorageError | None:
    """The Dutch StorageError for a raw SQLite driver error that the user can act on, else None.

    sqlite3 and sqlcipher3 report these only by message text (their error codes arrive in 3.11 as
    ``sqlite_errorname`` on some builds only), so the message is what we match on.
    """
    text = str(exc).lower()
    if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
        return DatabaseBusyError("De database is bezig: een ander Desk-venster of -opdracht schrijft erin. "
                                 "Probeer het opnieuw als die klaar is.")
    if "disk is full" in text or "no space left" in text:
        return DiskFullError("De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.")
    if "readonly database" in text or "read-only" in text:
        return StorageError("De database kan niet beschreven worden (alleen-lezen); er is niets opgeslagen.")
    if "disk i/o error" in text:
        return StorageError("De schijf gaf een leesfout of schrijffout; er is niets opgeslagen.")
    return None
