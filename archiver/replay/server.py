"""The proxy server and the ReplayProxy API of tests and the demo."""

from __future__ import annotations

import argparse
import functools
import logging
import os
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
from pathlib import Path
from typing import Any

from archiver.replay.handler import QUIET_ERRORS, Handler, ProxyOwner
from archiver.replay.mapping import NEVER_SERVED, ROUTES_FILE
from archiver.replay.routes import RequestRecord, Route, RouteTable
from archiver.replay.tls import make_certificate

log = logging.getLogger(__name__)


class ProxyServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """A threaded TCP server whose handlers answer for ``owner``."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: ProxyOwner):
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, functools.partial(Handler, owner=owner))

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, QUIET_ERRORS):
            log.debug("replay: %s: %r", client_address, exc)
        else:
            log.exception("replay: error while serving %s", client_address)


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
        self._routes: dict[str, RouteTable] = {}
        self._routes_lock = threading.Lock()
        self._delays = threading.Condition()  # wakes handlers held by a `delay` route
        self._stopping = False
        self._arrived = 0  # requests logged since the start (reset() does not change it)
        self._released = 0  # requests with a number below this are held no longer
        self._server: ProxyServer | None = None
        self._thread: threading.Thread | None = None
        self._tmpdir: Path | None = None
        self._ssl_context: ssl.SSLContext | None = None

    # --- lifecycle ---------------------------------------------------------------------
    def start(self) -> ReplayProxy:
        if self._server is not None:
            return self
        self._stopping = False
        self._tmpdir = Path(tempfile.mkdtemp(prefix="replay-proxy-"))
        hosts = sorted(p.name for p in self.sites_dir.iterdir() if p.is_dir())
        cert, key = make_certificate(self._tmpdir, hosts)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self._ssl_context = ctx
        self._server = ProxyServer((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"replay-proxy-{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("replay: serving %s on %s", self.sites_dir, self.url)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        with self._delays:  # wakes handlers held by a `delay`: they close without answering
            self._stopping = True
            self._delays.notify_all()
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

    def release(self) -> None:
        """Answer now every request a route's ``delay`` holds (later ones are held as usual).

        A test holds a response with a long ``delay``, acts while the client waits (kills
        it, starts another crawl), then lets it go: synchronised on events, not on time.
        """
        with self._delays:
            self._released = self._arrived
            self._delays.notify_all()

    # --- what the handlers ask (handler.ProxyOwner) --------------------------------------
    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def tls_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            raise RuntimeError("replay proxy is not running")
        return self._ssl_context

    def hold(self, seconds: float, number: int) -> bool:
        """Wait out the delay of request ``number``; False when the proxy stops meanwhile
        (no answer then). ``release()`` ends it early."""
        with self._delays:
            self._delays.wait_for(
                lambda: self._stopping or number < self._released, timeout=seconds
            )
            return not self._stopping

    def log_request(self, record: RequestRecord) -> int:
        """Log a request as it arrives; its number, for ``hold``."""
        with self._delays, self._log_lock:  # one step: a request seen in the log is counted
            self.requests.append(record)
            self._arrived += 1
            return self._arrived - 1

    def log_connect(self, target: str) -> None:
        with self._log_lock:
            self.connects.append(target)

    # --- request log -------------------------------------------------------------------

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
    def file_for(self, host: str, rel: str) -> Path | None:
        """The file of ``host``'s folder at ``rel``, if it may be served."""
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

    def route_for(self, host: str, key: str) -> Route | None:
        """``host``'s ``_routes.yaml`` entry for a request path (with its query), if any."""
        if not host or "/" in host or host.startswith("."):
            return None
        with self._routes_lock:
            table = self._routes.get(host)
            if table is None:
                table = self._routes[host] = RouteTable(self.sites_dir / host / ROUTES_FILE)
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
    parser.add_argument(
        "--port", type=int, default=8899, help="port (0 = any; default %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
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
