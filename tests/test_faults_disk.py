"""Issue 13: a full disk. ARCHIVE_DIR on a 3 MB tmpfs, 40 articles of ~100 KB each: the run
stops early with one clear line and a non-zero exit, loses nothing without a word, and once
space is freed the next run completes the work without a single spurious old version."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import run_crawl
from faultsite import PNG, article, counts, stats_of

from archiver.folder import iter_article_files
from archiver.replay import ReplayProxy
from archiver.verify import verify_archive

HOST = "www.full-disk.cn"
ARTICLES = 40


def make_site(root: Path) -> Path:
    site = root / HOST
    (site / "news").mkdir(parents=True)
    (site / "img").mkdir()
    links = "".join(f'<li><a href="/news/{n}.html">{n}</a></li>' for n in range(ARTICLES))
    (site / "news" / "list.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><ul class="list">{links}</ul>'
        "</body></html>",
        encoding="utf-8",
    )
    for n in range(ARTICLES):
        body = f'<img src="/img/{n}.png"><p>第{n}篇。</p>'
        html = article(f"磁盘写满测试{n}", f"2024-03-{n % 28 + 1:02d}", body)
        (site / "news" / f"{n}.html").write_text(html, encoding="utf-8")
        (site / "img" / f"{n}.png").write_bytes(PNG + os.urandom(100_000))  # incompressible
    definition = root / "full-disk.yaml"
    definition.write_text(
        yaml.safe_dump(
            {
                "site": "full",
                "name": "满盘网",
                "start_urls": [f"https://{HOST}/news/list.html"],
                "article_urls": [r"^https://www\.full-disk\.cn/news/\d+\.html$"],
                "list": {"items": ["ul.list li a"]},
                "layouts": [
                    {"title": ["div.article h1"], "time": ["span.time"], "body": ["div#body"]}
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return definition


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs, grown to 64 MB by calling the yielded function; skipped where mounting
    is not allowed (not root, no CAP_SYS_ADMIN)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")

    def grow() -> None:
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)

    try:
        yield mount, grow
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_run_and_the_next_run_completes_the_work(tmp_path, small_disk):
    mount, grow = small_disk
    archive = mount / "archive"
    definition = make_site(tmp_path / "sites")
    args = ("-a", f"name={definition}")
    with ReplayProxy(tmp_path / "sites") as proxy:
        full = run_crawl(archive, proxy, *args, spider="site", log_level="WARNING")
        assert full.returncode == 1, full.stderr[-3000:]
        assert "FAILED: the disk is full" in full.summary
        assert "Traceback" not in full.stderr and "Task exception" not in full.stderr
        assert len(re.findall(r"ERROR: The disk of .* is full", full.stderr)) == 1
        stopped = counts(full.summary)
        written = list(iter_article_files(archive))
        assert stopped["new"] == len(written)  # what it says it wrote is there
        # and what it could not write is counted: failed articles, or images left pending
        assert stopped["failed"] + stopped["pending images"] >= 1
        assert stopped["images"] < ARTICLES

        grow()
        after = run_crawl(archive, proxy, *args, spider="site")
    assert after.returncode == 0, after.stderr[-3000:]
    again = counts(after.summary)
    assert again["updated"] == 0 and again["failed"] == 0
    assert len(list(iter_article_files(archive))) == ARTICLES
    assert not list(archive.rglob("*.v1.md"))  # no spurious old versions
    assert stats_of(after.stderr).get("archive/images_failed", 0) == 0
    assert verify_archive(archive).ok, verify_archive(archive).problems
