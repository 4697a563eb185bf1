"""``archiver serve``: the reader over HTTP on 127.0.0.1, for browsers or setups that prefer it.

The reader needs no server (it opens from ``file://``); this is a convenience. It serves the
archive folder read-only and refuses dot-folders other than ``.reader`` (the archive's
private state is nobody's business over HTTP). It answers only requests addressed to its
own name (``Host: 127.0.0.1:PORT`` or ``localhost:PORT``): a web page that rebinds its own
domain to 127.0.0.1 (DNS rebinding) gets 421, not the archive.
"""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from archiver.reader.files import ASSETS
from archiver.reader.render import CSP

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class ReaderHandler(SimpleHTTPRequestHandler):
    """Static files from the archive, with no caching, no sniffing and no private folders."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".md": "text/markdown; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def _host_ok(self) -> bool:
        """Whether the request is addressed to this server by one of its own names."""
        port = self.server.server_address[1]  # type: ignore[index]  # an INET server
        host = (self.headers.get("Host") or "").strip().lower()
        return host in {f"{name}:{port}" for name in LOCAL_NAMES}

    def _private(self) -> bool:
        parts = unquote(urlsplit(self.path).path).split("/")
        return any(p.startswith(".") and p != ASSETS for p in parts if p)

    def send_head(self) -> BinaryIO | None:
        if not self._host_ok():
            self.send_error(421, "Misdirected Request: use http://127.0.0.1 or localhost")
            return None
        if self._private():
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass


def make_server(
    root: Path, port: int = 8000, handler: type[ReaderHandler] = ReaderHandler
) -> ThreadingHTTPServer:
    """A server for ``root`` on 127.0.0.1 (port 0 picks a free one); call serve_forever()."""
    return ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
