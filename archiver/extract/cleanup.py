"""Line-level cleanup of an extracted text: headline, portal notices, trailing link lists.

Extractors keep a few kinds of page furniture that sit right next to the article text: the
headline repeated at the top, a portal's notices (声明, 责任编辑, share bars), comments and
related lists after a section heading, and the links that follow the last paragraph. These
rules are generic (no site names).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.boilerplate import is_boilerplate, is_call_to_action
from archiver.extract.edges import trim_edges, trim_opening
from archiver.extract.posts import drop_poster_card, first_post
from archiver.extract.sections import cut_after_sections, cut_foreign_tail
from archiver.extract.sentences import ENDS_MARKED

_WS = re.compile(r"\s+")
_BULLETS = frozenset("·•●◆■□-*")
_BRACKETED = re.compile(r"^【([^】]{4,80})】")
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_HEADING_ATTR = re.compile(r"head|title|(?<![a-z])hd(?![a-z])", re.I)
_TITLE_SEP = re.compile(r"\s*(?:[-|_–—·:：]|\|\|)\s*")


@dataclass(frozen=True)
class CleanupOptions:
    """Limits of the cleanup: how short a trailing link line is, how far the tail cut reaches."""

    max_link_line: int = 120
    max_tail_share: float = 0.3
    max_head_link: int = 30
    # a line at the text's end this short may be an orphaned box heading
    max_orphan_line: int = 40
    # other lines in such a run are this short ("Vielen Dank!")
    max_orphan_tail: int = 20
    # a run of this many list items this short ends the text as a menu, not a list of its own
    min_menu_items: int = 4
    max_menu_item: int = 14
    lead_lines: int = 3
    # a list item this long that is a whole link is a headline of another article
    min_linked_item: int = 20
    # the run of calls to action closing a text reaches back at most this many lines
    max_prompt_lines: int = 8
    min_prompt_lines: int = 3
    # a heading with nothing after it ("Read more:") is at most this long
    max_open_heading: int = 120
    # a line this short, not a sentence, between such prompts is part of their box
    max_prompt_gap: int = 60


def normalize(text: str) -> str:
    """Collapse whitespace, for comparing lines across extractors and page elements."""
    return _WS.sub(" ", text).strip()


def _title_variants(tree: HtmlElement) -> set[str]:
    """The page's headline as og:title, <title> (and its parts around separators) and <h1>."""
    found: list[str] = []
    for meta in tree.iterfind(".//meta"):
        if meta.get("property") in ("og:title", "twitter:title") or meta.get("name") in (
            "og:title",
            "twitter:title",
            "title",
        ):
            found.append(meta.get("content") or "")
    title = tree.find(".//title")
    if title is not None and title.text:
        found.append(title.text)
        found.extend(_TITLE_SEP.split(title.text))
    found.extend(h1.text_content() for h1 in tree.iter("h1"))
    return {normalize(t).lower() for t in found if len(normalize(t)) >= 4}


