"""The one place the project reads Scrapy internals, because no public API says the same.

A distributed worker acks a leased request only once the engine is completely done with it:
its callback ran, the requests it yielded are queued and its items left the pipelines.
Scrapy has no signal for that moment; the engine's in-progress set is exactly it.
``tests/test_scrapy_compat.py`` fails when a Scrapy upgrade changes this, so the break is
found by the suite, not by a worker that loses requests.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler


def tracks_requests_in_progress(crawler: Crawler) -> bool:
    """True when this Scrapy exposes the engine's in-progress set (checked at spider_opened)."""
    return isinstance(getattr(_slot(crawler), "inprogress", None), set)


def requests_in_progress(crawler: Crawler) -> set[Request]:
    """Requests the engine took from the scheduler and is not done with yet."""
    slot = _slot(crawler)
    return slot.inprogress if slot is not None else set()


def _slot(crawler: Crawler) -> Any:
    return getattr(getattr(crawler, "engine", None), "_slot", None)
