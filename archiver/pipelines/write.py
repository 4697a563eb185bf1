"""Write each article as one seed-format file (SPEC §1), atomically, at its stable path (§2)."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from archiver.extract.dates import to_rfc1123
from archiver.frontmatter import FrontmatterError, parse_article, render_article
from archiver.items import Article
from archiver.paths import article_id, ensure_article_path, relative_to_article
from archiver.rewrite import rewrite_image_links
from archiver.storage import atomic_write

logger = logging.getLogger(__name__)


def article_fields(item: Article, archived: str) -> dict:
    """The frontmatter of an article: seed keys first, then the extension keys."""
    date = to_rfc1123(item.published) if item.published else to_rfc1123(datetime.fromisoformat(archived))
    cover = item.images.get(item.headimg)
    return {
        "title": item.title,
        "categories": list(item.categories),
        "headimg": item.headimg,
        "author": item.author or item.source or item.site_name or item.site,
        "date": date,
        "url": item.url,
        "id": article_id(item.url),
        "site": item.site,
        "source": item.source,
        "tags": list(item.tags),
        "cover": relative_to_article(item.path, cover) if cover else "",
        "archived": archived,
        "date_unknown": True if item.published is None else None,
        "format": item.body_format if item.body_format != "html" else None,
        "pages": item.pages if item.pages > 1 else None,
        "extraction": item.extraction if item.extraction != "selectors" else None,
        "pending_images": list(item.failed_images),
    }


def render_item(item: Article, archived: str) -> str:
    """The complete article file for an item whose images are done (stored or failed)."""
    body = item.body
    if item.body_format == "html":
        local = {url: relative_to_article(item.path, path) for url, path in item.images.items()}
        body = rewrite_image_links(body, local)
    return render_article(article_fields(item, archived), body, item.body_format)


class WriteArticlePipeline:
    """Renders the item and writes it under ARCHIVE_DIR; an unchanged file is left untouched."""

    def __init__(self, archive_dir: Path, stats) -> None:
        self.archive_dir = archive_dir
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(Path(crawler.settings.get("ARCHIVE_DIR")), crawler.stats)

    def process_item(self, item: Article) -> Article:
        path = self.archive_dir / ensure_article_path(item)
        previous = _read_previous(path)
        archived = (previous or {}).get("archived") or datetime.now(timezone.utc).isoformat(timespec="seconds")
        text = render_item(item, str(archived))
        if previous is not None and path.read_text(encoding="utf-8") == text:
            self.stats.inc_value("archive/articles_unchanged")
            logger.debug("Unchanged %s (%s)", item.url, item.path)
            return item
        atomic_write(path, text.encode("utf-8"))
        self.stats.inc_value("archive/articles_updated" if previous is not None else "archive/articles_new")
        logger.info(
            "Archived %s -> %s (%d images stored, %d failed)",
            item.url, item.path, len(item.images), len(item.failed_images),
        )
        return item


def _read_previous(path: Path) -> dict | None:
    """The frontmatter of the file already at ``path``, or None (a broken file counts as none)."""
    try:
        meta, _ = parse_article(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontmatterError):
        return None
    return meta
