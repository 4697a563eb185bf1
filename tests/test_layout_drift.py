"""A site that changed its layout reaches cron the next morning, not after months of bad files."""

from __future__ import annotations

from pathlib import Path

from conftest import run_crawl

from archiver.extract.page import missed_fields
from archiver.extract.rules import load_site
from archiver.extract.tree import parse_tree
from archiver.replay import ReplayProxy


def redesign(sites: Path) -> int:
    """OFweek renames its article container, as sites do: every recorded article page changes."""
    changed = 0
    for page in sites.glob("*.ofweek.com/**/*"):
        if not page.is_file() or "/Upload/" in page.as_posix():
            continue
        data = page.read_bytes()
        if b"articleC" in data:
            page.write_bytes(
                data.replace(b"articleC", b"articleBody").replace(b"article_con", b"a-text")
            )
            changed += 1
    return changed


def test_the_summary_names_the_site_definition_and_the_selectors_that_missed(tmp_path, site_copy):
    assert redesign(site_copy) >= 8
    with ReplayProxy(site_copy) as proxy:
        result = run_crawl(
            tmp_path / "archive",
            proxy,
            settings={"ARCHIVE_LAYOUT_DRIFT_FAILS": "1"},
            log_level="WARNING",
        )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "; FAILED: layout changed? site definition ofweek: " in result.summary
    assert "read by generic extraction (selectors missed: body " in result.summary
    assert " 0 failed" in result.summary  # generic extraction still archived every article


def test_a_page_the_layouts_cannot_read_says_which_selectors_missed():
    rules = load_site("ofweek")
    page = '<html><body><p class="title">标题</p><div id="x">正文</div></body></html>'
    assert missed_fields(parse_tree(page), rules.layouts[0]) == ("body",)
    assert missed_fields(parse_tree("<html><body></body></html>"), rules.layouts[0]) == (
        "title",
        "body",
    )
