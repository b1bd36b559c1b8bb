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
