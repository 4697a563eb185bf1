"""WARC records to bytes and back, with warcio; a file read record by record up to any damage.

Writing: ``exchange_records`` builds the response (or revisit) and request records of one
HTTP exchange, ``encode`` turns a record into one gzip member. Reading: ``read_record`` reads
one record at an index's offset, ``scan`` every record of a file, stopping at the first torn
or corrupt one with ``Damaged`` (its offset), so that whatever precedes it is still used.
warcio alone would read a cut file without complaint (``warcio check`` exits 0 on one):
here every gzip member must end, and every record must hold as many bytes as it declares.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_VERSION = "1.1"
# Compression is most of what capture costs a crawl. On the bench site's pages level 3 takes
# 0.30 ms a page for a ratio of 0.335; warcio's own writer uses 9 (0.69 ms, 0.317), zlib's
# default 6 (0.48-0.59 ms, 0.317). The WARC files are 5% of the archive: speed wins.
GZIP_LEVEL = 3
READ_CHUNK = 1 << 20
# Hop-by-hop or transport headers that do not describe the stored bytes: Scrapy's HTTP client
# removes the chunked framing, so the body is stored de-chunked and the header would lie.
NOT_STORED_RESPONSE_HEADERS = {"transfer-encoding"}
NOT_STORED_REQUEST_HEADERS = {"proxy-authorization"}  # a secret of the proxy's, not the site's


class Damaged(Exception):
    """A WARC file is torn or corrupt from ``offset`` on; every record before it is whole."""

    def __init__(self, path: Path | str, offset: int, reason: str) -> None:
        super().__init__(f"{path}: damaged at byte {offset}: {reason}")
        self.path, self.offset, self.reason = str(path), offset, reason


@dataclass
class StoredRecord:
    """One WARC record as read back: its WARC fields, and for HTTP records status and headers."""

    type: str
    url: str
    date: str
    offset: int
    length: int
    status: int = 0
    headers: list[tuple[str, str]] = field(default_factory=list)
    payload: bytes = b""  # as stored: Content-Encoding kept, chunked framing (if any) kept
    payload_digest: str = ""
    refers_to_url: str = ""
    refers_to_date: str = ""
    truncated: str = ""  # WARC-Truncated: the capture ended early (length, time, disconnect)
    content_type: str = ""  # of the record (application/http; msgtype=response, ...)
    digest_problems: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        """The first HTTP header of that name (case-insensitive), or ''."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), "")

    @property
    def mime(self) -> str:
        """The media type of an HTTP response's body (``text/html``), lower-cased, or ''."""
        return self.header("Content-Type").split(";", 1)[0].strip().lower()

    @property
    def is_http_response(self) -> bool:
        return self.type in ("response", "revisit") and self.status > 0

    def body(self) -> bytes:
        """The payload without transfer framing: what Scrapy's client would hand on."""
        if self.header("Transfer-Encoding").lower() != "chunked":
            return self.payload
        return ChunkedDataReader(BytesIO(self.payload), decomp_type=None).read()

    def complete(self) -> bool:
        """False when the HTTP body is shorter than its Content-Length says (a cut download)."""
        declared = self.header("Content-Length")
        if self.truncated or self.type != "response":
            return not self.truncated
        if not declared.isdigit() or self.header("Transfer-Encoding"):
            return True
        return len(self.payload) >= int(declared)


def _writer(out: BinaryIO) -> WARCWriter:
    return WARCWriter(out, gzip=False, warc_version=WARC_VERSION)


_BUILDER = _writer(BytesIO())


def encode(record: ArcWarcRecord) -> bytes:
    """The record as one gzip member (digests and Content-Length computed by warcio)."""
    out = BytesIO()
    _writer(out).write_record(record)
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(out.getvalue()) + packer.flush()


