"""Article metadata from any page by a cascade: JSON-LD, then OpenGraph/meta tags, then the DOM.

One ``extract_<field>`` per field. Used alone by generic extraction and to fill what a
site's selectors did not find. Chinese conventions (``来源：``, ``作者：``, ``责任编辑``,
``发布时间：``) are read from the page text, and times keep their hours (htmldate only
gives the day, so it is the last resort).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from archiver.extract.dates import parse_datetime, parse_tz

_LABELLED = r"[:：]\s*(?P<v>[^\s|｜/，,]{1,40})"
_SOURCE_RE = re.compile(r"(?:来源|来自|出处)" + _LABELLED)
_AUTHOR_RE = re.compile(r"(?:作者|文|记者)" + _LABELLED)
_EDITOR_RE = re.compile(r"责任编辑" + _LABELLED)
_TIME_LABEL_RE = re.compile(r"(?:发布时间|发表时间|发布日期|时间|日期)\s*[:：]\s*(?P<v>[^|｜]{6,40})")
_TITLE_SUFFIX = re.compile(r"\s*[-_|｜—]+\s*[^-_|｜—]{1,30}$")


@dataclass
class Metadata:
    """Fields found outside any site-specific selector."""

    title: str = ""
    published: datetime | None = None
    author: str = ""
    source: str = ""
    editor: str = ""
    tags: list[str] = field(default_factory=list)


def extract_metadata(root: etree._Element, url: str = "", tz: str = "+08:00") -> Metadata:
    """All metadata fields of a page, each from the best source that has it."""
    ld = _json_ld(root)
    text = _header_text(root)
    return Metadata(
        title=extract_title(root, ld),
        published=extract_published(root, ld, text, tz),
        author=extract_author(root, ld, text),
        source=_match(_SOURCE_RE, text),
        editor=_match(_EDITOR_RE, text),
        tags=extract_tags(root, ld),
    )


def extract_title(root: etree._Element, ld: dict) -> str:
    title = ld.get("headline") or _meta(root, "og:title", "twitter:title")
    if not title:
        h1 = root.find(".//h1")
        title = h1.text_content() if h1 is not None else ""
    if not title:
        node = root.find(".//title")
        title = _TITLE_SUFFIX.sub("", node.text_content()) if node is not None else ""
    return re.sub(r"\s+", " ", str(title)).strip()


def extract_published(root: etree._Element, ld: dict, text: str, tz: str) -> datetime | None:
    """Publication time with its hour: JSON-LD, meta tags, labelled page text, then htmldate."""
    candidates = [
        ld.get("datePublished"),
        _meta(root, "article:published_time", "og:published_time", "pubdate", "publishdate",
              "PubDate", "publish_time", "date"),
        _match(_TIME_LABEL_RE, text),
    ]
    for value in candidates:
        found = parse_datetime(str(value), tz) if value else None
        if found:
            return found
    found = parse_datetime(text[:3000], tz)
    if found:
        return found
    from htmldate import find_date  # day only: the last resort

    day = find_date(root, extensive_search=False)
    return datetime.fromisoformat(day).replace(tzinfo=parse_tz(tz)) if day else None


def extract_author(root: etree._Element, ld: dict, text: str) -> str:
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else ""
    if isinstance(author, dict):
        author = author.get("name", "")
    author = author or _meta(root, "author", "article:author", "byline") or _match(_AUTHOR_RE, text)
    return re.sub(r"\s+", " ", str(author)).strip()


def extract_tags(root: etree._Element, ld: dict) -> list[str]:
    raw = ld.get("keywords") or _meta(root, "keywords", "news_keywords", "article:tag")
    if isinstance(raw, list):
        raw = ",".join(map(str, raw))
    tags = [t.strip() for t in re.split(r"[,，;；、|\s]+", str(raw or "")) if t.strip()]
    return list(dict.fromkeys(tags))


def _json_ld(root: etree._Element) -> dict:
    """The first JSON-LD object that describes an article, or {}."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _meta(root: etree._Element, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = root.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return ""


def _header_text(root: etree._Element) -> str:
    """Visible text of the page's top part, where bylines and times are printed."""
    body = root.find(".//body")
    node = body if body is not None else root
    parts: list[str] = []
    for chunk in node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"):
        parts.append(chunk)
        if sum(map(len, parts)) > 4000:
            break
    return re.sub(r"\s+", " ", " ".join(parts))


def _match(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found["v"].strip() if found else ""
