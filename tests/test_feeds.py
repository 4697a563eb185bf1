"""``scrapy crawl feeds``: many feeds from an OPML file, full articles, 304s, per-feed summary.

Crawls run through the replay proxy over ``tests/sites/feeds.example.cn/`` and
``rsshub.example/`` (written by ``make_feeds.py``, which says what each item exercises) and
the recorded OFweek copy, as ``scrapy crawl feeds`` in a subprocess. The OPML run happens
twice on one archive (module fixture): the second sees 304s and retries failed pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SITES, CrawlResult, run_crawl
from crawling import read_archive

from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from archiver.replay.routes import RequestRecord

FEEDS_HOST = "https://feeds.example.cn"
RSSHUB = "https://rsshub.example"
HOSTS = (
    "feeds.example.cn",
    "rsshub.example",
    "mp.ofweek.com",
    "ee.ofweek.com",
    "images.ofweek.com",
)
SEED = "https://mp.ofweek.com/medical/a145614128367"
MULTI_PAGE = "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html"
OFWEEK_MISSING = "https://ee.ofweek.com/2024-01/ART-8420-2800-30620001.html"
SETTINGS = {"ARCHIVE_RSSHUB_URL": RSSHUB}
FEED_URLS = [f"{RSSHUB}/ofweek/news"] + [
    f"{FEEDS_HOST}/{name}" for name in ("rss2.xml", "atom.xml", "rdf.xml", "summaries.xml")
]
OPML = f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>订阅</title></head><body>
  <outline text="新媒体" title="新媒体">
    <outline text="高科技行业门户">
      <outline type="rss" text="新闻" title="新闻" xmlUrl="rsshub:/ofweek/news"/>
    </outline>
  </outline>
  <outline text="科技">
    <outline type="rss" text="示例科技 RSS" xmlUrl="{FEEDS_HOST}/rss2.xml"/>
    <outline type="rss" text="示例科技 Atom" xmlUrl="{FEEDS_HOST}/atom.xml"/>
    <outline type="rss" text="示例科技 RDF" xmlUrl="{FEEDS_HOST}/rdf.xml"/>
  </outline>
  <outline title="博客">
    <outline type="rss" text="摘要博客" xmlUrl="{FEEDS_HOST}/summaries.xml"/>
    <outline type="rss" text="已停更" xmlUrl="{FEEDS_HOST}/gone.xml"/>
    <outline type="rss" text="不是订阅源" xmlUrl="{FEEDS_HOST}/blog/"/>
  </outline>
</body></opml>
"""


def page(key: str) -> str:
    return f"{FEEDS_HOST}/articles/{key}.html"


def feed_lines(result: CrawlResult) -> list[str]:
    """The per-feed lines and the total line that end the crawl's output."""
    lines = result.stderr.splitlines()
    end = max(i for i, line in enumerate(lines) if line.startswith("feeds:"))
    start = end
    while start > 0 and lines[start - 1].startswith("  "):
        start -= 1
    return lines[start : end + 1]


@dataclass
class Run:
    result: CrawlResult
    requests: list[RequestRecord]
    files: dict[str, tuple[Path, dict, str]]
    raw: dict[Path, bytes]

    def fetched(self, url: str) -> list[RequestRecord]:
        return [r for r in self.requests if r.url == url]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Run, Run, Path]:
    """The OPML crawled twice; between the runs f104's page starts answering."""
    root = tmp_path_factory.mktemp("feeds")
    sites = root / "sites"
    for host in HOSTS:  # copy2 keeps the mtimes: Last-Modified stays put between the runs
        shutil.copytree(SITES / host, sites / host)
    opml, archive = root / "subscriptions.opml", root / "archive"
    opml.write_text(OPML, encoding="utf-8")
    done = []
    with ReplayProxy(sites) as proxy:
        for _ in range(2):
            proxy.reset()
            result = run_crawl(
                archive, proxy, "-a", f"opml={opml}", spider="feeds", settings=SETTINGS
            )
            raw = {p: p.read_bytes() for p in archive.rglob("*.md")}
            done.append(Run(result, list(proxy.requests), read_archive(archive), raw))
            (sites / "feeds.example.cn" / "_routes.yaml").unlink(missing_ok=True)
    return done[0], done[1], archive


