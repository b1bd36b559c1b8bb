"""The toolbox as a workbook: answers, ticks and notes per item, kept per round in the database.

Item ids come from the content file and are stable, so a content update never mismatches stored
answers. A municipality's own additions live in ``toolbox-aanvulling.json`` beside the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desk.core.clock import new_id, utc_iso
from desk.core.errors import DeskError, NotFound
from desk.core.workspace import Workspace
from desk.toolbox.content import Item, Module, ToolboxContent, load_content, merge_content

OPEN, DONE, NOT_APPLICABLE = "open", "gedaan", "n.v.t."
STATUSES = (OPEN, DONE, NOT_APPLICABLE)
OVERRIDE_FILE = "toolbox-aanvulling.json"


@dataclass(frozen=True)
class Answer:
    item_id: str
    status: str = OPEN
    answer: str = ""
    note: str = ""
    updated_at: str | None = None
    updated_by: str | None = None

    @property
    def complete(self) -> bool:
        """A question counts when it has an answer; anything counts when ticked done or n.v.t."""
        return self.status in (DONE, NOT_APPLICABLE) or bool(self.answer.strip())


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class Round:
    id: str
    name: str
    created_at: str


def content_for(ws: Workspace) -> ToolboxContent:
    """The packaged content, with the municipality's own additions when that file exists."""
    base = load_content()
    override = Path(ws.path).parent / OVERRIDE_FILE
    return merge_content(base, override) if override.exists() else base


# --- rounds ------------------------------------------------------------------------------------

def rounds(ws: Workspace) -> list[Round]:
    with ws.read() as db:
        return [Round(r["id"], r["name"], r["created_at"]) for r in db.query(
            "SELECT id, name, created_at FROM toolbox_rounds WHERE deleted_at IS NULL ORDER BY created_at, rowid")]


def current_round(ws: Workspace) -> Round:
    """The newest round; the first call makes 'Ronde 1'."""
    existing = rounds(ws)
    if existing:
        return existing[-1]
    round_id = new_id()
    with ws.write() as db:
        db["toolbox_rounds"].insert({"id": round_id, "name": "Ronde 1", **ws.stamp_new()})
    return rounds(ws)[-1]


def start_new_round(ws: Workspace, name: str) -> Round:
    """A new round that starts as a copy of the current one; the old one stays readable."""
    name = " ".join(name.split())
    if not name:
        raise DeskError("Geef de nieuwe ronde een naam, bijvoorbeeld 'Evaluatie 2027'.")
    source = current_round(ws)
    round_id = new_id()
    with ws.write() as db:
        db["toolbox_rounds"].insert({"id": round_id, "name": name, **ws.stamp_new()})
        db.execute("""INSERT INTO toolbox_answers (round_id, item_id, status, answer, note, updated_at, updated_by)
                      SELECT ?, item_id, status, answer, note, updated_at, updated_by
                      FROM toolbox_answers WHERE round_id = ?""", [round_id, source.id])
        ws.audit("nieuwe ronde", "toolbox", round_id, name)
    return rounds(ws)[-1]


# --- answers -----------------------------------------------------------------------------------

def answers(ws: Workspace, round_id: str) -> dict[str, Answer]:
    with ws.read() as db:
        return {r["item_id"]: Answer(**{k: r[k] for k in ("item_id", "status", "answer", "note", "updated_at",
                                                           "updated_by")})
                for r in db.query("SELECT * FROM toolbox_answers WHERE round_id = ?", [round_id])}


def _known_item(ws: Workspace, item_id: str) -> Item:
    for module in content_for(ws).modules:
        for item in module.items:
            if item.id == item_id:
                return item
    raise NotFound(f"Onbekend onderdeel van de toolbox: {item_id}.")


def save_answer(ws: Workspace, round_id: str, item_id: str, *, answer: str | None = None,
                status: str | None = None, note: str | None = None) -> Answer:
    """Store what was typed or ticked for one item; fields left None stay as they were."""
    _known_item(ws, item_id)
    if status is not None and status not in STATUSES:
        raise DeskError(f"Onbekende status '{status}'; kies uit {', '.join(STATUSES)}.")
    current = answers(ws, round_id).get(item_id, Answer(item_id))
    values = {
        "round_id": round_id, "item_id": item_id,
        "status": status if status is not None else current.status,
        "answer": answer if answer is not None else current.answer,
        "note": note if note is not None else current.note,
        "updated_at": utc_iso(), "updated_by": ws.author,
    }
    with ws.write() as db:
        db["toolbox_answers"].upsert(values, pk=("round_id", "item_id"))
    return answers(ws, round_id)[item_id]


