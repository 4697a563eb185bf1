"""Which elements a page marks as its headings and titles, and the title a forum thread gives
itself: the candidates the article's title is chosen from (``titles``).

A heading is ranked by how it is marked (an ``<h1>``, a title-marked element, a lower heading,
an emphasized line alone in its cell); a heading in the site's header or menu, a dialog's or a
box's title, a kicker above the headline is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract.boilerplate import is_boilerplate
from archiver.extract.tree import absolute_url

_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_WS = re.compile(r"\s+")
MIN_TITLE = 4
MAX_TITLE = 150

# A heading this short that is a link, or sits in a header/nav, is the site's furniture.
_FURNITURE = re.compile(r"nav|menu|header|logo|top|banner|site|brand", re.I)
# Elements a page marks as a title: "post-title", "postTitle", "article_tit", "biaoti", a
# 2005 portal's "Heading" (not "section-heading-tabbed").
_TITLE_ATTR = re.compile(
    r"title|headline|subject|biaoti|(?<![a-z])tit(?![a-z])|(?<![a-z])heading(?![a-z-])", re.I
)
# A subtitle, a list's or a box's title, a dialog's ("modal-flyout__title": "Teilen"), a
# kicker above the headline ("article-title__overline", "seitenkopf__topline", "dachzeile").
_SUBTITLE_ATTR = re.compile(
    r"sub[-_]?title|subject-?list|title-?bar|widget|related|modal|dialog|flyout|popup|overlay"
    r"|overline|topline|kicker|eyebrow|dachzeile",
    re.I,
)
_HEADINGS = {"h1": 0, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
TITLE_ATTR_RANK = 1
EMPHASIS_RANK = 5
_EMPHASIS = ("b", "strong", "font")
_BLOCKS = ("p", "div", "td", "th", "center", "li", "span", "section")
# A thread's subject as a forum labels it, and its replies' titles.
_SUBJECT = re.compile(r"^(?:主题|标题|帖子主题|帖子标题)\s*[:：]\s*(\S.{3,}?)\s*$")
_REPLY = re.compile(r"^(?:Re|RE|re|回复|答复)\s*[:：]\s*(\S.{3,}?)\s*$")
_THREAD_MARK = re.compile(r"(?:主题|标题|Re|RE|re|回复|答复)\s*[:：]")  # what either needs


@dataclass(frozen=True)
class Candidate:
    text: str
    rank: int  # 0 h1, 1 marked as a title, 2 h2, 3 h3, 4 h4, 5 an emphasized lone line


def spaced_pattern(text: str) -> re.Pattern[str]:
    """``text`` matched whatever spaces the page's visible text puts between its characters."""
    return re.compile(r"\s*".join(map(re.escape, _WS.sub("", text))))


def clean(text: str) -> str:
    """``text`` on one line, single-spaced, without private-use characters (a site's icon
    font's glyphs, "投身外交(3)\ue004", which no other font shows) and invisible ones: soft
    hyphens ("Paläs\xadti\xadnenser"), zero-width spaces and byte-order marks."""
    return _WS.sub(" ", _INVISIBLE.sub("", _PRIVATE_USE.sub("", text or ""))).strip()


def comparable(text: str) -> str:
    """``text`` without spaces, quotes and punctuation, lower-cased: one title however printed."""
    return re.sub(r"[\s\"'“”‘’「」《》<>.,，。!！?？:：]", "", text).lower()


def _furniture(h: etree._Element) -> bool:
    """A heading that is the site's logo or menu rather than an article title."""
    node: etree._Element | None = h
    for _ in range(4):
        if node is None:
            break
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in ("header", "nav") or _FURNITURE.search(attrs):
            return len(clean(h.text_content())) <= 12
        node = node.getparent()
    return False


