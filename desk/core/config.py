"""Who is typing and how they like it: name, initials, colour theme and keys belong to this machine,
not to the database."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from db.temporary import private_temporary
from desk.core.errors import ValidationFailed
from desk.core.validation import validate


class UserConfig(BaseModel):
    name: str
    initials: str
    theme: str | None = None  # a Textual theme name; the app keeps the last one chosen
    keys: dict[str, str] = Field(default_factory=dict)  # binding id -> keys, e.g. "app.report": "f5"
    team_register: str | None = None  # the team register's address (desk team join); no password in it

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("vul je naam in")
        return value

    @field_validator("initials")
    @classmethod
    def _initials(cls, value: str) -> str:
        value = re.sub(r"[\s.]", "", value)
        if not re.fullmatch(r"[^\W\d_]{1,5}", value):
            raise ValueError("1 tot 5 letters, bijvoorbeeld JdV")
        return value


USER_LABELS = {"name": "Naam", "initials": "Initialen"}


def make_user(name: str, initials: str) -> UserConfig:
    return validate(UserConfig, {"name": name, "initials": initials}, USER_LABELS)


def load_user(path: Path) -> UserConfig | None:
    """The configured user, or None on a first start (or an unreadable file). A config an older
    Desk left readable for others (0644) is made private on the way."""
    try:
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(path, 0o600)
    except OSError:
        pass
    try:
        return UserConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def save_user(path: Path, user: UserConfig) -> None:
    """Written into a private temporary file (0600 from its first byte), then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with private_temporary(path.with_name(path.name + ".tmp")) as tmp:
        tmp.write_text(json.dumps(user.model_dump(), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)


__all__ = ["UserConfig", "make_user", "load_user", "save_user", "ValidationFailed"]
