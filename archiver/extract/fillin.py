"""Paragraphs the density pass found among the base's lines that the base skipped, and the
first line of a ``<br>``-split block that a voter skipped.

Trafilatura passes over text set directly in a ``<section>`` or a ``<div>`` (a WeChat
article's first paragraph); the density pass reads it. Such a line joins the text when it is
prose, lies among the lines both passes kept (or just before the first), and is not what the
base leaves out on purpose: a caption, a video's blurb, a promotion, a teaser link or a byline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from archiver.extract.agreement import Lines, Shingle, coverage

_PROBE_CHARS = 16
_ASIDE_CLASSES = (
    "caption",
    "credit",
    "video",
    "promo",
    "newsletter",
    "related",
    "swiper",
    "carousel",
)
_ASIDE_XPATH = (
    "ancestor-or-self::*[self::figure or self::figcaption or self::caption or self::aside"
    " or self::a or "
    + " or ".join(
        f"contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),"
        f" '{name}')"
        for name in _ASIDE_CLASSES
    )
    + "]"
)
# A byline or credit line, which the base leaves out of the text on purpose.
_CREDIT = re.compile(
    r"^(?:By|Posted by|Written by)\s+[A-Z]|^(?:作者|记者|来源|文|编辑|责任编辑)\s*[:：/]"
)


def _aside(tree: HtmlElement, line: str) -> bool:
    """True when ``line`` is printed in a figure, a caption, a video's blurb or a promotion."""
    probe = re.sub(r"\s+", " ", line).strip()[:_PROBE_CHARS]
    for node in tree.xpath("//text()[contains(., $p)]", p=probe):
        parent = node.getparent()
        if parent is not None and parent.xpath(_ASIDE_XPATH):
            return True
    return False


def filled(
    kept: Lines,
    dense: Lines,
    tree: HtmlElement,
    prose: Callable[[str], bool],
    sentence: Callable[[str], bool],
) -> list[str]:
    """``kept`` with the paragraphs the density pass found among its lines (or right next to
    them) that the base skipped: trafilatura passes over text set directly in a ``<section>``
    (WeChat articles) or a ``<div>``. Only prose fills in, in the density pass's order, and
    not a caption's or a promotion's, which the base leaves out on purpose. A shorter
    ``sentence`` fills in too when the lines right before and after it were both kept: a
    paragraph of keyword links ("<a>期指</a>成<a>A股</a>大跌新的风暴点。") that trafilatura
    drops for its link density."""
    kept_set = kept.shingles
    per_line = dense.per_line
    hits = [i for i, sh in enumerate(per_line) if sh and coverage(sh, kept_set) >= 0.5]
    if len(hits) < 2:
        return kept.lines
    kept_sets: list[set[Shingle]] = []

    def position(i: int) -> int:  # the kept line that dense line i is
        if not kept_sets:
            kept_sets.extend(kept.line_set(k) for k in range(len(kept.lines)))
        line_set = set(per_line[i])
        return max(range(len(kept.lines)), key=lambda k: len(kept_sets[k] & line_set))

    after: dict[int, list[str]] = {}
    for j in range(max(0, hits[0] - 1), hits[-1]):  # not after the last: a bio, a newsletter
        line = dense.lines[j]
        if j in hits or coverage(per_line[j], kept_set) >= 0.5:
            continue
        if not prose(line) and not (sentence(line) and j - 1 in hits and j + 1 in hits):
            continue
        if _CREDIT.match(line) or _aside(tree, line):
            continue
        previous = [i for i in hits if i < j]
        after.setdefault(position(previous[-1]) if previous else -1, []).append(line)
    if not after:
        return kept.lines
    out = after.get(-1, [])
    for k, line in enumerate(kept.lines):
        out += [line, *after.get(k, [])]
    return out


def with_block_heads(lines: list[str], keep: list[bool], tree: HtmlElement) -> list[bool]:
    """``keep`` with the first line of a ``<br>``-split block kept when its next line is:
    trafilatura's fast precision setting drops the text a ``<div>`` or ``<td>`` holds before
    its first ``<br>`` (a poem's first line, an old page's first paragraph), so that line
    lacks a second vote though it is one block with the lines that have it."""
    out = list(keep)
    for i in range(len(lines) - 1):
        if out[i] or not out[i + 1]:
            continue
        out[i] = _opens_block(tree, lines[i], lines[i + 1])
    return out


def _opens_block(tree: HtmlElement, line: str, following: str) -> bool:
    """True when ``line`` is an element's own text and ``following`` starts the tail of the
    ``<br>`` right after it."""
    head = re.sub(r"\s+", " ", line).strip()
    probe = re.sub(r"\s+", " ", following).strip()[:_PROBE_CHARS]
    if not head or not probe:
        return False
    for block in tree.xpath("//*[br][contains(text(), $h)]", h=head[:_PROBE_CHARS]):
        if re.sub(r"\s+", " ", block.text or "").strip() != head:
            continue
        br = next(block.iterchildren("br"), None)
        if br is not None and br.getprevious() is None:
            after = re.sub(r"\s+", " ", br.tail or "").strip()
            if after.startswith(probe) or (not after and _next_text(br).startswith(probe)):
                return True
    return False


def _next_text(br: HtmlElement) -> str:
    """The text after a run of ``<br>``s (a blank line between paragraphs)."""
    node = br
    while node is not None and node.tag == "br" and not (node.tail or "").strip():
        node = node.getnext()
    if node is None:
        return ""
    text = node.tail if node.tag == "br" else node.text_content()
    return re.sub(r"\s+", " ", text or "").strip()
