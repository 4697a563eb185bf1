"""The article's head image: the picture a file's ``headimg`` names and the reader shows first.

The page's declared og:image when the page also shows it, else the body's first picture that
is not a promotion, a GIF or a thumbnail (`pictures.py` tells the article's pictures apart).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract.images import (
    MAX_THUMB_SIDE,
    MIN_PICTURE_SIDE,
    PageImage,
    declared_side,
    is_decorative,
    page_images,
    url_size,
)
from archiver.extract.pictures import (
    declared_images,
    is_credited,
    is_declared,
    is_shown,
    links_away,
    picture_identity,
    promotions,
)


def head_image(
    root: etree._Element,
    base_url: str,
    body_urls: list[str],
    page: Sequence[PageImage] | None = None,
    promos: AbstractSet[str] | None = None,
    titled: AbstractSet[str] = frozenset(),
) -> str:
    """The article's own picture: the page's og:image when the page also shows it (not in a
    hidden element), in any size (a featured image above the text), else the body's first image that
    is not a promotion; '' when there is none. ``page``: ``page_images(root)`` and
    ``promos``: ``promotions(root)``, if already known; ``titled``: the pictures captioned with
    the article's title, GIFs among them (a chart "三星失意 路在何方？" over the text)."""
    page = page_images(root, base_url) if page is None else page
    promos = promotions(root, base_url, page) if promos is None else promos
    credited = {source for source, img in page if is_credited(img)}
    away = {source for source, img in page if links_away(img, base_url)}
    promos = {source for source in promos | away if source not in credited}
    declared = declared_images(root, base_url)
    if declared:
        wanted = {picture_identity(declared[0])}
        copies = [
            (source, img)
            for source, img in page
            if is_declared(img, source, base_url, wanted)
            and not is_decorative(img, source)
            and source not in promos
            and is_shown(img)
        ]
        # a share card's 121x75 copy of it may come first; a larger copy is the picture
        full = [source for source, img in copies if not _thumbnail(img)]
        if copies:
            return (full or [copies[0][0]])[0]
    pictures = [u for u in body_urls if u not in promos]
    shown = {source: img for source, img in page}
    stills = [
        u
        for u in pictures
        if u in titled or not urlsplit(u).path.lower().endswith(".gif") or _large(u, shown.get(u))
    ]
    # a GIF in the text is an icon, a badge or an animation, unless the title captions it or
    # it is a picture's size (Quanta's animated lede, "LHF_2000x1000_O_Lede.gif"); a
    # thumbnail (a video's) is no lead
    large = [u for u in stills if u not in shown or not _thumbnail(shown[u])]
    return (large or stills or [""])[0]


def _large(url: str, img: etree._Element | None) -> bool:
    """True for an image its address or its element declares at a picture's size."""
    sides = [declared_side(img.get(a)) for a in ("width", "height")] if img is not None else []
    sized = url_size(url)
    return max([s or 0 for s in sides] + list(sized or ())) >= MIN_PICTURE_SIDE


def _thumbnail(img: etree._Element) -> bool:
    """True for an image declared at a thumbnail's size (118×74 beside a video link)."""
    sides = [declared_side(img.get(a)) for a in ("width", "height")]
    return all(sides) and max(s or 0 for s in sides) <= MAX_THUMB_SIDE
