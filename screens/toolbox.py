"""The toolbox: themes and modules with progress, and a module view to work in.

Answers, ticks and notes are saved while you type: the editor stores its text half a second after
the last keystroke, so there is no save button and nothing to lose.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Static, TextArea, Tree

from desk.files.writing import exports_dir, write_file_privately
from desk.toolbox import export, links, workbook
from desk.toolbox.content import Module
from screens import bars
from screens.base import DeskScreen
from screens.browser import deliver
from screens.confirm import ConfirmScreen
from screens.literal import lines, literal, styled
from screens.panel import PanelScreen
from screens.prompt import PromptScreen
from screens.widgets.tables import FittedTable, row_table

KIND_LABELS = {"question": "vraag", "assignment": "opdracht", "check": "check", "reading": "leestip"}
STATUS_MARKS = {workbook.OPEN: "[ ]", workbook.DONE: "[x]", workbook.NOT_APPLICABLE: "n.v.t."}
SAVE_DELAY_SECONDS = 0.5
# Where the data of a module's link lives: an app mode, or an action of the app.
LINK_TARGETS = {"organisations": "mode:organisations", "departments": "action:departments",
                "ecosystem": "mode:ecosystem", "reports": "mode:report"}


def bar(share: float, width: int = 12) -> str:
    return bars.bar(share, width) + f" {share:4.0%}"


def export_module_files(ws, module_number: int | None, today) -> list:
    """Write Markdown and HTML to the exports folder; return the two paths."""
    stem = f"toolbox-{'module-' + str(module_number) if module_number else 'alles'}-{today:%Y%m%d}"
    written = []
    for suffix, render in ((".md", export.to_markdown), (".html", export.to_html)):
        target = exports_dir(ws) / f"{stem}{suffix}"
        text = render(ws, module_number, today).encode("utf-8")
        write_file_privately(target, lambda stream, text=text: stream.write(text))
        written.append(target)
    return written


class ToolboxScreen(DeskScreen):
    CSS_PATH = "toolbox.tcss"
    SUB_TITLE = "Toolbox"
    BINDINGS = [
        Binding("p", "print_all", "Afdrukken", id="toolbox.print", tooltip="Alles naar Markdown en HTML"),
        Binding("ctrl+r", "reset_all", "Alles wissen", id="toolbox.reset", tooltip="Hele ronde leeg (ongedaan te maken)"),
        Binding("ctrl+z", "undo_reset", "Wissen ongedaan maken", id="toolbox.undo"),
        Binding("ctrl+n", "new_round", "Nieuwe ronde", id="toolbox.new_round",
                tooltip="Begin een nieuwe ronde als kopie; de oude blijft leesbaar"),
        Binding("v", "compare", "Rondes vergelijken", id="toolbox.compare"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="toolbox-summary")
        yield Tree("Toolbox Makelaar met Mandaat", id="toolbox-tree")

    def on_mount(self) -> None:
        self.query_one(Tree).focus()

    def on_screen_resume(self) -> None:
        self.refresh_tree()

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_tree)  # the titles take the width there is

    def refresh_tree(self) -> None:
        ws = self.app.ws
        content = workbook.content_for(ws)
        round_ = workbook.current_round(ws)
        per_module, per_theme, overall = workbook.progress(content, workbook.answers(ws, round_.id))
        self.query_one("#toolbox-summary", Static).update(
            styled((round_.name, "bold"), f"   totaal {bar(overall.share, 20)}   ({overall.done} van {overall.total})"))
        tree = self.query_one(Tree)
        cursor = tree.cursor_line
        tree.clear()
        tree.root.expand()
        modules = {m.number: m for m in content.modules}
        titles = {number: f"Module {number}: {module.title}" for number, module in modules.items()}
        # A module's line is indented 8 cells (the tree's guides), a theme's 6: the bars line up at the right.
        room = self.query_one(Tree).size.width - 2 - 8 - 1 - len(bar(0))
        width = max(min(max(map(len, titles.values())), room), 24) if room > 0 else 60
        for theme in content.themes:
            branch = tree.root.add(Text(f"{theme.title[:width + 2]:<{width + 2}} {bar(per_theme[theme.id].share)}",
                                        style="bold"), expand=True)
            for number in theme.modules:
                label = f"{titles[number][:width]:<{width}} {bar(per_module[number].share)}"
                branch.add_leaf(literal(label), data=number)
        tree.cursor_line = max(cursor, 0)

    @on(Tree.NodeSelected)
    def open_module(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.app.push_screen(ModuleScreen(event.node.data))

    def action_print_all(self) -> None:
        md, html = export_module_files(self.app.ws, None, self.app.today())
        self.notify(f"Afgedrukt naar {md} en {html.name}{deliver(self.app, md, html)}", timeout=10, markup=False)

    def action_reset_all(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                workbook.reset(self.app.ws, workbook.current_round(self.app.ws).id)
                self.notify("Alles gewist. ctrl+z zet het terug.", markup=False)
                self.refresh_tree()

        self.app.push_screen(ConfirmScreen("Alle antwoorden, vinkjes en notities van deze ronde wissen? "
                                           "Dit is ongedaan te maken met ctrl+z.", yes="Wissen", no="Niet wissen"),
                             answered)

    def action_undo_reset(self) -> None:
        undo(self)
        self.refresh_tree()

    def action_new_round(self) -> None:
        def answered(name: str | None) -> None:
            if name:
                created = workbook.start_new_round(self.app.ws, name)
                self.notify(f"Nieuwe ronde '{created.name}' begonnen als kopie van de vorige.", markup=False)
                self.refresh_tree()

        self.app.push_screen(PromptScreen("Naam van de nieuwe ronde:", "bijv. Evaluatie 2027",
                                          lambda text: None if text.strip() else "geef een naam"), answered)

    def action_compare(self) -> None:
        all_rounds = workbook.rounds(self.app.ws)
        if len(all_rounds) < 2:
            self.notify("Er is nog maar één ronde; ctrl+n begint een nieuwe.", severity="warning", markup=False)
            return
        self.app.push_screen(CompareScreen(all_rounds[-2], all_rounds[-1]))


def undo(screen) -> None:
    ws = screen.app.ws
    reset_id = workbook.last_undoable_reset(ws, workbook.current_round(ws).id)
    if reset_id is None:
        screen.notify("Er is niets om terug te zetten.", severity="warning", markup=False)
        return
    count = workbook.undo_reset(ws, reset_id)
    screen.notify(f"Teruggezet: {count} onderdelen.", markup=False)


class ModuleScreen(DeskScreen):
    CSS_PATH = "toolbox.tcss"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="module.back"),
        Binding("space", "tick", "Afvinken", id="module.tick", tooltip="open → gedaan → n.v.t."),
        Binding("enter", "edit", "Antwoord/notitie", id="module.edit", tooltip="Naar het tekstvak"),
        Binding("ctrl+o", "open_data", "Gegevens openen", id="module.data", tooltip="Het scherm met de cijfers"),
        Binding("p", "print_module", "Afdrukken", id="module.print", tooltip="Deze module naar Markdown en HTML"),
        Binding("ctrl+r", "reset_module", "Module wissen", id="module.reset"),
        Binding("ctrl+z", "undo_reset", "Wissen ongedaan maken", id="module.undo"),
    ]

    def __init__(self, module_number: int) -> None:
        super().__init__()
        self.module: Module | None = None  # read in on_mount, so construction does no I/O
        self.module_number = module_number
        self._timer: Timer | None = None
        self._editing_item: str | None = None
        self._loaded_text = ""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="module-body"):
            with VerticalScroll(id="module-info"):
                yield Static("", id="module-text")
            with Vertical(id="module-work"):
                items = DataTable(id="items", cursor_type="row")
                items.add_columns("", "Soort", "Onderdeel")
                yield items
                yield Static("", id="editor-label")
                yield TextArea(id="editor")

    def on_mount(self) -> None:
        ws = self.app.ws
        self.module = next(m for m in workbook.content_for(ws).modules if m.number == self.module_number)
        self.round = workbook.current_round(ws)
        self.sub_title = f"Module {self.module.number}"
        self.show_module()
        self.query_one("#items", DataTable).focus()

    def show_module(self) -> None:
        module, ws = self.module, self.app.ws
        stored = workbook.answers(ws, self.round.id)
        progress = workbook.module_progress(module, stored)
        rows = [(f"Module {module.number}: {module.title}", "bold"), f"{bar(progress.share, 20)}  "
                f"({progress.done} van {progress.total}) · {self.round.name}", "", module.summary, "",
                ("Leerdoelen", "bold"), *[f"• {goal}" for goal in module.learning_goals]]
        if module.data_link:
            rows += ["", (module.data_link.label, "bold"), links.figure(ws, module.data_link.figure),
                     "ctrl+o opent het scherm met deze gegevens"]
        self.query_one("#module-text", Static).update(lines(rows))
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        table.clear()
        for item in module.items:
            answer = stored.get(item.id, workbook.Answer(item.id))
            mark = "✎" if item.kind == "question" and answer.answer.strip() else STATUS_MARKS[answer.status]
            table.add_row(Text(mark), KIND_LABELS[item.kind], literal(item.text), key=item.id)
        table.move_cursor(row=min(row, table.row_count - 1))
        self.load_editor()

    @property
    def current_item(self):
        table = self.query_one("#items", DataTable)
        item_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next(i for i in self.module.items if i.id == item_id)

    def load_editor(self) -> None:
        self.flush()
        item = self.current_item
        answer = workbook.answers(self.app.ws, self.round.id).get(item.id, workbook.Answer(item.id))
        is_question = item.kind == "question"
        self.query_one("#editor-label", Static).update(
            styled(("Antwoord" if is_question else "Notitie", "bold"), f" bij: {item.text}"))
        self._loaded_text = answer.answer if is_question else answer.note
        self.query_one("#editor", TextArea).text = self._loaded_text
        self._editing_item = item.id

    @on(DataTable.RowHighlighted, "#items")
    def _moved(self) -> None:
        if self.module is not None:
            self.load_editor()

    @on(DataTable.RowSelected, "#items")
    def _chosen(self) -> None:
        self.action_edit()

    @on(TextArea.Changed, "#editor")
    def _typed(self, event: TextArea.Changed) -> None:
        if self._editing_item is None or event.text_area.text == self._loaded_text:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY_SECONDS, self.flush)

    def flush(self) -> None:
        """Store the editor's text now (also called before the editor switches items)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        else:
            return
        item = next(i for i in self.module.items if i.id == self._editing_item)
        text = self.query_one("#editor", TextArea).text
        field = {"answer": text} if item.kind == "question" else {"note": text}
        workbook.save_answer(self.app.ws, self.round.id, item.id, **field)
        self._loaded_text = text

    def action_tick(self) -> None:
        if self.focused is self.query_one("#editor"):
            return
        workbook.cycle_status(self.app.ws, self.round.id, self.current_item.id)
        self.show_module()

    def action_edit(self) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)  # typing goes on after what is there

    def action_back(self) -> None:
        if self.focused is self.query_one("#editor"):
            self.flush()
            self.show_module()
            self.query_one("#items", DataTable).focus()
            return
        self.flush()
        self.app.pop_screen()

    def action_open_data(self) -> None:
        if not self.module.data_link:
            self.notify("Deze module heeft geen gekoppelde gegevens.", severity="warning", markup=False)
            return
        kind, _, target = LINK_TARGETS.get(self.module.data_link.screen, "mode:dashboard").partition(":")
        if kind == "mode":
            self.app.switch_mode(target)
        else:
            self.app.run_action(target)

    def action_print_module(self) -> None:
        self.flush()
        md, html = export_module_files(self.app.ws, self.module.number, self.app.today())
        self.notify(f"Afgedrukt naar {md} en {html.name}{deliver(self.app, md, html)}", timeout=10, markup=False)

    def action_reset_module(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._timer = None
                workbook.reset(self.app.ws, self.round.id, self.module.number)
                self.notify("Module gewist. ctrl+z zet het terug.", markup=False)
                self.show_module()

        self.flush()
        self.app.push_screen(ConfirmScreen(f"Alles van module {self.module.number} wissen? Dit is ongedaan te maken "
                                           "met ctrl+z.", yes="Wissen", no="Niet wissen"), answered)

    def action_undo_reset(self) -> None:
        undo(self)
        self.show_module()

    def on_unmount(self) -> None:
        self.flush()


class CompareScreen(PanelScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Sluiten", id="compare.close")]
    DEFAULT_CSS = """
    CompareScreen > Vertical { width: 120; max-width: 95%; height: 85%; }
    """

    def __init__(self, earlier: workbook.Round, later: workbook.Round) -> None:
        super().__init__()
        self.earlier, self.later = earlier, later

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(styled((f"Verschillen tussen {self.earlier.name} en {self.later.name}", "bold")))
            yield row_table("differences", "Module", "Onderdeel", literal(self.earlier.name), literal(self.later.name))

    def on_mount(self) -> None:
        show = lambda a: a.answer.strip() or STATUS_MARKS[a.status]  # noqa: E731
        rows = [((literal(diff.module_number), literal(diff.item.text), literal(show(diff.before)),
                  literal(show(diff.after))), None)
                for diff in workbook.compare(self.app.ws, self.earlier.id, self.later.id)]
        self.query_one(FittedTable).fill(rows or [(("", "Geen verschillen.", "", ""), None)])
