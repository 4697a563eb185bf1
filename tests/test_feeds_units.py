"""The pieces of ``scrapy crawl feeds`` without a crawl: subscription files, feed items'
own text, the state's feed tables, the proxy's 304s, the report hook, the CLI."""

from __future__ import annotations

import io
import urllib.request
from email.utils import formatdate
from pathlib import Path

import pytest
import redis
from conftest import SITES
from scrapy.exceptions import UsageError
from scrapy.utils.test import get_crawler

from archiver.cli import main
from archiver.distributed.local import LocalRedis, redis_server_path
from archiver.distributed.state import RedisState
from archiver.extensions import RunReport
from archiver.extract.feeds import entry_page, parse_feed
from archiver.items import BodyFormat
from archiver.options import ArchiveOptions
from archiver.state import FeedRecord, FeedRetry, SqliteState
from archiver.subscriptions import (
    SubscriptionError,
    folders_of,
    load,
    parse_opml,
    parse_yaml,
    to_opml,
)
from spiders.feeds import FeedsSpider

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Inoreader</title></head><body>
  <outline text="新媒体">
    <outline text="高科技行业门户">
      <outline type="rss" text="新闻" xmlurl="rsshub:/ofweek/news"/>
    </outline>
  </outline>
  <outline type="rss" title="Top level" xmlUrl="https://a.example/feed.xml" htmlUrl="https://a.example/"/>
  <outline text="empty folder"/>
