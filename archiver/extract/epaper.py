"""What a newspaper e-paper (数字报) means: an edition's pages and articles, an article's text.

Founder-style e-papers (经济日报 ``paper.ce.cn``, 人民日报, ...) publish one edition a day.
Its layout pages (``.../layout/YYYYMM/DD/node_NN.html``) list the day's pages and each page's
articles; an article page (``.../content/YYYYMM/DD/content_N.html``) holds the text in
``div#ozoom``. That text was typeset for print and keeps print's leftovers: the article's own
title and byline repeated at a column break, a photo caption dropped mid-sentence, stray
characters of the page image, the page's editor line, page-jump notes, and the head of the
next article with part of its text. ``clean_paragraphs`` turns it into the article's
paragraphs plus its captions. Every function here is pure (HTML or text in, values out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from archiver.extract import body as bodylib
from archiver.extract.css import select
from archiver.extract.dates import parse_tz
from archiver.extract.page import (
    ArticlePage,
    decode_html,
    element_text,
    link_url,
    parse_article_page,
    parse_tree,
)
from archiver.extract.rules import SiteRules
from archiver.extract.tree import absolute_url

PAGE_NAME = "{page}"  # in a site's categories: the name of the paper page (第01版：要闻)
CAPTION_PREFIX = "图："
HEAD_MAX_CHARS = 40  # a title or head line is shorter than this
CAPTION_MAX_CHARS = 120
BREAK_MIN_CHARS = 18  # a line this long that stops mid-sentence was cut by a column break

_EDITION_DAY = re.compile(r"/(\d{4})-?(\d{2})/(\d{2})/(?:node|content)_\d+\.html?$")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;>]+)", re.I)
_SCRIPT_URL = re.compile(r"location(?:\.href)?\s*=\s*['\"]([^'\"]+)['\"]")
# The page's editor line or mailbox: it and all after it (stray characters, the next
# article's head and text) is page furniture.
_FURNITURE = re.compile(
    r"^(?:本版(?:责任)?编辑|本版责编|责任编辑|责编|美编|版式设计|图片编辑|(?:来稿|投稿)邮箱)"
)
# "（下转第二版）", "（上接第1版）": where a story continues in print.
_JUMP = re.compile(r"[（(]\s*(?:上接|下转|接|转)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*[)）]")
_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff·]{2,4})*"
_AGENCY = r"(?:本报|新华社|中新社|人民日报|经济日报|中国经济网|央视网|光明日报)?"
# "本报记者 杨学聪", "中国经济网记者 郭文培", "本报评论员" (a photo credit ends in 摄).
_BYLINE = re.compile(rf"^{_AGENCY}(?:特约|实习)?(?:记者|通讯员|评论员)(?:\s*{_NAMES})?(?<!摄)$")
_PAREN_CREDIT = r"[（(](?:资料图片|新华社发|[^（）()]{1,24}?(?:摄|供图))[)）]"
# A photo credit on its own line: "新华社记者 陶嘉摄", "王晶摄", "（资料图片）".
_CREDIT = re.compile(
    rf"^(?:{_AGENCY}(?:特约)?(?:记者|通讯员|摄影)?\s*{_NAMES}\s*摄|{_PAREN_CREDIT})$"
)
# A caption that carries its credit: "...外景。（资料图片）", "...现场。（本报记者 王晶摄）".
_CREDITED_CAPTION = re.compile(rf"{_PAREN_CREDIT}$")
_TERMINAL = "。！？!?…；;：:"
_CLOSERS = "”’」』）)》〉】\"'"
_PAIRS = tuple((p[0], p[1]) for p in ("“”", "《》", "（）", "()", "「」", "『』", "‘’"))
_PUNCT = re.compile(r"[\s\W_]+")


@dataclass
class EditionPage:
    """One layout page of an edition: its name, the edition's pages, its article links."""

    name: str  # "第01版：要闻"
    pages: list[str] = field(default_factory=list)  # the edition's layout pages, in order
    articles: list[tuple[str, str]] = field(default_factory=list)  # (URL, title as listed)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # furniture: 本版责编, 广告, ...


@dataclass
class CleanText:
    """An article's text as printed, without print's leftovers; captions set apart."""

    paragraphs: list[str]
    captions: list[str] = field(default_factory=list)


def edition_date(url: str) -> date | None:
    """The edition day of a layout or article URL (``.../202301/13/content_1.html``), or None."""
    found = _EDITION_DAY.search(urlsplit(url).path)
    try:
        return date(int(found[1]), int(found[2]), int(found[3])) if found else None
    except ValueError:
        return None


