"""An article's body container: generic extraction's candidates and the cleaning of any.

Where no layout matches, trafilatura's HTML of the page is the body, readability's when it
finds nothing; that, or a layout's own container, is then sanitized into the article's
HTML, text and images (``clean_container``), or dropped as too little to be an article.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from lxml import etree

from archiver.extract import body as bodylib
from archiver.extract.images import PageImage
from archiver.extract.tree import wrap_block_tails

# A selector body shorter than this (characters of text, no image) is a miss, not an article.
MIN_BODY_CHARS = 30


def trafilatura_html(root: etree._Element, url: str) -> str:
    """Trafilatura's HTML of the article, read from a copy whose loose text after blocks is
    set in paragraphs (``wrap_block_tails``)."""
    import trafilatura  # imported here: pages that match a layout never need it

    tree = copy.deepcopy(root)
    wrap_block_tails(tree)
    return (
        trafilatura.extract(
            tree,
            url=url,
            output_format="html",
            include_images=True,
            include_links=True,
            include_tables=True,
            include_formatting=True,
            include_comments=False,
            favor_recall=True,
        )
        or ""
    )


def readability_html(page_html: str) -> str:
    from readability import Document  # slower; only when trafilatura finds nothing

    return Document(page_html).summary(html_partial=True)


def clean_container(
    container: etree._Element,
    url: str,
    remove: tuple[str, ...],
    lead: etree._Element | None = None,
    page_imgs: Sequence[PageImage] = (),
    promos: AbstractSet[str] = frozenset(),
    own: AbstractSet[str] = frozenset(),
) -> tuple[str, str, bodylib.BodyImages] | None:
    """Sanitize a body container; return (html, text, images) or None if too little is left.
    ``page_imgs``: the page's own images (``page_images``), to tell furniture in a copy;
    ``promos``: those promoting other pages (``promotions``); ``own``: the article's
    pictures whatever their class says (``titled_pictures``)."""
    container = bodylib.sanitize(container)
    if lead is not None:
        container.insert(0, lead)
    bodylib.remove_selected(container, remove)
    bodylib.remove_boilerplate_blocks(container)
    images = bodylib.resolve_images(container, url, page_imgs, promos, own)
    bodylib.absolutize_links(container, url)
    text = bodylib.block_text(container)
    if len(text) < MIN_BODY_CHARS and not images.urls:
        return None
    return bodylib.serialize_body(container), text, images
