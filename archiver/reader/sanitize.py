"""Make an article body safe to show, and pull its plain text out for the search index.

The crawler already cleans bodies, but the reader treats them as untrusted anyway: this
allowlist pass plus the pages' Content-Security-Policy mean a body that slipped through
cannot run script, submit anything or load anything from the network. Images that were
never downloaded (remote ``src``) become a link to the original instead of a request.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin

import lxml.html
from lxml import etree

from archiver.extract.htmlparser import html_parser
from archiver.items import BodyFormat
from archiver.reader.tokens import tidy_text
from archiver.rewrite import ORIGINAL_SRC_ATTR

# Removed with everything inside them.
_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "option",
    "link",
    "meta",
    "base",
    "head",
    "title",
    "svg",
    "math",
    "audio",
    "video",
    "source",
    "track",
    "canvas",
    "portal",
    "dialog",
}
# Kept as they are (with the attributes below); any other tag is unwrapped to its content.
_KEEP = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "colgroup",
    "col",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "strike",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "blockquote",
    "q",
    "cite",
    "pre",
    "code",
    "kbd",
    "samp",
    "var",
    "abbr",
    "time",
    "a",
    "img",
    "figure",
    "figcaption",
    "span",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "details",
    "summary",
    "center",
    "ruby",
    "rt",
    "rp",
}
_ATTRS = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "data-original-src"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "abbr": {"title"},
}
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "table",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "header",
    "footer",
}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|webp|avif|bmp);", re.I)
_PARSER = html_parser()
# Characters lxml refuses to set in an attribute (a link "x&#14;y" parses, but cannot be set).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class CleanBody:
    """A sanitised body: ``html`` to embed, ``text`` for search, ``images`` local file paths.

    ``images`` are the local ``src`` values decoded to file paths (relative to the article);
    ``links`` maps each ``<img>`` of the body as written to its ``src``, by original URL
    (``rewrite.local_image_paths``, read from the sanitiser's own parse).
    """

    html: str
    text: str
    images: tuple[str, ...]
    links: dict[str, str] = field(default_factory=dict)


def _is_local(src: str) -> bool:
    """A path relative to the article file (no scheme, not host- or root-relative)."""
    s = src.strip()
    return bool(s) and not _SCHEME.match(s) and not s.startswith(("/", "\\"))


def _clean_link(href: str, base_url: str | None) -> str | None:
    """A link target that is safe to keep: http(s)/mailto/tel, local or in-page; else None."""
    href = _NOT_XML.sub("", href).strip()
    if not href:
        return None
    match = _SCHEME.match(href)
    if match:
        return href if match.group(1).lower() in _SAFE_LINK_SCHEMES else None
    if href.startswith(("/", "\\")):
        try:
            return urljoin(base_url, href) if base_url else None
        except ValueError:  # "//[x": no parser takes it, so it leads nowhere
            return None
    return href


def _missing_image(img: etree._Element, src: str) -> etree._Element:
    """What stands in for an image that was never downloaded: a link to the original."""
    span = _PARSER.makeelement("span", {"class": "img-missing"})
    link = etree.SubElement(span, "a", {"href": src, "rel": "noopener noreferrer"})
    link.text = "图片未存档（原图链接）"
    span.tail = img.tail
    return span


def _clean_element(
    el: etree._Element, base_url: str | None, images: list[str], missing: list[etree._Element]
) -> None:
    """Strip one kept element down to its allowed attributes, fixing links and images
    (stand-ins for images never downloaded go to ``missing``)."""
    allowed = _ATTRS[el.tag]
    for name in el.keys():
        if name not in allowed:
            del el.attrib[name]
    if el.tag == "a":
        href = _clean_link(el.get("href", ""), base_url)
        if href is None:
            el.attrib.pop("href", None)
        else:
            el.set("href", href)
            if _SCHEME.match(href):
                el.set("rel", "noopener noreferrer")
    elif el.tag == "img":
        src = _NOT_XML.sub("", el.get("src", "")).strip()
        if _is_local(src) or _SAFE_DATA_IMAGE.match(src):
            el.set("decoding", "async")
            if _is_local(src):
                images.append(unquote(src))
        else:
            original = el.get("data-original-src") or src
            link = _clean_link(original, base_url) if original else None
            if link:
                missing.append(_missing_image(el, link))
                el.getparent().replace(el, missing[-1])
            else:
                el.drop_tree()


def _fragment(body: str) -> lxml.html.HtmlElement:
    """``lxml.html.fragment_fromstring(body, create_parent="div")`` with every node, the
    new parent too, from ``_PARSER`` (lxml.html's own ``Element`` would bring its lookup)."""
    elements = lxml.html.fragments_fromstring(body, parser=_PARSER)
    root = _PARSER.makeelement("div")
    if elements and isinstance(elements[0], str):
        root.text = elements.pop(0)
    root.extend(elements)
    return root


def clean_html(body: str, base_url: str | None = None) -> CleanBody:
    """Sanitise an HTML body by allowlist; ``base_url`` resolves root-relative links."""
    root = _fragment(body or "")
    links = {
        img.get(ORIGINAL_SRC_ATTR) or img.get("src", ""): img.get("src", "")
        for img in root.iter("img")
        if img.get("src")
    }
    for el in list(root.iter(*_DROP, etree.Comment, etree.ProcessingInstruction, etree.Entity)):
        el.drop_tree()
    images: list[str] = []
    missing: list[etree._Element] = []
    for el in list(root.iterdescendants()):
        tag = el.tag
        if tag not in _KEEP:
            el.drop_tag()
        elif tag in _ATTRS:
            _clean_element(el, base_url, images, missing)
        elif el.keys():  # a kept element with no attributes allowed (most are <p>, <span>)
            el.attrib.clear()
    markup = lxml.html.tostring(root, encoding="unicode", method="html")
    markup = markup[len("<div>") : -len("</div>")]
    for el in missing:  # the text for search leaves them out
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return CleanBody(markup.strip(), tidy_text(root.text_content()), tuple(images), links)


def text_to_html(text: str) -> CleanBody:
    """A plain-text body (paragraphs separated by blank lines) as escaped ``<p>`` elements."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    markup = "\n".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    return CleanBody(markup, tidy_text("\n".join(paragraphs)), ())


def markdown_to_html(text: str, base_url: str | None = None) -> CleanBody:
    """A Markdown body rendered (Python-Markdown), then sanitised like any HTML body."""
    try:
        import markdown
    except ImportError:
        return text_to_html(text)
    return clean_html(markdown.markdown(text or "", extensions=["tables"]), base_url)


def clean_body(body: str, body_format: BodyFormat, base_url: str | None = None) -> CleanBody:
    """Dispatch on the article's body format (html by default, as in the seed)."""
    if body_format is BodyFormat.TEXT:
        return text_to_html(body)
    if body_format is BodyFormat.MARKDOWN:
        return markdown_to_html(body, base_url)
    return clean_html(body, base_url)
