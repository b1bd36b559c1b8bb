"""Typing needs quickly: ``fin, verg`` picks Financiering and Vergunningen by prefix."""

from __future__ import annotations

import re


def resolve_needs(text: str, labels: list[str]) -> tuple[list[str], list[str]]:
    """The labels the typed parts pick, and the parts that pick nothing or more than one."""
    chosen: list[str] = []
    unknown: list[str] = []
    for part in (p.strip() for p in re.split(r"[,;]", text or "")):
        if not part:
            continue
        wanted = part.casefold()
        exact = [label for label in labels if label.casefold() == wanted]
        starts = [label for label in labels if label.casefold().startswith(wanted)]
        words = [label for label in labels
                 if any(word.startswith(wanted) for word in re.split(r"[\s/&]+", label.casefold()))]
        hits = exact or starts or words
        if len(hits) == 1:
            if hits[0] not in chosen:
                chosen.append(hits[0])
        else:
            unknown.append(part)
    return chosen, unknown


def suggestions(part: str, labels: list[str], limit: int = 3) -> list[str]:
    """Labels a part that picks nothing (or too many) may have meant: those it occurs in, else the
    closest by spelling. ``werk`` suggests Netwerk; ``fianciering`` Financiering."""
    wanted = part.strip().casefold()
    inside = [label for label in labels if wanted and wanted in label.casefold()]
    if inside:
        return inside[:limit]
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when something is not recognised

    close = process.extract(wanted, labels, scorer=fuzz.WRatio, processor=str.casefold, limit=limit, score_cutoff=70)
    return [label for label, _score, _index in close]


def explain_unknown(unknown: list[str], labels: list[str]) -> str:
    """One Dutch line for the parts that were not recognised, with what each may have meant."""
    explained = []
    for part in unknown:
        maybe = suggestions(part, labels)
        hint = f" (bedoel je {' of '.join(maybe)}?)" if maybe else ""
        explained.append(f"'{part}'{hint}")
    return "niet herkend: " + ", ".join(explained)
