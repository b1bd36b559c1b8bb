"""Turning pydantic's validation errors into Dutch messages per field, and the field checks
shared by models, forms and imports."""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

from desk.errors import ValidationFailed

Model = TypeVar("Model", bound=BaseModel)

_GENERIC_MESSAGES = {
    "missing": "is verplicht",
    "string_type": "moet tekst zijn",
    "int_parsing": "moet een getal zijn",
    "int_type": "moet een getal zijn",
    "bool_parsing": "moet ja of nee zijn",
    "list_type": "moet een lijst zijn",
    "string_too_long": "is te lang",
}


def validate(model: type[Model], data: dict, labels: dict[str, str]) -> Model:
    """Build ``model`` from ``data`` or raise ValidationFailed with one Dutch message per field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(dutch_errors(exc), labels) from None


def dutch_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "_"
        if error["type"] == "value_error":
            message = str(error["ctx"]["error"])
        else:
            message = _GENERIC_MESSAGES.get(error["type"], "ongeldige waarde")
        errors.setdefault(field, message)
    return errors


def clean_text(value: str | None) -> str | None:
    """Trim and collapse whitespace; empty becomes None."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


def check_kvk(value: str | None) -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    digits = _digits(value)
    if not re.fullmatch(r"\d{8}", digits):
        raise ValueError(f"een KvK-nummer heeft 8 cijfers ('{value}' klopt niet)")
    return digits


def check_branch_number(value: str | None) -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    digits = _digits(value)
    if not re.fullmatch(r"\d{12}", digits):
        raise ValueError(f"een vestigingsnummer heeft 12 cijfers ('{value}' klopt niet)")
    return digits


def check_postcode(value: str | None) -> str | None:
    """A Dutch postcode, normalised to ``1234 AB``."""
    value = clean_text(value)
    if value is None:
        return None
    try:
        compact = nl_postcode.compact(nl_postcode.validate(value))
    except StdnumError:
        raise ValueError(f"'{value}' is geen geldige Nederlandse postcode (zoals 3311 AB)") from None
    return f"{compact[:4]} {compact[4:]}"


def check_website(value: str | None) -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    if " " in value or "." not in value:
        raise ValueError(f"'{value}' is geen webadres (zoals www.voorbeeld.nl)")
    if not re.match(r"https?://", value, re.IGNORECASE):
        value = "https://" + value
    return value


def check_email(value: str | None) -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"'{value}' is geen e-mailadres")
    return value.lower()


def check_phone(value: str | None) -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    digits = re.sub(r"[\s\-().]", "", value)
    if not re.fullmatch(r"\+?\d{6,15}", digits):
        raise ValueError(f"'{value}' is geen telefoonnummer")
    return value


def check_required_name(value: str | None) -> str:
    value = clean_text(value)
    if not value:
        raise ValueError("is verplicht")
    if len(value) > 200:
        raise ValueError("is te lang (hoogstens 200 tekens)")
    return value


def check_sdgs(values: list[int | str] | str | None) -> list[int]:
    """SDG numbers 1..17, from a list or text like ``8, 10 11``."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in re.split(r"[\s,;]+", values) if part]
    result: set[int] = set()
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"'{value}' is geen SDG-nummer (1 tot en met 17)") from None
        if not 1 <= number <= 17:
            raise ValueError(f"SDG {number} bestaat niet (1 tot en met 17)")
        result.add(number)
    return sorted(result)
