"""One worker of a distributed run: its Redis connection, heartbeat, idle wait, claims and stop.

``Worker`` is an extension (the add-on enables it); the scheduler and the claim pipeline
find it with ``crawler.get_extension(Worker)`` (``worker_of``). Its heartbeat, every third
of ``ARCHIVE_LEASE_TIMEOUT``, pushes the deadlines of this worker's leases and claims
forward and re-queues the expired leases of killed workers. A worker whose own queue runs
dry stays open while other workers still hold leases (their requests may yield more work),
polling the shared queue, and closes when nothing is queued or leased anywhere. When Redis
stops answering it logs one clear error and closes the spider with reason
``redis_unavailable`` (exit status 1).
"""

from __future__ import annotations

import itertools
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archiver.distributed.connection import REDIS_LOST_REASON, RedisError, RedisUnavailable, connect
from archiver.distributed.keys import claim_key
from archiver.distributed.leases import LeasedQueue
from archiver.options import ArchiveOptions
from archiver.scrapy_compat import requests_in_progress, tracks_requests_in_progress
from archiver.storage import TEMP_PREFIX

logger = logging.getLogger(__name__)

T = TypeVar("T")
IDLE_POLL_SECONDS = 0.25  # how often a worker with nothing to do looks at the shared queue

# Extend a claim only while it is still ours. KEYS: claim; ARGV: token, milliseconds.
_REFRESH_CLAIM = (
    "if redis.call('GET', KEYS[1]) == ARGV[1] then "
    "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0"
)
_RELEASE_CLAIM = (
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
)


