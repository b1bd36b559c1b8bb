"""Toolbox content: the 13 modules of the toolbox "Makelaar met Mandaat" as data.

The packaged ``content.json`` holds themes, modules and their items (questions,
assignments, checklist items and reading tips). Item ids are the permanent keys
under which a user's answers are stored, so they are never derived from position.

A municipality may supply its own JSON file with the same shape to add items,
adapt an item's text or hide an item; see :func:`merge_content`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ItemKind = Literal["question", "assignment", "check", "reading"]
FigureName = Literal["organisations", "departments", "ecosystem", "monitoring"]

MODULE_COUNT = 13
ITEM_ID_PATTERN = r"^m\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PACKAGE = "desk.toolbox"
CONTENT_FILE = "content.json"


def module_id(number: int) -> str:
    """Return the module id for a module number, e.g. 3 -> ``"m03"``."""
    return f"m{number:02d}"


class Item(BaseModel):
    """One thing to do in a module: answer, tick off or read."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ITEM_ID_PATTERN)
    kind: ItemKind
    text: str = Field(min_length=1)
    group: str | None = None


class DataLink(BaseModel):
    """Points a module at a live figure in the app and the screen that shows it."""

    model_config = ConfigDict(extra="forbid")

    figure: FigureName
    screen: str = Field(pattern=SLUG_PATTERN)
    label: str = Field(min_length=1)
    item: str | None = None


class Module(BaseModel):
    """A toolbox module with learning goals and items."""

    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, le=MODULE_COUNT)
    id: str
    theme: str
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    learning_goals: list[str] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    data_link: DataLink | None = None

    @model_validator(mode="after")
    def _check_ids(self) -> Module:
        if self.id != module_id(self.number):
            raise ValueError(f"module {self.number} moet id '{module_id(self.number)}' hebben, niet '{self.id}'")
        if any(not goal.strip() for goal in self.learning_goals):
            raise ValueError(f"module {self.number} heeft een leeg leerdoel")
        prefix = f"{self.id}-"
        for item in self.items:
            if not item.id.startswith(prefix):
                raise ValueError(f"item '{item.id}' hoort bij module {self.number} en moet met '{prefix}' beginnen")
        if self.data_link and self.data_link.item and self.data_link.item not in {i.id for i in self.items}:
            raise ValueError(f"data_link van module {self.number} verwijst naar onbekend item '{self.data_link.item}'")
        return self


class Theme(BaseModel):
    """One of the five themes, grouping modules by number."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1)
    summary: str = ""
    modules: list[int] = Field(min_length=1)


class Source(BaseModel):
    """Bibliographic note on the publication the content is based on."""

    model_config = ConfigDict(extra="forbid")

    title: str
    publisher: str
    year: int
    note: str = ""


class ToolboxContent(BaseModel):
    """The complete, validated toolbox."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    source: Source | None = None
    themes: list[Theme] = Field(min_length=1)
    modules: list[Module]

    @model_validator(mode="after")
    def _check_structure(self) -> ToolboxContent:
        numbers = sorted(m.number for m in self.modules)
        if numbers != list(range(1, MODULE_COUNT + 1)):
            raise ValueError(f"modules 1 t/m {MODULE_COUNT} moeten elk precies één keer voorkomen, gevonden: {numbers}")
        self.modules.sort(key=lambda m: m.number)

        seen: set[str] = set()
        for item in (i for m in self.modules for i in m.items):
            if item.id in seen:
                raise ValueError(f"item-id '{item.id}' komt meer dan eens voor")
            seen.add(item.id)

        theme_ids = [t.id for t in self.themes]
        if len(set(theme_ids)) != len(theme_ids):
            raise ValueError("thema-id's moeten uniek zijn")
        placed: dict[int, str] = {}
        for theme in self.themes:
            for number in theme.modules:
                if not 1 <= number <= MODULE_COUNT:
                    raise ValueError(f"thema '{theme.id}' noemt module {number}, die bestaat niet")
                if number in placed:
                    raise ValueError(f"module {number} staat in meer dan één thema")
                placed[number] = theme.id
        for module in self.modules:
            if placed.get(module.number) != module.theme:
                raise ValueError(f"module {module.number} hoort bij thema '{module.theme}', maar staat daar niet in de lijst")
        return self

    def module(self, number: int) -> Module:
        """Return the module with this number (KeyError if absent)."""
        for module in self.modules:
            if module.number == number:
                return module
        raise KeyError(number)

    def theme(self, theme_id: str) -> Theme:
        """Return the theme with this id (KeyError if absent)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def modules_of(self, theme_id: str) -> list[Module]:
        """Return the modules of a theme in the theme's order."""
        return [self.module(n) for n in self.theme(theme_id).modules]

    def item(self, item_id: str) -> Item:
        """Return the item with this id, from any module (KeyError if absent)."""
        for module in self.modules:
            for item in module.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def item_ids(self) -> list[str]:
        """Return all item ids in module order."""
        return [i.id for m in self.modules for i in m.items]


