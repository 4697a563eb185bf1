"""The article's title, by agreement among the places a page prints it.

og:title, the JSON-LD headline, the headings and ``<title>`` each go wrong on some portals: a
header promo or the navigation in the first ``<h1>`` ("全部导航"), a site or keyword suffix
on og:title and ``<title>`` ("_尼克斯_季后赛", "--经济·科技--人民网"), a ``<title>`` that
only greets the visitor ("谢谢您访问…") on old table-layout pages. The heading that the
declared titles confirm is the article's; without one, the title-like line printed right
above the body; site names are cut from the declared titles by the same agreement. A page
that prints no title at all still gets one (its body's first heading-like line, its first
sentence, its URL), so that the article is archived rather than lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from archiver.extract.boilerplate import is_boilerplate

_WS = re.compile(r"\s+")
# Separators between a title and its site, channel or keyword suffix.
# Between a title and a site name: "--", "|", " - ", " － " (Japanese sites), " » " (blogs)
TITLE_SEP = re.compile(r"\s*(?:--|—|–|\||｜|_| - | － | · |：：|::|\s»\s)\s*")
_SEP_CHARS = "-—–－|｜_·:：» "
# A last segment that names a site even without spaces around the dash: "-中国科普网".
_SITE_TAIL = re.compile(
    r"\s*[-_|｜]+\s*(?:[^-_|｜]{2,16}(?:网|报|社|新闻|在线|频道|资讯|之家|Online|News)"
    r"|(?=[^-_|｜\d]{0,7}[\u4e00-\u9fff])[^-_|｜\d\s]{2,8})\s*$"
)
# A page number a multi-page article or a forum thread adds to its title: "(页 1)", "（第2页）",
# "- Page 3 of 5"; "(1/3)" only in brackets.
_PAGE_MARK = re.compile(
    r"\s*(?:[(（\[【]\s*(?:页\s*[:：]?\s*\d+|第\s*\d+\s*页|(?:page|seite)\s*\d+(?:\s*(?:of|von|/)\s*\d+)?"
    r"|\d+\s*/\s*\d+)\s*[)）\]】]|\s(?:-|–|\|)\s*(?:第\s*\d+\s*页|(?:page|seite)\s+\d+(?:\s+(?:of|von)\s+\d+)?))"
    r"(?=\s*(?:--|—|–|\||｜|_| - | · )|\s*$)",
    re.I,
)
# A site name after a plain space: "土豆不“土” 土豆无“土” 松花江网".
_SPACED_SITE = re.compile(r"(?<=\S)\s+[^\s\d]{1,10}(?:网|报|社|在线|频道|之家)$")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}", re.I)
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
_TITLE_ATTR_RANK = 1
_EMPHASIS_RANK = 5
_EMPHASIS = ("b", "strong", "font")
_BLOCKS = ("p", "div", "td", "th", "center", "li", "span", "section")
# A line above the body that is a byline, a time or a label, not a title.
_NOT_A_TITLE = re.compile(
    r"(?:来源|作者|编辑|发布|时间|日期|浏览|阅读|点击|评论|分享)\s*[:：]|[:：]$|[。.]$"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}:\d{2}"
    r"|^(?:Posted|Updated|Published|By)\b|\s[>»›/]\s|[>»›]\s*$|^(?:正文|首页)|^[【\[][^】\]]*[】\]]$",
    re.I,
)
# A thread's subject as a forum labels it, and its replies' titles.
_SUBJECT = re.compile(r"^(?:主题|标题|帖子主题|帖子标题)\s*[:：]\s*(\S.{3,}?)\s*$")
_REPLY = re.compile(r"^(?:Re|RE|re|回复|答复)\s*[:：]\s*(\S.{3,}?)\s*$")
# A label crediting the publisher named after it: "来源： 科普中国-科学原理", "© 2019 科普中国".
_CREDITED = re.compile(
    r"(?:来源|出处|转载自|版权所有|Source|Copyright|©)\s*[:：]?\s*(?:\d{4}\s*)?$", re.I
)
_CREDIT_CHARS = 16
# A breadcrumb's path before a name: "首页 - 新闻动态", "Home > News", "当前位置：".
_CRUMBED = re.compile(r"(?:首页|主页|Home|当前位置\s*[:：])\s*(?:[-—>»›/]\s*)?$", re.I)
# What a heading's kicker and headline lose when printed as two spans: the ": " between them.
_KICKER_GAP = re.compile(r"[\s:：]+")
# A heading printed this close above the body's first line is the text's own.
_HEADING_GAP = 150
# How far above the body's first line (characters of visible text) its title may be printed.
NEAR_BODY = 600
# A stand-in title cut from the body's first sentence: at most this many characters.
STAND_IN_CHARS = 40


@dataclass(frozen=True)
class _Candidate:
    text: str
    rank: int  # 0 h1, 1 marked as a title, 2 h2, 3 h3, 4 h4, 5 an emphasized lone line


def _clean(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


def unpaged(title: str) -> str:
    """``title`` without the page number of a multi-page article or thread ("(页 1)")."""
    cut = _PAGE_MARK.sub("", title)
    return cut if len(_comparable(cut)) >= MIN_TITLE else title


def _comparable(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」《》<>.,，。!！?？:：]", "", text).lower()


def segments(title: str) -> list[str]:
    """The runs of a declared title between its separators, longest first: "A - B - C" gives
    itself, "A - B", "B - C", "A", "B", "C"."""
    cuts = [(m.start(), m.end()) for m in TITLE_SEP.finditer(title) if m.start() > 0]
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(title)]
    runs = {title[a:b].strip() for i, a in enumerate(starts) for b in ends[i:] if a < b}
    return sorted((r for r in runs if r), key=len, reverse=True)


def _agreement(short: str, long: str) -> int:
    """How well ``short`` agrees with a declared title ``long``: 2 when it is ``long`` or
    ``long`` with a suffix cut off, 1 when it is a later run between separators ("Site |
    Title", "论坛 -- Title -- 版块") or ``long`` is it cut short, 0 when it is neither."""
    a, b = _comparable(short), _comparable(long)
    if not a or len(a) < MIN_TITLE:
        return 0
    if a == b or (b.startswith(a) and len(a) >= 0.4 * len(b)):
        return 2
    if len(b) >= MIN_TITLE and a.startswith(b) and len(b) >= 0.6 * len(a):
        return 1  # the declared title cut short: by a length limit, or by its own quote mark
    return int(a in b and any(a == _comparable(run) for run in segments(long)))


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


def _rank(el: etree._Element) -> int | None:
    """How an element is marked as a title (see ``_Candidate.rank``); None when it is not."""
    if el.tag in _HEADINGS:
        return None if _furniture(el) else _HEADINGS[el.tag]
    attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
    if _TITLE_ATTR.search(attrs) and not _SUBTITLE_ATTR.search(attrs):
        return _TITLE_ATTR_RANK
    if el.tag in _EMPHASIS:  # <b><font size=3>Title</font></b> alone in its table cell
        block = next((a for a in el.iterancestors() if a.tag in _BLOCKS), None)
        if block is not None and _clean(block.text_content()) == _clean(el.text_content()):
            return _EMPHASIS_RANK
    return None


def _page_key(href: str, url: str) -> tuple[str, str]:
    """Host and path of a link, without the path's extension: one page whether a blog engine
    links its post as ``.aspx`` or ``.html``."""
    parts = urlsplit(urljoin(url, href.strip()))
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


def _candidates(root: etree._Element, url: str = "") -> list[_Candidate]:
    """Every element the page marks as a heading or title, document order, texts of a title's
    size; an emphasized line inside another candidate is that candidate's."""
    found: list[_Candidate] = []
    seen: set[str] = set()
    body = root.find(".//body")
    for el in (body if body is not None else root).iter(etree.Element):
        if el.tag == "a" and _permalink(el, url):
            rank: int | None = _TITLE_ATTR_RANK
        elif el.tag in ("script", "style", "title", "a", "option", "select", "button"):
            continue
        else:
            rank = _rank(el)
        if rank is None:
            continue
        text = _clean(el.text_content())
        if not MIN_TITLE <= len(_comparable(text)) or len(text) > MAX_TITLE:
            continue
        if "@" in text or is_boilerplate(text):
            continue  # "All rights reserved 联系版主：x@371.net", a notice set in an <h3>
        if rank == _EMPHASIS_RANK and text in seen:
            continue
        seen.add(text)
        found.append(_Candidate(text, rank))
    return found


def _is_site(part: str, site_names: AbstractSet[str]) -> bool:
    """A ``<title>`` segment that names the site: one of its names, or a domain."""
    c = _comparable(part)
    return bool(_DOMAIN.fullmatch(part.strip())) or any(c == _comparable(n) for n in site_names)


def strip_suffix(title: str, site_names: AbstractSet[str]) -> str:
    """``title`` without a trailing site name or ``_channel_site`` suffix, or a leading site
    name ("Joel on Software - 给计算机系学生的建议")."""
    title = _clean(title)
    for name in sorted(site_names, key=len, reverse=True):
        if len(name) >= 2 and title.endswith(name) and len(title) - len(name) >= MIN_TITLE:
            title = title[: -len(name)].rstrip(_SEP_CHARS)
    cut = _SITE_TAIL.sub("", _SPACED_SITE.sub("", title))
    title = cut if len(cut) >= MIN_TITLE else title
    parts = [p for p in TITLE_SEP.split(title) if p]
    named = [p for p in parts if not _is_site(p, site_names)]
    if len(parts) > 1 and named and len(named) < len(parts) and len(named[0]) >= MIN_TITLE:
        return named[0]  # what is left once the site's names are cut
    if len(parts) > 1 and len(parts[0]) >= MIN_TITLE + 1:
        return parts[0]
    return title


def _pattern(text: str) -> re.Pattern[str]:
    """``text`` matched whatever spaces the page's visible text puts between its characters."""
    return re.compile(r"\s*".join(map(re.escape, _WS.sub("", text))))


def _as_title(text: str, page_text: str) -> list[re.Match[str]]:
    """Where ``text`` is printed in ``page_text`` other than as a credit or a breadcrumb's step:
    after "来源：", "Source:" or "©" a site's name is printed as the publisher, after "首页 -"
    a section's as the path to the page, not as a title."""
    return [
        m
        for m in _pattern(text).finditer(page_text)
        if not _CREDITED.search(page_text[max(0, m.start() - _CREDIT_CHARS) : m.start()])
        and not _CRUMBED.search(page_text[max(0, m.start() - _CREDIT_CHARS) : m.start()])
    ]


def _gap(text: str, above: str) -> int:
    """How many characters of visible text lie between ``text`` printed (as a title) and
    the body's first line; past ``NEAR_BODY`` when it is not printed above the body."""
    start = min(NEAR_BODY, len(above))
    ends = [m.end() for m in _as_title(text, above) if m.start() < start] if text else []
    return max(0, start - ends[-1]) if ends else NEAR_BODY + 1


def near_body(candidates: Sequence[_Candidate], above: str) -> str:
    """The title-like line printed closest above the body. ``above``: the page's visible text
    up to the end of the body's first line, which starts ``NEAR_BODY`` characters in (or
    sooner); a title may run into that line ("茉莉：我是怎样卷入八九民运的" above a body that
    starts "我是怎样卷入八九民运的")."""
    start = min(NEAR_BODY, len(above))
    best, best_key = "", (start + 1, 99)
    for cand in candidates:
        if _NOT_A_TITLE.search(cand.text) or _DOMAIN.fullmatch(cand.text):
            continue
        ends = [m.end() for m in _pattern(cand.text).finditer(above) if m.start() < start]
        if ends:
            key = (max(0, start - ends[-1]), cand.rank)
            if key < best_key:
                best, best_key = cand.text, key
    return best


def _declared_near_body(declared: Sequence[str], names: AbstractSet[str], above: str) -> str:
    """The run of a declared title that the page prints closest above its body: the article's
    part of "论坛名 -- 帖子标题", whichever side the site puts its name."""
    start = min(NEAR_BODY, len(above))
    best, best_key = "", (start + 1, 0)
    for title in declared:
        for run in segments(title) if title else ():
            if len(_comparable(run)) < MIN_TITLE or _is_site(run, names):
                continue
            ends = [m.end() for m in _as_title(run, above) if m.start() < start]
            key = (max(0, start - ends[-1]), -len(run)) if ends else best_key
            if key < best_key:
                best, best_key = run, key
    return best


def _thread_title(root: etree._Element, page_text: str) -> str:
    """The title a forum or blog post is given by its own furniture: the subject label
    ("<b>主题：</b> X"), or the "Re: X" / "回复:X" its replies and reply form carry, when an
    element prints X whole, or X is printed and so titled twice or in the form."""
    replies: dict[str, int] = {}
    whole: set[str] = set()  # texts an element prints whole
    for el in root.iter("td", "th", "div", "p", "span", "b", "strong", "font", "li", "input"):
        if el.tag == "input":
            text, weight = _clean(el.get("value", "")), 2
        elif len(el) <= 3:
            text, weight = _clean(el.text_content()), 1
            if any(_clean(child.text_content()) == text for child in el.iterchildren("*")):
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
        if (n >= 2 and _pattern(t).search(page_text)) or t in whole  # "<font>X</font>", "Re:X"
    ]
    return max(shown, key=lambda t: replies[t]) if shown else ""