def _rank(el: etree._Element) -> int | None:
    """How an element is marked as a title (see ``Candidate.rank``); None when it is not."""
    if el.tag in _HEADINGS:
        return None if _furniture(el) else _HEADINGS[el.tag]
    attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
    if _TITLE_ATTR.search(attrs) and not _SUBTITLE_ATTR.search(attrs):
        return TITLE_ATTR_RANK
    if el.tag in _EMPHASIS:  # <b><font size=3>Title</font></b> alone in its table cell
        block = next((a for a in el.iterancestors() if a.tag in _BLOCKS), None)
        if block is not None and clean(block.text_content()) == clean(el.text_content()):
            return EMPHASIS_RANK
    return None


def _page_key(href: str, url: str) -> tuple[str, str]:
    """Host and path of a link, without the path's extension: one page whether a blog engine
    links its post as ``.aspx`` or ``.html``."""
    parts = urlsplit(absolute_url(url, href))
    return (parts.hostname or "", re.sub(r"\.\w{2,5}$", "", parts.path.rstrip("/")))


def _permalink(el: etree._Element, url: str) -> bool:
    """A link marked as the title ("viewpost1_TitleUrl") that leads to the page itself: the
    post's permalink, printed as its title by blog engines."""
    attrs = f"{el.get('class', '')} {el.get('id', '')}"
    href = el.get("href") or ""
    return bool(
        url
        and href
        and _TITLE_ATTR.search(attrs)
        and not _SUBTITLE_ATTR.search(attrs)
        and _page_key(href, url) == _page_key(url, url)
    )


def candidates(root: etree._Element, url: str = "") -> list[Candidate]:
    """Every element the page marks as a heading or title, document order, texts of a title's
    size; an emphasized line inside another candidate is that candidate's."""
    found: list[Candidate] = []
    seen: set[str] = set()
    body = root.find(".//body")
    for el in (body if body is not None else root).iter(etree.Element):
        if el.tag == "a" and _permalink(el, url):
            rank: int | None = TITLE_ATTR_RANK
        elif el.tag in ("script", "style", "title", "a", "option", "select", "button"):
            continue
        else:
            rank = _rank(el)
        if rank is None:
            continue
        text = clean(el.text_content())
        if not MIN_TITLE <= len(comparable(text)) or len(text) > MAX_TITLE:
            continue
        if "@" in text or is_boilerplate(text):
            continue  # "All rights reserved 联系版主：x@371.net", a notice set in an <h3>
        if rank == EMPHASIS_RANK and text in seen:
            continue
        seen.add(text)
        found.append(Candidate(text, rank))
    return found


def thread_title(root: etree._Element, page_text: str) -> str:
    """The title a forum or blog post is given by its own furniture: the subject label
    ("<b>主题：</b> X"), or the "Re: X" / "回复:X" its replies and reply form carry, when an
    element prints X whole, or X is printed and so titled twice or in the form."""
    values = " ".join(str(v) for v in root.xpath("//input/@value"))
    if not _THREAD_MARK.search(values) and not _THREAD_MARK.search(root.text_content()):
        return ""  # no subject label and no reply anywhere: not a thread (most pages)
    replies: dict[str, int] = {}
    whole: set[str] = set()  # texts an element prints whole
    for el in root.iter("td", "th", "div", "p", "span", "b", "strong", "font", "li", "input"):
        if el.tag == "input":
            text, weight = clean(el.get("value", "")), 2
        elif len(el) <= 3:
            text, weight = clean(el.text_content()), 1
            if any(clean(child.text_content()) == text for child in el.iterchildren("*")):
                continue  # the child that holds it all is counted
        else:
            continue
        if not text or len(text) > MAX_TITLE:
            continue
        whole.add(text)
        labelled = _SUBJECT.match(text)
        if labelled and el.tag != "input":
            return labelled[1]
        reply = _REPLY.match(text)
        if reply and not reply[1].endswith(("。", ".")):  # a comment quoted, not a title
            replies[reply[1]] = replies.get(reply[1], 0) + weight
    shown = [
        t
        for t, n in replies.items()
        if (n >= 2 and spaced_pattern(t).search(page_text))
        or t in whole  # "<font>X</font>", "Re:X"
    ]
    return max(shown, key=lambda t: replies[t]) if shown else ""
