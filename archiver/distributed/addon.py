"""The one switch of the distributed mode: a Scrapy add-on that acts only when REDIS_URL is set.

It is always listed in ``ADDONS`` (archiver/settings.py) and imports nothing of Redis
itself; with ``REDIS_URL`` empty it changes no setting. With it set, it points Scrapy at
the distributed scheduler, adds the claim pipeline and the worker extension, and turns off
what must not run once per worker on a shared archive:

- ``RunLock`` (flock on ARCHIVE_DIR/.archiver/lock): workers share the archive by design.
  Its Redis-side equivalent is the frontier itself: a second ``scrapy crawl`` with the same
  REDIS_URL joins the run as one more worker instead of starting a competing one, and
  per-article claims keep writers apart. Stale temp files are removed when the run ends.
- ``BuildReaderOnClose``: every worker would rebuild the reader at once; run
  ``archiver build`` when the workers are done.
"""

from __future__ import annotations

from archiver.distributed import enabled

SCHEDULER = "archiver.distributed.scheduler.DistributedScheduler"
DUPEFILTER = "archiver.distributed.scheduler.RedisDupeFilter"
CLAIMS = "archiver.distributed.claims.ClaimArticlePipeline"
WORKER = "archiver.distributed.worker.Worker"
OFF_IN_DISTRIBUTED_MODE = (
    "archiver.extensions.RunLock",
    "archiver.reader.extension.BuildReaderOnClose",
)


class DistributedMode:
    """Scrapy add-on: the distributed components when REDIS_URL is set, nothing otherwise."""

    def update_settings(self, settings) -> None:
        if not enabled(settings):
            return
        settings.set("SCHEDULER", SCHEDULER, priority="addon")
        settings.set("DUPEFILTER_CLASS", DUPEFILTER, priority="addon")
        settings["ITEM_PIPELINES"][CLAIMS] = 200  # before the images (300) and the write (800)
        settings["EXTENSIONS"][WORKER] = 10
        for name in OFF_IN_DISTRIBUTED_MODE:
            settings["EXTENSIONS"][name] = None
