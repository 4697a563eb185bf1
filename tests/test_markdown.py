"""Markdown bodies: the converter on cleaned HTML, image links made local, and a whole crawl.

The crawl is ``scrapy crawl ofweek -s ARCHIVE_BODY_FORMAT=markdown`` over the recorded copy
with its faults but the stall, checked against the same expectations as the HTML crawl
(``tests/sites/ofweek-cases.yaml``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from conftest import SITES, run_crawl
from crawling import add_faults, copy_sites, expected_images

from archiver.extract.markdown import (
    html_to_markdown,
    markdown_image_paths,
    rewrite_markdown_images,
)
from archiver.folder import content_hash, iter_article_files
from archiver.frontmatter import split
from archiver.items import BodyFormat
from archiver.reader.sanitize import markdown_to_html
from archiver.replay import ReplayProxy

CASES = yaml.safe_load((SITES / "ofweek-cases.yaml").read_text(encoding="utf-8"))
NEWS = [u for u in CASES["lists"]["news"]["articles"] if u not in CASES["lists"]["news"]["missing"]]

BODY = (
    "<p>3月15日消息，<strong>先进封装</strong>产能再度<em>告急</em>。</p>"
    "<h2>一、产能缺口</h2><ul><li>中介层面积放大；</li><li>HBM堆叠层数增加。</li></ul>"
    "<table><tr><th>厂商</th><th>产能</th></tr><tr><td>台积电</td><td>3.2</td></tr></table>"
    '<p><img src="https://img.example.cn/a (1).jpg" alt="结构图"></p>'
    '<p>详见<a href="https://www.example.cn/report">报告</a>，'
    "模板 &#123;&#123; x &#125;&#125; 照写。</p>"
    "<blockquote><p>“先进封装正在从配角变成主角。”</p></blockquote>"
)


def test_cleaned_html_becomes_markdown_with_structure_kept():
    md = html_to_markdown(BODY)
    assert md.startswith("3月15日消息，**先进封装**产能再度*告急*。")
    assert "## 一、产能缺口" in md
    assert "- 中介层面积放大；\n- HBM堆叠层数增加。" in md
    assert "| 厂商 | 产能 |\n| --- | --- |\n| 台积电 | 3.2 |" in md
    assert "![结构图](<https://img.example.cn/a (1).jpg>)" in md  # a URL with spaces and parens
    assert "[报告](https://www.example.cn/report)" in md
    assert "> “先进封装正在从配角变成主角。”" in md
    assert "<" not in md.replace("](<", "")  # no HTML left


def test_braces_stay_escaped_for_hexo_and_render_back():
    md = html_to_markdown(BODY)
    assert "{" not in md and "}" not in md
    assert "&#123;&#123; x &#125;&#125;" in md
    assert "{{ x }}" in markdown_to_html(md).text


def test_images_point_at_local_copies_and_keep_their_url():
    md = html_to_markdown(BODY + '<p><img src="https://img.example.cn/gone.jpg"></p>')
    local = rewrite_markdown_images(
        md, {"https://img.example.cn/a (1).jpg": "post-1a2b/9f (2).jpg"}
    )
    assert '![结构图](<post-1a2b/9f (2).jpg> "https://img.example.cn/a (1).jpg")' in local
    assert (
        "![](https://img.example.cn/gone.jpg)" in local
    )  # not stored: stays remote, retried later
    assert markdown_image_paths(local) == {
        "https://img.example.cn/a (1).jpg": "post-1a2b/9f (2).jpg",
        "https://img.example.cn/gone.jpg": "https://img.example.cn/gone.jpg",
    }
    assert (
        rewrite_markdown_images(local, {"https://img.example.cn/a (1).jpg": "post-1a2b/9f (2).jpg"})
        == local
    )
    # storing images later does not change what the article says
    assert content_hash("t", local, BodyFormat.MARKDOWN) == content_hash(
        "t", md, BodyFormat.MARKDOWN
    )
    assert markdown_to_html(local).images == ("post-1a2b/9f (2).jpg",)  # the reader finds the file


@pytest.fixture(scope="module")
def markdown_crawl(tmp_path_factory):
    """Two markdown crawls of the recorded OFweek copy (with failing images) into one archive."""
    root = tmp_path_factory.mktemp("md")
    sites = copy_sites(root / "sites")
    failing = add_faults(sites, stall=False)
    archive = root / "archive"
    with ReplayProxy(sites) as proxy:
        first = run_crawl(archive, proxy, settings={"ARCHIVE_BODY_FORMAT": "markdown"})
        second = run_crawl(archive, proxy, settings={"ARCHIVE_BODY_FORMAT": "markdown"})
    return archive, first, second, failing


def test_crawl_writes_markdown_bodies_with_local_images(markdown_crawl):
    archive, first, _, failing = markdown_crawl
    assert first.returncode == 0, first.stderr[-2000:]
    counts = [0, 0]
    articles = {}
    for path in iter_article_files(archive):
        meta, body = split(path.read_text(encoding="utf-8"))
        articles[meta["url"]] = (path, meta, body)
    assert sorted(articles) == sorted(NEWS)
    for url, (path, meta, body) in articles.items():
        expected = CASES["articles"][url]
        assert meta["format"] == "markdown" and meta["title"] == expected["title"]
        assert not re.search(r"</?(?:p|div|img|span|script|iframe)\b", body), url
        for phrase in expected.get("body_contains", []):
            if not phrase.startswith("<"):  # markup checks of the HTML crawl
                assert phrase in body.replace("\\", ""), (url, phrase)
        for phrase in expected.get("body_not_contains", []):
            assert phrase not in body, (url, phrase)
        images = markdown_image_paths(body)
        stored, failed = expected_images(expected, failing)
        for remote in stored:
            assert not images[remote].startswith(("http:", "https:", "/")), images[remote]
            assert (path.parent / unquote(images[remote])).is_file()
        for remote in failed:
            assert images[remote] == remote
        assert sorted(meta.get("pending_images", [])) == sorted(failed)
        counts[0] += len(stored)
        counts[1] += len(failed)
    assert all(counts)  # images were stored, and some failed: neither check ran empty


def test_second_crawl_retries_pending_images_without_rewriting_articles(markdown_crawl):
    archive, _, second, failing = markdown_crawl
    assert second.returncode == 0, second.stderr[-2000:]
    assert all(f"Image {url} of " in second.stderr for url in failing)  # retried, failed again
    assert ", 0 updated, " in second.summary and " 0 new," in second.summary
    assert not list(Path(archive).rglob("*.v1.md"))
