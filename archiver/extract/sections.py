"""Where the article ends on the page: the first comment or recommendation heading after it.

Portals put reader comments and "related" lists right after the article, often in containers
with meaningless class names, and both trafilatura settings then keep them. Their headings
(网友评论, 精选留言, 相关推荐, 猜你喜欢...) are reliable: text that sits after such a heading
in document order, past the start of the article, is not article text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.extract.located import holders

_COMMENTS_WORD = r"^(?:网友|热门|全部|最新|精彩|精选|用户|读者)?(?:评论|留言|跟帖)"
_HEADING = re.compile(
    _COMMENTS_WORD + r"(?:列表|区)?\s*"
    r"(?:[（(]?\s*\d*\s*[)）])?$|"
    r"^(?:相关|热门|精彩|为你|更多|编辑)(?:推荐|阅读|文章|新闻|稿件|报道)[:：]?$|"
    r"^(?:往期推荐|往期回顾|延伸阅读|推荐阅读|大家都在看|你可能还喜欢|猜你喜欢|"
    r"喜欢此内容的人还喜欢|热门推荐|热点推荐)[:：]?$"
)
_COMMENTS = re.compile(_COMMENTS_WORD)
_SKIP = frozenset(("script", "style", "noscript", "template"))
_WS = re.compile(r"\s+")
_KEY = 12
_MAX_HEADING = 16
_PARAGRAPH = 30  # the article starts at its first line this long (not at the headline)


def names_other_section(text: str) -> bool:
    """True for a heading naming the comments or a recommendation list (网友评论, 相关阅读)."""
    return bool(_HEADING.match(text.strip()))


def _key(text: str) -> str:
    return _WS.sub("", text)[:_KEY]


def _is_heading(el: HtmlElement) -> bool:
    """A short text block naming a comment or recommendation section (links are buttons)."""
    text = (el.text or "").strip()
    if not text or len(text) > _MAX_HEADING or not _HEADING.match(text):
        return False
    parent = el.getparent()
    if el.tag == "a" or (parent is not None and parent.tag == "a"):
        return False
    return len(el) == 0 or el.text_content().strip() == text


def _positions(tree: HtmlElement) -> tuple[dict[str, int], list[int], list[HtmlElement]]:
    """Document position of each text start, the positions of section headings (the starts
    only read when there is a heading: most pages have none) and the element at each position."""
    texts: list[tuple[int, str]] = []
    headings: list[int] = []
    body = tree.find(".//body")
    elements = list((body if body is not None else tree).iter())
    for pos, el in enumerate(elements):
        tag = el.tag  # read once: lxml builds the string on each read
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        text, tail = el.text, el.tail
        if text:
            texts.append((pos, text))
            if _is_heading(el):
                headings.append(pos)
        if tail:
            texts.append((pos, tail))
    starts: dict[str, int] = {}
    for pos, text in texts if headings else ():
        if len(text.strip()) >= 4:
            starts.setdefault(_key(text), pos)
    return starts, headings, elements


def _inset(heading: HtmlElement, before: HtmlElement, after: list[HtmlElement]) -> bool:
    """True when a recommendation heading heads a box set inside the article: the box sits
    among the article's own paragraphs, the one ``before`` it and one of those ``after`` it
    (old portals print "推荐阅读" tables mid-text). Comment headings always end the article."""
    if _COMMENTS.match((heading.text or "").strip()):
        return False
    shared = set(before.iterancestors())
    box = heading
    while (parent := box.getparent()) is not None and parent not in shared:
        box = parent
    if parent is None or box is heading:
        return False  # a bare heading line: nothing tells it from the article's end

    def beside(el: HtmlElement) -> bool:  # a paragraph of the box's parent, or its text
        return el.getparent() is parent or el is parent or el.getparent() in parent

    return beside(before) and any(beside(el) and box not in el.iterancestors() for el in after)


def cut_after_sections(lines: list[str], tree: HtmlElement) -> list[str]:
    """Drop the lines located after the first comment/related heading that follows the
    article's first paragraph, and heads no box inset in the article; lines not found on the
    page are kept."""
    if len(lines) < 2:
        return lines
    starts, headings, elements = _positions(tree)
    if not headings:
        return lines
    located = [starts.get(_key(line)) for line in lines]
    paragraphs = [
        pos
        for pos, line in zip(located, lines, strict=True)
        if pos is not None and len(line) >= _PARAGRAPH
    ]
    if not paragraphs:
        return lines
    end = None
    for at, h in enumerate(headings):
        if h <= paragraphs[0]:
            continue
        following = headings[at + 1] if at + 1 < len(headings) else len(elements)
        before = elements[max(pos for pos in paragraphs if pos < h)]
        after = [elements[pos] for pos in paragraphs if h < pos < following]
        if not _inset(elements[h], before, after):
            end = h
            break
    if end is None:
        return lines
    return [line for line, pos in zip(lines, located, strict=True) if pos is None or pos < end]


_ELSEWHERE = frozenset(("aside", "nav"))
_MAX_FOREIGN_LINES = 8


def _article_of(el: HtmlElement) -> HtmlElement | None:
    return next(el.iterancestors("article"), None)


def _elsewhere(tree: HtmlElement) -> bool:
    """True when the page has a place outside its article to print text in: an ``<aside>``,
    a ``<nav>``, a second ``<article>`` (most old portals have none: nothing to look up)."""
    return any(tree.find(f".//{tag}") is not None for tag in _ELSEWHERE) or (
        len(tree.findall(".//article")) > 1
    )


def cut_foreign_tail(lines: list[str], tree: HtmlElement) -> list[str]:
    """Drop the lines closing the text that the page prints outside the article: in an
    ``<aside>`` or ``<nav>``, or in another ``<article>`` than the one holding the first line
    (a teaser of the next story and its byline, a menu's label)."""
    if len(lines) < 2 or not _elsewhere(tree):
        return lines
    firsts = holders(tree, lines[0])
    home = _article_of(firsts[0]) if firsts else None
    end = len(lines)
    while end > 1 and len(lines) - end < _MAX_FOREIGN_LINES:
        found = holders(tree, lines[end - 1])
        if not found:
            break
        el = found[0]
        other = _article_of(el)
        if not (
            any(a.tag in _ELSEWHERE for a in el.iterancestors())
            or (home is not None and other is not None and other is not home)
        ):
            break
        end -= 1
    return lines[:end]
