"""Issue 13: nothing lost without a word, and hostile content neither runs nor phones home.

One crawl of a faulty and hostile site (tests/faultsite.py), then what a user checks: the
exit status, the summary's counts, the log, the files, ``archiver verify``. The hostile
article's ``.md`` is rendered as Hexo renders a post (Markdown passing raw HTML through) and
opened, like its stored SVG, in headless Chromium from ``file://``: the "attacker" on
127.0.0.1 must see no request. A control page proves it would see one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
from faultsite import BASE, CASES, attacker, counts, fault_crawl, list_url, stats_of

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.paths import MAX_PATH_BYTES
from archiver.state import SqliteState, state_path
from archiver.verify import verify_archive

__all__ = ["attacker", "fault_crawl"]  # the fixtures: one crawl for every test here
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


def article_files(archive: Path) -> dict[str, Path]:
    return {split(p.read_text(encoding="utf-8"))[0]["url"]: p for p in iter_article_files(archive)}


def test_every_listed_article_is_archived_or_failed_with_a_reason(fault_crawl):
    archive, first, *_ = fault_crawl
    files = article_files(archive)
    failed = dict(re.findall(r"Article (\S+) failed \(([a-z0-9_]+)\)", first.stderr))
    for case, expected in CASES.items():
        url = f"{BASE}/news/{case}.html"
        outcome = "archived" if url in files else failed.get(url, failed.get(list_url(case)))
        assert outcome is not None, f"{case}: neither archived nor failed\n{first.stderr[-3000:]}"
        assert outcome in expected, f"{case}: {outcome}, expected {expected}"
    summary = counts(first.summary)
    assert summary["new"] == len(files) and summary["failed"] == len(failed)
    assert summary["new"] + summary["failed"] == len(CASES)
    assert "Traceback" not in first.stderr and "Task exception" not in first.stderr


def test_failures_count_towards_the_run_verdict(fault_crawl):
    _, first, *_ = fault_crawl
    n = counts(first.summary)["failed"]
    assert first.returncode == 1
    assert f"FAILED: {n} of {len(CASES)} articles failed" in first.summary
    stats = stats_of(first.stderr)
    for reason in ("redirect_loop", "too_large", "http_503", "private_address"):
        assert stats[f"archive/articles_failed/{reason}"] == 1
    assert stats["archive/backoff/503"] >= 1  # the odd Retry-After was tolerated


def test_gzip_bomb_and_huge_image_are_refused_early(fault_crawl):
    archive, first, *_ = fault_crawl
    assert "exceeded DOWNLOAD_MAXSIZE (33554432 B) during decompression" in first.stderr
    assert stats_of(first.stderr)["archive/images_failed/too_large"] == 1
    assert not [p for p in archive.rglob("*") if p.is_file() and p.stat().st_size > 1_000_000]


def test_private_addresses_are_never_requested(fault_crawl, attacker):
    _, first, fetched, *_ = fault_crawl
    assert not [u for u in fetched if "127.0.0.1" in u or "169.254." in u]
    assert stats_of(first.stderr)["archive/requests_refused/private_address"] >= 3
    assert attacker.requests == []


def test_a_catastrophic_user_regex_does_not_stall_the_crawl(fault_crawl):
    _, first, fetched, *_ = fault_crawl
    assert first.summary  # the crawl ended (run_crawl's timeout would have stopped it)
    assert not [u for u in fetched if "aaaaaaaa" in u]  # not an article URL: not fetched


def test_an_image_shared_by_two_articles_is_in_each_folder(fault_crawl):
    archive, *_ = fault_crawl
    files = article_files(archive)
    a1, a2 = files[f"{BASE}/news/a1.html"], files[f"{BASE}/news/a2.html"]
    assert a1.parent.name == "2024-03" and a2.parent.name == "2024-02"
    assert len(list(a1.with_suffix("").glob("*.png"))) == 2
    assert len(list(a2.with_suffix("").glob("*.png"))) == 1
    assert verify_archive(archive).ok, verify_archive(archive).problems
    a1.unlink()
    shutil.rmtree(a1.with_suffix(""))
    report = verify_archive(archive)
    assert not [p for p in report.problems if "missing" in p]  # a2's image still resolves


def test_paths_are_short_and_never_windows_device_names(fault_crawl):
    archive, *_ = fault_crawl
    for path in archive.rglob("*"):
        rel = path.relative_to(archive).as_posix()
        assert len(rel.encode("utf-8")) <= MAX_PATH_BYTES, rel
        assert not [s for s in rel.split("/") if WINDOWS_DEVICES.match(s) or s[-1] in ". "]
    assert (archive / "con_").is_dir()


def test_a_redirected_article_is_skipped_on_the_next_run(fault_crawl):
    archive, first, _, second, refetched, _ = fault_crawl
    assert "/old/moved.html" not in " ".join(refetched)
    assert f"{BASE}/news/moved.html" not in refetched
    state = SqliteState(state_path(archive))
    try:
        assert state.get(list_url("moved")).url == f"{BASE}/news/moved.html"
    finally:
        state.close()
    again = counts(second.summary)
    assert again["new"] == 0 and again["updated"] == 0
    assert again["skipped"] == counts(first.summary)["new"]  # the moved article included
    # only the articles with pending images were read again, from their files
    assert again["unchanged"] == stats_of(second.stderr)["archive/articles_revisited"]


LOADING_MARKUP = (
    "<base", "poster=", "ping=", "srcset=", "background=", "<form", "<meta", "url(",
    "<source", "<video", "<audio", "<script", "onerror", "<iframe", "<object", "<link",
    "<style", "<svg",
)  # fmt: skip


@pytest.fixture(scope="module")
def hostile(fault_crawl) -> Path:
    archive = fault_crawl[0]
    for path in archive.rglob("*.md"):
        if split(path.read_text(encoding="utf-8"))[0].get("url") == f"{BASE}/news/hostile.html":
            return path
    pytest.fail("the hostile article was not archived")


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="no playwright")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_file(browser, path: Path) -> str:
    """Open ``path`` from file:// until the network is idle; the document's title."""
    page = browser.new_page()
    try:
        page.goto(path.as_uri(), wait_until="networkidle")
        return page.title()
    finally:
        page.close()


