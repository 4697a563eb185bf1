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
from urllib.parse import unquote, urlsplit

from lxml import etree

from archiver.extract.headings import (
    EMPHASIS_RANK,
    MIN_TITLE,
    TITLE_ATTR_RANK,
    Candidate,
    candidates,
    clean,
    comparable,
    spaced_pattern,
    thread_title,
)

_WS = re.compile(r"\s+")
# A blog's separator: its name goes before the title ("多维博客 » …"), a site's after it.
BLOG_SEP = re.compile(r"\s»\s")
# Separators between a title and its site, channel or keyword suffix.
# Between a title and a site name: "--", "|", " - ", " － " (Japanese sites), " » " (blogs)
TITLE_SEP = re.compile(rf"\s*(?:--|—|–|\||｜|_| - | － | · |：：|::|{BLOG_SEP.pattern})\s*")
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
    r"|(?P<page>\d+)\s*/\s*(?P<pages>\d+))\s*[)）\]】]|\s(?:-|–|\|)\s*(?:第\s*\d+\s*页|(?:page|seite)\s+\d+(?:\s+(?:of|von)\s+\d+)?))"
    r"(?=\s*(?:--|—|–|\||｜|_| - | · )|\s*$)",
    re.I,
)
# A site name after a plain space: "土豆不“土” 土豆无“土” 松花江网".
_SPACED_SITE = re.compile(r"(?<=\S)\s+[^\s\d]{1,10}(?:网|报|社|在线|频道|之家)$")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}", re.I)
# A run of ``<title>`` that credits the writer, not the site: "… - By linksc" (HackerNoon),
# "… | by Jane Doe | Medium".
TITLE_BYLINE = re.compile(r"[Bb]y\s+(\S.{0,38}\S)")
# A line above the body that is a byline, a time or a label, not a title.
_NOT_A_TITLE = re.compile(
    r"(?:来源|作者|编辑|发布|时间|日期|浏览|阅读|点击|评论|分享)\s*[:：]|[:：]$|[。.]$"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}:\d{2}"
    r"|^(?:Posted|Updated|Published|By)\b|\s[>»›/]\s|[>»›]\s*$|^(?:正文|首页)|^[【\[][^】\]]*[】\]]$",
    re.I,
)
# What a name printed as a credit or a breadcrumb's step follows: "来源： 科普中国-科学原理",
# "© 2019 科普中国", "首页 - 新闻动态", "Home > News", "当前位置：".
_CREDITED = re.compile(
    r"(?:来源|出处|转载自|版权所有|Source|Copyright|©)\s*[:：]?\s*(?:\d{4}\s*)?$"
    r"|(?:首页|主页|Home|当前位置\s*[:：])\s*(?:[-—>»›/]\s*)?$",
    re.I,
)
_CREDIT_CHARS = 16
# What a heading's kicker and headline lose when printed as two spans: the ": " between them.
_KICKER_GAP = re.compile(r"[\s:：]+")
# A kicker before the headline it runs into, a colon between: "Exklusiv: ", "独家：".
_KICKER = re.compile(r"^[^:：|｜]{2,40}?(?::\s+|：)(?=\S)")
_WORD = re.compile(r"\w+")
_CELL_BARS = re.compile(r"^\s*\|(?:\s*\|)*|(?:\|\s*)*\|\s*$")
# A <title> that is only a trail of short steps: the site and its section ("世艺网>艺术教育").
_TRAIL = re.compile(r"[^>»›]{1,12}(?:\s*-?[>»›]\s*[^>»›]{1,12})+")
# A heading printed this close above the body's first line is the text's own.
_HEADING_GAP = 150
# How far above the body's first line (characters of visible text) its title may be printed.
NEAR_BODY = 600
# A stand-in title cut from the body's first sentence: at most this many characters.
STAND_IN_CHARS = 40


def _page_mark(mark: re.Match[str]) -> str:
    """'' for a page number; "（7/2）" (page 7 of 2) is a day, which stays."""
    paged = mark["page"] is None or int(mark["page"]) <= int(mark["pages"])
    return "" if paged else mark[0]


