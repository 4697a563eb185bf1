"""Lists of short linked items set between the article's paragraphs.

News sites link every place or keyword they print to its topic page, and some paragraphs are
nothing but such items: an earthquake report's "大分県：大分市、臼杵市、佐伯市、竹田市", each a
link. Every pass drops them for their link density, though they sit between paragraphs it
keeps. A paragraph of at least two links whose items, split at the list's separators, are all
short words, set right between two kept lines, is put back between them.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.located import key

_ITEM_SEP = re.compile(r"[、，,;；：:/|・\s]+")
_ITEM_CHARS = 10  # a place or a keyword, not a headline
_MIN_LINKS = 2
_ARTICLE_PATH = re.compile(r"\d{4,}")  # "/15/0704/04/ATLE256Q00253B0H.html", "/a/1234567"
_WS = re.compile(r"\s+")


def _text(el: HtmlElement) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def _linked_list(p: HtmlElement) -> bool:
    """A paragraph of short items, at least two of them links to topic pages, none of them a
    story's (a related list's "证监会又出五大招救市 千亿资金输血市场")."""
    links = p.findall(".//a")
    if len(links) < _MIN_LINKS or p.find(".//img") is not None:
        return False
    if any(len(_text(a)) > _ITEM_CHARS or _ARTICLE_PATH.search(a.get("href", "")) for a in links):
        return False  # a headline, or a link to a story (its address dated or numbered)
    items = [item for item in _ITEM_SEP.split(_text(p)) if item]
    return bool(items) and all(len(item.rstrip("*")) <= _ITEM_CHARS for item in items)


def _sibling(el: HtmlElement, forward: bool) -> HtmlElement | None:
    """The element right after or before ``el``, comments passed over."""
    return next(el.itersiblings(etree.Element, preceding=not forward), None)


def with_linked_lists(lines: list[str], tree: HtmlElement) -> list[str]:
    """``lines`` with the linked lists the page sets between two of its consecutive lines."""
    if len(lines) < 2:
        return lines
    at = {key(line): n for n, line in reversed(list(enumerate(lines)))}
    runs: list[list[HtmlElement]] = []  # runs of sibling lists the lines leave out
    for p in tree.iter("p"):
        if key(_text(p)) not in at and _linked_list(p):
            before = _sibling(p, forward=False)
            if runs and runs[-1][-1] is before:
                runs[-1].append(p)
            else:
                runs.append([p])
    added: dict[int, list[str]] = {}
    for run in runs:
        before, after = _sibling(run[0], forward=False), _sibling(run[-1], forward=True)
        if before is None or after is None:
            continue
        a, b = at.get(key(_text(before))), at.get(key(_text(after)))
        if a is None or b != a + 1:
            continue
        added.setdefault(b, []).extend(map(_text, run))
    if not added:
        return lines
    out: list[str] = []
    for n, line in enumerate(lines):
        out += [*added.get(n, []), line]
    return out
