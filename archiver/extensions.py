"""The run's report for cron: a live progress line on a terminal, a one-line summary, a verdict."""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from archiver.options import ArchiveOptions
from archiver.outcomes import DISK_FULL

logger = logging.getLogger(__name__)

# A site's layout is judged only over at least this many of its articles in a run.
DRIFT_MIN_ARTICLES = 3


class RunReport:
    """A live progress line on a terminal, a one-line summary, and the run's verdict.

    The run failed when the archive's disk filled up, when a start list page could not be
    fetched, or when more than ``ARCHIVE_MAX_FAILED_SHARE`` of the articles attempted failed
    (every reason counts: ``archive/articles_failed/<reason>``). A spider with
    ``report_lines()`` (lines printed before the summary) and ``verdict()`` (why the run
    failed, or None) speaks for itself, as the feeds spider does per feed; a full disk or a
    stop still fails its run.
    """

    def __init__(
        self, crawler: Crawler, options: ArchiveOptions, stream: TextIO, progress: bool
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_failed_share = options.max_failed_share
        self.drift_share = options.layout_drift_share
        self.drift_fails = options.layout_drift_fails
        self.stream = stream
        self.started = time.monotonic()
        self.ticker = task.LoopingCall(self.show_progress) if progress else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        options = ArchiveOptions.from_settings(crawler.settings)
        if not options.report:
            raise NotConfigured  # switched off on purpose: Scrapy logs a message as a warning
        progress = sys.stderr.isatty() if options.progress is None else options.progress
        ext = cls(crawler, options, sys.stderr, progress)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        if self.ticker:
            self.ticker.start(1.0, now=True)

    def counts(self) -> dict[str, int]:
        get = self.stats.get_value
        return {
            "new": get("archive/articles_new", 0),
            "updated": get("archive/articles_updated", 0),
            "completed": get("archive/articles_completed", 0),
            "unchanged": get("archive/articles_unchanged", 0),
            "skipped": get("archive/articles_skipped", 0),
            "failed": get("archive/articles_failed", 0),
            "gone": get("archive/articles_gone", 0),
            "images": get("archive/images_stored", 0),
            "pending images": get("archive/images_failed", 0),
        }

    def show_progress(self) -> None:
        c = self.counts()
        done = c["new"] + c["updated"] + c["unchanged"]
        rate = done / max(time.monotonic() - self.started, 1e-6)
        scheduler = self.crawler.engine.scheduler
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        line = (
            f"lists {self.stats.get_value('archive/list_pages', 0)} | archived {done} "
            f"skipped {c['skipped']} queued {queued} | images {c['images']} "
            f"failed {c['failed'] + c['pending images']} | {rate:.1f} articles/s"
        )
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def verdict(self) -> str | None:
        """Why the run failed, or None when it did its job."""
        c = self.counts()
        if self.stats.get_value("archive/disk_full"):
            return "the disk is full; free some space and run again to archive the rest"
        if self.stats.get_value("archive/list_pages_failed", 0):
            return "a list page could not be fetched"
        attempted = c["new"] + c["updated"] + c["unchanged"] + c["completed"] + c["failed"]
        if attempted and c["failed"] / attempted > self.max_failed_share:
            return f"{c['failed']} of {attempted} articles failed"
        return None

    def layout_drift(self) -> str:
        """Site definitions whose layouts read too few of this run's articles ('' if none).

        More than ``ARCHIVE_LAYOUT_DRIFT_SHARE`` of a site's articles (of at least
        ``DRIFT_MIN_ARTICLES``) left to generic extraction: the site has most likely changed
        its layout, and the definition's selectors want fixing.
        """
        stats = self.stats.get_stats()
        notes = []
        for key, total in sorted(stats.items()):
            if not key.startswith("archive/layout_articles/"):
                continue
            site = key.rpartition("/")[2]
            fallback = stats.get(f"archive/extraction_fallback/{site}", 0)
            if total < DRIFT_MIN_ARTICLES or fallback / total <= self.drift_share:
                continue
            prefix = f"archive/selectors_missed/{site}/"
            missed = ", ".join(
                f"{k.removeprefix(prefix)} {n}"
                for k, n in sorted(stats.items())
                if k.startswith(prefix)
            )
            notes.append(
                f"site definition {site}: {fallback} of {total} articles read by generic "
                f"extraction (selectors missed: {missed or 'none'})"
            )
        return "; ".join(notes)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.ticker and self.ticker.running:
            self.ticker.stop()
            self.stream.write("\r\x1b[K")
        stopped = reason not in ("finished", DISK_FULL)  # the verdict explains a full disk
        own_verdict = getattr(spider, "verdict", None)  # a spider of many sources judges itself
        if stopped:
            failed: str | None = f"stopped: {reason}"
        elif callable(own_verdict) and not self.stats.get_value("archive/disk_full"):
            failed = own_verdict()
        else:
            failed = self.verdict()
        drift = self.layout_drift()
        if drift and self.drift_fails and not failed:
            failed, drift = f"layout changed? {drift}", ""
        summary = ", ".join(f"{v} {k}" for k, v in self.counts().items())
        elapsed = time.monotonic() - self.started
        for line in getattr(spider, "report_lines", list)():
            self.stream.write(f"{line}\n")
        notes = "".join(
            f"; {label}: {text}"
            for label, text in (("LAYOUT DRIFT", drift), ("FAILED", failed))
            if text
        )
        self.stream.write(f"{spider.name}: {summary} in {elapsed:.1f}s{notes}\n")
        self.stream.flush()
        if failed:  # the crawl command reads it to set its exit status
            self.stats.set_value("archive/run_failed", failed)
