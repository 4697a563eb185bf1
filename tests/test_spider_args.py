"""Spider arguments a user picks the crawl with: other lists, how many pages, a date window."""

from __future__ import annotations

import pytest
from conftest import run_crawl
from crawling import start_error

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy

EE_LIST = "https://ee.ofweek.com/CATList-2800-8100-ee-1.html"


def archived_urls(archive) -> set[str]:
    return {split(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(archive)}


def test_a_channel_list_and_a_page_limit(tmp_path, proxy):
    result = run_crawl(tmp_path / "a", proxy, "-a", f"start={EE_LIST}", "-a", "pages=1")
    assert result.returncode == 0, result.stderr[-2000:]
    assert archived_urls(tmp_path / "a") == {
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html",
        "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html",
    }
    assert "CATList-2800-8100-ee-2.html" not in " ".join(proxy.urls())
    assert "www.ofweek.com/CATList" not in " ".join(proxy.urls())


def test_a_date_window_keeps_newer_articles_and_stops_paging_past_it(tmp_path, proxy):
    result = run_crawl(tmp_path / "a", proxy, "-a", "since=2023-06-01", "-a", "until=2024-02-28")
    assert result.returncode == 0, result.stderr[-2000:]
    assert archived_urls(tmp_path / "a") == {
        "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html",
        "https://robot.ofweek.com/2023-11/ART-8321203-8110-30616624.html",
        "https://medical.ofweek.com/2023-09/ART-11120-8440-30608765.html",
    }
    fetched = " ".join(proxy.urls())
    assert "30628123" not in fetched  # after the window: not even requested
    assert "CHANGYIEXINWE-3.html" not in fetched  # page 2 is all older than the window


BAD_ARGUMENTS = [
    (("-a", "pages=0"), "-a pages must be a whole number of at least 1"),
    (("-a", "since=2024-13-01"), "-a since must be a date like 2024-03-01"),
    (("-a", "since=2024-03-01", "-a", "until=2024-01-01"), "is after until"),
    (("-a", "pagez=1"), "unknown argument -a pagez; it takes start, pages, since"),
    (("-s", "ARCHIVE_BODY_FORMAT=pdf"), "ARCHIVE_BODY_FORMAT must be one of html, text"),
    (("-s", "ARCHIVE_WORKER_PROCESSES=-1"), "ARCHIVE_WORKER_PROCESSES must be at least 0"),
    (("-s", "DOWNLOAD_MAXSIZE=32MB"), "DOWNLOAD_MAXSIZE must be a whole number, not '32MB'"),
    (("-s", "DOWNLOAD_TIMEOUT=soon"), "DOWNLOAD_TIMEOUT must be a number, not 'soon'"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ARGUMENTS)
def test_bad_arguments_are_named_before_any_request(tmp_path, args, message):
    line = start_error(tmp_path / "a", *args)
    assert line.startswith("scrapy crawl: ") and message in line


@pytest.mark.parametrize(("args", "message"), [BAD_ARGUMENTS[0], BAD_ARGUMENTS[-1]])
def test_bad_arguments_fail_with_one_line_before_any_request(tmp_path, proxy, args, message):
    """The command itself, for an -a and an -s mistake: one line, exit 2, no request."""
    result = run_crawl(tmp_path / "a", proxy, *args, log_level="WARNING")  # as cron runs it
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("scrapy crawl: ") and message in line
    assert proxy.urls() == []


def test_a_crawl_with_the_progress_line_on_shows_it_and_finishes(tmp_path, proxy):
    result = run_crawl(tmp_path / "a", proxy, "-a", "pages=1", settings={"ARCHIVE_PROGRESS": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "\x1b[Klists " in result.stderr and "queued " in result.stderr  # \r read as \n
    assert "Traceback" not in result.stderr


def test_a_crawl_with_a_jobdir_archives_and_keeps_its_job_state(tmp_path, proxy):
    result = run_crawl(
        tmp_path / "a", proxy, "-a", "pages=1", settings={"JOBDIR": str(tmp_path / "job")}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert len(archived_urls(tmp_path / "a")) >= 2
    assert (tmp_path / "job" / "spider.state").is_file()  # Scrapy's SpiderState owns spider.state


def test_a_healthy_cron_run_prints_only_its_summary(tmp_path, site_copy):
    with ReplayProxy(site_copy) as proxy:
        # The real command, as cron starts it: a fresh interpreter, not a forked crawl.
        first = run_crawl(tmp_path / "a", proxy, "-a", "pages=1", log_level="WARNING", plain=True)
        second = run_crawl(tmp_path / "a", proxy, "-a", "pages=1", log_level="WARNING", plain=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:]
    assert second.stderr.strip().splitlines() == [second.summary]  # cron mails nothing else
