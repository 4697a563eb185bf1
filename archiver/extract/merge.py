"""One article from the pages of a multi-page article (``_2.html``, "下一页").

Page 2 and later often print the article's lead (导读) again above their own text; joined as
they are, the stored article would say it twice. The merge keeps the first page's lead and
drops a leading block of a later page that repeats one of the first page's opening blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import lxml.html
from lxml import etree

from archiver.extract.body import BodyImages
from archiver.extract.page import ArticlePage

_WS = re.compile(r"\s+")
# The first page's blocks a later page may repeat, and how many of a later page's are checked.
LEAD_BLOCKS = 3
MIN_LEAD_CHARS = 10


@dataclass
class MergedArticle:
    """The joined body (HTML and text), images in order, and what the passes reported."""

    body: str
    text: str
    images: BodyImages = field(default_factory=BodyImages)
    head_image: str = ""
    failed_passes: tuple[str, ...] = ()


def _norm(text: str) -> str:
    return _WS.sub("", text)


def _blocks(body: str) -> list[etree._Element | str]:
    """The top-level pieces of a body's HTML: elements, and text between them."""
    return lxml.html.fragments_fromstring(body) if body.strip() else []


def _piece_text(piece: etree._Element | str) -> str:
    return piece if isinstance(piece, str) else piece.text_content()


def _without_repeated_lead(body: str, lead: set[str]) -> str:
    """``body`` without leading blocks whose text is one of the first page's opening blocks."""
    pieces = _blocks(body)
    start = 0
    while start < min(len(pieces), LEAD_BLOCKS) and _norm(_piece_text(pieces[start])) in lead:
        start += 1
    if start == 0:
        return body
    kept = "".join(
        escape(p, quote=False) if isinstance(p, str) else lxml.html.tostring(p, encoding="unicode")
        for p in pieces[start:]
    )
    return kept.replace("{", "&#123;").replace("}", "&#125;")  # as serialize_body writes them


def _text_without_lead(text: str, lead: set[str]) -> str:
    paragraphs = text.split("\n\n")
    start = 0
    while start < min(len(paragraphs), LEAD_BLOCKS) and _norm(paragraphs[start]) in lead:
        start += 1
    return "\n\n".join(paragraphs[start:])


def merge_pages(pages: Sequence[ArticlePage]) -> MergedArticle:
    """Join an article's pages in order, dropping a lead that a later page repeats."""
    if not pages:
        return MergedArticle(body="", text="")
    first = pages[0]
    opening = [_norm(_piece_text(p)) for p in _blocks(first.body)[:LEAD_BLOCKS]]
    opening += [_norm(p) for p in first.text.split("\n\n")[:LEAD_BLOCKS]]
    lead = {t for t in opening if len(t) >= MIN_LEAD_CHARS}
    bodies, texts = [first.body], [first.text]
    for page in pages[1:]:
        bodies.append(_without_repeated_lead(page.body, lead))
        texts.append(_text_without_lead(page.text, lead))
    images = BodyImages()
    for page in pages:
        images.urls += [u for u in page.images.urls if u not in images.urls]
        images.no_referrer |= page.images.no_referrer
    failed = tuple(dict.fromkeys(name for page in pages for name in page.failed_passes))
    return MergedArticle(
        body="\n".join(b for b in bodies if b.strip()),
        text="\n\n".join(t for t in texts if t.strip()),
        images=images,
        head_image=next((page.head_image for page in pages if page.head_image), ""),
        failed_passes=failed,
    )
