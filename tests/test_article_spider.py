"""The ``article`` spider for sites with no definition, and the feed/sitemap parsers it routes by.

Crawls run over ``tests/sites/www.example-news.cn/`` (written by ``make_newssite.py``, which
says what each article exercises) through the replay proxy, as ``scrapy crawl article``.
"""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
from conftest import SITES, run_crawl
from crawling import read_archive, start_error

from archiver.extract.dates import to_rfc1123
from archiver.extract.feeds import is_feed, parse_feed
from archiver.extract.page import parse_article_page
from archiver.extract.rules import SiteRules
from archiver.extract.sitemaps import (
    SitemapError,
    changed_since,
    parse_sitemap,
    sitemaps_from_robots,
)
from archiver.replay import ReplayProxy

SITE = SITES / "www.example-news.cn"
BASE = "https://www.example-news.cn"
A1001, A1002, A1003 = (
    f"{BASE}/news/2024/03/15/a1001.html",
    f"{BASE}/news/show-1002.html",
    f"{BASE}/news/2024/03/12/a1003.html",
)
A1004, A1005, A1006, A1007 = (
    f"{BASE}/news/2024/03/18/a1004.html",
    f"{BASE}/news/2024/02/01/a1005.html",
    f"{BASE}/news/2024/03/19/a1006.html",
    f"{BASE}/news/2023/12/20/a1007.html",
)


# --- feeds and sitemaps, as pure functions ---------------------------------------------


def test_rss_items_with_their_dates():
    data = (SITE / "rss.xml").read_bytes()
    assert is_feed(data) and not is_feed(b"<!DOCTYPE html><html>")
    entries = parse_feed(data, f"{BASE}/rss.xml")
    assert [e.url for e in entries] == [A1001, A1002, A1003]  # link, not the non-permalink guid
    assert entries[1].title == "多地加快布局算力枢纽 绿色数据中心成新方向"
    assert to_rfc1123(entries[1].published) == "Wed, 13 Mar 2024 06:00:00 GMT"


