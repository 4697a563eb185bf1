"""Reading the archive: find its article files cheaply, and load one into an ``Article``.

Scanning uses ``os.scandir`` and skips dot-folders (private data, the reader's own assets),
old versions kept as ``<name>.v<N>.md``, and each article's asset folder ``<stem>/`` (it
holds images, never articles), so a no-op build over 100k articles costs one ``stat`` each.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from archiver.folder import VERSION_FILE
from archiver.frontmatter import load
from archiver.items import Article
from archiver.paths import relative_to_article
from archiver.reader.sanitize import CleanBody, clean_body

_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Stamp:
    """What a directory listing says about a file: enough to notice that it changed."""

    mtime_ns: int
    size: int


@dataclass(frozen=True)
class Scan:
    """Article files (archive-relative POSIX paths) with stamps, and those with an ``.html``."""

    articles: dict[str, Stamp]
    pages: set[str] = field(default_factory=set)


@dataclass
class Entry:
    """One article as the reader shows it: its file's metadata, a safe body, its plain text."""

    rel: str
    sha: str
    title: str
    date: datetime | None
    date_unknown: bool
    site: str
    author: str
    url: str
    categories: list[str]
    tags: list[str]
    cover: str
    archived: str
    body: CleanBody

    @property
    def stem(self) -> str:
        """Archive-relative path without ``.md``: the page is ``<stem>.html``."""
        return self.rel[: -len(".md")]

    @property
    def folder(self) -> str:
        """Archive-relative folder of the article ('' at the top)."""
        return self.rel.rpartition("/")[0]

    @property
    def month(self) -> str:
        """``YYYY-MM`` for the month filter: the archive's folder month, else the UTC date's."""
        last = self.folder.rpartition("/")[2]
        if _MONTH_DIR.match(last):
            return last
        return self.date.strftime("%Y-%m") if self.date else "undated"

    def summary(self) -> dict[str, Any]:
        """The metadata kept in the build manifest (everything but the body)."""
        return {
            "title": self.title,
            "date": self.date.timestamp() if self.date else None,
            "date_unknown": self.date_unknown,
            "site": self.site,
            "author": self.author,
            "url": self.url,
            "categories": self.categories,
            "tags": self.tags,
            "cover": self.cover,
            "month": self.month,
        }


def scan_archive(root: Path) -> Scan:
    """Every current article file under ``root`` and every ``.html`` next to one."""
    articles: dict[str, Stamp] = {}
    pages: set[str] = set()
    stack = [("", str(root))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        names = {e.name for e in entries}
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            if entry.is_dir(follow_symlinks=False):
                if name + ".md" not in names:
                    stack.append((rel + "/", entry.path))
            elif name.endswith(".md") and not VERSION_FILE.search(name):
                st = entry.stat()
                articles[rel] = Stamp(st.st_mtime_ns, st.st_size)
            elif name.endswith(".html") and name[:-5] + ".md" in names:
                pages.add(rel[:-5] + ".md")
    return Scan(articles, pages)


def file_sha(data: bytes) -> str:
    """Content hash of an article file: what decides whether it must be re-rendered."""
    return hashlib.sha1(data).hexdigest()


def _cover(article: Article, body: CleanBody) -> str:
    """The local head image relative to the article: ``cover``, else the first local image."""
    local = article.images.get(article.headimg)
    if local:
        return relative_to_article(article.path, local)
    return body.images[0] if body.images else ""


def load_article(rel: str, data: bytes) -> Entry:
    """Parse one article file; raises FrontmatterError or UnicodeDecodeError if it is broken."""
    article = load(data.decode("utf-8"), rel)
    body = clean_body(article.body, article.body_format, article.url or None)
    stem_name = rel.rpartition("/")[2][: -len(".md")]
    return Entry(
        rel=rel,
        sha=file_sha(data),
        title=article.title or stem_name,
        date=article.published or article.archived,
        date_unknown=article.published is None,
        site=article.site or article.source or rel.partition("/")[0],
        author=article.author,
        url=article.url,
        categories=[c for c in article.categories if c],
        tags=[t for t in article.tags if t],
        cover=_cover(article, body),
        archived=article.archived.strftime("%Y-%m-%d %H:%M UTC") if article.archived else "",
        body=body,
    )


def read_article(root: Path, rel: str) -> Entry:
    """Load an article file by its archive-relative path."""
    return load_article(rel, (root / rel).read_bytes())
