"""The table most screens show: rows picked with the keyboard, striped, with these headers."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable


def row_table(table_id: str, *columns: str | Text) -> DataTable:
    """Column titles are constants, or Text when they hold stored text (a round's name)."""
    table = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    table.add_columns(*columns)
    return table
