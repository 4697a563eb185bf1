"""Which of a page's images are the article's own pictures (the head image: `headimage.py`).

A page sets promotions among the article's images: a site's or channel's banner linking to a
front page, other articles' thumbnails beside their headlines, pictures in lists of links to
other pages, advertisers' cards linking to other sites. The article's own picture is often set
above its text, outside the text's container (a featured image in the header): it is marked
as a picture (a ``<figure>``, the page's declared og:image, an article-sized width).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import SplitResult, unquote, urlsplit

from lxml import etree

from archiver.extract.images import (
    HEADLINE_CHARS,
    IMAGE_PATH,
    MAX_SQUARE_SIDE,
    PageImage,
    declared_side,
    identity,
    is_hidden,
    wrappers,
)
from archiver.extract.tree import absolute_url

# the page a redirect forwards to, written out in its query or path ("?url=https%3A%2F%2F…")
_FORWARDED = re.compile(r"(?<=[?=*&])https?(?::|%3A)(?://|%2F%2F)[^&#\s]+", re.I)
_FRONT_PAGE = re.compile(r"(?:^|/)(?:index\.\w+)?$")  # "/", "/focus/cfj/index.shtml"
# An article's number in its address: "/article/detail/26394860/", "/2024/0520/c1004-4012.html"
# (its last step's; a day's "20240520" is shared by that day's other articles).
# A number inside a hex id ("WS664167f4a3…") is no article number.
_ARTICLE_ID = re.compile(r"(?<![0-9A-Za-z])\d{5,}(?![0-9A-Za-z])")
_DAY = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])")
# The last step of an article's address: a slug of words or a number ("…-im-test,3399387.html").
_ARTICLE_SLUG = re.compile(r"\w+-\w+-\w+|\d{5,}|\.s?html?$")
# How far above a thumbnail a card's link may be (a > span > div > picture > img).
_CARD_LEVELS = 6
_MENU_ITEMS = 2  # text links beside a menu's image button
# WordPress's "photo-640x215.jpg", a blog engine's "photo_thumbnail.jpg", a CDN's width and
# quality "photo-1200-80.jpg" (and its ".jpg.webp"): one picture's sizes
_SIZE_SUFFIX = re.compile(  # and WordPress's mark of an edited copy: "x-e1715708581580.png"
    r"(?:-e\d{10,13}|-\d{2,4}x\d{2,4}|[-_]thumb(?:nail)?|-\d{3,4}-\d{2})+(?=(?:\.\w+){1,2}$)",
    re.I,
)
# A folder naming the size a resizing service serves: "/images/960w/x.jpg", "/w640/", "/640x360/".
_SIZE_FOLDER = re.compile(r"/(?:\d{2,4}[wh]|[wh]\d{2,4}|\d{2,4}x\d{2,4})(?=/)", re.I)
# A file name distinctive enough to tell a picture by its path alone.
_MIRRORED_FILE = re.compile(r"/[^/]{8,}\.(?:jpe?g|png|webp|gif)$", re.I)
# The web format a CDN serves a picture in, after its own extension: "x.jpg.webp".
_WEB_FORMAT = re.compile(r"(?<=\.jpg|\.png|\.gif|jpeg)\.(?:webp|avif)$", re.I)
# a photographer's credit in a caption: "本报记者 惠禾 摄", "（图/新华社）", "Photo: Reuters"
_PHOTO_CREDIT = re.compile(
    r"(?:摄|摄影|供图)\s*[)）]?\s*$|^[（(]?\s*(?:图|摄影|图片)\s*[/／:：]|"
    r"^(?:photo(?:graph)?|image|picture)s?\s*(?:by\b|:|credit)|\bcredit\s*:|\(photo\b",
    re.I,
)
_CAPTION_CHARS = 80
# image URLs written in an attribute's value (a JSON map of sizes, a srcset)
_REFS = re.compile(r"[^\s'\",{}()\[\]]+\.(?:jpe?g|png|webp|avif)\b", re.I).findall
# Declared this wide, an image is a picture (article-sized), not an icon or a thumbnail.
MIN_PICTURE_WIDTH = 300


def picture_identity(url: str) -> str:
    """``url`` as one picture whatever size or format of it is asked for: no scheme, no size
    query, no WordPress size or edit suffix ("hero-640x215.jpg", "hero-e1715708581580.jpg"
    and "hero.jpg" are one picture), no size folder ("/1280w/x.jpg" is "/960w/x.jpg"), no
    web format a CDN adds ("rERQ-1200-80.jpg.webp" is "rERQ.jpg")."""
    return _WEB_FORMAT.sub("", _SIZE_SUFFIX.sub("", _SIZE_FOLDER.sub("", identity(url))))


def without_size_folder(url: str) -> str:
    """``url`` without a resizing service's size folder: "/1280w/x.jpg" is "/960w/x.jpg"."""
    return _SIZE_FOLDER.sub("", url)


