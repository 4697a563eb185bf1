"""Reading the archive: find its article files cheaply, and load one into an ``Article``.

Listing uses ``os.scandir`` folder by folder and skips dot-folders (private data, the
reader's own assets), old versions kept as ``<name>.v<N>.md``, and each article's asset
folder ``<stem>/`` (it holds images, never articles).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from archiver.folder import VERSION_FILE
from archiver.frontmatter import image_path, load
from archiver.items import Article, BodyFormat
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
    subdirs: list[str] = field(default_factory=list)  # folders below that may hold articles


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


def list_folder(root: Path, rel: str) -> Listing | None:
    """One folder's listing (None if it is gone); one ``stat`` per article file.

    Dot-folders and each article's asset folder ``<stem>/`` are left out of ``subdirs``, old
    versions ``<name>.vN.md`` are not articles."""
    path = os.path.join(root, rel) if rel else str(root)
    try:
        mtime = os.stat(path).st_mtime_ns
        with os.scandir(path) as it:
            entries = list(it)
    except OSError:
        return None
    articles: dict[str, Stamp] = {}
    htmls, dirs = [], []
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        if name.endswith(".md"):
            if ".v" in name and VERSION_FILE.search(name):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            articles[name] = Stamp(st.st_mtime_ns, st.st_size)
        elif name.endswith(".html"):
            htmls.append(name[:-5] + ".md")
        elif entry.is_dir(follow_symlinks=False):
            dirs.append(name)
    prefix = f"{rel}/" if rel else ""
    subdirs = sorted(prefix + name for name in dirs if name + ".md" not in articles)
    pages = {name for name in htmls if name in articles}
    return Listing(rel, mtime, articles, pages, listing_digest(articles, pages), subdirs)


def listing_digest(articles: dict[str, Stamp], pages: set[str]) -> str:
    """What a folder's listing says, hashed: article names and stamps, which have pages."""
    lines = sorted(f"{name}\0{st.mtime_ns}\0{st.size}" for name, st in articles.items())
    lines += sorted(pages)
    return hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()


def file_sha(data: bytes) -> str:
    """Content hash of an article file: what decides whether it must be re-rendered."""
    return hashlib.sha1(data).hexdigest()


def _cover(article: Article, body: CleanBody) -> str:
    """The local head image relative to the article: ``cover``, else the first local image.

    An HTML body's images come from the sanitiser's parse (``load`` skipped them)."""
    local = article.images.get(article.headimg)
    if local is None and article.body_format is BodyFormat.HTML and article.headimg:
        src = body.links.get(article.headimg)
        local = image_path(article.path, article.headimg, src) if src else None
    if local:
        return relative_to_article(article.path, local)
    return body.images[0] if body.images else ""


def load_article(rel: str, data: bytes) -> Entry:
    """Parse one article file; raises FrontmatterError or UnicodeDecodeError if it is broken."""
    article = load(data.decode("utf-8"), rel, html_images=False)
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
