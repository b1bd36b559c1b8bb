"""Turning pydantic's validation errors into Dutch messages per field, and the field checks
shared by models, forms and imports."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from desk.core.errors import ValidationFailed

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


# Characters that change how text looks or reads without being seen: control characters (NUL and
# the rest of C0/C1 that is not whitespace), bidirectional embeddings, overrides, isolates and marks
# (U+202A-202E, U+2066-2069, U+200E/F, U+061C: "Trojan source" names), zero-width space, word joiner,
# invisible operators, deprecated format characters and a BOM inside text (U+FEFF).
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
                        "\u2060-\u206f\ufeff]")
_INVISIBLE_IN_NOTES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e"
                                 "\u2066-\u2069]")
_JOINERS = re.compile("[\u200c\u200d]")


def _joins(char: str) -> bool:
    """A character beside which a zero-width (non-)joiner has a meaning: emoji and their modifiers
    (👩‍💻), and letters and marks of scripts that need joiners (Persian, Devanagari, ...). Latin
    letters never do, so a joiner hidden in a Dutch name is removed."""
    return ord(char) >= 0x0370 and unicodedata.category(char)[0] in "LMS"


def _keep_joiner(match: re.Match[str]) -> str:
    text, at = match.string, match.start()
    keep = 0 < at < len(text) - 1 and _joins(text[at - 1]) and _joins(text[at + 1])
    return match.group() if keep else ""


def strip_invisible(value: str) -> str:
    """``value`` without the invisible characters of a name or short field (see _INVISIBLE); a
    zero-width joiner or non-joiner only stays inside an emoji sequence or a script that needs it."""
    value = _INVISIBLE.sub("", value)
    return _JOINERS.sub(_keep_joiner, value) if "\u200c" in value or "\u200d" in value else value


def clean_text(value: str | None) -> str | None:
    """Trim and collapse whitespace, remove invisible characters (strip_invisible); empty becomes None.
    The one cleaner of names and short fields, for forms and imports alike."""
    if value is None:
        return None
    value = " ".join(strip_invisible(str(value)).split())
    return value or None


def clean_notes(value: str | None) -> str:
    """Free text keeps its lines, tabs and every joiner, but loses NUL, other control characters and
    bidirectional controls; trimmed."""
    return _INVISIBLE_IN_NOTES.sub("", str(value or "")).strip()


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
    from stdnum.exceptions import ValidationError as StdnumError  # noqa: PLC0415 - only when one is typed
    from stdnum.nl import postcode as nl_postcode  # noqa: PLC0415

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
    """Syntax only (email-validator, no network): ``jan..de.vries@x.nl`` and ``jan@x..nl`` are refused."""
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415 - only when one is typed

    value = clean_text(value)
    if value is None:
        return None
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(f"'{value}' is geen geldig e-mailadres") from None
    return checked.normalized.lower()


def check_phone(value: str | None) -> str | None:
    """A number as phonenumbers knows it (Dutch when it has no country code), stored in one form,
    ``+31 6 12345678``, so the same number typed as 06-12345678 or 0031612345678 is found as one."""
    import phonenumbers  # noqa: PLC0415 - only when one is typed

    value = clean_text(value)
    if value is None:
        return None
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"'{value}' is geen geldig telefoonnummer")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


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