def picture_keys(url: str) -> set[str]:
    """The keys by which two URLs are one picture: its ``picture_identity`` and, for a named
    file two folders deep, the end of its path (the same file mirrored or resized elsewhere)."""
    identity_ = picture_identity(url)
    return {k for k in (identity_, _mirror_path(identity_)) if k}


def declared_images(root: etree._Element, base_url: str) -> list[str]:
    """The pictures the page declares as its own (og:image, twitter:image), absolute."""
    values = root.xpath(
        "//meta[@property='og:image' or @name='og:image' or @name='twitter:image'"
        " or @name='twitter:image:src']"
    )
    found = [(m.get("content") or m.get("value") or "").strip() for m in values]
    return [u for u in (absolute_url(base_url, v) for v in found if v) if u]


def is_declared(img: etree._Element, source: str, base_url: str, declared: set[str]) -> bool:
    """True for the picture the page declares (``declared``: its ``picture_identity``), shown
    in any size: its own URL, or a variant that a responsive script's attribute lists for it
    (``data-ctrl-attributeswap="{'m': {'src': '/bilder/x~_v-gross.jpg'}, …}"``)."""
    # its own URL, or the same file from the site's CDN or a resizing service
    if picture_keys(source) & (declared | {_mirror_path(d) for d in declared}):
        return True
    refs = (ref for name, value in img.attrib.items() if name != "src" for ref in _REFS(value))
    return any(picture_identity(absolute_url(base_url, ref)) in declared for ref in refs)


def _mirror_path(identity: str) -> str:
    """The end of a path by which a picture is the same file on another host or behind a
    resizing service (a CDN mirroring the site, "/-mm-/<hash>/c=534x401/local/-/media/…/x.jpg"):
    its two last folders and a named file ("start/images/logopagely_aug10.jpg"), not
    "/logo.png"; '' otherwise."""
    steps = identity.partition("/")[2].split("/")
    tail = "/".join(steps[-3:])
    return tail if len(steps) >= 3 and _MIRRORED_FILE.search("/" + tail) else ""


def is_shown(img: etree._Element) -> bool:
    """False for an image in an element the page hides (a WeChat share thumbnail)."""
    return not any(map(is_hidden, (img, *img.iterancestors())))


def is_credited(img: etree._Element) -> bool:
    """True for a news photograph: the caption printed right after the image credits its
    photographer ("…影响很大 本报记者 惠禾 摄", "图/新华社", "Photo: Reuters"). Such a picture
    is the article's, even where it links to the site it was copied from."""
    node = img
    for _ in range(4):
        parent = node.getparent()
        following = node.getnext()
        text = (node.tail or "").strip() or (
            following.text_content().strip()
            if following is not None and isinstance(following.tag, str)
            else ""
        )
        if text:
            return bool(_PHOTO_CREDIT.search(text.split("\n", 1)[0][:_CAPTION_CHARS]))
        if parent is None:
            return False
        node = parent
    return False


def is_lead_picture(img: etree._Element, url: str, declared: set[str], base_url: str) -> bool:
    """True for an image set above the text as the article's picture, not the header's
    furniture: in a ``<figure>`` or ``<picture>``, declared as the page's image, or
    article-sized by its declared width."""
    if is_declared(img, url, base_url, declared):
        return True
    if any(node.tag in ("figure", "picture") for node in wrappers(img, levels=4)):
        return True
    width = declared_side(img.get("width"))
    return width is not None and width >= MIN_PICTURE_WIDTH


