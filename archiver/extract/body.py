"""An article body container to safe, self-contained HTML: images found, boilerplate gone.

Works on lxml elements so a page is parsed once; ``serialize_body`` is the only place that
turns the cleaned tree back into the string written to the article file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from html import escape as escape_html

from lxml import etree, html
from lxml_html_clean import Cleaner

from archiver.extract.addresses import LAZY_SRC_ATTRS, SRCSET_ATTRS, escape_controls, image_source
from archiver.extract.boilerplate import is_boilerplate
from archiver.extract.cleanup import CleanupOptions, trim_closing_prompts
from archiver.extract.css import select
from archiver.extract.images import PageImage, is_decorative
from archiver.extract.pictures import links_away, picture_identity
from archiver.extract.posts import drop_poster_card
from archiver.extract.tree import absolute_url

_TEXT_BLOCKS = frozenset(
    "p div section article h1 h2 h3 h4 h5 h6 li tr table ul ol br blockquote pre figure "
    "figcaption header footer".split()
)
_BLOCK_TAGS = (
    "p",
    "div",
    "section",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "span",
)
# A block longer than this is content even if it opens like a notice.
_BOILERPLATE_MAX_CHARS = 400
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,  # also drops on* attributes and javascript: URLs
    comments=True,
    style=True,  # <style> elements; style="" attributes stay (inline_style=False)
    inline_style=False,
    links=True,  # <link>
    meta=True,
    page_structure=False,
    processing_instructions=True,
    embedded=True,  # <object>, <embed>, <applet>
    frames=True,  # <iframe>, <frame>
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=False,
    safe_attrs_only=False,
)


@dataclass
class BodyImages:
    """The images of a body, in document order, as absolute URLs."""

    urls: list[str] = field(default_factory=list)
    no_referrer: set[str] = field(default_factory=set)


def resolve_images(
    root: etree._Element,
    base_url: str,
    page: Sequence[PageImage] = (),
    promos: AbstractSet[str] = frozenset(),
    own: AbstractSet[str] = frozenset(),
) -> BodyImages:
    """Point every ``<img>`` at its real absolute URL (dropping lazy attributes) and list them.

    Images with no usable URL (only a placeholder) are removed: they would show nothing
    offline; so are the page's furniture among them (pixels, logos, icons, QR codes, share
    buttons, avatars, badges, ads) and promotions (a banner linking to a front page; the
    ``promos`` of ``images.promotions``), which are not the article's, judged
    also by the page's own element (``page``, from ``page_images``) when the body is a copy.
    ``own``: the article's pictures whatever their class says (``pictures.titled_pictures``).
    """
    originals: dict[str, etree._Element] = {}
    for source, element in page:  # the copy may ask for another size of the page's image
        originals.setdefault(source, element)
        originals.setdefault(picture_identity(source), element)
    found = BodyImages()
    for img in list(root.iter("img")):
        url = image_source(img, base_url)
        for attr in (*LAZY_SRC_ATTRS, *SRCSET_ATTRS):
            img.attrib.pop(attr, None)
        original = originals.get(url, originals.get(picture_identity(url))) if url else None
        if (
            url is None
            or (
                url not in own
                and (
                    is_decorative(img, url)
                    or (original is not None and is_decorative(original, url))
                )
            )
            or url in promos
            or links_away(original if original is not None else img, base_url, True)
        ):
            _drop(img)
            continue
        img.set("src", url)
        if url not in found.urls:
            found.urls.append(url)
        if (img.get("referrerpolicy") or "").lower() == "no-referrer":
            found.no_referrer.add(url)
    for source in list(root.iter("source")):  # a <picture>'s sources: its <img> now holds the URL
        if source.getparent() is not None and source.getparent().tag == "picture":
            _drop(source)
    return found


def absolutize_links(root: etree._Element, base_url: str) -> None:
    """Make ``<a href>`` absolute so links still lead somewhere when read from the archive."""
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "mailto:")):
            link = absolute_url(base_url, href)
            if link:
                a.set("href", escape_controls(link))
            else:
                del a.attrib["href"]  # no parser takes it, so it leads nowhere


def remove_selected(root: etree._Element, selectors: Iterable[str]) -> None:
    """Remove the elements matching any CSS selector (share bars, related lists, ads)."""
    for selector in selectors:
        for el in select(root, selector):
            _drop(el)


def remove_boilerplate_blocks(root: etree._Element) -> int:
    """Remove blocks whose text is a notice, share prompt or related-list heading, such a link
    ending a paragraph ("…）<a>返回搜狐，查看更多</a>") and rows of such table cells as the
    extracted copy prints them ("| 【打印本稿】 | 【关闭】 |"); count them."""
    removed = 0
    for el in list(root.iter(*_BLOCK_TAGS, "a", "td", "th")):
        if el.getparent() is None or el is root or (el.tag == "a" and not _trailing(el)):
            continue
        text = el.text_content().strip()
        cells = [c.strip() for c in text.split("|") if c.strip()] if "|" in text else [text]
        if (
            cells
            and len(text) <= _BOILERPLATE_MAX_CHARS
            and all(is_boilerplate(cell) for cell in cells)
            and not el.findall(".//img")
        ):
            if el.tag in ("td", "th"):  # emptied, so that the table keeps its columns
                for child in list(el):
                    el.remove(child)
                el.text = None
            else:
                _drop(el)
            removed += 1
    return removed


def remove_closing_prompts(root: etree._Element) -> int:
    """Remove the text blocks that close a body with calls to action, a heading with nothing
    after it, a widget's fragment or a forum poster's card (``trim_closing_prompts`` and
    ``drop_poster_card`` read over the body's innermost blocks; none before a picture, table
    or code block goes); count them. For generic bodies, whose HTML keeps what ``main_text``
    cut (a newsletter box in the container)."""
    order = {el: i for i, el in enumerate(root.iter())}
    # a block before a picture, a table or code is the article's (their heading: "如下：")
    after = max((order[el] for el in root.iter("img", "table", "video", "pre")), default=-1)
    blocks = [
        (el, text)
        for el in root.iter(*_BLOCK_TAGS)
        if el is not root
        and order[el] > after
        and next(el.iterdescendants(*_BLOCK_TAGS), None) is None
        and (text := re.sub(r"\s+", " ", el.text_content()).strip())
    ]
    kept = trim_closing_prompts([text for _, text in blocks], CleanupOptions(), open_headings=True)
    kept = drop_poster_card(kept)
    for el, _ in blocks[len(kept) :]:
        _drop(el)
    return len(blocks) - len(kept)


def _trailing(link: etree._Element) -> bool:
    """True for a link that ends its block: nothing printed after it (a prompt, not a word)."""
    return not (link.tail or "").strip() and link.getnext() is None


def sanitize(root: etree._Element) -> etree._Element:
    """Strip what could run or load remotely: script, frames, objects, on*, javascript:."""
    return _CLEANER.clean_html(root)


def serialize_body(root: etree._Element) -> str:
    """Inner HTML of the container, braces escaped for Hexo's Nunjucks (SPEC §1)."""
    parts = [escape_html(root.text, quote=False)] if root.text and root.text.strip() else []
    parts += [html.tostring(child, encoding="unicode") for child in root]
    body = "".join(parts).strip()
    return body.replace("{", "&#123;").replace("}", "&#125;")


def block_text(root: etree._Element, skip: AbstractSet[str] = frozenset()) -> str:
    """Plain text of a body: one paragraph per block element (and ``<br>``), separated by
    blank lines; ``skip``: elements whose text is left out."""
    joined = spaced_text(root, _TEXT_BLOCKS, skip)
    paragraphs = (re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", joined))
    return "\n\n".join(p for p in paragraphs if p)


def spaced_text(
    root: etree._Element, blocks: AbstractSet[str], skip: AbstractSet[str] = frozenset()
) -> str:
    """The text of ``root`` as printed, with a blank line around each element of ``blocks``;
    the text inside elements of ``skip`` (scripts of a page not yet sanitized) left out."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        block = isinstance(el.tag, str) and el.tag in blocks
        if block:
            parts.append("\n\n")
        if isinstance(el.tag, str) and el.tag not in skip:
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
        if block:
            parts.append("\n\n")
        if el.tail and el is not root:
            parts.append(el.tail)

    walk(root)
    return "".join(parts)


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text in the document."""
    if el.getparent() is not None:
        el.drop_tree()
