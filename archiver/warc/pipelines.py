"""Re-extraction's ``--dry-run``: the pipelines run, nothing is written.

``DryRunAssetsPipeline`` is the image pipeline with a store that keeps nothing (stored
images are found as usual, a missing one is fetched from the WARC and dropped), so the item
is what the real run would render. ``DryRunWritePipeline`` renders it and compares it with
the file as ``WriteArticlePipeline`` does, counting under the same stats, and lists what
would change.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any, ClassVar

from scrapy.crawler import Crawler
from scrapy.pipelines.files import FilesStoreProtocol
from scrapy.pipelines.media import MediaPipeline
from twisted.internet.defer import Deferred

from archiver.archive import Archive, archive_of
from archiver.items import Article
from archiver.pipelines.assets import ArchiveFilesStore, ArticleAssetsPipeline
from archiver.render import render_over

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
        record = self.archive.state.get(item.url)
        body_format = self.archive.format_for(item)
        _, _, how = await self.archive.run(render_over, item, body_format, path, record)
        if how == "unchanged":
            self.stats.inc_value("archive/articles_unchanged")
            return item
        self.stats.inc_value(f"archive/articles_{how}")
        self.changes.append((item.path, how))
        logger.info("Would write %s (%s) from %s", item.path, how, item.url)
        return item
