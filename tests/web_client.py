"""A browser without the browser: starts ``desk serve`` as a process and talks to it as
textual-serve's page does (the page, then the websocket with JSON frames for keys and sizes, bytes
back for the screen), and reads the screen with pyte, a terminal emulator."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import aiohttp
import pyte

DESK = Path(sys.executable).with_name("desk")
LINK = re.compile(r"(http://\S+)/\?token=(\S+)")
STARTUP_SECONDS = 60  # a shared CI machine; the server itself is up in well under a second
SCREEN_SECONDS = 60
ESCAPE_PAUSE = 0.3


class Serving:
    """A running ``desk serve``: its link, and what it printed."""

    def __init__(self, process: subprocess.Popen, base: str, token: str) -> None:
        self.process = process
        self.base = base
        self.token = token

    @property
    def link(self) -> str:
        return f"{self.base}/?token={self.token}"

    @property
    def host(self) -> str:
        return self.base.removeprefix("http://")


@contextmanager
def serving(db: Path, *options: str, env_extra: dict | None = None):
    """``desk --db DB serve --port 0 --no-browser OPTIONS``, stopped with ctrl+c (SIGINT) at the end."""
    env = {**os.environ, **(env_extra or {})}
    process = subprocess.Popen([str(DESK), "--db", str(db), "serve", "--port", "0", "--no-browser", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        found = _wait_for_link(process, lines)
        yield Serving(process, *found)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_link(process: subprocess.Popen, lines: queue.Queue) -> tuple[str, str]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if process.poll() is not None:
                raise AssertionError(f"desk serve stopped: {process.stderr.read()}") from None
            continue
        match = LINK.search(line)
        if match:
            return match.group(1), match.group(2)
    raise AssertionError("desk serve printed no link")


class Tab:
    """One browser tab on the Desk of a ``Serving``: the screen as the browser would draw it."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse, width: int, height: int) -> None:
        self.websocket = websocket
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.deliveries: asyncio.Queue[str] = asyncio.Queue()
        self.closed = asyncio.Event()
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
                self._changed.set()
            elif message.type == aiohttp.WSMsgType.TEXT:
                envelope = json.loads(message.data)
                if envelope[0] == "deliver_file_start":
                    await self.deliveries.put(envelope[1])
        self.closed.set()
        self._changed.set()

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, *texts: str, seconds: float = SCREEN_SECONDS) -> str:
        """Until every one of ``texts`` is on the screen; returns the screen."""
        deadline = time.monotonic() + seconds
        while not all(text in self.text for text in texts):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed.is_set():
                raise AssertionError(f"not on the screen: {texts}\n{self.text}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass
        return self.text

    async def press(self, *keys: str) -> None:
        """Keys as xterm.js sends them: text, or escape sequences such as "\\x11" for ctrl+q."""
        for key in keys:
            await self.websocket.send_json(["stdin", key])
            if key.startswith("\x1b"):
                # Escape alone, or alt+key: Textual tells them from an escape sequence by the pause
                # after them (100 ms), as a person makes one.
                await asyncio.sleep(ESCAPE_PAUSE)

    async def next_delivery(self, seconds: float = SCREEN_SECONDS) -> str:
        return await asyncio.wait_for(self.deliveries.get(), seconds)


@asynccontextmanager
async def browser(serving: Serving) -> AsyncIterator[aiohttp.ClientSession]:
    """A session that has followed the link, so it holds the cookie."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:  # an IP address, as browsers allow
        async with session.get(serving.link) as response:
            assert response.status == 200, await response.text()
        yield session


@asynccontextmanager
async def tab(session: aiohttp.ClientSession, serving: Serving, width: int = 120,
              height: int = 40) -> AsyncIterator[Tab]:
    websocket = await session.ws_connect(f"ws://{serving.host}/ws?width={width}&height={height}",
                                         origin=serving.base)
    opened = Tab(websocket, width, height)
    try:
        yield opened
    finally:
        await websocket.close()
        opened._reader.cancel()
