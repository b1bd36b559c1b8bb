"""Errors the user can act on. Their messages are Dutch and shown as they are."""

from __future__ import annotations


class DeskError(Exception):
    """A user error: the message says what is wrong, in Dutch."""


class NotFound(DeskError):
    pass


class ValidationFailed(DeskError):
    """One or more fields are wrong. ``errors`` maps field name to a Dutch message."""

    def __init__(self, errors: dict[str, str], labels: dict[str, str] | None = None):
        self.errors = errors
        labels = labels or {}
        text = "; ".join(f"{labels.get(field, field)}: {message}" for field, message in errors.items())
        super().__init__(text)
