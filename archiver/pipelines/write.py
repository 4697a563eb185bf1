"""Write each article as one seed-format file (SPEC §1), atomically, at its stable path (§2)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from pathlib import Path

from archiver.archive import content_hash
from archiver.extract.dates import to_rfc1123
from archiver.extract.markdown import rewrite_markdown_images
from archiver.frontmatter import FrontmatterError, parse_article, render_article
from archiver.items import Article
from archiver.paths import article_id, ensure_article_path, relative_to_article
from archiver.pipelines.workers import run, worker_pool
from archiver.rewrite import rewrite_image_links
from archiver.state import ArchiveState, ArticleRecord, state_for
from archiver.storage import atomic_write

logger = logging.getLogger(__name__)


def article_fields(item: Article, archived: str) -> dict:
    """The frontmatter of an article: seed keys first, then the extension keys."""
    date = (
        to_rfc1123(item.published)
        if item.published
        else to_rfc1123(datetime.fromisoformat(archived))
    )
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
        # A text body cannot point at its images: list them (original URL -> local path).
        "images": {
            url: relative_to_article(item.path, path) for url, path in sorted(item.images.items())
        }
        if item.body_format == "text"
        else None,
    }


def render_item(item: Article, archived: str) -> str:
    """The complete article file for an item whose images are done (stored or failed)."""
    body = item.body
    local = {url: relative_to_article(item.path, path) for url, path in item.images.items()}
    if item.body_format == "html":
        body = rewrite_image_links(body, local)
    elif item.body_format == "markdown":
        body = rewrite_markdown_images(body, local)
    return render_article(article_fields(item, archived), body, item.body_format)


def version_path(path: Path, number: int) -> Path:
    """Where version ``number`` of an updated article is kept, beside the current file."""
    return path.with_name(f"{path.stem}.v{number}.md")


def render_and_hash(item: Article, archived: str) -> tuple[str, str]:
    """The file text and the content hash of an item: the write's CPU work, for a worker process."""
    return render_item(item, archived), content_hash(item.title, item.body, item.body_format)


class WriteArticlePipeline:
    """Renders the item and writes it under ARCHIVE_DIR, then records it in the archive state.

    An unchanged file is left untouched (same bytes, same mtime). A changed one replaces the
    file, and the previous version is kept beside it as ``<name>.v<N>.md``. Rendering runs in
    a worker process when ARCHIVE_WORKER_PROCESSES is set. A new file reaches the disk at the
    state's next commit when the state syncs files; a file that replaces one is fsynced at
    once, as a power cut must not leave it empty.
    """

    def __init__(self, archive_dir: Path, stats, state: ArchiveState, workers=None) -> None:
        self.archive_dir = archive_dir
        self.stats = stats
        self.state = state
        self.workers = workers
        self.durable = not state.flushes(archive_dir)
        self._writing: dict[str, list] = {}  # URL -> [lock, items waiting or writing]

    @classmethod
    def from_crawler(cls, crawler):
        archive_dir = Path(crawler.settings.get("ARCHIVE_DIR"))
        return cls(archive_dir, crawler.stats, state_for(crawler), worker_pool(crawler))

    async def process_item(self, item: Article) -> Article:
        """Write the item; one per URL at a time, as the read-compare-write must not interleave."""
        entry = self._writing.setdefault(item.url, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                await self._write(item)
        finally:
            entry[1] -= 1
            if not entry[1]:
                del self._writing[item.url]
        return item

    async def _write(self, item: Article) -> None:
        path = self.archive_dir / ensure_article_path(item)
        previous = _read_previous(path)
        record = self.state.get(item.url)
        archived = (previous or {}).get("archived") or datetime.now(timezone.utc).isoformat(
            timespec="seconds"
        )
        text, digest = await run(self.workers, render_and_hash, item, str(archived))
        versions = record.versions if record else 1
        if previous is not None and path.read_text(encoding="utf-8") == text:
            self.stats.inc_value("archive/articles_unchanged")
            logger.debug("Unchanged %s (%s)", item.url, item.path)
        elif previous is not None and record is not None and record.content_hash == digest:
            atomic_write(path, text.encode("utf-8"))  # same content; images filled in
            self.stats.inc_value("archive/articles_completed")
            logger.info(
                "Completed %s -> %s (%d images still pending)",
                item.url,
                item.path,
                len(item.failed_images),
            )
        elif previous is not None:
            atomic_write(version_path(path, versions), path.read_bytes())
            versions += 1
            atomic_write(path, text.encode("utf-8"))
            self.stats.inc_value("archive/articles_updated")
            logger.info(
                "Updated %s -> %s (previous version kept as v%d)", item.url, item.path, versions - 1
            )
        else:
            atomic_write(path, text.encode("utf-8"), durable=self.durable)
            self.stats.inc_value("archive/articles_new")
            logger.info(
                "Archived %s -> %s (%d images stored, %d failed)",
                item.url,
                item.path,
                len(item.images),
                len(item.failed_images),
            )
        self.state.record(
            ArticleRecord(
                url=item.url,
                path=item.path,
                content_hash=digest,
                first_seen=record.first_seen if record else 0.0,
                published=item.published.timestamp() if item.published else None,
                assets_done=sorted(item.images),
                assets_pending=list(item.failed_images),
                versions=versions,
            )
        )


def _read_previous(path: Path) -> dict | None:
    """The frontmatter of the file already at ``path``, or None (a broken file counts as none)."""
    try:
        meta, _ = parse_article(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontmatterError):
        return None
    return meta
