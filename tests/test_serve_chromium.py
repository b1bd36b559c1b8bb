"""``desk serve`` in a real browser: Debian's headless Chromium opens the link, Desk's dashboard
arrives in the page's terminal (xterm.js), a key pressed in the page reaches Desk, and a
screenshot is kept for a person to look at (the path is printed; pytest -s shows it).

xterm.js draws on a canvas, so the text is read from what the page's websocket received (recorded
by a script Chromium adds to the page before textual-serve's own) and put through a terminal
emulator; the screenshot shows how it was drawn.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.web_client import serving

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
WIDTH, HEIGHT = 1280, 820
SECONDS = 60

# Added to the page before its own scripts: the bytes its websocket receives, and the terminal size
# the page tells Desk (the "resize" frame).
RECORDER = """
const Original = window.WebSocket;
window.deskReceived = [];
window.WebSocket = function (...args) {
  const socket = new Original(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") window.deskReceived.push(...new Uint8Array(event.data));
  });
  return socket;
};
window.WebSocket.prototype = Original.prototype;
const originalSend = Original.prototype.send;
Original.prototype.send = function (data) {
  if (typeof data === "string" && data.startsWith('["resize"')) {
    const size = JSON.parse(data)[1];
    window.deskSize = [size.width, size.height];
  }
  return originalSend.call(this, data);
};
"""


class Page:
    """One tab of Chromium, driven over the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.session: str | None = None
        self.count = 0

    async def call(self, method: str, **params) -> dict:
        self.count += 1
        message = {"id": self.count, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        await self.socket.send_json(message)
        async for reply in self.socket:
            data = json.loads(reply.data)
            if data.get("id") == self.count:
                assert "error" not in data, data
                return data["result"]
        raise AssertionError("Chromium went away")

    async def evaluate(self, expression: str):
        return (await self.call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")

    async def screen(self, columns: int, rows: int) -> str:
        """What the page's terminal received so far, as a terminal of its size shows it."""
        received = await self.evaluate("window.deskReceived")
        emulated = pyte.Screen(columns, rows)
        pyte.ByteStream(emulated).feed(bytes(received))
        return "\n".join(emulated.display)

    async def wait_for(self, *texts: str) -> str:
        for _ in range(SECONDS * 4):
            size = await self.evaluate("window.deskSize || null")
            if size:
                shown = await self.screen(*size)
                if all(text in shown for text in texts):
                    return shown
            await asyncio.sleep(0.25)
        raise AssertionError(f"not in the page: {texts}")


@pytest.fixture
def chromium(tmp_path: Path):
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
         f"--user-data-dir={tmp_path / 'chromium'}", f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in process.stderr:
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                yield found.group(1)
                break
        else:
            raise AssertionError("Chromium did not start")
    finally:
        process.terminate()
        process.wait(30)


async def test_chromium_shows_the_dashboard_and_takes_a_key(demo_db: Path, chromium: str, tmp_path: Path) -> None:
    with serving(demo_db) as served:
        async with aiohttp.ClientSession() as http, http.ws_connect(chromium, max_msg_size=0) as socket:
            page = Page(socket)
            target = await page.call("Target.createTarget", url="about:blank")
            page.session = (await page.call("Target.attachToTarget", targetId=target["targetId"],
                                            flatten=True))["sessionId"]
            await page.call("Page.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=RECORDER)
            await page.call("Page.navigate", url=served.link)

            shown = await page.wait_for("Dashboard", "Te laat", "Organisaties", "Recente contactmomenten")
            assert await page.evaluate("document.title") == "Desk"
            assert await page.evaluate("document.body.classList.contains('-first-byte')")  # xterm.js drew it
            assert await page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")  # the font, offline
            screenshot = tmp_path / "dashboard.png"
            picture = base64.b64decode((await page.call("Page.captureScreenshot", format="png"))["data"])
            screenshot.write_bytes(picture)
            print(f"\nScreenshot of the dashboard in Chromium: {screenshot}\n{shown}")
            assert len(picture) > 20_000  # an empty or one-colour page is a few kilobytes

            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")  # as a click would
            await page.call("Input.dispatchKeyEvent", type="keyDown", key="o", text="o", code="KeyO")
            await page.call("Input.dispatchKeyEvent", type="keyUp", key="o", code="KeyO")
            await page.wait_for("38 organisaties")
