"""What an article or list page means: pure functions from HTML and its URL to fields.

Site selectors (``SiteRules`` layouts) come first; when no layout matches, generic
extraction (trafilatura, then readability) still yields the article, marked as a fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, partial
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from archiver.extract import body as bodylib
from archiver.extract.containers import clean_container, readability_html, trafilatura_html
from archiver.extract.css import select
from archiver.extract.dates import parse_datetime
from archiver.extract.failures import log_failed_pass
from archiver.extract.images import page_images
from archiver.extract.listpage import ListPage, parse_list_page
from archiver.extract.rules import Layout, SiteRules
from archiver.extract.tree import (
    decode_html,
    element_text,
    first_match,
    link_url,
    one_line,
    parse_tree,
)
from archiver.extract.zones import page_zone

if TYPE_CHECKING:
    from archiver.extract.metadata import Metadata

__all__ = [  # the interface the spiders use
    "ArticlePage",
    "ListPage",
    "decode_html",
    "element_text",
    "link_url",
    "parse_article_bytes",
    "parse_article_page",
    "parse_list_page",
    "parse_tree",
]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
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
    missed: tuple[str, ...] = ()  # fields whose site selectors found nothing (layout drift)


def parse_article_bytes(
    body: bytes, content_type: str, url: str, rules: SiteRules
) -> ArticlePage | None:
    """``parse_article_page`` of a response's bytes and its Content-Type header.

    Decoded by ``decode_html`` (header, ``<meta>``, BOM, then what the bytes are), which reads
    undeclared GBK pages and wrong GB2312 tags right where Scrapy's ``response.text`` does
    not; the site definition's ``encoding`` is the last resort. For worker processes: the
    bytes travel, not the text.
    """
    text = decode_html(body, content_type, default=rules.encoding or "utf-8")
    return parse_article_page(text, url, rules)


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
        log_failed_pass(logger, "Could not parse the page %s", url)
        return None
    if rules.zone_by_language:  # a German page's printed times are Berlin's
        rules = replace(rules, timezone=page_zone(root, url) or rules.timezone)
    # Only asked for when a selector misses; the cleaning below works on a copy of the tree.
    meta = cache(partial(_metadata, root, url, rules.timezone, failed))
    for layout in rules.layouts:
        parsed = _guarded(
            f"layout:{layout.name}",
            failed,
            url,
            partial(_with_layout, root, url, rules, layout, meta),
        )
        if parsed is not None:
            parsed.failed_passes = tuple(failed)
            return parsed
    parsed = _guarded("fallback", failed, url, lambda: _fallback(root, url, rules, failed))
    if parsed is not None:
        parsed.failed_passes = tuple(failed)
        parsed.missed = missed_fields(root, rules.layouts[0]) if rules.layouts else ()
    return parsed


def missed_fields(root: etree._Element, layout: Layout) -> tuple[str, ...]:
    """Which of a layout's required fields its selectors miss on a page it did not read.

    ``title`` or ``body`` when their selectors find nothing; ``body`` alone when both find
    something but the body holds too little text. What a changed site layout looks like.
    """
    missed = []
    if not element_text(first_match(root, layout.title)):
        missed.append("title")
    if first_match(root, layout.body) is None:
        missed.append("body")
    return tuple(missed) or ("body",)


def _guarded(name: str, failed: list[str], url: str, run: Callable[[], _T]) -> _T | None:
    """``run()``, or None when it raises (logged, and its name added to ``failed``)."""
    try:
        return run()
    except Exception:  # noqa: BLE001 - one pass failing must not lose the article
        log_failed_pass(logger, "The %s pass failed on %s", name, url)
        failed.append(name)
        return None


def _with_layout(
    root: etree._Element, url: str, rules: SiteRules, layout: Layout, meta: Callable[[], Metadata]
) -> ArticlePage | None:
    """The article as one site layout reads it; None when its selectors miss."""
    container = first_match(root, layout.body)
    title = element_text(first_match(root, layout.title))
    if container is None or not title:
        return None
    parsed = clean_container(
        container,
        url,
        (*layout.remove, *rules.remove),
        lead=_lead(root, layout),
        page_imgs=page_images(root, url),
    )
    if parsed is None:
        return None
    body, text, images = parsed
    source = _SOURCE_PREFIX.sub("", element_text(first_match(root, layout.source)))
    published = parse_datetime(element_text(first_match(root, layout.time)), rules.timezone)
    tags = [t for t in (element_text(a) for s in layout.tags for a in select(root, s)) if t]
    return ArticlePage(
        url=url,
        title=one_line(title),
        published=published or meta().published,
        body=body,
        text=text,
        images=images,
        author=_SOURCE_PREFIX.sub("", element_text(first_match(root, layout.author))),
        source=source,
        tags=tags or meta().tags,
        next_page=_next_page(root, url, layout),
        layout=layout.name,
        head_image=images.urls[0] if images.urls else "",
    )


def _metadata(
    root: etree._Element, url: str, tz: str, failed: list[str], lines: list[str] | None = None
) -> Metadata:
    """The page's metadata outside any layout's selectors (empty when that pass fails); the
    metadata cascade is imported here: pages that a layout reads whole never need it."""
    from archiver.extract.metadata import Metadata, extract_metadata

    found = _guarded(
        "metadata", failed, url, lambda: extract_metadata(root, url, tz=tz, body_lines=lines)
    )
    return found or Metadata()


def _fallback(
    root: etree._Element, url: str, rules: SiteRules, failed: list[str]
) -> ArticlePage | None:
    """Generic extraction for layouts nobody has seen: trafilatura, then readability, as HTML,
    keeping only the blocks whose text ``main_text`` also judged to be the article."""
    from archiver.extract.headimage import head_image
    from archiver.extract.mainblocks import add_missing_lines, keep_main_blocks
    from archiver.extract.maintext import extract_main_text
    from archiver.extract.pictures import promotions, titled_pictures, writer_pictures
    from archiver.extract.restore import restore_images
    from archiver.extract.standfirst import add_standfirst
    from archiver.extract.titles import stand_in_title

    page_html = lxml.html.tostring(root, encoding="unicode")
    main = extract_main_text(page_html, url)
    failed.extend(main.failed_passes)
    lines = [line for line in main.text.split("\n") if line.strip()]
    meta = _metadata(root, url, rules.timezone, failed, lines)
    extracted = _guarded("trafilatura-html", failed, url, lambda: trafilatura_html(root, url))
    if not extracted:
        extracted = _guarded("readability", failed, url, lambda: readability_html(page_html))
    container = lxml.html.fromstring(extracted) if extracted else None
    container = (
        container.find("body") if container is not None and container.tag == "html" else container
    )
    if container is not None:  # main_text judges what is the article; the HTML keeps its markup
        keep_main_blocks(container, main.text, meta.title)
        # what main_text holds goes back even where the HTML could not be aligned with it
        add_missing_lines(container, main.text, meta.title)
        _guarded(
            "standfirst",
            failed,
            url,
            lambda: add_standfirst(container, root, main.text, meta.title),
        )
        _guarded(
            "images", failed, url, lambda: restore_images(container, root, lines, url, meta.title)
        )
        _guarded("prompts", failed, url, lambda: bodylib.remove_closing_prompts(container))
    page_imgs = page_images(root, url)
    promos = promotions(root, url, page_imgs) | writer_pictures(page_imgs, meta.author)
    own = titled_pictures(page_imgs, meta.title)
    parsed = (
        clean_container(container, url, rules.remove, page_imgs=page_imgs, promos=promos, own=own)
        if container is not None
        else None
    )
    if parsed is None:
        return None
    body, text, images = parsed
    if not lines and text.strip():  # main_text found nothing: the HTML's text locates the header
        meta = _metadata(
            root, url, rules.timezone, failed, [x for x in text.split("\n") if x.strip()]
        )
    title = meta.title or stand_in_title(text.split("\n"), url)
    return ArticlePage(
        url=url,
        title=one_line(title),
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
        head_image=head_image(root, url, images.urls, page_imgs, promos, own),
    )


def _lead(root: etree._Element, layout: Layout) -> etree._Element | None:
    """The old layout's lead paragraph, as a block to put above the body."""
    lead = first_match(root, layout.lead)
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
