"""What became of each article a run meant to archive: archived, skipped or failed, with a reason.

Nothing is lost without a word. Every path an article can leave the crawl by ends here:

- its download failed (the spider's errback) or its page raised while parsed
  (``ArticleErrorsMiddleware.process_spider_exception``);
- a pipeline refused it (``ArticleFailed``/``ArticleSkipped``, both ``DropItem``: signal
  ``item_dropped``) or raised (a bug, or a write error: signal ``item_error``);
- its request was dropped by the scheduler on a redirect (signal ``request_dropped``: a
  redirect loop, or a redirect to an article already fetched in this run).

Each is counted as ``archive/articles_failed/<reason>`` (total ``archive/articles_failed``)
or ``archive/articles_skipped/<reason>``, and logged once naming the URL, so that
``ARCHIVE_MAX_FAILED_SHARE`` sees every failure. A full disk also stops the run.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from archiver.items import Article

logger = logging.getLogger(__name__)

ARTICLE_META = "archive_article"  # request meta: the URL of the article a request belongs to
DISK_FULL = "disk_full"  # the spider's close reason when ARCHIVE_DIR's disk filled up
_WRITE_ERRORS = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.ENAMETOOLONG: "name_too_long",
    errno.EIO: "io_error",
    errno.EROFS: "read_only",
    errno.EACCES: "permission_denied",
    errno.EPERM: "permission_denied",
}


class ArticleFailed(DropItem):
    """A pipeline could not archive an article; ``reason`` is the countable name."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


class ArticleSkipped(DropItem):
    """A pipeline left an article alone on purpose (another worker writes it)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def is_disk_full(error: BaseException) -> bool:
    """True for "no space left" from the OS or from SQLite."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, sqlite3.OperationalError) and "disk is full" in str(error)


def failure_reason(error: BaseException) -> str:
    """A short, countable name for why a download, a parse or a write failed."""
    if is_disk_full(error):
        return DISK_FULL
    if isinstance(error, OSError) and error.errno in _WRITE_ERRORS:
        return _WRITE_ERRORS[error.errno]
    response = getattr(error, "response", None)
    if isinstance(error, HttpError) and response is not None:
        return f"http_{response.status}"
    text = str(error)
    if "max size" in text or "DOWNLOAD_MAXSIZE" in text:
        return "too_large"
    if "private address" in text or "loopback address" in text or "-local address" in text:
        return "private_address"
    if "max redirections" in text:
        return "redirect_loop"
    name = type(error).__name__
    if "Timeout" in name:
        return "timeout"
    if "ConnectionLost" in name or "ResponseDataLoss" in name or "ConnectionDone" in name:
        return "connection_lost"
    if "Refused" in name or "DNS" in name or "Resolve" in name:
        return "unreachable"
    if isinstance(error, IgnoreRequest):
        return "filtered"
    if isinstance(error, OSError):
        return "write_error"
    return name.lower()[:40]


def one_line(error: BaseException) -> str:
    """``Type: message`` on one line, for a log that names what went wrong."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Outcomes:
    """Counts and logs each article's end; built by the crawl's ``Archive``, which owns it."""

    def __init__(self, crawler: Crawler, archive_dir: str) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive_dir = archive_dir
        self.disk_full = False
        for handler, signal in (
            (self.item_dropped, signals.item_dropped),
            (self.item_error, signals.item_error),
            (self.request_dropped, signals.request_dropped),
        ):
            crawler.signals.connect(handler, signal=signal)

    def failed(self, url: str, reason: str, detail: str = "", error: Any = None) -> None:
        """Count one failed article, log it on one line (a traceback only at DEBUG)."""
        self.stats.inc_value("archive/articles_failed")
        self.stats.inc_value(f"archive/articles_failed/{reason}")
        quiet = reason == DISK_FULL and self.disk_full  # said once, loudly, by stop_for
        logger.log(
            logging.INFO if quiet else logging.WARNING,
            "Article %s failed (%s)%s",
            url,
            reason,
            f": {detail}" if detail else "",
        )
        if error is not None and logger.isEnabledFor(logging.DEBUG):
            logger.debug("Traceback of the failure of %s", url, exc_info=error)

    def skipped(self, url: str, reason: str, detail: str = "") -> None:
        self.stats.inc_value("archive/articles_skipped")
        self.stats.inc_value(f"archive/articles_skipped/{reason}")
        logger.info("Article %s skipped (%s)%s", url, reason, f": {detail}" if detail else "")

    def write_failed(self, error: BaseException, what: str) -> str:
        """Note a failed write of ``what``; a full disk stops the run. Returns the reason."""
        reason = failure_reason(error)
        if reason == DISK_FULL:
            self.stop_for_full_disk(error, what)
        return reason

    def stop_for_full_disk(self, error: BaseException, what: str) -> None:
        """Close the spider once, with one clear line: later writes would fail the same way."""
        if self.disk_full:
            return
        self.disk_full = True
        self.stats.set_value("archive/disk_full", what)
        logger.error(
            "The disk of %s is full (%s, writing %s): stopping the run; free some space and "
            "run again, the next run archives what this one could not",
            self.archive_dir,
            one_line(error),
            what,
        )
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=DISK_FULL))

    # --- Signals -------------------------------------------------------------------------

    def item_dropped(self, item: Any, exception: BaseException, **_: Any) -> None:
        url = item.url if isinstance(item, Article) else repr(item)[:200]
        if isinstance(exception, ArticleSkipped):
            self.skipped(url, exception.reason, exception.detail)
        elif isinstance(exception, ArticleFailed):
            self.failed(url, exception.reason, exception.detail)
        else:
            self.failed(url, "dropped", str(exception))

    def item_error(self, item: Any, failure: Failure, **_: Any) -> None:
        """A pipeline raised: a bug (Scrapy logged its traceback), counted as a failure."""
        url = item.url if isinstance(item, Article) else repr(item)[:200]
        reason = self.write_failed(failure.value, url)
        self.failed(url, reason, one_line(failure.value))

    def request_dropped(self, request: Request, **_: Any) -> None:
        """An article request the scheduler dropped: on a redirect, a loop or a duplicate."""
        article = request.meta.get(ARTICLE_META)
        chain = request.meta.get("redirect_urls") or []
        if not article or not chain:
            return  # a link listed twice: the first request is the article's
        if request.url in chain:
            self.failed(article, "redirect_loop", " -> ".join([*chain, request.url]))
        else:
            self.skipped(article, "duplicate", f"redirects to {request.url}, fetched already")


class ArchiveLogFormatter(LogFormatter):
    """Scrapy's log lines without whole articles in them: an Article is named by its URL.

    ``Outcomes`` logs why an article was dropped, so the drop itself is not logged again.
    """

    def dropped(  # type: ignore[override]  # Scrapy skips the line when this returns None
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult | None:
        if isinstance(exception, (ArticleFailed, ArticleSkipped)):
            return None
        return super().dropped(_named(item), exception, response, spider)

    def item_error(
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult:
        return super().item_error(_named(item), exception, response, spider)


def _named(item: Any) -> Any:
    return f"<Article {item.url}>" if isinstance(item, Article) else item


def stored_changes(stats: StatsCollector) -> int:
    """Articles a crawl stored as new or updated: what the reader and the blog export follow."""
    return int(stats.get_value("archive/articles_new", 0) or 0) + int(
        stats.get_value("archive/articles_updated", 0) or 0
    )
