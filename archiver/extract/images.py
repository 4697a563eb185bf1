"""An article image's real URL, and whether an image is the article's at all.

Lazy loaders keep the real URL in a ``data-*`` attribute and put a placeholder in ``src``;
responsive pages list sizes in ``srcset`` (on the ``<img>`` or on a ``<picture>``'s
``<source>``), of which the largest is kept. Pages also put their furniture among the article's
images: tracking pixels, logos, icons, QR codes, share buttons, avatars, VIP badges and ad
banners. Those are recognised by their URL, their attributes and their declared size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from lxml import etree

# Attributes that lazy-loading scripts read the real image URL from, most specific first.
LAZY_SRC_ATTRS = (
    "data-original",
    "data-src",
    "data-lazy-src",
    "data-lazyload",
    "data-lazy",
    "data-actualsrc",
    "data-original-src",
    "data-hi-res-src",
    "data-full-src",
    "data-echo",
    "data-url",
    "file",  # Discuz! forums
)
SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")
_PLACEHOLDER_NAME = re.compile(
    r"(?:blank|spacer|loading|lazy|placeholder|grey|gray|pixel|1x1|transparent|default)", re.I
)
_W = r"(?<![a-z])"  # a word in a URL or a class: not inside another word ("silicon")
_JUNK_URL = re.compile(
    rf"{_W}(?:logos?|icons?|favicon|sprites?|qr_?codes?|erweima|avatars?|emoji|smiley|badges?"
    rf"|vip|btns?|buttons?|arrows?|spacer|beacon|tracking|advert\w*|banners?)(?![a-z])"
    r"|/head_?images?/|/portrait/|/share/|(?:weixin|weibo|wechat|qzone)\.(?:png|jpg|gif)"
    r"|pixel\.(?:gif|png)|1x1|blank\.gif|/ads?/|/adv/|adsystem|doubleclick|counter\.|/tplimg/"
    r"|copy_?link|/[\w-]{1,3}\.gif(?:\?|$)|share(?!d|holder)|pengyouquan",  # not shared.png
    re.I,
)
_CAMEL_JUNK = re.compile(r"[a-z](?:Icon|Logo|Avatar|Share|Qr)")  # "con_headIcon.png"
_JUNK_ATTR = re.compile(
    rf"{_W}(?:logos?|icons?|avatars?|qr\w*|share\w*|vip|badges?|emoji|ads?|advert\w*|banners?"
    rf"|sponsor\w*|author-?img|portrait|subscribe|app-?download)(?![a-z])",
    re.I,
)
_FRONT_PAGE = re.compile(r"(?:^|/)(?:index\.\w+)?$")  # "/", "/focus/cfj/index.shtml"
_IMAGE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp)$", re.I)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
# Declared sizes: at most this many pixels on a side is an icon or a tracking pixel.
MAX_ICON_SIDE = 48
# A declared height this low under a width four times as large is a banner strip.
MAX_STRIP_HEIGHT = 60


def escape_controls(url: str) -> str:
    """``url`` with control characters percent-encoded (``&#1;`` in an href): XML attributes
    cannot hold them, and no server means them literally."""
    return _CONTROLS.sub(lambda m: f"%{ord(m.group()):02X}", url)


def is_placeholder(url: str) -> bool:
    """True for the data: URIs and blank/loading gifs that lazy loaders put in ``src``."""
    if not url or url.startswith("data:"):
        return True
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return name.endswith((".gif", ".png", ".svg")) and bool(_PLACEHOLDER_NAME.search(name))


def largest_candidate(srcset: str) -> str:
    """The URL of the largest candidate in a ``srcset`` (by width, else density); '' if none."""
    best, best_size = "", -1.0
    for candidate in re.split(r",\s+(?=\S)", srcset.strip()):
        parts = candidate.strip().split()
        if not parts:
            continue
        size = 1.0
        if len(parts) > 1:
            found = re.fullmatch(r"(\d+(?:\.\d+)?)([wx])", parts[-1])
            if found:
                size = float(found[1]) * (1 if found[2] == "w" else 1000)
        if size > best_size:
            best, best_size = parts[0].rstrip(","), size
    return best


def _srcsets(img: etree._Element) -> list[str]:
    """The ``srcset`` values of an image and of the ``<source>`` elements of its ``<picture>``."""
    values = [img.get(a, "") for a in SRCSET_ATTRS]
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            values += [source.get(a, "") for a in SRCSET_ATTRS]
    return [v for v in values if v.strip()]


def image_source(img: etree._Element, base_url: str) -> str | None:
    """The real absolute URL of an ``<img>``: a lazy attribute, the largest ``srcset``
    candidate, then ``src``; None if it has only placeholders."""
    lazy = [img.get(a, "").strip() for a in LAZY_SRC_ATTRS]
    sized = [largest_candidate(v) for v in _srcsets(img)]
    for value in (*lazy, *sized, (img.get("src") or "").strip()):
        if value and not is_placeholder(value):
            absolute = escape_controls(urljoin(base_url, value))
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return None


def _side(value: str | None) -> int | None:
    found = re.match(r"\s*(\d+)\s*(?:px)?\s*$", value or "")
    return int(found[1]) if found else None


def is_decorative(img: etree._Element, url: str) -> bool:
    """True for an image that is page furniture: a pixel, logo, icon, QR code, share button,
    avatar, badge or ad, by its URL, its class/id/alt, or a declared size of an icon."""
    parts = urlsplit(url)
    if _JUNK_URL.search(f"{parts.path}?{parts.query}") or _CAMEL_JUNK.search(parts.path):
        return True
    alt = img.get("alt", "")
    if (
        len(alt) <= 20 and len(alt.split()) <= 3 and _JUNK_ATTR.search(alt)
    ):  # alt="logo", not a caption
        return True
    for node in (img, *_wrappers(img, levels=1)):  # the image and its link or wrapper
        if _JUNK_ATTR.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    width, height = _side(img.get("width")), _side(img.get("height"))
    if width and height and height <= MAX_STRIP_HEIGHT and width >= 4 * height:
        return True  # a strip: a banner or a section's title bar, not a picture
    sides = [s for s in (width, height) if s is not None]
    return bool(sides) and max(sides) <= MAX_ICON_SIDE


def _wrappers(img: etree._Element, levels: int = 2) -> list[etree._Element]:
    """The image's ancestors up to ``levels`` (its link, its link's span)."""
    found: list[etree._Element] = []
    node = img.getparent()
    while node is not None and len(found) < levels:
        found.append(node)
        node = node.getparent()
    return found


def _identity(url: str) -> str:
    """An image URL without scheme and size query, to match one image across its variants."""
    parts = urlsplit(url)
    return (
        f"{parts.netloc}{parts.path}" if parts.path.strip("/") else f"{parts.netloc}?{parts.query}"
    )


PageImage = tuple[str, etree._Element]  # an <img> of the page and its real URL


def page_images(page: etree._Element, base_url: str) -> list[PageImage]:
    """The page's own ``<img>`` elements with a real URL, in document order: an extracted or
    sanitised copy has lost the size, class and wrappers that tell furniture from pictures."""
    found = [(image_source(img, base_url), img) for img in page.iter("img")]
    return [(source, img) for source, img in found if source is not None]


def head_image(
    root: etree._Element,
    base_url: str,
    body_urls: list[str],
    page: Sequence[PageImage] | None = None,
) -> str:
    """The article's own picture: the page's og:image when the page also shows it as an
    article-sized image (a featured image above the text), else the body's first image that
    is not a promotion linking away; '' when there is none. ``page``: ``page_images(root)``,
    if already known."""
    page = page_images(root, base_url) if page is None else page
    declared = root.xpath(
        "//meta[@property='og:image' or @name='og:image' or @name='twitter:image']/@content"
    )
    if declared and declared[0].strip():
        og = urljoin(base_url, declared[0].strip())
        wanted = _identity(og)
        for source, img in page:
            if _identity(source) == wanted and not is_decorative(img, source):
                return source
    promos = {source for source, img in page if links_away(img, base_url)}
    pictures = [u for u in body_urls if u not in promos]
    stills = [u for u in pictures if not urlsplit(u).path.lower().endswith(".gif")]
    return (stills or pictures or [""])[0]  # an animated GIF is rarely the article's picture


def links_away(img: etree._Element, base_url: str) -> bool:
    """True for an image that links to a page on another host or to a channel's front page:
    a promotion set in the text (a channel's banner, an MMS offer), not the article's picture,
    which links to itself or to its larger version."""
    link = next((a for a in _wrappers(img) if a.tag == "a"), None)
    if link is None or len(link.text_content().strip()) > 20:  # a picture link, not a block
        return False
    href = (link.get("href") or "").strip()
    target = urlsplit(urljoin(base_url, href))
    if target.scheme not in ("http", "https") or _IMAGE_PATH.search(target.path):
        return False
    return target.hostname != urlsplit(base_url).hostname or bool(_FRONT_PAGE.search(target.path))
