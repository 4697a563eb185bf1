"""A loopback HTTP(S) forward proxy that answers from recorded files.

Point ``http_proxy``/``https_proxy`` at it and Scrapy (or urllib, curl, a browser) fetches
real URLs such as ``https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html`` unchanged,
while every answer comes from ``SITES_DIR/<host>/<path>``. Nothing leaves the machine.

    with ReplayProxy(Path("tests/sites")) as proxy:
        subprocess.run(["scrapy", "crawl", "ofweek"], env=proxy.env())
        assert proxy.count("/ART-") > 0

Protocols
    Plain HTTP: absolute-URI requests (``GET http://host/path HTTP/1.1``); a request with a
    relative path uses its ``Host`` header, so the proxy can also be hit directly.
    HTTPS: ``CONNECT host:443`` is answered ``200``, the client socket is wrapped as a TLS
    server with a self-signed certificate made once per proxy (``cryptography``), and the
    requests inside the tunnel are served for that host. HTTP/1.1 keep-alive everywhere.

Mapping (see ``tests/sites/README.md`` for the full rules)
    ``http(s)://HOST[:port]/a/b.html`` -> ``SITES_DIR/HOST/a/b.html`` (host lower-cased,
    port dropped, path percent-decoded). ``/`` and paths ending in ``/`` -> ``index.html``.
    A query string is appended to the last segment after ``@``:
    ``/image?id=1`` -> ``image@id=1``; ``/list/?p=2`` -> ``list/index.html@p=2``. Characters
    a file name cannot hold on Windows (``/ \\ : * ? " < > |``) and ``%`` in the query are
    written as ``%XX``. ``_routes.yaml`` and ``README.md`` are never served, and nothing
    outside ``SITES_DIR/HOST`` is reachable.

Content-Type comes from the extension (``.html`` -> ``text/html`` without a charset, so
pages are decoded from their ``<meta>``); files without a known extension are sniffed
(PNG/JPEG/GIF/WebP) and are ``text/html`` otherwise.

Per-URL overrides and faults come from ``SITES_DIR/HOST/_routes.yaml`` (``status``,
``headers``, ``delay``, ``drop``, ``redirect``, ``body_file``, ``body``); the file is
re-read whenever it changes.

Run it by hand with ``python -m archiver.replay tests/sites --port 8899``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import email.utils
import html
import ipaddress
import logging
import os
import posixpath
import shutil
import signal
import socket
import socketserver
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

__all__ = ["ReplayProxy", "RequestRecord", "url_to_relpath", "serve"]

log = logging.getLogger(__name__)

NEVER_SERVED = frozenset({"_routes.yaml", "readme.md"})
ROUTES_FILE = "_routes.yaml"

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".pdf": "application/pdf",
    ".swf": "application/x-shockwave-flash",
    ".mp4": "video/mp4",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

# Characters that may not appear in a file name on Windows (plus the path separator and
# '%', so that the escaping is reversible).
_UNSAFE_QUERY_CHARS = '%/\\:*?"<>|'


def sniff_content_type(data: bytes) -> str | None:
    """The image type announced by ``data``'s magic bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def content_type_for(name: str, head: bytes) -> str:
    """Content-Type for a served file: by extension, else sniffed, else text/html."""
    base = name.split("@", 1)[0]
    ext = posixpath.splitext(base)[1].lower()
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    return sniff_content_type(head) or "text/html"


def escape_query(query: str) -> str:
    """A query string as it appears in a file name (``id=1`` stays ``id=1``)."""
    return "".join(f"%{ord(c):02X}" if c in _UNSAFE_QUERY_CHARS else c for c in query)


