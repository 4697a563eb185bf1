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
re-read whenever it changes. ``proxy.release()`` answers the requests a ``delay`` holds now, so
a test can hold a response until an event, not for a time.

Modules: ``mapping`` (URL -> file, Content-Type), ``routes`` (``_routes.yaml``, the request
record), ``handler`` (one connection; what it needs from its proxy is the ``ProxyOwner``
protocol), ``server`` (``ReplayProxy``, which is that owner). Imports go one way:
server -> handler -> routes, mapping.

Run it by hand with ``python -m archiver.replay tests/sites --port 8899``.
"""

from __future__ import annotations

from archiver.replay.mapping import url_to_relpath
from archiver.replay.routes import RequestRecord
from archiver.replay.server import ReplayProxy, serve

__all__ = ["ReplayProxy", "RequestRecord", "url_to_relpath", "serve"]
