"""The sections an article continues in after the block the extractors settled on.

Reference pages print an article as a run of sibling blocks of one class, each under its own
heading: a poem, then its translation, background and appreciation (dugushici); a notice,
then its worked examples in a table (ipa.go.jp). Every pass keeps one such block and stops
there, though the others are no less the article. A sibling of the kept text's block with
the same tag and class joins the text when it is headed by a heading that names no comment
or related list, holds prose, and is one of a few such blocks (a list of teasers has many).
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.density import paragraphs, text_size, unlikely_block
from archiver.extract.located import KEY_CHARS, key
from archiver.extract.sections import names_other_section
from archiver.extract.sentences import ENDS_SENTENCE

_HEADINGS = ("h2", "h3", "h4")
_MAX_BLOCKS = 6  # more blocks of one class are a list (teasers, cards), not one article
_PROSE = 60  # a paragraph this long (text_size), ending a sentence, makes a block prose
_LINKS = 0.3  # a block more of whose text is link text than this is a box of links
_WS = re.compile(r"\s+")
_BREAK = "\ue000"  # where a <br> was: a private-use character no page prints


def _heading(block: HtmlElement) -> HtmlElement | None:
    """The heading a block opens with, or the one set right before it."""
    first = next(block.iterchildren(etree.Element), None)
    if first is not None and first.tag in _HEADINGS:
        return first
    before = next(block.itersiblings(etree.Element, preceding=True), None)
    return before if before is not None and before.tag in _HEADINGS else None


def _runs(tree: HtmlElement) -> list[list[HtmlElement]]:
    """Runs of two to a few sibling blocks of one tag and class, one of them headed."""
    seen: set[HtmlElement] = set()  # each run's first block
    runs = []
    for heading in tree.iter(*_HEADINGS):
        parent = heading.getparent()
        block = parent if parent is not None and _heading(parent) is heading else heading.getnext()
        if block is None or not block.get("class") or block.getparent() is None:
            continue
        kind = block.get("class")
        run = [el for el in block.getparent() if el.tag == block.tag and el.get("class") == kind]
        if run[0] not in seen and 2 <= len(run) <= _MAX_BLOCKS:
            runs.append(run)
        seen.add(run[0])
    return runs


def _lines_of(block: HtmlElement) -> list[str]:
    """The block's heading (when set before it) and paragraphs, if it is a headed block of
    prose that is not furniture; [] otherwise."""
    heading = _heading(block)
    if heading is None or unlikely_block(block):
        return []
    title = _WS.sub(" ", heading.text_content()).strip()
    if not title or names_other_section(title):
        return []
    size = text_size(block.text_content())
    if not size or sum(text_size(a.text_content()) for a in block.iter("a")) > _LINKS * size:
        return []  # a box of links: a list of stories or columns, however they are headed
    if not any(text_size(t) >= _PROSE and ENDS_SENTENCE.search(t) for t in paragraphs(block)):
        return []
    lined = copy.deepcopy(block)  # a line per <br>, as the extractors read such a block
    for br in lined.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    buttons = {_WS.sub(" ", a.text_content()).strip() for a in block.iter("a")}
    texts = [
        part.strip()
        for text in paragraphs(lined)
        for part in text.split(_BREAK)
        if part.strip() and text not in buttons  # a "more" link beside the heading
    ]
    return texts if heading.getparent() is block else [title, *texts]


def _owner(line_key: str, texts: list[str]) -> int | None:
    """The one block whose text holds a line's key; None for a short line or one that several
    blocks print ("作者：佚名" opening each)."""
    found = [i for i, t in enumerate(texts) if line_key in t] if len(line_key) == KEY_CHARS else []
    return found[0] if len(found) == 1 else None


def with_continued_sections(lines: list[str], tree: HtmlElement) -> list[str]:
    """``lines`` with the blocks of the run the text is printed in that it leaves out, each
    put where the page prints it: before the next block the text holds, else after the last."""
    if not lines:
        return lines
    keys = [key(line) for line in lines]
    for run in _runs(tree):
        texts = [_WS.sub("", block.text_content()) for block in run]
        owner = [_owner(k, texts) for k in keys]
        held = {i for i in owner if i is not None}
        if not held or len(held) == len(run):
            continue
        added: dict[int, list[str]] = {}  # before line index (len(lines): at the end)
        for at, block in enumerate(run):
            if at in held or not (more := _lines_of(block)):
                continue
            later = [n for n, i in enumerate(owner) if i is not None and i > at]
            earlier = [n for n, i in enumerate(owner) if i is not None and i < at]
            where = later[0] if later else earlier[-1] + 1
            added.setdefault(where, []).extend(more)
        if added:
            out: list[str] = []
            for n, line in enumerate(lines):
                out += [*added.get(n, []), line]
            return out + added.get(len(lines), [])
    return lines
