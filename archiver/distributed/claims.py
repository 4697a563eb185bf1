"""Claim an article's path in Redis before anything is written under it.

``ClaimArticlePipeline`` runs before the image and write pipelines: for the item's path
(given by ``ArticlePathPipeline``) it takes the claim ``<prefix>:claim:<path>`` (SET NX with
the lease timeout as expiry, kept alive by the worker's heartbeat). Only the holder
downloads the article's images into its folder and writes its ``.md`` file; the claim is
given back when the item leaves the pipelines (scraped, dropped or failed). Two workers can
thus never interleave on one article's read-compare-version-write sequence; a worker that
meets a claim waits for it, then finds the file already written and leaves it unchanged. A
killed holder's claim expires with its leases.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from archiver.distributed.connection import RedisUnavailable
from archiver.distributed.worker import Worker, worker_of
from archiver.items import Article
from archiver.outcomes import ArticleFailed, ArticleSkipped

logger = logging.getLogger(__name__)

CLAIM_POLL_SECONDS = 0.2


class ClaimArticlePipeline:
    """Holds the claim on each article's path from before its images until after its file."""

    def __init__(self, worker: Worker, stats: StatsCollector) -> None:
        self.worker = worker
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClaimArticlePipeline:
        pipeline = cls(worker_of(crawler), crawler.stats)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(pipeline.item_done, signal=signal)
        return pipeline

    async def process_item(self, item: Article) -> Article:
        path = item.path  # given by ArticlePathPipeline, which runs first
        deadline = time.monotonic() + 2 * self.worker.lease_seconds
        waited = False
        try:
            while not self.worker.claim(path):
                if not waited:
                    waited = True
                    self.stats.inc_value("distributed/claims_waited")
                    logger.info("%s is being written by another worker; waiting for it", path)
                if time.monotonic() > deadline:
                    raise ArticleSkipped("claimed", f"{path} stayed claimed by another worker")
                await asyncio.sleep(CLAIM_POLL_SECONDS)
        except RedisUnavailable as exc:
            raise ArticleFailed("redis_unavailable", f"not writing {path}: {exc}") from exc
        self.stats.inc_value("distributed/claims_taken")
        return item

    def item_done(self, item: Any, **_: Any) -> None:
        if isinstance(item, Article) and item.path:
            self.worker.release(item.path)
