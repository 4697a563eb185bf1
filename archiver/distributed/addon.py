"""The one switch of the distributed mode: a Scrapy add-on that acts only when REDIS_URL is set.

It is always listed in ``ADDONS`` (archiver/settings.py) and imports nothing of Redis
itself; with ``REDIS_URL`` empty it changes no setting. With it set, it points Scrapy at
the distributed scheduler, adds the claim pipeline and the worker extension, and turns off
what must not run once per worker on a shared archive:

- ``BuildReaderOnClose``: every worker would rebuild the reader at once; run
  ``archiver build`` when the workers are done.

``RunLock`` stays: workers take the archive's lock shared, so a second ``scrapy crawl`` with
the same REDIS_URL joins the run as one more worker, while a single run (exclusive) and
workers never archive into one folder at once. Per-article claims keep workers apart.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from archiver.distributed import enabled

SCHEDULER = "archiver.distributed.scheduler.DistributedScheduler"
DUPEFILTER = "archiver.distributed.scheduler.RedisDupeFilter"
CLAIMS = "archiver.distributed.claims.ClaimArticlePipeline"
WORKER = "archiver.distributed.worker.Worker"
OFF_IN_DISTRIBUTED_MODE = ("archiver.reader.extension.BuildReaderOnClose",)


class DistributedMode:
    """Scrapy add-on: the distributed components when REDIS_URL is set, nothing otherwise."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not enabled(settings):
            return
        settings.set("SCHEDULER", SCHEDULER, priority="addon")
        settings.set("DUPEFILTER_CLASS", DUPEFILTER, priority="addon")
        settings["ITEM_PIPELINES"][CLAIMS] = 200  # before the images (300) and the write (800)
        settings["EXTENSIONS"][WORKER] = 10
        for name in OFF_IN_DISTRIBUTED_MODE:
            settings["EXTENSIONS"][name] = None