</body></opml>
""".encode()


# --- Subscription files ----------------------------------------------------------------


def test_opml_folders_and_title_are_the_categories_and_routes_resolve():
    news, top = parse_opml(OPML, "subs.opml")
    assert news.categories == ("新媒体", "高科技行业门户", "新闻") and news.where == "subs.opml:5"
    assert news.feed_url("https://rsshub.example/") == "https://rsshub.example/ofweek/news"
    assert (top.title, top.categories, top.feed_url("x")) == (
        "Top level",
        ("Top level",),
        "https://a.example/feed.xml",
    )


def test_yaml_entries_with_their_options():
    (full, bare) = parse_yaml(
        "feeds:\n"
        "  - url: rsshub:/ofweek/news\n    title: 新闻\n    categories: 新媒体, 新闻\n"
        "    author: 高科技行业门户\n    body_format: Markdown\n    site: ofweek\n"
        "  - https://b.example/atom.xml\n",
        "feeds.yaml",
    )
    assert full.categories == ("新媒体", "新闻") and full.body_format is BodyFormat.MARKDOWN
    assert (full.author, full.site, full.where) == ("高科技行业门户", "ofweek", "feeds.yaml:2")
    assert (bare.url, bare.label, bare.categories) == ("https://b.example/atom.xml", bare.url, ())


BAD_FILES = [  # (file, its text, what follows "<path>:")
    ("a.opml", "<opml><body>\n<outline xmlUrl='x'>\n</body></opml>", "3: not valid XML"),
    ("a.opml", "<rss><channel/></rss>", "1: not OPML (root <rss>)"),
    ("a.opml", "<opml>\n<body/></opml>", "2: no feed (no outline has an xmlUrl)"),
    ("a.opml", '<opml><body>\n<outline type="rss" text="X"/></body></opml>', "2: feed outline 'X'"),
    ("a.opml", '<opml><body>\n\n<outline xmlUrl="ftp://x/f"/></body></opml>', "3: xmlUrl 'ftp:"),
    ("a.yaml", "feeds:\n  - url: https://a.example/\n  - {url: [1\n", "4: not valid YAML"),
    ("a.yaml", "feed:\n  - url: https://a.example/\n", "1: expected a top-level 'feeds:'"),
    ("a.yaml", "feeds:\n  - url: https://a.example/\n  - title: X\n", "3: feed entry has no url"),
    ("a.yaml", "feeds:\n  - url: https://a.example/\n    titel: X\n", "2: unknown key 'titel'"),
    ("a.yaml", "feeds:\n\n  - url: https://a.example/\n    body_format: pdf\n", "3: body_format"),
    ("a.yaml", "feeds:\n  - url: rsshub:/\n", "2: url 'rsshub:/' names no RSSHub route"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES)
def test_a_bad_file_is_named_with_its_line_and_problem(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SubscriptionError) as raised:
        load(path)
    assert str(raised.value).startswith(f"{path}:{message}")
    with pytest.raises(UsageError) as refused:  # the crawl command's one line, exit 2
        FeedsSpider.parse_arguments({"opml" if name.endswith("opml") else "subscriptions": path})
    assert str(refused.value) == str(raised.value)


def test_spider_arguments_need_a_list_and_check_site_definitions(tmp_path):
    with pytest.raises(UsageError, match="pass -a opml=FILE.opml or -a subscriptions="):
        FeedsSpider.parse_arguments({})
    listing = tmp_path / "feeds.yaml"
    listing.write_text("feeds:\n  - url: https://a.example/\n    site: nowhere.yaml\n")
    with pytest.raises(UsageError, match=r"feeds.yaml:2: site: .*nowhere.yaml: no such site"):
        FeedsSpider.parse_arguments({"subscriptions": str(listing)})
    listing.write_text("feeds:\n  - url: https://a.example/\n    site: ofweek\n")
    ((_, rules),) = FeedsSpider.parse_arguments({"subscriptions": str(listing)}).subscriptions
    assert rules is not None and rules.name == "OFweek维科网"


def test_export_makes_folders_and_import_round_trips(tmp_path, capsys):
    opml = tmp_path / "reader.opml"
    opml.write_bytes(OPML)
    listing = tmp_path / "feeds.yaml"
    assert main(["subscriptions", "import", str(opml), "-o", str(listing)]) == 0
    assert [s.categories for s in load(listing)] == [s.categories for s in parse_opml(OPML)]
    assert main(["subscriptions", "import", str(opml), "-o", str(listing)]) == 2  # exists
    more = tmp_path / "more.opml"
    more.write_bytes(OPML.replace(b"a.example", b"c.example"))
    assert main(["subscriptions", "import", str(more), "-o", str(listing), "--merge"]) == 0
    assert "1 feeds added, 1 already listed" in capsys.readouterr().err
    assert main(["subscriptions", "export", str(listing), "--rsshub", "https://hub.example"]) == 0
    exported = parse_opml(capsys.readouterr().out.encode())
    assert [s.url for s in exported] == [
        "https://hub.example/ofweek/news",
        "https://a.example/feed.xml",
        "https://c.example/feed.xml",
    ]
    assert [folders_of(s) for s in exported][0] == ("新媒体", "高科技行业门户")
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml>")
    assert main(["subscriptions", "export", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"archiver subscriptions: {bad}:1: not valid XML")
    assert b"<opml" in to_opml(exported, "")


# --- Feed items' own text --------------------------------------------------------------


def test_feed_items_carry_their_text_author_and_categories():
    rss, atom, rdf = (
        parse_feed((SITES / "feeds.example.cn" / name).read_bytes(), f"https://feeds.example.cn/{name}")
        for name in ("rss2.xml", "atom.xml", "rdf.xml")
    )  # fmt: skip
    f101 = rss[0]
    assert (f101.author, f101.categories) == ("周婷", ("光伏", "新能源"))
    assert "产业链上游的多晶硅库存仍处高位" in f101.content  # content:encoded over description
    assert atom[0].url == "https://feeds.example.cn/articles/f201.html"  # xml:base
    assert (atom[0].author, atom[0].categories) == ("孙悦", ("操作系统",))
    assert atom[0].content.startswith("<p>最新数据显示")  # type="html", unescaped
    assert (rdf[0].author, rdf[0].content[:5]) == ("钱进", "支持卫星通")
    mail = (
        b"<rss><channel><item><link>https://x.example/1</link><author>a@x.example (Li Lei)</author>"
    )
    assert parse_feed(mail + b"</item></channel></rss>")[0].author == "Li Lei"


def test_an_items_text_becomes_a_clean_page():
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>
      <link href="https://x.example/a/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p onclick="steal()">Hello <img src="../i.png"/></p><script>steal()</script></div></content>
      </entry><entry><title>Empty</title><link href="https://x.example/a/2"/></entry></feed>"""
    text, empty = parse_feed(data)
    page = entry_page(text)
    assert page is not None and page.layout == "feed" and page.title == "T"
    assert "script" not in page.body and "onclick" not in page.body
    assert page.images.urls == ["https://x.example/i.png"] and page.text == "Hello"
    assert entry_page(empty) is None


