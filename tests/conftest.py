"""Shared fixtures: the recorded sites behind a loopback replay proxy; crawls run as users do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archiver import settings as project_settings
from archiver.replay import ReplayProxy

PROJECT = Path(__file__).resolve().parents[1]
SITES = PROJECT / "tests" / "sites"
# Fast, deterministic crawls of the local copy: no politeness delays, short timeouts.
TEST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "1",
    "ARCHIVE_READER_AUTOBUILD": "False",
}


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> str:
        """The one-line summary the crawl prints at the end."""
        lines = [
            line
            for line in self.stderr.splitlines()
            if line.startswith(("ofweek:", "site:", "jjrb:", "article:"))
        ]
        return lines[-1] if lines else ""


def run_crawl(
    archive: Path,
    proxy: ReplayProxy,
    *args: str,
    spider: str = "ofweek",
    settings: dict | None = None,
    timeout: float = 180,
    log_level: str = "INFO",
) -> CrawlResult:
    """``scrapy crawl <spider>`` in a subprocess from the project root, through the replay proxy."""
    opts = {**TEST_SETTINGS, "ARCHIVE_DIR": str(archive), **(settings or {})}
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-L", log_level]
    for key, value in opts.items():
        cmd += ["-s", f"{key}={value}"]
    cmd += list(args)
    env = proxy.env()
    env.pop("ARCHIVE_PROGRESS", None)
    proc = subprocess.run(
        cmd, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout
    )
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr)


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
    copy = tmp_path / "sites"
    shutil.copytree(SITES, copy)
    return copy


@pytest.fixture
def proxy():
    """The replay proxy over the recorded sites, for one test."""
    with ReplayProxy(SITES) as running:
        yield running


@pytest.fixture(scope="session")
def ofweek_crawl(tmp_path_factory) -> tuple[Path, CrawlResult, ReplayProxy]:
    """One crawl of the recorded OFweek copy, shared by the tests that only read its output."""
    archive = tmp_path_factory.mktemp("ofweek") / "archive"
    with ReplayProxy(SITES) as running:
        result = run_crawl(archive, running)
    if not any(archive.rglob("*.md")):
        pytest.fail(f"the crawl wrote no article:\n{result.stderr[-3000:]}")
    return archive, result, running


@pytest.fixture(scope="session")
def ofweek_archive(ofweek_crawl) -> Path:
    """The archive folder produced by crawling the recorded OFweek copy."""
    return ofweek_crawl[0]