def _caption_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def is_titled(img: etree._Element, title: str) -> bool:
    """True for an image the page captions with the article's title (its ``alt`` or
    ``title``): the article's picture, whatever its class calls it ("lazyload banner"). Not
    one declared at an avatar's size (40×40 by the byline, its template copying the title
    into every ``alt``)."""
    want = _caption_key(title)
    sides = (declared_side(img.get(a)) for a in ("width", "height"))
    avatar = all(side and side <= MAX_SQUARE_SIDE for side in sides)
    return (
        len(want) >= 4
        and not avatar
        and any(_caption_key(img.get(attr, "")) == want for attr in ("alt", "title"))
    )


def titled_pictures(page: Sequence[PageImage], title: str) -> set[str]:
    """The URLs of the page's images captioned with the article's title (``is_titled``)."""
    return {source for source, img in page if is_titled(img, title)}


def writer_pictures(page: Sequence[PageImage], author: str) -> set[str]:
    """The URLs of the page's images named after the article's writer (``alt="maomaobear"``
    over a columnist's "作者简介"): the writer's photo, not the article's."""
    names = {n.strip().casefold() for n in author.split(",") if len(n.strip()) >= 2}
    return {
        source
        for source, img in page
        if (img.get("alt") or img.get("title") or "").strip().casefold() in names
    }


def promotions(root: etree._Element, base_url: str, page: Sequence[PageImage]) -> set[str]:
    """The URLs of the page's images that promote other pages wherever the page shows them:
    a banner linking to a front page, another article's thumbnail beside its headline, a
    picture in a list of links to other articles. ``page``: ``page_images(root)``."""
    headlines = headline_links(root, base_url)
    promo: dict[str, bool] = {}
    for source, img in page:
        is_promo = (
            links_away(img, base_url, front_page_only=True)
            or is_teaser(img, base_url, headlines)
            or in_link_list(img, base_url)
            or links_to_other_article(img, base_url)
        )
        promo[source] = promo.get(source, True) and is_promo
    return {source for source, is_promo in promo.items() if is_promo}


def headline_links(page: etree._Element, base_url: str) -> set[str]:
    """The pages the page links to by a headline: a text link of some length, no image in it."""
    found = set()
    for a in page.iter("a"):
        href = (a.get("href") or "").strip()
        if href and a.find(".//img") is None and len(a.text_content().strip()) >= HEADLINE_CHARS:
            found.add(absolute_url(base_url, href).split("#", 1)[0])
    return found


def is_teaser(img: etree._Element, base_url: str, headlines: set[str]) -> bool:
    """True for another article's thumbnail: the image links to a page that the page also
    links to by its headline (a related or "week in review" list set among the paragraphs)."""
    link = next((a for a in wrappers(img, levels=_CARD_LEVELS) if a.tag == "a"), None)
    if link is None:
        return False
    target = absolute_url(base_url, link.get("href") or "").split("#", 1)[0]
    if _about_this_article(urlsplit(target), urlsplit(base_url)):
        return False  # "enlarge (2 photos)" under the article's own picture
    return not IMAGE_PATH.search(urlsplit(target).path) and target in headlines


def in_link_list(img: etree._Element, base_url: str) -> bool:
    """True for an image in a list item that links to another page by a headline, or in a
    row of such cells each with its picture: a list of other articles (related, most read,
    "more for you") or a row of app promotions, which a page may set inside the article's
    container ("<td><a>网易财经 会赚钱的客户端：</a><img></td><td><a>…</a><img></td>")."""
    near = wrappers(img, levels=_CARD_LEVELS + 2)
    item = next((a for a in near if a.tag == "li"), None)
    if item is not None:
        return _links_away_by_headline(item, base_url) or _menu_button(img, item)
    cell = next((a for a in near if a.tag == "td"), None)
    row = cell.getparent() if cell is not None else None
    if row is None:
        return False
    cells = [td for td in row if td.tag == "td"]
    return len(cells) >= 2 and all(
        td.find(".//img") is not None and _links_away_by_headline(td, base_url) for td in cells
    )


def _menu_button(img: etree._Element, item: etree._Element) -> bool:
    """True for a linked image alone in a menu's item, among items that are text links (a
    portal's toolbar: "访问统计", then a badge linking to another page)."""
    link = next((a for a in img.iterancestors("a")), None)
    menu = item.getparent()
    if link is None or item.text_content().strip() or menu is None or menu.tag not in ("ul", "ol"):
        return False
    texts = [li for li in menu if li is not item and li.tag == "li" and li.find(".//a") is not None]
    return len(texts) >= _MENU_ITEMS and all(li.text_content().strip() for li in texts)


