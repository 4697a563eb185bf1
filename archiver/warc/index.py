"""The CDXJ index of each WARC file, and the lookup of an archive's captures built on them.

Each closed WARC file ``<name>.warc.gz`` has ``<name>.cdxj`` beside it, sorted, in the format
pywb and cdxj-indexer write (``<SURT> <14-digit time> {"url", "mime", "status", "digest",
"length", "offset", "filename"}``), so one record is found by URL without reading the files
through. A file a killed crawl left open has none: ``recover`` indexes its whole records
(cutting a torn last one when asked to repair), under the archive's run lock.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import surt
from warcio.timeutils import iso_date_to_timestamp

from archiver.storage import atomic_write
from archiver.warc import iter_warc_files
from archiver.warc.records import Damaged, StoredRecord, read_record, scan

logger = logging.getLogger(__name__)

INDEXED_TYPES = ("response", "revisit")


def index_path(warc: Path) -> Path:
    """``x.warc.gz`` -> ``x.cdxj``, beside it."""
    name = warc.name
    for suffix in (".warc.gz", ".warc"):
        name = name.removesuffix(suffix)
    return warc.with_name(name + ".cdxj")


def url_key(url: str) -> str:
    """The SURT form of a URL (``com,ofweek,ee)/2024-03/art-...html``), as CDXJ sorts by."""
    try:
        return str(surt.surt(url))
    except Exception:  # surt raises on some malformed URLs; the URL itself still sorts
        return url


def cdxj_line(
    url: str,
    date: str,
    *,
    status: int,
    mime: str,
    digest: str,
    length: int,
    offset: int,
    filename: str,
    revisit: bool = False,
) -> str:
    """One CDXJ line, field for field as cdxj-indexer writes it."""
    fields = {
        "url": url,
        "mime": "warc/revisit" if revisit else (mime or "unk"),
        "status": str(status),
        "digest": digest,
        "length": str(length),
        "offset": str(offset),
        "filename": filename,
    }
    return f"{url_key(url)} {iso_date_to_timestamp(date)} {json.dumps(fields)}"


def record_line(record: StoredRecord, filename: str) -> str:
    return cdxj_line(
        record.url,
        record.date,
        status=record.status,
        mime=record.mime,
        digest=record.payload_digest,
        length=record.length,
        offset=record.offset,
        filename=filename,
        revisit=record.type == "revisit",
    )


def write_index(warc: Path, lines: Iterable[str], *, durable: bool = True) -> Path:
    """Write the sorted index of ``warc`` atomically; return its path."""
    path = index_path(warc)
    text = "".join(line + "\n" for line in sorted(lines))
    atomic_write(path, text.encode("utf-8"), durable=durable)
    return path


@dataclass
class Recovery:
    """What ``recover`` found in one WARC file."""

    path: Path
    records: int
    damaged: Damaged | None = None
    cut: int = 0  # bytes cut off the end (repair)
    whole_after: bool = False  # damage in the middle: whole records follow it, nothing is cut
    indexed: bool = False  # an index was written


def scan_index(warc: Path) -> tuple[list[str], int, Damaged | None]:
    """The index lines of a file's whole records, their count, and the damage after them."""
    lines, count, damage = [], 0, None
    try:
        for record in scan(warc):
            count += 1
            if record.type in INDEXED_TYPES:
                lines.append(record_line(record, warc.name))
    except Damaged as exc:
        damage = exc
    return lines, count, damage


def recover(warc: Path, *, repair: bool) -> Recovery:
    """Index a WARC file that has no index (a killed run's); ``repair`` cuts a torn tail.

    Only a tail is cut: damage with whole records after it (a bad sector, not a killed
    write) is left for a person to look at, and the records before it are indexed.
    """
    lines, count, damage = scan_index(warc)
    result = Recovery(warc, count, damage)
    if damage is not None:
        result.whole_after = records_after(warc, damage.offset)
    if damage is not None and repair and not result.whole_after:
        result.cut = warc.stat().st_size - damage.offset
        os.truncate(warc, damage.offset)
        logger.warning(
            "Cut the torn end of %s: %d bytes after its %d whole records", warc, result.cut, count
        )
    if damage is None or (repair and not (result.whole_after and index_path(warc).is_file())):
        write_index(warc, lines)
        result.indexed = True
    return result


