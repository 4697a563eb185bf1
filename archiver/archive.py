"""The crawl's archive: one component that owns the folder, its lock, its state and the workers.

``Archive`` is a Scrapy extension (listed first in ``EXTENSIONS``), built once per crawl in
``from_crawler``. Every other component looks it up with ``crawler.get_extension(Archive)``
(``archive_of``): pipelines and middlewares in their ``from_crawler``, spiders once the
engine is open. It takes the archive's run lock before opening the state, so two runs never
share a folder, and it decides what each archive-wide question needs deciding once: which
articles to fetch, where an article's file goes, which body format it is written in.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from archiver.folder import try_read_article
from archiver.items import Article, BodyFormat
from archiver.options import ArchiveOptions
from archiver.outcomes import Outcomes, one_line
from archiver.paths import article_path
from archiver.state import STATE_DIRNAME, ArchiveState, SqliteState, state_path
from archiver.storage import remove_stale_temp_files
from archiver.workers import WorkerPool

logger = logging.getLogger(__name__)

T = TypeVar("T")
LOCK_FILENAME = "lock"


class ArchiveLocked(RuntimeError):
    """Another crawl holds the archive's run lock."""


def acquire_lock(archive_dir: Path, *, shared: bool = False) -> TextIO:
    """Take the archive's run lock (flock), or raise ArchiveLocked naming the holder.

    A single run takes it exclusively; the workers of a distributed run take it ``shared``,
    so they run side by side but never beside a single run on the same archive. The kernel
    drops a flock when its process dies, so a lock left by a killed run never blocks the next.
    """
    path = archive_dir / STATE_DIRNAME / LOCK_FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        this = "a distributed worker" if shared else "a second run"
        raise ArchiveLocked(
            f"{archive_dir} is being archived by {holder}; not starting {this}"
        ) from None
    handle.seek(0)
    handle.truncate()
    kind = "distributed worker pid" if shared else "pid"
    handle.write(f"{kind} {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    handle.flush()
    return handle


def open_state(settings: BaseSettings, options: ArchiveOptions) -> ArchiveState:
    """The state for these options: SQLite inside the folder, or Redis in distributed mode."""
    if options.distributed:
        from archiver.distributed.state import RedisState  # imports redis only in this mode

        return RedisState.open(settings, options)
    return SqliteState(state_path(options.folder))


def archive_of(crawler: Crawler) -> Archive:
    """The crawl's Archive; UsageError when the project's EXTENSIONS lack it."""
    archive = crawler.get_extension(Archive)
    if archive is None:
        raise UsageError("EXTENSIONS must enable archiver.archive.Archive")
    return archive


class Archive:
    """The archive folder of one crawl, with its lock, state, options and worker processes."""

    def __init__(self, crawler: Crawler, options: ArchiveOptions) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.options = options
        self.folder = options.folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = acquire_lock(self.folder, shared=options.distributed)
        try:
            if not options.distributed:  # other workers may be writing temp files right now
                removed = remove_stale_temp_files(self.folder)
                if removed:
                    logger.warning(
                        "Removed %d unfinished temp file(s) of an interrupted run", removed
                    )
            self.state = open_state(crawler.settings, options)
        except BaseException:
            self._lock.close()
            raise
        processes = options.worker_processes
        self.workers = WorkerPool(processes) if processes else None
        self.outcomes = Outcomes(crawler, str(self.folder))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Archive:
        archive = cls(crawler, ArchiveOptions.from_settings(crawler.settings))
        crawler.signals.connect(archive.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(archive.engine_stopped, signal=signals.engine_stopped)
        return archive

    async def spider_closed(self) -> None:
        if self.workers is not None:
            await self.workers.stop()

    def engine_stopped(self) -> None:
        """Last: the pipelines are done, so the state's final batch can be committed.

        A commit that fails (a full disk) loses only that batch of records: their files are
        on disk, and the next run recognises them (same content: no new version).
        """
        try:
            self.state.close()
        except (OSError, sqlite3.Error) as exc:
            self.outcomes.write_failed(exc, "the archive state")
            logger.error("Could not save the archive state's last records: %s", one_line(exc))
        finally:
            self._lock.close()

    # --- What the crawl archives ---------------------------------------------------------

    def should_fetch(self, url: str, listed: datetime | None = None, update_days: int = 0) -> bool:
        """False (and counted) for an article already archived, or gone when last asked.

        ``update_days`` re-fetches archived articles published that recently (checking for edits).
        """
        if self.is_archived(url, listed, update_days):
            self.stats.inc_value("archive/articles_skipped")
            self.stats.inc_value("archive/articles_skipped/archived")
            return False
        checked = self.state.gone_checked(url)
        if checked is not None and time.time() - checked < self.options.gone_recheck_days * 86400:
            self.stats.inc_value("archive/articles_gone_skipped")
            return False
        return True

    def is_archived(self, url: str, listed: datetime | None = None, update_days: int = 0) -> bool:
        """True when the article's file is on disk and no update check asks for a re-fetch."""
        record = self.state.get(url)
        if record is None or not (self.folder / record.path).is_file():
            return False
        published = listed
        if published is None and record.published:
            published = datetime.fromtimestamp(record.published, timezone.utc)
        recent = datetime.now(timezone.utc) - timedelta(days=update_days)
        return not (update_days and published and published > recent)

    def note_redirects(self, url: str, chain: list[str]) -> None:
        """Remember the URLs that redirected to the article at ``url`` (http -> https, an old
        path), so that a list still linking them finds the article archived next time."""
        self.state.add_aliases(url, chain)
        self.stats.inc_value("archive/articles_redirected")

    def mark_gone(self, url: str, status: int) -> None:
        self.state.mark_gone(url, status)

    def pending_articles(self, sites: set[str]) -> Iterator[Article]:
        """Archived articles of these sites whose images are pending, rebuilt from their files."""
        for record in self.state.with_pending_assets():
            article, why = try_read_article(self.folder, record.path)
            if article is None or article.url != record.url:
                logger.warning("Cannot revisit %s from %s: %s", record.url, record.path, why)
                continue
            if article.site in sites:
                self.stats.inc_value("archive/articles_revisited")
                logger.info(
                    "Revisiting %s for %d pending image(s)", record.url, len(article.failed_images)
                )
                yield article

    # --- How an article is written -------------------------------------------------------

    def path_for(self, article: Article) -> str:
        """The article's archive-relative file: the one its URL already has, else a new one.

        Keyed on the URL, so an edited headline or date never makes a second file.
        """
        if article.path:
            return article.path
        record = self.state.get(article.url)
        if record is not None:
            return record.path
        return article_path(article.site, article.published, article.title, article.url)

    def format_for(self, article: Article) -> BodyFormat:
        """The file's body format: ARCHIVE_BODY_FORMAT, else the site definition's, else HTML.

        An article rebuilt from a text or Markdown file keeps its format: HTML is gone.
        """
        if article.body_format is not BodyFormat.HTML:
            return article.body_format
        return self.options.body_format or article.site_format or BodyFormat.HTML

    def flushes(self, folder: Path) -> bool:
        """True when the state flushes files under ``folder`` before each commit (no fsync each)."""
        return self.state.flushes(folder)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker process (ARCHIVE_WORKER_PROCESSES), else right here."""
        if self.workers is None:
            return fn(*args)
        return await self.workers.call(fn, *args)