def cycle_status(ws: Workspace, round_id: str, item_id: str) -> Answer:
    """open → gedaan → n.v.t. → open: what space does on an item."""
    current = answers(ws, round_id).get(item_id, Answer(item_id))
    following = STATUSES[(STATUSES.index(current.status) + 1) % len(STATUSES)]
    return save_answer(ws, round_id, item_id, status=following)


# --- progress ----------------------------------------------------------------------------------

def module_progress(module: Module, stored: dict[str, Answer]) -> Progress:
    return Progress(sum(stored.get(item.id, Answer(item.id)).complete for item in module.items), len(module.items))


def progress(content: ToolboxContent, stored: dict[str, Answer]) -> tuple[dict[int, Progress], dict[str, Progress],
                                                                          Progress]:
    """Progress per module number, per theme id, and overall."""
    per_module = {m.number: module_progress(m, stored) for m in content.modules}
    per_theme = {
        theme.id: Progress(sum(per_module[n].done for n in theme.modules), sum(per_module[n].total for n in theme.modules))
        for theme in content.themes
    }
    overall = Progress(sum(p.done for p in per_module.values()), sum(p.total for p in per_module.values()))
    return per_module, per_theme, overall


# --- reset and undo ----------------------------------------------------------------------------

def reset(ws: Workspace, round_id: str, module_number: int | None = None) -> str:
    """Clear a module (or everything) in a round; returns the id to undo it with."""
    content = content_for(ws)
    if module_number is not None and module_number not in {m.number for m in content.modules}:
        raise NotFound(f"Module {module_number} bestaat niet.")
    item_ids = [i.id for m in content.modules if module_number in (None, m.number) for i in m.items]
    stored = answers(ws, round_id)
    removed = [vars(stored[i]) for i in item_ids if i in stored]
    reset_id = new_id()
    with ws.write() as db:
        db["toolbox_resets"].insert({"id": reset_id, "round_id": round_id, "module_number": module_number,
                                     "data": json.dumps(removed, ensure_ascii=False), "at": utc_iso(),
                                     "author": ws.author})
        db.execute(f"DELETE FROM toolbox_answers WHERE round_id = ? AND item_id IN ({','.join('?' * len(item_ids))})",
                   [round_id, *item_ids])
        ws.audit("reset", "toolbox", reset_id, f"module {module_number}" if module_number else "alles")
    return reset_id


def last_undoable_reset(ws: Workspace, round_id: str) -> str | None:
    with ws.read() as db:
        row = db.execute("SELECT id FROM toolbox_resets WHERE round_id = ? AND undone_at IS NULL "
                         "ORDER BY at DESC, rowid DESC LIMIT 1", [round_id]).fetchone()
    return row[0] if row else None


def undo_reset(ws: Workspace, reset_id: str) -> int:
    """Put back what a reset removed; returns the number of items restored."""
    with ws.read() as db:
        row = next(db.query("SELECT * FROM toolbox_resets WHERE id = ?", [reset_id]), None)
    if row is None or row["undone_at"]:
        raise DeskError("Er is geen reset om ongedaan te maken.")
    restored = json.loads(row["data"])
    with ws.write() as db:
        for item in restored:
            db["toolbox_answers"].upsert({"round_id": row["round_id"], **item}, pk=("round_id", "item_id"))
        db.execute("UPDATE toolbox_resets SET undone_at = ? WHERE id = ?", [utc_iso(), reset_id])
        ws.audit("reset ongedaan", "toolbox", reset_id, f"{len(restored)} onderdelen terug")
    return len(restored)


# --- comparing rounds --------------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    module_number: int
    item: Item
    before: Answer
    after: Answer


def compare(ws: Workspace, earlier_round_id: str, later_round_id: str) -> list[Difference]:
    """Items whose status, answer or note differ between two rounds, in content order."""
    earlier, later = answers(ws, earlier_round_id), answers(ws, later_round_id)
    differences = []
    for module in content_for(ws).modules:
        for item in module.items:
            before, after = earlier.get(item.id, Answer(item.id)), later.get(item.id, Answer(item.id))
            if (before.status, before.answer, before.note) != (after.status, after.answer, after.note):
                differences.append(Difference(module.number, item, before, after))
    return differences
