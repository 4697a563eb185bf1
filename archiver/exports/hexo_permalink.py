"""The path Hexo 7 gives a post, computed as Hexo computes it, so images can be linked absolutely.

Ports of ``hexo/dist/plugins/filter/post_permalink.js`` (the ``permalink`` tokens),
``processor/post.js`` (the slug from the file name and ``new_post_name``) and hexo-util's
``slugize`` with its diacritics table (``hexo_diacritics.json``, from hexo-util, MIT).
A post asset is published at ``post_path`` without ``.html`` + its name
(``models/post_asset.js``); the URL of any published file is ``root`` + its path.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from archiver.exports.hexo_blog import HexoBlog

# hexo-util Permalink: a token is ':' + word characters not ending in '_'.
TOKEN = re.compile(r":(\w*[^_\W])")
# Tokens the permalink filter always defines; any other comes from the post's frontmatter.
BUILTIN_TOKENS = frozenset(
    "id title name post_title year month day hour minute second i_month i_day hash category".split()
)
# Keys the post processor sets on every post (data.source, data.slug, ...).
PROCESSOR_KEYS = frozenset({"source", "raw", "slug", "published"})
_NEW_POST_SEGMENTS = {
    "year": r"(\d{4})",
    "month": r"(\d{2})",
    "day": r"(\d{2})",
    "i_month": r"(\d{1,2})",
    "i_day": r"(\d{1,2})",
    "hash": r"([0-9a-f]{12})",
}
_PRESERVED = frozenset({"title", "year", "month", "day", "i_month", "i_day", "hash"})
_SPECIAL = re.compile(r"[\s\ufeff~`!@#$%^&*()\-_+=\[\]{}|\\;:\"'<>,.?/]+")
_CONTROL = re.compile(r"[\x00-\x1f]")
# encodeURI leaves these alone; '?' and '#' are encoded here too, since they end a path.
_URI_SAFE = "/;,:@&=+$-_.!~*'()"


@cache
def _diacritics() -> dict[str, str]:
    table = json.loads(resources.files(__package__).joinpath("hexo_diacritics.json").read_text())
    return {letter: base for base, letters in table.items() for letter in letters}


def slugize(text: str, transform: int = 0) -> str:
    """hexo-util ``slugize``: diacritics to ASCII, runs of specials to '-', trimmed."""
    table = _diacritics()
    result = "".join(table.get(c, c) if c > "\x7e" else c for c in text)
    result = _SPECIAL.sub("-", _CONTROL.sub("", result))
    result = re.sub("-{2,}", "-", result).strip("-")
    return result.lower() if transform == 1 else result.upper() if transform == 2 else result


def tokens(rule: str) -> list[str]:
    """The ``:name`` tokens of a permalink or ``new_post_name`` rule."""
    return TOKEN.findall(rule)


def extra_tokens(blog: HexoBlog, frontmatter: dict[str, Any]) -> list[str]:
    """Permalink tokens nothing defines for this post: Hexo would print ``undefined``."""
    known = BUILTIN_TOKENS | PROCESSOR_KEYS | set(frontmatter) | set(blog.permalink_defaults)
    return [t for t in tokens(blog.permalink) if t not in known]


def slug_info(blog: HexoBlog, post_path: str) -> dict[str, str]:
    """What Hexo reads from a post's path under ``_posts`` (``parseFilename``); ``title`` = slug."""
    rule = posixpath.splitext(blog.new_post_name)[0]
    path = posixpath.splitext(post_path)[0]
    names: list[str] = []

    def segment(match: re.Match[str]) -> str:
        names.append(match[1])
        return _NEW_POST_SEGMENTS.get(match[1], "(.+?)")

    pattern = TOKEN.sub(segment, re.escape(rule))
    found = re.fullmatch(pattern, path)
    if not found:
        return {"title": slugize(path)}
    info = dict(zip(names, found.groups(), strict=False))
    info.setdefault("title", slugize(path))
    return info


def post_path(blog: HexoBlog, relpath: str, frontmatter: dict[str, Any], date: datetime) -> str:
    """``post.path``: the post's path under ``public/`` as Hexo 7 writes it.

    ``relpath`` is the post file under ``_posts``; ``frontmatter`` what the file holds;
    ``date`` its instant (formatted in the blog's zone, else the machine's, as Hexo does).
    """
    info = slug_info(blog, relpath)
    data: dict[str, Any] = {
        **frontmatter,
        "source": f"_posts/{relpath}",
        "slug": info["title"],
        "published": True,
    }
    data.update({k: v for k, v in info.items() if k not in _PRESERVED})
    if data.get("permalink"):  # the post's own permalink wins
        own = str(data["permalink"])
        if blog.post_asset_folder and not own.endswith(("/", ".html")):
            own += "/"
        return own if own.startswith("/") else f"/{own}"
    local = date.astimezone(blog.zone()) if blog.timezone else date.astimezone()
    slug = info["title"]
    meta: dict[str, Any] = {
        "id": frontmatter.get("id") or "",
        "title": slug,
        "name": posixpath.basename(slug),
        "post_title": slugize(str(frontmatter.get("title") or ""), transform=1),
        "year": f"{local.year:04d}",
        "month": f"{local.month:02d}",
        "day": f"{local.day:02d}",
        "hour": f"{local.hour:02d}",
        "minute": f"{local.minute:02d}",
        "second": f"{local.second:02d}",
        "i_month": str(local.month),
        "i_day": str(local.day),
        "hash": hashlib.sha1(f"{slug}{int(date.timestamp())}".encode()).hexdigest()[:12],
        "category": category_slug(blog, frontmatter.get("categories")),
    }
    for key, value in [*data.items(), *blog.permalink_defaults.items()]:
        meta.setdefault(key, value)
    rule = blog.permalink
    path = TOKEN.sub(lambda m: _js_string(meta[m[1]]) if m[1] in meta else "undefined", rule)
    if blog.post_asset_folder and not path.endswith(("/", ".html")):
        path += "/"
    return path


def category_slug(blog: HexoBlog, categories: Any) -> str:
    """``:category``: the slug of the post's deepest category (its parents' slugs first)."""
    chain = categories if isinstance(categories, list) else [categories] if categories else []
    if not chain:
        return blog.default_category
    parts = [str(blog.category_map.get(str(c), c)) for c in chain]
    return "/".join(slugize(p, transform=blog.filename_case) for p in parts)


def asset_path(post: str, name: str) -> str:
    """Where Hexo publishes the post asset ``name``: beside the page, ``.html`` stripped."""
    return posixpath.join(re.sub(r"\.html?$", "", post), name)


def url_for(blog: HexoBlog, path: str) -> str:
    """Hexo's ``url_for``: the blog's root + path, percent-encoded like ``encodeURI``."""
    return quote(re.sub("/{2,}", "/", blog.root + path), safe=_URI_SAFE)


def _js_string(value: Any) -> str:
    """``String(value)`` as JavaScript writes it into the permalink."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join("" if v is None else _js_string(v) for v in value)  # as Array.join
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