class ItemOverride(BaseModel):
    """An item in a municipality's file: a new item, an adapted text or a hidden item."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ITEM_ID_PATTERN)
    kind: ItemKind | None = None
    text: str | None = Field(default=None, min_length=1)
    group: str | None = None
    removed: bool = False


class ModuleOverride(BaseModel):
    """A module in a municipality's file; only its items are merged, other fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    number: int | None = None
    id: str | None = None
    items: list[ItemOverride] = Field(default_factory=list)

    def resolve_number(self) -> int:
        """Return the module number named by ``number`` and/or ``id``."""
        if self.number is None and self.id is None:
            raise ValueError("een module mist 'number' of 'id'")
        if self.number is not None and self.id is not None and self.id != module_id(self.number):
            raise ValueError(f"module 'number' {self.number} en 'id' '{self.id}' spreken elkaar tegen")
        if self.number is not None:
            return self.number
        assert self.id is not None
        if len(self.id) != 3 or not self.id.startswith("m") or not self.id[1:].isdigit():
            raise ValueError(f"onbekende module-id '{self.id}'")
        return int(self.id[1:])


class ContentOverride(BaseModel):
    """A municipality's file; same shape as the toolbox, everything but module items is ignored."""

    model_config = ConfigDict(extra="ignore")

    modules: list[ModuleOverride]


_DUTCH_ERRORS = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "literal_error": "ongeldige waarde",
    "too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "ongeldig id (gebruik kleine letters, cijfers en streepjes, bv. 'm03-q-voorbeeld')",
    "string_type": "moet tekst zijn",
    "int_parsing": "moet een getal zijn",
    "list_type": "moet een lijst zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "bool_parsing": "moet true of false zijn",
}


def _explain(exc: ValidationError) -> str:
    """Summarise a pydantic error in one Dutch line."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"])
        message = _DUTCH_ERRORS.get(error["type"]) or str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    more = len(exc.errors()) - len(parts)
    return "; ".join(parts) + (f" (en nog {more} fout(en))" if more > 0 else "")


def _read_json(path: Path) -> Any:
    """Read a JSON file, raising ValueError with a Dutch message on failure."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"Kan het bestand '{path}' niet lezen: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"Het bestand '{path}' is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})."
        ) from exc


def load_content(path: Path | None = None) -> ToolboxContent:
    """Load and validate the toolbox content; the packaged ``content.json`` by default."""
    if path is None:
        raw = json.loads(resources.files(PACKAGE).joinpath(CONTENT_FILE).read_text(encoding="utf-8"))
        origin = "de meegeleverde toolbox-inhoud"
    else:
        raw = _read_json(path)
        origin = f"het bestand '{path}'"
    try:
        return ToolboxContent.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"Fout in {origin}: {_explain(exc)}") from exc


def _merge_items(module: dict[str, Any], overrides: list[ItemOverride]) -> None:
    """Apply item overrides to a dumped module in place."""
    number = module["number"]
    prefix = f"{module['id']}-"
    items: list[dict[str, Any]] = module["items"]
    by_id = {item["id"]: item for item in items}
    hidden: set[str] = set()
    for override in overrides:
        if not override.id.startswith(prefix):
            raise ValueError(f"Item '{override.id}' staat bij module {number}, maar moet dan met '{prefix}' beginnen.")
        current = by_id.get(override.id)
        if current is None:
            if override.removed:
                raise ValueError(f"Item '{override.id}' kan niet verborgen worden: module {number} kent dit item niet.")
            if override.kind is None or override.text is None:
                raise ValueError(f"Nieuw item '{override.id}' in module {number} heeft zowel 'kind' als 'text' nodig.")
            new = {"id": override.id, "kind": override.kind, "text": override.text, "group": override.group}
            items.append(new)
            by_id[override.id] = new
        elif override.removed:
            hidden.add(override.id)
        else:
            if override.kind is not None and override.kind != current["kind"]:
                raise ValueError(
                    f"Het soort van item '{override.id}' kan niet veranderen ({current['kind']} -> {override.kind}); "
                    "gebruik een nieuw id."
                )
            if override.text is not None:
                current["text"] = override.text
            if "group" in override.model_fields_set:
                current["group"] = override.group
    module["items"] = [item for item in items if item["id"] not in hidden]


def merge_content(base: ToolboxContent, override_path: Path) -> ToolboxContent:
    """Return ``base`` with a municipality's own file applied; ``base`` is left unchanged.

    Items are matched by id: a known id adapts the text (and group), an unknown id is
    appended as a new item, and ``"removed": true`` hides the item. Raises ValueError
    with a Dutch message when the file cannot be read or does not fit.
    """
    raw = _read_json(override_path)
    try:
        override = ContentOverride.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"Het bestand '{override_path}' heeft niet de juiste opbouw: {_explain(exc)}") from exc

    data = base.model_dump()
    modules = {module["number"]: module for module in data["modules"]}
    for module_override in override.modules:
        try:
            number = module_override.resolve_number()
        except ValueError as exc:
            raise ValueError(f"Fout in '{override_path}': {exc}.") from exc
        if number not in modules:
            raise ValueError(f"Het bestand '{override_path}' noemt module {number}, maar die bestaat niet.")
        _merge_items(modules[number], module_override.items)

    try:
        return ToolboxContent.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"Na het verwerken van '{override_path}' klopt de inhoud niet: {_explain(exc)}") from exc
