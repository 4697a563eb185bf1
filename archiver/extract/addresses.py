"""An image's real address: what a browser loads for an ``<img>`` once its scripts have run.

Lazy loaders keep the real URL in a ``data-*`` attribute and put a placeholder in ``src``;
responsive pages list sizes in ``srcset`` (on the ``<img>`` or on a ``<picture>``'s
``<source>``), of which the largest is kept; some templates print script where the address
belongs and let an ``onerror`` handler set the picture.
"""

from __future__ import annotations

import re

from lxml import etree

from archiver.extract.tree import absolute_url, url_parts

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
    "data-delay",  # マイナビニュース
    "data-lazy-original",
    "data-ks-lazyload",  # Taobao's KISSY loader
    "lazy-src",
    "file",  # Discuz! forums
)
SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")
# Any other data attribute a lazy loader names after itself ("data-lazyimage-src"), read
# after the known ones, when it holds one address.
_LAZY_NAME = re.compile(r"data-[\w-]*lazy[\w-]*(?<!srcset)")
_ONE_ADDRESS = re.compile(r"[^\s{}\[\]\"'<>]+")
_PLACEHOLDER_NAME = re.compile(
    r"(?:blank|spacer|loading|lazy|placeholder|grey|gray|pixel|1x1|transparent|default)", re.I
)
_NO_URL = re.compile(r"null|undefined|none|false|#|about:blank", re.I)
# Script where an address belongs ("if(this.src!='…') this.src='…';"), and the address an
# ``onerror`` handler puts in its place when the browser fails to load it.
_SCRIPT = re.compile(r"^\s*(?:javascript:|if\s*\(|function\b)|\bthis\.src\b")
_FALLBACK_SRC = re.compile(r"\bthis\.src\s*=\s*(['\"])(?P<url>[^'\"]+)\1")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def escape_controls(url: str) -> str:
    """``url`` with control characters percent-encoded (``&#1;`` in an href): XML attributes
    cannot hold them, and no server means them literally."""
    return _CONTROLS.sub(lambda m: f"%{ord(m.group()):02X}", url)


def is_script(value: str) -> bool:
    """True for script where an address belongs (``src="if(this.src!='…') this.src='…'"``)."""
    return bool(_SCRIPT.search(value))


def is_placeholder(url: str) -> bool:
    """True for the data: URIs and blank/loading gifs that lazy loaders put in ``src``, and
    the empty value a template printed ("null": Mashable's ``data-url``)."""
    if not url or url.startswith("data:") or _NO_URL.fullmatch(url):
        return True
    name = url_parts(url).path.rsplit("/", 1)[-1].lower()
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


def _by_width(srcset: str) -> bool:
    """True when a ``srcset`` gives its candidates' widths ("a.jpg 640w"), not only densities."""
    return bool(re.search(r"\s\d+w\s*(?:,|$)", srcset))


def image_source(img: etree._Element, base_url: str) -> str | None:
    """The real absolute URL of an ``<img>``: a lazy attribute, the widest ``srcset``
    candidate, then ``src`` (unless it holds script), the address its ``onerror`` handler
    loads instead, then the densest candidate; None if it has only placeholders.

    A ``srcset`` of densities ("1x, 2x") names sharper copies of the picture ``src`` already
    shows (often not even larger: a gallery's 2x thumbnail beside its full-size ``src``), so
    ``src`` comes first there; a lazy ``data-srcset`` is read before ``src`` either way."""
    lazy = [img.get(a, "").strip() for a in LAZY_SRC_ATTRS]
    lazy += [
        value.strip()
        for name, value in img.attrib.items()
        if name not in LAZY_SRC_ATTRS
        and _LAZY_NAME.fullmatch(name)
        and _ONE_ADDRESS.fullmatch(value.strip())
    ]
    srcsets = _srcsets(img)
    wide = [largest_candidate(v) for v in srcsets if _by_width(v)]
    dense = [largest_candidate(v) for v in srcsets if not _by_width(v)]
    lazy_dense = [largest_candidate(img.get(a, "")) for a in SRCSET_ATTRS[1:] if img.get(a)]
    src = (img.get("src") or "").strip()
    fallback = _FALLBACK_SRC.search(img.get("onerror") or "")
    for value in (*lazy, *wide, *lazy_dense, src, fallback["url"] if fallback else "", *dense):
        if _by_width(value):  # a srcset where a URL belongs (an extractor's copy of data-srcset)
            value = largest_candidate(value)
        if value and not is_placeholder(value) and not is_script(value):
            absolute = escape_controls(absolute_url(base_url, value))
            if url_parts(absolute).scheme in ("http", "https"):
                return absolute
    return None
