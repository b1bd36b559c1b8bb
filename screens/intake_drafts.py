"""The intake's draft: what is typed is kept in the database about a second after the last
keystroke, written from a thread worker; while a write waits for a busy database only the newest
draft is kept for the next one."""

from __future__ import annotations

from textual import work

from desk.work import drafts

DRAFT_DELAY_SECONDS = 0.8


class IntakeDrafts:
    """Part of IntakeScreen (screens.intake), which makes the fields used here in its __init__ and
    supplies ``values()`` and ``typed_anything``."""

    def _changed(self) -> None:
        if self._filling:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self._store_draft)

    def _store_draft(self) -> None:
        if not self.typed_anything:
            return
        with self._draft_slot:
            self._draft_to_write = self.values()
            start = not self._draft_writer_busy
            self._draft_writer_busy = True
        if start:
            self._write_drafts()

    @work(thread=True, group="intake-draft")
    def _write_drafts(self) -> None:
        """Write the newest draft until none is left; a slow (busy) write only skips older ones."""
        while True:
            with self._draft_slot:
                data, self._draft_to_write = self._draft_to_write, None
                if data is None:
                    self._draft_writer_busy = False
                    return
            try:
                with self._write_order:
                    drafts.save_draft(self.app.ws, drafts.INTAKE, data)
            except BaseException:  # the app reports it; the next keystroke starts a new writer
                with self._draft_slot:
                    self._draft_writer_busy = False
                raise

    def _forget_pending_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        with self._draft_slot:
            self._draft_to_write = None

    def save_draft_now(self) -> None:
        """Keep what is typed as the draft, here and now (the app calls this when it must stop)."""
        self._forget_pending_draft()
        if self.typed_anything:
            drafts.save_draft(self.app.ws, drafts.INTAKE, self.values())