def _links_away_by_headline(block: etree._Element, base_url: str) -> bool:
    """True when the block holds a headline's link (a text of some length) to another page."""
    own = base_url.split("#", 1)[0]
    for a in block.iter("a"):
        target = absolute_url(base_url, a.get("href") or "").split("#", 1)[0]
        if (
            target != own
            and urlsplit(target).scheme in ("http", "https")
            and not IMAGE_PATH.search(urlsplit(target).path)
            and len(a.text_content().strip()) >= HEADLINE_CHARS
        ):
            return True
    return False


def _page_link(link: etree._Element | None, base_url: str) -> SplitResult | None:
    """Where a picture's link leads, when it is a page (not the image or a larger copy); a
    click-counting redirect ("rd.example.com/…?http://site/page") leads where it forwards to,
    a share button ("twitter.com/intent/tweet?url=<this page>") to the other site."""
    if link is None:
        return None
    href = absolute_url(base_url, link.get("href") or "")
    target = urlsplit(href)
    forwarded = _FORWARDED.search(href)
    if forwarded:
        onward = urlsplit(absolute_url(base_url, unquote(forwarded[0])))
        if not _same_page(onward, urlsplit(base_url)):
            target = onward
    if target.scheme not in ("http", "https") or IMAGE_PATH.search(target.path):
        return None
    return target


def _same_page(a: SplitResult, b: SplitResult) -> bool:
    return (a.hostname, a.path.rstrip("/")) == (b.hostname, b.path.rstrip("/"))


def _about_this_article(target: SplitResult, own: SplitResult) -> bool:
    """True for a link to this article's own page or to a page of its pictures: same host,
    and the number that ends the article's address is in the link ("/article/detail/26394860/"
    and its gallery "/article/image_detail/26394860/?img_id=1")."""
    if target.hostname != own.hostname:
        return False
    if _same_page(target, own):
        return True
    last = own.path.rstrip("/").rsplit("/", 1)[-1]
    ids = [n for n in _ARTICLE_ID.findall(last) if not _DAY.fullmatch(n)]
    if not ids:
        return False
    return max(ids, key=len) in _ARTICLE_ID.findall(f"{target.path}?{target.query}")


def links_to_other_article(img: etree._Element, base_url: str) -> bool:
    """True for a card linking to another article of the same site, its picture and its
    headline in one link: a related story's teaser ("/artikel/galaxy-z-flip5-vs-razr,33.html"),
    not this article's picture, its gallery or its larger copy."""
    link = next((a for a in wrappers(img, levels=_CARD_LEVELS) if a.tag == "a"), None)
    target = _page_link(link, base_url)
    own = urlsplit(base_url)
    if target is None or target.hostname != own.hostname or _about_this_article(target, own):
        return False
    last = target.path.rstrip("/").rsplit("/", 1)[-1]
    headline = link.text_content().strip() if link is not None else ""
    return len(headline) >= HEADLINE_CHARS and bool(_ARTICLE_SLUG.search(last))


def links_to_other_site(img: etree._Element, base_url: str) -> bool:
    """True when the image's link, or its card's a few levels up, leads to a page on another
    host: an advertiser's or a partner shop's card, never a picture of this article."""
    link = next((a for a in wrappers(img, levels=_CARD_LEVELS) if a.tag == "a"), None)
    target = _page_link(link, base_url)
    return target is not None and target.hostname != urlsplit(base_url).hostname


def links_away(img: etree._Element, base_url: str, front_page_only: bool = False) -> bool:
    """True for an image that links to a page on another host or to a channel's front page:
    a promotion set in the text (a channel's banner, an MMS offer), not the article's picture,
    which links to itself or to its larger version. ``front_page_only``: only a link to a
    front page counts (a site's or channel's banner): an old post's picture may still link
    to the news site it was copied from."""
    link = next((a for a in wrappers(img) if a.tag == "a"), None)
    if link is not None and len(link.text_content().strip()) > 20:  # a block, not a picture link
        return False
    target = _page_link(link, base_url)
    own = urlsplit(base_url)
    if target is None or _about_this_article(target, own):
        return False  # a picture linking to its own article or its gallery
    # a section's front page: no number in its address, which a page of pictures has
    front_page = bool(_FRONT_PAGE.search(target.path)) and not _ARTICLE_ID.search(target.path)
    return front_page or (not front_page_only and target.hostname != own.hostname)
