"""``desk serve``: Desk in a browser tab. Each test starts the real command as a process on a free
port and talks to it as the browser's page does (tests/web_client.py): over HTTP for the page and
the downloads, over the websocket for the screen and the keys."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import socket
import subprocess
from pathlib import Path

import aiohttp
import pytest
from aiohttp.multipart import content_disposition_filename, parse_content_disposition
from hypothesis import given
from hypothesis import strategies as st
from textual.binding import Binding

import screens
from screens.browser import BROWSER_KEYS
from screens.serve import content_disposition
from tests.web_client import DESK, browser, serving, tab

CTRL_Q = "\x11"
ALT_N = "\x1bn"
ESCAPE = "\x1b"


async def test_nothing_is_served_without_the_token(demo_db: Path) -> None:
    with serving(demo_db) as served:
        assert served.base.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as stranger:
            for path in ("/", "/static/js/textual.js", "/download/0123", "/?token=" + "x" * len(served.token)):
                async with stranger.get(served.base + path) as response:
                    assert response.status == 403, path
                    assert "Geen toegang" in await response.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await stranger.ws_connect(f"ws://{served.host}/ws")
            assert refused.value.status == 403

            port = served.base.rsplit(":", 1)[1]
            async with stranger.get(served.link, allow_redirects=False) as response:
                assert response.status == 302 and response.headers["Location"] == "/"
                cookie = response.cookies[f"desk_{port}"]
                assert cookie["httponly"] and cookie["samesite"] == "Strict"
            async with stranger.get(served.base + "/") as response:  # the cookie now opens the page
                page = await response.text()
                assert response.status == 200 and "<title>Desk</title>" in page
                assert "fonts.googleapis" not in page  # works offline

            async with stranger.get(served.base + "/", headers={"Host": f"desk.example:{port}"}) as other:
                assert other.status == 403  # another name pointed at 127.0.0.1 (DNS rebinding)
            with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
                await stranger.ws_connect(f"ws://{served.host}/ws", origin="http://elders.example")
            assert foreign.value.status == 403


async def test_a_tab_shows_the_dashboard_and_takes_keys(demo_db: Path) -> None:
    with serving(demo_db) as served:
        async with browser(served) as session, tab(session, served) as page:
            await page.wait_for("Dashboard", "Te laat", "Organisaties")
            await page.press("o")
            await page.wait_for("38 organisaties", "Groene Gevels BV")
            # ctrl+n opens a browser window and never reaches the page: in a tab it is alt+n.
            screen = await page.wait_for("alt+n Nieuwe organisatie")
            assert "^n Nieuwe organisatie" not in screen
            await page.press(ALT_N)
            await page.wait_for("^s Opslaan")  # the form
            await page.press(ESCAPE)
            await page.wait_for("⏎ Openen")  # the list again
            await page.press("/")
            await page.wait_for("/ Zoeken alt+n Nieuwe organisatie")  # the footer of the search box
            await page.press("Groene")
            await page.wait_for("1 organisatie", "Groene Gevels BV")
            await page.press(CTRL_Q)
            await asyncio.wait_for(page.closed.wait(), 60)
        assert served.process.poll() is None  # the server goes on for the next tab


async def test_exports_come_to_the_browser_and_stay_in_exports(demo_db: Path) -> None:
    exports = demo_db.parent / "exports"
    with serving(demo_db) as served:
        async with browser(served) as session, tab(session, served) as page:
            await page.wait_for("Te laat")
            await page.press("a")
            await page.wait_for("Naar agenda (.ics)")
            await page.press("x")  # written in a worker thread
            ics = await _download(session, served, await page.next_delivery())
            await page.wait_for("downloadt")  # the message says so (a word: the toast wraps its lines)

            await page.press("t")
            await page.wait_for("Toolbox")
            await page.press("p")  # the whole toolbox: Markdown and HTML
            files = [await _download(session, served, await page.next_delivery()) for _ in range(2)]
            await page.wait_for("bestanden")

            await page.press("g")
            await page.wait_for("m Markdown")
            await page.press("m")  # the progress report, written in a worker thread
            report = await _download(session, served, await page.next_delivery())

    for name, body, content_type in (ics, *files, report):
        assert (exports / name).read_bytes() == body
    assert ics[0].endswith(".ics") and ics[2] == "text/calendar"
    assert ics[1].startswith(b"BEGIN:VCALENDAR")
    assert sorted(name.rsplit(".", 1)[1] for name, _, _ in files) == ["html", "md"]
    assert report[0].startswith("voortgangsrapportage-") and report[0].endswith(".md")


async def _download(session: aiohttp.ClientSession, served, key: str) -> tuple[str, bytes, str]:
    async with aiohttp.ClientSession() as stranger:  # a download is for the tab's browser only
        async with stranger.get(f"{served.base}/download/{key}") as refused:
            assert refused.status == 403
    async with session.get(f"{served.base}/download/{key}") as response:
        assert response.status == 200
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert response.headers["Cache-Control"] == "no-store"
        return response.content_disposition.filename, await response.read(), response.content_type


async def test_a_closed_tab_keeps_the_intake_as_a_draft(demo_db: Path) -> None:
    with serving(demo_db) as served:
        async with browser(served) as session:
            async with tab(session, served) as page:
                await page.wait_for("Te laat")
                await page.press("n")
                await page.wait_for("^s Opslaan")
                await page.press("Bakkerij Nieuw")
                await page.wait_for("Bakkerij Nieuw")
                await page.press(" Begin")  # and the tab is closed at once, before the draft's timer
            async with tab(session, served) as page:  # the next tab offers it back, all of it
                await page.wait_for("Er is een contactmoment (Bakkerij Nieuw Begin) dat nog", "Terugzetten")


def test_a_port_in_use_is_refused_in_one_line(demo_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(DESK), "--db", str(demo_db), "serve", "--port", str(port), "--no-browser"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"desk: Poort {port} is al in gebruik; kies een andere met --port, of laat --port weg.\n"


async def test_another_address_only_when_asked_and_with_a_warning(demo_db: Path) -> None:
    with serving(demo_db) as served:  # the default
        assert served.base.startswith("http://127.0.0.1:")
    with serving(demo_db, "--host", "0.0.0.0") as served:
        warning = served.process.stderr.readline()
        assert warning.startswith("desk: let op, Desk is nu ook bereikbaar via 0.0.0.0")
        async with aiohttp.ClientSession() as stranger:
            async with stranger.get(served.base.replace("0.0.0.0", "127.0.0.1") + "/") as response:
                assert response.status == 403  # still the token


def test_an_address_that_is_not_this_computers_is_refused_in_one_line(demo_db: Path) -> None:
    result = subprocess.run([str(DESK), "--db", str(demo_db), "serve", "--host", "nergens.invalid", "--no-browser"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, "desk: nergens.invalid is geen adres van deze computer.\n")


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60))
def test_a_download_keeps_its_name_with_accents_and_spaces(name: str) -> None:
    header = content_disposition("attachment", name)
    disposition, params = parse_content_disposition(header)
    assert disposition == "attachment"
    assert content_disposition_filename(params, "filename") == name
    assert header.isascii()


def test_every_action_on_ctrl_n_has_its_key_in_a_tab() -> None:
    """A browser keeps ctrl+n for itself; every binding on it needs its second key (screens/browser.py)."""
    on_ctrl_n = set()
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        if not info.name.endswith("__main__"):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                for binding in getattr(value, "BINDINGS", []) if isinstance(value, type) else []:
                    if isinstance(binding, Binding) and "ctrl+n" in binding.key.split(","):
                        on_ctrl_n.add(binding.id)
    assert on_ctrl_n and on_ctrl_n == set(BROWSER_KEYS)
