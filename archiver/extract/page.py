"""What an article or list page means: pure functions from HTML and its URL to fields.

Site selectors (``SiteRules`` layouts) come first; when no layout matches, generic
extraction (trafilatura, then readability) still yields the article, marked as a fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from archiver.extract import body as bodylib
from archiver.extract.css import select
from archiver.extract.dates import parse_datetime
from archiver.extract.images import head_image
from archiver.extract.mainblocks import keep_main_blocks
from archiver.extract.metadata import Metadata, extract_metadata
from archiver.extract.restore import restore_images
from archiver.extract.rules import Layout, SiteRules

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
# A selector body shorter than this (characters of text, no image) is a miss, not an article.
MIN_BODY_CHARS = 30
_SOURCE_PREFIX = re.compile(r"^\s*(?:来源|来自|出处|作者|文|编辑)\s*[:：]\s*")


@dataclass
class ArticlePage:
    """One fetched page of an article, parsed and cleaned."""

    url: str
    title: str
    published: datetime | None
    body: str  # cleaned, sanitized HTML (inner HTML of the body container)
    text: str  # the body's plain text, paragraphs separated by blank lines
    images: bodylib.BodyImages = field(default_factory=bodylib.BodyImages)
    author: str = ""
    source: str = ""
    tags: list[str] = field(default_factory=list)
    next_page: str | None = None
    layout: str = "fallback"  # layout name, or "fallback" for generic extraction
    editor: str = ""  # 责任编辑/编辑 where printed; never the author
    head_image: str = ""  # the article's own picture among its images ('' if none)
    failed_passes: tuple[str, ...] = ()  # extraction passes that raised and were skipped


@dataclass
class ListPage:
    """A list page: article links (with list dates when shown) and pagination links."""

    articles: list[tuple[str, datetime | None]]
    next_page: str | None = None


def decode_html(data: bytes, content_type: str | None = None, default: str = "utf-8") -> str:
    """Bytes to text with the charset from the header, else ``<meta>``, else the BOM or ``default``.

    GBK and GB2312 are read as GB18030, their superset, as browsers do. A page whose ``<meta>``
    says GB2312 but whose bytes are valid UTF-8 (a copy re-saved without fixing the tag) is read
    as UTF-8: GBK text with Chinese in it is practically never valid UTF-8.
    """
    encoding, text = html_to_unicode(content_type, data, default_encoding=default or "utf-8")
    header_charset = "charset=" in (content_type or "").lower()
    if encoding.lower().startswith("gb") and not header_charset and _utf8_text(data):
        return data.decode("utf-8")
    return text


def _utf8_text(data: bytes) -> bool:
    """True when ``data`` decodes as UTF-8 and holds multi-byte characters."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(c) > 0x7F for c in text)


def parse_tree(page: str | bytes | etree._Element) -> etree._Element:
    """An lxml HTML tree for a page given as text, bytes or an already parsed tree."""
    if isinstance(page, etree._Element):
        return page
    if isinstance(page, bytes):
        page = decode_html(page)
    return lxml.html.fromstring(page or "<html></html>")


def parse_article_bytes(
    body: bytes, encoding: str, url: str, rules: SiteRules
) -> ArticlePage | None:
    """``parse_article_page`` of a response's bytes, decoded as Scrapy's ``response.text`` does.

    For worker processes: the bytes and the encoding Scrapy settled on travel, not the text,
    so decoding happens in the worker too.
    """
    return parse_article_page(html_to_unicode(f"charset={encoding}", body)[1], url, rules)


def parse_list_page(page: str | bytes | etree._Element, url: str, rules: SiteRules) -> ListPage:
    """Article links of a list page (only those the site calls articles) and its pager links."""
    root = parse_tree(page)
    articles: dict[str, datetime | None] = {}
    for selector in rules.list.items:
        for a in select(root, selector):
            link = link_url(a, url)
            if link and rules.is_article_url(link) and link not in articles:
                articles[link] = _nearby_date(a, rules.timezone)
    return ListPage(articles=list(articles.items()), next_page=_next_list_page(root, url, rules))