def http_response_headers(
    status: int, headers: list[tuple[str, str]], protocol: str = "HTTP/1.1"
) -> StatusAndHeaders:
    """The status line and headers of a response as they were received."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    kept = [(k, v) for k, v in headers if k.lower() not in NOT_STORED_RESPONSE_HEADERS]
    return StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol=protocol)


def exchange_records(
    url: str,
    request_line: str,
    request_headers: list[tuple[str, str]],
    request_body: bytes,
    response: StatusAndHeaders,
    body: bytes,
    *,
    date: str = "",
    ip_address: str = "",
    truncated: str = "",
    revisit_of: tuple[str, str, str] | None = None,
) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    """The response record (a revisit when ``revisit_of`` = (digest, url, date)) and its request.

    Both carry the same WARC-Date; the request names the response in WARC-Concurrent-To.
    """
    extra = {"WARC-Date": date} if date else {}
    if ip_address:
        extra["WARC-IP-Address"] = ip_address
    if truncated:
        extra["WARC-Truncated"] = truncated
    if revisit_of is not None:
        digest, refers_url, refers_date = revisit_of
        resp = _BUILDER.create_revisit_record(
            url, digest, refers_url, refers_date, http_headers=response, warc_headers_dict=extra
        )
    else:
        resp = response_record(url, response, body, extra)
    kept = [(k, v) for k, v in request_headers if k.lower() not in NOT_STORED_REQUEST_HEADERS]
    req = _BUILDER.create_warc_record(
        url,
        "request",
        payload=BytesIO(request_body),
        length=len(request_body),
        http_headers=StatusAndHeaders(request_line, kept, is_http_request=True),
        warc_headers_dict={"WARC-Date": resp.rec_headers.get_header("WARC-Date")},
    )
    req.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
    return resp, req


def response_record(
    url: str, response: StatusAndHeaders, body: bytes, warc_headers: dict[str, str] | None = None
) -> ArcWarcRecord:
    """A response record of these HTTP headers and body (WARC-Date etc. in ``warc_headers``)."""
    return _BUILDER.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=response,
        warc_headers_dict=dict(warc_headers or {}),
    )


def warcinfo_record(filename: str, info: dict[str, str]) -> ArcWarcRecord:
    """The warcinfo record that opens a file: software, format, who crawled."""
    return _BUILDER.create_warcinfo_record(filename, info)


def record_date(record: ArcWarcRecord) -> str:
    return str(record.rec_headers.get_header("WARC-Date") or "")


def read_record(path: Path, offset: int, length: int, *, gz: bool | None = None) -> StoredRecord:
    """The one record at ``offset`` (``length`` bytes, one gzip member in a .warc.gz)."""
    with path.open("rb") as f:
        f.seek(offset)
        data = f.read(length)
    if gz if gz is not None else path.name.endswith(".gz"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(data)
        except zlib.error as exc:
            raise Damaged(path, offset, f"not a gzip member ({exc})") from None
        if not inflater.eof:
            raise Damaged(path, offset, "gzip member cut short")
    for record in _parse(BytesIO(data), path, offset, check_digests=False):
        record.offset, record.length = offset, length
        return record
    raise Damaged(path, offset, "no WARC record there")


def scan(path: Path, *, check_digests: bool = False) -> Iterator[StoredRecord]:
    """Every record of a WARC file, in order; ``Damaged`` at the first one that is not whole.

    In a .warc.gz each gzip member is read to its end first (a record's offset and length are
    its member's), so a member cut short or bytes that are not gzip are found where they start.
    """
    with path.open("rb") as f:
        magic = f.read(2)
        f.seek(0)
        if magic != b"\x1f\x8b":
            yield from _parse(f, path, 0, check_digests=check_digests, whole_file=True)
            return
        for start, length, data in _gzip_members(f, path):
            for record in _parse(BytesIO(data), path, start, check_digests=check_digests):
                record.offset, record.length = start, length
                yield record


def _gzip_members(f: BinaryIO, path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(offset, length, inflated bytes) of each gzip member; Damaged where one breaks off."""
    pending, position = b"", 0
    while True:
        if not pending:
            pending = f.read(READ_CHUNK)
            if not pending:
                return
        inflater, start, parts = zlib.decompressobj(16 + zlib.MAX_WBITS), position, []
        while not inflater.eof:
            if not pending:
                pending = f.read(READ_CHUNK)
                if not pending:
                    raise Damaged(path, start, "last gzip member cut short (a killed write?)")
            try:
                parts.append(inflater.decompress(pending))
            except zlib.error as exc:
                raise Damaged(path, start, f"not gzip data ({exc})") from None
            position += len(pending) - len(inflater.unused_data)
            pending = inflater.unused_data
        yield start, position - start, b"".join(parts)


def _parse(
    stream: BinaryIO, path: Path, base: int, *, check_digests: bool, whole_file: bool = False
) -> Iterator[StoredRecord]:
    """The records of plain WARC bytes, to their very end; Damaged for one cut or unparsable.

    In a whole plain file a record's offset and length are its own; in a gzip member (``base``
    is the member's offset) they are the member's, set by the caller.
    """
    iterator = ArchiveIterator(stream, check_digests=check_digests)
    start = 0
    try:
        for record in iterator:
            start = iterator.offset
            stored = _stored(record, path, base + start)
            if whole_file:
                stored.offset, stored.length = base + start, iterator.get_record_length()
            yield stored
        start = iterator.offset
    except Damaged:
        raise
    except Exception as exc:  # warcio raises many kinds on garbage (ArchiveLoadFailed, ...)
        raise Damaged(
            path, base + (start if whole_file else 0), f"unreadable record ({type(exc).__name__})"
        ) from None
    stream.seek(0, 2)
    if stream.tell() > start:  # warcio stops quietly at a record whose headers are cut
        raise Damaged(path, base + (start if whole_file else 0), "last record cut short")


def _stored(record: Any, path: Path, offset: int) -> StoredRecord:
    if record.format != "warc":
        raise Damaged(path, offset, f"not a WARC record ({record.format})")
    payload = record.raw_stream.read()
    missing = getattr(record.raw_stream, "limit", 0)
    if record.length is None or missing:
        raise Damaged(path, offset, f"record cut short ({missing} of its bytes missing)")
    headers = record.rec_headers
    http = record.http_headers
    status = 0
    if http is not None and record.rec_type in ("response", "revisit"):
        try:
            status = int(http.get_statuscode() or 0)
        except ValueError:
            status = 0
    checker = record.digest_checker
    return StoredRecord(
        type=record.rec_type,
        url=str(headers.get_header("WARC-Target-URI") or ""),
        date=str(headers.get_header("WARC-Date") or ""),
        offset=offset,
        length=0,
        status=status,
        headers=list(http.headers) if http is not None else [],
        payload=payload,
        payload_digest=str(headers.get_header("WARC-Payload-Digest") or ""),
        refers_to_url=str(headers.get_header("WARC-Refers-To-Target-URI") or ""),
        refers_to_date=str(headers.get_header("WARC-Refers-To-Date") or ""),
        truncated=str(headers.get_header("WARC-Truncated") or ""),
        content_type=str(headers.get_header("Content-Type") or ""),
        digest_problems=list(checker.problems) if checker is not None else [],
    )
