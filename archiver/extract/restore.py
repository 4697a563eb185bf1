"""Put back the article's images that generic extraction dropped.

Trafilatura's HTML output loses images on many real pages (lazy ``data-src`` images, an image
alone in its paragraph). The article's own container is still in the page: the smallest
element holding its first and last lines. Its images, up to the last line, go back into the
extracted body after the paragraph they followed, so the stored article shows them where the
page did. Page furniture among them is left to ``resolve_images`` to drop.
"""

from __future__ import annotations

import copy
import re
from itertools import islice

import lxml.html
from lxml import etree

from archiver.extract.addresses import image_source, is_script
from archiver.extract.agreement import tokens
from archiver.extract.body import block_text
from archiver.extract.boilerplate import is_boilerplate
from archiver.extract.density import unlikely_block
from archiver.extract.images import IMAGE_PATH, is_decorative
from archiver.extract.located import KEY_CHARS, PROBE_CHARS, holders, key, place_after, probe
from archiver.extract.pictures import (
    declared_images,
    is_declared,
    is_lead_picture,
    is_shown,
    is_titled,
    links_away,
    links_to_other_site,
    picture_identity,
    picture_keys,
    without_size_folder,
)
from archiver.extract.tree import url_parts

_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]")
# Class or id words of a block of other pages set inside an article's container, whatever
# else the name says ("RelatedArticles", "go-teaser", "RecircMostPopular").
_ASIDE = re.compile(
    r"teaser|recirc|related|recommend|popular|trending|sponsor|promo|outbrain|taboola|most-?read|"
    r"dossier",
    re.I,
)
_ENDS = 3  # lines tried at each end of the text to find where the page prints it
# A caption that only credits the picture: "Image Credits: Motional", "Foto: dpa", "图：X".
_CREDIT_ONLY = re.compile(
    r"[(（]?(?:(?:image|photo|picture|foto|bild)s?\s*(?:credits?)?|credits?|source|图|摄影)\s*[:：]",
    re.I,
)
_CREDIT_WORDS = 2  # a caption of a word or two, "Reuters", "Getty Images", only credits
_BUTTON = re.compile(r"button|\bbtn", re.I)  # "<span class="close-button">Close</span>"
_CAPTION_MARK = re.compile(r"caption|cutline", re.I)  # a caption's class or itemprop
_FIGURE_LEVELS = 4  # how far above a picture its <figure> may be (figure > div > amp-img > img)
_CAPTION_CHARS = 400  # a picture's wrapper holds at most a caption this long


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element | None:
    ancestors = {id(x) for x in a.iterancestors()} | {id(a)}
    for node in (b, *b.iterancestors()):
        if id(node) in ancestors:
            return node
    return None


def _preceding_texts(img: etree._Element, container: etree._Element) -> list[str]:
    """The keys of the texts printed before ``img`` inside ``container``, nearest first."""
    texts: list[str] = []
    for el in container.iter():
        if el is img:
            break
        chunk = (
            (el.text or "") if isinstance(el.tag, str) and el.tag not in ("script", "style") else ""
        )
        if _WS.sub("", chunk):
            texts.append(key(chunk))
        if el.tail and _WS.sub("", el.tail) and el is not container:
            texts.append(key(el.tail))
    return texts[::-1]


def _anchor(printed: str, texts: list[str]) -> str:
    """The nearest of ``texts`` that the body prints ('' if none; ``printed``: the body's text
    as extracted, spaces removed, not the captions put back with pictures): an image follows
    the article's text it came after, not a teaser's the body left out."""
    # a short text (a caption, "HTC Touch") may be printed anywhere in the body: not a place
    return next((t for t in texts if len(t) == KEY_CHARS and t in printed), "")


def restore_images(
    body: etree._Element, root: etree._Element, lines: list[str], url: str, title: str = ""
) -> int:
    """Insert into ``body`` the images of the article's container it lacks, and its picture
    set above the text; return how many. ``title``: the article's, which captions it."""
    # a line of marks ("»", "›": a breadcrumb's) is printed anywhere: it locates nothing
    lines = [line for line in lines if len(_WORD.findall(line)) >= 2]
    # the first and last lines the page holds as printed (not a table row of the text's copy)
    firsts = next(filter(None, (holders(root, line) for line in lines[:_ENDS])), [])
    lasts = next(filter(None, (holders(root, line) for line in reversed(lines[-_ENDS:]))), [])
    if not firsts or not lasts:
        return 0
    order = {el: i for i, el in enumerate(root.iter())}
    shown = [line for line in block_text(body).split("\n\n") if key(line)]
    if shown and key(shown[-1]) != key(lines[-1]):  # the body may end later than main_text
        lasts = max(lasts, holders(root, shown[-1]) or lasts, key=lambda h: order[h[-1]])
    last = lasts[-1]
    before = [el for el in firsts if order.get(el, -1) <= order.get(last, -1)]
    first = before[-1] if before else firsts[0]  # the occurrence nearest above the last line
    container = _common_ancestor(first, last)
    restored = 0
    if container is not None and container.tag not in ("html", "body"):
        restored += _container_images(body, container, last, url)
    lead = _lead_picture(root, first, order, url, title)
    if lead is not None:
        sources = (image_source(img, url) for img in body.iter("img"))
        pictures = {k for source in sources if source for k in picture_keys(source)}
        if not picture_keys(image_source(lead, url) or "") & pictures:
            body.insert(0, _holder(body, lead, image_source(lead, url) or ""))
            restored += 1
    return restored


