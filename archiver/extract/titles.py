"""The article's title, by agreement among the places a page prints it.

og:title, the JSON-LD headline, the ``<h1>`` elements and ``<title>`` each go wrong on some
portals: a header promo or the navigation in the first ``<h1>`` ("全部导航"), a site or
keyword suffix on og:title and ``<title>`` ("_尼克斯_季后赛", "--经济·科技--人民网"). The
heading that the other sources confirm is the article's; site suffixes are cut from the
others by the same agreement.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from lxml import etree

_WS = re.compile(r"\s+")
# Separators between a title and its site, channel or keyword suffix.
_SEP = re.compile(r"\s*(?:--|—|–|\||｜|_| - | · |：：)\s*")
_SEP_CHARS = "-—–|｜_·:： "
# A last segment that names a site even without spaces around the dash: "-中国科普网".
_SITE_TAIL = re.compile(
    r"\s*[-_|｜]+\s*(?:[^-_|｜]{2,16}(?:网|报|社|新闻|在线|频道|资讯|之家|Online|News)"
    r"|(?=[^-_|｜\d]{0,7}[\u4e00-\u9fff])[^-_|｜\d\s]{2,8})\s*$"
)
MIN_TITLE = 4
# A heading this short that is a link, or sits in a header/nav, is the site's furniture.
_FURNITURE = re.compile(r"nav|menu|header|logo|top|banner|site|brand", re.I)


def _clean(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


def _comparable(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」《》<>.,，。!！?？:：]", "", text).lower()


def _agrees(short: str, long: str) -> bool:
    """``short`` is ``long``, or ``long`` with a suffix cut off, or with a prefix cut off at a
    separator ("Site | Title")."""
    a, b = _comparable(short), _comparable(long)
    if not a or len(a) < MIN_TITLE:
        return False
    if a == b or (b.startswith(a) and len(a) >= 0.4 * len(b)):
        return True
    head = long[: len(long) - len(short)].rstrip() if long.endswith(short) else ""
    return bool(head) and head[-1] in _SEP_CHARS


def _headings(root: etree._Element) -> list[etree._Element]:
    """Non-empty ``<h1>`` elements (then ``<h2>`` when there is none), document order."""
    for tag in ("h1", "h2"):
        found = [h for h in root.iter(tag) if _clean(h.text_content())]
        if found:
            return found
    return []


def _furniture(h: etree._Element) -> bool:
    """A heading that is the site's logo or menu rather than an article title."""
    node: etree._Element | None = h
    for _ in range(4):
        if node is None:
            break
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in ("header", "nav") or _FURNITURE.search(attrs):
            return len(_clean(h.text_content())) <= 12
        node = node.getparent()
    return False


def strip_suffix(title: str, site_names: set[str]) -> str:
    """``title`` without a trailing site name or ``_channel_site`` suffix."""
    title = _clean(title)
    for name in sorted(site_names, key=len, reverse=True):
        if len(name) >= 2 and title.endswith(name) and len(title) - len(name) >= MIN_TITLE:
            title = title[: -len(name)].rstrip(_SEP_CHARS)
    cut = _SITE_TAIL.sub("", title)
    title = cut if len(cut) >= MIN_TITLE else title
    parts = [p for p in _SEP.split(title) if p]
    if len(parts) > 1 and len(parts[0]) >= MIN_TITLE + 1:
        return parts[0]
    return title


def extract_title(
    root: etree._Element,
    headline: str = "",
    og_title: str = "",
    site_names: AbstractSet[str] = frozenset(),
) -> str:
    """The article title: the heading other sources confirm, else the cleanest of the others."""
    node = root.find(".//title")
    page_title = _clean(node.text_content()) if node is not None else ""
    headline, og_title = _clean(headline), _clean(og_title)
    others = [t for t in (og_title, headline, page_title) if t]
    headings = [h for h in _headings(root) if not _furniture(h)]
    texts = [_clean(h.text_content()) for h in headings]
    names = set(site_names) | {t for h, t in zip(headings, texts, strict=True) if len(t) <= 8}
    best, best_votes = "", 0
    for text in texts:
        votes = sum(_agrees(text, other) for other in others)
        if votes > best_votes:
            best, best_votes = text, votes
    if best:
        return best
    if headline:
        return headline
    for candidate in (og_title, page_title):
        if candidate:
            return strip_suffix(candidate, names - {candidate})
    return texts[0] if texts else ""
