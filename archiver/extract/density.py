"""A text-density pass: the article container of a page, found by scoring its paragraphs.

It is a second opinion next to trafilatura, of a different kind: no tag rules, just where
the long, punctuated, link-poor text of the page sits (the readability idea, made aware of
Chinese punctuation and character counts). It reads the parsed tree and never changes it,
so one parse serves every extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from archiver.extract.images import is_hidden

# Subtrees that never hold the article text.
_SKIP_TAGS = frozenset(
    "script style noscript template iframe button select option textarea svg canvas "
    "nav header footer aside figure figcaption menu input label object embed video audio".split()
)
# Block elements: each one's own inline text (without its block children) is a paragraph.
_BLOCK_TAGS = frozenset(
    "p div section article td li pre blockquote h1 h2 h3 h4 h5 h6 ul ol dl dd dt table tr "
    "tbody main center".split()
)
_HEADING = frozenset("h1 h2 h3 h4 h5 h6".split())
_UNLIKELY = re.compile(
    r"comment|disqus|footer|foot|sidebar|side-|aside|share|social|related|recommend|"
    r"relevant|(?<![a-z])hot|rank|nav|menu|breadcrumb|crumb|copyright|banner|popup|modal|advert|"
    r"\bads?\b|sponsor|promo|subscribe|newsletter|login|toolbar|tags?\b|pager|pagination|"
    r"author-?info|more-?news|hidden|outbrain|taboola|widget|tool|qrcode|erweima",
    re.I,
)
# Always outside the article, even when the block is big (long comment threads).
_NEVER = re.compile(r"comment|disqus|respond|reply|pinglun|cookie|consent|gdpr", re.I)
_LIKELY = re.compile(
    r"article|content|main|body|text|post|entry|story|detail|news|zw|neirong", re.I
)
_PUNCT = re.compile(r"[,，、。；;！？!?]")
_HAN = re.compile(r"[\u3400-\u9fff]+")  # runs: one match per run, not per character
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class DensityOptions:
    """Thresholds of the pass: minimal paragraph size and sibling/link tolerances."""

    min_paragraph: int = 20
    sibling_share: float = 0.2
    max_link_density: float = 0.5
    flagged_share: float = 0.4


def _attrs(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _skipped(el: HtmlElement, tag: object) -> bool:
    """Elements never holding article text, whatever their size: scripts, forms, nav...
    (``tag`` is ``el.tag``, read once by the caller: lxml builds the string on each read)."""
    if not isinstance(tag, str) or tag in _SKIP_TAGS:
        return True
    return is_hidden(el)


def unlikely_block(el: HtmlElement) -> bool:
    """Class or id names a sidebar, share bar, comment block or the like."""
    attrs = _attrs(el)
    if attrs == " ":  # neither class nor id
        return False
    return bool(_NEVER.search(attrs)) or (
        bool(_UNLIKELY.search(attrs)) and not _LIKELY.search(attrs)
    )


def _inline_text(el: HtmlElement, out: list[str], links: list[str], in_link: bool) -> None:
    """Collect the text of el's inline content (not of block children), and its link text
    (``in_link``: el is a link or inside one)."""
    text = el.text
    if text:
        out.append(text)
        if in_link:
            links.append(text)
    for child in el:
        tag = child.tag
        if tag not in _BLOCK_TAGS and not _skipped(child, tag):
            _inline_text(child, out, links, in_link or tag == "a")
        tail = child.tail
        if tail:
            out.append(tail)
            if in_link:
                links.append(tail)


def text_size(text: str) -> int:
    """Length that weighs a Han character like a short word (about 2 Latin letters)."""
    return len(text) + sum(map(len, _HAN.findall(text)))


@dataclass
class _Stats:
    chars: int = 0
    links: int = 0


def _measure(el: HtmlElement, stats: dict, paras: list, flag: HtmlElement | None) -> _Stats:
    """Post-order pass over block elements: text and link sizes, paragraphs in document order.

    Each paragraph carries its nearest ancestor with an unlikely class or id (or None). One
    walk over the children gathers the element's own inline text and its blocks: the block
    children, and the blocks set inside inline children (their nearest block is ``el``)."""
    st = _Stats()
    stats[el] = st
    if flag is None and el.tag not in ("body", "html", "article", "main") and unlikely_block(el):
        flag = el
    text = el.text
    out: list[str] = [text] if text else []
    links: list[str] = []
    blocks: list[HtmlElement] = []
    for child in el:
        tag = child.tag
        if not _skipped(child, tag):
            if tag in _BLOCK_TAGS:
                blocks.append(child)
            else:
                _inline_text(child, out, links, tag == "a")
                if len(child):  # a leaf holds no block
                    blocks.extend(
                        block
                        for block in child.iterdescendants(*_BLOCK_TAGS)
                        if _block_parent(block) is el
                    )
        tail = child.tail
        if tail:
            out.append(tail)
    own = _WS.sub(" ", "".join(out)).strip()
    if own:
        paras.append((el, own, flag))
        st.chars += text_size(own)
        st.links += text_size("".join(links).strip())
    for block in blocks:
        cst = _measure(block, stats, paras, flag)
        st.chars += cst.chars
        st.links += cst.links
    return st


def paragraphs(el: HtmlElement) -> list[str]:
    """The paragraphs of ``el`` as this pass reads them: each block's own text, single-spaced,
    in document order."""
    paras: list[tuple[HtmlElement, str, HtmlElement | None]] = []
    _measure(el, {}, paras, None)
    return [text for _block, text, _flag in paras]


def _block_parent(el: HtmlElement) -> HtmlElement | None:
    parent = el.getparent()
    while parent is not None and parent.tag not in _BLOCK_TAGS and parent.tag != "body":
        parent = parent.getparent()
    return parent


def _inside(el: HtmlElement, chosen: set[HtmlElement]) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        if node in chosen:
            return True
        node = node.getparent()
    return False


def density_text(tree: HtmlElement, options: DensityOptions | None = None) -> str:
    """Main text of a page by paragraph scoring: one line per paragraph, '' if none found."""
    opts = options or DensityOptions()
    body = tree.find(".//body")
    root = body if body is not None else tree
    stats: dict[HtmlElement, _Stats] = {}
    paras: list[tuple[HtmlElement, str, HtmlElement | None]] = []
    total = max(1, _measure(root, stats, paras, None).chars)
    # a flagged block only disqualifies its text when it is a small part of the page
    kept = [
        (el, text)
        for el, text, flag in paras
        if flag is None
        or (stats[flag].chars > opts.flagged_share * total and not _NEVER.search(_attrs(flag)))
    ]
    scores: dict[HtmlElement, float] = {}
    for el, text in kept:
        size = text_size(text)
        if size < opts.min_paragraph or el.tag in _HEADING:
            continue
        value = 1 + len(_PUNCT.findall(text)) + min(size / 100, 3)
        parent = el if el.tag not in ("p", "pre", "blockquote") else _block_parent(el)
        if parent is None or parent not in stats:  # outside the measured body (a second <body>)
            continue
        scores[parent] = scores.get(parent, 0.0) + value
        grand = _block_parent(parent)
        if grand is not None and grand in stats:
            scores[grand] = scores.get(grand, 0.0) + value / 2
    if not scores:
        return ""

    def final(el: HtmlElement) -> float:
        st = stats[el]
        density = st.links / st.chars if st.chars else 0.0
        bonus = 1.25 if _LIKELY.search(_attrs(el)) else 1.0
        return scores[el] * (1 - density) * bonus

    best = max(scores, key=final)
    best_score = final(best)
    chosen = {best}
    parent = best.getparent()
    if parent is not None:
        for sib in parent:
            if sib is not best and sib in scores and final(sib) >= opts.sibling_share * best_score:
                chosen.add(sib)
    lines = []
    for el, text in kept:
        st = stats[el]
        if _inside(el, chosen) and not (st.chars and st.links / st.chars > opts.max_link_density):
            lines.append(text)
    return "\n".join(lines)
