"""The table most screens show: rows picked with the keyboard, striped, with these headers, and
columns that fit the width of the screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text
Row = tuple[Sequence[Cell], str | None]

SMALLEST_COLUMN = 6
READABLE_COLUMN = 18  # below this a name no longer reads; an optional column goes first
# A fill shows this many rows at once (more than a tall terminal shows) and adds the rest in parts
# after each frame: DataTable measures every new cell, about 0.3 ms a row, so 1,200 rows at once
# kept the first page from the screen for 0.4 s.
FIRST_ROWS = 60
MORE_ROWS = 200


def fit_widths(natural: Sequence[int], room: int) -> list[int]:
    """Column widths that fit ``room`` cells: short columns keep what their longest cell needs,
    the long ones share the rest equally (so a date stays whole and a long subject is cut).

    When even that does not fit (more columns than room), each column gets ``SMALLEST_COLUMN``
    at most, and the table scrolls sideways.
    """
    widths = list(natural)
    if sum(widths) <= room:
        return widths
    left, waiting = room, sorted(range(len(widths)), key=lambda index: natural[index])
    while waiting:
        share = left // len(waiting)
        index = waiting[0]
        if natural[index] > share:
            break
        left -= natural[index]
        waiting.pop(0)
    for position, index in enumerate(waiting):
        share = left // (len(waiting) - position)
        widths[index] = max(min(natural[index], share), min(natural[index], SMALLEST_COLUMN))
        left -= widths[index]
    return widths


def favour(widths: Sequence[int], natural: Sequence[int], main: int) -> list[int]:
    """Give the ``main`` column a double share of what the cut columns have together, as long as
    the other cut columns keep a readable width."""
    widths = list(widths)
    cut = [index for index, width in enumerate(widths) if width < natural[index]]
    others = [index for index in cut if index != main]
    if main not in cut or not others:
        return widths
    pool = sum(widths[index] for index in cut)
    share = max(pool // (len(cut) + 1), READABLE_COLUMN)
    for index in others:
        widths[index] = min(widths[index], share)
    widths[main] = min(natural[main], pool - sum(widths[index] for index in others))
    return widths


def fit_columns(natural: Sequence[int], width: int, padding: int, optional: Sequence[int] = (),
                main: int | None = None) -> tuple[list[int], list[int]]:
    """The columns to show and their widths in ``width`` cells, each column also taking ``padding``.

    All columns show, unless fitting them would cut one below a readable width; then the optional
    ones go, in the order given, until the rest reads. The ``main`` column gets a double share.
    """
    shown = list(range(len(natural)))
    for index in (*optional, None):
        widths = fit_widths([natural[i] for i in shown], width - padding * len(shown))
        readable = all(w >= min(natural[i], READABLE_COLUMN) for i, w in zip(shown, widths, strict=True))
        if readable or index is None:
            if main in shown:
                widths = favour(widths, [natural[i] for i in shown], shown.index(main))
            return shown, widths
        shown.remove(index)
    raise AssertionError("unreachable")


def plain_width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))


class FittedTable(DataTable):
    """A DataTable filled with ``fill``: its columns are measured once per fill (not per cell on
    idle) and fitted to the width it has, again when the terminal is resized."""

    def __init__(self, *titles: Cell, optional: Sequence[int] = (), main: int | None = None,
                 id: str | None = None) -> None:
        """``optional``: the columns (by position) that may go when the table is too narrow;
        ``main``: the one that matters most here, which gets a double share of the room."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.titles = titles
        self.optional = optional
        self.main = main
        self._rows: list[Row] = []
        self._natural = [plain_width(title) for title in titles]
        self._fitted_width = 0
        self._shown: list[int] = []
        self._added = 0  # how many of self._rows are in the table so far
        self._wanted_row: int | None = None  # where the cursor goes once that row is in
        self._fills = 0  # counts rebuilds, so that a part of an older one is not added

    def on_mount(self) -> None:
        self._rebuild()

    def fill(self, rows: Iterable[Row]) -> None:
        """Show these rows (cells, key) instead of the ones shown; the cursor keeps its line."""
        self._rows = [(tuple(cells), key) for cells, key in rows]
        self._natural = [plain_width(title) for title in self.titles]
        for cells, _ in self._rows:
            for index, cell in enumerate(cells):
                self._natural[index] = max(self._natural[index], plain_width(cell))
        self._rebuild()

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor; None when the table is empty."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def remove(self, key: str) -> None:
        """Take one row out, keeping the cursor on the line it was on."""
        index = next((i for i, (_, row_key) in enumerate(self._rows) if row_key == key), None)
        if index is None:
            return
        del self._rows[index]
        if index < self._added:
            self._added -= 1
            self.remove_row(key)

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Textual's hook (private) where a layout hands each widget its size, before that frame is
        # drawn; the Resize event comes after it. Fitted here, not on Resize, a table filled before
        # it had a width (the dashboard's, in its first frame) is drawn fitted at once, not twice.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if size.width != self._fitted_width:
            self._rebuild()
        return resized

    def _scrolls(self) -> bool:
        return len(self._rows) + (self.header_height if self.show_header else 0) > self.size.height

    def _room(self) -> int:
        """The cells the columns may take, padding included."""
        width = self.size.width
        if self._scrolls():
            width -= self.styles.scrollbar_size_vertical
        return width

    def _rebuild(self) -> None:
        self._fitted_width = self.size.width
        shown, widths = list(range(len(self.titles))), self._natural
        if self.size.width:
            shown, widths = fit_columns(self._natural, self._room(), 2 * self.cell_padding, self.optional,
                                        self.main)
        row = self.cursor_row
        self.clear(columns=True)
        for index, width in zip(shown, widths, strict=True):
            title = self.titles[index]  # as Text: a str would be parsed as markup, emoji codes and all
            self.add_column(title if isinstance(title, Text) else Text(title), width=width)
        self._shown, self._added, self._wanted_row = shown, 0, row
        self._fills += 1
        if self.size.height and self.styles.overflow_y == "auto":
            # Decided now, with the rows, as Textual would after the next frame's layout: that
            # would take a second layout of the whole screen (60 ms on the dashboard at start).
            self.show_vertical_scrollbar = self._scrolls()
        self._add_rows(FIRST_ROWS)

    def _add_rows(self, count: int) -> None:
        start, self._added = self._added, min(self._added + count, len(self._rows))
        for cells, key in self._rows[start:self._added]:
            self.add_row(*(cells[i] for i in self._shown), key=key)
        if self._wanted_row is not None and self._added:
            self.move_cursor(row=min(self._wanted_row, self._added - 1), animate=False)
            if self._wanted_row < self._added or self._added == len(self._rows):
                self._wanted_row = None
        if self._added < len(self._rows):
            self.call_after_refresh(self._add_more, self._fills)

    def _add_more(self, fill: int) -> None:
        """The next part, unless a new fill or a resize started over in the meantime."""
        if fill == self._fills:
            self._add_rows(MORE_ROWS)

def row_table(table_id: str, *columns: Cell, optional: Sequence[int] = (), main: int | None = None) -> FittedTable:
    """Column titles are constants, or Text when they hold stored text (a round's name)."""
    return FittedTable(*columns, optional=optional, main=main, id=table_id)
