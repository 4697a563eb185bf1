"""Cron-safe re-runs: only what is new is fetched, failed images are retried, an update keeps
the old version (kills and power cuts: test_interrupted.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_crawl
from crawling import SEED_IMAGE, SEED_URL, add_faults, add_route, drop_route

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from archiver.state import SqliteState, state_path

NEW_URL = "https://ee.ofweek.com/2024-03/ART-8420-2800-30629999.html"
LIST_PAGE_1 = "www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"


def snapshot(archive: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(archive).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in archive.rglob("*")
        if p.is_file() and ".archiver" not in p.parts
    }


GONE_URL = (
    "https://ee.ofweek.com/2024-01/ART-8420-2800-30620001.html"  # 404: never archived, asked again
)


def article_pages(proxy: ReplayProxy) -> list[str]:
    """Article pages the proxy served, but the 404 one (not archived, so it is asked again)."""
    return [
        u
        for u in proxy.urls()
        if u != GONE_URL
        and (
            "/ART-" in u
            or ("mp.ofweek.com/" in u and "/Upload/" not in u and not u.endswith("robots.txt"))
        )
    ]


def test_second_run_fetches_no_archived_article_and_touches_no_file(tmp_path, site_copy):
    archive = tmp_path / "archive"
    failing = add_faults(site_copy, stall=False)  # retried on the second run, failing again
    with ReplayProxy(site_copy) as proxy:
        first = run_crawl(archive, proxy)
        assert first.returncode == 0, first.stderr[-2000:]
        before = snapshot(archive)
        first_pages = article_pages(proxy)
        proxy.reset()
        second = run_crawl(archive, proxy)
    assert second.returncode == 0, second.stderr[-2000:]
    assert len(first_pages) >= 8
    assert article_pages(proxy) == []  # list pages only
    assert any(LIST_PAGE_1 in u for u in proxy.urls())
    assert snapshot(archive) == before  # same bytes, same mtimes
    assert second.summary.startswith("ofweek: 0 new, 0 updated")
    assert set(failing) <= set(proxy.urls())  # the pending images were asked for again
    assert "CHANGYIEXINWE-2.html" not in " ".join(
        proxy.urls()
    )  # page 1 held only archived articles


def test_a_new_article_on_the_list_adds_exactly_one_file(tmp_path, site_copy):
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        assert run_crawl(archive, proxy).returncode == 0
        before = {p.name for p in iter_article_files(archive)}
        page = site_copy / "ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
        new_page = site_copy / "ee.ofweek.com/2024-03/ART-8420-2800-30629999.html"
        new_page.write_bytes(
            page.read_bytes().replace(
                "先进封装产能告急".encode("gbk"), "新文章今日上线".encode("gbk")
            )
        )
        listing = site_copy / LIST_PAGE_1
        html = listing.read_bytes().decode("gbk")
        first_item = html.index('<div class="con-details clearfix">')
        html = (
            html[:first_item]
            + f'<div class="con-details"><h3><a href="{NEW_URL}">新文章今日上线</a></h3>'
            + '<span class="fb-tl">2024-03-16 08:00</span></div>'
            + html[first_item:]
        )
        listing.write_bytes(html.encode("gbk"))
        proxy.reset()
        result = run_crawl(archive, proxy)
    after = {p.name for p in iter_article_files(archive)}
    assert len(after - before) == 1 and next(iter(after - before)).startswith(
        "2024-03-15-新文章今日上线："
    )
    assert result.summary.startswith("ofweek: 1 new, 0 updated")
    assert article_pages(proxy) == [NEW_URL]


def test_a_walk_that_stopped_early_is_resumed_by_the_next_run_not_cut_at_page_1(
    tmp_path, site_copy
):
    archive = tmp_path / "archive"
    list_page_2 = "/CATList-8100-CHANGYIEXINWE-2.html"
    add_route(site_copy, "www.ofweek.com", list_page_2, {"status": 404})  # the walk stops at page 2
    with ReplayProxy(site_copy) as proxy:
        first = run_crawl(archive, proxy)
        assert SEED_URL not in proxy.urls()  # linked from page 2 only
        drop_route(site_copy, "www.ofweek.com", list_page_2)
        proxy.reset()
        second = run_crawl(archive, proxy)  # page 1 holds only archived articles now
        resumed = set(proxy.urls())
        proxy.reset()
        third = run_crawl(archive, proxy)
    assert first.returncode == 1  # a list page failed
    assert second.returncode == 0, second.stderr[-2000:]
    assert "walking every list page" in second.stderr
    assert (
        SEED_URL in resumed
        and "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-3.html" in resumed
    )
    assert len(list(iter_article_files(archive))) == 8
    assert third.returncode == 0
    assert not [
        u for u in proxy.urls() if "CATList" in u and u.endswith(("-2.html", "-3.html"))
    ]  # done: page 1 only


def test_image_that_failed_is_fetched_on_the_next_run_and_only_it(tmp_path, site_copy):
    archive = tmp_path / "archive"
    image_path = SEED_IMAGE.split("mp.ofweek.com", 1)[1]
    add_route(site_copy, "mp.ofweek.com", image_path, {"status": 500})
    no_backoff = {"ARCHIVE_BACKOFF_DELAY": "0"}  # a 500 slows the site down (test_middlewares)
    with ReplayProxy(site_copy) as proxy:
        first = run_crawl(archive, proxy, settings=no_backoff)
        assert first.returncode == 0, first.stderr[-2000:]
        assert f"Image {SEED_IMAGE} of {SEED_URL} failed (http_500" in first.stderr
        seed_file = next(p for p in iter_article_files(archive) if "微医" in p.name)
        meta, body = split(seed_file.read_text(encoding="utf-8"))
        assert meta["pending_images"] == [SEED_IMAGE] and f'src="{SEED_IMAGE}"' in body
        drop_route(site_copy, "mp.ofweek.com", image_path)
        proxy.reset()
        result = run_crawl(archive, proxy)
    meta, body = split(seed_file.read_text(encoding="utf-8"))
    assert "pending_images" not in meta
    assert f'data-original-src="{SEED_IMAGE}"' in body and f' src="{SEED_IMAGE}"' not in body
    fetched_images = [u for u in proxy.urls() if "/Upload/" in u]
    assert SEED_IMAGE in fetched_images
    assert not [
        u for u in fetched_images if "member4779" in u and u != SEED_IMAGE
    ]  # the others: not again
    assert SEED_URL not in proxy.urls()  # the article page itself is not re-fetched
    assert result.returncode == 0


def test_update_check_replaces_a_changed_article_and_keeps_the_old_version(tmp_path, site_copy):
    archive = tmp_path / "archive"
    page = site_copy / "ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
    with ReplayProxy(site_copy) as proxy:
        assert run_crawl(archive, proxy).returncode == 0
        current = next(p for p in iter_article_files(archive) if "CoWoS" in p.name)
        old_text = current.read_text(encoding="utf-8")
        page.write_bytes(
            page.read_bytes().replace("台积电".encode("gbk"), "台积电（更正）".encode("gbk"), 1)
        )
        unchanged = run_crawl(archive, proxy, "-a", "update_days=100000", "-a", "full=1")
        assert unchanged.returncode == 0
    kept = current.with_name(current.stem + ".v1.md")
    assert "台积电（更正）" in current.read_text(encoding="utf-8")
    assert kept.read_text(encoding="utf-8") == old_text  # nothing lost
    assert "1 updated" in unchanged.summary
    assert kept not in list(iter_article_files(archive))  # an old version is not a second article
    record = SqliteState(state_path(archive)).get(
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
    )
    assert record.versions == 2
