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
        # Textual's footer composes nothing until the screen first says its keys changed, and then
        # again at every change (twice while a screen starts, 10-20 ms each on the dashboard). This
        # one composes its keys at once and again only when the keys it would show are others.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple = ()

    def _keys_now(self) -> tuple:
        """What the footer would show: Textual's Footer.compose takes these and nothing else."""
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (*((key, self.app.get_key_display(binding), binding.description, binding.action, binding.group,
                   enabled, tooltip) for key, (_, binding, enabled, tooltip) in active.items() if binding.show),
                palette and palette[2:])

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            self.call_after_refresh(self._recompose_if_changed)  # when Textual would: the keys are known by then

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._keys_now() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._keys_now()
        app_keys = {key for key, active in self.screen.active_bindings.items() if active.node is self.app}
        keys = footer_order(super().compose(), app_keys)
        for key in keys:
            if hasattr(key, "action"):  # a FooterKey: born compact, so that binding its `compact` to
                key.add_class("-compact", update=False)  # ours on mount does not restyle it a second time
        return keys
