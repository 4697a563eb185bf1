"""Shared fixtures: the recorded sites behind a loopback replay proxy; crawls run as users do."""

from __future__ import annotations

from pathlib import Path

import pytest
from crawling import (  # noqa: F401  (tests import these from conftest)
    PROJECT,
    SITES,
    TEST_SETTINGS,
    CrawlResult,
    add_faults,
    copy_sites,
    faults,
    run_crawl,
)
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archiver import settings as project_settings
from archiver.replay import ReplayProxy


def project_crawler(settings: dict | None = None) -> Crawler:
    """A crawler with the project's settings (and these), its extensions built, not crawling.

    The Archive holds its lock and state until ``archive_of(crawler).engine_stopped()``.
    """
    project = {k: v for k, v in vars(project_settings).items() if k.isupper()}
    project.pop("TWISTED_REACTOR")  # the test run's reactor, whichever pytest installed
    return get_crawler(settings_dict={**project, **TEST_SETTINGS, **(settings or {})})


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A private copy of the recorded sites that a test may change."""
    return copy_sites(tmp_path / "sites")


@pytest.fixture
def proxy():
    """The replay proxy over the recorded sites, for one test."""
    with ReplayProxy(SITES) as running:
        yield running


# The faulty images of the ``ofweek_crawl`` copy: URL -> why each fails.
OFWEEK_CRAWL_FAULTS = faults(stall=False)


@pytest.fixture(scope="session")
def ofweek_crawl(tmp_path_factory) -> tuple[Path, CrawlResult, ReplayProxy]:
    """One crawl of the recorded OFweek copy, shared by the tests that only read its output.

    Its copy has the fault routes but the stall: the portal article's 404, dropped and
    not-an-image images fail (``OFWEEK_CRAWL_FAULTS``); a stalled image has its own test.
    """
    root = tmp_path_factory.mktemp("ofweek")
    sites = copy_sites(root / "sites")
    assert add_faults(sites, stall=False) == OFWEEK_CRAWL_FAULTS
    archive = root / "archive"
    with ReplayProxy(sites) as running:
        result = run_crawl(archive, running)
    if not any(archive.rglob("*.md")):
        pytest.fail(f"the crawl wrote no article:\n{result.stderr[-3000:]}")
    return archive, result, running


@pytest.fixture(scope="session")
def ofweek_archive(ofweek_crawl) -> Path:
    """The archive folder produced by crawling the recorded OFweek copy."""
    return ofweek_crawl[0]
