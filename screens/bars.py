"""Bar charts drawn with block characters, for the dashboard and the report screen."""

from __future__ import annotations


def bar(share: float, width: int = 20) -> str:
    filled = round(max(0.0, min(share, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def bar_chart(counts: list[tuple[str, int]], width: int = 30, label_width: int = 28) -> str:
    if not counts:
        return "[dim]geen gegevens[/dim]"
    top = max(n for _, n in counts) or 1
    return "\n".join(f"{label[:label_width]:<{label_width}} {'█' * max(round(width * n / top), 1 if n else 0)} {n}"
                     for label, n in counts)
