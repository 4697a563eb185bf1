"""Cron-safe re-runs: only what is new is fetched, failed images are retried, kills lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import run_crawl
from crawling import Crawl, add_faults, add_route, drop_route, start_crawl, wait_for

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from archiver.state import SqliteState, state_path
from archiver.verify import verify_archive

SEED_URL = "https://mp.ofweek.com/medical/a145614128367"
SEED_IMAGE = "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__2d45b99e0d9f10249a1e72d8de3b212b.jpg"
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


def assert_only_whole_files(archive: Path) -> int:
    """Every article file parses (none is half-written); how many there are."""
    files = list(iter_article_files(archive))
    for path in files:
        split(path.read_text(encoding="utf-8"))  # raises on a half-written file
    return len(files)


def seed_images_on_disk(archive: Path) -> list[Path]:
    """The images stored so far in the seed article's folder (it may have no file yet)."""
    return [
        image
        for folder in archive.glob("ofweek/*/*")
        if folder.is_dir() and "微医" in folder.name
        for image in folder.iterdir()
    ]


def kill_at(crawl: Crawl, archive: Path, before: int) -> int:
    """Kill the crawl now (it must still be running); the article files it leaves behind.

    The files are whole, more than ``before`` (the run made progress), and not all 8.
    """
    crawl.kill()
    count = assert_only_whole_files(archive)
    assert before <= count < 8, (before, count)
    return count


def test_sigkill_at_each_moment_of_a_crawl_loses_nothing_and_the_rerun_completes(
    tmp_path, site_copy
):
    # Held responses (answered only when the proxy stops) keep each run from finishing, so
    # each kill lands mid-crawl, at the moment its event says: list page 2 in the first run,
    # the seed's second image in every run but the last.
    archive = tmp_path / "archive"
    page_2 = "/CATList-8100-CHANGYIEXINWE-2.html"
    held_image = SEED_IMAGE.split("mp.ofweek.com", 1)[1]
    add_route(site_copy, "www.ofweek.com", page_2, {"delay": 3600})
    add_route(site_copy, "mp.ofweek.com", held_image, {"delay": 3600})
    slow = {"DOWNLOAD_TIMEOUT": "3600"}
    with ReplayProxy(site_copy) as proxy:
        # 1: just after a file is written (its state record may not be committed): of the
        # 4 articles of list page 1, as page 2 is held
        crawl = start_crawl(archive, proxy, settings=slow)
        crawl.wait_for_line(r"\] INFO: Archived https://")
        count = kill_at(crawl, archive, 1)
        assert count <= 4

        # 2: the same in a resumed run, which has the articles of pages 2 and 3 to add
        drop_route(site_copy, "www.ofweek.com", page_2)
        crawl = start_crawl(archive, proxy, settings=slow)
        crawl.wait_for_line(r"\] INFO: Archived https://")
        count = kill_at(crawl, archive, count + 1)

        # 3: mid-article: 3 of the seed's 4 images stored, its file not written
        asked = proxy.count(SEED_IMAGE)
        crawl = start_crawl(archive, proxy, settings=slow)
        wait_for(
            lambda: (
                proxy.count(SEED_IMAGE) > asked
                and len(seed_images_on_disk(archive)) == 3
                and len(list(iter_article_files(archive))) == 7
            ),
            "the 7 other articles written, the seed's held image asked for again",
            crawl,
        )
        assert kill_at(crawl, archive, 7) == 7
        assert not any("微医" in p.name for p in iter_article_files(archive))

        drop_route(site_copy, "mp.ofweek.com", held_image)
        result = run_crawl(archive, proxy)
    assert result.returncode == 0, result.stderr[-2000:]
    names = [p.name for p in iter_article_files(archive)]
    assert len(names) == len(set(names)) == 8
    assert len(seed_images_on_disk(archive)) == 4
    assert not list(archive.rglob(".tmp-*"))
    report = verify_archive(archive)
    assert report.ok, report.problems