class _LinkTexts:
    """Normalized texts of the page's links, read when first asked about (most texts start
    and end with lines that no link could be: a sentence, a long line)."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def _texts(self) -> set[str]:
        return {normalize(a.text_content()) for a in self._tree.iter("a")}

    @cached_property
    def _squeezed(self) -> set[str]:
        return {_WS.sub("", text) for text in self._texts}

    def __contains__(self, text: object) -> bool:
        return text in self._texts

    def spaced_apart(self, text: str) -> bool:
        """True when a link prints the text, spaces aside (a kicker set in its own span)."""
        return _WS.sub("", text) in self._squeezed

    @cached_property
    def _linked_blocks(self) -> set[str]:
        """Squeezed texts of the links' parents and grandparents that print nothing but their
        links ("<p><a>Get the Daily Edition by email</a> <a>Free Sign Up</a></p>")."""
        found = set()
        for a in self._tree.iter("a"):
            for el in islice(a.iterancestors(), 2):
                text = _WS.sub("", el.text_content())
                if not text or text != "".join(_WS.sub("", x.text_content()) for x in el.iter("a")):
                    break
                found.add(text)
        return found

    def all_linked(self, text: str) -> bool:
        """True when the text is a link's, or a block's whose every word is in its links."""
        return self.spaced_apart(text) or _WS.sub("", text) in self._linked_blocks


def drop_headline(lines: list[str], tree: HtmlElement, opts: CleanupOptions) -> list[str]:
    """Remove the headline when the text starts with it (the title is a separate field), and
    a "【headline】summary" lead near the top."""
    titles = _title_variants(tree)
    while lines and normalize(lines[0]).lower() in titles:
        lines = lines[1:]
    return [
        line
        for i, line in enumerate(lines)
        if i >= opts.lead_lines
        or not ((m := _BRACKETED.match(normalize(line))) and m.group(1).lower() in titles)
    ]


def _cells(line: str) -> list[str] | None:
    """The filled cells of a table row as the extracted text prints it, None for no row."""
    if not line.lstrip().startswith("|"):
        return None
    cells = (c.strip() for c in line.strip().strip("|").split("|"))
    return [c for c in cells if c and c not in _BULLETS]


def drop_metadata_rows(lines: list[str]) -> list[str]:
    """Remove table rows of labelled fields ("| 索引号： | ... | 发文机关： | ... |")."""

    def labelled(cells: list[str]) -> bool:
        labels = sum(c.endswith((":", "：")) for c in cells)
        return len(cells) >= 2 and labels * 2 >= len(cells)

    return [line for line in lines if not labelled(_cells(line) or [])]


def drop_link_rows(lines: list[str], links: Container[str]) -> list[str]:
    """Remove the table rows left in the text that hold none of it: empty layout rows
    ("|  |  |") and rows whose every cell is a link ("| · | 医疗关注--前列腺新发现 | · |
    皮肤顽疾 |": an ad box or a related box set in the article's table)."""

    def furniture(cells: list[str] | None) -> bool:
        return cells is not None and all(normalize(c) in links for c in cells)

    return [line for line in lines if not furniture(_cells(line))]


def drop_linked_prompts(lines: list[str], links: _LinkTexts, opts: CleanupOptions) -> list[str]:
    """Remove the lines that are all links asking the reader to subscribe, sign up or donate,
    wherever they stand ("Get The Times of Israel's Daily Edition by email and never miss our
    top stories Free Sign Up"), no longer than a link line: a promotion set between
    paragraphs, out of the closing-prompt cut's reach."""
    return [
        line
        for line in lines
        if not (
            len(text := normalize(line)) <= opts.max_link_line
            and is_call_to_action(text)
            and links.all_linked(text)
        )
    ]


def drop_link_lists(lines: list[str], links: _LinkTexts, opts: CleanupOptions) -> list[str]:
    """Remove the runs of list items that are each a whole link to a headline ("- Haspa
    Marathon: Über Hamburg nach Paris"): a box of related articles set inside the text."""
    linked = [
        (item := normalize(line)).startswith("- ")
        and len(item) - 2 >= opts.min_linked_item
        and not ENDS_MARKED.search(item)
        and links.spaced_apart(item[2:])
        for line in lines
    ]
    keep = []
    for i, line in enumerate(lines):
        run = linked[i] and ((i > 0 and linked[i - 1]) or (i + 1 < len(lines) and linked[i + 1]))
        if not run:
            keep.append(line)
    return keep


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Remove portal notices, editor lines and share or related-list headings."""
    return [line for line in lines if not is_boilerplate(line)]


def _menu_items(lines: list[str], opts: CleanupOptions) -> int:
    """How many lines at the end form a menu: a run of short list items, none a sentence
    (a portal's channel tabs "- 推荐 - 娱乐 - 体育", reaction buttons "- 好文 - 喜欢")."""
    count = 0
    for line in reversed(lines):
        item = normalize(line)
        if not item.startswith("- ") or len(item) > opts.max_menu_item or ENDS_MARKED.search(item):
            break
        count += 1
    return count if count >= opts.min_menu_items else 0


def trim_tail(lines: list[str], links: Container[str], opts: CleanupOptions) -> list[str]:
    """Cut trailing lines that are whole link texts (related stories, tag lists), and a menu
    of short list items after the text.

    Only a short run at the end is cut, and never a line ending a sentence."""
    limit = max(1, int(len(lines) * opts.max_tail_share))
    end = len(lines) - _menu_items(lines, opts)
    while end > 0 and len(lines) - end < limit:
        line = normalize(lines[end - 1])
        if len(line) <= opts.max_link_line and not ENDS_MARKED.search(line) and line in links:
            end -= 1
        else:
            break
    return lines[:end]


def _box_headings(tree: HtmlElement, opts: CleanupOptions) -> set[str]:
    """Texts the page sets as a heading (``<h2>``-``<h6>``, a class or id "…Head", "…title",
    a paragraph all in bold: ``<p><b>行业动态</b></p>``) of a heading's size."""
    found = set()
    for el in tree.iter(etree.Element):
        marked = (
            el.tag in _SUBHEADINGS
            or _HEADING_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}")
            or _bold_line(el)
        )
        if marked:
            text = normalize(el.text_content())
            if 0 < len(text) <= opts.max_orphan_line:
                found.add(text)
    return found


def _bold_line(el: etree._Element) -> bool:
    """True for a paragraph whose only content is one bold element."""
    return (
        el.tag == "p"
        and len(el) == 1
        and el[0].tag in ("b", "strong")
        and not (el.text or "").strip()
        and not (el[0].tail or "").strip()
    )


def trim_orphan_headings(lines: list[str], tree: HtmlElement, opts: CleanupOptions) -> list[str]:
    """Cut the box headings the text ends on with nothing of theirs under them: the sidebar
    boxes ("Beiträge aus dem Forum", "Interessante Links") whose lists were dropped. The cut
    run holds at least two lines the page sets as headings, and only short lines."""
    if len(lines) < 2 or any(len(normalize(x)) > opts.max_orphan_line for x in lines[-2:]):
        return lines  # no run of short lines at the end: the page's headings are not read
    end = len(lines)
    limit = max(2, int(len(lines) * opts.max_tail_share))  # two headings at least
    headings = _box_headings(tree, opts)
    found = 0
    while end > 1 and len(lines) - end < limit:
        line = normalize(lines[end - 1])
        if line in headings:
            found += 1
        elif len(line) > opts.max_orphan_tail:
            break
        end -= 1
    while end < len(lines) and normalize(lines[end]) not in headings:
        end += 1  # the run starts on a heading
    return lines[:end] if found >= 2 else lines


def trim_head(lines: list[str], links: Container[str], opts: CleanupOptions) -> list[str]:
    """Cut leading short lines that are whole link texts (channel, account or author links)."""
    start = 0
    while start < len(lines) - 1:
        line = normalize(lines[start])
        if len(line) <= opts.max_head_link and not ENDS_MARKED.search(line) and line in links:
            start += 1
        else:
            break
    return lines[start:]


_FRAGMENT = re.compile(r"^[,.;:)\]]")


def trim_closing_prompts(
    lines: list[str], opts: CleanupOptions, open_headings: bool = False
) -> list[str]:
    """Cut the run that closes the text with calls to action (newsletter, follow, donate,
    paywall, feedback prompts: ``is_call_to_action``) or a fragment of a widget (", https://…
    (abgerufen am:"), with the short lines that sit between them (a box's tagline).

    ``open_headings``: a heading with nothing after it ("Read more:", "Mehr Themen auf
    VOGUE.de:") goes too; only where the lines are all that follows (no picture, table or
    player the text does not show: "最后放一则我特别喜欢的小漫画：")."""
    window = min(
        opts.max_prompt_lines, max(opts.min_prompt_lines, int(len(lines) * opts.max_tail_share))
    )
    cut = len(lines)
    for i in range(len(lines) - 1, max(0, len(lines) - 1 - window), -1):
        line = normalize(lines[i])
        prompt = (
            is_call_to_action(line)
            or bool(_FRAGMENT.match(line))
            or (open_headings and line.endswith((":", "：")) and len(line) <= opts.max_open_heading)
        )
        if prompt:
            cut = i
        elif len(line) > opts.max_prompt_gap or ENDS_MARKED.search(line):
            break
    return lines[:cut]


def clean_lines(lines: list[str], tree: HtmlElement, opts: CleanupOptions | None = None) -> list:
    """All cleanup rules, in order."""
    opts = opts or CleanupOptions()
    lines = cut_after_sections(lines, tree)
    lines = drop_headline(lines, tree, opts)
    lines = drop_metadata_rows(drop_boilerplate(lines))
    links = _LinkTexts(tree)
    lines = drop_linked_prompts(drop_link_lists(lines, links, opts), links, opts)
    lines = trim_orphan_headings(trim_tail(lines, links, opts), tree, opts)
    lines = drop_poster_card(first_post(trim_edges(trim_head(lines, links, opts), tree)))
    lines = trim_opening(lines, _title_variants(tree), links)
    lines = trim_tail(lines, links, opts)  # what a link-heavy run at the end hid: a menu
    lines = trim_closing_prompts(drop_link_rows(lines, links), opts)
    return cut_foreign_tail(lines, tree)
