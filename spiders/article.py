"""Archive articles of sites with no definition: ``scrapy crawl article -a url=...``.

Inputs (``-a``, combinable):

- ``url``: one article URL, several comma-separated, or a file of URLs (one per line, ``#``
  comments allowed);
- ``feed``: RSS/Atom feed URLs, comma-separated: their items are archived, and an item's
  ``pubDate``/``updated`` is the date when the page shows none;
- ``sitemap``: sitemap URLs (``.xml``, ``.xml.gz``, sitemap indexes, or a ``robots.txt``
  whose ``Sitemap:`` lines are followed), with ``lastmod=YYYY-MM-DD`` to skip entries
  (and child sitemaps) last modified before that day.

Other arguments: ``categories`` (comma-separated; default none), ``timezone`` of printed
times (default ``ARCHIVE_TIMEZONE``, Beijing time), ``since``/``until``/``days`` (publication
window), ``update_days``. Pages get generic extraction (``archiver.extract.page``); the
site key is the host without ``www.`` (``36kr.com``), which is also the author of last resort.
Everything else (skip-if-archived, gone pages, multi-page articles, images, state) is
``ArchiveSpider``'s and the archive's.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response

from archiver.extract.feeds import is_feed, parse_feed
from archiver.extract.page import ArticlePage
from archiver.extract.rules import SiteRules
from archiver.extract.sitemaps import (
    SitemapError,
    changed_since,
    parse_sitemap,
    sitemaps_from_robots,
)
from archiver.items import Article
from spiders import arguments
from spiders.base import ArchiveSpider

logger = logging.getLogger(__name__)


def site_key(url: str) -> str:
    """The archive's site key of a URL: its host, lower-cased, without ``www.`` or a port."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


@dataclass(frozen=True)
class ArticleArguments:
    """What ``-a`` asks of the article spider (see ``ArticleSpider``)."""

    urls: tuple[str, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    lastmod: date | None
    categories: tuple[str, ...]
    timezone: str | None
    since: date | None
    until: date | None
    update_days: int


class ArticleSpider(ArchiveSpider):
    """Archive given article URLs, a feed's items or a sitemap's pages with generic extraction."""

    name = "article"
    ARGUMENTS = (
        "url", "feed", "sitemap", "lastmod", "categories", "timezone",
        "since", "until", "days", "update_days",
    )  # fmt: skip

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        args = self.parse_arguments(kwargs)
        self.article_urls, self.feed_urls, self.sitemap_urls = args.urls, args.feeds, args.sitemaps
        self.lastmod = args.lastmod
        self.rules = SiteRules(
            site=self.name,
            name="",
            layouts=(),
            article_urls=(),
            timezone=args.timezone or "",
            zone_by_language=not args.timezone,
        )
        self.since, self.until = args.since, args.until
        self.categories = args.categories
        self.update_days = args.update_days
        self.feed_dates: dict[str, datetime] = {}  # article URL -> the feed's date for it

    @classmethod
    def parse_arguments(cls, given: Mapping[str, Any]) -> ArticleArguments:
        args = arguments.Arguments(cls.name, given, cls.ARGUMENTS)
        since, until = arguments.date_window(args.get("since"), args.get("until"), args.get("days"))
        parsed = ArticleArguments(
            urls=arguments.url_list(args.get("url"), "url"),
            feeds=tuple(arguments.http_url(u, "feed") for u in arguments.csv(args.get("feed"))),
            sitemaps=tuple(
                arguments.http_url(u, "sitemap") for u in arguments.csv(args.get("sitemap"))
            ),
            lastmod=arguments.day(args.get("lastmod"), "lastmod"),
            categories=arguments.csv(args.get("categories")),
            timezone=arguments.timezone(args.get("timezone")),
            since=since,
            until=until,
            update_days=arguments.whole_number(args.get("update_days"), "update_days", minimum=0),
        )
        if not (parsed.urls or parsed.feeds or parsed.sitemaps):
            raise UsageError(
                "nothing to archive: pass -a url=<URLs or file>, feed=<URL> or sitemap=<URL>"
            )
        return parsed

    async def start(self) -> AsyncIterator[Any]:
        self.rules = self.configure(self.rules)
        sites = {site_key(u) for u in (*self.article_urls, *self.feed_urls, *self.sitemap_urls)}
        for request in self.revisit_requests(sites):
            yield request
        for url in self.article_urls:
            if self.wants(url):
                yield self.article_request(url)
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.list_failed)
        for url in self.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.list_failed)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Queue the items of an RSS/Atom feed that are in the window and not archived yet."""
        self.crawler.stats.inc_value("archive/list_pages")
        if not is_feed(response.body):
            self.crawler.stats.inc_value("archive/list_pages_failed")
            content_type = response.headers.get("Content-Type")
            logger.error("Feed %s is not RSS or Atom (%s)", response.url, content_type)
            return
        entries = parse_feed(response.body, response.url, self.rules.timezone)
        if not entries:
            logger.warning("Feed %s links no article", response.url)
        for entry in entries:
            if not self.wants(entry.url, entry.published):
                continue
            if entry.published:
                self.feed_dates[entry.url] = entry.published
            yield self.article_request(entry.url)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow a sitemap index's child sitemaps, or queue its pages newer than ``lastmod``."""
        self.crawler.stats.inc_value("archive/list_pages")
        if urlsplit(response.url).path.endswith("/robots.txt"):
            for url in sitemaps_from_robots(response.text, response.url):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.list_failed)
            return
        try:
            sitemap = parse_sitemap(response.body, response.url, self.rules.timezone)
        except SitemapError as exc:
            self.crawler.stats.inc_value("archive/list_pages_failed")
            logger.error("Sitemap %s cannot be read: %s", response.url, exc)
            return
        entries = changed_since(sitemap.entries, self.lastmod, self.rules.timezone)
        old = len(sitemap.entries) - len(entries)
        self.crawler.stats.inc_value("archive/sitemap_entries_before_lastmod", old)
        for entry in entries:
            if sitemap.is_index:
                yield scrapy.Request(
                    entry.url, callback=self.parse_sitemap, errback=self.list_failed
                )
            elif self.wants(entry.url):
                yield self.article_request(entry.url)

    def article_from(self, pages: list[ArticlePage]) -> Article:
        """The usual Article, dated by the feed when the page gives no time, keyed by its host."""
        article = super().article_from(pages)
        listed = self.feed_dates.get(article.url)
        published = article.published
        if listed and (published is None or same_day_without_time(published, listed)):
            article.published = listed
        key = site_key(article.url)
        article.site = key
        article.author = article.author or key  # no byline: the host stands in for the site
        return article


def same_day_without_time(page: datetime, listed: datetime) -> bool:
    """True when the page gives only a day (midnight) and the feed a time on that day."""
    local = listed.astimezone(page.tzinfo)
    return (page.hour, page.minute, page.second) == (0, 0, 0) and local.date() == page.date()