def test_after_a_power_cut_an_unrecorded_article_and_its_empty_images_are_fetched_again(
    tmp_path, proxy
):
    # New files reach the disk at the state's next commit; a power cut before it can leave an
    # article the state never recorded, with an image file of 0 bytes. Simulated here.
    archive = tmp_path / "archive"
    assert run_crawl(archive, proxy).returncode == 0
    seed_file = next(p for p in iter_article_files(archive) if "微医" in p.name)
    image = next(p for p in seed_file.with_suffix("").iterdir() if p.suffix == ".jpg")
    image.write_bytes(b"")
    state = SqliteState(state_path(archive))
    state.remove(SEED_URL)
    state.close()
    proxy.reset()
    result = run_crawl(archive, proxy, "-a", "full=1")
    assert result.returncode == 0, result.stderr[-2000:]
    assert SEED_URL in proxy.urls()
    assert image.stat().st_size > 0
    assert verify_archive(archive).ok


def test_a_second_crawl_on_the_same_archive_exits_at_once(tmp_path, site_copy):
    archive = tmp_path / "archive"
    add_route(site_copy, "mp.ofweek.com", SEED_IMAGE.split("mp.ofweek.com", 1)[1], {"delay": 3600})
    with ReplayProxy(site_copy) as proxy:
        first = start_crawl(archive, proxy, settings={"DOWNLOAD_TIMEOUT": "3600"})
        wait_for(lambda: SEED_IMAGE in proxy.urls(), "the first run at the held image", first)
        second = run_crawl(archive, proxy)
        assert first.running()  # held until released: the second run did not wait for it
        proxy.release()
        first_result = first.finish()
    assert second.returncode == 75
    assert "is being archived by pid" in second.stderr
    assert first_result.returncode == 0, first_result.stderr[-2000:]
    assert len(list(iter_article_files(archive))) == 8 and verify_archive(archive).ok


def test_verify_finds_damage_and_repair_fixes_what_it_can(tmp_path, site_copy):
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        assert run_crawl(archive, proxy).returncode == 0
        assert verify_archive(archive).ok
        files = list(iter_article_files(archive))
        seed_file = next(p for p in files if "微医" in p.name)
        image, emptied = sorted(seed_file.with_suffix("").iterdir())[:2]
        image.unlink()  # a deleted image
        emptied.write_bytes(b"")  # an image a power cut left empty
        truncated = next(p for p in files if "RISC-V" in p.name)
        truncated.write_bytes(truncated.read_bytes()[:300])  # a truncated article file
        state = SqliteState(state_path(archive))
        state.db.execute(
            "INSERT INTO articles VALUES ('https://x.ofweek.com/gone', 'ofweek/gone.md', 'h',"
            " 0, 0, NULL, '[]', '[]', 1)"
        )
        state.close()  # an orphan state row

        report = verify_archive(archive)
        text = "\n".join(report.problems)
        assert not report.ok
        assert "local image of" in text and text.count("is missing") == 2
        assert f"{truncated.relative_to(archive).as_posix()}: unreadable article file" in text
        assert "https://x.ofweek.com/gone" in text
        cli = subprocess.run(
            [sys.executable, "-m", "archiver", "verify", str(archive)],
            capture_output=True,
            text=True,
        )
        assert cli.returncode == 1

        repaired = verify_archive(archive, repair=True)
        assert [
            p for p in repaired.problems if "unreadable" in p
        ]  # cannot be fixed from the file itself
        rows = {r.url for r in SqliteState(state_path(archive)).all()}
        assert "https://x.ofweek.com/gone" not in rows
        proxy.reset()
        result = run_crawl(
            archive, proxy, "-a", "full=1"
        )  # re-archives the broken file, re-fetches the image
    assert result.returncode == 0
    assert image.is_file() and emptied.stat().st_size > 0
    assert verify_archive(archive).ok
    assert os.path.getsize(truncated) > 300


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
