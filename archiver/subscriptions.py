"""Subscription lists: the feeds ``scrapy crawl feeds`` archives, from OPML or a YAML file.

OPML 1.0/2.0 is what every feed reader exports (Feedly, Inoreader, FreshRSS, Tiny Tiny RSS,
NetNewsWire): ``<outline xmlUrl=...>`` feeds inside nested ``<outline>`` folders. A feed's
categories are its folders' titles, outermost first, then its own title: the RSSHub OFweek
feed ``新闻`` under ``新媒体`` / ``高科技行业门户`` gives the seed's three. The YAML form is
for people who write the list by hand, and holds what OPML cannot say::

    feeds:
      - url: rsshub:/ofweek/news        # an RSSHub route, read from ARCHIVE_RSSHUB_URL
        title: 新闻
        categories: [新媒体, 高科技行业门户, 新闻]
        author: 高科技行业门户           # when neither the page nor the item names one
        body_format: html                # html, text or markdown
        site: ofweek                     # a site definition (name or .yaml), or a folder key

A file that does not parse, or an entry without a usable URL, raises ``SubscriptionError``
naming the file, the line and the problem, before anything is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree

from archiver.extract.rules import SITES_DIR, SiteDefinitionError, SiteRules, load_site
from archiver.items import BodyFormat

RSSHUB_SCHEME = "rsshub:"
YAML_KEYS = ("url", "title", "categories", "author", "body_format", "site")
_OPML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
)


class SubscriptionError(ValueError):
    """A subscription file that cannot be used: ``file:line: problem``."""


@dataclass(frozen=True)
class Subscription:
    """One feed to archive, as the list gives it."""

    url: str  # http(s) URL, or an RSSHub route ``rsshub:/ofweek/news``
    title: str = ""
    categories: tuple[str, ...] = ()
    author: str = ""  # of last resort for this feed's articles
    body_format: BodyFormat | None = None
    site: str = ""  # a site definition (name or .yaml path) or the archive folder key
    where: str = ""  # "file:line", for messages

    @property
    def label(self) -> str:
        """How reports name the feed: its title, else its URL."""
        return self.title or self.url

    def feed_url(self, rsshub_url: str) -> str:
        """The URL to fetch: an RSSHub route resolved against the instance ``rsshub_url``."""
        if not self.url.startswith(RSSHUB_SCHEME):
            return self.url
        route = self.url.removeprefix(RSSHUB_SCHEME).lstrip("/")
        return f"{rsshub_url.rstrip('/')}/{route}"


def site_rules(sub: Subscription) -> SiteRules | None:
    """The rules an entry's ``site`` names: a site definition (bundled name or .yaml file),
    else generic extraction under that folder key; None when it names none."""
    if not sub.site:
        return None
    if not sub.site.endswith((".yaml", ".yml")) and not (SITES_DIR / f"{sub.site}.yaml").is_file():
        return SiteRules(site=sub.site, name="", layouts=(), article_urls=())
    try:
        return load_site(sub.site)
    except SiteDefinitionError as exc:
        raise SubscriptionError(f"{sub.where}: site: {exc}") from None


def load(path: str | Path) -> list[Subscription]:
    """The subscriptions of an OPML (``.opml``/``.xml``) or YAML (``.yaml``/``.yml``) file."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubscriptionError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return parse_yaml(data, str(path))
    if path.suffix.lower() in (".opml", ".xml") or data.lstrip()[:1] == b"<":
        return parse_opml(data, str(path))
    return parse_yaml(data, str(path))


def parse_opml(data: bytes, source: str = "<opml>") -> list[Subscription]:
    """The feeds of an OPML document, in document order, with their folder categories."""
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), _OPML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise SubscriptionError(f"{source}:{exc.lineno}: not valid XML: {exc.msg}") from None
    if _local(root) != "opml":
        raise SubscriptionError(f"{source}:{root.sourceline}: not OPML (root <{_local(root)}>)")
    body = next((c for c in root if _local(c) == "body"), None)
    if body is None:
        raise SubscriptionError(f"{source}:{root.sourceline}: OPML without a <body>")
    found = list(_outlines(body, (), source))
    if not found:
        raise SubscriptionError(f"{source}:{body.sourceline}: no feed (no outline has an xmlUrl)")
    return found


def _outlines(
    parent: etree._Element, folders: tuple[str, ...], source: str
) -> Iterator[Subscription]:
    for node in parent:
        if _local(node) != "outline":
            continue
        attrs = {str(k).lower(): (v or "").strip() for k, v in node.attrib.items()}
        title = attrs.get("title") or attrs.get("text") or ""
        where = f"{source}:{node.sourceline}"
        if "xmlurl" in attrs:
            url = _checked_url(attrs["xmlurl"], where, "xmlUrl")
            categories = (*folders, title) if title else folders
            yield Subscription(url=url, title=title, categories=categories, where=where)
        elif attrs.get("type", "").lower() in ("rss", "atom"):
            raise SubscriptionError(f"{where}: feed outline {title!r} has no xmlUrl")
        else:  # a folder (an empty one or a plain link yields nothing)
            yield from _outlines(node, (*folders, title) if title else folders, source)


