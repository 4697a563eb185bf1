"""What every spider does with an article URL: fetch it, follow page 2..n, yield one item.

``ArchiveSpider`` holds that shared part and nothing site-specific: how list pages, editions
or feeds are walked is each spider's own (``site``, ``jjrb``, ``article``). What a page
means comes from ``archiver.extract`` through ``page_parser``, a plain function that runs
in a worker process when ``ARCHIVE_WORKER_PROCESSES`` is set, whichever spider uses it.
The archive-wide decisions (skip what is archived, where files go) are the crawl's
``Archive``'s, found with ``self.archive``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archiver.archive import Archive, archive_of
from archiver.extract.dates import parse_tz
from archiver.extract.merge import merge_pages
from archiver.extract.page import ArticlePage, parse_article_bytes
from archiver.extract.rules import SiteRules
from archiver.folder import try_read_article
from archiver.items import Article
from archiver.outcomes import ARTICLE_META, failure_reason, one_line

logger = logging.getLogger(__name__)

MAX_ARTICLE_PAGES = 30  # a multi-page article longer than this is a pager loop
# (body bytes, Content-Type header, URL, rules) -> the page, or None: a module-level,
# picklable function, which decodes the bytes itself (archiver.extract.tree.decode_html).
PageParser = Callable[[bytes, str, str, SiteRules], ArticlePage | None]


def failed_request(failure: Failure) -> scrapy.Request:
    """The request Scrapy attaches to the failure an errback receives."""
    return failure.request  # type: ignore[attr-defined,no-any-return]


def http_status(failure: Failure) -> int | None:
    """The status of an HTTP error answer; None for other failures (DNS, timeout, robots)."""
    response = getattr(failure.value, "response", None)
    return response.status if failure.check(HttpError) and response is not None else None


class ArchiveSpider(scrapy.Spider):
    """Base of the project's spiders: article pages in, one ``Article`` per article out.

    A subclass sets ``rules`` (its site definition, or generic rules), ``since``/``until``
    (the publication window), ``categories`` and ``update_days`` in ``__init__``, walks its
    own list pages, and sends article URLs through ``article_request``. It may refine
    ``page_parser`` (what its article pages mean) and ``article_from`` (the item built
    from an article's pages).
    """

    rules: SiteRules
    since: date | None = None
    until: date | None = None
    categories: tuple[str, ...] = ()
    update_days: int = 0

    @classmethod
    def parse_arguments(cls, given: Mapping[str, Any]) -> Any:
        """The spider's arguments, checked; UsageError (one line for the user) when wrong."""
        raise NotImplementedError

    @classmethod
    def page_parser(cls) -> PageParser:
        """The function that reads one article page (generic: site layouts, then extraction)."""
        return parse_article_bytes

    @cached_property
    def archive(self) -> Archive:
        """The crawl's archive (available once the crawl runs, not in ``__init__``)."""
        return archive_of(self.crawler)

    def configure(self, rules: SiteRules) -> SiteRules:
        """``rules`` completed with the archive's defaults for what the definition leaves open."""
        options = self.archive.options
        self.update_days = self.update_days or options.update_days
        self.categories = self.categories or options.categories
        return replace(rules, timezone=rules.timezone or options.timezone)

    # --- Article pages -------------------------------------------------------------------

    def wants(self, url: str, listed: datetime | None = None) -> bool:
        """True for an article to fetch: in the window, not archived, not recently gone."""
        if listed is not None and not self.in_window(listed):
            self.crawler.stats.inc_value("archive/articles_out_of_window")
            return False
        return self.archive.should_fetch(url, listed, self.update_days)

    def rules_for(self, url: str) -> SiteRules:
        """The rules that read the article at ``url``: the spider's one site, unless it has many."""
        return self.rules

    def revisit_requests(self, sites: set[str]) -> Iterator[scrapy.Request]:
        """One request per archived article of these sites whose images are pending.

        A ``data:`` request that re-reads the file, not the item itself: Scrapy does not wake
        its engine when an item yielded by ``start()`` leaves the pipelines, so a re-run would
        idle up to 5 s at its end.
        """
        for article in self.archive.pending_articles(sites):
            yield scrapy.Request(
                "data:,",
                callback=self.revisit,
                cb_kwargs={"path": article.path},
                dont_filter=True,
            )

    def revisit(self, response: Response, path: str) -> Iterator[Article]:
        """The article of ``path``, read again, for its pending images."""
        article, why = try_read_article(self.archive.folder, path)
        if article is None:
            logger.warning("Cannot revisit %s: %s", path, why)
            return
        yield article

    def article_request(self, url: str) -> scrapy.Request:
        """The request of an article's first page, marked so every end of it is counted."""
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            meta={ARTICLE_META: url},
        )

    async def parse_article(
        self, response: Response, pages: list[ArticlePage] | None = None
    ) -> AsyncIterator[Any]:
        """Parse one page of an article; follow its next page, or yield the merged Article."""
        if not pages and response.meta.get("redirect_urls"):
            self.archive.note_redirects(response.url, response.meta["redirect_urls"])
        page = None
        if isinstance(response, TextResponse):  # not an image, a PDF or other binary answer
            rules = self.rules_for(pages[0].url if pages else response.url)
            content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
            page = await self.archive.run(
                self.page_parser(), response.body, content_type, response.url, rules
            )
        pages = list(pages or [])
        if page is None:
            if pages:  # a later page unreadable: keep what we have
                for article in self.finish(pages):
                    yield article
                return
            for item in self.no_article(response):
                yield item
            return
        for name in page.failed_passes:  # logged by the pass; the next one decided
            self.crawler.stats.inc_value(f"archive/extraction_failed_passes/{name}")
        pages.append(page)
        seen = {p.url for p in pages}
        if page.next_page and page.next_page not in seen and len(pages) < MAX_ARTICLE_PAGES:
            yield response.follow(
                page.next_page,
                callback=self.parse_article,
                errback=self.next_page_failed,
                cb_kwargs={"pages": pages},
                meta={ARTICLE_META: response.meta.get(ARTICLE_META, pages[0].url)},
                dont_filter=True,
            )
            return
        for article in self.finish(pages):
            yield article

    def no_article(self, response: Response) -> Iterator[Any]:
        """An article URL whose page holds no article: a failed article (a subclass may
        archive something else instead)."""
        self.archive.outcomes.failed(
            response.url,
            "unparsable",
            "no article found: neither site selectors nor generic extraction matched",
        )
        return iter(())

    def next_page_failed(self, failure: Failure) -> Iterator[Article]:
        pages = failed_request(failure).cb_kwargs["pages"]
        self.crawler.stats.inc_value("archive/article_pages_failed")
        logger.warning(
            "Page %s of %s failed (%s); archiving the %d page(s) read",
            failed_request(failure).url,
            pages[0].url,
            failure.value,
            len(pages),
        )
        yield from self.finish(pages)

    def article_failed(self, failure: Failure) -> None:
        """Count a failed article: gone (404/410, the site removed it) or failed, with a reason
        (``http_503``, ``timeout``, ``too_large``, ``redirect_loop``, ``private_address``...)."""
        request = failed_request(failure)
        url = request.meta.get(ARTICLE_META, request.url)
        status = http_status(failure)
        if status in (404, 410):
            self.crawler.stats.inc_value("archive/articles_gone")
            self.archive.mark_gone(url, status)
            logger.warning(
                "Article %s is gone (HTTP %d); asking again in %g days",
                url,
                status,
                self.archive.options.gone_recheck_days,
            )
            return
        self.archive.outcomes.failed(url, failure_reason(failure.value), one_line(failure.value))

    def list_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("archive/list_pages_failed")
        logger.error(
            "List page %s could not be fetched: %s", failed_request(failure).url, failure.value
        )

    def finish(self, pages: list[ArticlePage]) -> Iterator[Article]:
        """The Article of an article's pages, unless it falls outside the window."""
        article = self.article_from(pages)
        if article.published and not self.in_window(article.published):
            self.archive.outcomes.skipped(article.url, "out_of_window")
            return
        self.count_extraction(article, pages[0])
        yield article

    def count_extraction(self, article: Article, first: ArticlePage) -> None:
        """Per site definition: articles its layouts read, and those left to generic extraction
        with the fields whose selectors missed (RunReport tells cron when the layout changed)."""
        rules = self.rules_for(article.url)
        if not rules.layouts:  # generic rules: extraction is all there is
            return
        stats = self.crawler.stats
        stats.inc_value(f"archive/layout_articles/{rules.site}")
        if article.extraction != "fallback":
            return
        stats.inc_value("archive/extraction_fallback")
        stats.inc_value(f"archive/extraction_fallback/{rules.site}")
        for name in first.missed:
            stats.inc_value(f"archive/selectors_missed/{rules.site}/{name}")
        logger.info(
            "No %s layout matched %s (selectors missed: %s): used generic extraction",
            rules.site,
            article.url,
            ", ".join(first.missed) or "none",
        )

    def article_from(self, pages: list[ArticlePage]) -> Article:
        """One Article from an article's parsed pages (the first page is its identity)."""
        first = pages[0]
        rules = self.rules_for(first.url)
        merged = merge_pages(pages)  # a lead repeated on page 2 is dropped
        images = list(dict.fromkeys(u for u in (merged.head_image, *merged.images.urls) if u))
        return Article(
            url=first.url,
            site=rules.site,
            title=first.title,
            published=first.published,
            body=merged.body,
            text=merged.text,
            site_format=rules.body_format,
            author=first.author or first.source or rules.name,
            source=first.source,
            editor=first.editor,
            tags=list(first.tags),
            categories=list(self.categories),
            headimg=merged.head_image,  # '' when no image is the article's own (promotions)
            image_urls=images,
            no_referrer_images=sorted(merged.images.no_referrer),
            pages=len(pages),
            extraction="fallback" if first.layout == "fallback" else "selectors",
        )

    def in_window(self, moment: datetime) -> bool:
        """True when ``moment``'s day, in the site's zone, is inside ``since``..``until``."""
        day = moment.astimezone(parse_tz(self.rules.timezone)).date()
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )
