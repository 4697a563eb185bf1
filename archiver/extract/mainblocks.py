"""Keep the blocks of an extracted HTML body that the main-text extractor also kept.

Generic extraction needs HTML (images, links, tables, emphasis) but trafilatura's HTML output,
run for recall, also picks up navigation, "热门" lists and share bars, sometimes lumped into
one block with the article. ``main_text`` judges better what the article is (F1 0.97 against
trafilatura's 0.9 on our benchmark) but gives only text. So its lines are the judge and the
HTML is the material: a block stays when its text is in ``main_text``'s output, a lump is
split into the lines that are, and images stay when they sit among kept text.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
from lxml import etree

from archiver.extract.agreement import coverage, line_shingles, shingle_set
from archiver.extract.body import spaced_text
from archiver.extract.located import key, place_after

# Blocks judged as a whole; other elements are walked into.
_UNITS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre table figure dt dd figcaption".split())
_WALK = frozenset("div section article main ul ol dl body".split())
# Elements that start a new line of text.
_BLOCKS = frozenset("p div section article li tr td th h1 h2 h3 h4 h5 h6 blockquote pre br".split())
_INLINE_ONLY = frozenset("a b strong i em u span br font sub sup small code mark".split())
# A line is the article's when this share of its 4-token shingles is in main_text's output.
LINE_SUPPORT = 0.5
# A block holding an image and at most this much text (a caption) is a picture.
FIGURE_TEXT_CHARS = 120
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.I)
# Below this share of main_text's shingles kept, the alignment failed: leave the HTML as it was.
MIN_KEPT_SHARE = 0.6


def keep_main_blocks(container: etree._Element, main: str, title: str = "") -> bool:
    """Drop the blocks of ``container`` that ``main`` (main_text's output) does not hold.

    A first block that repeats ``title`` goes too: the title is the frontmatter's. Works in
    place and returns True when it filtered; False (container untouched) when ``main`` is
    empty or too little of it could be found in the container.
    """
    main_shingles = shingle_set(main)
    if not main_shingles:
        return False
    unclaimed = _Unclaimed(main)
    units = list(_units(container))
    verdicts = [_judge(unit, unclaimed) for unit in units]
    if units and title and _norm(units[0].text_content()) == _norm(title):
        verdicts[0] = []
    kept_text = "\n".join(line for v in verdicts if v is not None for line in v)
    if coverage(list(main_shingles), shingle_set(kept_text)) < MIN_KEPT_SHARE:
        return False
    pictures = [not v and _figure(unit) for unit, v in zip(units, verdicts, strict=True)]
    beside = _beside_kept(verdicts, pictures)
    for i, (unit, verdict) in enumerate(zip(units, verdicts, strict=True)):
        if verdict is None:  # no text: an image or a rule, kept inside or beside the article
            if not beside[i]:
                _drop(unit)
        elif not verdict:
            if beside[i] and pictures[i]:
                _split(unit, [])  # a picture and its caption: the picture stays
            else:
                _drop(unit)
        elif len(verdict) < len(_lines(unit)):
            _split(unit, verdict)
    _remove_empty(container)
    return True


def _beside_kept(verdicts: list[list[str] | None], pictures: list[bool]) -> list[bool]:
    """Per unit, whether it lies among the kept text or next to it with nothing but pictures
    and text-less blocks in between (a lead picture above the first paragraph, behind an
    empty one)."""
    kept = [i for i, v in enumerate(verdicts) if v]
    if not kept:
        return [False] * len(verdicts)
    beside = [kept[0] <= i <= kept[-1] for i in range(len(verdicts))]
    for step, start in ((-1, kept[0] - 1), (1, kept[-1] + 1)):
        i = start
        while 0 <= i < len(verdicts) and (verdicts[i] is None or pictures[i]):
            beside[i] = True
            i += step
    return beside


def _figure(unit: etree._Element) -> bool:
    """A picture with at most a caption: a ``<figure>``, or a block whose text is short and
    holds an image that links nowhere else (not a teaser of another article)."""
    images = unit.findall(".//img")
    if not images:
        return False
    if unit.tag == "figure":
        return True
    text = _norm(unit.text_content())
    return len(text) <= FIGURE_TEXT_CHARS and not any(
        a.get("href") and not _IMAGE_FILE.search(a.get("href", "")) for a in unit.iter("a")
    )


def _units(root: etree._Element):
    """The blocks to judge, in document order: units, and leaves of the walkable containers."""
    for child in root:
        if not isinstance(child.tag, str):
            continue
        blocks = any(isinstance(c.tag, str) and c.tag not in _INLINE_ONLY for c in child)
        if child.tag in _WALK and blocks:
            yield from _units(child)
        else:
            yield child


class _Unclaimed:
    """What of main_text's output no kept block has claimed yet: its lines and shingles,
    each as many times as main_text holds it. A post's template lines ("[打印]", "共 N 篇评论")
    recur on a page of several posts; only the first post's claim the ones main_text kept."""

    def __init__(self, main: str) -> None:
        self.lines = Counter(_norm(line) for line in main.split("\n") if line.strip())
        self.shingles = Counter(line_shingles([main])[0])

    def claim(self, line: str, shingles: list) -> bool:
        """True (and the line's text claimed) when main_text holds the line unclaimed."""
        exact = self.lines[_norm(line)] > 0
        covered = sum(self.shingles[s] > 0 for s in shingles)
        if not exact and not (len(shingles) > 1 and covered >= LINE_SUPPORT * len(shingles)):
            return False
        if exact:
            self.lines[_norm(line)] -= 1
        for s in shingles:
            if self.shingles[s] > 0:
                self.shingles[s] -= 1
        return True


def _judge(unit: etree._Element, unclaimed: _Unclaimed) -> list[str] | None:
    """The lines of a block that main_text holds ([] for none); None for a block without text."""
    lines = _lines(unit)
    if not lines:
        return None
    per_line = line_shingles(lines)
    return [
        line
        for line, shingles in zip(lines, per_line, strict=True)
        if unclaimed.claim(line, shingles)
    ]


def _lines(unit: etree._Element) -> list[str]:
    """Text lines of a block: one per line of its text and per block element in it (a table
    cell holding the article's paragraphs, a lump the extractor flattened a page region into)."""
    return [line.strip() for line in spaced_text(unit, _BLOCKS).split("\n") if line.strip()]


def _split(unit: etree._Element, lines: list[str]) -> None:
    """Replace a lump by one paragraph per kept line (its images stay, in front)."""
    parent = unit.getparent()
    if parent is None:
        return
    index = parent.index(unit)
    new: list[etree._Element] = [img for img in unit.iter("img")]
    for line in lines:
        p = lxml.html.Element("p")
        p.text = line
        new.append(p)
    new[-1].tail = unit.tail
    parent.remove(unit)
    for offset, el in enumerate(new):
        parent.insert(index + offset, el)


def _remove_empty(root: etree._Element) -> None:
    """Remove walkable containers left with neither text nor images."""
    for el in reversed(list(root.iter(*_WALK))):
        empty = not el.text_content().strip() and el.find(".//img") is None
        if empty and el is not root and el.getparent() is not None:
            _drop(el)


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)  # a dropped block's tail is boilerplate too


