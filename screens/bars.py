"""Bar charts drawn with block characters, for the dashboard and the report screen."""

from __future__ import annotations

from rich.text import Text

from screens.literal import literal, styled


def bar(share: float, width: int = 20) -> str:
    filled = round(max(0.0, min(share, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def bar_chart(counts: list[tuple[str, int]], width: int = 30, label_width: int = 28) -> Text:
    """One line per (label, count); the labels are stored text (themes, events), shown as they are."""
    if not counts:
        return styled(("geen gegevens", "dim"))
    top = max(n for _, n in counts) or 1
    return literal("\n".join(f"{label[:label_width]:<{label_width}} {'█' * max(round(width * n / top), 1 if n else 0)}"
                             f" {n}" for label, n in counts))
