"""Printing the workbook: a module or the whole toolbox with answers, ticks, notes and dates, as
Markdown or as a print-ready HTML page (no scripts, no network)."""

from __future__ import annotations

import datetime as dt
import html

from desk.core import clock
from desk.core.clock import local_text
from desk.core.workspace import Workspace
from desk.toolbox.content import Module
from desk.toolbox.workbook import DONE, NOT_APPLICABLE, Answer, answers, content_for, current_round, module_progress

KIND_LABELS = {"question": "Vraag", "assignment": "Opdracht", "check": "Checklist", "reading": "Leestip"}
TICKS = {DONE: "[x]", NOT_APPLICABLE: "[n.v.t.]"}


def _modules(ws: Workspace, module_number: int | None) -> list[Module]:
    modules = [m for m in content_for(ws).modules if module_number in (None, m.number)]
    if not modules:
        raise ValueError(f"Module {module_number} bestaat niet (1 tot en met 13).")
    return modules


def to_markdown(ws: Workspace, module_number: int | None = None, today: dt.date | None = None) -> str:
    round_ = current_round(ws)
    stored = answers(ws, round_.id)
    today = today or clock.today()
    lines = [f"# Toolbox Makelaar met Mandaat — {round_.name}", "", f"Afgedrukt op {today:%d-%m-%Y}.", ""]
    for module in _modules(ws, module_number):
        progress = module_progress(module, stored)
        lines += [f"## Module {module.number}: {module.title}", "",
                  f"Voortgang: {progress.done} van {progress.total} ({progress.share:.0%})", "", module.summary, "",
                  "Leerdoelen:", *[f"- {goal}" for goal in module.learning_goals], ""]
        for item in module.items:
            answer = stored.get(item.id, Answer(item.id))
            tick = TICKS.get(answer.status, "[ ]")
            lines.append(f"- {tick} **{KIND_LABELS[item.kind]}:** {item.text}")
            if answer.answer.strip():
                lines += ["", *[f"  > {line}" for line in answer.answer.strip().splitlines()], ""]
            if answer.note.strip():
                lines.append(f"  - Notitie: {answer.note.strip()}")
            if answer.updated_at:
                lines.append(f"  - Bijgewerkt {local_text(answer.updated_at)} door {answer.updated_by}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; max-width: 48rem; margin: 2rem auto; color: #1a1a1a;
       line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1f5f8b; padding-bottom: .2rem;
       margin-top: 2rem; }
.meta { color: #555; } .bar { background: #e4e9ee; height: .6rem; width: 12rem; display: inline-block; }
.bar span { background: #1f5f8b; height: 100%; display: block; }
ul.items { list-style: none; padding-left: 0; } ul.items li { margin: .6rem 0; padding-left: 1.8rem;
       text-indent: -1.8rem; }
.tick { font-family: monospace; } .kind { font-weight: 600; }
blockquote { margin: .3rem 0 .3rem 1.8rem; padding: .3rem .6rem; border-left: 3px solid #1f5f8b;
       background: #f4f7fa; text-indent: 0; white-space: pre-wrap; }
.note, .updated { margin-left: 1.8rem; text-indent: 0; color: #444; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } h2:first-of-type
       { break-before: auto; } }
"""


def to_html(ws: Workspace, module_number: int | None = None, today: dt.date | None = None) -> str:
    round_ = current_round(ws)
    stored = answers(ws, round_.id)
    today = today or clock.today()
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="nl"><head><meta charset="utf-8">',
             f"<title>Toolbox Makelaar met Mandaat — {e(round_.name)}</title>", f"<style>{_CSS}</style></head><body>",
             f"<h1>Toolbox Makelaar met Mandaat — {e(round_.name)}</h1>",
             f'<p class="meta">Afgedrukt op {today:%d-%m-%Y}.</p>']
    for module in _modules(ws, module_number):
        progress = module_progress(module, stored)
        parts += [f"<h2>Module {module.number}: {e(module.title)}</h2>",
                  f'<p class="meta">Voortgang: {progress.done} van {progress.total} '
                  f'<span class="bar"><span style="width:{progress.share:.0%}"></span></span> {progress.share:.0%}</p>',
                  f"<p>{e(module.summary)}</p>", "<p><strong>Leerdoelen</strong></p><ul>",
                  *[f"<li>{e(goal)}</li>" for goal in module.learning_goals], '</ul><ul class="items">']
        for item in module.items:
            answer = stored.get(item.id, Answer(item.id))
            parts.append(f'<li><span class="tick">{e(TICKS.get(answer.status, "[ ]"))}</span> '
                         f'<span class="kind">{KIND_LABELS[item.kind]}:</span> {e(item.text)}')
            if answer.answer.strip():
                parts.append(f"<blockquote>{e(answer.answer.strip())}</blockquote>")
            if answer.note.strip():
                parts.append(f'<div class="note">Notitie: {e(answer.note.strip())}</div>')
            if answer.updated_at:
                parts.append(f'<div class="updated">Bijgewerkt {local_text(answer.updated_at)} '
                             f'door {e(answer.updated_by or "")}</div>')
            parts.append("</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
