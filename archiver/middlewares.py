"""Downloader middlewares for politeness: an identifying User-Agent and backoff on 429/503."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from archiver.archive import archive_of

logger = logging.getLogger(__name__)


class ContactUserAgentMiddleware:
    """Sends ``ARCHIVE_USER_AGENT`` with ``ARCHIVE_CONTACT_URL`` in it; ``-s USER_AGENT`` wins."""

    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        settings = crawler.settings
        if (settings.getpriority("USER_AGENT") or 0) > (
            settings.getpriority("ARCHIVE_USER_AGENT") or 0
        ):
            return cls(settings.get("USER_AGENT"))
        contact = settings.get("ARCHIVE_CONTACT_URL")
        return cls(settings.get("ARCHIVE_USER_AGENT").format(contact=contact))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.headers.setdefault(b"User-Agent", self.user_agent)


class BackoffMiddleware:
    """On 429 and 5xx, slow the whole site down before RetryMiddleware re-sends the request.

    The download slot's delay grows to the server's ``Retry-After`` (or ``ARCHIVE_BACKOFF_DELAY``,
    doubling on repeats), capped at ``ARCHIVE_BACKOFF_MAX_DELAY``; AutoThrottle lowers it again
    as responses come back healthy.
    """

    STATUSES = (429, 500, 502, 503, 504, 522, 524)

    def __init__(self, crawler: Crawler, base_delay: float, max_delay: float) -> None:
        self.crawler = crawler
        self.base_delay = base_delay
        self.max_delay = max_delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        options = archive_of(crawler).options
        return cls(crawler, options.backoff_delay, options.backoff_max_delay)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if response.status not in self.STATUSES:
            return response
        slot_key = request.meta.get("download_slot")
        slot = self.crawler.engine.downloader.slots.get(slot_key) if slot_key else None
        if slot is None:
            return response
        delay = _retry_after(response) or max(self.base_delay, slot.delay * 2)
        slot.delay = min(max(slot.delay, delay), self.max_delay)
        self.crawler.stats.inc_value(f"archive/backoff/{response.status}")
        logger.warning(
            "%s answered %d: backing off to %.1fs between requests",
            request.url,
            response.status,
            slot.delay,
        )
        return response


def _retry_after(response: Response) -> float | None:
    """Seconds the server asks us to wait (``Retry-After``: seconds or an HTTP date), or None."""
    value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
    if re.fullmatch(r"[0-9]{1,9}", value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
