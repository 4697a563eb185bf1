"""A crawl killed with SIGKILL leaves WARC files that read back whole, and the next run completes.

One crawl of a copy of the recorded OFweek site in which one article page never answers
(the crawl is killed while it waits for it, once an article file is on disk) and another is
served gzip-encoded (its WARC record must hold the gzip bytes, as served).
"""

from __future__ import annotations

import gzip
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import yaml
from conftest import PROJECT, TEST_SETTINGS, run_crawl

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy, url_to_relpath
from archiver.verify import verify_archive
from archiver.warc import iter_warc_files, warc_root
from archiver.warc.index import index_path, records_after
from archiver.warc.records import Damaged, scan

HANGING = "https://mp.ofweek.com/medical/a145614128367"
GZIPPED = "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"


def prepare(sites: Path) -> bytes:
    """Make HANGING hang, GZIPPED gzip-encoded, and the slow image fast; the gzip bytes."""
    routes = sites / "images.ofweek.com" / "_routes.yaml"
    table = yaml.safe_load(routes.read_text(encoding="utf-8"))
    table = {k: v for k, v in table.items() if not (v or {}).get("delay")}
    routes.write_text(yaml.safe_dump(table), encoding="utf-8")
    hang = {"/medical/a145614128367": {"delay": 120}}
    (sites / "mp.ofweek.com" / "_routes.yaml").write_text(yaml.safe_dump(hang), encoding="utf-8")
    page = sites / url_to_relpath(GZIPPED)
    encoded = gzip.compress(page.read_bytes(), mtime=0)
    page.with_name(page.name + ".gz").write_bytes(encoded)
    served = {"body_file": url_to_relpath(GZIPPED).split("/", 1)[1] + ".gz"}
    served["headers"] = {"Content-Encoding": "gzip"}  # type: ignore[assignment]
    path = "/" + url_to_relpath(GZIPPED).split("/", 1)[1]
    (sites / "ee.ofweek.com" / "_routes.yaml").write_text(
        yaml.safe_dump({path: served}), encoding="utf-8"
    )
    return encoded


def crawl_until_stuck(archive: Path, proxy: ReplayProxy) -> None:
    """Start the crawl, wait until an article is written and HANGING is asked for, SIGKILL it."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "ofweek", "-L", "WARNING"]
    for key, value in {**TEST_SETTINGS, "ARCHIVE_DIR": str(archive)}.items():
        cmd += ["-s", f"{key}={value}"]
    crawl = subprocess.Popen(cmd, cwd=PROJECT, env=proxy.env(), stderr=subprocess.DEVNULL)
    try:
        give_up = time.monotonic() + 120
        while not (proxy.count(HANGING) and any(iter_article_files(archive))):
            assert crawl.poll() is None, "the crawl ended before it reached the hanging page"
            assert time.monotonic() < give_up, "the crawl never reached the hanging page"
            time.sleep(0.05)
    finally:
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()


def whole_records(warc: Path) -> list:
    """Every record of a file; a damaged end is allowed only as its very end (a torn write)."""
    found = []
    try:
        found.extend(scan(warc, check_digests=True))
    except Damaged as exc:
        assert not records_after(warc, exc.offset), exc
    assert all(not r.digest_problems for r in found)
    return found


def captured(archive: Path) -> dict[str, list]:
    responses: dict[str, list] = {}
    for warc in iter_warc_files(warc_root(archive)):
        for record in whole_records(warc):
            if record.type == "response":
                responses.setdefault(record.url, []).append(record)
    return responses


def archived_urls(archive: Path) -> set[str]:
    files = {split(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(archive)}
    with sqlite3.connect(archive / ".archiver" / "state.sqlite") as db:
        rows = {url for (url,) in db.execute("SELECT url FROM articles")}
    return files | rows


def test_sigkill_leaves_readable_warc_and_the_rerun_completes(site_copy, tmp_path):
    encoded = prepare(site_copy)
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        crawl_until_stuck(archive, proxy)
    warcs = iter_warc_files(warc_root(archive))
    assert warcs and not any(index_path(w).exists() for w in warcs)  # killed before closing
    stored = captured(archive)
    for url in archived_urls(archive):  # no file or state row without its page on disk
        assert any(r.status == 200 for r in stored.get(url, [])), url

    (site_copy / "mp.ofweek.com" / "_routes.yaml").write_text("{}\n", encoding="utf-8")
    with ReplayProxy(site_copy) as proxy:
        rerun = run_crawl(archive, proxy, log_level="WARNING")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "left unfinished by an interrupted run" in rerun.stderr
    assert all(index_path(w).is_file() for w in iter_warc_files(warc_root(archive)))
    report = verify_archive(archive)
    assert report.ok, report.problems
    stored = captured(archive)
    assert {HANGING, GZIPPED} <= archived_urls(archive)  # the gzip-encoded page decoded as usual
    for url in archived_urls(archive):
        assert any(r.status == 200 for r in stored.get(url, [])), url
    gzipped = [r for r in stored[GZIPPED] if r.status == 200][-1]
    assert gzipped.header("Content-Encoding") == "gzip" and gzipped.payload == encoded
