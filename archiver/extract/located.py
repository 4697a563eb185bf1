"""Where a line of an extracted text is printed on the page, and where a block goes in a body.

Extractors give the article as lines of text; the page holds the same text in its elements,
cut by links and emphasis and spaced its own way. A line is found again by its first
characters, spaces left out (``key``), or as printed (``holders``); a block put back into an
extracted body goes right after the text that holds a key (``place_after``).
"""

from __future__ import annotations

import re

from lxml import etree

_WS = re.compile(r"\s+")
KEY_CHARS = 12
_BLOCKS = ("p", "div", "h2", "h3", "h4", "li", "blockquote", "section")
_LONG_PROBE_CHARS = 16
PROBE_CHARS = 6  # short enough to sit in one text node, long enough to be the line's
# Text nodes that are never printed: a line found there (a JSON-LD copy) is not the article's.
_PARAGRAPHS = " or ".join(f"self::{t}" for t in "p li dd blockquote h2 h3 h4 td".split())
_UNPRINTED = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::title"


def key(text: str) -> str:
    """The first characters of a text, spaces left out: how a line is found again."""
    return _WS.sub("", text)[:KEY_CHARS]


def probe(line: str, chars: int) -> str:
    """The line's first characters as printed: ``chars`` of them that are not spaces,
    single-spaced ("Name a home" in English, "7月29日上午" in Chinese)."""
    words = _WS.sub(" ", line).strip()
    end = 0
    for end, char in enumerate(words, 1):
        if len(words[:end].replace(" ", "")) >= chars and char != " ":
            break
    return words[:end]


def holders(root: etree._Element, line: str) -> list[etree._Element]:
    """The printed elements whose own text starts the line, document order. Text is compared
    single-spaced, as the line is; a longer start first (a few English words can also be in
    the title), then a short one (a link can cut the line's text after a few characters)."""
    for chars in (_LONG_PROBE_CHARS, PROBE_CHARS):
        start = probe(line, chars)
        if not start:
            return []
        nodes = root.xpath(
            f"//text()[contains(normalize-space(.), $k) and not({_UNPRINTED})]", k=start
        )
        if nodes:
            found = []
            for node in nodes:
                parent = node.getparent()
                if parent is not None and not isinstance(parent.tag, str):
                    parent = parent.getparent()  # a comment's tail: its element holds it
                if parent is not None:
                    found.append(parent)
            return found
    # the start is cut into several text nodes ("(<em>Reuters</em>) — The New York ..."):
    # the paragraphs whose whole text starts with it
    start = probe(line, _LONG_PROBE_CHARS)
    return list(root.xpath(f"//*[{_PARAGRAPHS}][starts-with(normalize-space(.), $k)]", k=start))


def place_after(body: etree._Element, holder: etree._Element, after_key: str) -> None:
    """Put ``holder`` right after the text that holds ``after_key`` (its first characters,
    spaces left out): after the innermost body block holding it, or after the loose text a
    container holds it in; at the top when no text holds it."""
    block = _holding(body, after_key) if after_key else None
    if block is None:
        body.insert(0, holder)
        return
    while (inner := _holding(block, after_key, skip=block)) is not None:
        block = inner
    inner_blocks = any(b is not block for b in block.iter(*_BLOCKS))
    if not inner_blocks and block.getparent() is not None:
        block.addnext(holder)  # a paragraph: the holder follows it
        return
    for child in block:  # a container holding the text loose, between its blocks
        if after_key in _WS.sub("", child.tail or ""):
            child.addnext(holder)
            return
    if after_key in _WS.sub("", block.text or ""):
        block.insert(0, holder)
    elif block.getparent() is not None:
        block.addnext(holder)
    else:
        body.insert(0, holder)


def _holding(
    root: etree._Element, key: str, skip: etree._Element | None = None
) -> etree._Element | None:
    """The first block in ``root`` (not ``skip``) whose text holds ``key``."""
    for block in root.iter(*_BLOCKS):
        if block is not skip and key in _WS.sub("", block.text_content()):
            return block
    return None
