"""Pages of several posts (a blog's front page or monthly archive): the text is the first post.

Such a page prints each post under (or over) the same kind of header, its title and its date
and time, and both trafilatura settings and the density pass keep them all: they are the
page's text. A stored article is one post, the newest, which the page shows first (its URL names no
other), so the text stops where a header with another date and time begins.
"""

from __future__ import annotations

import re

# "2005-06-13 15:00:14", "2005年6月13日 15:00", "2005/06/13 15:00"
_STAMP = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(\d{1,2})\s*[:：]\s*(\d{2})"
)
_PROSE = re.compile(r"[。！？!?.…]")
_HEADING_MAX = 60  # characters a header holds besides its time
_MIN_POSTS = 3  # headers with distinct times before a page counts as a list of posts
_POST_MIN = 80  # characters of text the first post holds before the second header
# A forum's card of its poster, printed under the post: "积分 1493 话题 108 注册排名 3006".
_CARD_LABEL = re.compile(
    r"(?:积分|话题|帖子|主题|回帖|精华|威望|金钱|经验|注册排名|注册时间|最后登录|在线时间|粉丝|获赞)"
    r"\s*[:：]?\s*\d*"
)
_CARD_LINE = 40  # a card's lines are at most this long, and none ends a sentence
_CARD_LABELS = 2


def _stamp(line: str) -> tuple[int, ...] | None:
    """The date and time a post header prints, or None when the line is no header: a title
    (or a byline) beside one date-time, and nothing long."""
    found = _STAMP.findall(line)
    if len(found) != 1:
        return None
    rest = _STAMP.sub("", line)
    words = re.sub(r"[\s|｜@()（）\[\]]+", "", rest)
    if not words or len(rest.strip(" |｜")) > _HEADING_MAX:
        return None
    return tuple(int(part) for part in found[0])


def _signature(line: str) -> tuple[int, ...] | None:
    """The date and time of a post's signature that ends the line, however long the post
    before it ("… 〓 网易娱乐 发布时间 2005/03/15 22:36:13 by duscha 〓 |": a table cell)."""
    found = list(_STAMP.finditer(line))
    if not found or len(line) - found[-1].end() > _HEADING_MAX:
        return None
    return tuple(int(part) for part in found[-1].groups())


def _prose(lines: list[str]) -> int:
    return sum(len(line) for line in lines if _PROSE.search(line))


def first_post(lines: list[str]) -> list[str]:
    """The lines up to the second post's header on a page of at least three posts, or up to
    the first post's signature where each post prints its time under its text (an old
    forum's "〓 发布时间 2005/03/15 22:36:13 by X 〓"); all the lines on any other page."""
    signed = [_signature(line) for line in lines]
    if len({s for s in signed if s is not None}) >= _MIN_POSTS:
        first = next(i for i, s in enumerate(signed) if s is not None)
        last = max(i for i, s in enumerate(signed) if s is not None)
        before = [*lines[:first], _STAMP.split(lines[first])[0]]
        if _prose(before) >= _POST_MIN and _prose(lines[last + 1 :]) < _POST_MIN:
            return lines[: first + 1]  # each post signed under its text: the first one ends it
    stamps = [_stamp(line) for line in lines]
    distinct = {s for s in stamps if s is not None}
    if len(distinct) < _MIN_POSTS:
        return lines
    first = next(i for i, s in enumerate(stamps) if s is not None)
    seen = 0
    for i in range(first + 1, len(lines)):
        if stamps[i] is not None and stamps[i] != stamps[first]:
            return lines[:i] if seen >= _POST_MIN else lines
        seen += len(lines[i]) if _PROSE.search(lines[i]) else 0
    return lines


def drop_poster_card(lines: list[str]) -> list[str]:
    """The lines without the poster's card that ends them: the run of short lines, none a
    sentence, holding at least two of a forum's member counts ("积分", "1493", "话题", …) with
    the post's own controls and the poster's motto beside them ("管理", "浏览 (640)")."""
    end, labels = len(lines), 0
    while end > 1:
        line = lines[end - 1].strip()
        if not line or len(line) > _CARD_LINE or _PROSE.search(line[-1]):
            break
        labels += bool(_CARD_LABEL.fullmatch(line))
        end -= 1
    return lines[:end] if labels >= _CARD_LABELS else lines