def stand_in_title(body_lines: Sequence[str], url: str = "") -> str:
    """A title for a page that prints none: the body's first heading-like line, else its first
    sentence cut short, else the last words of the URL's path."""
    lines = [_clean(line) for line in body_lines if _clean(line)]
    for line in lines[:3]:
        if MIN_TITLE <= len(line) <= 50 and not re.search(r"[。.;；,，:：]$", line):
            return line
    if lines:
        sentence = re.split(r"(?<=[。！？!?])|(?<=\.)\s", lines[0], maxsplit=1)[0].strip()
        if len(sentence) <= STAND_IN_CHARS:
            return sentence
        cut = sentence[:STAND_IN_CHARS]
        if " " in cut and not re.search(r"[\u3400-\u9fff]", cut):
            cut = cut.rsplit(" ", 1)[0]
        return cut.rstrip(" ,，、;；:：") + "…"
    path = unquote(urlsplit(url).path).rstrip("/")
    slug = re.sub(r"\.\w{2,5}$", "", path.rsplit("/", 1)[-1])
    words = re.sub(r"[-_+]+", " ", slug).strip()
    return words if re.search(r"[^\W\d]", words) else ""


def extract_title(
    root: etree._Element,
    headline: str = "",
    og_title: str = "",
    site_names: AbstractSet[str] = frozenset(),
    above_body: str = "",
    body_lines: Sequence[str] = (),
    url: str = "",
    page_text: str = "",
) -> str:
    """The article title, from the first of: a forum thread's subject or its replies' title
    (``_thread_title``); the heading the declared titles (og:title, JSON-LD, ``<title>``)
    confirm best (og:title breaking ties), nearest the body of equals; the JSON-LD
    headline; the run of a declared title printed just above the body; a declared title,
    site names cut, that the page prints; the title-like line right above the body; a
    declared title; a marked heading; a stand-in from the body or the URL. ``above_body``:
    the page's visible text up to the end of the body's first line (``near_body``), when the
    body is known; ``page_text``: all of it. Declared titles lose a page number first."""
    thread = _thread_title(root, page_text) if page_text else ""
    if thread:
        return thread
    node = root.find(".//title")
    page_title = unpaged(_clean(node.text_content())) if node is not None else ""
    headline, og_title = unpaged(_clean(headline)), unpaged(_clean(og_title))
    declared = [t for t in (og_title, headline, page_title) if t]
    candidates = _candidates(root, url)
    marked = [c for c in candidates if c.rank < _EMPHASIS_RANK]
    # og:title breaks a tie: the headline a publisher shares ("Daten von Rheinmetall gehackt -
    # Interne Unterlagen im Netz"), not the kicker and headline its <h1> runs together
    scores = {
        c: (sum(_agreement(c.text, other) for other in declared), _agreement(c.text, og_title))
        for c in candidates
    }
    top = max(scores.values(), default=(0, 0))
    # a title starts its <title>; a later run is the site's, the blog's or the forum's name,
    # printed in an <h1> too. Of several equally good, the one printed just above the body.
    agreeing = [c for c in candidates if top[0] and scores[c] == top]
    best = near_body(agreeing, above_body) if above_body else ""
    if not best and agreeing:
        best = min(agreeing, key=lambda c: c.rank).text
    if best:
        # the heading's kicker and headline are spans printed apart ("Ahrtal-FlutZwei"): the
        # declared title says the same with the publisher's own ": " between them
        same = (
            t for t in declared if t != best and _KICKER_GAP.sub("", t) == _KICKER_GAP.sub("", best)
        )
        return next(same, best)
    if headline:
        return headline
    names = set(site_names) | {c.text for c in marked if len(c.text) <= 8}
    stripped = [strip_suffix(t, names - {t}) for t in (og_title, page_title) if t]
    printed = _declared_near_body([og_title, page_title], names, above_body)
    # a heading marked as the title right above the text, which no declared title agrees
    # with: the declared ones name the site and section ("科普中国-辟谣文章")
    heading = near_body([c for c in marked if c.rank <= _TITLE_ATTR_RANK], above_body)
    if heading and _gap(heading, above_body) <= _HEADING_GAP < _gap(printed, above_body):
        return heading
    if printed:
        return printed
    usable = [t for t in stripped if len(_comparable(t)) >= MIN_TITLE]
    shown = [t for t in usable if _as_title(t, page_text)]
    if shown:  # the page prints it: confirmed, if not by a marked heading
        return shown[0]
    printed = near_body(candidates, above_body) if above_body else ""
    if printed or usable:
        return printed or usable[0]
    # "海姑娘 | blog.example.com" names the blog: a heading the page marks says more
    marked = sorted((c for c in marked if not _NOT_A_TITLE.search(c.text)), key=lambda c: c.rank)
    return marked[0].text if marked else (stripped or [stand_in_title(body_lines, url)])[0]
