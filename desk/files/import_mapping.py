"""Which column of an import file fills which field: guessed from the Dutch or English header,
corrected by the user (``--map kolom=veld`` or the wizard)."""

from __future__ import annotations

import re
import unicodedata

from desk.records.models import ORGANISATION_LABELS, PERSON_LABELS

PERSON_PREFIX = "person_"
# Field -> Dutch label: what the user sees in the mapping and may type after --map "kolom=".
FIELDS: dict[str, str] = {
    **ORGANISATION_LABELS,
    "person_name": "Contactpersoon",
    "person_role": PERSON_LABELS["role"],
    "person_email": PERSON_LABELS["email"],
    "person_phone": PERSON_LABELS["phone"],
    "person_notes": "Notities contactpersoon",
}
PERSON_FIELD_LABELS = {key.removeprefix(PERSON_PREFIX): label for key, label in FIELDS.items()
                       if key.startswith(PERSON_PREFIX)}
IGNORE_WORDS = ("-", "", "negeren", "niet gebruiken", "niets", "ignore")

# Headers people use, in Dutch and English; compared without case, accents, spaces or punctuation.
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("organisatie", "organisatienaam", "naam organisatie", "bedrijf", "bedrijfsnaam", "onderneming",
             "handelsnaam", "statutaire naam", "organisation", "organization", "organisation name",
             "organization name", "company", "company name", "business name"),
    "kvk": ("kvk", "kvk-nummer", "kvk nummer", "kvk nr", "kvknr", "kvk-nr", "kvk number", "coc", "coc number",
            "chamber of commerce", "chamber of commerce number"),
    "branch_number": ("vestigingsnummer", "vestigingsnr", "vestiging", "branch number", "branch"),
    "legal_form": ("rechtsvorm", "legal form", "legal entity"),
    "street": ("adres", "straat", "straat en huisnummer", "straatnaam en huisnummer", "bezoekadres",
               "vestigingsadres", "address", "street", "street address"),
    "postcode": ("postcode", "postal code", "postcode vestiging", "zip", "zip code", "zipcode"),
    "city": ("plaats", "woonplaats", "vestigingsplaats", "stad", "city", "town", "place"),
    "municipality": ("gemeente", "municipality"),
    "website": ("website", "webadres", "webpagina", "site", "url", "internet", "web", "homepage"),
    "impact_type": ("type", "impacttype", "impact type", "type onderneming", "soort onderneming", "soort"),
    "themes": ("thema's", "themas", "thema", "themes", "theme", "topics"),
    "sdgs": ("sdg's", "sdgs", "sdg", "duurzame ontwikkelingsdoelen"),
    "is_partner": ("partner", "is partner"),
    "ecosystem_domains": ("ecosysteemdomeinen", "ecosysteemdomein", "ecosystem domains", "ecosystem domain"),
    "archived": ("gearchiveerd", "archief", "archived"),
    "notes": ("notities", "notitie", "opmerkingen", "opmerking", "toelichting", "omschrijving", "beschrijving",
              "notes", "note", "remarks", "comments", "description"),
    "person_name": ("contactpersoon", "contact", "naam contactpersoon", "contactpersoon naam", "persoon",
                    "contact person", "contact name", "contactname", "person"),
    "person_role": ("functie", "rol", "functietitel", "role", "job title", "position", "function"),
    "person_email": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "mailadres", "email address",
                     "e-mail address", "e-mail contactpersoon"),
    "person_phone": ("telefoon", "telefoonnummer", "tel", "tel.", "mobiel", "mobiel nummer", "06", "phone",
                     "phone number", "telephone", "mobile"),
    "person_notes": ("notities contactpersoon", "opmerkingen contactpersoon", "person notes", "contact notes"),
}
# "Naam" alone is the organisation, unless another column already is: then it is the person.
_PLAIN_NAME = ("naam", "name")


def header_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(char for char in decomposed if not unicodedata.combining(char)))


_HEADER_INDEX = {header_key(header): fld for fld, headers in _HEADERS.items() for header in headers}
_FIELD_WORDS = {**_HEADER_INDEX, **{header_key(label): fld for fld, label in FIELDS.items()},
                **{header_key(fld): fld for fld in FIELDS}, **{header_key(word): "name" for word in _PLAIN_NAME}}

Mapping = list[str | None]  # per column: the field it fills, or None


def guess_mapping(headers: list[str]) -> Mapping:
    """Each column to the field its header names; a field is filled by the first column only."""
    mapping: Mapping = [_HEADER_INDEX.get(header_key(header)) for header in headers]
    seen: set[str] = set()
    for index, fld in enumerate(mapping):
        if fld in seen:
            mapping[index] = None
        elif fld:
            seen.add(fld)
    for index, header in enumerate(headers):
        if mapping[index] is None and header_key(header) in _PLAIN_NAME:
            fld = next((f for f in ("name", "person_name") if f not in seen), None)
            mapping[index] = fld
            if fld:
                seen.add(fld)
    return mapping


def field_for(text: str) -> str | None:
    """The field a user names (label, key or a header word), None for 'do not use'; ValueError (Dutch)."""
    if text.strip().casefold() in IGNORE_WORDS:
        return None
    fld = _FIELD_WORDS.get(header_key(text))
    if fld is None:
        raise ValueError(f"onbekend veld '{text.strip()}'; kies uit: {', '.join(FIELDS.values())} of - (negeren)")
    return fld


def apply_overrides(headers: list[str], mapping: Mapping, overrides: list[str]) -> Mapping:
    """``kolom=veld`` pairs (as given with --map) on top of a mapping. A field given to one column is
    taken from any other. ValueError (Dutch) for a column or field that does not exist."""
    mapping = list(mapping)
    by_header = {header.strip().casefold(): index for index, header in enumerate(headers)}
    for override in overrides:
        column, separator, target = override.rpartition("=")
        if not separator:
            raise ValueError(f"--map '{override}': schrijf kolom=veld, bijvoorbeeld 'Bedrijf=naam'")
        index = by_header.get(column.strip().casefold())
        if index is None:
            raise ValueError(f"--map '{override}': het bestand heeft geen kolom '{column.strip()}'; "
                             f"wel: {', '.join(headers)}")
        fld = field_for(target)
        mapping = [None if fld and other == fld else other for other in mapping]
        mapping[index] = fld
    return mapping


def describe_mapping(headers: list[str], mapping: Mapping) -> list[str]:
    return [f"{header or '(zonder kop)'} → {FIELDS[fld] if fld else '(niet gebruikt)'}"
            for header, fld in zip(headers, mapping)]
