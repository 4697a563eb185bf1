"""XML sitemaps: page URLs or child sitemaps, with ``lastmod``. Pure functions over bytes.

Handles ``urlset`` and ``sitemapindex`` documents, gzip-compressed ones (``.xml.gz``, detected
by their magic bytes, whatever the server's Content-Type says), Google News'
``news:publication_date`` when ``lastmod`` is missing, and ``Sitemap:`` lines of robots.txt.
The XML parser resolves no entities and fetches nothing; decompression is capped, so a
gzip bomb costs at most ``MAX_SITEMAP_BYTES``.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract.dates import parse_datetime, parse_tz
from archiver.extract.tree import absolute_url

# The sitemap protocol allows 50 MB uncompressed; a little more is tolerated.
MAX_SITEMAP_BYTES = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
)


class SitemapError(ValueError):
    """Bytes that are not a readable sitemap (bad gzip, too large, not XML)."""


@dataclass(frozen=True)
class SitemapEntry:
    """A ``<url>`` or ``<sitemap>`` of a sitemap: its location and when it last changed."""

    url: str
    lastmod: datetime | None = None


@dataclass
class Sitemap:
    """A parsed sitemap: ``kind`` is ``urlset`` (pages) or ``sitemapindex`` (child sitemaps)."""

    kind: str
    entries: list[SitemapEntry] = field(default_factory=list)

    @property
    def is_index(self) -> bool:
        return self.kind == "sitemapindex"


def decompress(data: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> bytes:
    """The XML of a sitemap: gunzipped when the bytes are gzip, else as they are."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"not a readable gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise SitemapError(f"larger than {max_bytes} bytes uncompressed")
    return out


def parse_sitemap(data: bytes, base_url: str = "", tz: str | None = None) -> Sitemap:
    """Parse sitemap bytes (gzip or not); relative locations are resolved against ``base_url``.

    ``tz`` is the zone of ``lastmod`` values that carry none (W3C dates usually do).
    """
    xml = decompress(data).lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        root = etree.fromstring(xml, _PARSER) if xml else None
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from exc
    if root is None:
        raise SitemapError("not XML")
    kind = _local(root)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind}>)")
    child_tag = "sitemap" if kind == "sitemapindex" else "url"
    entries: dict[str, SitemapEntry] = {}
    for node in root:
        if _local(node) != child_tag:
            continue
        loc = absolute_url(base_url, _find_text(node, "loc"))
        if urlsplit(loc).scheme in ("http", "https") and loc not in entries:
            entries[loc] = SitemapEntry(loc, _lastmod(node, tz))
    return Sitemap(kind=kind, entries=list(entries.values()))


def changed_since(
    entries: list[SitemapEntry], cutoff: date | None, tz: str | None = None
) -> list[SitemapEntry]:
    """Entries modified on or after ``cutoff`` (a day in ``tz``); those without ``lastmod`` stay.

    An entry with no date cannot be judged old, and skip-if-archived keeps re-runs cheap.
    """
    if cutoff is None:
        return list(entries)
    zone = parse_tz(tz)
    return [e for e in entries if e.lastmod is None or e.lastmod.astimezone(zone).date() >= cutoff]


def sitemaps_from_robots(text: str, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs a robots.txt names."""
    found = re.findall(r"(?im)^\s*sitemap\s*:\s*(\S+)", text or "")
    return list(dict.fromkeys(u for u in (absolute_url(base_url, url) for url in found) if u))


def _lastmod(node: etree._Element, tz: str | None) -> datetime | None:
    value = _find_text(node, "lastmod") or _find_text(node, "publication_date")
    return parse_datetime(value, tz) if value else None


def _find_text(node: etree._Element, name: str) -> str:
    """Text of the first descendant with this local name (``news:news/news:publication_date``)."""
    for el in node.iter():
        if _local(el) == name and el.text:
            return el.text.strip()
    return ""


def _local(node: etree._Element) -> str:
    tag = node.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