def unpaged(title: str) -> str:
    """``title`` without the page number of a multi-page article or thread ("(页 1)")."""
    cut = _PAGE_MARK.sub(_page_mark, title)
    return cut if len(comparable(cut)) >= MIN_TITLE else title


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
    a, b = comparable(short), comparable(long)
    if not a or len(a) < MIN_TITLE:
        return 0
    if a == b or (b.startswith(a) and len(a) >= 0.4 * len(b)):
        return 2
    if len(b) >= MIN_TITLE and a.startswith(b) and len(b) >= 0.6 * len(a):
        return 1  # the declared title cut short: by a length limit, or by its own quote mark
    if _words_dropped(short, long):
        return 2
    if (rest := _KICKER.sub("", long, count=1)) != long and a == comparable(rest):
        return 1  # "Iranischer Angriff auf Israel: «Title»": the kicker printed apart
    return int(a in b and any(a == comparable(run) for run in segments(long)))


def _words_dropped(heading: str, declared: str) -> bool:
    """True when ``declared`` is ``heading`` with a word or two left out inside it, as a
    publisher shortens the headline it shares ("The hard sell for British food in Asia" for
    the printed "The post-Brexit hard sell ..."); a kicker before or a tail after is not."""
    long, short = _WORD.findall(heading.lower()), _WORD.findall(declared.lower())
    extra = len(long) - len(short)
    if len(short) < 4 or not 0 < extra <= len(short) // 3 or long[0] != short[0]:
        return False
    if long[-1] != short[-1]:
        return False
    words = iter(long)
    return all(word in words for word in short)  # a subsequence, in order


def _is_site(part: str, site_names: AbstractSet[str]) -> bool:
    """A ``<title>`` segment that names the site: one of its names, or a domain."""
    c = comparable(part)
    return bool(_DOMAIN.fullmatch(part.strip())) or any(c == comparable(n) for n in site_names)


def strip_suffix(title: str, site_names: AbstractSet[str]) -> str:
    """``title`` without a trailing site name or ``_channel_site`` suffix, or a leading site
    name ("Joel on Software - 给计算机系学生的建议")."""
    title = clean(title)
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


def _without_site(title: str, site_names: AbstractSet[str]) -> str:
    """``title`` without a last run that is one of the site's names ("… | Aeon Essays"), and
    nothing else cut: a JSON-LD headline rarely carries a suffix."""
    seps = list(TITLE_SEP.finditer(title))
    if seps and _is_site(title[seps[-1].end() :], site_names):
        rest = title[: seps[-1].start()]
        if len(comparable(rest)) >= MIN_TITLE:
            return rest
    return title


def _as_title(text: str, page_text: str) -> list[re.Match[str]]:
    """Where ``text`` is printed in ``page_text`` other than as a credit or a breadcrumb's step:
    after "来源：", "Source:" or "©" a site's name is printed as the publisher, after "首页 -"
    a section's as the path to the page, not as a title."""
    return [
        m
        for m in spaced_pattern(text).finditer(page_text)
        if not _CREDITED.search(page_text[max(0, m.start() - _CREDIT_CHARS) : m.start()])
    ]


def _gap(text: str, above: str) -> int:
    """How many characters of visible text lie between ``text`` printed (as a title) and
    the body's first line; past ``NEAR_BODY`` when it is not printed above the body."""
    start = min(NEAR_BODY, len(above))
    ends = [m.end() for m in _as_title(text, above) if m.start() < start] if text else []
    return max(0, start - ends[-1]) if ends else NEAR_BODY + 1


def near_body(candidates: Sequence[Candidate], above: str) -> str:
    """The title-like line printed closest above the body. ``above``: the page's visible text
    up to the end of the body's first line, which starts ``NEAR_BODY`` characters in (or
    sooner); a title may run into that line ("茉莉：我是怎样卷入八九民运的" above a body that
    starts "我是怎样卷入八九民运的")."""
    start = min(NEAR_BODY, len(above))
    best, best_key = "", (start + 1, 99)
    for cand in candidates:
        if _NOT_A_TITLE.search(cand.text) or _DOMAIN.fullmatch(cand.text):
            continue
        ends = [m.end() for m in spaced_pattern(cand.text).finditer(above) if m.start() < start]
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
            if len(comparable(run)) < MIN_TITLE or _is_site(run, names):
                continue
            ends = [m.end() for m in _as_title(run, above) if m.start() < start]
            key = (max(0, start - ends[-1]), -len(run)) if ends else best_key
            if key < best_key:
                best, best_key = run, key
    return best


def stand_in_title(body_lines: Sequence[str], url: str = "") -> str:
    """A title for a page that prints none: the body's first heading-like line, else its first
    sentence cut short, else the last words of the URL's path."""
    lines = [clean(_CELL_BARS.sub(" ", line)) for line in body_lines]  # "| 招生简章 |": a cell
    lines = [line for line in lines if line]
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