class Worker:
    """This process's part in a distributed run (see the module docstring)."""

    def __init__(self, crawler: Crawler, server: Any, options: ArchiveOptions) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.server = server
        self.url = options.redis_url or ""
        self.prefix = options.redis_prefix
        self.lease_seconds = options.lease_timeout
        self.archive_dir = options.folder
        self.id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"
        self.scheduler: Any = None  # set by DistributedScheduler.from_crawler
        self.lost = False
        self.claims: dict[str, str] = {}  # claim key -> our token
        self._tokens = itertools.count(1)
        self._refresh_claim = server.register_script(_REFRESH_CLAIM)
        self._release_claim = server.register_script(_RELEASE_CLAIM)
        self.heartbeat = task.LoopingCall(self.beat)
        self.polling = task.LoopingCall(self.poll)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Worker:
        worker = cls(
            crawler, connect(crawler.settings), ArchiveOptions.from_settings(crawler.settings)
        )
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        return worker

    # --- Redis errors -------------------------------------------------------------------

    def guard(self, call: Callable[[], T]) -> T | None:
        """``call()``, or None after stopping the worker when Redis fails."""
        try:
            return call()
        except RedisError as exc:
            self.redis_lost(exc)
            return None

    def strict(self, call: Callable[[], T]) -> T:
        """``call()``; when Redis fails, stop the worker and raise RedisUnavailable."""
        try:
            return call()
        except RedisError as exc:
            self.redis_lost(exc)
            raise RedisUnavailable(self.url, exc) from exc

    def redis_lost(self, exc: BaseException) -> None:
        """Log one clear error and close the spider; later calls do nothing."""
        if self.lost:
            return
        self.lost = True
        self.stats.set_value("distributed/redis_lost", str(exc))
        logger.error("%s", RedisUnavailable(self.url, exc))
        for loop in (self.heartbeat, self.polling):
            if loop.running:
                loop.stop()
        self.close_spider(REDIS_LOST_REASON)

    def close_spider(self, reason: str) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

    # --- Lifecycle ----------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        if not tracks_requests_in_progress(self.crawler):
            logger.error(
                "Distributed mode needs the engine's in-progress set (archiver/scrapy_compat.py), "
                "which this Scrapy version lacks: without it leases cannot be acked safely"
            )
            self.close_spider("scrapy_incompatible")
            return
        self.heartbeat.start(max(self.lease_seconds / 3, 0.2), now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        for loop in (self.heartbeat, self.polling):
            if loop.running:
                loop.stop()
        for key, token in list(self.claims.items()):
            self.release_claim(key, token)
        self.claims.clear()

    def engine_in_progress(self) -> set[Request]:
        """Requests the engine has taken and not finished (see DistributedScheduler.settle)."""
        return requests_in_progress(self.crawler)

    def beat(self) -> None:
        """Keep this worker's leases and claims alive; re-queue the expired leases of others."""
        queue = getattr(self.scheduler, "queue", None)
        try:
            if queue is not None:
                self.scheduler.settle()
                self.stats.inc_value("distributed/leases_lost", queue.extend())
                self.reap(queue)
            ms = int(self.lease_seconds * 1000)
            for key, token in list(self.claims.items()):
                self._refresh_claim(keys=[key], args=[token, ms])
        except RedisError as exc:
            self.redis_lost(exc)

    def reap(self, queue: LeasedQueue) -> None:
        """Re-queue the expired leases of workers that stopped answering (raises RedisError)."""
        requeued = queue.reap()
        if requeued:
            self.stats.inc_value("distributed/leases_requeued", requeued)
            logger.warning("Re-queued %d request(s) whose worker stopped answering", requeued)

    def spider_idle(self, spider: Spider) -> None:
        """Stay open while other workers hold work; close when the run is over everywhere."""
        if self.lost or self.scheduler is None:
            return
        self.scheduler.settle()
        if self.guard(self.scheduler.queue.finish):
            self.run_finished()
            return
        if self.lost:
            return
        if not self.polling.running:
            self.polling.start(IDLE_POLL_SECONDS, now=False)
        raise DontCloseSpider

    def poll(self) -> None:
        """While idle: take a request another worker's callback queued, or close at the end."""
        request = self.scheduler.lease()
        if request is not None:
            self.polling.stop()
            self.crawler.engine.crawl(request)
            if request not in self.scheduler.adopted:  # a request_scheduled handler dropped it
                self.guard(lambda: self.scheduler.queue.ack([request]))
        elif not self.lost and self.guard(self.scheduler.queue.finish):
            self.polling.stop()
            self.run_finished()
            self.close_spider("finished")

    def run_finished(self) -> None:
        """The whole run is done: remove temp files that no live writer can still own."""
        cutoff = time.time() - max(self.lease_seconds * 2, 60)
        removed = 0
        for tmp in self.archive_dir.rglob(f"{TEMP_PREFIX}*"):
            try:
                if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        if removed:
            logger.warning("Removed %d unfinished temp file(s) left by a stopped worker", removed)

    # --- Claims -------------------------------------------------------------------------

    def claim(self, path: str) -> bool:
        """Claim an archive-relative article path for this worker; False if another holds it."""
        key = claim_key(self.prefix, path)
        if key in self.claims:
            return True
        token = f"{self.id}#{next(self._tokens)}"
        if self.strict(
            lambda: self.server.set(key, token, nx=True, px=int(self.lease_seconds * 1000))
        ):
            self.claims[key] = token
            return True
        return False

    def release(self, path: str) -> None:
        """Give up our claim on a path (a claim another worker took over is left alone)."""
        key = claim_key(self.prefix, path)
        token = self.claims.pop(key, None)
        if token is not None:
            self.release_claim(key, token)

    def release_claim(self, key: str, token: str) -> None:
        """Delete the claim ``key`` if it still holds our ``token``."""
        self.guard(lambda: self._release_claim(keys=[key], args=[token]))


def worker_of(crawler: Crawler) -> Worker:
    """The crawl's Worker extension (enabled by the add-on in distributed mode)."""
    worker = crawler.get_extension(Worker)
    if worker is None:
        raise NotConfigured("distributed mode is off: set REDIS_URL")
    return worker
