"""Whether an image is the article's at all, and the page's images with their real URLs.

Pages put their furniture among the article's images: tracking pixels, logos, icons, QR
codes, share buttons, avatars, VIP badges and ad banners. Those are recognised by their URL,
their attributes and their declared size (`addresses.py` reads where an image loads from).
"""

from __future__ import annotations

import re

from lxml import etree

from archiver.extract.addresses import image_source
from archiver.extract.boilerplate import is_boilerplate
from archiver.extract.tree import url_parts

_W = r"(?<![a-z])"  # a word in a URL or a class: not inside another word ("silicon")
_JUNK_URL = re.compile(
    rf"{_W}(?:logos?|icons?|favicon|sprites?|qr_?codes?|erweima|avatars?|emoji|smiley|badges?"
    rf"|vip|btns?|buttons?|arrows?|spacer|beacon|tracking|advert\w*|banners?|newsletters?)(?![a-z])"
    r"|/head_?images?/|/portrait/|/share/|(?:weixin|weibo|wechat|qzone)\.(?:png|jpg|gif)"
    r"|(?<![a-z0-9])(?:wx|wb|ewm)\.(?:png|jpg|gif)"  # WeChat / Weibo buttons, a QR code
    r"|pixel\.(?:gif|png)|1x1|blank\.gif|/ads?/|/adv/|adsystem|doubleclick|counter\.|/tplimg/"
    r"|/themes?/[\w.-]+/(?:[\w.-]+/)*?(?:images?|img|icons?)/"  # a theme's drawings, not uploads
    r"|copy_?link|/[\w-]{1,3}\.gif(?:\?|$)|share(?!d|holder)|pengyouquan"  # not shared.png
    # a writer's picture: "/autor/autor-5890-foto-5.jpeg", "/profile/192x192/52218.png"
    r"|/(?:autor|author|profile)s?/(?:\d+x\d+/)?[\w-]*\d",
    re.I,
)
# A file name of this many words (of three letters or more) says what the picture shows.
_NAME_WORDS = re.compile(r"[A-Za-z]{3,}")
_DESCRIBED_NAME = 4
# an ad server's host: "ad4.sina.com.cn", "ads02.…", "adimg.163.com", "adclient.…"
_AD_HOST = re.compile(r"ad(?:s|v|img|client|server|serv)?\d*\.", re.I)
_NAME_LOGO = re.compile(r"[a-z]logo\.(?:gif|png|svg)$", re.I)  # a site's "xinhualogo.gif"
_CAMEL_JUNK = re.compile(r"[a-z](?:Icon|Logo|Avatar|Share|Qr)")  # "con_headIcon.png"
_JUNK_ATTR = re.compile(
    rf"{_W}(?:logos?|icons?|avatars?|qr\w*|ewm|erweima|share\w*|vip|badges?|emoji|ads?|advert\w*|banners?"
    rf"|sponsor\w*|portrait|subscribe|newsletters?|app-?download|bg\d+"
    # a writer's picture by the byline: "author-img", "voc-author__img", "author-profile"
    rf"|(?:author|autor|profile)[-_]*(?:img|image|photo|picture|pic|profile|avatar))(?![a-z])",
    re.I,
)
# An image the page marks as the article's picture, whatever else its class says
# ("block-image-ads hero-image"): not furniture.
_PICTURE_ATTR = re.compile(rf"{_W}(?:hero|featured|lead)-?(?:image|img|photo|media)", re.I)
_INLINE_ALIGN = frozenset(("absmiddle", "absbottom", "texttop", "middle"))
_BUTTON_LABEL = 12
IMAGE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp)$", re.I)
# Declared sizes: at most this many pixels on a side is an icon or a tracking pixel.
MAX_ICON_SIDE = 48
# A declared square this small is an avatar or a category icon beside the text, not a picture.
MAX_SQUARE_SIDE = 120
# At most this many pixels on its longer side, a picture is a thumbnail, a badge or a button:
# declared (118×74 beside a video link, an 88×31 badge) or asked of the image server by its
# address ("/fit-in/120x80/", "photo-150x150.jpg", not a crop's corner "108x107:…").
MAX_THUMB_SIDE = 160
_URL_SIZE = re.compile(r"(?<![\d.:])(\d{2,4})x(\d{2,4})(?![\d:])")
# At least this many pixels on its longer side, an image is a picture's size, GIF or not.
MIN_PICTURE_SIDE = 400
# An SVG on a control (a button, a theme-switched <picture>) is its icon unless declared at
# least this large; how far above the image the control may be.
_SVG_PICTURE = 150
_CONTROL_LEVELS = 5
# A badge or button is at most this high: 88×31, 102×27.
_MAX_BADGE_HEIGHT = 40
# A text link this long names a page (a headline), not an action ("more", "next").
HEADLINE_CHARS = 8
# A declared height this low under a width four times as large is a banner strip.
MAX_STRIP_HEIGHT = 60


