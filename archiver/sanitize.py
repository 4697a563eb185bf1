"""Make every article file and stored image safe to open anywhere, offline or published.

An article file is opened by Hexo (its Markdown renderer passes HTML through), by a browser
from ``file://``, by any Markdown viewer; none of them has the reader's Content-Security-
Policy. So the file itself holds nothing that runs or loads from elsewhere: the body goes
through nh3 (the Ammonia sanitiser) with an allow-list of the markup articles use, and the
only URL left that a renderer loads is an ``<img src>``: a local copy, or the image's
original public URL while it is pending (SPEC §1). Links stay links (clicking is the
reader's choice). SVG images go through svg-hush, which drops scripts, handlers, foreign
objects and every external reference.

Plain functions, no Scrapy: render (``archiver.render``) runs in worker processes.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import nh3
import py_svg_hush

TAGS = frozenset(
    "p div span a img br hr b strong i em u s del ins sub sup small mark big cite q abbr "
    "h1 h2 h3 h4 h5 h6 blockquote pre code kbd samp ul ol li dl dt dd "
    "table caption colgroup col thead tbody tfoot tr th td figure figcaption "
    "center font section article header footer aside".split()
)
ATTRIBUTES = {
    "*": {"style", "class", "title", "align", "lang", "dir"},
    "a": {"href", "target", "name"},
    "img": {"src", "alt", "width", "height", "data-original-src", "referrerpolicy"},
    "td": {"colspan", "rowspan", "valign", "width"},
    "th": {"colspan", "rowspan", "valign", "width", "scope"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "table": {"border", "cellpadding", "cellspacing", "width"},
    "ol": {"start", "type"},
    "font": {"color", "size", "face"},
}
# Style properties that only lay out or colour text: none of them can name a URL.
STYLE_PROPERTIES = frozenset(
    "text-align text-indent text-decoration text-transform color background-color "
    "font font-weight font-style font-size font-family line-height letter-spacing "
    "word-spacing white-space vertical-align width height max-width min-width margin "
    "margin-top margin-bottom margin-left margin-right padding padding-top padding-bottom "
    "padding-left padding-right border border-top border-bottom border-left border-right "
    "border-width border-style border-color border-collapse display float clear".split()
)
# Tags removed with everything inside them (the rest lose only the tag, keep their text).
DROP_WITH_CONTENT = frozenset(
    "script style template noscript iframe object embed applet form button select textarea "
    "svg math video audio picture source track canvas map head title base link meta".split()
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_LOADS_REMOTELY = re.compile(r"url\s*\(|expression\s*\(|image-set\s*\(|@import|\\", re.I)
_QUOTE = re.compile(r"[\"'<>]")
# Text a page hides until its scripts show it (WeChat's article, a "read more"): shown offline.
_HIDDEN = re.compile(r"display\s*:\s*none\s*(?:!\s*important)?", re.I)
_TAG_START = re.compile(r"(?<!\]\()<(?=[A-Za-z/!?])")  # not a Markdown ](<destination>)


def clean_html(body: str) -> str:
    """An HTML body with only allow-listed markup, no script, handler, remote load or form.

    Braces stay written ``&#123;``/``&#125;`` for Hexo's Nunjucks (SPEC §1).
    """
    if not body.strip():
        return body
    cleaned = nh3.clean(
        body,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
    )
    # html5ever writes U+00A0 as &nbsp;, lxml (the extractor) as the character: keep lxml's.
    cleaned = cleaned.replace("&nbsp;", "\xa0")
    return cleaned.replace("{", "&#123;").replace("}", "&#125;")


def escape_markup(text: str) -> str:
    """Plain text or Markdown that no renderer reads as HTML: a ``<`` that could open a tag
    becomes ``&lt;`` (Markdown shows it as ``<``)."""
    return _TAG_START.sub("&lt;", text)


def sanitize_svg(data: bytes) -> bytes | None:
    """The SVG without scripts, handlers, foreign objects or external references; None when
    svg-hush cannot read it (the image is then refused, never stored as served)."""
    try:
        return bytes(py_svg_hush.filter_svg(data))
    except Exception:  # svg-hush raises its own error types for unreadable XML
        return None


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Per-value rules nh3's allow-list cannot say: which URLs stay, which styles."""
    if name == "style":
        return _safe_style(value)
    if name == "src":
        return value if is_loadable(value) else None
    if name == "href":
        return None if value.lstrip().startswith(("//", "\\")) else value
    return value


def _safe_style(style: str) -> str | None:
    """The declarations of a ``style`` whose property only lays out text, whose value can name
    no URL and that do not hide it; the value unchanged when all are (the seed's bodies stay
    byte-identical)."""
    declarations = [d for d in style.split(";") if d.strip()]
    kept = [
        d
        for d in declarations
        if d.partition(":")[0].strip().lower() in STYLE_PROPERTIES
        and not _LOADS_REMOTELY.search(d)
        and not _HIDDEN.fullmatch(d.strip())
        and not _QUOTE.search(d.partition(":")[2])
    ]
    if len(kept) == len(declarations):
        return style if kept else None
    return ";".join(d.strip() for d in kept) or None


def is_loadable(url: str) -> bool:
    """True for an image URL a renderer may load: a local copy (a path relative to the
    article), or an http(s) URL of a public host (a pending image, SPEC §1)."""
    url = url.strip()
    if url.startswith(("/", "\\")):  # //host is another host; /x the site root: neither local
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[x": no renderer loads it
        return False
    if not parts.scheme:
        return True
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        address = ipaddress.ip_address(parts.hostname.strip("[]"))
    except ValueError:
        return parts.hostname != "localhost" and not parts.hostname.endswith(".localhost")
    return address.is_global
