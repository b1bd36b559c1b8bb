"""A list that shows any number of rows by asking for one page at a time.

A DataTable measures every cell of every row, which takes seconds at 100,000 rows. RowList draws
only the lines on screen (``render_line``) and fetches the rows it needs in pages from a callback,
keeping a few pages in a small cache. A page past the middle comes from a second callback, when
given, that counts from the last row: so ``end`` does not make SQLite step over every row before it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PageFetcher = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> rows; from the end: offset counts back


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], str]
    width: int | None = None  # None: share the remaining width
    optional: bool = False  # left out when the shared columns would get too narrow to read


READABLE_WIDTH = 14


class RowList(ScrollView, can_focus=True):
    """Rows from a page fetcher; a header line; a cursor; ``enter`` posts ``RowList.Selected``."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Omhoog", show=False, id="row_list.up"),
        Binding("down,j", "cursor(1)", "Omlaag", show=False, id="row_list.down"),
        Binding("pageup", "page(-1)", "Pagina omhoog", show=False, id="row_list.page_up"),
        Binding("pagedown", "page(1)", "Pagina omlaag", show=False, id="row_list.page_down"),
        Binding("home", "jump(0)", "Begin", show=False, id="row_list.home"),
        Binding("end", "jump(-1)", "Eind", show=False, id="row_list.end"),
        Binding("enter", "select", "Openen", id="row_list.open", tooltip="Open de gekozen regel"),
    ]
    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor", "row-list--empty"}
    DEFAULT_CSS = """
    RowList { height: 1fr; overflow-x: hidden; }
    RowList > .row-list--header { text-style: bold; color: $text-accent; }
    RowList > .row-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowList:blur > .row-list--cursor { background: $block-cursor-blurred-background; text-style: none; }
    RowList > .row-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Selected(Message):
        row_list: RowList
        row: Any

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, columns: Sequence[Column], *, empty_text: str = "Geen resultaten.",
                 page_size: int = 100, max_pages: int = 20, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.empty_text = empty_text
        self.page_size = page_size
        self.max_pages = max_pages
        self._fetch: PageFetcher = lambda offset, limit: []
        self._fetch_from_end: PageFetcher | None = None
        self._count = 0
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()
        self._styles: dict[str, Style] = {}  # looked up once per drawing of the list, not once per line

    @property
    def row_count(self) -> int:
        return self._count

    def set_source(self, count: int, fetch: PageFetcher, first_page: Sequence[Any] | None = None,
                   keep_cursor: bool = False, fetch_from_end: PageFetcher | None = None) -> None:
        """Show ``count`` rows from ``fetch``; ``first_page`` saves a fetch when the caller has it.
        ``fetch_from_end(offset, limit)``: the ``limit`` rows that end ``offset`` rows before the last,
        in list order; it reads the pages past the middle."""
        self._fetch = fetch
        self._fetch_from_end = fetch_from_end
        self._count = count
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self.virtual_size = Size(self.size.width, count + 1)
        self.cursor = min(self.cursor, max(count - 1, 0)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def set_count(self, count: int) -> None:
        """The number of rows, once counted after the first page was shown."""
        if count != self._count:  # a page read from the end was counted from the old last row
            self._pages = OrderedDict((number, page) for number, page in self._pages.items() if number == 0)
        self._count = count
        self.virtual_size = Size(self.size.width, count + 1)
        self.cursor = min(self.cursor, max(count - 1, 0))
        self.refresh()

    def row_at(self, index: int) -> Any | None:
        if not 0 <= index < self._count:
            return None
        page_number, position = divmod(index, self.page_size)
        page = self._pages.get(page_number)
        if page is None:
            page = self._read_page(page_number)
            self._pages[page_number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[position] if position < len(page) else None

    def _read_page(self, number: int) -> Sequence[Any]:
        offset = number * self.page_size
        if self._fetch_from_end is None or offset < self._count // 2:
            return self._fetch(offset, self.page_size)
        limit = min(self.page_size, self._count - offset)
        return self._fetch_from_end(self._count - offset - limit, limit)

    @property
    def selected_row(self) -> Any | None:
        return self.row_at(self.cursor)

    def _layout(self, width: int) -> list[tuple[int, int]]:
        """(column index, width) of the columns shown: optional ones go from the right while the
        columns that share the rest would be narrower than ``READABLE_WIDTH``."""
        shown = list(range(len(self.columns)))
        while True:
            columns = [self.columns[index] for index in shown]
            fixed = sum(column.width or 0 for column in columns) + len(columns) - 1
            flexible = [column for column in columns if column.width is None]
            share = max((width - fixed) // max(len(flexible), 1), 8)
            optional = [index for index in shown if self.columns[index].optional]
            if share >= READABLE_WIDTH or not optional:
                return [(index, self.columns[index].width or share) for index in shown]
            shown.remove(optional[-1])

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(name) if name else self.rich_style
        return self._styles[name]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles.clear()
        return super().render_lines(crop)

    def _line(self, cells: list[str], style_name: str) -> Strip:
        """One line of ``cells`` (one per column, or a single text across the width)."""
        width = self.scrollable_content_region.width
        layout = self._layout(width) if len(cells) == len(self.columns) else list(enumerate([width]))
        text = " ".join(set_cell_size(cells[index], cell_width) for index, cell_width in layout)
        return Strip([Segment(set_cell_size(text, width), self._style(style_name))])

    def render_line(self, y: int) -> Strip:
        if y == 0:
            return self._line([column.title for column in self.columns], "row-list--header")
        index = self.scroll_offset.y + y - 1
        if self._count == 0 and y == 1:
            return self._line([self.empty_text], "row-list--empty")
        row = self.row_at(index)
        if row is None:
            return Strip.blank(self.scrollable_content_region.width, self._style(""))
        cells = [column.value(row) or "" for column in self.columns]
        return self._line(cells, "row-list--cursor" if index == self.cursor else "")

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._count + 1)

    def watch_cursor(self, cursor: int) -> None:
        visible = max(self.size.height - 1, 1)
        top = self.scroll_offset.y
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= top + visible:
            self.scroll_to(y=cursor - visible + 1, animate=False)
        self.refresh()

    def _move_to(self, index: int) -> None:
        if self._count:
            self.cursor = max(0, min(index, self._count - 1))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_jump(self, index: int) -> None:
        self._move_to(self._count - 1 if index < 0 else index)

    def action_select(self) -> None:
        row = self.selected_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            index = self.scroll_offset.y + event.y - 1
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self._move_to(index)
