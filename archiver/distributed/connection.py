"""The Redis connection of the distributed mode, and what happens when Redis goes away."""

from __future__ import annotations

import logging
import re

from redis import Redis
from redis.exceptions import RedisError
from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings
from scrapy_redis.connection import get_redis_from_settings

logger = logging.getLogger(__name__)

REDIS_LOST_REASON = "redis_unavailable"


class RedisUnavailable(CloseSpider):
    """Redis cannot be reached: the worker stops (close reason ``redis_unavailable``)."""

    def __init__(self, url: str, error: BaseException, *, starting: bool = False) -> None:
        super().__init__(REDIS_LOST_REASON)
        where = f"Redis at {redacted(url)} is unreachable ({error})"
        self.message = (
            f"{where}: cannot start this worker (check REDIS_URL and that Redis runs)"
            if starting
            else f"{where}: stopping this worker. Files on disk are whole; the requests it "
            "held stay leased in Redis and go back to the queue when the workers run again."
        )

    def __str__(self) -> str:
        return self.message


def redacted(url: str) -> str:
    """The URL without its password, fit for logs."""
    return re.sub(r"//[^@/]*@", "//***@", url or "")


def connect(settings: BaseSettings) -> Redis:
    """A client for REDIS_URL (scrapy-redis's connection settings and REDIS_PARAMS apply).

    Raises :class:`RedisUnavailable` when the server does not answer a PING.
    """
    server = get_redis_from_settings(settings)
    try:
        server.ping()
    except RedisError as exc:
        raise RedisUnavailable(settings.get("REDIS_URL"), exc, starting=True) from exc
    return server


__all__ = ["REDIS_LOST_REASON", "RedisError", "RedisUnavailable", "connect", "redacted"]