def test_categories_come_from_the_outline_folders(runs):
    first, _, _ = runs
    assert first.result.returncode == 0, first.result.stderr[-3000:]
    cats = {url: meta["categories"] for url, (_, meta, _) in first.files.items()}
    assert cats[SEED] == cats[OFWEEK_MISSING] == ["新媒体", "高科技行业门户", "新闻"]
    assert cats[page("f101")] == cats[page("f104")] == ["科技", "示例科技 RSS"]
    assert cats[page("f201")] == ["科技", "示例科技 Atom"]
    assert cats[page("f301")] == ["科技", "示例科技 RDF"]
    assert cats[page("f401")] == cats[page("f402")] == ["博客", "摘要博客"]


def test_rsshub_ofweek_items_get_the_site_definition_and_the_seed_frontmatter(runs):
    first, _, _ = runs
    seed_meta, _ = split((SITES.parent / "fixtures/seeds/000_3555a7db469a33f8.txt").read_text())
    path, meta, body = first.files[SEED]
    assert path.parent.parent.name == "ofweek" and meta["site"] == "ofweek"
    for key in ("title", "categories", "headimg", "author", "comments", "date", "thumbnail"):
        assert meta[key] == seed_meta[key], key
    assert "extraction" not in meta and "——茅于轼" in body and "分享到" not in body
    assert meta["tags"] == ["数字医疗", "互联网医疗", "微医", "医疗科技"]  # page's, then the item's
    _, multi, multi_body = first.files[MULTI_PAGE]  # pages 2 and 3 read with OFweek's layout too
    assert multi["pages"] == 3 and "三、国产厂商的突围路径" in multi_body


def test_items_whose_pages_exist_get_the_full_text(runs):
    first, _, _ = runs
    _, summary, body = first.files[page("f401")]  # the feed gives one sentence
    assert (
        "专家建议，下一步应推动平台之间的数据互通" in body and summary["extraction"] == "fallback"
    )
    _, undated, _ = first.files[page("f201")]  # the page shows no date: the entry's
    assert undated["date"] == "Fri, 05 Apr 2024 03:20:00 GMT" and undated["author"] == "孙悦"
    _, f101, _ = first.files[page("f101")]  # the page credits a source, the item an author
    assert (f101["author"], f101["source"], f101["date"]) == (
        "周婷",
        "示例科技网",
        "Mon, 01 Apr 2024 01:00:00 GMT",
    )
    assert first.files[page("f301")][1]["author"] == "钱进"  # RSS 1.0 dc:creator


def test_items_whose_pages_fail_get_the_feeds_text(runs):
    first, _, archive = runs
    for key in ("f102", "f103", "f104"):  # 404, a page with no article, a dropped connection
        assert first.files[page(key)][1]["extraction"] == "feed", key
    path, meta, body = first.files[page("f102")]
    assert "征求意见稿要求新建储能电站配备分舱灭火系统" in body
    assert (path.parent / meta["cover"]).is_file()  # the feed text's image, stored locally
    assert "液冷改造的投资回收期" not in first.files[page("f104")][2]  # not in the feed's text
    _, gone, gone_body = first.files[OFWEEK_MISSING]
    assert (gone["site"], gone["extraction"]) == ("ofweek", "feed")
    assert "仅存的全文" in gone_body and gone["date"] == "Thu, 18 Jan 2024 02:12:00 GMT"


def test_the_summary_has_a_line_per_feed_then_the_total(runs):
    first, _, _ = runs
    assert feed_lines(first.result) == [
        "  新闻: 3 new, 0 failed; 1 from the feed's text",
        "  示例科技 RSS: 4 new, 0 failed; 3 from the feed's text",
        "  示例科技 Atom: 2 new, 0 failed",
        "  示例科技 RDF: 1 new, 0 failed",
        "  摘要博客: 2 new, 0 failed",
        f"  已停更: 0 new, 0 failed; feed failed: HTTP 404 ({FEEDS_HOST}/gone.xml)",
        "  不是订阅源: 0 new, 0 failed; feed failed: not RSS or Atom (text/html)"
        f" ({FEEDS_HOST}/blog/)",
        "  7 feeds: 5 read, 0 not modified, 2 failed",
        feed_lines(first.result)[-1],
    ]
    assert feed_lines(first.result)[-1].startswith("feeds: 12 new, 0 updated")
    assert "FAILED" not in first.result.stderr


