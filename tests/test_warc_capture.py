"""The web archive a crawl keeps: standard WARC that warcio, cdxj-indexer, pywb and py-wacz read.

All on the shared crawl of the recorded OFweek copy (``ofweek_crawl``, ARCHIVE_WARC=pages by
default); the third-party tools run from their own venv (``warc_tools``).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import forkserver
import pytest
import yaml
from conftest import PROJECT, SITES
from warc_tools import warc_tools

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import url_to_relpath
from archiver.verify import verify_archive
from archiver.warc import iter_warc_files, warc_root
from archiver.warc.index import index_path
from archiver.warc.records import scan

CASES = yaml.safe_load((SITES / "ofweek-cases.yaml").read_text(encoding="utf-8"))
WARCIO = Path(sys.executable).parent / "warcio"


def archive_cli(*args: str) -> subprocess.CompletedProcess:
    return forkserver.run([sys.executable, "-m", "archiver", *args], cwd=PROJECT)


@pytest.fixture(scope="module")
def warcs(ofweek_crawl) -> list[Path]:
    found = iter_warc_files(warc_root(ofweek_crawl[0]))
    assert found, "the crawl wrote no WARC file"
    return found


@pytest.fixture(scope="module")
def records(warcs) -> dict[str, list]:
    """URL -> its records (response, revisit, request), every file read back to its end."""
    found: dict[str, list] = {}
    for warc in warcs:
        for record in scan(warc, check_digests=True):
            assert not record.digest_problems, (warc, record.url, record.digest_problems)
            found.setdefault(record.url, []).append(record)
    return found


def article_pages() -> list[str]:
    news = CASES["lists"]["news"]
    urls = [u for u in news["articles"] if u not in news["missing"]]
    return [page for url in urls for page in CASES["articles"][url]["page_urls"]]


def test_warcio_check_and_index_pass_on_every_file(warcs):
    for warc in warcs:
        check = subprocess.run([WARCIO, "check", "-v", warc], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "digest pass" in check.stdout and "fail" not in check.stdout
        index = subprocess.run([WARCIO, "index", warc], capture_output=True, text=True)
        assert index.returncode == 0, index.stderr
        types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
        assert types[0] == "warcinfo" and "response" in types and "request" in types


def test_every_article_page_is_stored_with_the_bytes_served(records):
    for page in article_pages():
        responses = [r for r in records.get(page, []) if r.type == "response"]
        assert responses, f"{page} is not in the web archive"
        served = (SITES / url_to_relpath(page)).read_bytes()
        assert responses[-1].status == 200 and responses[-1].payload == served, page
        requests = [r for r in records[page] if r.type == "request"]
        assert requests and requests[-1].header("User-Agent").startswith("techmedia-archiver")


def test_pages_are_kept_and_images_are_not_by_default(records):
    assert "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-2.html" in records  # a list page
    assert "https://www.ofweek.com/robots.txt" in records
    moved = records["https://images.ofweek.com/Upload/News/2024-03/15/moved_10.jpg"]
    assert moved[0].status == 302  # the redirect as served, before Scrapy followed it
    stored_images = [r for rs in records.values() for r in rs if r.mime.startswith("image/")]
    assert stored_images == []  # ARCHIVE_WARC=pages: images are files already


def test_index_is_the_one_cdxj_indexer_writes(warcs, tmp_path):
    indexer = warc_tools() / "cdxj-indexer"
    for warc in warcs:
        out = subprocess.run([indexer, "--sort", warc], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert index_path(warc).read_text(encoding="utf-8") == out.stdout


def test_verify_checks_the_web_archive_and_finds_it_whole(ofweek_archive):
    report = verify_archive(ofweek_archive)
    assert report.ok, report.problems
    assert not [n for n in report.notes if "no stored page" in n or "web archive" in n]


def wait_for_port(port: int, server: subprocess.Popen, deadline: float = 60) -> None:
    """Return once something listens on ``port`` (the server is up); fail if it exits first."""
    give_up = time.monotonic() + deadline
    while time.monotonic() < give_up:
        assert server.poll() is None, "the server exited before it listened"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on port {port} after {deadline}s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_pywb_replays_an_archived_article_byte_for_byte(warcs, tmp_path):
    tools = warc_tools()
    run = {"cwd": tmp_path, "capture_output": True, "text": True}
    assert subprocess.run([tools / "wb-manager", "init", "crawl"], **run).returncode == 0
    added = subprocess.run([tools / "wb-manager", "add", "crawl", *map(str, warcs)], **run)
    assert added.returncode == 0, added.stderr
    port = free_port()
    server = subprocess.Popen(
        [tools / "wayback", "-b", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server)
        page = "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517_2.html"
        url = f"http://127.0.0.1:{port}/crawl/2000id_/{page}"  # id_: the capture, unrewritten
        with urllib.request.urlopen(url, timeout=30) as answer:
            body = answer.read()
            assert answer.headers["Memento-Datetime"]
        assert body == (SITES / url_to_relpath(page)).read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_wacz_export_passes_wacz_validate_and_lists_every_article(ofweek_archive, tmp_path):
    out = tmp_path / "crawl.wacz"
    done = archive_cli("export", "wacz", str(out), "--archive", str(ofweek_archive))
    assert done.returncode == 0, done.stderr
    check = subprocess.run(
        [warc_tools() / "wacz", "validate", "-f", out], capture_output=True, text=True
    )
    assert check.returncode == 0 and "is valid" in check.stdout, check.stdout + check.stderr
    with zipfile.ZipFile(out) as wacz:
        assert all(
            i.compress_type == zipfile.ZIP_STORED
            for i in wacz.infolist()
            if i.filename.startswith("archive/")
        )
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()[1:]]
    urls = {
        split(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(ofweek_archive)
    }
    assert {p["url"] for p in pages} == urls
