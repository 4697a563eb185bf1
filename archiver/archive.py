"""Reading an archive folder back: its article files, and an Article rebuilt from one."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

from archiver.frontmatter import FrontmatterError, parse_article
from archiver.items import Article
from archiver.rewrite import local_image_paths

logger = logging.getLogger(__name__)

_VERSION_FILE = re.compile(r"\.v\d+\.md$")


def iter_article_files(archive_dir: Path) -> Iterator[Path]:
    """Every current article file, skipping private dot-folders and kept old versions."""
    for path in sorted(archive_dir.rglob("*.md")):
        rel = path.relative_to(archive_dir)
        if any(part.startswith(".") for part in rel.parts) or _VERSION_FILE.search(path.name):
            continue
        yield path


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
    sources = local_image_paths(body)
    pending = [u for u in meta.get("pending_images") or [] if sources.get(u, u) == u]
    folder = path.parent
    images = {
        u: (folder / unquote(src)).relative_to(archive_dir).as_posix()
        for u, src in sources.items()
        if src != u and (folder / unquote(src)).is_file()
    }
    return Article(
        url=meta["url"], site=meta.get("site", ""), title=str(meta["title"]),
        published=None if meta.get("date_unknown") else parsedate_to_datetime(str(meta["date"])),
        body=body, author=str(meta.get("author") or ""), source=str(meta.get("source") or ""),
        tags=list(meta.get("tags") or []), categories=list(meta.get("categories") or []),
        headimg=str(meta.get("headimg") or ""), image_urls=[*images, *pending],
        body_format=meta.get("format") or "html", pages=int(meta.get("pages") or 1),
        extraction=meta.get("extraction") or "selectors", images=images, failed_images=pending,
        path=relpath,
    )
