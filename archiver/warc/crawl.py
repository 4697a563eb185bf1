"""Run ``ReplaySpider`` in this process: the project's settings, the network swapped for WARC.

``Sites`` knows which spider archives which site key (the bundled spiders, the bundled and
given YAML definitions, the generic ``article`` spider for host keys). ``replay_settings``
turns the project's settings into a crawl that can only read stored responses; ``run``
runs it and hands back the crawler (its stats, its pipelines) once it is done.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from archiver.extract.rules import SITES_DIR, SiteRules, load_site
from archiver.warc.replay import INDEXES_SETTING
from archiver.warc.spiders import ReplaySpider, SpiderChoice, Target

logger = logging.getLogger(__name__)

REPLAY_HANDLER = "archiver.warc.replay.WarcReplayHandler"
GENERIC_SPIDER, DEFINITION_SPIDER = "article", "site"


@dataclass
class Sites:
    """The site definitions known to this run and the spider of each site key."""

    choices: dict[str, SpiderChoice] = field(default_factory=dict)
    rules: dict[str, SiteRules] = field(default_factory=dict)
    generic: type | None = None

    @classmethod
    def load(cls, settings: Settings, definitions: Iterable[Path] = ()) -> Sites:
        """Bundled spiders and definitions first; a given definition wins for its site key.

        Raises ``SiteDefinitionError`` for a definition that does not load.
        """
        loader = SpiderLoader.from_settings(settings)
        sites = cls(generic=loader.load(GENERIC_SPIDER))
        for name in loader.list():
            spider = loader.load(name)
            definition = getattr(spider, "site_definition", None)
            if definition:
                sites._add(load_site(definition), SpiderChoice(spider))
        by_definition = loader.load(DEFINITION_SPIDER)
        for path in sorted(SITES_DIR.glob("*.yaml")):
            rules = load_site(path)
            if rules.site not in sites.choices:
                sites._add(rules, SpiderChoice(by_definition, {"name": str(path)}))
        for path in definitions:
            sites._add(load_site(path), SpiderChoice(by_definition, {"name": str(path)}))
        return sites

    def _add(self, rules: SiteRules, choice: SpiderChoice) -> None:
        self.choices[rules.site] = choice
        self.rules[rules.site] = rules

    def article_site(self, url: str) -> str | None:
        """The site key whose definition calls ``url`` an article, or None."""
        return next((k for k, r in self.rules.items() if r.is_article_url(url)), None)

    def claims_host(self, url: str) -> str | None:
        """The site key whose allowed domains hold ``url``'s host (a known site), or None."""
        host = (urlsplit(url).hostname or "").lower()
        for key, rules in self.rules.items():
            if any(host == d or host.endswith("." + d) for d in rules.allowed_domains):
                return key
        return None

    def with_generic(self, targets: list[Target]) -> dict[str, SpiderChoice]:
        """The choices for these targets: known sites, the generic spider for the others."""
        choices = {t.site: self.choices[t.site] for t in targets if t.site in self.choices}
        generic = sorted({t.url for t in targets if t.site not in self.choices})
        if generic and self.generic is not None:
            urls = {"url": ",".join(generic)}
            for target in targets:
                if target.site not in self.choices:
                    choices[target.site] = SpiderChoice(self.generic, urls)
        return choices


def replay_settings(
    archive_dir: Path,
    overrides: Mapping[str, Any],
    *,
    indexes: Iterable[Path] = (),
    capture: bool = False,
    dry_run: bool = False,
) -> Settings:
    """The project's settings for a crawl that reads stored responses and never the network.

    Politeness is pointless without a server; one worker process per core parses and
    renders (``ARCHIVE_WORKER_PROCESSES`` unless given: with no downloads to wait for, the
    workers, not the reactor, are what limits a replay); ``capture`` keeps the replayed responses in
    the archive's own WARC files (import), and ``dry_run`` writes nothing.
    """
    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    handlers = {"http": REPLAY_HANDLER, "https": REPLAY_HANDLER, "ftp": None, "s3": None}
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    if dry_run:
        pipelines.pop("archiver.pipelines.assets.ArticleAssetsPipeline", None)
        pipelines.pop("archiver.pipelines.write.WriteArticlePipeline", None)
        pipelines["archiver.warc.pipelines.DryRunAssetsPipeline"] = 300
        pipelines["archiver.warc.pipelines.DryRunWritePipeline"] = 800
    settings.setdict(
        {
            "ARCHIVE_DIR": str(archive_dir),
            "DOWNLOAD_HANDLERS": handlers,
            "ITEM_PIPELINES": pipelines,
            "ROBOTSTXT_OBEY": False,
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0,
            "RETRY_ENABLED": False,
            "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
            "ARCHIVE_WORKER_PROCESSES": os.cpu_count() or 1,
            "ARCHIVE_WARC": settings.get("ARCHIVE_WARC") if capture else "off",
            "ARCHIVE_PROGRESS": False,
            INDEXES_SETTING: [str(p) for p in indexes],
        },
        priority="cmdline",
    )
    if dry_run:
        settings.set("ARCHIVE_READER_AUTOBUILD", False, priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def run(settings: Settings, targets: list[Target], sites: Sites, *, reextract: bool) -> Crawler:
    """Crawl ``targets`` with ``ReplaySpider``; the finished crawler."""
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ReplaySpider)
    process.crawl(
        crawler, targets=targets, choices=sites.with_generic(targets), reextract=reextract
    )
    process.start()
    return crawler
