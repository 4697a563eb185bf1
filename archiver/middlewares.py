"""Middlewares: an identifying User-Agent, backoff on 429/503, no private addresses (downloader);
every article page that raised counted as a failed article (spider)."""

from __future__ import annotations

import ipaddress
import logging
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future

from archiver.archive import archive_of
from archiver.outcomes import ARTICLE_META, Outcomes, one_line

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


class PrivateAddressMiddleware:
    """Refuses requests to loopback, private, link-local and other non-public addresses.

    A hostile page must not make the crawler fetch from the machine it runs on or its
    network (an image at ``http://127.0.0.1:8080/admin``, a redirect or meta refresh to
    ``169.254.169.254``). IP literals are checked on every request; names are resolved and
    checked when the request goes out directly (Scrapy's DNS cache answers the download's
    own lookup the same), not through an HTTP proxy, which resolves them itself. Hosts of
    the start requests are trusted (a crawl of a site on the LAN), as is everything when
    ``ARCHIVE_ALLOW_PRIVATE_ADDRESSES`` is on. Runs after HttpProxyMiddleware (750).
    """

    def __init__(self, crawler: Crawler, allow_all: bool) -> None:
        self.crawler = crawler
        self.allow_all = allow_all
        self.trusted: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        return cls(crawler, archive_of(crawler).options.allow_private_addresses)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        if self.allow_all or not host or host in self.trusted:
            return
        if request.meta.get("is_start_request"):
            self.trusted.add(host)
            return
        address = _ip_literal(host)
        if address is None and not request.meta.get("proxy"):
            address = await self._resolve(host)
        if address is not None and not address.is_global:
            self.crawler.stats.inc_value("archive/requests_refused/private_address")
            raise IgnoreRequest(
                f"refused {request.url}: {host} is a {_kind(address)} address"
                " (ARCHIVE_ALLOW_PRIVATE_ADDRESSES=1 allows it)"
            )

    async def _resolve(self, host: str) -> IPAddress | None:
        """The address the download will connect to, or None when the name does not resolve
        (the download then fails with its own DNS error)."""
        from twisted.internet import reactor

        resolve: Any = reactor.resolve  # type: ignore[attr-defined]
        try:
            resolved = await maybe_deferred_to_future(resolve(host))
        except Exception:
            return None
        return _ip_literal(str(resolved))


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _ip_literal(host: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    return mapped or address


def _kind(address: IPAddress) -> str:
    for name in ("loopback", "link_local", "private", "multicast", "unspecified"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    return "non-public"


class ArticleErrorsMiddleware:
    """Spider middleware: an article page whose parsing raised fails that article, counted.

    A control character in a link, JSON-LD that is a bare number, any parser bug: the article
    is counted as ``archive/articles_failed/parse_error`` and logged on one line (traceback at
    DEBUG), so ``ARCHIVE_MAX_FAILED_SHARE`` sees it and the rest of the crawl goes on.
    Exceptions of other callbacks (list pages) are Scrapy's to log, as before.
    """

    def __init__(self, outcomes: Outcomes) -> None:
        self.outcomes = outcomes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleErrorsMiddleware:
        return cls(archive_of(crawler).outcomes)

    def process_spider_exception(
        self, response: Response, exception: Exception, spider: Spider | None = None
    ) -> list | None:
        article = response.meta.get(ARTICLE_META)
        if article is None:
            return None
        self.outcomes.failed(article, "parse_error", one_line(exception), error=exception)
        return []
