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
