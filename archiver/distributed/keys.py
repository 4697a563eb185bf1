"""The names of everything the distributed mode keeps in Redis, in one place.

All keys start with ``ARCHIVE_REDIS_PREFIX`` (one prefix per archive): the frontier of a
spider under ``<prefix>:<spider>:``, the archive state under ``<prefix>:state:``, path
claims under ``<prefix>:claim:``. ``archiver enqueue`` and the workers agree through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy import Spider


@dataclass(frozen=True)
class FrontierKeys:
    """The keys of one spider's shared frontier."""

    prefix: str
    spider: str

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{self.spider}:{name}"

    @property
    def queue(self) -> str:
        """Sorted set of serialized requests (scrapy-redis's PriorityQueue layout)."""
        return self._key("requests")

    @property
    def dupefilter(self) -> str:
        """Set of the fingerprints of every request queued in this run."""
        return self._key("dupefilter")

    @property
    def leases(self) -> str:
        """Sorted set: lease id -> deadline (Redis server time, seconds)."""
        return self._key("leases")

    @property
    def leased(self) -> str:
        """Hash: lease id -> the serialized request it holds."""
        return self._key("leased")

    @property
    def leased_scores(self) -> str:
        """Hash: lease id -> the request's queue score, to re-queue it at its priority."""
        return self._key("leased-scores")


@dataclass(frozen=True)
class StateKeys:
    """The keys of the archive state."""

    prefix: str

    @property
    def articles(self) -> str:
        return f"{self.prefix}:state:articles"

    @property
    def pending(self) -> str:
        return f"{self.prefix}:state:pending"

    @property
    def gone(self) -> str:
        return f"{self.prefix}:state:gone"

    @property
    def walks(self) -> str:
        return f"{self.prefix}:state:walks"

    @property
    def feeds(self) -> str:
        return f"{self.prefix}:state:feeds"

    @property
    def feed_retries(self) -> str:
        return f"{self.prefix}:state:feed-retries"

    @property
    def aliases(self) -> str:
        """Hash: a URL that redirected -> the article URL it led to."""
        return f"{self.prefix}:state:aliases"

    @property
    def imported(self) -> str:
        return f"{self.prefix}:state:imported"

    def revisit(self, url: str) -> str:
        return f"{self.prefix}:state:revisit:{url}"


def frontier_name(spider: Spider) -> str:
    """The name of a spider's frontier: its name, plus the site key for a generic spider.

    ``scrapy crawl site -a name=a.yaml`` and ``-a name=b.yaml`` are two crawls: their
    frontiers are ``site.a`` and ``site.b``. ``ofweek`` stays ``ofweek``.
    """
    site = getattr(getattr(spider, "rules", None), "site", None)
    return spider.name if not site or site == spider.name else f"{spider.name}.{site}"


def claim_key(prefix: str, path: str) -> str:
    """The claim on one archive-relative article path."""
    return f"{prefix}:claim:{path}"