def edition_url(template: str, day: date) -> str:
    """The first layout page of a day's edition, from the site's ``list.dated`` template."""
    return template.format(date=day)


def edition_time(day: date, tz: str) -> datetime:
    """When an edition counts as published: 00:00 of its day in the paper's timezone.

    The e-paper prints a date, no time; midnight keeps the date right in the paper's own
    zone (Beijing ``2023-01-13`` is ``Thu, 12 Jan 2023 16:00:00 GMT``).
    """
    return datetime.combine(day, time(0), tzinfo=parse_tz(tz))


def edition_link(page: str | bytes | etree._Element, url: str) -> str | None:
    """Where the latest-issue page sends the reader: its refresh, its script redirect, or a link."""
    root = parse_tree(page)
    refresh = [
        m.get("content") or ""
        for m in root.iter("meta")
        if (m.get("http-equiv") or "").lower() == "refresh"
    ]
    hrefs = [found[1] for content in refresh for found in _REFRESH_URL.finditer(content)]
    hrefs += [
        found[1]
        for script in root.iter("script")
        for found in _SCRIPT_URL.finditer(script.text or "")
    ]
    hrefs += [a.get("href") or "" for a in root.iter("a")]
    links = (absolute_url(url, href) for href in hrefs)
    return next((link for link in links if edition_date(link) and "/node_" in link), None)


def parse_edition_page(
    page: str | bytes | etree._Element, url: str, rules: SiteRules
) -> EditionPage:
    """A layout page: the edition's pages (``list.next``) and this page's articles (``list.items``).

    Entries whose text holds a ``list.skip`` phrase (本版责编, 广告, 图片新闻, ...) are set apart.
    """
    root = parse_tree(page)
    pages: dict[str, str] = {}
    for a in (a for selector in rules.list.next for a in select(root, selector)):
        link = link_url(a, url)
        if link and edition_date(link):
            pages.setdefault(link, element_text(a))
    result = EditionPage(name=pages.get(url, ""), pages=list(pages))
    seen: set[str] = set()
    for a in (a for selector in rules.list.items for a in select(root, selector)):
        link, title = link_url(a, url), element_text(a)
        if not link or link in seen:
            continue
        seen.add(link)
        if any(phrase in title for phrase in rules.list.skip):
            result.skipped.append((link, title))
        elif rules.is_article_url(link):
            result.articles.append((link, title))
    return result


