"""Distributed mode: several ``scrapy crawl`` workers share one frontier and one archive.

Set ``REDIS_URL`` (``-s REDIS_URL=redis://host:6379/0`` or the ``ARCHIVER_REDIS_URL``
environment variable) and :class:`~archiver.distributed.addon.DistributedMode` swaps in:

- ``scheduler``: scrapy-redis's scheduler and dupefilter, adapted to Scrapy 2.13+
  (built from the crawler, never ``from_settings``), over a queue that *leases* each
  request it hands out instead of deleting it (``leases``): a worker killed mid-crawl
  loses nothing, its leases expire and go back to the queue for another worker;
- ``state``: the archive state (:class:`archiver.state.ArchiveState`) in Redis;
- ``claims``: an article's path is claimed in Redis before its images and file are written;
- ``worker``: the heartbeat that keeps this worker's leases and claims alive, waits while
  other workers still hold work, and stops the worker cleanly when Redis goes away.

Without ``REDIS_URL`` none of this is imported, and neither are ``redis`` or ``scrapy_redis``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # answering needs nothing of Scrapy or Redis imported
    from scrapy.settings import BaseSettings


def enabled(settings: BaseSettings) -> bool:
    """True when these settings switch the distributed mode on."""
    return bool(settings.get("REDIS_URL"))
