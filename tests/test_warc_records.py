"""The recorder and the files it writes, without a crawl: what is kept, revisits, torn ends.

The capture middleware is built from the project's settings (``project_crawler``) and fed
Scrapy requests and responses as the downloader would; what it wrote is read back.
"""

from __future__ import annotations

import asyncio
import gzip
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, project_crawler
from scrapy import Request
from scrapy.http import HtmlResponse, Response

from archiver.archive import archive_of
from archiver.warc import iter_warc_files, warc_root
from archiver.warc.capture import WarcCaptureMiddleware
from archiver.warc.index import CaptureIndex, index_path, recover
from archiver.warc.records import scan

PAGE = "https://example.cn/news/1.html"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200)


def record(archive: Path, mode: str, exchanges: list[tuple[str, Response]]) -> list:
    """Run the middleware over ``exchanges`` (URL, response) with ARCHIVE_WARC=mode."""
    crawler = project_crawler({"ARCHIVE_DIR": str(archive), "ARCHIVE_WARC": mode})
    try:
        middleware = WarcCaptureMiddleware.from_crawler(crawler)
        for url, response in exchanges:
            asyncio.run(middleware.process_response(Request(url), response))
        middleware.spider_closed()
    finally:
        archive_of(crawler).engine_stopped()
    return [r for warc in iter_warc_files(warc_root(archive)) for r in scan(warc)]


def html(url: str, body: bytes, **headers: str) -> HtmlResponse:
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html", **headers})


def test_pages_mode_keeps_pages_as_served_and_leaves_images_out(tmp_path):
    encoded = gzip.compress(b"<html><body><p>\xe6\x96\x87</p></body></html>")
    image = Response(
        "https://img.example.cn/a.jpg", body=JPEG, headers={"Content-Type": "image/jpeg"}
    )
    found = record(
        tmp_path / "a",
        "pages",
        [(PAGE, html(PAGE, encoded, **{"Content-Encoding": "gzip"})), (image.url, image)],
    )
    responses = [r for r in found if r.type == "response"]
    assert [r.url for r in responses] == [PAGE]
    assert responses[0].payload == encoded and responses[0].header("Content-Encoding") == "gzip"
    assert [r.type for r in found] == ["warcinfo", "response", "request"]


def test_all_mode_keeps_images_and_an_unchanged_page_is_a_revisit(tmp_path):
    image = Response(
        "https://img.example.cn/a.jpg", body=JPEG, headers={"Content-Type": "image/jpeg"}
    )
    page = html(PAGE, b"<html><body>same</body></html>")
    found = record(tmp_path / "a", "all", [(PAGE, page), (image.url, image), (PAGE, page)])
    kinds = [(r.type, r.url) for r in found if r.type != "request"][1:]
    assert kinds == [("response", PAGE), ("response", image.url), ("revisit", PAGE)]
    index = CaptureIndex.of_files(iter_warc_files(warc_root(tmp_path / "a")))
    best = index.best(PAGE)
    assert best is not None and best.revisit and index.original(best).read().payload == page.body


def test_a_torn_last_record_is_cut_and_mid_file_damage_is_not(tmp_path):
    record(tmp_path / "a", "pages", [(PAGE, html(PAGE, b"<p>one</p>"))])
    (warc,) = iter_warc_files(warc_root(tmp_path / "a"))
    whole = warc.read_bytes()
    warc.write_bytes(whole + whole[100:300])  # a write that stopped half way
    found = recover(warc, repair=True)
    assert found.cut == 200 and warc.read_bytes() == whole and index_path(warc).is_file()
    damaged = bytearray(whole)
    damaged[len(damaged) // 3] ^= 0xFF  # a bad sector in the middle: whole records follow it
    warc.write_bytes(bytes(damaged))
    found = recover(warc, repair=True)
    assert found.whole_after and found.cut == 0 and len(warc.read_bytes()) == len(whole)


def test_a_bad_archive_warc_setting_is_one_line_and_exit_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "ofweek", "-s", "ARCHIVE_WARC=maybe"]
        + ["-s", f"ARCHIVE_DIR={tmp_path / 'a'}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "scrapy crawl: ARCHIVE_WARC must be one of pages, all, off, not 'maybe'"
    ]