def _container_images(
    body: etree._Element, container: etree._Element, last: etree._Element, url: str
) -> int:
    """Insert into ``body`` the images of the text's ``container`` up to its ``last`` line
    that it lacks, each after the text it follows; return how many."""
    # a picture is one whatever size folder each copy names
    shown_images = {
        without_size_folder(source): img
        for img in body.iter("img")
        if (source := image_source(img, url)) is not None
    }
    have = set(shown_images)
    printed = _WS.sub("", body.text_content())
    placed: dict[str, etree._Element] = {}  # the last picture put or shown after each text
    restored = 0
    for img in list(container.iter("img")):
        if _after(img, last) and not _closing_picture(img, last):
            break
        source = image_source(img, url)
        picture = without_size_folder(source) if source is not None else ""
        if picture in shown_images:  # the next pictures after the same text follow this one
            placed[_anchor(printed, _preceding_texts(img, container))] = _top_block(
                body, shown_images.pop(picture)
            )
        if source is None or picture in have:
            continue
        if links_to_other_site(img, url) or any(
            (unlikely_block(a) and not _picture_wrapper(a, source, url)) or _aside(a)
            for a in _between(img, container)
        ):
            continue  # an ad, a related list or a sidebar set inside the article's container
        have.add(picture)
        after = _anchor(printed, _preceding_texts(img, container))
        placed[after] = _insert(body, img, source, after, placed.get(after))
        restored += 1
    return restored


def _lead_picture(
    root: etree._Element,
    first: etree._Element,
    order: dict[etree._Element, int],
    url: str,
    title: str,
) -> etree._Element | None:
    """The article's picture set above its first line, outside the text's container (a
    featured image in the header): the one nearest the text that is captioned with the
    article's title or is the page's declared picture (og:image), else the one nearest the
    text that is set after the title (the last ``<h1>`` above the first line) and marked as a
    picture (``is_lead_picture``)."""
    start = order[first]
    headings = [h for h in root.iter("h1") if order.get(h, start) < start]
    headings = headings or _title_holders(root, title, order, start)
    after = order[headings[-1]] if headings else start
    declared = {picture_identity(u) for u in declared_images(root, url)}
    found = own = None
    for img in root.iter("img"):
        at = order.get(img, -1)
        if at >= start:
            break
        source = image_source(img, url)
        if source is None or links_to_other_site(img, url) or not is_shown(img):
            continue
        marked = at > after and is_lead_picture(img, source, declared, url)
        titled, stated = is_titled(img, title), is_declared(img, source, url, declared)
        if titled or (
            (marked or stated)
            and not is_decorative(img, source)
            and not links_away(img, url, front_page_only=True)
        ):
            if not any(_aside(a) for a in img.iterancestors()):  # a promo box's cover
                found = img
                own = img if titled or stated else own
    return own if own is not None else found


def _title_holders(
    root: etree._Element, title: str, order: dict[etree._Element, int], start: int
) -> list[etree._Element]:
    """The elements above the text that print the title and nothing else, where a page has no
    ``<h1>`` (a 2005 portal's ``<div class="title">``), in document order."""
    want = _WS.sub("", title)
    if len(want) < PROBE_CHARS:
        return []
    found = root.xpath("//body//text()[contains(., $probe)]/..", probe=probe(title, PROBE_CHARS))
    return sorted(
        (
            el
            for el in found
            if order.get(el, start) < start and _WS.sub("", el.text_content()) == want
        ),
        key=order.__getitem__,
    )


def _aside(el: etree._Element) -> bool:
    """A block of other pages (related list, teaser, dossier box) by its class or id."""
    return bool(_ASIDE.search(f"{el.get('class', '')} {el.get('id', '')}"))


