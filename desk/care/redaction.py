"""Finding a person's name, e-mail and phone in text as people write them, and redacting them.

Case, accents (é/e), spacing and separators do not matter: "José  García", "jose-garcia" (a file
name slug) and "JOSE GARCIA" are one name; "0612345678", "06-12345678", "06 1234 5678",
"+31 6 12345678", "+31 (0)6 12345678" and "0031612345678" are one phone number. Matching runs on a
folded copy of the text; a match is mapped back to the original characters, so only the mention is
replaced and the rest of the text stays as written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

NAME_MARK = "[naam verwijderd]"
EMAIL_MARK = "[e-mail verwijderd]"
PHONE_MARK = "[telefoon verwijderd]"
# Words of a name too common to redact on their own.
PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "el", "al", "la", "le", "von", "op", "in", "'t"}
_DIGIT_GAP = r"(?:[ \t\-./()]{0,3})"
# The combining marks that NFKD splits off accented letters (Latin, Greek, Cyrillic and their
# extensions); ``fold_char`` removes every combining mark, this covers what names carry.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case without accents (for patterns; texts go through ``_folded``)."""
    return "".join(fold_char(c) for c in text)


def _fold_whole(text: str) -> str:
    """``fold`` in one pass of C code, for the search that decides whether a text needs more work."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _folded(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, per folded character, the index of the original one (None: the same)."""
    if text.isascii():
        return text.lower(), None
    parts, origin = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


def _name_pattern(name: str) -> str | None:
    words = re.findall(r"\w+", fold(name))
    if not words or len("".join(words)) < 3:
        return None
    # Any separators, or none: "Jan de Vries", "jan-de-vries", "jan.de.vries", "jandevries".
    return r"(?<![^\W_])" + r"[\W_]*".join(re.escape(w) for w in words) + r"(?![^\W_])"


def national_digits(phone: str) -> str:
    """The digits of a phone number without the country or trunk prefix (Dutch numbers)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") and digits.startswith("31"):
        return digits[2:]
    if digits.startswith("0031"):
        return digits[4:]
    return digits[1:] if digits.startswith("0") else digits


def _phone_pattern(phone: str) -> str | None:
    digits = national_digits(phone)
    if len(digits) < 6:
        return None
    prefix = rf"(?:(?:\+|00){_DIGIT_GAP}31{_DIGIT_GAP}(?:\(0\){_DIGIT_GAP})?|0{_DIGIT_GAP})?"
    return r"(?<!\d)" + prefix + _DIGIT_GAP.join(digits) + r"(?!\d)"


@dataclass
class Matcher:
    """The written forms of one person; ``redact`` replaces each with its marker."""

    patterns: list[tuple[re.Pattern[str], str]]

    def __post_init__(self) -> None:
        # One pass over a text that mentions nobody, which is nearly every text.
        self._any = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.patterns) or r"(?!)")

    @classmethod
    def for_person(cls, name: str, email: str | None, phone: str | None,
                   extra_names: list[str] = ()) -> Matcher:
        found: list[tuple[re.Pattern[str], str]] = []
        if email and len(email.strip()) >= 3:  # before the name: the name may be its local part
            found.append((re.compile(re.escape(fold(email.strip()))), EMAIL_MARK))
        if phone and (pattern := _phone_pattern(phone)):
            found.append((re.compile(pattern), PHONE_MARK))
        for text in sorted({name, *extra_names}, key=len, reverse=True):
            if text and (pattern := _name_pattern(text)):
                found.append((re.compile(pattern), NAME_MARK))
        return cls(found)

    def with_names(self, extra_names: list[str]) -> Matcher:
        extra = [(re.compile(p), NAME_MARK) for n in extra_names if (p := _name_pattern(n))]
        return Matcher(self.patterns + extra)

    def mentions(self, text: str) -> bool:
        return bool(self._any.search(text.lower() if text.isascii() else _fold_whole(text)))

    def mentions_bytes(self, data: bytes) -> bool:
        """A file's content: UTF-8 (or Latin-1 when it is not), searched as text."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        # Also as read back: iCalendar folds long lines ("\r\n "), JSON may escape accents (\u00e9).
        unfolded = re.sub(r"\r?\n[ \t]", "", text)
        unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), unfolded)
        return any(self.mentions(t) for t in {text, unfolded, unescaped})

    def redact(self, text: str | None) -> str | None:
        if not text or not self.mentions(text):
            return text
        for pattern, mark in self.patterns:
            folded, origin = _folded(text)
            spans = [m.span() for m in pattern.finditer(folded) if m.end() > m.start()]
            if not spans:
                continue
            if origin is not None:
                spans = [(origin[start], origin[end - 1] + 1) for start, end in spans]
            for start, end in reversed(spans):
                text = text[:start] + mark + text[end:]
        return text

    def redact_stored(self, text: str | None) -> str | None:
        """Like ``redact``; a JSON text is redacted value by value, so escaped characters
        (``\\u00e9``) are found too and the JSON stays valid."""
        if not text or text[0] not in "{[" or ("\\u" not in text and not self.mentions(text)):
            return self.redact(text)
        try:
            data = json.loads(text)
        except ValueError:
            return self.redact(text)
        cleaned = self._redact_json(data)
        return text if cleaned == data else json.dumps(cleaned, ensure_ascii=False)

    def _redact_json(self, value):
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list):
            return [self._redact_json(v) for v in value]
        if isinstance(value, dict):
            return {self.redact(k): self._redact_json(v) for k, v in value.items()}
        return value
