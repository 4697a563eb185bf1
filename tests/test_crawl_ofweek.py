"""End to end: ``scrapy crawl ofweek`` over the recorded OFweek copy, checked as a user would.

Expectations come from ``tests/sites/ofweek-cases.yaml`` (generated with the recording).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml

from archiver.folder import iter_article_files
from archiver.frontmatter import split

SITES = Path(__file__).resolve().parent / "sites"

CASES = yaml.safe_load((SITES / "ofweek-cases.yaml").read_text(encoding="utf-8"))
ARTICLES = CASES["articles"]
NEWS = CASES["lists"]["news"]
SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "000_3555a7db469a33f8.txt"
NEWS_ARTICLES = [u for u in NEWS["articles"] if u not in NEWS["missing"]]


@pytest.fixture(scope="module")
def archived(ofweek_crawl) -> dict[str, tuple[Path, dict, str]]:
    """url -> (file, frontmatter, body) for every article file the crawl wrote."""
    archive, _, _ = ofweek_crawl
    found = {}
    for path in iter_article_files(archive):
        meta, body = split(path.read_text(encoding="utf-8"))
        found[meta["url"]] = (path, meta, body)
    return found


def test_every_listed_article_has_one_file_and_the_404_has_none(archived):
    assert sorted(archived) == sorted(NEWS_ARTICLES)
    for url in NEWS["missing"]:
        assert url not in archived


def test_seed_article_frontmatter_is_byte_identical_to_the_seed_through_thumbnail(archived):
    path, _, _ = archived["https://mp.ofweek.com/medical/a145614128367"]
    text, seed = path.read_text(encoding="utf-8"), SEED.read_text(encoding="utf-8")
    cut = seed.index("\n", seed.index("\nthumbnail:") + 1) + 1
    assert text[:cut] == seed[:cut]


@pytest.mark.parametrize("url", NEWS_ARTICLES)
def test_article_fields_match_the_page(archived, url):
    expected = ARTICLES[url]
    path, meta, body = archived[url]
    assert meta["title"] == expected["title"]
    assert meta["date"] == expected["date"]
    assert meta["author"] == expected["author"]
    assert meta["headimg"] == meta["thumbnail"] == expected["headimg"]
    assert set(expected["tags"]) <= set(meta["tags"])
    assert meta["categories"] == ["新媒体", "高科技行业门户", "新闻"]
    assert meta["url"] == url and meta["site"] == "ofweek"
    assert meta.get("pages", 1) == expected["pages"]
    assert (meta.get("extraction") == "fallback") == bool(expected.get("fallback"))
    assert (
        path.relative_to(path.parents[2]).as_posix().startswith(f"ofweek/{_month(meta['date'])}/")
    )


@pytest.mark.parametrize("url", NEWS_ARTICLES)
def test_body_keeps_the_article_and_drops_boilerplate(archived, url):
    expected = ARTICLES[url]
    _, _, body = archived[url]
    text = (
        lxml.html.fragment_fromstring(body, create_parent="div").text_content()
        if body.strip()
        else ""
    )
    for phrase in expected.get("body_contains", []):
        assert phrase in body or phrase in text, phrase
    for phrase in expected.get("body_contains_raw", []):
        assert phrase in body, phrase
    for phrase in expected.get("body_not_contains", []):
        assert phrase not in body, phrase
    positions = [text.index(p) for p in expected.get("body_in_order", [])]
    assert positions == sorted(positions)


@pytest.mark.parametrize("url", NEWS_ARTICLES)
def test_images_are_local_files_and_failed_ones_keep_their_remote_url(archived, url):
    expected = ARTICLES[url]
    path, meta, body = archived[url]
    images = {
        img.get("data-original-src") or img.get("src"): img.get("src")
        for img in lxml.html.fragment_fromstring(body, create_parent="div").iter("img")
    }
    for remote in expected["images_local"]:
        src = images[remote]
        assert not src.startswith(("http:", "https:", "/")), src
        assert (path.parent / unquote(src)).is_file()
    for remote in expected["images_failed"]:
        assert images[remote] == remote
    assert sorted(meta.get("pending_images", [])) == sorted(expected["images_failed"])
    if expected["images_local"]:
        assert (path.parent / meta["cover"]).is_file()


def test_extensionless_image_is_stored_as_png_with_original_bytes(archived):
    path, _, body = archived["https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"]
    img = next(
        i
        for i in lxml.html.fragment_fromstring(body, create_parent="div").iter("img")
        if i.get("data-original-src") == "https://images.ofweek.com/image?id=1"
    )
    stored = path.parent / unquote(img.get("src"))
    assert stored.suffix == ".png"
    assert stored.read_bytes() == (SITES / "images.ofweek.com" / "image@id=1").read_bytes()


def test_hostile_title_stays_valid_yaml_and_body_is_inert(archived):
    path, meta, body = archived["https://robot.ofweek.com/2023-11/ART-8321203-8110-30616624.html"]
    assert (
        meta["title"]
        == ARTICLES["https://robot.ofweek.com/2023-11/ART-8321203-8110-30616624.html"]["title"]
    )
    doc = lxml.html.fragment_fromstring(body, create_parent="div")
    assert not doc.xpath("//script|//iframe|//object|//embed")
    assert not [a for el in doc.iter() for a in el.attrib if a.startswith("on")]


def test_image_requests_send_a_referer_unless_the_page_forbids_it(ofweek_crawl):
    _, _, proxy = ofweek_crawl
    portal = "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
    no_referrer = ARTICLES[portal]["fetched_without_referer"]
    for record in proxy.requests:
        if record.url in no_referrer:
            assert not record.referer
        elif "wafer_02.png" in record.url:
            assert record.referer == portal


def test_navigation_junk_and_placeholders_are_never_fetched(ofweek_crawl):
    _, _, proxy = ofweek_crawl
    fetched = set(proxy.urls())
    for url in (
        CASES["never_fetch"]["sidebar_and_related_articles"] + CASES["never_fetch"]["placeholder"]
    ):
        assert url not in fetched
    assert not [u for u in fetched if "ofweek.com" not in u.split("/")[2]]


def test_summary_and_exit_status(ofweek_crawl):
    _, result, _ = ofweek_crawl
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.summary.startswith(f"ofweek: {len(NEWS_ARTICLES)} new, 0 updated")
    failed = sum(len(a["images_failed"]) for u, a in ARTICLES.items() if u in NEWS_ARTICLES)
    local = sum(len(a["images_local"]) for u, a in ARTICLES.items() if u in NEWS_ARTICLES)
    assert f", 0 failed, 1 gone, {local} images, {failed} pending images in " in result.summary
    assert "No ofweek layout matched https://www.ofweek.com/ai/2023-05/" in result.stderr


def _month(rfc1123: str) -> str:
    from email.utils import parsedate_to_datetime

    from archiver.extract.dates import BEIJING

    return parsedate_to_datetime(rfc1123).astimezone(BEIJING).strftime("%Y-%m")
