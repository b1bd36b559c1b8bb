"""``desk serve``: the same Desk in a browser tab on this laptop, through textual-serve.

textual-serve starts one app process per browser tab and relays its screen and keys over a
websocket. What Desk adds: a random token in the link (as Jupyter does) that becomes a cookie for
this port, so nobody else on the machine or the network gets in; 127.0.0.1 unless asked otherwise;
a Dutch page that needs no network (no web fonts from elsewhere); downloads under their own name.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import ipaddress
import logging
import os
import secrets
import shlex
import socket
import sys
import unicodedata
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from desk.care.encryption import PASSPHRASE_ENV
from desk.cli.arguments import SERVE_PORT
from desk.cli.commands import ServeOptions
from desk.core import error_log
from desk.core.errors import DeskError

TEMPLATES = Path(__file__).with_name("web")
PORTS_TRIED = 20  # without --port: the default port, else the next free one of these
TOKEN_PARAMETER = "token"
REFUSED = ("Geen toegang. Open Desk met de link die 'desk serve' in de terminal liet zien; "
           "die bevat de sleutel (?token=…). Na een herstart van 'desk serve' is er een nieuwe link.")


def serve(options: ServeOptions) -> None:
    """Listen until ctrl+c; each browser tab gets its own Desk on ``options.db_path``."""
    command = [sys.executable, "-m", "screens.launch", "--db", str(options.db_path)]
    if options.passphrase:  # asked in this terminal: the tabs' processes have no terminal to ask in
        os.environ[PASSPHRASE_ENV] = options.passphrase
    listener = bind(options.host, options.port)
    server = DeskServer(shlex.join(command), listener, secrets.token_urlsafe(32), options.db_path,
                        open_browser=options.open_browser)
    if not is_loopback(options.host):
        print(f"desk: let op, Desk is nu ook bereikbaar via {options.host} voor anderen op het netwerk. Alleen "
              "de link met de sleutel geeft toegang, maar het verkeer is niet versleuteld (geen https).",
              file=sys.stderr)
    server.serve()


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``host``. Without a port: the default one or the next free one."""
    candidates = [port] if port is not None else range(SERVE_PORT, SERVE_PORT + PORTS_TRIED)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in candidates:
        listener = socket.socket(family, socket.SOCK_STREAM)
        if os.name == "posix":  # a restart takes its old port again at once (no other listener can share it)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((host, candidate))
        except OSError as exc:
            listener.close()
            if exc.errno == errno.EADDRINUSE:
                continue
            if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
                raise DeskError(f"{host} is geen adres van deze computer.") from None
            raise
        listener.listen(128)
        listener.set_inheritable(False)
        return listener
    if port is not None:
        raise DeskError(f"Poort {port} is al in gebruik; kies een andere met --port, of laat --port weg.")
    raise DeskError(f"De poorten {candidates[0]} tot en met {candidates[-1]} zijn bezet; kies er een met --port.")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::")  # as getsockname() gives them


