"""经济日报 e-paper: ``scrapy crawl jjrb`` archives a day's edition, a range of days, or the latest.

    scrapy crawl jjrb                                   # the latest issue (same as -a date=latest)
    scrapy crawl jjrb -a date=2023-01-13                # one day's edition
    scrapy crawl jjrb -a since=2023-01-01 -a until=2023-01-31   # every edition in a range
    scrapy crawl jjrb -a days=7                         # the last 7 days' editions

An edition is walked page by page (each layout page links the others), then article by
article. This module only walks dates; what the pages mean lives in
``archiver/sites/jjrb.yaml`` and ``archiver/extract/epaper.py``, and the article parsing and
finishing are ``ArchiveSpider``'s. A day of a range without an edition (404) is logged and
skipped; a single date without one fails the run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archiver.extract import epaper
from archiver.extract.dates import parse_tz
from archiver.extract.page import ArticlePage
from archiver.extract.rules import SiteDefinitionError, SiteRules, load_site
from archiver.items import Article
from spiders import arguments
from spiders.base import ArchiveSpider, PageParser, failed_request

logger = logging.getLogger(__name__)

MAX_DAYS = 366  # a longer range is more likely a typo than a wish


@dataclass(frozen=True)
class EditionArguments:
    """What ``-a`` asks of the e-paper spider: the editions to walk (None: the latest)."""

    rules: SiteRules
    editions: tuple[date, ...] | None
    categories: tuple[str, ...]
    update_days: int


class JjrbSpider(ArchiveSpider):
    """Walk 经济日报 editions by date. Arguments: ``date`` (``YYYY-MM-DD`` or ``latest``, the
    default), or ``since``/``until`` (a range, ``until`` defaults to today) or ``days=N``;
    ``categories`` as for every site spider (``{page}`` is the paper page's name);
    ``update_days=N`` re-fetches the articles of the last N days."""

    name = "jjrb"
    site_definition = "jjrb"
    ARGUMENTS = ("date", "since", "until", "days", "categories", "update_days")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        args = self.parse_arguments(kwargs)
        self.rules = args.rules
        self.allowed_domains = list(args.rules.allowed_domains)
        self.editions = args.editions
        self.categories = args.categories or args.rules.categories
        self.update_days = args.update_days
        if self.editions:
            self.since, self.until = self.editions[0], self.editions[-1]
            dated = args.rules.list.dated
            self.start_list_urls = [epaper.edition_url(dated, d) for d in self.editions]
        else:
            self.start_list_urls = list(args.rules.start_urls)
        self.page_names: dict[str, str] = {}  # article URL -> name of the paper page that lists it

    @classmethod
    def page_parser(cls) -> PageParser:
        """E-paper pages: the site's layouts, then the print leftovers cleaned from the text."""
        return epaper.parse_epaper_article_bytes

    @classmethod
    def parse_arguments(cls, given: Mapping[str, Any]) -> EditionArguments:
        args = arguments.Arguments(cls.name, given, cls.ARGUMENTS)
        try:
            rules = load_site(cls.site_definition)
        except SiteDefinitionError as exc:
            raise UsageError(str(exc)) from None
        if not rules.list.dated:
            raise UsageError(f"{cls.site_definition}: the site definition needs list.dated")
        since, until = arguments.date_window(args.get("since"), args.get("until"), args.get("days"))
        today = datetime.now(parse_tz(rules.timezone)).date()
        try:
            editions = edition_days(args.get("date"), since, until, today)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        return EditionArguments(
            rules=rules,
            editions=tuple(editions) if editions else None,
            categories=arguments.csv(args.get("categories")),
            update_days=arguments.whole_number(args.get("update_days"), "update_days", minimum=0),
        )

    async def start(self) -> AsyncIterator[Any]:
        """This paper's articles with pending images first, then the editions' first pages."""
        self.rules = self.configure(self.rules)
        for request in self.revisit_requests({self.rules.site}):
            yield request
        for url in self.start_list_urls:
            yield self._edition_page(url, 1)

    def parse_list(self, response: Response, page_no: int) -> Iterator[scrapy.Request]:
        """A layout page: queue the edition's other pages and this page's articles.

        The latest-issue page (no date in its URL) is followed to the day's first page when
        Scrapy has not already followed its refresh.
        """
        if epaper.edition_date(response.url) is None:
            yield from self._follow_latest(response)
            return
        edition = epaper.parse_edition_page(response.text, response.url, self.rules)
        self.crawler.stats.inc_value("archive/list_pages")
        for url in edition.pages:  # the duplicate filter drops pages already queued
            yield self._edition_page(url, page_no + 1)
        for _, title in edition.skipped:
            self.crawler.stats.inc_value("archive/list_entries_skipped")
            logger.debug("Skipping %r on %s: page furniture, not an article", title, response.url)
        if not edition.articles:
            logger.warning(
                "Edition page %s links no article: has the layout changed?", response.url
            )
        for url, _ in edition.articles:
            self.page_names.setdefault(url, edition.name)
            if self.wants(url):
                yield self.article_request(url)

    def _follow_latest(self, response: Response) -> Iterator[scrapy.Request]:
        link = epaper.edition_link(response.text, response.url)
        if link is None:
            self.crawler.stats.inc_value("archive/list_pages_failed")
            logger.error(
                "Latest-issue page %s leads to no edition: has the site changed?", response.url
            )
            return
        logger.info("Latest issue: %s", link)
        yield self._edition_page(link, 1)

    def _edition_page(self, url: str, page_no: int) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_list, errback=self.list_failed, cb_kwargs={"page_no": page_no}
        )

    def list_failed(self, failure: Failure) -> None:
        """A day of a range with no edition (404) is skipped; any other failure fails the run."""
        response = getattr(failure.value, "response", None)
        missing = failure.check(HttpError) and response is not None and response.status == 404
        if (
            missing
            and len(self.editions or ()) > 1
            and failed_request(failure).url in self.start_list_urls
        ):
            self.crawler.stats.inc_value("archive/editions_missing")
            logger.warning(
                "No edition at %s (HTTP 404): no paper that day", failed_request(failure).url
            )
            return
        super().list_failed(failure)

    def article_from(self, pages: list[ArticlePage]) -> Article:
        """The usual Article, with the paper page's name in its categories (``{page}``)."""
        article = super().article_from(pages)
        page_name = self.page_names.get(article.url, "")
        article.categories = epaper.page_categories(list(self.categories), page_name)
        return article


