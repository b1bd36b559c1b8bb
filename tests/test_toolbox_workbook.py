"""The toolbox workbook: answers kept, progress, rounds, reset and undo, printing."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.core.errors import DeskError
from desk.toolbox import export, workbook


@pytest.fixture
def content(ws):
    return workbook.content_for(ws)


def test_progress_counts_answers_and_ticks(ws, content) -> None:
    round_ = workbook.current_round(ws)
    module = content.modules[0]
    question = next(i for i in module.items if i.kind == "question")
    check = next(i for i in module.items if i.kind == "check")
    workbook.save_answer(ws, round_.id, question.id, answer="De wethouder is voor")
    workbook.cycle_status(ws, round_.id, check.id)
    per_module, per_theme, overall = workbook.progress(content, workbook.answers(ws, round_.id))
    assert per_module[1].done == 2 and per_module[1].total == len(module.items)
    assert per_theme["opstarten"].done == 2 and overall.done == 2
    assert overall.total == sum(len(m.items) for m in content.modules)
    assert workbook.cycle_status(ws, round_.id, check.id).status == workbook.NOT_APPLICABLE
    assert workbook.cycle_status(ws, round_.id, check.id).status == workbook.OPEN


def test_unknown_item_is_refused(ws) -> None:
    with pytest.raises(DeskError):
        workbook.save_answer(ws, workbook.current_round(ws).id, "m99-q-bestaat-niet", answer="x")


def test_reset_module_and_undo(ws, content) -> None:
    round_ = workbook.current_round(ws)
    first, third = content.modules[0].items[0], content.modules[2].items[0]
    workbook.save_answer(ws, round_.id, first.id, answer="blijft", note="notitie")
    workbook.save_answer(ws, round_.id, third.id, status=workbook.DONE)
    reset_id = workbook.reset(ws, round_.id, 1)
    assert set(workbook.answers(ws, round_.id)) == {third.id}
    assert workbook.undo_reset(ws, reset_id) == 1
    restored = workbook.answers(ws, round_.id)[first.id]
    assert (restored.answer, restored.note) == ("blijft", "notitie")
    with pytest.raises(DeskError):
        workbook.undo_reset(ws, reset_id)


def test_new_round_copies_and_rounds_compare(ws, content) -> None:
    first_round = workbook.current_round(ws)
    item = content.modules[5].items[0]
    workbook.save_answer(ws, first_round.id, item.id, answer="Visie 2026")
    second = workbook.start_new_round(ws, "Evaluatie 2027")
    assert workbook.current_round(ws).id == second.id
    assert workbook.answers(ws, second.id)[item.id].answer == "Visie 2026"
    workbook.save_answer(ws, second.id, item.id, answer="Visie 2027")
    assert workbook.answers(ws, first_round.id)[item.id].answer == "Visie 2026"
    [difference] = workbook.compare(ws, first_round.id, second.id)
    assert (difference.before.answer, difference.after.answer) == ("Visie 2026", "Visie 2027")


def test_export_has_module_headings_answers_ticks_and_escapes_html(ws, content) -> None:
    round_ = workbook.current_round(ws)
    module = content.modules[2]
    workbook.save_answer(ws, round_.id, module.items[0].id, status=workbook.DONE, note="<script>x</script>")
    markdown = export.to_markdown(ws, 3, today=dt.date(2026, 11, 23))
    assert f"## Module 3: {module.title}" in markdown and "[x]" in markdown and "23-11-2026" in markdown
    assert "Module 4:" not in markdown
    page = export.to_html(ws, None, today=dt.date(2026, 11, 23))
    assert page.count("<h2>Module ") == 13 and "<script>" not in page and "&lt;script&gt;" in page


def test_municipality_additions_file_beside_the_database(ws) -> None:
    (ws.path.parent / workbook.OVERRIDE_FILE).write_text(
        '{"modules": [{"number": 3, "items": [{"id": "m03-c-eigen-lijst", "kind": "check", '
        '"text": "Vergelijk met de lijst van het WSP"}]}]}', encoding="utf-8")
    module = next(m for m in workbook.content_for(ws).modules if m.number == 3)
    assert module.items[-1].id == "m03-c-eigen-lijst"
