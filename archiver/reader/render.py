"""Render the reader's HTML: one page per article (next to its ``.md``) and ``index.html``.

Pages are filled from ``templates/*.html`` with every value escaped, and carry a
Content-Security-Policy that allows only files from the archive itself: no inline script,
no remote image, font or style, no form submission. Dates are written in UTC inside
``<time datetime>``; ``static/article.js`` shows them in the reader's local time.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape
from importlib.resources import files
from string import Template

from archiver.paths import relative_to_article
from archiver.reader.source import Entry

ASSETS_DIR = ".reader"
# 'self' covers http(s) (archiver serve) and file:// in Chromium; file: covers other browsers.
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self' file:",
        "style-src 'self' file:",
        "img-src 'self' file: data:",
        "font-src 'self' file:",
        "media-src 'self' file:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    )
)
# Bump when render.py changes what it writes; template edits are picked up by hash.
RENDER_REVISION = "2"
# The previous/next links sit between these comments, so a build can rewrite just them when
# an article's neighbours change (a sanitised body holds no comments; titles are escaped).
NAV_OPEN = "<!--prevnext-->"
NAV_CLOSE = "<!--/prevnext-->"
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9_.\-~/]+")  # what ``urllib.parse.quote`` escapes


@dataclass(frozen=True)
class Neighbour:
    """An adjacent article in the newest-first list, for the previous/next links."""

    rel: str
    title: str


@cache
def _template(name: str) -> Template:
    """A template from ``archiver/reader/templates``."""
    return Template((files("archiver.reader") / "templates" / name).read_text(encoding="utf-8"))


@cache
def _pieces(name: str) -> tuple[tuple[bool, str], ...]:
    """A template cut into (is a placeholder, text or name) pieces, once: ``substitute``
    scans the whole template with a regex for every page (40% of rendering one)."""
    template = _template(name)
    text, pieces, at = template.template, [], 0
    for match in template.pattern.finditer(text):
        pieces.append((False, text[at : match.start()]))
        key = match["named"] or match["braced"]
        if match["escaped"] is not None:
            pieces.append((False, template.delimiter))
        elif key is None:
            raise ValueError(f"invalid placeholder in template {name}")
        else:
            pieces.append((True, key))
        at = match.end()
    pieces.append((False, text[at:]))
    return tuple(pieces)


def _fill(name: str, **values: object) -> str:
    """``_template(name).substitute(**values)``, from the template's pieces."""
    return "".join(str(values[p]) if is_key else p for is_key, p in _pieces(name))


@cache
def render_version() -> str:
    """Fingerprint of everything that shapes an article page, apart from the article."""
    text = RENDER_REVISION + _template("article.html").template
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def href(from_rel: str, to_rel: str) -> str:
    """URL-encoded relative link between two archive-relative files."""
    return quote(relative_to_article(from_rel, to_rel))


def quote(path: str) -> str:
    """``urllib.parse.quote(path)``, a run of characters at a time: it encodes a Chinese
    file name byte by byte in Python, three times as long (three links a page)."""
    return _UNSAFE_RUN.sub(_percent, path)


def _percent(match: re.Match[str]) -> str:
    return "%" + match[0].encode("utf-8").hex("%").upper()


def format_utc(when: datetime) -> str:
    """The date shown before the script localises it: ``2022-07-20 05:47 UTC``."""
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _time(article: Entry) -> str:
    if article.date is None:
        return '<span class="date">日期未知</span>'
    iso = article.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    label = "存档于 " if article.date_unknown else ""
    return f'<time datetime="{iso}" data-local>{label}{format_utc(article.date)}</time>'


def _neighbour(from_rel: str, other: Neighbour | None, rel: str, label: str) -> str:
    if other is None:
        return f'<span class="{rel} none"></span>'
    link = href(from_rel, other.rel[: -len(".md")] + ".html")
    return (
        f'<a class="{rel}" rel="{rel}" href="{escape(link)}">'
        f"<small>{label}</small>{escape(other.title)}</a>"
    )


def _source(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return ""
    safe = escape(url)
    return f'<p class="source">原文 <a href="{safe}" rel="noopener noreferrer">{safe}</a></p>'


def _tags(article: Entry) -> str:
    items = [f'<li class="cat">{escape(c)}</li>' for c in article.categories]
    items += [f'<li class="tag">{escape(t)}</li>' for t in article.tags]
    return f'<ul class="labels">{"".join(items)}</ul>' if items else ""


def render_nav(rel: str, newer: Neighbour | None, older: Neighbour | None) -> str:
    """The previous/next links of the page of ``rel``, markers included."""
    prev = _neighbour(rel, newer, "prev", "上一篇（较新）")
    following = _neighbour(rel, older, "next", "下一篇（较早）")
    return f"{NAV_OPEN}\n{prev}\n{following}\n{NAV_CLOSE}"


def nav_key(newer: Neighbour | None, older: Neighbour | None) -> str:
    """What a page's previous/next links depend on, hashed: the neighbours' paths and titles."""
    parts = [p for other in (newer, older) for p in ((other.rel, other.title) if other else "--")]
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:16]


def patch_nav(page: str, nav: str) -> str | None:
    """``page`` with its previous/next links replaced by ``nav``; None if it has no markers."""
    start = page.rfind(NAV_OPEN)
    end = page.rfind(NAV_CLOSE)
    if start < 0 or end < start:
        return None
    return page[:start] + nav + page[end + len(NAV_CLOSE) :]


def render_article(
    article: Entry, newer: Neighbour | None = None, older: Neighbour | None = None
) -> str:
    """The HTML page of one article; ``newer``/``older`` are its neighbours in the list."""
    depth = article.rel.count("/")
    root = "../" * depth
    author = f' <span class="author">{escape(article.author)}</span>' if article.author else ""
    return _fill(
        "article.html",
        lang="zh-CN",
        csp=CSP,
        title=escape(article.title),
        assets=f"{root}{ASSETS_DIR}/",
        root=root,
        kicker=escape(article.site),
        time=_time(article),
        author=author,
        source=_source(article.url),
        tags=_tags(article),
        body=article.body.html,
        nav=render_nav(article.rel, newer, older),
        archived=escape(f"存档于 {article.archived}" if article.archived else ""),
        md=escape(quote(article.rel.rpartition("/")[2])),
    )


def render_index(total: int) -> str:
    """``index.html``: the shell that ``static/index.js`` fills from the catalogue."""
    return _fill("index.html", csp=CSP, total=total)
