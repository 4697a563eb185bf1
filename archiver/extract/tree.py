"""A page as an lxml tree: bytes decoded as a browser would, and small helpers over elements."""

from __future__ import annotations

import codecs
import re
from urllib.parse import SplitResult, urljoin, urlsplit

import lxml.html
from lxml import etree
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

from archiver.extract.css import select
from archiver.extract.htmlparser import html_parser


def decode_html(data: bytes, content_type: str | None = None, default: str = "utf-8") -> str:
    """Bytes to text with the charset from the header, else ``<meta>``, else the BOM or ``default``.

    GBK and GB2312 are read as GB18030, their superset, as browsers do. A page whose ``<meta>``
    names any other charset (GB2312, EUC-JP, Shift_JIS, Big5, windows-1252...) but whose bytes
    are valid UTF-8 (a copy re-saved without fixing the tag) is read as UTF-8: legacy-encoded
    Chinese, Japanese or accented Latin text is practically never valid UTF-8. A page that names
    no charset at all is read as UTF-8 when it is valid UTF-8, else as GB18030 when it is valid
    GB18030 (old Chinese sites often declare nothing), else (a damaged byte) as whichever of
    the two loses fewer characters.
    """
    from_header = http_content_type_encoding(content_type) if content_type else None
    declared = from_header or read_bom(data)[0] or html_body_declared_encoding(data)
    if declared is None and (default or "utf-8").lower() in ("utf-8", "utf8"):
        for encoding in ("utf-8", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        # Neither decodes cleanly (a damaged byte or a cut-off copy): the one that loses less.
        readings = [data.decode(e, errors="replace") for e in ("utf-8", "gb18030")]
        return min(readings, key=lambda text: text.count("\ufffd"))
    encoding, text = html_to_unicode(content_type, data, default_encoding=default or "utf-8")
    resaved = codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32")
    if resaved and not from_header and _utf8_text(data):
        return data.decode("utf-8")
    return text


def _utf8_text(data: bytes) -> bool:
    """True when ``data`` decodes as UTF-8 and holds multi-byte characters."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(c) > 0x7F for c in text)


HTML_PARSER = html_parser()  # lxml.html's defaults
# trafilatura's loader's settings: its extractors are tuned on trees read this way
_TRAFILATURA_PARSER = html_parser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)


def parse_tree(page: str | bytes | etree._Element) -> etree._Element:
    """An lxml HTML tree for a page given as text, bytes or an already parsed tree."""
    if isinstance(page, etree._Element):
        return page
    if isinstance(page, bytes):
        page = decode_html(page)
    return lxml.html.document_fromstring(page or "<html></html>", parser=HTML_PARSER)


def load_as_trafilatura(page: str | bytes) -> lxml.html.HtmlElement | None:
    """The tree trafilatura's ``load_html`` reads from a page (its decoding, repairs and
    parser settings), from the parser above; None where that loader rejects the page (no
    ``<html>`` and fewer than two top elements) or reads nothing."""
    text = decode_file(page)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree = None
    try:
        tree = lxml.html.fromstring(text, parser=_TRAFILATURA_PARSER)
    except (ValueError, etree.LxmlError):  # it declares its encoding, or is empty: as bytes
        pass
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(
                text.encode("utf8", "surrogatepass"), parser=_TRAFILATURA_PARSER
            )
        except (ValueError, etree.LxmlError):
            return None
    if is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


_BLOCKS = frozenset(
    "p div table ul ol dl h1 h2 h3 h4 h5 h6 blockquote figure section article pre form hr"
    " header footer aside nav center".split()
)


def wrap_block_tails(root: etree._Element) -> int:
    """Put the text a block leaves loose after it (its tail, with the inline elements that
    follow, up to the next block or a blank line ``<br><br>``) in a paragraph of its own;
    return how many. Trafilatura drops such text: engadget-2010-1's first paragraph follows
    the ``<div>`` of its picture; a comment between the two is dropped: biglobe-news-1's first
    paragraph follows its picture's ``</div> <!-- /img-bx -->``."""
    wrapped = 0
    for block in list(root.iter(*_BLOCKS)):
        _skip_comments(block)
        if not (block.tail or "").strip() or block.getparent() is None:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text, block.tail = block.tail, None
        node = block.getnext()
        while node is not None and node.tag not in _BLOCKS:
            following = node.getnext()
            if node.tag == "br" and not (node.tail or "").strip() and _is_br(following):
                break
            paragraph.append(node)  # with its tail
            node = following
        block.addnext(paragraph)
        wrapped += 1
    return wrapped


def _skip_comments(block: etree._Element) -> None:
    """Drop the comments right after a block up to the first one loose text follows, that text
    becoming the block's tail."""
    node = block.getnext()
    while not (block.tail or "").strip() and node is not None and node.tag is etree.Comment:
        following = node.getnext()
        block.tail = (block.tail or "") + (node.tail or "")
        node.getparent().remove(node)
        node = following


def _is_br(node: etree._Element | None) -> bool:
    return node is not None and node.tag == "br"


def first_match(root: etree._Element, selectors: tuple[str, ...]) -> etree._Element | None:
    """The first element any of the CSS selectors matches, in selector order."""
    for selector in selectors:
        found = select(root, selector)
        if found:
            return found[0]
    return None


def element_text(el: etree._Element | None) -> str:
    """An element's text on one line, whitespace runs collapsed ('' for None)."""
    return re.sub(r"\s+", " ", el.text_content()).strip() if el is not None else ""


def one_line(text: str) -> str:
    """Text on one line: whitespace and control characters collapsed to single spaces."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", text).strip()


def absolute_url(base: str, ref: str) -> str:
    """``ref`` resolved against ``base``; '' for a reference no URL parser takes (a page's
    ``href="http://[http://…"``), which leads nowhere and must not stop the page's parsing."""
    try:
        joined = urljoin(base, ref.strip())
        urlsplit(joined)
    except ValueError:
        return ""
    return joined


def url_parts(url: str) -> SplitResult:
    """``urlsplit`` that takes any string: one no parser takes splits as an empty URL."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def link_url(a: etree._Element, base: str) -> str | None:
    """A link's absolute http(s) URL without fragment; None for anchors, scripts and mail."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    link = absolute_url(base, href).split("#", 1)[0]
    return link if urlsplit(link).scheme in ("http", "https") else None
