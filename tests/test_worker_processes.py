"""Parsing and rendering in worker processes (ARCHIVE_WORKER_PROCESSES) give the same archive."""

from __future__ import annotations

import re

from conftest import OFWEEK_CRAWL_FAULTS, run_crawl
from crawling import add_faults

from archiver.folder import iter_article_files
from archiver.replay import ReplayProxy

ARCHIVED_LINE = re.compile(r"^archived: .*$", re.M)


def contents(archive) -> dict[str, str]:
    """Article files by path, without the archiving time (the one line that differs by design)."""
    return {
        p.relative_to(archive).as_posix(): ARCHIVED_LINE.sub("", p.read_text(encoding="utf-8"))
        for p in iter_article_files(archive)
    }


def test_a_crawl_with_worker_processes_writes_the_same_files(tmp_path, site_copy, ofweek_archive):
    assert add_faults(site_copy, stall=False) == OFWEEK_CRAWL_FAULTS  # as ofweek_archive's copy
    with ReplayProxy(site_copy) as proxy:
        result = run_crawl(tmp_path / "archive", proxy, settings={"ARCHIVE_WORKER_PROCESSES": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert contents(tmp_path / "archive") == contents(ofweek_archive)
    images = sorted(
        p.relative_to(tmp_path / "archive").as_posix()
        for p in (tmp_path / "archive").rglob("*.*")
        if p.suffix in (".jpg", ".png", ".gif")
    )
    assert images and images == sorted(
        p.relative_to(ofweek_archive).as_posix()
        for p in ofweek_archive.rglob("*.*")
        if p.suffix in (".jpg", ".png", ".gif")
    )
