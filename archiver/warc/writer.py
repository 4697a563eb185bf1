"""The WARC files one crawl writes: one open file per site, one gzip member per record.

Each exchange (response or revisit record, then its request record) reaches the file in one
``write`` on an unbuffered file, so the bytes are with the OS when ``write`` returns: a
killed process leaves whole records only, and the archive state's syncfs before each commit
(``SqliteState``) takes them to the disk before any article they hold is recorded. Where
the state does not flush this folder (distributed mode) each write is fsynced instead.
A file is closed past ``max_size`` bytes and at the end of the crawl; its CDXJ index is
written then. Not thread-safe: the capture middleware calls it from one writer thread.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from archiver.paths import MAX_SITE_BYTES, safe_segment
from archiver.warc import iter_warc_files
from archiver.warc.index import CaptureIndex, cdxj_line, write_index
from archiver.warc.records import (
    encode,
    exchange_records,
    http_response_headers,
    record_date,
    warcinfo_record,
)

logger = logging.getLogger(__name__)


def payload_digest(body: bytes) -> str:
    """``sha1:<base32>``, the WARC-Payload-Digest warcio writes for these bytes."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass
class Exchange:
    """One HTTP exchange as Scrapy made it, ready to be written (built on the reactor thread)."""

    site: str
    url: str
    request_line: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    protocol: str = "HTTP/1.1"
    ip_address: str = ""
    truncated: str = ""
    date: str = ""  # the original WARC-Date of a response replayed from another WARC file

    @property
    def mime(self) -> str:
        for key, value in self.response_headers:
            if key.lower() == "content-type":
                return value.split(";", 1)[0].strip().lower()
        return ""


@dataclass
class _OpenFile:
    path: Path
    fd: int
    size: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class Written:
    """What one ``write`` stored."""

    path: Path
    bytes: int
    revisit: bool


class WarcFiles:
    """The crawl's WARC files, ``root/<site>/<YYYY-MM>/``; revisits for unchanged pages."""

    def __init__(
        self, root: Path, max_size: int, info: dict[str, str], *, durable: bool = False
    ) -> None:
        self.root = root
        self.max_size = max_size
        self.info = info
        self.durable = durable
        self.stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        self.host = socket.gethostname().split(".")[0] or "host"
        self.serial = 0
        self.open_files: dict[str, _OpenFile] = {}
        self.last: dict[str, dict[str, tuple[str, str, str]]] = {}  # site -> URL -> digest, ...
        self.closed: list[Path] = []

    def write(self, exchange: Exchange) -> Written:
        """Append the exchange to its site's file; a 200 whose payload is unchanged is a revisit."""
        seen = self._seen(exchange.site)
        digest = payload_digest(exchange.body)
        before = seen.get(exchange.url)
        revisit = before if exchange.status == 200 and before and before[0] == digest else None
        response, request = exchange_records(
            exchange.url,
            exchange.request_line,
            exchange.request_headers,
            exchange.request_body,
            http_response_headers(exchange.status, exchange.response_headers, exchange.protocol),
            exchange.body,
            date=exchange.date,
            ip_address=exchange.ip_address,
            truncated=exchange.truncated,
            revisit_of=revisit,
        )
        first, second = encode(response), encode(request)
        current = self._file_for(exchange.site)
        offset = current.size
        _write_all(current.fd, first + second)
        if self.durable:
            os.fsync(current.fd)
        current.size += len(first) + len(second)
        date = record_date(response)
        current.lines.append(
            cdxj_line(
                exchange.url,
                date,
                status=exchange.status,
                mime=exchange.mime,
                digest=digest,
                length=len(first),
                offset=offset,
                filename=current.path.name,
                revisit=revisit is not None,
            )
        )
        if exchange.status == 200 and revisit is None:
            seen[exchange.url] = (digest, exchange.url, date)
        if current.size >= self.max_size:
            self._close(exchange.site)
        return Written(current.path, len(first) + len(second), revisit is not None)

    def close(self) -> list[Path]:
        """Close every open file and write its index; the files this crawl wrote."""
        for site in list(self.open_files):
            self._close(site)
        return self.closed

    def folder_of(self, site: str) -> Path:
        """The folder of a site's WARC files: its key as a path segment any OS accepts."""
        return self.root / safe_segment(site, MAX_SITE_BYTES)

    def _seen(self, site: str) -> dict[str, tuple[str, str, str]]:
        """The latest 200 response of each URL already captured for ``site`` (for revisits)."""
        if site not in self.last:
            index = CaptureIndex.of_files(iter_warc_files(self.folder_of(site)))
            seen: dict[str, tuple[str, str, str]] = {}
            for capture in index.all():
                if capture.status == 200 and not capture.revisit:
                    seen[capture.url] = (capture.digest, capture.url, _iso(capture.timestamp))
            self.last[site] = seen
        return self.last[site]

    def _file_for(self, site: str) -> _OpenFile:
        current = self.open_files.get(site)
        if current is not None:
            return current
        folder = self.folder_of(site) / time.strftime("%Y-%m", time.gmtime())
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.stamp}-{self.host}-{os.getpid()}-{self.serial:05d}.warc.gz"
        self.serial += 1
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o666)
        current = _OpenFile(path, fd)
        info = encode(warcinfo_record(name, {**self.info, "isPartOf": site}))
        _write_all(fd, info)
        current.size = len(info)
        self.open_files[site] = current
        logger.info("Writing the web archive of %s to %s", site, path)
        return current

    def _close(self, site: str) -> None:
        current = self.open_files.pop(site)
        if self.durable:
            os.fsync(current.fd)
        os.close(current.fd)
        write_index(current.path, current.lines, durable=self.durable)
        self.closed.append(current.path)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _iso(timestamp: str) -> str:
    """14-digit CDXJ time -> the ISO form WARC-Refers-To-Date wants."""
    t = timestamp.ljust(14, "0")
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
