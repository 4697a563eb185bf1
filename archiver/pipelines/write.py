"""Write each article as one seed-format file (SPEC §1), atomically, at its stable path (§2)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

from scrapy.crawler import Crawler

from archiver.archive import Archive, archive_of
from archiver.folder import version_path
from archiver.items import Article
from archiver.outcomes import ArticleFailed, one_line
from archiver.render import render_over
from archiver.state import ArticleRecord
from archiver.storage import atomic_write

logger = logging.getLogger(__name__)


class WriteArticlePipeline:
    """Renders the item and writes it under ARCHIVE_DIR, then records it in the archive state.

    An unchanged file is left untouched (same bytes, same mtime). A changed one replaces the
    file, and the previous version is kept beside it as ``<name>.v<N>.md``. Rendering, and
    comparing with the file, run in a worker process when ARCHIVE_WORKER_PROCESSES is set
    (``render_over``: an unchanged file is not read here at all). A new file reaches the disk at the
    state's next commit when the state syncs files; a file that replaces one is fsynced at
    once, as a power cut must not leave it empty.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.folder = archive.folder
        self.stats = archive.stats
        self.state = archive.state
        self.durable = not archive.flushes(archive.folder)
        self._writing: dict[str, tuple[asyncio.Lock, list[Article]]] = {}  # URL -> lock, items

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WriteArticlePipeline:
        return cls(archive_of(crawler))

    async def process_item(self, item: Article) -> Article:
        """Write the item; one per URL at a time, as the read-compare-write must not interleave."""
        lock, waiting = self._writing.setdefault(item.url, (asyncio.Lock(), []))
        waiting.append(item)
        try:
            async with lock:
                await self._write(item)
        except (OSError, sqlite3.Error) as exc:  # ENOSPC, EIO, a name too long: this article
            reason = self.archive.outcomes.write_failed(exc, item.path)
            raise ArticleFailed(reason, one_line(exc)) from exc
        finally:
            waiting.remove(item)
            if not waiting:
                del self._writing[item.url]
        return item

    async def _write(self, item: Article) -> None:
        path = self.folder / item.path
        record = self.state.get(item.url)
        body_format = self.archive.format_for(item)
        text, digest, kind = await self.archive.run(render_over, item, body_format, path, record)
        versions = record.versions if record else 1
        if kind == "unchanged":
            self.stats.inc_value("archive/articles_unchanged")
            logger.debug("Unchanged %s (%s)", item.url, item.path)
        elif kind == "completed":
            atomic_write(path, text.encode("utf-8"))  # same content; images filled in
            self.stats.inc_value("archive/articles_completed")
            logger.info(
                "Completed %s -> %s (%d images still pending)",
                item.url,
                item.path,
                len(item.failed_images),
            )
        elif kind == "updated":
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


class ArticlePathPipeline:
    """Gives each article its file path before anything is written under it (first pipeline).

    The path is the one the article's URL already has in the state, so an edited headline
    never makes a second file; a new URL gets ``paths.article_path``.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticlePathPipeline:
        return cls(archive_of(crawler))

    def process_item(self, item: Article) -> Article:
        item.path = self.archive.path_for(item)
        return item