def edition_days(
    date_arg: str | None, since: date | None, until: date | None, today: date
) -> list[date] | None:
    """The days whose editions to archive, oldest first; None for the latest issue.

    ``date_arg`` is ``-a date`` (``YYYY-MM-DD`` or ``latest``); ``since``/``until`` the parsed
    range (``until`` defaults to ``today``). Raises ValueError with a message for the user.
    """
    if date_arg and date_arg != "latest":
        if since or until:
            raise ValueError("-a date cannot be combined with -a since/until/days")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_arg):
            raise ValueError(f"-a date must be a day like 2023-01-13, or latest, not {date_arg!r}")
        try:
            since = until = date.fromisoformat(date_arg)
        except ValueError:
            raise ValueError(f"-a date {date_arg!r} is not a day of the calendar") from None
    elif date_arg == "latest" and (since or until):
        raise ValueError("-a date=latest cannot be combined with -a since/until/days")
    if since is None and until is None:
        return None
    if since is None:
        raise ValueError("-a until needs -a since: the first day of the range")
    until = until or today
    if until > today:
        raise ValueError(f"{until} is after today ({today}): there is no edition yet")
    if since > until:
        raise ValueError(f"-a since ({since}) is after until ({until})")
    count = (until - since).days + 1
    if count > MAX_DAYS:
        raise ValueError(f"{since} to {until} is {count} days; walk at most {MAX_DAYS} days a run")
    return [since + timedelta(days=n) for n in range(count)]
