"""Where on a page the byline and the credits are printed: the article's header and footer.

Bylines, times and credits sit right around the article: between its title and its first
paragraph, and just after its last one. Looking there, however deep in the document, rather
than in a fixed window from the top, keeps the navigation's dates and the related list's
bylines out. The page is read as one line of visible text (one space between text nodes, so a
time split over several elements reads as one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_WS = re.compile(r"\s+")
# Spaces, and the private-use characters an old GBK page's spaces decode to (U+E5C2).
_BLANK = re.compile(r"[\s\ue000-\uf8ff]+")
# Before the title or the first paragraph: how much of the header to read, and after the
# last paragraph: how much of the footer.
HEADER_BEFORE = 600
HEADER_AFTER = 120
# Blog themes print the date just above the title ("Dec 28 Sat 2013 00:28", then the title):
# how much to read before it, for a time only (a sidebar's names may sit there too).
TITLE_LEAD = 60
# A title printed this far above the body still starts its header (a summary box, a player
# or a share bar between them); further up, it is a copy in the navigation.
HEADER_MAX = 2000
FOOTER_BEFORE = 200
FOOTER_AFTER = 400
# Old pages space two-character labels out to line them up: "作　者：", "来　源：".
_SPACED_LABEL = re.compile(
    r"(作|来|编|记|出|日|时|责|摄|撰) ((?:者|源|辑|处|期|间|编|影|文)\s*[:：])"
)
# The labels credits are read by, in traditional characters ("中央社記者X台北21日電", "（編輯：X）",
# "發佈時間："), as their simplified forms: whole label words, each as long as its simplified
# form, so a name or an outlet ("香港電台") keeps its characters and its place.
_LABEL_WORDS = {
    "記者": "记者",
    "編輯": "编辑",
    "責編": "责编",
    "責任": "责任",
    "來源": "来源",
    "發佈": "发布",
    "發布": "发布",
    "發表": "发表",
    "時間": "时间",
    "攝影": "摄影",
    "通訊員": "通讯员",
    "評論員": "评论员",
    "特約": "特约",
    "見習": "见习",
    "實習": "实习",
    "編譯": "编译",
    "翻譯": "翻译",
    "圖片": "图片",
    "報導": "报道",
    "報道": "报道",
}
_LABEL_WORD = re.compile("|".join(_LABEL_WORDS) + "|(?<=[^\\W\\d_A-Za-z])攝(?=[）)\\s]|$)")


def _simplified_labels(text: str) -> str:
    """``text`` with its traditional label words in simplified characters (see above); a
    photo's credit "張新偉攝）" ends in 摄."""
    return _LABEL_WORD.sub(lambda m: _LABEL_WORDS.get(m[0], "摄"), text)


_TOP_CHARS = 4000
_KEY_CHARS = 14
# A line this long is told apart from others: its place on the page says where it goes.
_ORDER_CHARS = 12
# A kicker printed with the headline on its line is at most this long.
_KICKER_CHARS = 40


@dataclass(frozen=True)
class Regions:
    """The page's visible text and the parts of it around the article."""

    text: str
    header: str
    footer: str
    closing: str = ""  # the article's last line, where a signature "（记者X）" ends the text
    lead: str = ""  # just before the title, where a blog prints the post's date
    above: str = ""  # the header before the body's first line: credits, not running text


# A script writing plain text into the page (no markup, no expression).
_WRITTEN = re.compile(r"document\.write(?:ln)?\(\s*(['\"])([^'\"<>\\]{4,200})\1\s*\)")


def visible_text(root: etree._Element) -> str:
    """The visible text of the page's body on one line: scripts and styles left out, but not
    the plain text a script writes where it stands (CNN's ``document.write('August 13, 2010
    7:08 p.m. EDT')``, the only place its time is)."""
    body = root.find(".//body")
    node = body if body is not None else root
    chunks = node.xpath(
        ".//text()[not(ancestor::style) and not(ancestor::noscript)"
        " and not(ancestor::template) and not(ancestor::title)]"
    )
    shown = []
    for chunk in chunks:
        parent = chunk.getparent()
        if parent is not None and parent.tag == "script" and chunk.is_text:
            shown += [m[2] for m in _WRITTEN.finditer(chunk)]
        else:  # a script's tail is the page's text
            shown.append(chunk)
    return _SPACED_LABEL.sub(r"\1\2", _BLANK.sub(" ", " ".join(shown)).strip())


