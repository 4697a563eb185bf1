"""The generic spider for any site defined in YAML: ``scrapy crawl site -a name=<file or name>``.

It only routes: list pages -> article pages (page 2..n merged) -> one ``Article``. What the
pages mean lives in ``archiver.extract`` and the site's definition.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response

from archiver.extract.page import parse_list_page
from archiver.extract.rules import SiteDefinitionError, SiteRules, load_site
from spiders import arguments
from spiders.base import ArchiveSpider

logger = logging.getLogger(__name__)

DEFAULT_LIST_PAGES = 5


@dataclass(frozen=True)
class SiteArguments:
    """What ``-a`` asks of a site spider (see ``SiteSpider``)."""

    rules: SiteRules
    start: tuple[str, ...]
    pages: int
    since: date | None
    until: date | None
    categories: tuple[str, ...]
    full: bool
    update_days: int


class SiteSpider(ArchiveSpider):
    """Crawl the list pages of a site definition and archive every article they link.

    Arguments (``-a``): ``name``: site definition (bundled name or YAML path); ``start``: list
    URLs, comma-separated (default: the definition's); ``pages``: list pages to walk per start
    URL (default 5); ``since``/``until``: date window ``YYYY-MM-DD``, inclusive, or ``days=N``
    for the last N days; ``categories``: comma-separated frontmatter categories; ``full=1``:
    walk every page even past archived ones; ``update_days=N``: re-fetch recent articles.
    """

    name = "site"
    site_definition: str | None = None  # subclasses for bundled sites set this
    ARGUMENTS = ("start", "pages", "since", "until", "days", "categories", "full", "update_days")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        args = self.parse_arguments(kwargs)
        self.rules = args.rules
        self.allowed_domains = list(args.rules.allowed_domains)
        self.start_list_urls = list(args.start)
        self.max_list_pages = args.pages
        self.since, self.until = args.since, args.until
        self.categories = args.categories or args.rules.categories
        self.full_walk = args.full
        self.update_days = args.update_days

    @classmethod
    def parse_arguments(cls, given: Mapping[str, Any]) -> SiteArguments:
        known = cls.ARGUMENTS if cls.site_definition else ("name", *cls.ARGUMENTS)
        args = arguments.Arguments(cls.name, given, known)
        definition = cls.site_definition or args.get("name")
        if not definition:
            raise UsageError(
                "name the site definition: scrapy crawl site -a name=<name or file.yaml>"
            )
        try:
            rules = load_site(definition)
        except SiteDefinitionError as exc:
            raise UsageError(str(exc)) from None
        start = tuple(arguments.http_url(u, "start") for u in arguments.csv(args.get("start")))
        if not (start or rules.start_urls):
            raise UsageError(f"{definition}: no start_urls; pass -a start=<list URL>")
        since, until = arguments.date_window(args.get("since"), args.get("until"), args.get("days"))
        return SiteArguments(
            rules=rules,
            start=start or rules.start_urls,
            pages=arguments.whole_number(args.get("pages"), "pages", default=DEFAULT_LIST_PAGES),
            since=since,
            until=until,
            categories=arguments.csv(args.get("categories")),
            full=arguments.flag(args.get("full")),
            update_days=arguments.whole_number(args.get("update_days"), "update_days", minimum=0),
        )

    async def start(self) -> AsyncIterator[Any]:
        """This site's articles with pending images first (rebuilt from their files), then lists."""
        self.rules = self.configure(self.rules)
        self.full_walk = self.full_walk or self.archive.options.full_walk
        for request in self.revisit_requests({self.rules.site}):
            yield request
        self.begin_walks()
        for url in self.start_list_urls:
            yield self.list_request(url, 1)

    def list_request(self, url: str, page_no: int) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_list, errback=self.list_failed, cb_kwargs={"page_no": page_no}
        )

    def begin_walks(self) -> None:
        """Walk every list page this time if the last walk from a start URL stopped before its end.

        Paging stops at a list page of archived articles only when the walk before reached its
        end; after a killed run, a Ctrl-C or a failed list page the next run picks up where it
        stopped instead of stopping at page 1.
        """
        state = self.archive.state
        interrupted = [url for url in self.start_list_urls if state.walk_interrupted(url)]
        if interrupted and not self.full_walk:
            self.full_walk = True
            self.crawler.stats.inc_value("archive/walks_resumed", len(interrupted))
            logger.info(
                "The last walk from %s stopped before its end: walking every list page",
                ", ".join(interrupted),
            )
        for url in self.start_list_urls:
            state.start_walk(url)

    def closed(self, reason: str) -> None:
        """Mark the walks finished when the crawl ended by itself and no list page failed."""
        if reason == "finished" and not self.crawler.stats.get_value("archive/list_pages_failed"):
            for url in self.start_list_urls:
                self.archive.state.finish_walk(url)

    def parse_list(self, response: Response, page_no: int) -> Iterator[scrapy.Request]:
        """Queue the articles of a list page, then the next list page while in range."""
        listing = parse_list_page(response.text, response.url, self.rules)
        self.crawler.stats.inc_value("archive/list_pages")
        if not listing.articles:
            logger.warning("List page %s links no article: has the layout changed?", response.url)
        fresh = 0
        for url, listed in listing.articles:
            if self.wants(url, listed):
                fresh += 1
                yield self.article_request(url)
        older = [d for _, d in listing.articles if d and self.since and d.date() < self.since]
        if older and len(older) == len(listing.articles):
            logger.info(
                "List page %s is older than %s: not paging further", response.url, self.since
            )
            return
        if listing.articles and not fresh and not self.full_walk:
            logger.info(
                "List page %s holds only archived articles: not paging further", response.url
            )
            return
        if listing.next_page and page_no < self.max_list_pages:
            yield self.list_request(listing.next_page, page_no + 1)
