"""Reading an archive folder back: its article files, and an Article rebuilt from one."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

import lxml.html

from archiver.extract.body import block_text
from archiver.extract.markdown import markdown_image_paths, markdown_text
from archiver.frontmatter import FrontmatterError, parse_article
from archiver.items import Article
from archiver.rewrite import local_image_paths

logger = logging.getLogger(__name__)

# Kept old versions of updated articles: <name>.v1.md, <name>.v2.md, ... beside <name>.md.
VERSION_FILE = re.compile(r"\.v\d+\.md$")


def iter_article_files(archive_dir: Path) -> Iterator[Path]:
    """Every current article file, skipping private dot-folders and kept old versions."""
    for path in sorted(archive_dir.rglob("*.md")):
        rel = path.relative_to(archive_dir)
        if any(part.startswith(".") for part in rel.parts) or VERSION_FILE.search(path.name):
            continue
        yield path


def content_hash(title: str, body: str, body_format: str = "html") -> str:
    """Hash of an article's title and text: changes when its content does, not when images land."""
    text = {"html": _html_text, "markdown": markdown_text}.get(body_format, str)(body)
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _html_text(body: str) -> str:
    if not body.strip():
        return ""
    return block_text(
        lxml.html.fragment_fromstring(
            body.replace("&#123;", "{").replace("&#125;", "}"), create_parent="div"
        )
    )


def is_stored(path: Path) -> bool:
    """An image file that holds something: an empty one is what a power cut can leave."""
    try:
        return path.stat().st_size > 0 and path.is_file()
    except OSError:
        return False


def local_images(
    path: Path, body: str, listed: Mapping[str, str] | None = None
) -> tuple[dict[str, Path], list[str]]:
    """An article file's images on disk (original URL -> file) and those whose file is missing.

    Images come from the body (HTML or Markdown) and from ``listed``, the frontmatter's
    ``images`` mapping that text bodies carry. An empty file counts as missing (``is_stored``).
    """
    found: dict[str, Path] = {}
    missing: list[str] = []
    for url, src in {
        **local_image_paths(body),
        **markdown_image_paths(body),
        **(listed or {}),
    }.items():
        if src == url or src.startswith(("http://", "https://")):
            continue
        local = path.parent / unquote(src)
        if is_stored(local):
            found[url] = local
        else:
            missing.append(url)
    return found, missing


def article_from_file(archive_dir: Path, relpath: str, url: str | None = None) -> Article | None:
    """Rebuild the Article of a written file, to finish its pending images without re-fetching.

    Returns None (and logs why) when the file is missing, unreadable, or not for ``url``.
    """
    path = archive_dir / relpath
    try:
        meta, body = parse_article(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
        logger.warning("Cannot read %s back: %s", path, exc)
        return None
    if url and meta.get("url") != url:
        logger.warning("%s holds %s, not %s", path, meta.get("url"), url)
        return None
    images, missing = local_images(path, body, meta.get("images"))
    pending = list(dict.fromkeys([*(meta.get("pending_images") or []), *missing]))
    images = {u: p.relative_to(archive_dir).as_posix() for u, p in images.items()}
    return Article(
        url=meta["url"],
        site=meta.get("site", ""),
        title=str(meta["title"]),
        published=None if meta.get("date_unknown") else parsedate_to_datetime(str(meta["date"])),
        body=body,
        author=str(meta.get("author") or ""),
        source=str(meta.get("source") or ""),
        tags=list(meta.get("tags") or []),
        categories=list(meta.get("categories") or []),
        headimg=str(meta.get("headimg") or ""),
        image_urls=[*images, *pending],
        body_format=meta.get("format") or "html",
        pages=int(meta.get("pages") or 1),
        extraction=meta.get("extraction") or "selectors",
        images=images,
        failed_images=pending,
        path=relpath,
    )
