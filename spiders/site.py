"""The generic spider for any site defined in YAML: ``scrapy crawl site -a name=<file or name>``.

It only routes: list pages -> article pages (page 2..n merged) -> one ``Article``. What the
pages mean lives in ``archiver.extract`` and the site's definition.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archiver.archive import article_from_file
from archiver.extract.dates import parse_tz
from archiver.extract.markdown import html_to_markdown
from archiver.extract.page import (
    ArticlePage,
    parse_article_bytes,
    parse_article_page,
    parse_list_page,
)
from archiver.extract.rules import SiteRules, load_site
from archiver.items import Article
from archiver.pipelines.workers import run, worker_pool
from archiver.state import state_for

logger = logging.getLogger(__name__)

DEFAULT_LIST_PAGES = 5
MAX_ARTICLE_PAGES = 30  # a multi-page article longer than this is a pager loop


class SiteSpider(scrapy.Spider):
    """Crawl the list pages of a site definition and archive every article they link.

    Arguments (``-a``): ``name``: site definition (bundled name or YAML path); ``start``: list
    URLs, comma-separated (default: the definition's); ``pages``: list pages to walk per start
    URL (default 5); ``since``/``until``: date window ``YYYY-MM-DD``, inclusive, or ``days=N``
    for the last N days; ``categories``: comma-separated frontmatter categories.
    """

    name = "site"
    site_definition: str | None = None  # subclasses for bundled sites set this

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        definition = self.site_definition or kwargs.pop("name", None)
        if not definition:
            raise ValueError(
                "name the site definition: scrapy crawl site -a name=<name or file.yaml>"
            )
        start = kwargs.pop("start", None)  # as an attribute it would hide Scrapy's start() method
        super().__init__(*args, **kwargs)
        self.rules: SiteRules = load_site(definition)
        self.allowed_domains = list(self.rules.allowed_domains)
        self.start_list_urls = _csv(start) or list(self.rules.start_urls)
        if not self.start_list_urls:
            raise ValueError(f"{definition}: no start_urls; pass -a start=<list URL>")
        self.max_list_pages = _positive_int(kwargs.get("pages", DEFAULT_LIST_PAGES), "pages")
        self.since, self.until = _date_window(
            kwargs.get("since"), kwargs.get("until"), kwargs.get("days")
        )
        self.categories = _csv(kwargs.get("categories")) or list(self.rules.categories)
        self.full_walk = _flag(kwargs.get("full"))
        self.update_days = int(kwargs["update_days"]) if kwargs.get("update_days") else None

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.archive_dir = Path(settings.get("ARCHIVE_DIR"))
        spider.state = state_for(crawler)
        spider.full_walk = spider.full_walk or settings.getbool("ARCHIVE_FULL_WALK")
        spider.gone_recheck_days = settings.getfloat("ARCHIVE_GONE_RECHECK_DAYS")
        if spider.update_days is None:
            spider.update_days = settings.getint("ARCHIVE_UPDATE_DAYS") or None
        spider.body_format = settings.get("ARCHIVE_BODY_FORMAT") or spider.rules.body_format
        if spider.body_format not in ("html", "text", "markdown"):
            raise ValueError(
                f"ARCHIVE_BODY_FORMAT must be html, text or markdown, not {spider.body_format!r}"
            )
        spider.workers = worker_pool(crawler)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        """First this site's articles with pending images (rebuilt from their files), then the lists."""
        for item in self.pending_articles({self.rules.site}):
            yield item
        self.begin_walks()
        for url in self.start_list_urls:
            yield scrapy.Request(
                url, callback=self.parse_list, errback=self.list_failed, cb_kwargs={"page_no": 1}
            )

    def pending_articles(self, sites: set[str]) -> Iterator[Article]:
        """Archived articles of these site keys whose images are still pending, rebuilt from their files."""
        for record in self.state.with_pending_assets():
            item = article_from_file(self.archive_dir, record.path, record.url)
            if item is not None and item.site in sites:
                self.crawler.stats.inc_value("archive/articles_revisited")
                logger.info(
                    "Revisiting %s for %d pending image(s)", record.url, len(item.failed_images)
                )
                yield item

    def begin_walks(self) -> None:
        """Walk every list page this time if the last walk from a start URL stopped before its end.

        Paging stops at a list page of archived articles only when the walk before reached its
        end; after a killed run, a Ctrl-C or a failed list page the next run picks up where it
        stopped instead of stopping at page 1.
        """
        interrupted = [url for url in self.start_list_urls if self.state.walk_interrupted(url)]
        if interrupted and not self.full_walk:
            self.full_walk = True
            self.crawler.stats.inc_value("archive/walks_resumed", len(interrupted))
            logger.info(
                "The last walk from %s stopped before its end: walking every list page",
                ", ".join(interrupted),
            )
        for url in self.start_list_urls:
            self.state.start_walk(url)

    def closed(self, reason: str) -> None:
        """Mark the walks finished when the crawl ended by itself and no list page failed."""
        if reason == "finished" and not self.crawler.stats.get_value("archive/list_pages_failed"):
            for url in self.start_list_urls:
                self.state.finish_walk(url)

    def list_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("archive/list_pages_failed")
        logger.error("List page %s could not be fetched: %s", failure.request.url, failure.value)

    def parse_list(self, response: Response, page_no: int) -> Iterator[scrapy.Request]:
        """Queue the articles of a list page, then the next list page while in range."""
        listing = parse_list_page(response.text, response.url, self.rules)
        self.crawler.stats.inc_value("archive/list_pages")
        if not listing.articles:
            logger.warning("List page %s links no article: has the layout changed?", response.url)
        fresh = 0
        for url, listed in listing.articles:
            if listed and not self._in_window(listed):
                self.crawler.stats.inc_value("archive/articles_out_of_window")
                continue
            if not self.should_fetch(url, listed):
                continue
            fresh += 1
            yield scrapy.Request(url, callback=self.parse_article, errback=self.article_failed)
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
            yield scrapy.Request(
                listing.next_page,
                callback=self.parse_list,
                errback=self.list_failed,
                cb_kwargs={"page_no": page_no + 1},
            )

    def should_fetch(self, url: str, listed: datetime | None = None) -> bool:
        """False (and counted) for an article already archived, or gone when last asked."""
        if self._archived(url, listed):
            self.crawler.stats.inc_value("archive/articles_skipped")
            return False
        if self._recently_gone(url):
            self.crawler.stats.inc_value("archive/articles_gone_skipped")
            return False
        return True

    def _archived(self, url: str, listed: datetime | None) -> bool:
        """True when the article's file is on disk and no update check asks for a re-fetch."""
        record = self.state.get(url)
        if record is None or not (self.archive_dir / record.path).is_file():
            return False
        published = listed or (
            datetime.fromtimestamp(record.published, timezone.utc) if record.published else None
        )
        if (
            self.update_days
            and published
            and published > datetime.now(timezone.utc) - timedelta(days=self.update_days)
        ):
            return False
        return True

    def _recently_gone(self, url: str) -> bool:
        checked = self.state.gone_checked(url)
        return checked is not None and time.time() - checked < self.gone_recheck_days * 86400

    async def parse_article(
        self, response: Response, pages: list[ArticlePage] | None = None
    ) -> AsyncIterator[Any]:
        """Parse one page of an article; follow its next page, or emit the merged Article."""
        page = await self._read_page(response)
        pages = list(pages or [])
        if page is None:
            if pages:  # a later page unreadable: keep what we have
                for article in self._finish(pages):
                    yield article
                return
            self.crawler.stats.inc_value("archive/articles_unparsable")
            logger.warning(
                "No article found on %s: neither site selectors nor generic extraction matched",
                response.url,
            )
            return
        pages.append(page)
        seen = {p.url for p in pages}
        if page.next_page and page.next_page not in seen and len(pages) < MAX_ARTICLE_PAGES:
            yield response.follow(
                page.next_page,
                callback=self.parse_article,
                errback=self.next_page_failed,
                cb_kwargs={"pages": pages},
                dont_filter=True,
            )
            return
        for article in self._finish(pages):
            yield article

    async def _read_page(self, response: Response) -> ArticlePage | None:
        """``read_article_page``, in a worker process when ARCHIVE_WORKER_PROCESSES is set and no
        subclass refines it (a refined one runs here, on the reactor thread)."""
        if self.workers is None or type(self).read_article_page is not SiteSpider.read_article_page:
            return self.read_article_page(response)
        body, encoding = response.body, response.encoding
        return await run(
            self.workers, parse_article_bytes, body, encoding, response.url, self.rules
        )

    def read_article_page(self, response: Response) -> ArticlePage | None:
        """What one fetched article page means; a site spider may refine it (the e-paper cleans its text)."""
        return parse_article_page(response.text, response.url, self.rules)

    def categories_for(self, first: ArticlePage) -> list[str]:
        """Frontmatter categories of an article; a site spider may add its own (a paper's page name)."""
        return self.categories

    def next_page_failed(self, failure: Failure) -> Iterator[Article]:
        pages = failure.request.cb_kwargs["pages"]
        self.crawler.stats.inc_value("archive/article_pages_failed")
        logger.warning(
            "Page %s of %s failed (%s); archiving the %d page(s) read",
            failure.request.url,
            pages[0].url,
            failure.value,
            len(pages),
        )
        yield from self._finish(pages)

    def article_failed(self, failure: Failure) -> None:
        """Count a failed article: gone (404/410, the site removed it) or failed (anything else)."""
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None and response.status in (404, 410):
            self.crawler.stats.inc_value("archive/articles_gone")
            self.state.mark_gone(failure.request.url, response.status)
            logger.warning(
                "Article %s is gone (HTTP %d); asking again in %d days",
                failure.request.url,
                response.status,
                self.gone_recheck_days,
            )
            return
        self.crawler.stats.inc_value("archive/articles_failed")
        logger.warning("Article %s failed: %s", failure.request.url, failure.value)

    def _finish(self, pages: list[ArticlePage]) -> Iterator[Article]:
        first = pages[0]
        if first.published and not self._in_window(first.published):
            self.crawler.stats.inc_value("archive/articles_out_of_window")
            return
        if first.layout == "fallback":
            self.crawler.stats.inc_value("archive/extraction_fallback")
            logger.info(
                "No %s layout matched %s: used generic extraction", self.rules.site, first.url
            )
        images = [u for p in pages for u in p.images.urls]
        yield Article(
            url=first.url,
            site=self.rules.site,
            title=first.title,
            published=first.published,
            body=_merged_body(pages, self.body_format),
            author=first.author or first.source or self.rules.name,
            source=first.source,
            site_name=self.rules.name,
            tags=first.tags,
            categories=self.categories_for(first),
            headimg=images[0] if images else "",
            image_urls=list(dict.fromkeys(images)),
            no_referrer_images=sorted({u for p in pages for u in p.images.no_referrer}),
            body_format=self.body_format,
            pages=len(pages),
            extraction="fallback" if first.layout == "fallback" else "selectors",
        )

    def _in_window(self, moment: datetime) -> bool:
        day = moment.astimezone(parse_tz(self.rules.timezone)).date()
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def _merged_body(pages: list[ArticlePage], body_format: str) -> str:
    """The body of an article's pages in the spider's format: HTML, plain text or Markdown."""
    if body_format == "text":
        return "\n\n".join(p.text for p in pages)
    html = "\n".join(p.body for p in pages)
    return html_to_markdown(html) if body_format == "markdown" else html


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _flag(value: Any) -> bool:
    return str(value or "").lower() in ("1", "true", "yes", "on")


def _positive_int(value: Any, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ValueError(f"-a {name} must be a whole number of at least 1, not {value!r}")
    return number


def _date_window(
    since: str | None, until: str | None, days: str | None
) -> tuple[date | None, date | None]:
    """Parse ``since``/``until`` (``YYYY-MM-DD``) or ``days`` into an inclusive window."""
    try:
        start = date.fromisoformat(since) if since else None
        end = date.fromisoformat(until) if until else None
    except ValueError:
        raise ValueError(
            f"-a since/until must be dates like 2024-03-01, not {since!r}/{until!r}"
        ) from None
    if days:
        start = date.today() - timedelta(days=_positive_int(days, "days") - 1)
    if start and end and start > end:
        raise ValueError(f"-a since ({start}) is after until ({end})")
    return start, end