def test_atom_entries_relative_links_and_zoneless_dates():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://tech.example.cn/">
      <entry><title>A</title><link rel="alternate" href="/p/1.html"/>
        <link rel="edit" href="/edit/1"/>
        <updated>2024-03-01T08:00:00Z</updated><published>2024-02-29T10:00:00+08:00</published></entry>
      <entry><title>B</title><link href="p/2.html"/><updated>2024-03-02 09:30</updated></entry>
      <entry><title>no link</title></entry></feed>"""
    entries = parse_feed(atom, "https://tech.example.cn/atom.xml")
    assert [e.url for e in entries] == [
        "https://tech.example.cn/p/1.html",
        "https://tech.example.cn/p/2.html",
    ]
    assert (
        to_rfc1123(entries[0].published) == "Thu, 29 Feb 2024 02:00:00 GMT"
    )  # published before updated
    assert (
        to_rfc1123(entries[1].published) == "Sat, 02 Mar 2024 01:30:00 GMT"
    )  # Beijing time by default
    assert parse_feed(b"<html><body>not a feed</body></html>") == []


def test_gzip_sitemap_index_and_lastmod_cutoff():
    index = parse_sitemap((SITE / "sitemap_index.xml").read_bytes(), f"{BASE}/sitemap_index.xml")
    assert index.is_index and [e.url for e in changed_since(index.entries, date(2024, 3, 1))] == [
        f"{BASE}/sitemaps/news-2024-03.xml.gz"
    ]
    march = parse_sitemap((SITE / "sitemaps" / "news-2024-03.xml.gz").read_bytes())
    assert not march.is_index and [e.url for e in march.entries] == [A1004, A1005, A1006]
    # on or after the day, Beijing time; an entry without lastmod is kept
    assert [e.url for e in changed_since(march.entries, date(2024, 3, 1))] == [A1004, A1006]
    assert [e.url for e in changed_since(march.entries, date(2024, 3, 19))] == [A1006]


def test_sitemap_errors_and_robots_lines():
    with pytest.raises(SitemapError, match="gzip"):
        parse_sitemap(b"\x1f\x8bnot really gzip")
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<rss><channel/></rss>")
    with pytest.raises(SitemapError, match="larger"):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * 70_000_000 + b"</urlset>"))
    robots = "User-agent: *\nDisallow: /a\nSitemap: /s1.xml\nsitemap:https://x.cn/s2.xml.gz\n"
    assert sitemaps_from_robots(robots, "https://x.cn/robots.txt") == [
        "https://x.cn/s1.xml",
        "https://x.cn/s2.xml.gz",
    ]


def test_generic_extraction_keeps_the_article_and_drops_the_page_chrome():
    html = (SITE / "news/2024/03/15/a1001.html").read_text(encoding="utf-8")
    page = parse_article_page(
        html, A1001, SiteRules(site="x", name="", layouts=(), article_urls=())
    )
    assert page.layout == "fallback" and page.title == "国产大模型推理芯片流片成功 能效比提升三倍"
    assert page.text.startswith("3月15日消息") and "并同步推出配套的编译器和推理框架" in page.text
    for junk in ("热门文章", "相关阅读", "分享到", "京ICP备", "今天是", "责任编辑"):
        assert junk not in page.body, junk
    assert page.images.urls == [f"{BASE}/img/2024/03/chip.png"]
    assert (page.author, page.source, page.tags) == (
        "王芳",
        "示例科技网",
        ["芯片", "大模型", "推理"],
    )


# --- crawls ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def replay():
    with ReplayProxy(SITES) as running:
        yield running


def crawl(archive: Path, proxy: ReplayProxy, *args: str):
    result = run_crawl(archive, proxy, *args, spider="article")
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_urls_are_archived_with_generic_metadata_and_local_images(tmp_path, replay):
    archive = tmp_path / "archive"
    result = crawl(archive, replay, "-a", f"url={A1001},{A1002}")
    assert result.summary.startswith("article: 2 new, 0 updated")
    files = read_archive(archive)
    path, meta, body = files[A1001]
    assert path.relative_to(archive).as_posix().startswith("example-news-cn/2024-03/2024-03-15-")
    assert (meta["site"], meta["author"], meta["source"]) == (
        "example-news.cn",
        "王芳",
        "示例科技网",
    )
    assert meta["date"] == "Fri, 15 Mar 2024 02:30:00 GMT" and not meta["categories"]  # none given
    assert meta["tags"] == ["芯片", "大模型", "推理"] and meta["extraction"] == "fallback"
    img = lxml.html.fragment_fromstring(body, create_parent="div").find(".//img")
    assert img.get("data-original-src") == f"{BASE}/img/2024/03/chip.png"
    assert (path.parent / unquote(img.get("src"))).is_file() and (
        path.parent / meta["cover"]
    ).is_file()
    _, undated, _ = files[A1002]  # only the top bar's calendar: no date, not today's
    assert undated["date_unknown"] is True and undated["author"] == "李强"


def test_url_file_multi_page_article_then_skip_if_archived(tmp_path, replay):
    archive, listing = tmp_path / "archive", tmp_path / "urls.txt"
    listing.write_text(f"# to read later\n\n{A1003}\n", encoding="utf-8")
    crawl(archive, replay, "-a", f"url={listing}", "-a", "categories=新能源,电池")
    ((path, meta, body),) = read_archive(archive).values()
    assert meta["pages"] == 2 and meta["categories"] == ["新能源", "电池"]
    assert "多家动力电池企业" in body and "相关企业的扩产计划值得关注" in body  # page 1 and page 2
    assert meta["date"] == "Tue, 12 Mar 2024 00:05:00 GMT" and meta["author"] == "示例科技网"
    replay.reset()
    again = crawl(archive, replay, "-a", f"url={listing}")
    assert again.summary.startswith(
        "article: 0 new, 0 updated, 0 completed, 0 unchanged, 1 skipped"
    )
    assert not replay.count("/news/")


def test_feed_items_are_archived_and_dated_by_the_feed_when_the_page_is_not(tmp_path, replay):
    archive = tmp_path / "archive"
    result = crawl(archive, replay, "-a", f"feed={BASE}/rss.xml")
    assert result.summary.startswith("article: 3 new")
    files = read_archive(archive)
    assert sorted(files) == sorted([A1001, A1002, A1003])
    assert files[A1002][1]["date"] == "Wed, 13 Mar 2024 06:00:00 GMT"  # the item's pubDate
    assert files[A1001][1]["date"] == "Fri, 15 Mar 2024 02:30:00 GMT"  # the page's own time


def test_sitemap_index_with_gzip_child_and_lastmod_cutoff(tmp_path, replay):
    archive = tmp_path / "archive"
    replay.reset()
    crawl(archive, replay, "-a", f"sitemap={BASE}/robots.txt", "-a", "lastmod=2024-03-01")
    assert sorted(read_archive(archive)) == sorted([A1004, A1006])
    fetched = set(replay.urls())
    assert f"{BASE}/sitemaps/news-2024-03.xml.gz" in fetched
    assert not {A1005, A1007, f"{BASE}/sitemaps/news-2023-12.xml"} & fetched


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to archive: pass -a url="),
        (("-a", "url=no-such-file.txt"), "is neither a URL nor a file of URLs"),
        (("-a", "sitemap=x", "-a", "lastmod=soon"), "-a sitemap: 'x' is not an http(s) URL"),
    ],
)
def test_bad_arguments_are_named_before_any_request(tmp_path, args, message):
    assert message in start_error(tmp_path / "archive", *args, spider="article")


def test_a_bad_argument_fails_the_command_before_any_request(tmp_path, replay):
    replay.reset()
    result = run_crawl(tmp_path / "archive", replay, "-a", "url=no-such-file.txt", spider="article")
    assert result.returncode == 2 and "is neither a URL nor a file of URLs" in result.stderr
    assert replay.urls() == []
