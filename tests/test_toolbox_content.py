"""Tests for the toolbox content data file and its loader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desk.toolbox.content import ToolboxContent, load_content, merge_content

EXPECTED_THEMES = {
    "opstarten": [1, 2],
    "verkennen": [3, 4, 5],
    "visie": [6],
    "aan-de-slag": [7, 8, 9, 10, 11, 12],
    "evalueren-en-monitoren": [13],
}

# Answers are stored under these ids; they must never disappear or be renamed.
STABLE_IDS = [
    "m01-q-kortetermijndoelen",
    "m01-a-werkbezoek-ondernemer",
    "m02-c-kwaliteit-verbinder",
    "m03-a-overzicht-impactondernemers",
    "m03-q-definitie",
    "m04-r-impactnetwerken",
    "m05-q-afdelingen-bekend",
    "m06-q-eerste-visie",
    "m07-q-manier-innoveren",
    "m08-c-gedeelde-visie",
    "m08-q-domein-menselijk-kapitaal",
    "m09-a-verkennend-gesprek-platform",
    "m10-a-koffiegesprek-financiering",
    "m11-a-gesprek-afdeling-vastgoed",
    "m12-q-omliggende-gemeenten",
    "m13-c-impactrapportages",
]

EXPECTED_DATA_LINKS = {
    3: ("organisations", "organisations"),
    5: ("departments", "departments"),
    8: ("ecosystem", "ecosystem"),
    13: ("monitoring", "reports"),
}

MAX_TEXT_LENGTH = 400


@pytest.fixture(scope="module")
def content() -> ToolboxContent:
    return load_content()


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_thirteen_modules_in_five_themes(content: ToolboxContent) -> None:
    assert [m.number for m in content.modules] == list(range(1, 14))
    assert {t.id: t.modules for t in content.themes} == EXPECTED_THEMES
    for theme_id, numbers in EXPECTED_THEMES.items():
        assert [m.number for m in content.modules_of(theme_id)] == numbers
        assert all(content.module(n).theme == theme_id for n in numbers)


def test_module_ids(content: ToolboxContent) -> None:
    assert [m.id for m in content.modules] == [f"m{n:02d}" for n in range(1, 14)]


def test_item_ids_unique_and_prefixed(content: ToolboxContent) -> None:
    ids = content.item_ids()
    assert len(ids) == len(set(ids))
    for module in content.modules:
        for item in module.items:
            assert item.id.startswith(f"{module.id}-"), item.id


def test_every_module_has_goals_items_and_work(content: ToolboxContent) -> None:
    for module in content.modules:
        assert module.learning_goals and all(g.strip() for g in module.learning_goals)
        assert module.items
        assert module.summary.strip()
        kinds = {item.kind for item in module.items}
        assert kinds & {"question", "assignment", "check"}, module.id


def test_stable_ids_exist(content: ToolboxContent) -> None:
    ids = set(content.item_ids())
    missing = [item_id for item_id in STABLE_IDS if item_id not in ids]
    assert not missing


def test_texts_are_short(content: ToolboxContent) -> None:
    for module in content.modules:
        for item in module.items:
            assert len(item.text) <= MAX_TEXT_LENGTH, item.id
        assert all(len(goal) <= MAX_TEXT_LENGTH for goal in module.learning_goals)


def test_data_links(content: ToolboxContent) -> None:
    linked = {m.number: (m.data_link.figure, m.data_link.screen) for m in content.modules if m.data_link}
    assert linked == EXPECTED_DATA_LINKS
    for number in EXPECTED_DATA_LINKS:
        link = content.module(number).data_link
        assert link is not None and link.label
        if link.item:
            content.item(link.item)


def test_load_from_path_matches_packaged(content: ToolboxContent) -> None:
    path = Path(__file__).resolve().parents[1] / "desk" / "toolbox" / "content.json"
    assert load_content(path) == content


def test_validation_rejects_duplicate_ids(tmp_path: Path, content: ToolboxContent) -> None:
    data = content.model_dump()
    data["modules"][0]["items"].append(dict(data["modules"][0]["items"][0]))
    with pytest.raises(ValueError, match="meer dan eens"):
        load_content(write_json(tmp_path / "dup.json", data))


def test_validation_rejects_missing_module(tmp_path: Path, content: ToolboxContent) -> None:
    data = content.model_dump()
    del data["modules"][12]
    with pytest.raises(ValueError):
        load_content(write_json(tmp_path / "missing.json", data))


def test_validation_rejects_module_without_goals(tmp_path: Path, content: ToolboxContent) -> None:
    data = content.model_dump()
    data["modules"][5]["learning_goals"] = []
    with pytest.raises(ValueError):
        load_content(write_json(tmp_path / "nogoals.json", data))


def test_merge_adds_adapts_and_removes(tmp_path: Path, content: ToolboxContent) -> None:
    override = {
        "version": 1,
        "modules": [
            {
                "number": 3,
                "items": [
                    {"id": "m03-q-definitie", "text": "Welke definitie hanteert onze gemeente?"},
                    {"id": "m03-c-nulmeting", "removed": True},
                    {"id": "m03-a-eigen-lijst", "kind": "assignment", "text": "Vul de lijst van de Kamer van Koophandel aan."},
                ],
            },
            {"id": "m13", "items": [{"id": "m13-q-eigen-indicator", "kind": "question", "text": "Welke eigen indicator?"}]},
        ],
    }
    merged = merge_content(content, write_json(tmp_path / "gemeente.json", override))

    m03 = merged.module(3)
    ids = [item.id for item in m03.items]
    assert merged.item("m03-q-definitie").text == "Welke definitie hanteert onze gemeente?"
    assert merged.item("m03-q-definitie").kind == "question"
    assert "m03-c-nulmeting" not in ids
    assert ids[-1] == "m03-a-eigen-lijst"
    assert merged.item("m13-q-eigen-indicator").kind == "question"
    # The base content is left untouched.
    assert content.item("m03-q-definitie").text != "Welke definitie hanteert onze gemeente?"
    assert "m03-c-nulmeting" in content.item_ids()


def test_merge_accepts_full_copy_of_base(tmp_path: Path, content: ToolboxContent) -> None:
    merged = merge_content(content, write_json(tmp_path / "kopie.json", content.model_dump()))
    assert merged == content


@pytest.mark.parametrize(
    "payload",
    [
        "{ dit is geen json",
        json.dumps({"modules": "geen lijst"}),
        json.dumps({"modules": [{"number": 14, "items": []}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m04-q-verkeerd", "kind": "question", "text": "x"}]}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m03-q-nieuw"}]}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m03-q-bestaat-niet", "removed": True}]}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m03-q-definitie", "kind": "check"}]}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m03-q-x", "kind": "vraag", "text": "x"}]}]}),
        json.dumps({"modules": [{"number": 3, "items": [{"id": "m03-q-definitie", "remove": True}]}]}),
    ],
)
def test_merge_rejects_bad_files(tmp_path: Path, content: ToolboxContent, payload: str) -> None:
    path = tmp_path / "fout.json"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(ValueError):
        merge_content(content, path)


def test_merge_rejects_missing_file(tmp_path: Path, content: ToolboxContent) -> None:
    with pytest.raises(ValueError, match="niet lezen"):
        merge_content(content, tmp_path / "bestaat-niet.json")


def test_merge_rejects_removing_every_item(tmp_path: Path, content: ToolboxContent) -> None:
    items = [{"id": item.id, "removed": True} for item in content.module(12).items]
    with pytest.raises(ValueError):
        merge_content(content, write_json(tmp_path / "leeg.json", {"modules": [{"number": 12, "items": items}]}))


def test_toolbox_does_not_import_textual() -> None:
    code = "import sys, desk.toolbox.content as c; c.load_content(); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"
