"""Spider arguments a user picks the crawl with: other lists, how many pages, a date window."""

from __future__ import annotations

import pytest
import yaml
from conftest import run_crawl

from archiver.archive import iter_article_files
from archiver.frontmatter import parse_article
from archiver.replay import ReplayProxy

EE_LIST = "https://ee.ofweek.com/CATList-2800-8100-ee-1.html"


@pytest.fixture
def fast_sites(site_copy):
    """The recording without its deliberately slow image, so these crawls take seconds."""
    routes = site_copy / "images.ofweek.com" / "_routes.yaml"
    data = yaml.safe_load(routes.read_text(encoding="utf-8"))
    data = {k: v for k, v in data.items() if "delay" not in v}
    routes.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return site_copy


def archived_urls(archive) -> set[str]:
    return {
        parse_article(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(archive)
    }


def test_a_channel_list_and_a_page_limit(tmp_path, fast_sites):
    with ReplayProxy(fast_sites) as proxy:
        result = run_crawl(tmp_path / "a", proxy, "-a", f"start={EE_LIST}", "-a", "pages=1")
    assert result.returncode == 0, result.stderr[-2000:]
    assert archived_urls(tmp_path / "a") == {
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html",
        "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html",
    }
    assert "CATList-2800-8100-ee-2.html" not in " ".join(proxy.urls())
    assert "www.ofweek.com/CATList" not in " ".join(proxy.urls())


def test_a_date_window_keeps_newer_articles_and_stops_paging_past_it(tmp_path, fast_sites):
    with ReplayProxy(fast_sites) as proxy:
        result = run_crawl(
            tmp_path / "a", proxy, "-a", "since=2023-06-01", "-a", "until=2024-02-28"
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert archived_urls(tmp_path / "a") == {
        "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html",
        "https://robot.ofweek.com/2023-11/ART-8321203-8110-30616624.html",
        "https://medical.ofweek.com/2023-09/ART-11120-8440-30608765.html",
    }
    fetched = " ".join(proxy.urls())
    assert "30628123" not in fetched  # after the window: not even requested
    assert "CHANGYIEXINWE-3.html" not in fetched  # page 2 is all older than the window


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-a", "pages=0"), "-a pages must be a whole number of at least 1"),
        (("-a", "since=2024-13-01"), "-a since/until must be dates like 2024-03-01"),
        (("-a", "since=2024-03-01", "-a", "until=2024-01-01"), "is after until"),
    ],
)
def test_bad_arguments_fail_before_any_request(tmp_path, proxy, args, message):
    result = run_crawl(tmp_path / "a", proxy, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert proxy.urls() == []
