"""Where an article and its images live inside ARCHIVE_DIR (SPEC §2).

``<site>/<YYYY-MM>/<YYYY-MM-DD>-<title>-<id8>.md``, its images in the folder of the same
name without ``.md`` (Hexo's post-asset-folder convention). The id comes from the URL, so
the same URL keeps the same name; every segment is safe on Linux, macOS and Windows (no
reserved characters or device names such as ``con``, no trailing dot or space), and every
path, an image's included, is at most ``MAX_PATH_BYTES`` long.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from posixpath import dirname, relpath

MAX_PATH_BYTES = 200
# The longest image file name in an asset folder: "/" + 16 hex digits + ".avif".
ASSET_NAME_BYTES = 1 + 16 + 5
# An article path leaves room for its images: "<article minus .md>/<name>" fits too.
MAX_ARTICLE_PATH_BYTES = MAX_PATH_BYTES - ASSET_NAME_BYTES + len(".md")
MAX_SITE_BYTES = 60  # a 185-character host name must not eat the title's share
# Anything but letters/digits (CJK included), CJK punctuation and a few safe ASCII marks.
_UNSAFE = re.compile(r"[^\w\u3000-\u303f\uff01-\uff5e()-]+")
# Names Windows reserves for devices, with or without an extension (``con``, ``nul.md``).
_WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)", re.I)


def article_id(url: str) -> str:
    """A short stable id for an article URL (16 hex digits of its SHA-1)."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def slugify(title: str) -> str:
    """A title made filesystem-safe and readable: unsafe runs become one '-'."""
    return _UNSAFE.sub("-", title).strip("-_.") or "untitled"


def safe_segment(name: str, max_bytes: int = 255) -> str:
    """``name`` as one path segment any OS accepts: slugified, cut to ``max_bytes``, never a
    Windows device name (``con`` becomes ``con_``)."""
    segment = _cut(slugify(name), max_bytes)
    return f"{segment}_" if _WINDOWS_RESERVED.match(segment) else segment


def article_path(site: str, published: datetime | None, title: str, url: str) -> str:
    """The archive-relative (POSIX) path of an article file.

    At most MAX_ARTICLE_PATH_BYTES bytes, so that its images' paths stay within MAX_PATH_BYTES.
    """
    month = published.strftime("%Y-%m") if published else "undated"
    day = published.strftime("%Y-%m-%d") if published else "undated"
    folder = f"{safe_segment(site, MAX_SITE_BYTES)}/{month}"
    suffix = f"-{article_id(url)[:8]}.md"
    budget = MAX_ARTICLE_PATH_BYTES - len(f"{folder}/{day}-{suffix}".encode())
    slug = _cut(slugify(title), max(budget, 0))
    name = f"{day}-{slug}" if slug else day
    return f"{folder}/{name}{suffix}"


def asset_folder(article_relpath: str) -> str:
    """The folder of an article's images, beside the article file."""
    return article_relpath.removesuffix(".md")


def relative_to_article(article_relpath: str, asset_relpath: str) -> str:
    """Path of an asset as written in the article body: relative to the article's folder.

    What ``posixpath.relpath`` gives, without its two ``abspath`` calls for the usual
    normalised paths (the reader's build makes a few links a page)."""
    here = article_relpath.split("/")[:-1]
    there = asset_relpath.split("/")
    if {".", "..", ""} & {*here, *there}:
        return relpath(asset_relpath, dirname(article_relpath) or ".")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def _cut(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, on a character boundary, no trailing
    separator (Windows drops a trailing dot or space)."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore").rstrip("-_. ")