def url_to_relpath(url: str) -> str | None:
    """``SITES_DIR``-relative POSIX path that answers ``url``; None if it can't map.

    >>> url_to_relpath("https://images.ofweek.com/image?id=1")
    'images.ofweek.com/image@id=1'
    >>> url_to_relpath("https://www.ofweek.com/")
    'www.ofweek.com/index.html'
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    rel = _path_to_rel(parts.path, parts.query)
    return None if rel is None else f"{host}/{rel}"


def _path_to_rel(path: str, query: str) -> str | None:
    path = unquote(path or "/")
    if "\x00" in path or "\\" in path:
        return None
    segments = [s for s in path.split("/") if s not in ("", ".")]
    if any(s == ".." for s in segments):
        return None
    if path.endswith("/") or not segments:
        segments.append("index.html")
    if query:
        segments[-1] = f"{segments[-1]}@{escape_query(query)}"
    if segments[-1].lower() in NEVER_SERVED:
        return None
    return "/".join(segments)


@dataclass
class RequestRecord:
    """One request the proxy answered (CONNECTs are counted apart, in ``connects``)."""

    method: str
    url: str
    headers: dict[str, str]
    time: float
    status: int | None = None
    client: str = ""

    @property
    def referer(self) -> str | None:
        return self.header("Referer")

    def header(self, name: str) -> str | None:
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return None


@dataclass
class _Route:
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: int | bool = False
    redirect: str | None = None
    body_file: str | None = None
    body: str | None = None


class _RouteTable:
    """``HOST/_routes.yaml``, re-read when its mtime changes."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._routes: dict[str, _Route] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> _Route | None:
        with self._lock:
            try:
                st = self.path.stat()
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                self._stamp, self._routes = None, {}
                return None
            if stamp != self._stamp:
                self._routes = self._load()
                self._stamp = stamp
            route = self._routes.get(key)
            if route is None:
                route = self._routes.get(unquote(key))
            return route

    def _load(self) -> dict[str, _Route]:
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            log.error("replay: cannot read %s: %s", self.path, exc)
            return {}
        routes: dict[str, _Route] = {}
        if not isinstance(data, dict):
            log.error("replay: %s must be a mapping of path -> options", self.path)
            return {}
        for key, opts in data.items():
            key = str(key)
            if not key.startswith("/"):
                key = "/" + key
            opts = opts or {}
            if not isinstance(opts, dict):
                log.error("replay: %s: options of %s must be a mapping", self.path, key)
                continue
            unknown = set(opts) - {
                "status", "headers", "delay", "drop", "redirect", "body_file", "body",
                "comment",
            }
            if unknown:
                log.warning("replay: %s: unknown keys for %s: %s", self.path, key, sorted(unknown))
            drop = opts.get("drop", False)
            routes[key] = _Route(
                status=int(opts["status"]) if opts.get("status") is not None else None,
                headers={str(k): str(v) for k, v in (opts.get("headers") or {}).items()},
                delay=float(opts.get("delay") or 0),
                drop=drop if isinstance(drop, bool) else int(drop),
                redirect=opts.get("redirect"),
                body_file=opts.get("body_file"),
                body=opts.get("body"),
            )
        return routes


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


_QUIET_ERRORS = (ConnectionError, TimeoutError, ssl.SSLError, OSError)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ReplayProxy/1.0"
    sys_version = ""
    timeout = 60  # idle keep-alive connections are closed after this many seconds
    server: _ProxyServer

    # --- connection lifecycle ----------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        self.tunnel_host: str | None = None
        self.tunnel_port: int | None = None

    def handle(self) -> None:
        try:
            super().handle()
        except _QUIET_ERRORS as exc:
            log.debug("replay: connection from %s ended: %r", self.client_address, exc)

    def finish(self) -> None:
        try:
            super().finish()
        except _QUIET_ERRORS:
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
        self.server.owner._note_connect(f"{host}:{port}")
        if self.server.owner._stopping.is_set():
            self.send_error(503, "proxy stopping")
            return
        self.send_response(200, "Connection Established")
        self.send_header("Proxy-Agent", self.server_version)
        self.end_headers()
        self.wfile.flush()
        try:
            tls = self.server.owner._ssl_context.wrap_socket(self.connection, server_side=True)
        except _QUIET_ERRORS as exc:
            log.debug("replay: TLS handshake for %s failed: %r", host, exc)
            self.close_connection = True
            return
        tls.settimeout(self.timeout)
        self.connection = self.request = tls
        self.rfile = tls.makefile("rb", self.rbufsize)
        self.wfile = _SocketWriter(tls)
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
        self._answer(405, {"Allow": "GET, HEAD"}, _error_body(405, "Method Not Allowed"),
                     head=False)

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
        self.server.owner._record(record)
        self._record = record
        return record

    def _serve(self, head: bool) -> None:
        url = self._full_url()
        record = self._begin(url)
        owner = self.server.owner
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        key = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host_dir = owner.sites_dir / host if host else None
        route = owner._route(host, key) if host_dir is not None else None

        if route is not None and route.delay:
            if owner._stopping.wait(route.delay):
                self.close_connection = True
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
                    file_path = owner._resolve(host, route.body_file.lstrip("/"))
                elif host_dir is not None:
                    rel = _path_to_rel(parts.path, parts.query)
                    file_path = owner._resolve(host, rel) if rel else None
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
        except _QUIET_ERRORS:
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


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _error_body(status: int, text: str) -> bytes:
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{status} {text}</title>"
        f"</head><body><h1>{status} {text}</h1><p>replay proxy</p></body></html>\n"
    ).encode()


class _ProxyServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: ReplayProxy):
        self.owner = owner
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, _QUIET_ERRORS):
            log.debug("replay: %s: %r", client_address, exc)
        else:
            log.exception("replay: error while serving %s", client_address)


