"""The request handler: CONNECT/TLS tunnels, absolute-URI requests, answers from files, faults."""

from __future__ import annotations

import email.utils
import html
import logging
import socket
import ssl
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from archiver.replay.mapping import content_type_for, path_to_rel
from archiver.replay.routes import RequestRecord, Route

log = logging.getLogger(__name__)

# Errors of a client that went away: logged at debug level, never as a traceback.
QUIET_ERRORS = (ConnectionError, TimeoutError, ssl.SSLError, OSError)


class ProxyOwner(Protocol):
    """What a handler needs from the proxy that owns it (``ReplayProxy`` provides it)."""

    sites_dir: Path

    @property
    def stopping(self) -> bool: ...

    @property
    def tls_context(self) -> ssl.SSLContext: ...

    def log_request(self, record: RequestRecord) -> int: ...

    def log_connect(self, target: str) -> None: ...

    def route_for(self, host: str, key: str) -> Route | None: ...

    def file_for(self, host: str, rel: str) -> Path | None: ...

    def hold(self, seconds: float, number: int) -> bool: ...


class _SocketWriter:
    """Unbuffered writer that always sends everything (like socketserver's)."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.closed = False

    def write(self, data: bytes) -> int:
        self._sock.sendall(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True


class Handler(BaseHTTPRequestHandler):
    """One client connection: plain requests, or a CONNECT tunnel turned into TLS."""

    protocol_version = "HTTP/1.1"
    server_version = "ReplayProxy/1.0"
    sys_version = ""
    timeout = 60  # idle keep-alive connections are closed after this many seconds

    def __init__(
        self, request: Any, client_address: Any, server: Any, *, owner: ProxyOwner
    ) -> None:
        self.owner = owner  # before super().__init__, which serves the connection
        super().__init__(request, client_address, server)

    # --- connection lifecycle ----------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        self.tunnel_host: str | None = None
        self.tunnel_port: int | None = None

    def handle(self) -> None:
        try:
            super().handle()
        except QUIET_ERRORS as exc:
            log.debug("replay: connection from %s ended: %r", self.client_address, exc)

    def finish(self) -> None:
        try:
            super().finish()
        except QUIET_ERRORS:
            pass
        if isinstance(self.connection, ssl.SSLSocket):  # the server only closes the raw socket
            try:
                self.connection.close()
            except OSError:
                pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("replay: %s " + format, self.address_string(), *args)

    # --- CONNECT: become a TLS server for the tunnelled host ---------------------------
    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        if not host:
            host, port = self.path, "443"
        host = host.strip("[]").lower()
        self.owner.log_connect(f"{host}:{port}")
        if self.owner.stopping:
            self.send_error(503, "proxy stopping")
            return
        self.send_response(200, "Connection Established")
        self.send_header("Proxy-Agent", self.server_version)
        self.end_headers()
        self.wfile.flush()
        try:
            tls = self.owner.tls_context.wrap_socket(self.connection, server_side=True)
        except QUIET_ERRORS as exc:
            log.debug("replay: TLS handshake for %s failed: %r", host, exc)
            self.close_connection = True
            return
        tls.settimeout(self.timeout)
        self.connection = self.request = tls
        self.rfile = tls.makefile("rb", self.rbufsize)  # type: ignore[assignment]
        self.wfile = _SocketWriter(tls)  # type: ignore[assignment]
        self.tunnel_host = host
        self.tunnel_port = int(port) if port.isdigit() else 443
        self.close_connection = False

    # --- ordinary requests -------------------------------------------------------------
    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _other(self) -> None:
        self.close_connection = True  # its body (if any) is not read: don't reuse the connection
        self._begin(self._full_url())
        self._answer(
            405, {"Allow": "GET, HEAD"}, _error_body(405, "Method Not Allowed"), head=False
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other

    def _full_url(self) -> str:
        target = self.path
        if self.tunnel_host is not None:
            if "://" in target:  # absolute form inside a tunnel: trust it
                return target
            host = self.tunnel_host
            if self.tunnel_port not in (None, 443):
                host = f"{host}:{self.tunnel_port}"
            return f"https://{host}{target if target.startswith('/') else '/' + target}"
        if "://" in target:
            return target
        host = self.headers.get("Host", "localhost")
        return f"http://{host}{target if target.startswith('/') else '/' + target}"

    def _begin(self, url: str) -> RequestRecord:
        record = RequestRecord(
            method=self.command,
            url=url,
            headers={k: v for k, v in self.headers.items()},
            time=time.time(),
            client=f"{self.client_address[0]}:{self.client_address[1]}",
        )
        self._number = self.owner.log_request(record)
        self._record = record
        return record

    def _serve(self, head: bool) -> None:
        url = self._full_url()
        record = self._begin(url)
        owner = self.owner
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        key = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host_dir = owner.sites_dir / host if host else None
        route = owner.route_for(host, key) if host_dir is not None else None

        if route is not None and route.delay and not owner.hold(route.delay, self._number):
            self.close_connection = True  # the proxy is stopping: no answer
            return

        headers: dict[str, str] = {}
        body: bytes | None = None
        status = 200

        if route is not None and route.redirect:
            status = route.status or 302
            headers["Location"] = route.redirect
            body = _error_body(status, f"Moved to {html.escape(route.redirect)}")
            headers["Content-Type"] = "text/html; charset=utf-8"
        else:
            file_path = None
            if route is not None and route.body is not None:
                body = route.body.encode("utf-8")
                headers["Content-Type"] = "text/html; charset=utf-8"
            else:
                if route is not None and route.body_file:
                    file_path = owner.file_for(host, route.body_file.lstrip("/"))
                elif host_dir is not None:
                    rel = path_to_rel(parts.path, parts.query)
                    file_path = owner.file_for(host, rel) if rel else None
                if file_path is not None:
                    try:
                        body = file_path.read_bytes()
                    except OSError:
                        body = None
                if body is not None and file_path is not None:
                    headers["Content-Type"] = content_type_for(file_path.name, body[:16])
                    mtime = file_path.stat().st_mtime
                    headers["Last-Modified"] = email.utils.formatdate(mtime, usegmt=True)
            if route is not None and route.status:
                status = route.status
            if body is None:
                if status == 200:
                    status = 404
                body = _error_body(status, _reason(status))
                headers["Content-Type"] = "text/html; charset=utf-8"

        if route is not None:
            headers.update(route.headers)
        if status == 200 and not head and _not_modified(self.headers, headers):
            status, body = 304, b""
        record.status = status

        if route is not None and route.drop and not head:
            self._drop(status, headers, body, route.drop)
            return
        self._answer(status, headers, body, head=head)

    def _answer(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        if getattr(self, "_record", None) is not None:
            self._record.status = status
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.wfile.flush()

    def _drop(self, status: int, headers: dict[str, str], body: bytes, drop: int | bool) -> None:
        """Announce the full body, send part of it, then cut the connection."""
        sent = max(len(body) // 2, 1) if drop is True else max(int(drop), 0)
        sent = min(sent, max(len(body) - 1, 0))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body[:sent])
            self.wfile.flush()
        except QUIET_ERRORS:
            pass
        self.close_connection = True
        _abort(self.connection)


def _abort(sock: socket.socket) -> None:
    """Close the connection at once, without a TLS close_notify, like a dying server."""
    try:
        raw = sock
        if isinstance(sock, ssl.SSLSocket):
            raw = socket.socket(fileno=sock.detach())
        raw.close()
    except OSError:
        pass


def _not_modified(request: Any, response: dict[str, str]) -> bool:
    """True when a conditional GET's validators match the answer (RFC 9110 §13.1): the
    request's If-None-Match names the ETag a route gives, or, without If-None-Match, its
    If-Modified-Since is no earlier than the file's Last-Modified."""
    sent_tags = request.get("If-None-Match")
    if sent_tags is not None:
        etag = response.get("ETag")
        tags = {t.strip().removeprefix("W/") for t in sent_tags.split(",")}
        return etag is not None and ("*" in tags or etag.removeprefix("W/") in tags)
    since, modified = request.get("If-Modified-Since"), response.get("Last-Modified")
    if not since or not modified:
        return False
    try:
        return email.utils.parsedate_to_datetime(modified) <= email.utils.parsedate_to_datetime(
            since
        )
    except (TypeError, ValueError):
        return False


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _error_body(status: int, text: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{status} {text}</title>'
        f"</head><body><h1>{status} {text}</h1><p>replay proxy</p></body></html>\n"
    ).encode()
