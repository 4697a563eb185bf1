"""End to end: ``scrapy crawl jjrb`` over the recorded 经济日报 e-paper, checked as a user would.

Expectations come from ``tests/sites/jjrb-cases.yaml`` (written with the recording by
``tests/sites/make_jjrb.py``). Golden bodies are ``tests/fixtures/jjrb/<case>/expected.txt``;
after an intended change to the cleaning, regenerate them from a crawl and review the diff:

    JJRB_REGENERATE=1 .venv/bin/python -m pytest tests/test_jjrb.py -k golden
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml
from conftest import SITES, CrawlResult, run_crawl
from scrapy.exceptions import UsageError

from archiver.extract.dates import to_rfc1123
from archiver.extract.epaper import edition_time
from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from spiders.jjrb import MAX_DAYS, JjrbSpider, edition_days

CASES = yaml.safe_load((SITES / "jjrb-cases.yaml").read_text(encoding="utf-8"))
ARTICLES = CASES["articles"]
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "jjrb"
GOLDEN_CASES = ["seed", "image", "next_head"]
LATEST = CASES["latest"]["day"]


def archived(archive: Path) -> dict[str, tuple[Path, dict, str]]:
    """url -> (file, frontmatter, body without its final newline) of every article file."""
    found = {}
    for path in iter_article_files(archive):
        meta, body = split(path.read_text(encoding="utf-8"))
        found[meta["url"]] = (path, meta, body.rstrip("\n"))
    return found


@pytest.fixture(scope="module")
def latest_crawl(tmp_path_factory) -> tuple[Path, CrawlResult, list[str], CrawlResult, list[str]]:
    """The default run (the latest issue), then a second run on the same archive.

    The second run does not let Scrapy follow the index's refresh: the spider follows it.
    """
    archive = tmp_path_factory.mktemp("jjrb") / "archive"
    with ReplayProxy(SITES) as proxy:
        first = run_crawl(archive, proxy, spider="jjrb")
        fetched = proxy.urls()
        proxy.reset()
        second = run_crawl(archive, proxy, spider="jjrb", settings={"METAREFRESH_ENABLED": "False"})
        refetched = proxy.urls()
    assert first.returncode == 0, first.stderr[-3000:]
    return archive, first, fetched, second, refetched


@pytest.fixture(scope="module")
def latest(latest_crawl) -> dict[str, tuple[Path, dict, str]]:
    return archived(latest_crawl[0])


def test_latest_issue_is_found_through_the_index_and_every_article_has_one_file(
    latest, latest_crawl
):
    _, result, fetched, _, _ = latest_crawl
    assert sorted(latest) == sorted(CASES["editions"][LATEST])
    assert fetched.index(CASES["latest"]["url"]) < fetched.index(CASES["latest"]["first_page"])
    assert result.summary.startswith(f"jjrb: {len(CASES['editions'][LATEST])} new, 0 updated")
    assert ", 0 failed, 0 gone, 1 images, 0 pending images in " in result.summary


def test_furniture_entries_other_days_and_page_images_are_never_fetched(latest_crawl):
    fetched = set(latest_crawl[2])
    for url in CASES["skipped_entries"] + CASES["never_fetch"]:
        assert url not in fetched, url
    assert not [u for u in fetched if "/202301/12/" in u or "/202301/11/" in u]


@pytest.mark.parametrize("url", CASES["editions"][LATEST])
def test_frontmatter_matches_the_page(latest, url):
    expected = ARTICLES[url]
    path, meta, body = latest[url]
    assert meta["title"] == expected["title"]
    assert meta["author"] == expected["author"]
    assert meta["categories"] == expected["categories"]
    assert meta["date"] == to_rfc1123(edition_time(date.fromisoformat(expected["day"]), "+08:00"))
    assert meta["url"] == url and meta["site"] == "jjrb" and meta["format"] == "text"
    assert meta["headimg"] == meta["thumbnail"] == expected["headimg"]
    assert (
        path.relative_to(path.parents[2]).as_posix().startswith(f"jjrb/2023-01/{expected['day']}-")
    )
    assert body and "<" not in body and "\n\n\n" not in body


def test_image_is_stored_beside_the_article_and_named_in_the_frontmatter(latest):
    path, meta, body = latest[next(u for u, a in ARTICLES.items() if a["case"] == "image")]
    cover = path.parent / meta["cover"]
    assert cover.is_file() and cover.parent == path.with_suffix("")
    assert (
        cover.read_bytes()
        == (SITES / "paper.ce.cn" / meta["headimg"].split("paper.ce.cn/", 1)[1]).read_bytes()
    )
    assert body.endswith("（资料图片）") and "\n\n图：北京市西城区" in body and "http" not in body
    assert meta["images"] == {
        meta["headimg"]: meta["cover"]
    }  # every image, listed (the body cannot show it)


def test_verify_counts_the_images_of_text_bodies(latest_crawl):
    from archiver.verify import verify_archive

    report = verify_archive(latest_crawl[0])
    assert report.ok, report.problems
    assert report.images == 1


def test_bodies_are_clean(latest):
    bodies = "\n".join(body for _, _, body in latest.values())
    for junk in (
        CASES["editor_line"],
        "本版编辑",
        "下转第二版",
        "本报记者 冯其予",
        "稳外贸政策持续发力",
        "\n\n2\n\n",
        "\n\n黄鑫\n\n",
    ):
        assert junk not in bodies, junk


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden_bodies(latest, case):
    url = next(u for u, a in ARTICLES.items() if a["case"] == case)
    _, meta, body = latest[url]
    expected = GOLDEN / case / "expected.txt"
    if os.environ.get("JJRB_REGENERATE"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(body + "\n", encoding="utf-8")
        meta_file = {
            "url": url,
            "title": meta["title"],
            "author": meta["author"],
            "page": ARTICLES[url]["layout_page"],
        }
        (expected.parent / "meta.yaml").write_text(
            yaml.safe_dump(meta_file, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    assert body + "\n" == expected.read_text(encoding="utf-8")


def test_second_run_fetches_only_the_edition_pages(latest_crawl):
    _, _, _, second, refetched = latest_crawl
    assert second.returncode == 0 and second.summary.startswith("jjrb: 0 new, 0 updated")
    assert f"Latest issue: {CASES['latest']['first_page']}" in second.stderr
    assert not [u for u in refetched if "/content/" in u or "/pic/" in u]


def test_single_date_archives_that_day_only(tmp_path, proxy):
    result = run_crawl(tmp_path / "archive", proxy, "-a", "date=2023-01-12", spider="jjrb")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(archived(tmp_path / "archive")) == sorted(CASES["editions"]["2023-01-12"])
    assert CASES["latest"]["url"] not in proxy.urls()
    assert not [u for u in proxy.urls() if "/202301/13/" in u]


def test_range_skips_a_day_without_an_edition_and_html_bodies_on_request(tmp_path, proxy):
    result = run_crawl(
        tmp_path / "archive",
        proxy,
        "-a",
        "since=2023-01-11",
        "-a",
        "until=2023-01-13",
        spider="jjrb",
        settings={"ARCHIVE_BODY_FORMAT": "html"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = archived(tmp_path / "archive")
    assert sorted(found) == sorted(u for day in CASES["editions"].values() for u in day)
    assert (
        "No edition at http://paper.ce.cn/pc/layout/202301/11/node_01.html (HTTP 404): "
        "no paper that day" in result.stderr
    )
    _, meta, body = found[next(u for u, a in ARTICLES.items() if a["case"] == "image")]
    assert "format" not in meta and body.startswith("<p>北京作为首个减量发展的大城市")
    img = lxml.html.fragment_fromstring(body, create_parent="div").find(".//img")
    assert (
        img.get("data-original-src") == meta["headimg"] and unquote(img.get("src")) == meta["cover"]
    )


def test_a_single_date_without_an_edition_fails_the_run(tmp_path, proxy):
    result = run_crawl(
        tmp_path / "archive", proxy, "-a", f"date={CASES['missing_day']}", spider="jjrb"
    )
    assert result.returncode == 1 and "FAILED: a list page could not be fetched" in result.summary


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"date": "2023-13-01"}, "is not a day of the calendar"),
        ({"date": "13.01.2023"}, "-a date must be a day like 2023-01-13"),
        ({"date": "2023-01-13", "since": "2023-01-01"}, "cannot be combined"),
        ({"date": "latest", "until": "2023-01-01"}, "cannot be combined"),
        ({"until": "2023-01-01"}, "needs -a since"),
        ({"since": "2023-01-13", "until": "2023-01-01"}, "is after until"),
        ({"since": "2023-01-xx"}, "must be a date like"),
        ({"date": "2999-01-01"}, "there is no edition yet"),
        ({"since": "2020-01-01", "until": "2023-01-01"}, f"at most {MAX_DAYS} days"),
        (
            {"start": "http://paper.ce.cn/pc/layout/202301/13/node_01.html"},
            "unknown argument -a start; it takes date, since",
        ),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(args, message):
    with pytest.raises(UsageError, match=message):
        JjrbSpider.parse_arguments(args)


def test_bad_date_fails_the_command_before_any_request(tmp_path, proxy):
    result = run_crawl(tmp_path / "archive", proxy, "-a", "date=2023-02-30", spider="jjrb")
    assert result.returncode == 2
    assert "-a date '2023-02-30' is not a day of the calendar" in result.stderr
    assert proxy.urls() == []


def test_edition_days():
    today = date(2023, 1, 13)
    assert edition_days(None, None, None, today) is None
    assert edition_days("latest", None, None, today) is None
    assert edition_days("2023-01-12", None, None, today) == [date(2023, 1, 12)]
    assert edition_days(None, date(2023, 1, 11), None, today) == [
        date(2023, 1, 11),
        date(2023, 1, 12),
        today,
    ]


def test_recording_is_up_to_date():
    proc = subprocess.run(
        [sys.executable, str(SITES / "make_jjrb.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