def _top_block(body: etree._Element, el: etree._Element) -> etree._Element:
    """The child of ``body`` that holds ``el``."""
    while el.getparent() is not None and el.getparent() is not body:
        el = el.getparent()
    return el


def _picture_wrapper(node: etree._Element, source: str, url: str) -> bool:
    """True for a block that holds only this picture (its copies in ``<noscript>``, its
    ``<source>`` elements), at most a caption and no link but to the picture: a lightbox's
    "modal" or a zoom wrapper, not a box of ads, tags or stories."""
    if len(_WS.sub(" ", node.text_content())) > _CAPTION_CHARS:
        return False
    if any(not IMAGE_PATH.search(url_parts(a.get("href", "")).path) for a in node.iter("a")):
        return False  # a link away (a tag's icon, a teaser), not to the picture's large copy
    keys = picture_keys(source)
    return all(keys & picture_keys(image_source(img, url) or "") for img in node.iter("img"))


def _between(img: etree._Element, container: etree._Element) -> list[etree._Element]:
    """The ancestors of ``img`` below ``container``."""
    found = []
    for node in img.iterancestors():
        if node is container:
            break
        found.append(node)
    return found


def _closing_picture(img: etree._Element, last: etree._Element) -> bool:
    """True for a picture set on its own right after the text's last line (a post ending
    with its screenshot): the block that follows ``last`` holds it and no text."""
    block = last.getnext()
    return (
        block is not None
        and (block is img or any(d is img for d in block.iter("img")))
        and not block.text_content().strip()
    )


def _after(img: etree._Element, last: etree._Element) -> bool:
    """True when ``img`` comes after the end of ``last`` in document order."""
    if any(a is last for a in img.iterancestors()):
        return False
    node = last
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            if sibling is img or any(d is img for d in sibling.iter("img")):
                return True
            sibling = sibling.getnext()
        node = node.getparent()
    return False


def _holder(body: etree._Element, img: etree._Element, source: str) -> etree._Element:
    """A block for the page's ``img``: a copy of it in a paragraph, or in a figure with the
    caption the page sets under it (a ``<figcaption>`` of its ``<figure>``) where that says
    what the picture shows (not only who took it) and the body does not print it already.
    A copy whose ``src`` is script shows ``source``, the address its handler sets: the body
    keeps no handler."""
    picture = copy.deepcopy(img)
    picture.tail = None
    if source and is_script(picture.get("src") or ""):
        picture.set("src", source)
    caption = _caption(img)
    text = _caption_text(caption) if caption is not None else ""
    if (
        not text
        or _CREDIT_ONLY.match(text)
        or len(tokens(text)) <= _CREDIT_WORDS
        or is_boilerplate(text)
        or _WS.sub("", text) in _WS.sub("", body.text_content())
    ):
        holder = lxml.html.Element("p")
        holder.append(picture)
        return holder
    holder = lxml.html.Element("figure")
    holder.append(picture)
    etree.SubElement(holder, "figcaption").text = text
    return holder


def _caption(img: etree._Element) -> etree._Element | None:
    """The caption the page sets under ``img``: its ``<figure>``'s ``<figcaption>``, else an
    element its wrapper marks as one ("<aside><div><img></div><p><span class="cutline">…")
    where the wrapper holds no other picture."""
    figure = next(
        (a for a in islice(img.iterancestors(), _FIGURE_LEVELS) if a.tag == "figure"), None
    )
    if figure is not None:
        return figure.find(".//figcaption")
    for wrapper in islice(img.iterancestors(), _FIGURE_LEVELS):
        if sum(1 for _ in wrapper.iter("img")) > 1:
            return None
        for el in wrapper.iter(etree.Element):
            marks = f"{el.get('class', '')} {el.get('itemprop', '')}"
            if el is not img and _CAPTION_MARK.search(marks) and img not in el.iter("img"):
                return el
    return None


def _caption_text(caption: etree._Element) -> str:
    """The caption's words, without the buttons set in it ("… | AP Photo Close")."""
    words = copy.deepcopy(caption)
    for button in [el for el in words.iter(etree.Element) if el is not words]:
        if button.tag == "button" or _BUTTON.search(button.get("class", "")):
            button.drop_tree()
    return _WS.sub(" ", words.text_content()).strip()


def _insert(
    body: etree._Element,
    img: etree._Element,
    source: str,
    after_key: str,
    previous: etree._Element | None,
) -> etree._Element:
    """Put the page's ``img`` in its own block right after the text that holds ``after_key``, or
    after ``previous`` (the image put there before it: a gallery keeps its order); return it."""
    holder = _holder(body, img, source)
    if previous is not None and previous.getparent() is not None:
        previous.addnext(holder)
    else:
        place_after(body, holder, after_key)
    return holder