def parse_yaml(data: bytes | str, source: str = "<yaml>") -> list[Subscription]:
    """The feeds of a YAML subscriptions file (a top-level ``feeds:`` list)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            document = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SubscriptionError(f"{source}:{line}: not valid YAML: {exc.problem}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SubscriptionError(f"{source}:1: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or "feeds" not in document:
        raise SubscriptionError(f"{source}:1: expected a top-level 'feeds:' list of entries")
    assert isinstance(node, yaml.MappingNode)
    unknown = sorted(str(k) for k in document if k != "feeds")
    if unknown:
        raise SubscriptionError(f"{source}:1: unknown top-level key {unknown[0]!r} (only feeds:)")
    feeds_node = next(v for k, v in node.value if k.value == "feeds")
    entries = document["feeds"]
    if not isinstance(entries, list) or not entries:
        line = feeds_node.start_mark.line + 1
        raise SubscriptionError(f"{source}:{line}: 'feeds:' must be a list of at least one entry")
    return [
        _yaml_entry(entry, f"{source}:{item.start_mark.line + 1}")
        for entry, item in zip(entries, feeds_node.value, strict=True)
    ]


def _yaml_entry(entry: Any, where: str) -> Subscription:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise SubscriptionError(f"{where}: a feed entry must be a mapping with url:")
    unknown = sorted(str(k) for k in entry if k not in YAML_KEYS)
    if unknown:
        known = ", ".join(YAML_KEYS)
        raise SubscriptionError(f"{where}: unknown key {unknown[0]!r} (known: {known})")
    if not str(entry.get("url") or "").strip():
        raise SubscriptionError(f"{where}: feed entry has no url")
    raw_format = entry.get("body_format")
    try:
        body_format = BodyFormat.parse(raw_format, "body_format") if raw_format else None
    except ValueError as exc:
        raise SubscriptionError(f"{where}: {exc}") from None
    categories = entry.get("categories") or []
    if isinstance(categories, str):
        categories = [c for c in (p.strip() for p in categories.split(",")) if c]
    if not isinstance(categories, list):
        raise SubscriptionError(f"{where}: categories must be a list or comma-separated text")
    site = _text(entry, "site", where)
    if site and not re.fullmatch(r"[\w.-]+|.*\.ya?ml", site):
        raise SubscriptionError(
            f"{where}: site {site!r} must be a key like my-site or a .yaml file"
        )
    return Subscription(
        url=_checked_url(str(entry["url"]).strip(), where, "url"),
        title=_text(entry, "title", where),
        categories=tuple(str(c).strip() for c in categories if str(c).strip()),
        author=_text(entry, "author", where),
        body_format=body_format,
        site=site,
        where=where,
    )


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise SubscriptionError(f"{where}: {key} must be text, not a {type(value).__name__}")
    return str(value).strip()


def _checked_url(url: str, where: str, key: str) -> str:
    if not url:
        raise SubscriptionError(f"{where}: {key} is empty")
    if url.startswith(RSSHUB_SCHEME):
        if not url.removeprefix(RSSHUB_SCHEME).strip("/"):
            raise SubscriptionError(f"{where}: {key} {url!r} names no RSSHub route")
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SubscriptionError(f"{where}: {key} {url!r} is not an http(s) URL or rsshub: route")
    return url


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname.lower() if isinstance(node.tag, str) else ""


# --- Writing lists back ------------------------------------------------------------------


def folders_of(sub: Subscription) -> tuple[str, ...]:
    """The OPML folders a subscription sits in: its categories, less its own title at the end."""
    if sub.categories and sub.categories[-1] == sub.title:
        return sub.categories[:-1]
    return sub.categories


def to_opml(subs: Iterable[Subscription], rsshub_url: str, title: str = "Subscriptions") -> bytes:
    """OPML 2.0 for feed readers: folders from the categories, RSSHub routes resolved."""
    root = etree.Element("opml", version="2.0")
    etree.SubElement(etree.SubElement(root, "head"), "title").text = title
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}
    for sub in subs:
        path = folders_of(sub)
        for depth in range(1, len(path) + 1):
            if path[:depth] not in folders:
                name = path[depth - 1]
                folders[path[:depth]] = etree.SubElement(
                    folders[path[: depth - 1]], "outline", text=name, title=name
                )
        label = sub.title or sub.url
        etree.SubElement(
            folders[path], "outline", type="rss", text=label, title=label,
            xmlUrl=sub.feed_url(rsshub_url),
        )  # fmt: skip
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def to_yaml(subs: Iterable[Subscription]) -> str:
    """The YAML subscriptions file of these feeds (keys left out where empty)."""
    entries = []
    for sub in subs:
        entry: dict[str, Any] = {"url": sub.url, "title": sub.title}
        entry |= {"categories": list(sub.categories), "author": sub.author, "site": sub.site}
        entry["body_format"] = sub.body_format.value if sub.body_format else ""
        entries.append({k: v for k, v in entry.items() if v not in ("", [])})
    return yaml.safe_dump({"feeds": entries}, allow_unicode=True, sort_keys=False, width=1000)
