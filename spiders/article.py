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
``SiteSpider``'s.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from archiver.extract.dates import parse_tz
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
from spiders.site import SiteSpider, _csv, _date_window

logger = logging.getLogger(__name__)


def site_key(url: str) -> str:
    """The archive's site key of a URL: its host, lower-cased, without ``www.`` or a port."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class ArticleSpider(SiteSpider):
    """Archive given article URLs, a feed's items or a sitemap's pages with generic extraction."""

    name = "article"

    def __init__(
        self,
        *args: Any,
        url: str | None = None,
        feed: str | None = None,
        sitemap: str | None = None,
        lastmod: str | None = None,
        categories: str | None = None,
        timezone: str | None = None,
        **kwargs: Any,
    ) -> None:
        # SiteSpider.__init__ reads a site definition; this spider has none, only generic rules.
        scrapy.Spider.__init__(self, *args, **kwargs)
        self.article_urls = _url_list(url)
        self.feed_urls = [_checked_url(u, "feed") for u in _csv(feed)]
        self.sitemap_urls = [_checked_url(u, "sitemap") for u in _csv(sitemap)]
        if not (self.article_urls or self.feed_urls or self.sitemap_urls):
            raise ValueError(
                "nothing to archive: pass -a url=<URLs or file>, feed=<URL> or sitemap=<URL>"
            )
        self.lastmod = _day(lastmod, "lastmod")
        self.timezone = timezone
        if timezone:
            parse_tz(timezone)  # a bad zone fails here, before any request
        self.rules = SiteRules(site=self.name, name="", layouts=(), article_urls=())
        self.allowed_domains: list[str] = []
        self.start_list_urls: list[str] = []
        window = (kwargs.get("since"), kwargs.get("until"), kwargs.get("days"))
        self.since, self.until = _date_window(*window)
        self.categories = _csv(categories)
        self.full_walk = False
        self.update_days = int(kwargs["update_days"]) if kwargs.get("update_days") else None
        self.feed_dates: dict[str, datetime] = {}  # article URL -> the feed's date for it

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        zone = spider.timezone or crawler.settings.get("ARCHIVE_TIMEZONE") or "+08:00"
        parse_tz(zone)
        spider.rules = replace(spider.rules, timezone=zone, body_format=spider.body_format)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        sites = {site_key(u) for u in (*self.article_urls, *self.feed_urls, *self.sitemap_urls)}
        for item in self.pending_articles(sites):
            yield item
        for url in self.article_urls:
            if self.should_fetch(url):
                yield scrapy.Request(url, callback=self.parse_article, errback=self.article_failed)
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
            if entry.published and not self._in_window(entry.published):
                self.crawler.stats.inc_value("archive/articles_out_of_window")
                continue
            if not self.should_fetch(entry.url, entry.published):
                continue
            if entry.published:
                self.feed_dates[entry.url] = entry.published
            yield scrapy.Request(
                entry.url, callback=self.parse_article, errback=self.article_failed
            )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow a sitemap index's child sitemaps, or queue a sitemap's pages, newer than ``lastmod``."""
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
            elif self.should_fetch(entry.url):
                yield scrapy.Request(
                    entry.url, callback=self.parse_article, errback=self.article_failed
                )

    def _finish(self, pages: list[ArticlePage]) -> Iterator[Article]:
        """SiteSpider's article, dated by the feed when the page gives no time, keyed by its host."""
        first = pages[0]
        listed = self.feed_dates.get(first.url)
        if listed and (first.published is None or _same_day_without_time(first.published, listed)):
            first.published = listed
        key = site_key(first.url)
        for article in super()._finish(pages):
            article.site = article.site_name = key
            article.author = article.author or key
            yield article


def _same_day_without_time(page: datetime, listed: datetime) -> bool:
    """True when the page gives only a day (midnight) and the feed a time on that day."""
    local = listed.astimezone(page.tzinfo)
    return (page.hour, page.minute, page.second) == (0, 0, 0) and local.date() == page.date()


def _url_list(value: str | None) -> list[str]:
    """``-a url=``: URLs separated by commas, or the path of a file with one URL per line."""
    if not value:
        return []
    if "://" not in value:
        path = Path(value).expanduser()
        if not path.is_file():
            raise ValueError(f"-a url={value!r} is neither a URL nor a file of URLs")
        lines = (line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines())
        urls = (_checked_url(line, "url") for line in lines if line and not line.startswith("#"))
        return list(dict.fromkeys(urls))
    return list(dict.fromkeys(_checked_url(u, "url") for u in _csv(value)))


def _checked_url(url: str, arg: str) -> str:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ValueError(f"-a {arg}: {url!r} is not an http(s) URL")
    return url


def _day(value: str | None, arg: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValueError(f"-a {arg} must be a date like 2024-03-01, not {value!r}") from None
