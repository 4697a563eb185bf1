"""Reading the archive: find its article files cheaply, and load one into an ``Article``.

Scanning uses ``os.scandir`` folder by folder and skips dot-folders (private data, the
reader's own assets), old versions kept as ``<name>.v<N>.md``, and each article's asset
folder ``<stem>/`` (it holds images, never articles): a no-op build over 100,000 articles
costs one ``stat`` each (about 0.5 s) and compares one digest per folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from archiver.folder import VERSION_FILE
from archiver.frontmatter import load
from archiver.items import Article
from archiver.paths import relative_to_article
from archiver.reader.manifest import Stamp
from archiver.reader.sanitize import CleanBody, clean_body

_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class Listing:
    """One folder of the archive: its article files with stamps, which have a page, and a
    digest of both (equal digests: nothing in the folder changed since the last build)."""

    dir: str  # archive-relative, "" for the top
    mtime_ns: int
    articles: dict[str, Stamp] = field(default_factory=dict)  # file name -> stamp
    pages: set[str] = field(default_factory=set)  # names of articles with an .html beside
    digest: str = ""


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


def scan_folders(root: Path) -> Iterator[Listing]:
    """Every folder that may hold articles, with its listing; one ``stat`` per article file.

    Dot-folders and each article's asset folder ``<stem>/`` are not entered, old versions
    ``<name>.vN.md`` are not articles. Folders come newest month first (names sort so)."""
    stack = [""]
    while stack:
        rel = stack.pop()
        path = os.path.join(root, rel) if rel else str(root)
        try:
            mtime = os.stat(path).st_mtime_ns
            with os.scandir(path) as it:
                entries = list(it)
        except OSError:
            continue
        names = {e.name for e in entries}
        listing = Listing(rel, mtime)
        subdirs = []
        digest = hashlib.blake2b(digest_size=16)
        for entry in sorted(entries, key=lambda e: e.name):
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if name + ".md" not in names:
                    subdirs.append(f"{rel}/{name}" if rel else name)
            elif name.endswith(".md") and not VERSION_FILE.search(name):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                listing.articles[name] = Stamp(st.st_mtime_ns, st.st_size)
                digest.update(f"{name}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
            elif name.endswith(".html") and name[:-5] + ".md" in names:
                listing.pages.add(name[:-5] + ".md")
                digest.update(f"{name}\n".encode())
        listing.digest = digest.hexdigest()
        yield listing
        stack.extend(subdirs)  # popped last first: newest month first


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