# --- The state's feed tables -----------------------------------------------------------


@pytest.fixture(params=["sqlite", "redis"])
def reopened_state(request, tmp_path):
    """A way to open one archive state twice: SQLite, or Redis (when redis-server is here)."""
    if request.param == "sqlite":
        yield lambda: SqliteState(tmp_path / ".archiver" / "state.sqlite")
        return
    if redis_server_path() is None:
        pytest.skip("redis-server is not installed")
    with LocalRedis(tmp_path / "redis") as url:
        yield lambda: RedisState(redis.Redis.from_url(url), "test", url)


def test_feed_validators_and_retries_persist(reopened_state):
    state = reopened_state()
    state.record_feed(
        FeedRecord("https://f.example/rss", 'W/"1"', "Mon, 01 Apr 2024", ["f-example"])
    )
    state.add_feed_retry(FeedRetry("https://f.example/a", "https://f.example/rss", {"title": "A"}))
    state.add_feed_retry(FeedRetry("https://f.example/a", "https://f.example/rss", {"title": "A2"}))
    state.close()
    state = reopened_state()
    record = state.get_feed("https://f.example/rss")
    assert record is not None and (record.etag, record.sites) == ('W/"1"', ["f-example"])
    (retry,) = state.feed_retries()
    assert (retry.attempts, retry.entry) == (
        2,
        {"title": "A2"},
    )  # one more try, what the feed said last
    state.remove_feed_retry(retry.url)
    assert state.feed_retries() == [] and state.get_feed("https://other.example/") is None
    state.close()


# --- The replay proxy answers conditional GETs -----------------------------------------


def test_the_proxy_answers_304_to_matching_validators(proxy):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy.url}))

    def status(path: str, **headers: str) -> int:
        request = urllib.request.Request(f"http://{path}", headers=headers)
        try:
            with opener.open(request) as answer:
                return answer.status
        except urllib.error.HTTPError as exc:
            return exc.code

    rss = SITES / "feeds.example.cn" / "rss2.xml"
    stamp = formatdate(rss.stat().st_mtime, usegmt=True)
    earlier = formatdate(rss.stat().st_mtime - 60, usegmt=True)
    assert status("feeds.example.cn/rss2.xml", **{"If-Modified-Since": stamp}) == 304
    assert status("feeds.example.cn/rss2.xml", **{"If-Modified-Since": earlier}) == 200
    assert status("rsshub.example/ofweek/news", **{"If-None-Match": 'W/"ofweek-news-1"'}) == 304
    assert status("rsshub.example/ofweek/news", **{"If-None-Match": '"other"'}) == 200


# --- The report hook -------------------------------------------------------------------


class FeedsLikeSpider:
    name = "feeds"

    def report_lines(self) -> list[str]:
        return ["  A: 1 new, 0 failed", "  1 feeds: 1 read, 0 not modified, 0 failed"]

    def verdict(self) -> str | None:
        return "every feed failed (1)"


def test_run_report_prints_a_spiders_lines_and_uses_its_verdict():
    crawler = get_crawler()
    crawler.stats.open_spider()
    crawler.stats.set_value("archive/list_pages_failed", 3)  # the spider's verdict replaces this
    out = io.StringIO()
    options = ArchiveOptions.from_settings(crawler.settings)
    RunReport(crawler, options, out, progress=False).spider_closed(FeedsLikeSpider(), "finished")
    lines = out.getvalue().splitlines()
    assert lines[:2] == FeedsLikeSpider().report_lines() and lines[2].startswith("feeds: 0 new")
    assert lines[2].endswith("; FAILED: every feed failed (1)")
    assert crawler.stats.get_value("archive/run_failed") == "every feed failed (1)"


def test_recorded_site_readme_mentions_the_304s():
    assert "304 Not Modified" in (Path(SITES) / "README.md").read_text(encoding="utf-8")
