"""The project's own spiders, run over stored responses: re-extraction and import.

``ReplaySpider`` is the crawl's one spider. For each site among its targets it builds the
spider that archives that site (``ofweek``, ``jjrb``, a YAML definition through ``site``,
or the generic ``article``) as a helper, and sends each target article URL through the
helper's ``article_request``: page parsing, page 2..n, ``article_from`` and the pipelines
are the helper's own, exactly as in a crawl. Only the download differs (``replay``).

Re-extraction (``reextract=True``) rebuilds articles that exist: what came from walking the
site rather than from the article's pages is kept from the file (its categories, path and
body format, and for the generic spider a feed's date), and an article whose later page is
not stored, or that today's rules cannot read, is left as it is, never shortened.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from twisted.python.failure import Failure

from archiver.extract.page import ArticlePage
from archiver.items import Article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpiderChoice:
    """Which project spider archives a site, with the arguments that select the site."""

    spider: type[scrapy.Spider]
    arguments: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """One article to archive from stored pages: its URL, site and (re-extraction) its file."""

    url: str
    site: str
    previous: Article | None = None


class ReplayingMixin:
    """What a helper spider does differently when its pages come from a web archive."""

    replay: ReplaySpider | None = None

    def _target(self, url: str) -> Target | None:
        return self.replay.targets.get(url) if self.replay is not None else None

    def _rebuilding(self) -> bool:
        return self.replay is not None and self.replay.reextract

    def article_from(self, pages: list[ArticlePage]) -> Article:
        target = self._target(pages[0].url)
        previous = target.previous if target is not None else None
        feed_dates = getattr(self, "feed_dates", None)  # the article spider's feed dates
        if previous is not None and previous.published and isinstance(feed_dates, dict):
            feed_dates.setdefault(previous.url, previous.published)
        article: Article = super().article_from(pages)  # type: ignore[misc]
        if previous is not None:
            article.categories = list(previous.categories)
            article.path = previous.path
            article.site_format = previous.body_format
        return article

    def next_page_failed(self, failure: Failure) -> Iterator[Article]:
        if not self._rebuilding():
            yield from super().next_page_failed(failure)  # type: ignore[misc]
            return
        request = failure.request  # type: ignore[attr-defined]
        pages = request.cb_kwargs["pages"]
        self.crawler.stats.inc_value("reextract/articles_incomplete")  # type: ignore[attr-defined]
        logger.warning(
            "Not rebuilding %s: its page %s is not stored (%s); the file stays as it is",
            pages[0].url,
            request.url,
            failure.value,
        )

    def article_failed(self, failure: Failure) -> None:
        if not self._rebuilding():
            super().article_failed(failure)  # type: ignore[misc]
            return
        self.crawler.stats.inc_value("reextract/articles_not_stored")  # type: ignore[attr-defined]
        logger.warning(
            "Not rebuilding %s: %s",
            failure.request.url,  # type: ignore[attr-defined]
            failure.value,
        )


def helper_class(spider: type[scrapy.Spider]) -> type[scrapy.Spider]:
    """``spider`` with ``ReplayingMixin`` in front of it."""
    return type(f"Replaying{spider.__name__}", (ReplayingMixin, spider), {})


class ReplaySpider(scrapy.Spider):
    """Archives ``targets`` from stored responses, each through its site's own spider."""

    name = "replay"

    def __init__(
        self,
        *,
        targets: list[Target],
        choices: dict[str, SpiderChoice],
        reextract: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.name = "reextract" if reextract else "import"
        self.targets = {t.url: t for t in targets}
        self.choices = choices
        self.reextract = reextract
        self.helpers: dict[str, scrapy.Spider] = {}

    def helper(self, site: str) -> Any:
        """The spider that archives ``site``, built once, configured as its own start would."""
        if site not in self.helpers:
            choice = self.choices[site]
            helper: Any = helper_class(choice.spider).from_crawler(self.crawler, **choice.arguments)
            helper.replay = self
            helper.rules = helper.configure(helper.rules)
            self.helpers[site] = helper
        return self.helpers[site]

    async def start(self) -> AsyncIterator[Any]:
        for target in self.targets.values():
            helper = self.helper(target.site)
            if self.reextract or helper.wants(target.url):
                yield helper.article_request(target.url)

    def warc_site(self, request: scrapy.Request) -> str:
        """The WARC folder of a replayed request (import): its helper's site, or its article's."""
        owner = getattr(request.callback, "__self__", None)
        rules = getattr(owner, "rules", None)
        if rules is not None and owner is not self:
            return str(rules.site)
        target = self.targets.get(request.meta.get("article", ""))
        return target.site if target is not None else self.name