def test_second_run_gets_304s_and_archives_nothing_again(runs):
    first, second, _ = runs
    assert second.result.returncode == 0, second.result.stderr[-3000:]
    for url in FEED_URLS:
        (request,) = second.fetched(url)
        assert request.status == 304, url
    (rsshub,) = second.fetched(f"{RSSHUB}/ofweek/news")
    assert rsshub.header("If-None-Match") == 'W/"ofweek-news-1"'
    pages = {r.url for r in second.requests if "/articles/" in r.url or "ofweek.com/" in r.url}
    assert pages == {
        page("f103"),
        page("f104"),
    }  # only retries; 404s wait ARCHIVE_GONE_RECHECK_DAYS
    changed = {p for p, data in second.raw.items() if first.raw.get(p) != data}
    assert changed == {
        second.files[page("f104")][0],
        second.files[page("f104")][0].with_suffix(".v1.md"),
    }
    assert feed_lines(second.result)[-1].startswith("feeds: 0 new, 1 updated")


def test_a_failed_page_is_retried_under_a_304_and_a_second_failure_does_not_fail_the_run(runs):
    first, second, _ = runs
    lines = feed_lines(second.result)
    assert "  新闻: 0 new, 0 failed; not modified" in lines
    assert (
        "  示例科技 RSS: 0 new, 0 failed; 1 read on retry, 1 retries failed again, not modified"
        in lines
    )
    path, meta, body = second.files[page("f104")]
    assert meta.get("extraction") == "fallback" and "液冷改造的投资回收期" in body  # the page now
    old_meta, _ = split(path.with_suffix(".v1.md").read_text(encoding="utf-8"))
    assert old_meta["extraction"] == "feed"  # the feed's text kept as the first version
    assert second.files[page("f103")][1]["extraction"] == "feed"


def crawl_yaml(tmp_path: Path, proxy: ReplayProxy, text: str) -> tuple[CrawlResult, Path]:
    listing, archive = tmp_path / "feeds.yaml", tmp_path / "archive"
    listing.write_text(text, encoding="utf-8")
    result = run_crawl(
        archive, proxy, "-a", f"subscriptions={listing}", spider="feeds", settings=SETTINGS
    )
    return result, archive


def test_yaml_entries_set_site_and_format_and_a_lost_article_fails_the_run(tmp_path, proxy):
    result, archive = crawl_yaml(
        tmp_path,
        proxy,
        f"""feeds:
  - url: {FEEDS_HOST}/summaries.xml
    title: 摘要
    categories: [博客]
    site: my-blog
    body_format: markdown
  - url: {FEEDS_HOST}/lost.xml   # its one item has no text and its page is gone
""",
    )
    assert result.returncode == 1
    assert "  摘要: 2 new, 0 failed" in feed_lines(result)
    assert f"  {FEEDS_HOST}/lost.xml: 0 new, 1 failed" in feed_lines(result)  # no title: the URL
    assert feed_lines(result)[-1].endswith("; FAILED: 1 article(s) lost")
    files = read_archive(archive)
    path, meta, body = files[page("f401")]
    assert path.relative_to(archive).parts[0] == "my-blog" and meta["format"] == "markdown"
    assert meta["categories"] == ["博客"] and "专家建议" in body


def test_a_run_whose_every_feed_fails_fails(tmp_path, proxy):
    result, _ = crawl_yaml(
        tmp_path, proxy, f"feeds:\n  - {FEEDS_HOST}/gone.xml\n  - {FEEDS_HOST}/blog/\n"
    )
    assert result.returncode == 1
    assert feed_lines(result)[-1].endswith("; FAILED: every feed failed (2)")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "subs.opml",
            OPML.replace("</body>", ""),
            "subs.opml:18: not valid XML: Opening and ending tag mismatch",
        ),
        (
            "subs.yaml",
            "feeds:\n  - url: https://a.example/feed\n  - title: 无地址\n",
            "subs.yaml:3: feed entry has no url",
        ),
    ],
)
def test_a_bad_subscription_file_is_refused_before_any_request(
    tmp_path, proxy, name, text, message
):
    listing = tmp_path / name
    listing.write_text(text, encoding="utf-8")
    proxy.reset()
    arg = "opml" if name.endswith(".opml") else "subscriptions"
    result = run_crawl(
        tmp_path / "archive", proxy, "-a", f"{arg}={listing}", spider="feeds", log_level="WARNING"
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"scrapy crawl: {tmp_path}/{message}")
    assert not proxy.requests


def test_the_recorded_feeds_are_up_to_date():
    check = subprocess.run(
        [sys.executable, str(SITES / "make_feeds.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