def _make_certificate(directory: Path, hosts: list[str]) -> tuple[Path, Path]:
    """Self-signed EC certificate (and key) for ``hosts``; returns their file paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "techmedia-archiver replay proxy"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "techmedia-archiver tests"),
    ])
    sans: list[x509.GeneralName] = [x509.DNSName("localhost"),
                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    seen = {"localhost"}
    for host in hosts:
        for candidate in (host, "*." + host.split(".", 1)[-1] if host.count(".") >= 2 else None):
            if candidate and candidate not in seen:
                try:
                    candidate.encode("idna")
                except UnicodeError:
                    continue
                seen.add(candidate)
                sans.append(x509.DNSName(candidate))
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now + _dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "replay-cert.pem"
    key_path = directory / "replay-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    return cert_path, key_path


class ReplayProxy:
    """Forward proxy on loopback serving ``sites_dir/<host>/<path>``; see module doc."""

    def __init__(self, sites_dir: Path | str, host: str = "127.0.0.1", port: int = 0):
        self.sites_dir = Path(sites_dir).resolve()
        if not self.sites_dir.is_dir():
            raise FileNotFoundError(f"replay: no such sites directory: {self.sites_dir}")
        self.host = host
        self.port = port
        self.requests: list[RequestRecord] = []
        self.connects: list[str] = []
        self._log_lock = threading.Lock()
        self._routes: dict[str, _RouteTable] = {}
        self._routes_lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _ProxyServer | None = None
        self._thread: threading.Thread | None = None
        self._tmpdir: Path | None = None
        self._ssl_context: ssl.SSLContext | None = None

    # --- lifecycle ---------------------------------------------------------------------
    def start(self) -> ReplayProxy:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._tmpdir = Path(tempfile.mkdtemp(prefix="replay-proxy-"))
        hosts = sorted(p.name for p in self.sites_dir.iterdir() if p.is_dir())
        cert, key = _make_certificate(self._tmpdir, hosts)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self._ssl_context = ctx
        self._server = _ProxyServer((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"replay-proxy-{self.port}", daemon=True,
        )
        self._thread.start()
        log.info("replay: serving %s on %s", self.sites_dir, self.url)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping on a `delay`
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self) -> ReplayProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("replay proxy is not running; call start() first")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def ca_cert_pem(self) -> bytes:
        """The self-signed certificate (PEM), for clients that want to pin it."""
        if self._tmpdir is None:
            raise RuntimeError("replay proxy is not running")
        return (self._tmpdir / "replay-cert.pem").read_bytes()

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """A copy of ``base`` (default ``os.environ``) that routes HTTP(S) through us."""
        env = dict(os.environ if base is None else base)
        for name in ("no_proxy", "NO_PROXY"):
            env.pop(name, None)
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env[name] = self.url
        return env

    # --- request log -------------------------------------------------------------------
    def _record(self, record: RequestRecord) -> None:
        with self._log_lock:
            self.requests.append(record)

    def _note_connect(self, target: str) -> None:
        with self._log_lock:
            self.connects.append(target)

    def reset(self) -> None:
        """Forget the request log."""
        with self._log_lock:
            self.requests.clear()
            self.connects.clear()

    def snapshot(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self.requests)

    def count(self, match: str | Callable[[RequestRecord], bool] | None = None) -> int:
        """Requests whose URL contains ``match`` (or for which ``match(record)`` is true)."""
        return len(list(self.matching(match)))

    def matching(
        self, match: str | Callable[[RequestRecord], bool] | None = None
    ) -> Iterator[RequestRecord]:
        for record in self.snapshot():
            if match is None:
                yield record
            elif callable(match):
                if match(record):
                    yield record
            elif match in record.url:
                yield record

    def urls(self) -> list[str]:
        return [r.url for r in self.snapshot()]

    # --- files and routes --------------------------------------------------------------
    def _resolve(self, host: str, rel: str) -> Path | None:
        if not host or host.startswith(".") or "/" in host or "\\" in host:
            return None
        host_dir = self.sites_dir / host
        if not host_dir.is_dir():
            return None
        candidate = (host_dir / rel).resolve()
        try:
            candidate.relative_to(host_dir.resolve())
        except ValueError:
            return None
        if candidate.name.lower() in NEVER_SERVED or not candidate.is_file():
            return None
        return candidate

    def _route(self, host: str, key: str) -> _Route | None:
        if not host or "/" in host or host.startswith("."):
            return None
        with self._routes_lock:
            table = self._routes.get(host)
            if table is None:
                table = self._routes[host] = _RouteTable(self.sites_dir / host / ROUTES_FILE)
        return table.get(key)


def serve(sites_dir: Path, host: str = "127.0.0.1", port: int = 8899) -> None:
    """Serve until interrupted (the ``python -m archiver.replay`` entry point)."""
    with ReplayProxy(sites_dir, host=host, port=port) as proxy:
        print(f"Replay proxy for {proxy.sites_dir} on {proxy.url}", flush=True)
        print(f"  export http_proxy={proxy.url} https_proxy={proxy.url}", flush=True)
        print("Ctrl-C to stop.", flush=True)

        def _interrupt(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt

        try:
            signal.signal(signal.SIGTERM, _interrupt)
        except ValueError:  # not in the main thread
            pass
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        print(f"\n{len(proxy.requests)} requests served.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m archiver.replay",
        description="Loopback HTTP(S) forward proxy answering from SITES_DIR/<host>/<path>.",
    )
    parser.add_argument("sites_dir", type=Path, help="folder with one subfolder per host")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=8899,
                        help="port (0 = any; default %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.sites_dir.is_dir():
        print(f"error: {args.sites_dir} is not a directory", file=sys.stderr)
        return 2
    try:
        serve(args.sites_dir, host=args.host, port=args.port)
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

