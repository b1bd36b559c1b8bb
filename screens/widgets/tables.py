"""The table most screens show: rows picked with the keyboard, striped, with these headers."""

from __future__ import annotations

from textual.widgets import DataTable


def row_table(table_id: str, *columns: str) -> DataTable:
    table = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    table.add_columns(*columns)
    return table