# A table row as main_text prints it: "| 050401 艺术学 | | 7 |".
_TABLE_ROW = re.compile(r"^\|.*\|$")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def add_missing_lines(container: etree._Element, main: str, title: str = "") -> int:
    """Put back, as paragraphs, the lines of ``main`` the HTML pass lost (a paragraph it
    skipped, one it cut short), each after the line it follows in ``main``; return how many.

    The stored text then says what ``main_text`` judged the article to say (the title aside:
    it is the frontmatter's)."""
    lines = [line.strip() for line in main.split("\n") if line.strip()]
    lines = [line for line in lines if _norm(line) != _norm(title)]
    have = shingle_set(container.text_content())
    tables = container.find(".//table") is not None
    added = 0
    previous = ""
    placed: etree._Element | None = None  # the paragraph just put back, if the line before
    for line, shingles in zip(lines, line_shingles(lines), strict=True):
        if tables and _TABLE_ROW.match(line):
            continue  # a row the HTML pass kept as a table, its cells read apart
        if shingles and coverage(shingles, have) < LINE_SUPPORT:
            paragraph = lxml.html.Element("p")
            paragraph.text = line
            if placed is not None:
                placed.addnext(paragraph)  # lost lines in a row keep their order
            else:
                place_after(container, paragraph, key(previous))
            placed = paragraph
            added += 1
        else:
            placed = None
        previous = line
    return added
