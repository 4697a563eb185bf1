"""Re-extraction's writes: every change keeps its old version; ``--dry-run`` writes nothing.

``ReextractWritePipeline`` is ``WriteArticlePipeline`` with one rule more: a file whose text
is the same but whose metadata changed (a date, an author, tags: what a fixed selector
changes) keeps its old version too; the base class rewrites such a file in place, as it
does when images arrive.

``DryRunAssetsPipeline`` is the image pipeline with a store that keeps nothing (stored
images are found as usual, a missing one is fetched from the WARC and dropped), so the item
is what the real run would render. ``DryRunWritePipeline`` renders it and compares it with
the file as ``WriteArticlePipeline`` does, counting under the same stats, and lists what
would change.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar

from scrapy.crawler import Crawler
from scrapy.pipelines.files import FilesStoreProtocol
from scrapy.pipelines.media import MediaPipeline
from twisted.internet.defer import Deferred

from archiver import frontmatter
from archiver.archive import Archive, archive_of
from archiver.folder import version_path
from archiver.frontmatter import FrontmatterError
from archiver.items import Article
from archiver.pipelines.assets import ArchiveFilesStore, ArticleAssetsPipeline
from archiver.pipelines.write import WriteArticlePipeline
from archiver.render import render
from archiver.storage import atomic_write

logger = logging.getLogger(__name__)


class DiscardingFilesStore(ArchiveFilesStore):
    """Finds stored files as the archive's store does; keeps none of the new ones."""

    def persist_file(
        self,
        path: str,
        buf: BytesIO,
        info: MediaPipeline.SpiderInfo,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Deferred[Any] | None:
        return None


class DryRunAssetsPipeline(ArticleAssetsPipeline):
    """ArticleAssetsPipeline over a store that writes nothing."""

    STORE_SCHEMES: ClassVar[dict[str, type[FilesStoreProtocol]]] = {
        "": DiscardingFilesStore,
        "file": DiscardingFilesStore,
    }


class DryRunWritePipeline:
    """Renders each item and compares it with its file; ``changes`` lists what would change."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.stats = archive.stats
        self.changes: list[tuple[str, str]] = []  # (path, how)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DryRunWritePipeline:
        return cls(archive_of(crawler))

    async def process_item(self, item: Article) -> Article:
        path = self.archive.folder / item.path
        try:
            current = path.read_text(encoding="utf-8")
            previous = frontmatter.load(current)
        except (OSError, UnicodeDecodeError, FrontmatterError):
            current, previous = "", None
        archived = (previous.archived if previous else None) or datetime.now(timezone.utc)
        text, digest = await self.archive.run(render, item, self.archive.format_for(item), archived)
        record = self.archive.state.get(item.url)
        if previous is not None and current == text:
            self.stats.inc_value("archive/articles_unchanged")
            return item
        if previous is None:
            how = "new"
        elif record is not None and record.content_hash == digest:
            how = "completed"
        else:
            how = "updated"
        self.stats.inc_value(f"archive/articles_{how}")
        self.changes.append((item.path, how))
        logger.info("Would write %s (%s) from %s", item.path, how, item.url)
        return item


# What an article file says beyond its text and images: a change here is a new version.
METADATA_FIELDS = (
    "url", "site", "title", "published", "author", "source", "editor", "tags",
    "categories", "headimg", "pages", "extraction", "body_format",
)  # fmt: skip


def metadata_changed(old: Article, new: Article) -> bool:
    """True when two versions of a file differ in more than their images."""
    return any(getattr(old, name) != getattr(new, name) for name in METADATA_FIELDS)


class ReextractWritePipeline(WriteArticlePipeline):
    """WriteArticlePipeline that keeps the old version of a file whose metadata changed."""

    async def process_item(self, item: Article) -> Article:
        path = self.folder / item.path
        record = self.state.get(item.url)
        old = _read(path)
        if record is not None and old is not None:
            text, digest = await self.archive.run(
                render, item, self.archive.format_for(item), old[1].archived or _now()
            )
            if text != old[0] and digest == record.content_hash:
                if metadata_changed(old[1], frontmatter.load(text, item.path)):
                    atomic_write(version_path(path, record.versions), old[0].encode("utf-8"))
                    self.state.record(replace(record, versions=record.versions + 1))
        return await super().process_item(item)


def _read(path: Path) -> tuple[str, Article] | None:
    try:
        text = path.read_text(encoding="utf-8")
        return text, frontmatter.load(text)
    except (OSError, UnicodeDecodeError, FrontmatterError):
        return None


def _now() -> datetime:
    return datetime.now(timezone.utc)
