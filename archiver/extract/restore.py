"""Put back the article's images that generic extraction dropped.

Trafilatura's HTML output loses images on many real pages (lazy ``data-src`` images, an image
alone in its paragraph). The article's own container is still in the page: the smallest
element holding its first and last lines. Its images, up to the last line, go back into the
extracted body after the paragraph they followed, so the stored article shows them where the
page did. Page furniture among them is left to ``resolve_images`` to drop.
"""

from __future__ import annotations

import copy
import re

import lxml.html
from lxml import etree

from archiver.extract.images import image_source

_WS = re.compile(r"\s+")
_KEY_CHARS = 12
_BLOCKS = ("p", "div", "h2", "h3", "h4", "li", "blockquote", "section")
_PROBE_CHARS = 6  # short enough to sit in one text node, long enough to be the line's


def key(text: str) -> str:
    """The first characters of a text, spaces left out: how a line is found again."""
    return _WS.sub("", text)[:_KEY_CHARS]


def _holders(root: etree._Element, line: str) -> list[etree._Element]:
    """The elements whose own text starts the line (its first characters), document order."""
    probe = _WS.sub("", line)[:_PROBE_CHARS]
    if not probe:
        return []
    nodes = root.xpath("//text()[contains(., $k)]", k=probe)
    return [n.getparent() for n in nodes if n.getparent() is not None]


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element | None:
    ancestors = {id(x) for x in a.iterancestors()} | {id(a)}
    for node in (b, *b.iterancestors()):
        if id(node) in ancestors:
            return node
    return None


def _preceding_text(img: etree._Element, container: etree._Element) -> str:
    """The key of the last text printed before ``img`` inside ``container`` ('' if none)."""
    text = ""
    for el in container.iter():
        if el is img:
            return text
        chunk = (
            (el.text or "") if isinstance(el.tag, str) and el.tag not in ("script", "style") else ""
        )
        if _WS.sub("", chunk):
            text = key(chunk)
        if el.tail and _WS.sub("", el.tail) and el is not container:
            text = key(el.tail)
    return text


def restore_images(body: etree._Element, root: etree._Element, lines: list[str], url: str) -> int:
    """Insert into ``body`` the images of the article's container it lacks; return how many."""
    lines = [line for line in lines if key(line)]
    firsts, lasts = (_holders(root, lines[0]), _holders(root, lines[-1])) if lines else ([], [])
    if not firsts or not lasts:
        return 0
    order = {el: i for i, el in enumerate(root.iter())}
    last = lasts[-1]
    before = [el for el in firsts if order.get(el, -1) <= order.get(last, -1)]
    first = before[-1] if before else firsts[0]  # the occurrence nearest above the last line
    container = _common_ancestor(first, last)
    if container is None or container.tag in ("html", "body"):
        return 0
    have = {image_source(img, url) for img in body.iter("img")}
    limit = last
    restored = 0
    for img in list(container.iter("img")):
        if _after(img, limit):
            break
        source = image_source(img, url)
        if source is None or source in have:
            continue
        have.add(source)
        _insert(body, copy.deepcopy(img), _preceding_text(img, container))
        restored += 1
    return restored


def _after(img: etree._Element, last: etree._Element) -> bool:
    """True when ``img`` comes after the end of ``last`` in document order."""
    if any(a is last for a in img.iterancestors()):
        return False
    node = last
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            if sibling is img or any(d is img for d in sibling.iter("img")):
                return True
            sibling = sibling.getnext()
        node = node.getparent()
    return False


def _insert(body: etree._Element, img: etree._Element, after_key: str) -> None:
    """Put ``img`` in its own paragraph right after the text that holds ``after_key``."""
    img.tail = None
    holder = lxml.html.Element("p")
    holder.append(img)
    place_after(body, holder, after_key)


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
