"""A Scrapy extension that brings the offline reader up to date when a crawl has news.

Register it in settings::

    EXTENSIONS = {"archiver.reader.extension.BuildReaderOnClose": 500}
    ARCHIVE_READER_AUTOBUILD = True

At ``spider_closed`` it runs the incremental build on ``ARCHIVE_DIR`` if the crawl stored new
or updated articles (stats ``archive/articles_new`` and ``archive/articles_updated``). The
build runs in a thread so the reactor stays free, and its numbers go into the stats.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.failure import Failure

from archiver.options import ArchiveOptions
from archiver.outcomes import stored_changes

if TYPE_CHECKING:
    from archiver.reader.build import BuildReport

logger = logging.getLogger(__name__)


class BuildReaderOnClose:
    """Runs ``build_reader(ARCHIVE_DIR)`` after a crawl that added or changed articles."""

    def __init__(self, crawler: Crawler, archive_dir: Path) -> None:
        self.crawler = crawler
        self.archive_dir = archive_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BuildReaderOnClose:
        options = ArchiveOptions.from_settings(crawler.settings)
        if not options.reader_autobuild:
            raise NotConfigured  # switched off on purpose: Scrapy logs a message as a warning
        ext = cls(crawler, options.folder)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    async def spider_closed(self, spider: Spider, reason: str = "") -> None:
        if reason == "disk_full":  # the build would fail the same way; the next run builds it
            logger.warning("Reader not rebuilt: the disk of %s is full", self.archive_dir)
            return
        changes = stored_changes(self.crawler.stats)
        if changes <= 0:
            logger.info("Reader not rebuilt: the crawl stored no new or updated article")
            return
        if not self.archive_dir.is_dir():
            logger.warning("Reader not built: ARCHIVE_DIR %s does not exist", self.archive_dir)
            return
        logger.info(
            "Updating the reader of %s for %d new or updated articles", self.archive_dir, changes
        )
        await maybe_deferred_to_future(threads.deferToThread(self.build).addErrback(self._failed))

    def build(self) -> BuildReport:
        """Run the incremental build and record what it did in the crawl stats."""
        from archiver.reader.build import build_reader  # a crawl with no news never needs it

        report = build_reader(self.archive_dir)
        stats = self.crawler.stats
        stats.set_value("reader/articles", report.articles)
        stats.set_value("reader/pages_rendered", report.rendered)
        stats.set_value("reader/unreadable", len(report.errors))
        stats.set_value("reader/build_seconds", round(report.seconds, 3))
        logger.info("Reader updated: %s -> %s", report.summary(), report.index)
        return report

    def _failed(self, failure: Failure) -> None:
        logger.error("Reader build failed", exc_info=(failure.type, failure.value, failure.tb))
