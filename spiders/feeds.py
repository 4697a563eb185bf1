"""Archive many feeds in one nightly run: ``scrapy crawl feeds -a opml=subscriptions.opml``.

Arguments (``-a``): ``opml`` (an OPML file, as feed readers export it) and/or
``subscriptions`` (the YAML list, ``archiver/subscriptions.py``); ``since``/``until``/``days``
(publication window); ``update_days``. A bad file or entry ends the command with one line
naming the file and the line, before any request.

Each feed is fetched with a conditional GET (its ETag/Last-Modified from the state; a 304
reads nothing). Each new item's page is fetched and read through the site definition whose
article URLs match it (``archiver/sites/*.yaml``: OFweek items get ``site: ofweek``), or the
entry's ``site``, else generic extraction under the host's key. When the page fails or holds
no article, the feed's own text is archived (``extraction: feed``) and the page is asked for
again on later runs, even when the feed answers 304. Categories are the subscription's;
the item's date, author and ``<category>`` tags fill what the page lacks. A failing feed is
reported and the others go on; the run fails only when every feed failed or an article was
lost (neither its page nor the feed's text could be archived).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import replace
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from archiver.extract.feeds import entry_page, is_feed, parse_feed
from archiver.extract.page import ArticlePage
from archiver.extract.rules import SITES_DIR, SiteRules, load_site
from archiver.items import Article
from archiver.outcomes import one_line
from archiver.state import FeedRecord
from spiders import arguments
from spiders.article import same_day_without_time, site_key
from spiders.base import ArchiveSpider, failed_request, http_status
from spiders.feed_runs import (
    FeedItem,
    FeedRun,
    FeedsArguments,
    entry_of,
    feeds_arguments,
    retry_of,
    run_verdict,
    summary_lines,
)

logger = logging.getLogger(__name__)


class FeedsSpider(ArchiveSpider):
    """Archive the items of every feed of a subscription list, full articles first."""

    name = "feeds"
    ARGUMENTS = ("opml", "subscriptions", "since", "until", "days", "update_days")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        args = self.parse_arguments(kwargs)
        self.subscriptions = args.subscriptions
        self.since, self.until, self.update_days = args.since, args.until, args.update_days
        self.rules = SiteRules(site=self.name, name="", layouts=(), article_urls=())
        self.sites: tuple[SiteRules, ...] = ()  # the bundled site definitions
        self.feeds: list[FeedRun] = []
        self.items: dict[str, FeedItem] = {}  # article URL -> its item

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> FeedsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider.item_lost, signal=signals.item_error)
        crawler.signals.connect(spider.item_lost, signal=signals.item_dropped)
        return spider

    @classmethod
    def parse_arguments(cls, given: Mapping[str, Any]) -> FeedsArguments:
        return feeds_arguments(arguments.Arguments(cls.name, given, cls.ARGUMENTS))

    async def start(self) -> AsyncIterator[Any]:
        """Pending images, then the pages of earlier items that failed, then every feed."""
        self.rules = self.configure(self.rules)
        self.sites = tuple(self.configure(load_site(p)) for p in sorted(SITES_DIR.glob("*.yaml")))
        state, rsshub = self.archive.state, self.archive.options.rsshub_url
        for sub, rules in self.subscriptions:
            url = sub.feed_url(rsshub)
            if any(f.url == url for f in self.feeds):
                logger.warning("%s: %s is listed twice; read once", sub.where, url)
                continue
            known = state.get_feed(url)
            sites = set(known.sites) if known else set()
            self.feeds.append(
                FeedRun(sub, url, rules and self.configure(rules), sites=sites, known=known)
            )
        for request in self.revisit_requests({s for f in self.feeds for s in f.sites}):
            yield request
        for request in self.retry_requests():
            yield request
        for feed in self.feeds:
            yield self.feed_request(feed)

    def retry_requests(self) -> Iterator[scrapy.Request]:
        """The pages of earlier items archived from the feed's text (or lost), asked again."""
        by_url = {f.url: f for f in self.feeds}
        wait = self.archive.options.gone_recheck_days * 86400
        for retry in self.archive.state.feed_retries():
            feed = by_url.get(retry.feed)
            gone = self.archive.state.gone_checked(retry.url)
            if feed is None or (gone is not None and time.time() - gone < wait):
                continue
            rules = self.item_rules(feed, retry.url)
            self.items[retry.url] = FeedItem(entry_of(retry), feed, rules, known=True, retry=True)
            self.crawler.stats.inc_value("feeds/retries")
            yield self.article_request(retry.url)

    def feed_request(self, feed: FeedRun) -> scrapy.Request:
        """A conditional GET of the feed when the state holds its validators."""
        headers = {}
        if feed.known is not None and feed.known.etag:
            headers["If-None-Match"] = feed.known.etag
        if feed.known is not None and feed.known.last_modified:
            headers["If-Modified-Since"] = feed.known.last_modified
        return scrapy.Request(
            feed.url,
            headers=headers,
            callback=self.parse_feed,
            errback=self.feed_failed,
            cb_kwargs={"feed": feed},
            meta={"handle_httpstatus_list": [304]},
        )

    def parse_feed(self, response: Response, feed: FeedRun) -> Iterator[scrapy.Request]:
        """Queue the feed's items that are in the window and not archived yet."""
        if response.status == 304:
            feed.status, feed.validators = "not modified", feed.known
            self.crawler.stats.inc_value("feeds/not_modified")
            logger.info("Feed %s not modified since the last run", feed.url)
            return
        if not is_feed(response.body):
            content_type = _header(response, "Content-Type") or "no Content-Type"
            self.fail_feed(feed, f"not RSS or Atom ({content_type})")
            return
        feed.status = "read"
        self.crawler.stats.inc_value("feeds/read")
        feed.validators = FeedRecord(
            feed.url, _header(response, "ETag"), _header(response, "Last-Modified")
        )
        entries = parse_feed(response.body, response.url, self.rules.timezone)
        self.crawler.stats.inc_value("feeds/items", len(entries))
        if not entries:
            logger.warning("Feed %s links no article", feed.url)
        for entry in entries:
            if entry.url in self.items or not self.wants(entry.url, entry.published):
                continue
            known = self.archive.state.get(entry.url) is not None
            self.items[entry.url] = FeedItem(entry, feed, self.item_rules(feed, entry.url), known)
            yield self.article_request(entry.url)

    def feed_failed(self, failure: Failure) -> None:
        status = http_status(failure)
        feed = failed_request(failure).cb_kwargs["feed"]
        self.fail_feed(feed, f"HTTP {status}" if status else one_line(failure.value))

    def fail_feed(self, feed: FeedRun, problem: str) -> None:
        feed.status, feed.problem = "failed", problem
        self.crawler.stats.inc_value("feeds/failed")
        logger.error("Feed %s (%s) failed: %s", feed.sub.label, feed.url, problem)

    # --- Items ---------------------------------------------------------------------------

    def item_rules(self, feed: FeedRun, url: str) -> SiteRules:
        """The entry's site definition, else the one whose article URLs match, else generic."""
        rules = feed.rules or next((r for r in self.sites if r.is_article_url(url)), None)
        found = rules or replace(self.rules, site=site_key(url))
        feed.sites.add(found.site)
        return found

    def rules_for(self, url: str) -> SiteRules:
        item = self.items.get(url)
        return item.rules if item else self.rules

    def article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article, errback=self.page_failed)

    async def parse_article(
        self, response: Response, pages: list[ArticlePage] | None = None
    ) -> AsyncIterator[Any]:
        """The base's, with a redirected item's page known under its new URL."""
        item = self.item_of(response.url, response.meta)
        if not pages and item is not None:
            self.items.setdefault(response.url, item)
        async for output in super().parse_article(response, pages):
            yield output

    def item_of(self, url: str, meta: Mapping[str, Any]) -> FeedItem | None:
        return self.items.get(url) or self.items.get((meta.get("redirect_urls") or [url])[0])

    def page_failed(self, failure: Failure) -> Iterator[Article]:
        request = failed_request(failure)
        item = self.item_of(request.url, request.meta)
        status = http_status(failure)
        if status in (404, 410):
            self.archive.mark_gone(request.url, status)
        if item is not None:
            yield from self.page_missing(
                item, f"HTTP {status}" if status else one_line(failure.value)
            )

    def no_article(self, response: Response) -> Iterator[Any]:
        item = self.item_of(response.url, response.meta)
        if item is None:
            return super().no_article(response)
        return self.page_missing(item, "no article found on the page")

    def page_missing(self, item: FeedItem, problem: str) -> Iterator[Article]:
        """An item whose page failed: the feed's text instead, and the page again next run."""
        entry, stats = item.entry, self.crawler.stats
        self.archive.state.add_feed_retry(retry_of(item))
        if item.retry:
            item.feed.retries_failed += 1
            stats.inc_value("feeds/retries_failed")
            logger.info("Page %s failed again (%s); asking next run", entry.url, problem)
            return
        page = entry_page(entry)
        if page is None:
            item.feed.failed += 1
            stats.inc_value("feeds/articles_lost")
            stats.inc_value("archive/articles_failed")
            logger.warning("Article %s lost (%s), the feed gives no text of it", entry.url, problem)
            return
        item.from_feed = True
        stats.inc_value("feeds/articles_from_feed")
        logger.warning("Page %s failed (%s): archiving the feed's text", entry.url, problem)
        article = self.article_from([page])
        article.extraction = "feed"
        yield article

    def article_from(self, pages: list[ArticlePage]) -> Article:
        """The page's Article with the feed filling what it lacks, in the feed's categories."""
        article = super().article_from(pages)
        item = self.items.get(article.url)
        if item is None:
            return article
        entry, sub, first = item.entry, item.feed.sub, pages[0]
        listed = entry.published
        if listed and (
            article.published is None or same_day_without_time(article.published, listed)
        ):
            article.published = listed
        article.title = article.title or entry.title
        article.author = (
            first.author or entry.author or first.source or sub.author or item.rules.name
            or site_key(article.url)
        )  # fmt: skip
        article.tags = list(dict.fromkeys([*article.tags, *entry.categories]))
        article.categories = list(sub.categories or self.categories)
        article.site_format = sub.body_format or item.rules.body_format
        return article

    def item_scraped(self, item: Any) -> None:
        """An item through every pipeline: counted for its feed; a retry read at last is done."""
        found = self.items.get(item.url) if isinstance(item, Article) else None
        if found is None:
            return
        if found.retry:
            found.feed.retried += 1
            self.crawler.stats.inc_value("feeds/retries_ok")
            self.archive.state.remove_feed_retry(found.entry.url)
        elif found.known:
            found.feed.updated += 1
        else:
            found.feed.new += 1
            found.feed.from_feed += found.from_feed

    def item_lost(self, item: Any) -> None:
        """An item a pipeline failed or dropped: lost for this run, asked again next run."""
        found = self.items.get(item.url) if isinstance(item, Article) else None
        if found is not None:
            found.feed.failed += 1
            self.crawler.stats.inc_value("feeds/articles_lost")
            self.archive.state.add_feed_retry(retry_of(found))

    # --- The run's end -------------------------------------------------------------------

    def closed(self, reason: str) -> None:
        """Keep the validators of the feeds read, once their items are all dealt with."""
        if reason != "finished":
            return
        for feed in self.feeds:
            if feed.validators is not None:
                self.archive.state.record_feed(replace(feed.validators, sites=sorted(feed.sites)))

    def report_lines(self) -> list[str]:
        """For RunReport: one line per feed, before its total line."""
        return summary_lines(self.feeds)

    def verdict(self) -> str | None:
        """For RunReport: failed only when every feed failed or articles were lost."""
        return run_verdict(self.feeds)


def _header(response: Response, name: str) -> str:
    return (response.headers.get(name) or b"").decode("latin-1")