def declared_side(value: str | None) -> int | None:
    """A ``width``/``height`` attribute in pixels ("600", "600px"); None if not a number."""
    found = re.match(r"\s*(\d+)\s*(?:px)?\s*$", value or "")
    return int(found[1]) if found else None


def _junk_words_path(path: str) -> str:
    """The part of an image's path whose words may name furniture: all of it, but for a file
    named like a caption, one furniture word among several others ("housewife_baking_bread_
    advertisement_1950.jpg", a picture *of* an advert; not "wechat-share-icon-large.png")."""
    folder, _, name = path.rpartition("/")
    words = _NAME_WORDS.findall(name.rsplit(".", 1)[0])
    described = len(words) >= _DESCRIBED_NAME and len(_JUNK_URL.findall(f"/{name}")) <= 1
    return f"{folder}/" if described else path


def url_size(url: str) -> tuple[int, int] | None:
    """The width and height an image's address asks for ("/fit-in/120x80/", "-150x150.jpg",
    "LHF_2000x1000_O_Lede.gif"), or None."""
    parts = url_parts(url)
    sized = _URL_SIZE.search(f"{parts.path}?{parts.query}")
    return (int(sized[1]), int(sized[2])) if sized else None


def is_decorative(img: etree._Element, url: str) -> bool:
    """True for an image that is page furniture: a pixel, logo, icon, QR code, share button,
    avatar, badge or ad, by its URL, its class/id/alt, or a declared size of an icon."""
    parts = url_parts(url)
    if _JUNK_URL.search(f"{_junk_words_path(parts.path)}?{parts.query}") or _CAMEL_JUNK.search(
        parts.path
    ):
        return True
    if _AD_HOST.match(parts.hostname or "") or _NAME_LOGO.search(parts.path):
        return True
    alt = img.get("alt", "")
    if (
        len(alt) <= 20 and len(alt.split()) <= 3 and _JUNK_ATTR.search(alt)
    ):  # alt="logo", not a caption
        return True
    for node in (img, *wrappers(img, levels=1)):  # the image and its link or wrapper
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if _JUNK_ATTR.search(attrs) and not _PICTURE_ATTR.search(attrs):
            return True
    if img.get("align", "").lower() in _INLINE_ALIGN:
        return True  # set in a line of text: an icon beside its word
    link = next((a for a in wrappers(img) if a.tag == "a"), None)
    label = link.text_content().strip() if link is not None else ""
    if label and len(label) <= _BUTTON_LABEL and is_boilerplate(label):
        return True  # the icon of a button: "发表评论", "打印本文", "分享到微博"
    if link is not None and not label and _is_button_icon(img, link):
        return True
    if link is None and parts.path.lower().endswith(".gif") and _bullet(img):
        return True
    sized = url_size(url)
    if sized and max(sized) <= MAX_THUMB_SIDE:
        return True  # a thumbnail its address asks for ("fit-in/120x80/", "-150x150.jpg")
    width, height = declared_side(img.get("width")), declared_side(img.get("height"))
    if parts.path.lower().endswith(".svg") and max(width or 0, height or 0) < _SVG_PICTURE:
        if _in_control(img):
            return True  # a control's drawing (zoom-in.svg, font-sizes.svg), not a figure
    if width and height and height <= MAX_STRIP_HEIGHT and width >= 4 * height:
        return True  # a strip: a banner or a section's title bar, not a picture
    if (
        width
        and height
        and max(width, height) <= MAX_THUMB_SIDE
        and min(width, height) <= _MAX_BADGE_HEIGHT
    ):
        return True  # a web badge or button (88×31, 102×27): "visit our forum"
    if width and height and max(width, height) <= MAX_SQUARE_SIDE:
        if max(width, height) <= 1.25 * min(width, height):
            return True  # a small square: an avatar, a category icon, a logo
    sides = [s for s in (width, height) if s is not None]
    return bool(sides) and max(sides) <= MAX_ICON_SIDE