def _next_list_page(root: etree._Element, url: str, rules: SiteRules) -> str | None:
    """The pager link to the next list page: the one labelled 下一页, else number n+1."""
    links = [(a, link_url(a, url)) for s in rules.list.next for a in select(root, s)]
    links = [
        (a, link) for a, link in links if link and link != url and not rules.is_article_url(link)
    ]
    for a, link in links:
        if re.search(r"下一?页|next|›|»|>", element_text(a), re.I):
            return link
    current = _page_number(url)
    for _, link in links:
        if _page_number(link) == current + 1:
            return link
    return None


def _page_number(url: str) -> int:
    """Number of a list page from its URL: ``...-3.html``, ``?page=3``; 1 when it has none."""
    found = re.search(r"[?&](?:page|p|pn)=(\d+)|[-_](\d+)\.s?html?$", url)
    return int(found[1] or found[2]) if found else 1


def parse_article_page(
    page: str | bytes | etree._Element, url: str, rules: SiteRules
) -> ArticlePage | None:
    """Parse one article page with the site's layouts, else generic extraction; None if no text.

    It never raises: a layout or an extraction pass that fails is logged, named in
    ``failed_passes`` and skipped, and the next one decides.
    """
    failed: list[str] = []
    try:
        root = parse_tree(page)
    except Exception:  # noqa: BLE001 - an unparsable page is no article
        logger.warning("Could not parse the page %s", url, exc_info=True)
        return None
    # Only asked for when a selector misses; the cleaning below works on a copy of the tree.
    meta = cache(
        lambda: (
            _guarded(
                "metadata", failed, url, lambda: extract_metadata(root, url, tz=rules.timezone)
            )
            or Metadata()
        )
    )
    for layout in rules.layouts:
        parsed = _guarded(
            f"layout:{layout.name}",
            failed,
            url,
            lambda layout=layout: _with_layout(root, url, rules, layout, meta),
        )
        if parsed is not None:
            parsed.failed_passes = tuple(failed)
            return parsed
    parsed = _guarded("fallback", failed, url, lambda: _fallback(root, url, rules, failed))
    if parsed is not None:
        parsed.failed_passes = tuple(failed)
    return parsed


def _guarded(name: str, failed: list[str], url: str, run: Callable[[], _T]) -> _T | None:
    """``run()``, or None when it raises (logged, and its name added to ``failed``)."""
    try:
        return run()
    except Exception:  # noqa: BLE001 - one pass failing must not lose the article
        logger.warning("The %s pass failed on %s", name, url, exc_info=True)
        failed.append(name)
        return None


def _with_layout(
    root: etree._Element, url: str, rules: SiteRules, layout: Layout, meta: Callable[[], Metadata]
) -> ArticlePage | None:
    """The article as one site layout reads it; None when its selectors miss."""
    container = _first(root, layout.body)
    title = element_text(_first(root, layout.title))
    if container is None or not title:
        return None
    parsed = _clean_container(
        container, url, (*layout.remove, *rules.remove), lead=_lead(root, layout)
    )
    if parsed is None:
        return None
    body, text, images = parsed
    source = _SOURCE_PREFIX.sub("", element_text(_first(root, layout.source)))
    published = parse_datetime(element_text(_first(root, layout.time)), rules.timezone)
    tags = [t for t in (element_text(a) for s in layout.tags for a in select(root, s)) if t]
    return ArticlePage(
        url=url,
        title=_one_line(title),
        published=published or meta().published,
        body=body,
        text=text,
        images=images,
        author=_SOURCE_PREFIX.sub("", element_text(_first(root, layout.author))),
        source=source,
        tags=tags or meta().tags,
        next_page=_next_page(root, url, layout),
        layout=layout.name,
        head_image=images.urls[0] if images.urls else "",
    )