def page_categories(categories: Sequence[str], page_name: str) -> list[str]:
    """The site's categories, ``{page}`` replaced by the paper page's name (dropped if unknown)."""
    named = (c.replace(PAGE_NAME, page_name) for c in categories)
    return [c for c in named if c.strip()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text separated by blank lines, whitespace collapsed, empty ones dropped."""
    paragraphs = (re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return [p for p in paragraphs if p]


def clean_paragraphs(paragraphs: Sequence[str], *, title: str = "", byline: str = "") -> CleanText:
    """The article's own paragraphs out of an e-paper body, in reading order.

    In this order: page-jump notes go; the text is cut at the page's editor line and at the
    head of a following article (head lines, then someone else's byline); the article's own
    title and byline repeated inside the text, bylines and stray characters go; photo
    captions move to ``captions``; paragraphs split by a column break are joined again.
    """
    lines = [p for p in (_JUMP.sub("", p).strip() for p in paragraphs) if p]
    lines = _cut_furniture(lines)
    lines = _cut_next_article(lines, title, byline)
    lines = [p for p in lines if not _is_noise(p, title, byline)]
    lines, captions = _set_captions_apart(lines)
    return CleanText(paragraphs=_join_column_breaks(lines), captions=captions)


def text_body(clean: CleanText) -> str:
    """The plain-text body: paragraphs, then each caption as ``图：...``, blank lines between."""
    return "\n\n".join([*clean.paragraphs, *(CAPTION_PREFIX + c for c in clean.captions)])


def html_body(clean: CleanText, images: Sequence[str]) -> str:
    """The HTML body: one ``<p>`` per paragraph, then the images, then their captions."""
    root = lxml.html.Element("div")
    for text in clean.paragraphs:
        _paragraph(root).text = text
    for url in images:
        etree.SubElement(_paragraph(root), "img", src=url)
    for caption in clean.captions:
        _paragraph(root).text = CAPTION_PREFIX + caption
    return bodylib.serialize_body(root)


def refine_article(page: ArticlePage, root: etree._Element, rules: SiteRules) -> ArticlePage:
    """An article page parsed by the site's layouts, read as an e-paper article.

    Text and HTML come from the raw body container (``div#ozoom``) through
    ``clean_paragraphs``; the date is the edition's (``edition_time``). A page that no layout
    matched keeps its generic extraction.
    """
    day = edition_date(page.url)
    page = replace(page, published=edition_time(day, rules.timezone) if day else page.published)
    layout = next((lay for lay in rules.layouts if lay.name == page.layout), None)
    container = next((el for s in (layout.body if layout else ()) for el in select(root, s)), None)
    if container is None:
        return page
    raw = split_paragraphs(bodylib.block_text(bodylib.sanitize(container)))
    clean = clean_paragraphs(raw, title=page.title, byline=page.author)
    return replace(page, text=text_body(clean), body=html_body(clean, page.images.urls))


def _cut_furniture(lines: list[str]) -> list[str]:
    """Everything before the page's editor line or mailbox."""
    return next((lines[:i] for i, line in enumerate(lines) if _FURNITURE.match(line)), lines)


def _cut_next_article(lines: list[str], title: str, byline: str) -> list[str]:
    """Everything before the head of another article: up to 3 head lines, then another byline."""
    own = {_key(title), _key(byline)} - {""}
    for i, line in enumerate(lines):
        if not _BYLINE.match(line) or _key(line) in own:
            continue
        start = i
        while start > 0 and i - start < 3 and _is_head(lines[start - 1]):
            start -= 1
        if start < i and not any(_key(head) in own for head in lines[start:i]):
            return lines[:start]
    return lines


def _is_noise(line: str, title: str, byline: str) -> bool:
    """A stray character, a byline, or the article's own title or byline repeated."""
    key = _key(line)
    return len(key) <= 1 or key in {_key(title), _key(byline)} or bool(_BYLINE.match(line))


def _set_captions_apart(lines: list[str]) -> tuple[list[str], list[str]]:
    """Move photo captions out of the text: a caption and its credit line, or a credited one."""
    kept: list[str] = []
    captions: list[str] = []
    for line in lines:
        if _CREDIT.match(line):
            takes_caption = kept and len(kept[-1]) <= CAPTION_MAX_CHARS and _ends_sentence(kept[-1])
            captions.append(f"{kept.pop()}{line}" if takes_caption else line)
        elif _CREDITED_CAPTION.search(line) and len(line) <= CAPTION_MAX_CHARS + 20:
            captions.append(line)
        else:
            kept.append(line)
    return kept, captions


def _join_column_breaks(lines: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence with the next one (print's column breaks)."""
    joined: list[str] = []
    for line in lines:
        if joined and _breaks_off(joined[-1]):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _breaks_off(line: str) -> bool:
    """True when a line stops mid-sentence: long and unpunctuated at its end, or a quote left open.

    Short unpunctuated lines are subheads (迎来发展契机); a pre-title ends with ``——``.
    """
    if _ends_sentence(line) or line.endswith("——"):
        return False
    unbalanced = any(line.count(o) > line.count(c) for o, c in _PAIRS)
    return len(line) >= BREAK_MIN_CHARS or line[-1] in "，、“‘《（(" or unbalanced


def _ends_sentence(line: str) -> bool:
    if line[0] in "（(" and line[-1] in "）)":
        return True  # a note in brackets: "（作者系国务院发展研究中心研究员）"
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_head(line: str) -> bool:
    """A short line that ends no sentence: a title, a pre-title (``...——``) or a name."""
    return len(line) < HEAD_MAX_CHARS and not _ends_sentence(line) and not _BYLINE.match(line)


def _key(text: str) -> str:
    """Text without spaces and punctuation, to compare a line with a title or byline."""
    return _PUNCT.sub("", text or "")


def _paragraph(root: etree._Element) -> etree._Element:
    p = etree.SubElement(root, "p")
    p.tail = "\n"
    return p


def parse_epaper_article_bytes(
    body: bytes, content_type: str, url: str, rules: SiteRules
) -> ArticlePage | None:
    """An e-paper article page from a response's bytes: parsed by the layouts, then refined.

    The e-paper spider's ``page_parser``: a plain function, so worker processes can run it.
    """
    root = parse_tree(decode_html(body, content_type, default=rules.encoding or "utf-8"))
    page = parse_article_page(root, url, rules)
    return refine_article(page, root, rules) if page else None
