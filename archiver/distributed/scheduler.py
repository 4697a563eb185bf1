"""scrapy-redis's scheduler and dupefilter, adapted to Scrapy 2.13+ and to leased requests.

What changes against scrapy-redis 0.9 and why:

- Both are built in ``from_crawler`` (Scrapy no longer calls ``from_settings``; scrapy-redis
  would give its dupefilter a one-off ``dupefilter:<timestamp>`` key there).
- The dupefilter fingerprints with the crawler's ``REQUEST_FINGERPRINTER`` (Scrapy's own
  request identity) and its ``close()`` keeps the fingerprints: the frontier outlives any
  one worker, and the last worker clears it when the run is over (``LeasedQueue.finish``).
- The scheduler always persists and never flushes on start: workers join a run, resume it.
- ``next_request`` leases instead of popping, and acks each lease once the engine is done
  with its request (see ``settle``). It takes at most ``ARCHIVE_WORKER_PREFETCH`` requests
  at a time, so that one worker does not drain the queue while the others idle.
- Stats are counted without the ``spider`` argument Scrapy 2.14 deprecates.
- A Redis error stops the worker (``Worker.redis_lost``) instead of raising into the engine.
"""

from __future__ import annotations

import logging
from collections import deque

from redis import Redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.request import RequestFingerprinterProtocol
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from archiver.distributed.connection import RedisError
from archiver.distributed.keys import FrontierKeys, frontier_name
from archiver.distributed.leases import LeasedQueue
from archiver.distributed.worker import Worker, worker_of

logger = logging.getLogger(__name__)


class RedisDupeFilter(RFPDupeFilter):
    """The shared set of fingerprints of every request queued in this run."""

    def __init__(
        self,
        server: Redis,
        key: str,
        fingerprinter: RequestFingerprinterProtocol,
        debug: bool = False,
    ) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler: Crawler, key: str | None = None) -> RedisDupeFilter:
        worker = worker_of(crawler)
        key = key or FrontierKeys(worker.prefix, frontier_name(_spider_of(crawler))).dupefilter
        return cls(
            worker.server,
            key,
            crawler.request_fingerprinter,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other workers are still using them."""


class DistributedScheduler(Scheduler):
    """The scheduler of one worker: every request goes through the shared, leased frontier."""

    def __init__(
        self,
        worker: Worker,
        dupefilter: RedisDupeFilter,
        keys: FrontierKeys,
        prefetch: int,
        stats: StatsCollector,
    ) -> None:
        super().__init__(
            worker.server,
            persist=True,
            queue_key=keys.queue,
            dupefilter=dupefilter,
            dupefilter_key=keys.dupefilter,
        )
        self.worker = worker
        self.keys = keys
        self.prefetch = prefetch
        self.stats = stats
        self.adopted: deque[Request] = deque()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        worker = worker_of(crawler)
        keys = FrontierKeys(worker.prefix, frontier_name(_spider_of(crawler)))
        scheduler = cls(
            worker,
            RedisDupeFilter.from_crawler(crawler, keys.dupefilter),
            keys,
            max(1, crawler.settings.getint("ARCHIVE_WORKER_PREFETCH")),
            crawler.stats,
        )
        worker.scheduler = scheduler
        return scheduler

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.queue = LeasedQueue(
            self.server, spider, self.keys, self.worker.id, self.worker.lease_seconds
        )
        self.worker.guard(lambda: self.worker.reap(self.queue))  # resume what killed workers left
        queued = self.worker.guard(lambda: len(self.queue)) or 0
        if queued:
            logger.info("Joining a run in progress: %d request(s) queued in Redis", queued)

    def close(self, reason: str) -> None:
        """A finished worker holds nothing; one stopped early hands its leases back at once."""
        self.settle()
        if self.queue.held:
            released = self.worker.guard(self.queue.release) or 0
            self.stats.inc_value("distributed/leases_released", released)
            logger.info(
                "Stopped (%s): %d unfinished request(s) handed back to the queue", reason, released
            )

    def enqueue_request(self, request: Request) -> bool:
        if request in self.queue.held:  # leased by the idle poll: it stays with this worker
            self.adopted.append(request)
            return True
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                self.stats.inc_value("distributed/duplicates_filtered")
                return False
            self.queue.push(request)
        except RedisError as exc:
            self.worker.redis_lost(exc)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        self.settle()
        request = self.adopted.popleft() if self.adopted else None
        if request is None and self.in_flight() < self.prefetch and not self.worker.lost:
            request = self.lease()
        if request is not None:
            self.queue.held[request].handed = True
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def lease(self) -> Request | None:
        """Lease one request from the shared queue (None when empty or Redis is gone)."""
        return self.worker.guard(self.queue.pop)

    def has_pending_requests(self) -> bool:
        return bool(self.adopted) or bool(self.worker.guard(lambda: len(self.queue)))

    def __len__(self) -> int:
        return len(self.adopted) + (self.worker.guard(lambda: len(self.queue)) or 0)

    def in_flight(self) -> int:
        return sum(1 for lease in self.queue.held.values() if lease.handed)

    def settle(self) -> None:
        """Ack the leases of the requests the engine has finished with.

        Scrapy has no signal for "this request's callback ran, its requests are queued and
        its items went through the pipelines". The engine's in-progress set is exactly that:
        a request stays in it from ``next_request`` until all of this is done.
        """
        in_progress = self.worker.engine_in_progress()
        done = [r for r, lease in self.queue.held.items() if lease.handed and r not in in_progress]
        if done:
            acked = self.worker.guard(lambda: self.queue.ack(done))
            self.stats.inc_value("distributed/leases_acked", len(done))
            if acked is not None and acked < len(done):
                self.stats.inc_value("distributed/leases_lost", len(done) - acked)


def _spider_of(crawler: Crawler) -> Spider:
    """The crawl's spider, which Scrapy creates before its scheduler and dupefilter."""
    assert crawler.spider is not None
    return crawler.spider
