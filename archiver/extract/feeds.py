"""RSS and Atom feeds: the articles they link, with the dates they give. Pure functions over bytes.

RSS 2.0 (``item/link``, ``guid isPermaLink``, ``pubDate``, ``dc:date``), RSS 1.0/RDF and Atom
(``entry/link rel=alternate``, ``published``, ``updated``, ``xml:base``) are read by local
name, so namespaces and their prefixes do not matter. The parser never resolves entities or
fetches anything (no XXE), and recovers from the broken XML that many Chinese portals serve.
Each entry also carries the feed's own text of the item (``content:encoded``, Atom
``content``, else ``description``/``summary``), its author and its ``<category>`` tags, for
when the article page cannot be read (``entry_page``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from archiver.extract import body as bodylib
from archiver.extract.dates import parse_datetime
from archiver.extract.page import ArticlePage
from archiver.extract.tree import absolute_url

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
    content: str = ""  # the feed's HTML of the item: full text or a summary
    author: str = ""
    categories: tuple[str, ...] = ()


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
    base = absolute_url(base_url, root.get(_XML_BASE) or "") or base_url
    entries: dict[str, FeedEntry] = {}
    for node in root.iter():
        if _local(node) not in ("item", "entry"):
            continue
        url = _entry_link(node, base)
        if url and url not in entries:
            entries[url] = FeedEntry(
                url=url,
                title=_text(_child(node, "title")),
                published=_entry_date(node, tz),
                content=_entry_content(node),
                author=_entry_author(node),
                categories=_entry_categories(node),
            )
    return list(entries.values())


def entry_page(entry: FeedEntry) -> ArticlePage | None:
    """The feed's own text of an item as an article page, sanitized; None when it has none.

    For the items whose page cannot be fetched or holds no article: a summary is still
    better than nothing. Its images are listed to be stored like a page's.
    """
    if not entry.content.strip():
        return None
    try:
        container = lxml.html.fragment_fromstring(entry.content, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    container = bodylib.sanitize(container)
    images = bodylib.resolve_images(container, entry.url)
    bodylib.absolutize_links(container, entry.url)
    text = bodylib.block_text(container)
    if not text and not images.urls:
        return None
    return ArticlePage(
        url=entry.url,
        title=entry.title or text[:60] or entry.url,
        published=entry.published,
        body=bodylib.serialize_body(container),
        text=text,
        images=images,
        author=entry.author,
        tags=list(entry.categories),
        layout="feed",
        head_image=images.urls[0] if images.urls else "",
    )


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
    base = absolute_url(base, node.get(_XML_BASE) or "") or base
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
        url = absolute_url(base, candidate).split("#", 1)[0]
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


def _entry_content(node: etree._Element) -> str:
    """The item's HTML: ``content:encoded``, Atom ``content``, else ``description``/``summary``."""
    for name in ("encoded", "content", "description", "summary"):
        child = _child(node, name)
        if child is None or child.get("src"):  # Atom out-of-line content: nothing here
            continue
        kind = (child.get("type") or "html").lower()
        if kind in ("xhtml", "application/xhtml+xml"):
            inner = [etree.tostring(c, encoding="unicode", with_tail=True) for c in child]
            found = re.sub(r"\s*xmlns(?::\w+)?=\"[^\"]*\"", "", (child.text or "") + "".join(inner))
        elif kind in ("text", "text/plain"):
            found = "".join(f"<p>{html.escape(p)}</p>" for p in _text(child).split("\n") if p)
        else:
            found = "".join(child.itertext())
        if found.strip():
            return found.strip()
    return ""


def _entry_author(node: etree._Element) -> str:
    """Atom ``author/name``, ``dc:creator``, or RSS ``author`` without its e-mail address."""
    author = _child(node, "author")
    if author is not None and _child(author, "name") is not None:
        return _text(_child(author, "name"))
    value = _text(_child(node, "creator")) or _text(author)
    named = re.fullmatch(r"\S+@\S+\s*\((.+)\)", value)  # RSS: "mail@host (Name)"
    if named:
        return named[1].strip()
    return "" if re.fullmatch(r"\S+@\S+", value) else value


def _entry_categories(node: etree._Element) -> tuple[str, ...]:
    """The item's own categories (RSS ``category``, Atom ``term``/``label``, ``dc:subject``)."""
    found: list[str] = []
    for child in node:
        if _local(child) in ("category", "subject"):
            value = child.get("label") or child.get("term") or _text(child)
            if value and value.strip() not in found:
                found.append(value.strip())
    return tuple(found)


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
