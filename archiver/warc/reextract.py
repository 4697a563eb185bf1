"""``archiver reextract``: rebuild every article from its stored responses with today's rules.

``plan`` reads the article files (the truth) and the capture index: which articles have a
stored first page, and which spider rebuilds each. ``reextract`` runs them through the
project's pipelines with the replay handler in place of the network: an unchanged article
keeps its bytes and mtime, a changed one is rewritten atomically with its old version kept
as ``<name>.vN.md`` (``WriteArticlePipeline``), and stored images are reused as they are.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from archiver import frontmatter
from archiver.archive import acquire_lock
from archiver.folder import iter_article_files
from archiver.frontmatter import FrontmatterError
from archiver.warc import iter_warc_files, warc_root
from archiver.warc.crawl import Sites, replay_settings, run
from archiver.warc.index import CaptureIndex, recover, unindexed
from archiver.warc.pipelines import DryRunWritePipeline
from archiver.warc.spiders import Target

logger = logging.getLogger(__name__)


@dataclass
class Plan:
    """The articles to rebuild, and those that cannot be (no stored page, no definition)."""

    targets: list[Target] = field(default_factory=list)
    without_pages: list[str] = field(default_factory=list)
    no_definition: Counter[str] = field(default_factory=Counter)
    unreadable: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """What a re-extraction did (or, dry, would do)."""

    plan: Plan
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: int = 0  # rebuilt articles today's rules cannot read, or with a page missing
    crawl_failed: str = ""


def prepare_index(archive_dir: Path) -> CaptureIndex:
    """The archive's capture index, after indexing (and mending) files a killed run left.

    Takes the archive's run lock for the while: a crawl that is running holds it, and its
    open WARC file must not be touched.
    """
    lock = acquire_lock(archive_dir)
    try:
        for warc in unindexed(warc_root(archive_dir)):
            recover(warc, repair=True)
        return CaptureIndex.of_files(iter_warc_files(warc_root(archive_dir)))
    finally:
        lock.close()


def plan(
    archive_dir: Path,
    sites: Sites,
    index: CaptureIndex,
    *,
    site: str | None = None,
    since: date | None = None,
) -> Plan:
    """Which articles of ``archive_dir`` (of ``site``, published ``since``) can be rebuilt."""
    result = Plan()
    for path in iter_article_files(archive_dir):
        rel = path.relative_to(archive_dir).as_posix()
        try:
            article = frontmatter.load(path.read_text(encoding="utf-8"), rel)
        except (OSError, UnicodeDecodeError, FrontmatterError):
            result.unreadable.append(rel)
            continue
        if (site and article.site != site) or not article.url:
            continue
        if since and (article.published is None or article.published.date() < since):
            continue
        best = index.best(article.url)
        if best is None or not 200 <= best.status < 400:
            result.without_pages.append(rel)
        elif article.site not in sites.choices and "." not in article.site:
            result.no_definition[article.site] += 1  # a YAML site: pass --definition FILE
        else:
            kept = replace(article, body="", text="")  # the metadata is what is kept from it
            result.targets.append(Target(article.url, article.site, kept))
    return result


def reextract(
    archive_dir: Path,
    *,
    site: str | None = None,
    since: date | None = None,
    dry_run: bool = False,
    definitions: Iterable[Path] = (),
    overrides: Mapping[str, Any] | None = None,
) -> Outcome:
    """Rebuild the planned articles; raises ArchiveLocked, SiteDefinitionError, UsageError."""
    settings = replay_settings(archive_dir, overrides or {}, dry_run=dry_run)
    sites = Sites.load(settings, definitions)
    the_plan = plan(archive_dir, sites, prepare_index(archive_dir), site=site, since=since)
    outcome = Outcome(the_plan)
    if not the_plan.targets:
        return outcome
    before = {t.url: _stamp(archive_dir / t.previous.path) for t in the_plan.targets if t.previous}
    crawler = run(settings, the_plan.targets, sites, reextract=True)
    stats = crawler.stats
    assert stats is not None
    outcome.crawl_failed = str(stats.get_value("archive/run_failed") or "")
    outcome.failed = sum(
        int(stats.get_value(key, 0) or 0)
        for key in (
            "archive/articles_unparsable",
            "reextract/articles_incomplete",
            "reextract/articles_not_stored",
            "archive/articles_out_of_window",
        )
    )
    if dry_run:
        pipeline = crawler.get_item_pipeline(DryRunWritePipeline)
        outcome.changed = [path for path, _ in pipeline.changes] if pipeline else []
    else:
        outcome.changed = [
            t.previous.path
            for t in the_plan.targets
            if t.previous and _stamp(archive_dir / t.previous.path) != before[t.url]
        ]
    outcome.unchanged = int(stats.get_value("archive/articles_unchanged", 0) or 0)
    return outcome


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino
