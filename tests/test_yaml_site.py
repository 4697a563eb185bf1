"""A site defined by YAML alone: ``scrapy crawl site -a name=tests/fixtures/sites/<name>.yaml``.

The recorded copy (``tests/sites/www.example-tech.cn/``) and the expectations (``ARTICLES``)
come from ``tests/sites/make_yamlsite.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml
from conftest import PROJECT, SITES, run_crawl

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy

sys.path.insert(0, str(SITES))
from make_yamlsite import ARTICLES, BASE, HOST  # noqa: E402

DEFINITION = PROJECT / "tests" / "fixtures" / "sites" / "example-tech.yaml"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    archive = tmp_path_factory.mktemp("yamlsite") / "archive"
    with ReplayProxy(SITES) as proxy:
        result = run_crawl(archive, proxy, "-a", f"name={DEFINITION}", spider="site")
        fetched = set(proxy.urls())
    files = {}
    for path in iter_article_files(archive):
        text = path.read_text(encoding="utf-8")
        meta, body = split(text)
        files[meta["url"]] = (path, meta, body, text)
    return archive, result, fetched, files


def test_the_crawl_archives_every_listed_article(crawled):
    archive, result, fetched, files = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.summary.startswith(
        "site: 3 new, 0 updated, 0 completed, 0 unchanged, 0 skipped, 0 failed"
    )
    assert sorted(files) == sorted(BASE + art["path"] for art in ARTICLES)
    assert f"{BASE}/special/index.html" not in fetched  # listed, but not an article URL
    assert "https://ads.example.cn/" not in fetched and f"{BASE}/static/loading.gif" not in fetched


@pytest.mark.parametrize("art", ARTICLES, ids=lambda a: a["path"])
def test_frontmatter_is_valid_yaml_with_the_definitions_fields(crawled, art):
    archive, _, _, files = crawled
    path, meta, _, text = files[BASE + art["path"]]
    head = text.split("\n---\n", 2)[1]  # the text opens with "\n---\n", as the seed does
    assert yaml.safe_load(head)["title"] == art["title"]  # quotes and colons survive
    assert meta["title"] == art["title"] and meta["date"] == art["date"]
    assert meta["author"] == (art["author"] or art["source"])
    assert meta["source"] == art["source"] and meta["tags"] == art["tags"]
    assert meta["categories"] == ["科技", "示例科技网", "资讯"] and meta["site"] == "example-tech"
    assert "extraction" not in meta  # the definition's layout matched
    expected_head = BASE + art["images"][0] if art["images"] else ""
    assert meta["headimg"] == meta["thumbnail"] == expected_head
    rel = path.relative_to(archive).as_posix()
    assert rel.startswith("example-tech/2024-03/2024-03-") and len(rel.encode()) <= 200


@pytest.mark.parametrize("art", ARTICLES, ids=lambda a: a["path"])
def test_body_is_cleaned_and_images_are_local_copies(crawled, art):
    _, _, _, files = crawled
    path, meta, body, _ = files[BASE + art["path"]]
    doc = lxml.html.fragment_fromstring(body, create_parent="div")
    text = doc.text_content()
    for paragraph in art["paragraphs"]:
        assert paragraph in text
    for junk in ("广告", "分享到", "声明", "相关文章", "关键词", "ICP备"):
        assert junk not in text, junk
    images = {img.get("data-original-src"): img.get("src") for img in doc.iter("img")}
    assert sorted(images) == sorted(BASE + src for src in dict.fromkeys(art["images"]))
    for remote, local in images.items():
        stored = path.parent / unquote(local)
        recorded = SITES / HOST / remote.removeprefix(BASE + "/")
        assert stored.read_bytes() == recorded.read_bytes()
        assert stored.suffix == Path(remote).suffix
    if art["images"]:
        assert (path.parent / meta["cover"]).is_file()
    assert not meta.get("pending_images")
