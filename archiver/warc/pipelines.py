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
from typing import Any, ClassVar

from scrapy.crawler import Crawler
from scrapy.pipelines.files import FilesStoreProtocol
from scrapy.pipelines.media import MediaPipeline
from twisted.internet.defer import Deferred

from archiver import frontmatter
from archiver.archive import Archive, archive_of
from archiver.folder import version_path
from archiver.frontmatter import FrontmatterError
from archiver.items import Article, BodyFormat
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


# Frontmatter keys that change when images arrive (or with the time of archiving): a file that
# differs only there is being completed, not changed.
IMAGE_KEYS = ("cover", "pending_images", "images", "archived")


def without_image_keys(meta: dict) -> dict:
    """A file's frontmatter without the keys images change."""
    return {k: v for k, v in meta.items() if k not in IMAGE_KEYS}


def metadata_only_change(
    item: Article, body_format: BodyFormat, archived: datetime, old_meta: dict, old_hash: str
) -> bool:
    """True when the item's file would differ from the old one in metadata, not in text.

    Its frontmatter is compared first, body left out (cheap); only a difference there costs
    a full render, for the content hash. A plain function: it runs in a worker process.
    """
    bodiless = replace(item, body="", text="", body_format=body_format, archived=archived)
    new_meta = frontmatter.split(frontmatter.dump(bodiless))[0]
    if without_image_keys(new_meta) == without_image_keys(old_meta):
        return False
    return render(item, body_format, archived)[1] == old_hash


class ReextractWritePipeline(WriteArticlePipeline):
    """WriteArticlePipeline that keeps the old version of a file whose metadata changed.

    When the text changed too the base class keeps the version itself; when only the
    metadata did, the version is kept here, before the base class rewrites the file.
    """

    async def process_item(self, item: Article) -> Article:
        path = self.folder / item.path
        record = self.state.get(item.url)
        try:
            old = path.read_text(encoding="utf-8") if record is not None else ""
            meta = frontmatter.split(old)[0] if old else {}
        except (OSError, UnicodeDecodeError, FrontmatterError):
            old, meta = "", {}
        if record is not None and meta:
            fmt = self.archive.format_for(item)
            changed = await self.archive.run(
                metadata_only_change, item, fmt, _archived(meta), meta, record.content_hash
            )
            if changed:
                atomic_write(version_path(path, record.versions), old.encode("utf-8"))
                self.state.record(replace(record, versions=record.versions + 1))
        return await super().process_item(item)


def _archived(meta: dict) -> datetime:
    """When the file was first archived (kept by every rewrite), else now."""
    try:
        return datetime.fromisoformat(str(meta.get("archived")))
    except ValueError:
        return datetime.now(timezone.utc)