def _fallback(
    root: etree._Element, url: str, rules: SiteRules, failed: list[str]
) -> ArticlePage | None:
    """Generic extraction for layouts nobody has seen: trafilatura, then readability, as HTML,
    keeping only the blocks whose text ``main_text`` also judged to be the article."""
    from archiver.extract.maintext import extract_main_text

    page_html = lxml.html.tostring(root, encoding="unicode")
    main = extract_main_text(page_html, url)
    failed.extend(main.failed_passes)
    lines = [line for line in main.text.split("\n") if line.strip()]
    meta = (
        _guarded(
            "metadata",
            failed,
            url,
            lambda: extract_metadata(root, url, tz=rules.timezone, body_lines=lines),
        )
        or Metadata()
    )
    extracted = _guarded("trafilatura-html", failed, url, lambda: _trafilatura_html(root, url))
    if not extracted:
        extracted = _guarded("readability", failed, url, lambda: _readability_html(page_html))
    container = lxml.html.fromstring(extracted) if extracted else None
    container = (
        container.find("body") if container is not None and container.tag == "html" else container
    )
    if container is not None:  # main_text judges what is the article; the HTML keeps its markup
        keep_main_blocks(container, main.text, meta.title)
        _guarded("images", failed, url, lambda: restore_images(container, root, lines, url))
    parsed = _clean_container(container, url, rules.remove) if container is not None else None
    if parsed is None or not meta.title:
        return None
    body, text, images = parsed
    return ArticlePage(
        url=url,
        title=_one_line(meta.title),
        published=meta.published,
        body=body,
        text=text,
        images=images,
        author=meta.author,
        source=meta.source,
        tags=meta.tags,
        next_page=_next_page(root, url, None),
        layout="fallback",
        editor=meta.editor,
        head_image=head_image(root, url, images.urls),
    )


def _trafilatura_html(root: etree._Element, url: str) -> str:
    import trafilatura  # imported here: pages that match a layout never need it

    return (
        trafilatura.extract(
            root,
            url=url,
            output_format="html",
            include_images=True,
            include_links=True,
            include_tables=True,
            include_formatting=True,
            include_comments=False,
            favor_recall=True,
        )
        or ""
    )


def _readability_html(page_html: str) -> str:
    from readability import Document  # slower; only when trafilatura finds nothing

    return Document(page_html).summary(html_partial=True)


def _clean_container(container, url: str, remove: tuple[str, ...], lead=None):
    """Sanitize a body container; return (html, text, images) or None if too little is left."""
    container = bodylib.sanitize(container)
    if lead is not None:
        container.insert(0, lead)
    bodylib.remove_selected(container, remove)
    bodylib.remove_boilerplate_blocks(container)
    images = bodylib.resolve_images(container, url)
    bodylib.absolutize_links(container, url)
    text = bodylib.block_text(container)
    if len(text) < MIN_BODY_CHARS and not images.urls:
        return None
    return bodylib.serialize_body(container), text, images


def _lead(root: etree._Element, layout: Layout) -> etree._Element | None:
    """The old layout's lead paragraph, as a block to put above the body."""
    lead = _first(root, layout.lead)
    if lead is None or not element_text(lead):
        return None
    block = lxml.html.Element("p")
    block.text = element_text(lead)
    return block


def _next_page(root: etree._Element, url: str, layout: Layout | None) -> str | None:
    """The link to page n+1 of a multi-page article, if this page has one."""
    candidates = [a for s in (layout.next_page if layout else ()) for a in select(root, s)]
    labelled = root.xpath('descendant-or-self::a[contains(., "页")]')  # iter("a"), filtered in C
    candidates += [
        a for a in labelled if element_text(a) in ("下一页", "下页", "下一页>", "下一页 >")
    ]
    stem = re.sub(r"(?:_\d+)?\.html?$", "", urlsplit(url).path)
    for a in candidates:
        link = link_url(a, url)
        if link and link != url and urlsplit(link).path.startswith(stem + "_"):
            return link.split("#", 1)[0]
    return None


def _nearby_date(a: etree._Element, tz: str) -> datetime | None:
    """The date printed next to a list link (OFweek's ``span.fb-tl``), searching up a few levels."""
    node = a
    for _ in range(3):
        node = node.getparent()
        if node is None:
            return None
        found = parse_datetime(node.text_content(), tz)
        if found:
            return found
    return None


def _first(root: etree._Element, selectors: tuple[str, ...]) -> etree._Element | None:
    for selector in selectors:
        found = select(root, selector)
        if found:
            return found[0]
    return None


def element_text(el: etree._Element | None) -> str:
    """An element's text on one line, whitespace runs collapsed ('' for None)."""
    return re.sub(r"\s+", " ", el.text_content()).strip() if el is not None else ""


def _one_line(text: str) -> str:
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", text).strip()


def link_url(a: etree._Element, base: str) -> str | None:
    """A link's absolute http(s) URL without fragment; None for anchors, scripts and mail."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    link = urljoin(base, href).split("#", 1)[0]
    return link if urlsplit(link).scheme in ("http", "https") else None
