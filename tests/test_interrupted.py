"""A killed, powered-off or concurrent run, and verify: only whole files, and the next run
completes the work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import run_crawl
from crawling import SEED_IMAGE, SEED_URL, Crawl, add_route, drop_route, start_crawl, wait_for

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from archiver.state import SqliteState, state_path
from archiver.verify import verify_archive


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
        second = run_crawl(archive, proxy, plain=True)  # a fresh process meets the forked lock
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
