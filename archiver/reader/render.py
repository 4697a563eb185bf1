"""Render the reader's HTML: one page per article (next to its ``.md``) and ``index.html``.

Pages are filled from ``templates/*.html`` with every value escaped, and carry a
Content-Security-Policy that allows only files from the archive itself: no inline script,
no remote image, font or style, no form submission. Dates are written in UTC inside
``<time datetime>``; ``static/article.js`` shows them in the reader's local time.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from urllib.parse import quote

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
RENDER_REVISION = "1"


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
def render_version() -> str:
    """Fingerprint of everything that shapes an article page, apart from the article."""
    text = RENDER_REVISION + _template("article.html").template
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def href(from_rel: str, to_rel: str) -> str:
    """URL-encoded relative link between two archive-relative files."""
    start = posixpath.dirname(from_rel) or "."
    return quote(posixpath.relpath(to_rel, start))


def format_utc(when: datetime) -> str:
    """The date shown before the script localises it: ``2022-07-20 05:47 UTC``."""
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _time(article: Entry) -> str:
    if article.date is None:
        return '<span class="date">日期未知</span>'
    iso = article.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    label = "存档于 " if article.date_unknown else ""
    return f'<time datetime="{iso}" data-local>{label}{format_utc(article.date)}</time>'


def _neighbour(article: Entry, other: Neighbour | None, rel: str, label: str) -> str:
    if other is None:
        return f'<span class="{rel} none"></span>'
    link = href(article.rel, other.rel[: -len(".md")] + ".html")
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


def render_article(article: Entry, newer: Neighbour | None, older: Neighbour | None) -> str:
    """The HTML page of one article; ``newer``/``older`` are its neighbours in the list."""
    depth = article.rel.count("/")
    root = "../" * depth
    author = f' <span class="author">{escape(article.author)}</span>' if article.author else ""
    return _template("article.html").substitute(
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
        prev=_neighbour(article, newer, "prev", "上一篇（较新）"),
        next=_neighbour(article, older, "next", "下一篇（较早）"),
        archived=escape(f"存档于 {article.archived}" if article.archived else ""),
        md=escape(quote(article.rel.rpartition("/")[2])),
    )


def render_index(total: int) -> str:
    """``index.html``: the shell that ``static/index.js`` fills from the catalogue."""
    return _template("index.html").substitute(csp=CSP, total=total)
