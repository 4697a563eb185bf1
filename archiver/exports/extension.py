"""A Scrapy extension that exports the archive into a Hexo blog after a crawl that stored something.

Enabled by ``-s ARCHIVE_HEXO_BLOG=DIR`` (``archiver/settings.py``): at ``spider_closed`` it
runs ``export_hexo(ARCHIVE_DIR, DIR)`` when the crawl stored new or updated articles, in a
thread so the reactor stays free, as ``BuildReaderOnClose`` rebuilds the reader. Cron then
keeps the blog current; ``hexo generate`` (or a deploy) is the user's next step. Off in the
distributed mode, where every worker would export at once: run ``archiver export hexo`` then.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.failure import Failure

from archiver.exports.hexo import BlogError, BlogLocked, ExportReport, export_hexo
from archiver.options import ArchiveOptions
from archiver.outcomes import stored_changes

logger = logging.getLogger(__name__)


class ExportHexoOnClose:
    """Runs ``export_hexo`` into ARCHIVE_HEXO_BLOG after a crawl that added or changed articles."""

    def __init__(self, crawler: Crawler, archive_dir: Path, blog_dir: Path) -> None:
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.blog_dir = blog_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExportHexoOnClose:
        options = ArchiveOptions.from_settings(crawler.settings)
        if options.hexo_blog is None:
            raise NotConfigured  # no message: Scrapy would log a warning in every crawl
        if options.distributed:
            logger.warning(
                "ARCHIVE_HEXO_BLOG is ignored in the distributed mode: run "
                "`archiver export hexo %s` when the workers are done",
                options.hexo_blog,
            )
            raise NotConfigured  # the warning above says why
        ext = cls(crawler, options.folder, options.hexo_blog)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    async def spider_closed(self, spider: Spider, reason: str = "") -> None:
        if stored_changes(self.crawler.stats) <= 0:
            logger.info("Hexo blog not updated: the crawl stored no new or updated article")
            return
        await maybe_deferred_to_future(threads.deferToThread(self.export).addErrback(self._failed))

    def export(self) -> ExportReport | None:
        """Export and record what it did in the crawl stats."""
        try:
            report = export_hexo(self.archive_dir, self.blog_dir)
        except (BlogError, BlogLocked) as exc:
            logger.error("Hexo export not done: %s", exc)
            self.crawler.stats.inc_value("hexo/export_failed")
            return None
        stats = self.crawler.stats
        stats.set_value("hexo/posts_written", report.written)
        stats.set_value("hexo/posts_unchanged", report.unchanged)
        stats.set_value("hexo/images_copied", report.images)
        stats.set_value("hexo/articles_failed", len(report.errors))
        stats.set_value("hexo/export_seconds", round(report.seconds, 3))
        logger.info("Hexo blog updated: %s", report.summary())
        return report

    def _failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("hexo/export_failed")
        logger.error("Hexo export failed", exc_info=(failure.type, failure.value, failure.tb))
