"""Run-level extensions for cron: one run per archive at a time, a progress line, a summary, a verdict."""

from __future__ import annotations

import fcntl
import logging
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from archiver import distributed
from archiver.state import STATE_DIRNAME
from archiver.storage import remove_stale_temp_files

logger = logging.getLogger(__name__)

LOCK_FILENAME = "lock"
# Runs whose verdict was "failed" in this process; the crawl command turns it into its exit status.
FAILED_RUNS: list[str] = []


class ArchiveLocked(RuntimeError):
    """Another crawl holds the archive's run lock."""


def acquire_lock(archive_dir: Path, *, shared: bool = False) -> TextIO:
    """Take the archive's run lock (flock), or raise ArchiveLocked naming the holder.

    A single run takes it exclusively; the workers of a distributed run take it ``shared``,
    so they run side by side but never beside a single run on the same archive. The kernel
    drops a flock when its process dies, so a lock left by a killed run never blocks the
    next one.
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


class RunLock:
    """Holds ARCHIVE_DIR's run lock for the whole crawl and clears temp files a killed run left.

    In distributed mode (REDIS_URL set) the lock is shared by the workers, and temp files are
    left alone: another worker may be writing them (the worker extension clears them at the end).
    """

    def __init__(self, archive_dir: Path, *, shared: bool = False) -> None:
        self.handle = acquire_lock(archive_dir, shared=shared)
        removed = 0 if shared else remove_stale_temp_files(archive_dir)
        if removed:
            logger.warning("Removed %d unfinished temp file(s) left by an interrupted run", removed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        ext = cls(Path(settings.get("ARCHIVE_DIR")), shared=distributed.enabled(settings))
        crawler.signals.connect(ext.release, signal=signals.engine_stopped)
        return ext

    def release(self) -> None:
        self.handle.close()


class RunReport:
    """A live progress line on a terminal, a one-line summary, and the run's verdict.

    The run failed when a start list page could not be fetched, or when more than
    ``ARCHIVE_MAX_FAILED_SHARE`` of the articles attempted failed.
    """

    def __init__(self, crawler, max_failed_share: float, stream: TextIO, progress: bool) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_failed_share = max_failed_share
        self.stream = stream
        self.started = time.monotonic()
        self.ticker = task.LoopingCall(self.show_progress) if progress else None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_REPORT_ENABLED"):
            raise NotConfigured("ARCHIVE_REPORT_ENABLED is off")
        wanted = settings.get("ARCHIVE_PROGRESS")
        progress = sys.stderr.isatty() if wanted is None else settings.getbool("ARCHIVE_PROGRESS")
        ext = cls(crawler, settings.getfloat("ARCHIVE_MAX_FAILED_SHARE"), sys.stderr, progress)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        if self.ticker:
            self.ticker.start(1.0, now=False)

    def counts(self) -> dict[str, int]:
        get = self.stats.get_value
        return {
            "new": get("archive/articles_new", 0),
            "updated": get("archive/articles_updated", 0),
            "completed": get("archive/articles_completed", 0),
            "unchanged": get("archive/articles_unchanged", 0),
            "skipped": get("archive/articles_skipped", 0),
            "failed": get("archive/articles_failed", 0) + get("archive/articles_unparsable", 0),
            "gone": get("archive/articles_gone", 0),
            "images": get("archive/images_stored", 0),
            "pending images": get("archive/images_failed", 0),
        }

    def show_progress(self) -> None:
        c = self.counts()
        done = c["new"] + c["updated"] + c["unchanged"]
        rate = done / max(time.monotonic() - self.started, 1e-6)
        slot = self.crawler.engine.slot
        queued = len(slot.scheduler) if slot else 0
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
        if self.stats.get_value("archive/list_pages_failed", 0):
            return "a list page could not be fetched"
        attempted = c["new"] + c["updated"] + c["unchanged"] + c["completed"] + c["failed"]
        if attempted and c["failed"] / attempted > self.max_failed_share:
            return f"{c['failed']} of {attempted} articles failed"
        return None

    def spider_closed(self, spider, reason: str) -> None:
        if self.ticker and self.ticker.running:
            self.ticker.stop()
            self.stream.write("\r\x1b[K")
        failed = self.verdict() or (None if reason == "finished" else f"stopped: {reason}")
        summary = ", ".join(f"{v} {k}" for k, v in self.counts().items())
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"{spider.name}: {summary} in {elapsed:.1f}s{'; FAILED: ' + failed if failed else ''}\n"
        )
        self.stream.flush()
        if failed:
            self.stats.set_value("archive/run_failed", failed)
            FAILED_RUNS.append(f"{spider.name}: {failed}")
