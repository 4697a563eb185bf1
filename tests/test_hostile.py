"""Issue 13: hostile content neither runs nor phones home from any copy of the archive.

The hostile article of the fault crawl (tests/faultsite.py) points every loading trick at an
"attacker" on 127.0.0.1. Its written ``.md`` is rendered as Hexo renders a post (Markdown
with raw HTML passed through), and opened, like its stored SVG, in headless Chromium from
``file://``; the attacker must see no request. A control page proves the attacker would.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from faultsite import BASE, attacker, fault_crawl

from archiver.frontmatter import split

__all__ = ["attacker", "fault_crawl"]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
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


def test_the_stored_svg_runs_nothing_and_loads_nothing(hostile, attacker, browser):
    [svg] = hostile.with_suffix("").glob("*.svg")
    assert b"<script" not in svg.read_bytes() and b"onload" not in svg.read_bytes()
    assert open_file(browser, svg) != "pwned"
    assert attacker.requests == []