class DeskServer(Server):
    """textual-serve's server, behind a token, on a socket that is already listening."""

    def __init__(self, command: str, listener: socket.socket, token: str, db_path: Path, open_browser: bool) -> None:
        host, port = listener.getsockname()[:2]
        shown_host = f"[{host}]" if ":" in host else host
        super().__init__(command, host=host, port=port, title="Desk", templates_path=TEMPLATES,
                         public_url=f"http://{shown_host}:{port}")
        self.listener = listener
        self.token = token
        self.cookie_name = f"desk_{port}"  # cookies ignore the port: two servers must not share one
        self.db_path = db_path
        self.sockets: set[web.WebSocketResponse] = set()
        self.open_browser = open_browser

    @property
    def link(self) -> str:
        return f"{self.public_url}/?{TOKEN_PARAMETER}={self.token}"

    def initialize_logging(self) -> None:
        """textual-serve's own messages (English, about failed sessions) go to Desk's error log."""
        logger = logging.getLogger("textual-serve")
        logger.handlers[:] = [_ErrorLogHandler(self.db_path)]
        logger.setLevel(logging.ERROR)
        logger.propagate = False

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), sock=self.listener, print=None, access_log=None, shutdown_timeout=10)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Desk draait voor de browser op {self.link}", flush=True)
        print("Alleen wie deze link heeft, komt erin. Elk tabblad is een eigen Desk. Stoppen: ctrl+c.", flush=True)
        if self.open_browser and _has_graphical_browser():
            webbrowser.open(self.link)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close the tabs' websockets: each app process is then told to quit, and may save its draft."""
        for websocket in list(self.sockets):
            await websocket.close(message="Desk is gestopt".encode())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Only a browser that has the token: once in the link, from then on as a cookie."""
        if not self._host_allowed(request.host):
            return _refusal(f"Onbekend adres {request.host!r}. {REFUSED}")
        given = request.query.get(TOKEN_PARAMETER)
        if given is not None:
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refusal(REFUSED)
            rest = {key: value for key, value in request.query.items() if key != TOKEN_PARAMETER}
            response = web.HTTPFound(request.rel_url.with_query(rest))
            response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", path="/")
            return response
        if not hmac.compare_digest(request.cookies.get(self.cookie_name, "").encode(), self.token.encode()):
            return _refusal(REFUSED)
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin and urlsplit(origin).netloc != request.host:
            return _refusal("Deze verbinding komt van een andere website en is geweigerd.")
        return await handler(request)

    def _host_allowed(self, host: str) -> bool:
        """The Host header must name this server: a page elsewhere that points its own name at
        127.0.0.1 (DNS rebinding) is refused before it can even see the refusal's text."""
        if _is_wildcard(self.host):
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        names = {self.host, f"[{self.host}]"}
        if is_loopback(self.host):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        return name in names and host.endswith(f":{self.port}")

    @aiohttp_jinja2.template("index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with addresses as the browser reached it (localhost or 127.0.0.1: the cookie
        belongs to the name that was used)."""
        font_size = request.query.get("fontsize", "16")
        return {
            "title": self.title,
            "font_size": int(font_size) if font_size.isdigit() else 16,
            "static_url": "/static/",
            "websocket_url": f"ws://{request.host}/ws",
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, keeping every open tab's websocket so that ctrl+c can end its app properly."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = (to_int(request.query.get(name, str(default)), default)
                         for name, default in (("width", 80), ("height", 24)))
        await websocket.prepare(request)
        self.sockets.add(websocket)
        app_service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager, debug=self.debug)
        try:
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # one tab's failure is logged; the server and the other tabs go on
            logging.getLogger("textual-serve").exception("Een tabblad liep vast")
        finally:
            self.sockets.discard(websocket)
        return websocket

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """As textual-serve's, with the file name quoted as RFC 6266 asks (accents, spaces)."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="Deze download is er niet (meer). Exporteer opnieuw.") from None
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = content_disposition(disposition, meta.file_name)
        response.headers["Cache-Control"] = "no-store"  # exports hold personal data
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response


def content_disposition(disposition: str, file_name: str) -> str:
    """RFC 6266: the name in UTF-8 (filename*), with a plain ASCII one for browsers that want that."""
    plain = unicodedata.normalize("NFKD", file_name).encode("ascii", "ignore").decode()
    plain = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in plain)
    return f"{disposition}; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name, safe='')}"


def _refusal(text: str) -> web.Response:
    return web.Response(status=403, text=text, content_type="text/plain", charset="utf-8")


def _has_graphical_browser() -> bool:
    """Only a browser in a window: without a display, webbrowser would start a text browser in
    this very terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _ErrorLogHandler(logging.Handler):
    def __init__(self, db_path: Path) -> None:
        super().__init__(logging.ERROR)
        self.db_path = db_path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            error = RuntimeError(record.getMessage())
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
            where = error_log.record_error(self.db_path, error, "desk serve")
            print(f"desk: een tabblad gaf een fout; de details staan in {where}.", file=sys.stderr)
        except OSError:
            print(f"desk: een tabblad gaf een fout: {record.getMessage()}", file=sys.stderr)
