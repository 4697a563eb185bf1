"""RSS and Atom feeds: the articles they link, with the dates they give. Pure functions over bytes.

RSS 2.0 (``item/link``, ``guid isPermaLink``, ``pubDate``, ``dc:date``), RSS 1.0/RDF and Atom
(``entry/link rel=alternate``, ``published``, ``updated``, ``xml:base``) are read by local
name, so namespaces and their prefixes do not matter. The parser never resolves entities or
fetches anything (no XXE), and recovers from the broken XML that many Chinese portals serve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree

from archiver.extract.dates import parse_datetime

_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
)
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: the article URL, its title and the publication time the feed gives."""

    url: str
    title: str = ""
    published: datetime | None = None


def is_feed(data: bytes) -> bool:
    """True when the bytes look like RSS or Atom (not an HTML page or a sitemap)."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(data: bytes | str, base_url: str = "", tz: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document, in feed order, one per distinct http(s) link.

    ``tz`` is the zone of dates that carry none (Chinese feeds often print ``2022-07-20 13:47``).
    """
    root = _parse(data)
    if root is None:
        return []
    base = urljoin(base_url, root.get(_XML_BASE) or "")
    entries: dict[str, FeedEntry] = {}
    for node in root.iter():
        if _local(node) not in ("item", "entry"):
            continue
        url = _entry_link(node, base)
        if url and url not in entries:
            entries[url] = FeedEntry(
                url=url, title=_text(_child(node, "title")), published=_entry_date(node, tz)
            )
    return list(entries.values())


def _parse(data: bytes | str) -> etree._Element | None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _entry_link(node: etree._Element, base: str) -> str | None:
    """The article URL of an item: Atom's alternate link, RSS ``link``, or a permalink ``guid``."""
    base = urljoin(base, node.get(_XML_BASE) or "")
    candidates: list[str] = []
    for child in node:
        name = _local(child)
        if name == "link":
            href = child.get("href")
            if href is not None:  # Atom
                if child.get("rel", "alternate") == "alternate":
                    candidates.insert(0, href)
            elif child.text:
                candidates.append(child.text)
        elif name == "guid" and child.get("isPermaLink", "true") != "false" and child.text:
            candidates.append(child.text)
        elif name == "origLink" and child.text:  # feedburner keeps the real link here
            candidates.insert(0, child.text)
    for candidate in candidates:
        url = urljoin(base, candidate.strip()).split("#", 1)[0]
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            return url
    return None


def _entry_date(node: etree._Element, tz: str | None) -> datetime | None:
    """Publication time of an item: published/pubDate/dc:date/issued, then updated/modified."""
    for name in ("published", "pubDate", "date", "issued", "created", "updated", "modified"):
        value = _text(_child(node, name))
        if value:
            found = _rfc822(value) or parse_datetime(value, tz)
            if found:
                return found
    return None


def _rfc822(value: str) -> datetime | None:
    """An RFC 822 date (RSS ``pubDate``); None for other forms or when it names no zone."""
    if not re.match(r"^\s*(?:[A-Za-z]{3},)?\s*\d{1,2}\s+[A-Za-z]{3}", value):
        return None
    try:
        found = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return found if found.tzinfo is not None else None


def _child(node: etree._Element, name: str) -> etree._Element | None:
    for child in node:
        if _local(child) == name:
            return child
    return None


def _text(node: etree._Element | None) -> str:
    return re.sub(r"\s+", " ", "".join(node.itertext())).strip() if node is not None else ""


def _local(node: etree._Element) -> str:
    tag = node.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