def records_after(warc: Path, offset: int) -> bool:
    """True when a whole record starts somewhere after ``offset`` (a gzip member or WARC line)."""
    with warc.open("rb") as f:
        f.seek(offset + 1)
        data = f.read()
    gz = warc.name.endswith(".gz")
    marker = b"\x1f\x8b\x08" if gz else b"WARC/1."
    start = data.find(marker)
    while start != -1:
        try:
            read_record(warc, offset + 1 + start, len(data) - start)
            return True
        except Damaged:
            start = data.find(marker, start + 1)
    return False


def unindexed(root: Path) -> list[Path]:
    """WARC files under ``root`` without an index, or with one older than the file."""
    found = []
    for warc in iter_warc_files(root):
        index = index_path(warc)
        if not index.is_file() or index.stat().st_mtime < warc.stat().st_mtime:
            found.append(warc)
    return found


@dataclass(frozen=True)
class Capture:
    """One indexed response (or revisit) record."""

    url: str
    timestamp: str
    status: int
    mime: str
    digest: str
    path: Path
    offset: int
    length: int

    @property
    def revisit(self) -> bool:
        return self.mime == "warc/revisit"

    def read(self) -> StoredRecord:
        return read_record(self.path, self.offset, self.length)


class CaptureIndex:
    """Every capture of some WARC files by URL: the lookup behind replay, re-extraction, export."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Capture]] = {}
        self.files: list[Path] = []

    @classmethod
    def of_files(cls, warcs: Iterable[Path]) -> CaptureIndex:
        """The index of these WARC files: their CDXJ files, or a scan of those without one."""
        index = cls()
        for warc in warcs:
            cdxj = index_path(warc)
            if cdxj.is_file() and cdxj.stat().st_mtime >= warc.stat().st_mtime:
                lines = cdxj.read_text(encoding="utf-8").splitlines()
            else:
                lines = scan_index(warc)[0]
            index.add_lines(lines, warc.parent)
            index.files.append(warc)
        return index

    def add_lines(self, lines: Iterable[str], folder: Path) -> None:
        """Add CDXJ lines whose ``filename`` is relative to ``folder`` (or absolute)."""
        touched = set()
        for line in lines:
            parts = line.split(" ", 2)
            if len(parts) != 3:
                continue
            key, timestamp, data = parts
            try:
                fields = json.loads(data)
                capture = Capture(
                    url=fields["url"],
                    timestamp=timestamp,
                    status=int(fields.get("status") or 0),
                    mime=fields.get("mime", ""),
                    digest=fields.get("digest", ""),
                    path=folder / fields["filename"],
                    offset=int(fields["offset"]),
                    length=int(fields["length"]),
                )
            except (ValueError, KeyError, TypeError):
                logger.warning("Skipping an unreadable index line in %s: %.80s", folder, line)
                continue
            self.by_key.setdefault(key, []).append(capture)
            touched.add(key)
        for key in touched:
            self.by_key[key].sort(key=lambda c: c.timestamp)

    def __len__(self) -> int:
        return sum(len(c) for c in self.by_key.values())

    def captures(self, url: str) -> list[Capture]:
        """Captures of ``url`` (same SURT), oldest first; those of the exact URL if any."""
        found = self.by_key.get(url_key(url), [])
        exact = [c for c in found if c.url == url]
        return exact or found

    def best(self, url: str) -> Capture | None:
        """What a replay of ``url`` serves: its latest 2xx capture, else latest 3xx, else latest."""
        found = self.captures(url)
        for wanted in (range(200, 300), range(300, 400)):
            hits = [c for c in found if c.status in wanted]
            if hits:
                return hits[-1]
        return found[-1] if found else None

    def original(self, capture: Capture) -> Capture | None:
        """The response record a revisit stands for: same URL, same payload digest, earlier."""
        if not capture.revisit:
            return capture
        for other in reversed(self.captures(capture.url)):
            if not other.revisit and other.digest == capture.digest:
                return other
        return None

    def all(self) -> Iterable[Capture]:
        for captures in self.by_key.values():
            yield from captures
