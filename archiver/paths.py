"""Where an article and its images live inside ARCHIVE_DIR (SPEC §2).

``<site>/<YYYY-MM>/<YYYY-MM-DD>-<title>-<id8>.md``, its images in the folder of the same
name without ``.md`` (Hexo's post-asset-folder convention). The id comes from the URL, so
the same URL keeps the same name; the name is safe on Linux, macOS and Windows and at most
``MAX_PATH_BYTES`` long.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from posixpath import dirname, join

MAX_PATH_BYTES = 200
# Anything but letters/digits (CJK included), CJK punctuation and a few safe ASCII marks.
_UNSAFE = re.compile(r"[^\w\u3000-\u303f\uff01-\uff5e()-]+")


def article_id(url: str) -> str:
    """A short stable id for an article URL (16 hex digits of its SHA-1)."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def slugify(title: str) -> str:
    """A title made filesystem-safe and readable: unsafe runs become one '-'."""
    return _UNSAFE.sub("-", title).strip("-_.") or "untitled"


def article_path(site: str, published: datetime | None, title: str, url: str) -> str:
    """The archive-relative (POSIX) path of an article file, at most MAX_PATH_BYTES bytes."""
    month = published.strftime("%Y-%m") if published else "undated"
    day = published.strftime("%Y-%m-%d") if published else "undated"
    folder = f"{slugify(site)}/{month}"
    suffix = f"-{article_id(url)[:8]}.md"
    budget = MAX_PATH_BYTES - len(f"{folder}/{day}-{suffix}".encode())
    slug = slugify(title).encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip("-_.")
    return f"{folder}/{day}-{slug}{suffix}"


def asset_folder(article_relpath: str) -> str:
    """The folder of an article's images, beside the article file."""
    return article_relpath.removesuffix(".md")


def relative_to_article(article_relpath: str, asset_relpath: str) -> str:
    """Path of an asset as written in the article body: relative to the article's folder."""
    base = dirname(article_relpath)
    prefix = f"{base}/" if base else ""
    return (
        asset_relpath[len(prefix) :]
        if asset_relpath.startswith(prefix)
        else join("..", asset_relpath)
    )