def _pattern(line: str, tail: bool = False) -> re.Pattern[str] | None:
    """A line's first (or last) characters, matched whatever spaces the page puts between them
    (a link inside a sentence reads "近日， 捷途汽车 一门店" in the visible text)."""
    chars = _WS.sub("", line)
    chars = chars[-_KEY_CHARS:] if tail else chars[:_KEY_CHARS]
    return re.compile(r"\s*".join(map(re.escape, chars))) if chars else None


def locate_body(text: str, lines: list[str]) -> tuple[int, int]:
    """Where the body's text starts and ends in the page's text; -1 where it is not found.

    The first line may also be printed above the article (a summary); the start is the
    occurrence that the second line follows."""
    first = _pattern(lines[0])
    if first is None:
        return -1, -1
    starts = [m.start() for m in first.finditer(text)]
    if not starts:
        return -1, -1
    start = starts[0]
    second = _pattern(lines[1]) if len(lines) > 1 else None
    if second is not None and len(starts) > 1:
        for match in first.finditer(text):  # the occurrence the second line directly follows
            rest = match.end() + len(_WS.sub("", lines[0])) + 60
            if second.search(text, match.end(), rest):
                start = match.start()
                break
    elif len(lines) > 2 and (moved := _printed_in_order(text, lines[1:3], start)) >= 0:
        start = moved  # an extractor set a closing line first ("已被阅读178次")
    last = _pattern(lines[-1], tail=True)
    ends = [m.end() for m in last.finditer(text, start)] if last is not None else []
    return start, (ends[0] if ends else -1)


def _printed_in_order(text: str, lines: list[str], before: int) -> int:
    """Where ``lines`` start when the page prints each, in order, before ``before``; -1 if
    it does not (or a line is too short to tell)."""
    at, first = 0, -1
    for line in lines:
        pattern = _pattern(line)
        found = pattern.search(text, at, before) if pattern is not None else None
        if found is None or len(_WS.sub("", line)) < _ORDER_CHARS:
            return -1
        first = found.start() if first < 0 else first
        at = found.end()
    return first


def _is_headline(line: str, title: str) -> bool:
    """True for a line that prints the title, with a kicker at most ("Premiere in X - Title")."""
    printed, wanted = _WS.sub("", line), _WS.sub("", title)
    return len(wanted) >= 4 and wanted in printed and len(printed) <= len(wanted) + _KICKER_CHARS


def find_regions(text: str, title: str = "", body_lines: list[str] | None = None) -> Regions:
    """Header and footer of the article in ``text``.

    The header ends at the body's first line (or just after the title when the body is not
    known) and the footer starts at the body's last line; without either, the header is the
    top of the page and the footer is empty.
    """
    lines = [line for line in body_lines or [] if line.strip()]
    if len(lines) > 1 and _is_headline(lines[0], title):
        lines = lines[1:]  # the headline heads the text: the header (byline, time) follows it
    start, end = locate_body(text, lines) if lines else (-1, -1)
    title_at = text.find(_WS.sub(" ", title).strip()) if len(title.strip()) >= 4 else -1
    if start >= 0:
        if 0 <= title_at < start:  # from the title on, if it is printed above the body
            begin = title_at if start - title_at <= HEADER_MAX else start - HEADER_BEFORE
        else:
            begin = max(0, start - HEADER_BEFORE)
        header, above = text[begin : start + HEADER_AFTER], text[begin:start]
    elif title_at >= 0:
        header = above = text[title_at : title_at + len(title) + HEADER_BEFORE]
    else:
        header, above = text[:_TOP_CHARS], ""
    footer = text[max(0, end - FOOTER_BEFORE) : end + FOOTER_AFTER] if end >= 0 else ""
    closing = _WS.sub(" ", lines[-1]).strip() if lines else ""
    lead = text[max(0, title_at - TITLE_LEAD) : title_at] if title_at >= 0 else ""
    return Regions(
        text=text,
        header=_simplified_labels(header),
        footer=_simplified_labels(footer),
        closing=_simplified_labels(closing),
        lead=lead,
        above=_simplified_labels(above),
    )
