"""End to end: ``scrapy crawl ofweek`` over the recorded OFweek copy, checked as a user would.

Expectations come from ``tests/sites/ofweek-cases.yaml`` (generated with the recording).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml
from conftest import OFWEEK_CRAWL_FAULTS, run_crawl
from crawling import SITES, add_faults, expected_images, faults

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy

CASES = yaml.safe_load((SITES / "ofweek-cases.yaml").read_text(encoding="utf-8"))
ARTICLES = CASES["articles"]
NEWS = CASES["lists"]["news"]
SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "000_3555a7db469a33f8.txt"
NEWS_ARTICLES = [u for u in NEWS["articles"] if u not in NEWS["missing"]]
PORTAL = "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
EE_LIST = "https://ee.ofweek.com/CATList-2800-8100-ee-1.html"


def image_sources(body: str) -> dict[str, str]:
    """Remote URL -> the ``src`` the archived body gives it (local path, or still remote)."""
    return {
        img.get("data-original-src") or img.get("src"): img.get("src")
        for img in lxml.html.fragment_fromstring(body, create_parent="div").iter("img")
    }


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
    path, meta, body = archived[url]
    stored, failed = expected_images(ARTICLES[url], OFWEEK_CRAWL_FAULTS)
    assert stored  # every recorded article has an image: none of this passes without one
    images = image_sources(body)
    for remote in stored:
        src = images[remote]
        assert not src.startswith(("http:", "https:", "/")), src
        assert (path.parent / unquote(src)).is_file()
    for remote in failed:
        assert images[remote] == remote
    assert sorted(meta.get("pending_images", [])) == sorted(failed)
    assert (path.parent / meta["cover"]).is_file()


def test_each_failed_image_is_logged_with_its_reason(ofweek_crawl):
    _, result, _ = ofweek_crawl
    assert OFWEEK_CRAWL_FAULTS  # the copy had faults: the portal's images failed
    for url, reason in OFWEEK_CRAWL_FAULTS.items():
        assert f"Image {url} of {PORTAL} failed ({reason}" in result.stderr, url
        assert f"'archive/images_failed/{reason}': 1," in result.stderr  # the stats dump


def test_an_image_that_stalls_times_out_and_is_pending_while_the_rest_is_stored(
    tmp_path, site_copy
):
    [stalled] = set(faults(stall=True)) - set(faults(stall=False))
    assert add_faults(site_copy, only=[stalled]) == {stalled: "timeout"}
    with ReplayProxy(site_copy) as proxy:  # the portal and one other article; no retry
        result = run_crawl(
            tmp_path / "a",
            proxy,
            "-a",
            f"start={EE_LIST}",
            "-a",
            "pages=1",
            settings={"RETRY_TIMES": "0"},
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Image {stalled} of {PORTAL} failed (timeout" in result.stderr
    assert "'archive/images_failed/timeout': 1," in result.stderr
    assert ", 1 pending images in " in result.summary
    [portal] = [p for p in iter_article_files(tmp_path / "a") if "CoWoS" in p.name]
    meta, body = split(portal.read_text(encoding="utf-8"))
    images = image_sources(body)
    assert meta["pending_images"] == [stalled] and images[stalled] == stalled
    stored, _ = expected_images(ARTICLES[PORTAL], [stalled])
    assert stored and all((portal.parent / unquote(images[u])).is_file() for u in stored)


def test_extensionless_image_is_stored_as_png_with_original_bytes(archived):
    path, _, body = archived[PORTAL]
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
    no_referrer = ARTICLES[PORTAL]["fetched_without_referer"]
    checked = set()
    for record in proxy.requests:
        if record.url in no_referrer:
            assert not record.referer
            checked.add(record.url)
        elif "wafer_02.png" in record.url:
            assert record.referer == PORTAL
            checked.add(record.url)
    assert len(checked) == len(no_referrer) + 1  # both kinds were fetched


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
    expected = [expected_images(ARTICLES[u], OFWEEK_CRAWL_FAULTS) for u in NEWS_ARTICLES]
    local = sum(len(stored) for stored, _ in expected)
    failed = sum(len(failed) for _, failed in expected)
    assert local and failed
    assert f", 0 failed, 1 gone, {local} images, {failed} pending images in " in result.summary
    assert "No ofweek layout matched https://www.ofweek.com/ai/2023-05/" in result.stderr


def _month(rfc1123: str) -> str:
    from email.utils import parsedate_to_datetime

    from archiver.extract.dates import BEIJING

    return parsedate_to_datetime(rfc1123).astimezone(BEIJING).strftime("%Y-%m")
