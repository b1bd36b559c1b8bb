"""The footer: the keys of this screen first, then the modes, stopping last, in the compact style,
so that at 80 columns the keys that matter here still show."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer


def footer_order(widgets: Iterable[Widget], app_keys: set[str]) -> list[Widget]:
    """This screen's keys, then the app's, then quit (help and the palette know it too), then the
    palette key; within each group the order stays as declared."""

    def rank(widget: Widget) -> int:
        action = getattr(widget, "action", None)  # a FooterKey's (Textual keeps that class private)
        if action is None or widget.has_class("-command-palette"):
            return 3
        if action == "quit":
            return 2
        return 1 if getattr(widget, "key", None) in app_keys else 0

    return sorted(widgets, key=rank)


class DeskFooter(Footer):
    DEFAULT_CSS = """
    DeskFooter.-compact { padding-left: 1; }
    DeskFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        app_keys = {key for key, active in self.screen.active_bindings.items() if active.node is self.app}
        keys = footer_order(super().compose(), app_keys)
        for key in keys:
            if hasattr(key, "action"):  # a FooterKey: born compact, so that binding its `compact` to
                key.add_class("-compact", update=False)  # ours on mount does not restyle it a second time
        return keys