def _short_title(
    root: etree._Element, declared: Sequence[str], site_names: AbstractSet[str]
) -> str:
    """A title shorter than any heading is taken for (a poem's "夜雨"), when the page's only
    ``<h1>`` prints exactly what a declared title opens with ("夜雨_原文、翻译及赏析_…") and
    is not the site's name (a blog's "Site » Post")."""
    h1s = root.findall(".//body//h1")
    text = clean(h1s[0].text_content()) if len(h1s) == 1 else ""
    if not 2 <= len(comparable(text)) < MIN_TITLE or _is_site(text, site_names):
        return ""
    opens = (TITLE_SEP.split(d, 1)[0].strip() for d in declared)
    return text if any(comparable(o) == comparable(text) for o in opens) else ""


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
    (``headings.thread_title``); the heading the declared titles (og:title, JSON-LD, ``<title>``)
    confirm best (og:title breaking ties), nearest the body of equals; the JSON-LD
    headline; the run of a declared title printed just above the body; a declared title,
    site names cut, that the page prints; the title-like line right above the body; a
    declared title; a marked heading; a stand-in from the body or the URL. ``above_body``:
    the page's visible text up to the end of the body's first line (``near_body``), when the
    body is known; ``page_text``: all of it. Declared titles lose a page number first."""
    thread = thread_title(root, page_text) if page_text else ""
    if thread:
        return thread
    node = root.find(".//title")
    page_title = unpaged(clean(node.text_content())) if node is not None else ""
    page_title = "" if _TRAIL.fullmatch(page_title) else page_title
    headline, og_title = unpaged(clean(headline)), unpaged(clean(og_title))
    declared = [t for t in (og_title, headline, page_title) if t]
    if short := _short_title(root, declared, site_names):
        return short
    found = candidates(root, url)
    marked = [c for c in found if c.rank < EMPHASIS_RANK]
    # og:title breaks a tie: the headline a publisher shares ("Daten von Rheinmetall gehackt -
    # Interne Unterlagen im Netz"), not the kicker and headline its <h1> runs together
    # a heading printing the site's address ("MDR.de" over its footer links) agrees with the
    # declared titles' suffix, never with their title
    scores = {
        c: (sum(_agreement(c.text, other) for other in declared), _agreement(c.text, og_title))
        if not _DOMAIN.fullmatch(c.text.strip())
        else (0, 0)
        for c in found
    }
    top = max(scores.values(), default=(0, 0))
    # a title starts its <title>; a later run is the site's, the blog's or the forum's name,
    # printed in an <h1> too. Of several equally good, the one printed just above the body.
    agreeing = [c for c in found if top[0] and scores[c] == top]
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
    # the page's one <h1>, which no declared title agrees with, over a JSON-LD headline the
    # page prints nowhere and og:title contradicts: the site gives a title to share and
    # another to index, the page prints its own
    h1s = [c.text for c in found if c.rank == 0]
    if (
        len(h1s) == 1
        and headline
        and og_title
        and comparable(og_title) != comparable(headline)
        and page_text
        and not _as_title(headline, page_text)
    ):
        return h1s[0]
    if headline:
        return _without_site(headline, site_names)
    names = set(site_names) | {c.text for c in marked if len(c.text) <= 8}
    stripped = [strip_suffix(t, names - {t}) for t in (og_title, page_title) if t]
    printed = _declared_near_body([og_title, page_title], names, above_body)
    # a heading marked as the title right above the text, which no declared title agrees
    # with: the declared ones name the site and section ("科普中国-辟谣文章")
    heading = near_body([c for c in marked if c.rank <= TITLE_ATTR_RANK], above_body)
    if heading and _gap(heading, above_body) <= _HEADING_GAP < _gap(printed, above_body):
        return heading
    if printed:
        return printed
    usable = [t for t in stripped if len(comparable(t)) >= MIN_TITLE]
    shown = [t for t in usable if _as_title(t, page_text)]
    if shown:  # the page prints it: confirmed, if not by a marked heading
        return shown[0]
    printed = near_body(found, above_body) if above_body else ""
    if printed or usable:
        return printed or usable[0]
    # "海姑娘 | blog.example.com" names the blog: a heading the page marks says more
    marked = sorted((c for c in marked if not _NOT_A_TITLE.search(c.text)), key=lambda c: c.rank)
    return marked[0].text if marked else (stripped or [stand_in_title(body_lines, url)])[0]