def _in_control(img: etree._Element) -> bool:
    """True for an image drawn on a control: inside a ``<button>`` or an element labelled for
    screen readers ("Artikel vorlesen"), or a ``<picture>`` switching it for a dark theme."""
    for level, node in enumerate(img.iterancestors()):
        if level >= _CONTROL_LEVELS:
            break
        if node.tag == "button" or node.get("role") == "button" or node.get("aria-label"):
            return True
        if node.tag == "picture" and any(
            "prefers-color-scheme" in (source.get("media") or "") for source in node.iter("source")
        ):
            return True
    return False


def _bullet(img: etree._Element) -> bool:
    """True for a list's bullet: the image (maybe beside another icon) stands right before a
    link whose text is a headline ("<img src=goxp.gif>&nbsp;<a>第六届年会闭幕</a>")."""
    node = img
    while (node := node.getnext()) is not None:
        if (node.tag == "img" or node.tag is etree.Comment) and not (node.tail or "").strip():
            continue
        break
    if node is None or node.tag != "a" or (img.tail or "").strip():
        return False
    return len(node.text_content().strip()) >= HEADLINE_CHARS and node.find(".//img") is None


def _is_button_icon(img: etree._Element, link: etree._Element) -> bool:
    """True for an image that is its link's whole label, named as the link's action: its
    alt is the link's title ("上一主题", "打印"), or a boilerplate word."""
    alt, title = img.get("alt", "").strip(), (link.get("title") or "").strip()
    named = alt or title
    if not named or len(named) > _BUTTON_LABEL:
        return False
    return alt == title or is_boilerplate(named)


def wrappers(img: etree._Element, levels: int = 2) -> list[etree._Element]:
    """The image's ancestors up to ``levels`` (its link, its link's span)."""
    found: list[etree._Element] = []
    node = img.getparent()
    while node is not None and len(found) < levels:
        found.append(node)
        node = node.getparent()
    return found


def identity(url: str) -> str:
    """An image URL without scheme and size query, to match one image across its variants."""
    parts = url_parts(url)
    return (
        f"{parts.netloc}{parts.path}" if parts.path.strip("/") else f"{parts.netloc}?{parts.query}"
    )


def is_hidden(el: etree._Element) -> bool:
    """An element the page does not display: the ``hidden`` attribute or inline
    ``display:none`` (a share thumbnail kept for WeChat, a template)."""
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and "display:none" in style.replace(" ", ""))


PageImage = tuple[str, etree._Element]  # an <img> of the page and its real URL


def page_images(page: etree._Element, base_url: str) -> list[PageImage]:
    """The page's own ``<img>`` elements with a real URL, in document order: an extracted or
    sanitised copy has lost the size, class and wrappers that tell furniture from pictures."""
    found = [(image_source(img, base_url), img) for img in page.iter("img")]
    return [(source, img) for source, img in found if source is not None]