def as_hexo_post(md: Path) -> Path:
    """The post page Hexo would make of ``md`` (marked passes raw HTML), beside the file so
    that its relative image paths resolve as in a post asset folder."""
    _, body = split(md.read_text(encoding="utf-8"))
    page = md.with_name(md.stem + ".post.html")
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>post</title></head><body>'
        f"{markdown.markdown(body)}</body></html>",
        encoding="utf-8",
    )
    return page


def test_the_file_keeps_no_markup_that_loads_or_runs(hostile, attacker):
    _, body = split(hostile.read_text(encoding="utf-8"))
    assert [m for m in LOADING_MARKUP if m in body.lower()] == []
    assert attacker.address not in body  # the pixel on 127.0.0.1 is gone, src and all
    assert "相对链接" in body and "样式" in body  # the article's own text stays


@needs_chromium
def test_the_file_opened_as_a_hexo_post_requests_nothing_from_the_attacker(
    hostile, attacker, browser, tmp_path
):
    control = tmp_path / "control.html"
    control.write_text(f'<img src="http://{attacker.address}/control.png">', encoding="utf-8")
    open_file(browser, control)
    assert attacker.requests == ["/control.png"]  # the harness sees a request when one is made
    attacker.requests.clear()
    assert open_file(browser, as_hexo_post(hostile)) == "post"
    assert attacker.requests == []


@needs_chromium
def test_the_stored_svg_runs_nothing_and_loads_nothing(hostile, attacker, browser):
    [svg] = hostile.with_suffix("").glob("*.svg")
    assert b"<script" not in svg.read_bytes() and b"onload" not in svg.read_bytes()
    assert open_file(browser, svg) != "pwned"
    assert attacker.requests == []
