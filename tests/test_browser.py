"""The offline reader in a real browser: headless Chromium opens ``file://…/index.html``.

The archive is the crawl of the recorded OFweek copy (fixture ``ofweek_archive``) when the
test suite defines it, copied so the build does not touch the shared folder; otherwise a
generated sample archive. Screenshots go to ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archiver.folder import iter_article_files
from archiver.reader import build_reader, search
from archiver.reader.files import read_data
from archiver.reader.render import CSP, Neighbour, render_article
from archiver.reader.sample import make_sample_archive, write_sample_article
from archiver.reader.sanitize import CleanBody
from archiver.reader.source import Entry, read_article
from archiver.reader.tokens import TITLE, normalize, query_terms, shard_of
from bench.reader_browser import FLAGS  # one set of Chromium flags for the test and the bench

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
INJECTED_PHRASE = "离线阅读器验收专用短语"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")


def _source_archive(request) -> Path | None:
    """The crawled OFweek archive if conftest provides it, else None."""
    try:
        return request.getfixturevalue("ofweek_archive")
    except pytest.FixtureLookupError:
        return None


def _unique_phrase(target: Entry, texts: dict[str, str]) -> str | None:
    """A run of Han characters from ``target``'s body found in no other article or title."""
    body = normalize(target.body.text)
    others = [t for rel, t in texts.items() if rel != target.rel]
    for run in sorted(re.findall(r"[\u4e00-\u9fff]{8,}", body), key=len, reverse=True):
        phrase = run[len(run) // 2 - 4 : len(run) // 2 + 4]
        if (
            body.count(phrase)
            and phrase not in normalize(target.title)
            and not any(phrase in o for o in others)
        ):
            return phrase
    return None


def _has_local_images(root: Path, article: Entry) -> bool:
    folder = (root / article.rel).parent
    return bool(article.body.images) and all(
        (folder / src).is_file() for src in article.body.images
    )


@pytest.fixture(scope="module")
def reader(request, tmp_path_factory) -> dict:
    """A built archive, with the article and phrase the test searches for."""
    root = tmp_path_factory.mktemp("browser") / "archive"
    source = _source_archive(request)
    if source is not None:
        shutil.copytree(source, root)
    else:
        make_sample_archive(root, 40, seed=11)
    rels = sorted(p.relative_to(root).as_posix() for p in iter_article_files(root))
    articles = [read_article(root, rel) for rel in rels]
    texts = {a.rel: normalize(f"{a.title}\n{a.body.text}") for a in articles}
    target, phrase = None, None
    for article in (a for a in articles if _has_local_images(root, a)):
        phrase = _unique_phrase(article, texts)
        if phrase:
            target = article
            break
    # The crawled archive must have one (a crawl that stored no image fails here); a sample
    # archive without a fitting article gets one added.
    assert target is not None or source is None, "no crawled article with local images"
    if target is None:
        rel = write_sample_article(
            root,
            random.Random(5),
            datetime(2024, 7, 1, 8, tzinfo=timezone.utc),
            images=2,
            extra_text=f"本段包含{INJECTED_PHRASE}。",
        )
        target, phrase = read_article(root, rel), INJECTED_PHRASE
        articles.append(target)
    report = build_reader(root)
    assert report.articles == len(articles) and not report.errors
    return {
        "root": root,
        "target": target,
        "phrase": phrase,
        "count": len(articles),
        "source": "ofweek_archive" if source else "sample",
    }


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(
        viewport={"width": 1200, "height": 900}, timezone_id="Asia/Shanghai", locale="zh-CN"
    )
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.requests = requests
    yield ctx
    ctx.close()


def _wait(page, *states: str) -> None:
    page.wait_for_function(f"{list(states)}.includes(document.body.dataset.state)", timeout=15_000)


def test_list_search_and_article_offline(reader, context) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    root, target = reader["root"], reader["target"]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto((root / "index.html").as_uri())
    _wait(page, "ready")
    assert page.locator("#count").get_attribute("data-shown") == str(reader["count"])
    assert page.inner_text("#count") == f"共 {reader['count']} 篇"
    page.screenshot(path=str(ARTIFACTS / "reader-index.png"))

    page.goto((root / "index.html").as_uri() + "?q=" + reader["phrase"])
    _wait(page, "done")
    rows = page.locator(".row")
    assert rows.count() == 1, page.inner_text("#list")
    assert rows.first.get_attribute("data-path") == target.rel
    assert page.locator("#count").get_attribute("data-shown") == "1"
    assert page.locator(".row .snippet mark").first.inner_text() == reader["phrase"]
    assert page.input_value("#q") == reader["phrase"]
    page.screenshot(path=str(ARTIFACTS / "reader-search.png"))

    rows.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and target.title in page.title()
    sizes = page.eval_on_selector_all(
        ".article-body img", "imgs => imgs.map(i => i.complete && i.naturalWidth)"
    )
    assert sizes and all(w and w > 0 for w in sizes), sizes
    if target.date and not target.date_unknown:
        local = target.date.astimezone(timezone.utc).timestamp() + 8 * 3600
        shown = datetime.fromtimestamp(local, timezone.utc).strftime("%Y-%m-%d %H:%M")
        assert page.inner_text(".byline time") == f"{shown}（UTC+8）"
    page.screenshot(path=str(ARTIFACTS / "reader-article.png"))

    assert not errors
    remote = [u for u in context.requests if not u.startswith("file://")]
    assert remote == [], remote


def test_js_tokenizer_matches_python(reader, context) -> None:
    page = context.new_page()
    page.goto((reader["root"] / "index.html").as_uri())
    _wait(page, "ready")
    samples = ["数字医疗", "５Ｇ手机，ＡＩ芯片", "𠀀𠀁x_y", "iPhone 15 Pro", '"互联网+医疗" 华']
    js = page.evaluate(
        "s => s.map(q => READER.terms(q).map(t => [t.text, t.keys, t.lookup, t.exact]))", samples
    )
    assert js == [
        [[t.text, list(t.keys), list(t.lookup), t.exact] for t in query_terms(s)] for s in samples
    ]
    keys = sorted({k for s in samples for t in query_terms(s) for k in t.keys})
    keys += [TITLE + k for k in keys] + ["=s:ofweek", "=g:数字医疗"]
    assert page.evaluate("g => g.map(x => READER.shardOf(x, 1024))", keys) == [
        shard_of(k, 1024) for k in keys
    ]


def test_csp_blocks_a_body_that_slipped_through(reader, context, tmp_path) -> None:
    """Render a hostile body without sanitising it: the page's CSP alone must hold."""
    rel = "site/2024-07/hostile.md"
    (tmp_path / "site" / "2024-07").mkdir(parents=True)
    hostile = CleanBody(
        '<p id="p">正文</p><script>document.title = "pwned"</script>'
        '<img src="https://tracker.example/p.png" onerror="document.title = \'pwned\'">'
        '<link rel="stylesheet" href="https://cdn.example/x.css">',
        "",
        (),
    )
    article = Entry(rel, "0", "敌意正文", None, False, "site", "", "", [], [], "", "", hostile)
    html = render_article(article, Neighbour("site/2024-07/x.md", "x"), None)
    assert CSP in html
    (tmp_path / rel.replace(".md", ".html")).write_text(html, encoding="utf-8")
    page = context.new_page()
    finished: list[str] = []
    page.on("requestfinished", lambda r: finished.append(r.url))
    page.goto((tmp_path / rel.replace(".md", ".html")).as_uri())
    page.wait_for_timeout(300)
    assert page.title() == "敌意正文"
    assert [u for u in finished if not u.startswith("file://")] == []


PLANTED = {  # text planted into a generated archive -> how many articles carry it
    "鑫": ("标题里的鑫源科技", "正文提到鑫源。", "又一次鑫"),
    "钙钛矿叠层电池": ("钙钛矿叠层电池迎来量产", "据悉钙钛矿叠层电池效率再创新高。", ""),
    "麒麟9000S芯片": ("", "搭载麒麟9000S芯片的新机。", "麒麟9000S芯片供货恢复。"),
}


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A few thousand generated articles (built with worker processes), a few planted."""
    root = tmp_path_factory.mktemp("large") / "archive"
    make_sample_archive(root, 2000, seed=21, images=0, body_chars=700)
    rnd = random.Random(8)
    for day, texts in enumerate(PLANTED.values(), start=1):
        for hour, text in enumerate(texts):
            title = text if hour == 0 and text else None
            when = datetime(2023, 3, day, hour, tzinfo=timezone.utc)
            write_sample_article(root, rnd, when, images=0, extra_text=text, title=title)
    report = build_reader(root)
    assert report.articles == 2009 and not report.errors
    return root


def _rows(page) -> list[str]:
    return page.eval_on_selector_all(".row", "rows => rows.map(r => r.dataset.path)")


def _search(page, query: str) -> None:
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_function(
        """q => document.getElementById('list').dataset.shownFor === q
             && !document.querySelector('.row.pending')
             && ['done', 'searching'].includes(document.body.dataset.state)""",
        arg=query,
        timeout=15_000,
    )


QUERIES = (
    "鑫",
    "华为",
    "电",
    "钙钛矿叠层电池",
    "9000s芯片",
    "AI服务器",
    '"有望在未来三到五年"',
    "量子纠缠路由器",
)


def test_search_in_a_large_archive_agrees_with_archiver_search(large, context) -> None:
    """One and two characters, phrases, mixed Chinese/Latin, no hit: the browser shows the
    hits ``archiver search`` finds (itself checked against the files), in the same order."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((large / "index.html").as_uri())
    _wait(page, "ready")
    assert page.locator(".row").count() < 40  # 2,009 articles, only the rows on screen
    for query in QUERIES:
        _search(page, query)
        expected = [h.rel for h in search.search(large, query, limit=0)]
        shown = _rows(page)
        assert shown == expected[: len(shown)], query
        assert shown or not expected, query
        if page.evaluate("document.body.dataset.state") == "done":
            assert page.locator("#count").get_attribute("data-shown") == str(len(expected))
            assert page.inner_text("#count") == f"找到 {len(expected)} 篇"
        else:  # a common phrase is confirmed as the list scrolls: the count is an upper bound
            assert page.inner_text("#count").startswith("找到约 "), query
        if not expected:
            assert page.inner_text("#count") == "找到 0 篇" and page.locator(".row").count() == 0
        for planted, texts in PLANTED.items():
            if normalize(planted) == normalize(query):
                assert len(expected) == sum(1 for t in texts if t), query
                if texts[0]:  # the one with it in the title comes first
                    assert planted in page.inner_text(".row .title")
    assert not errors


def test_filters_on_a_large_archive(large, context) -> None:
    page = context.new_page()
    page.goto((large / "index.html").as_uri())
    _wait(page, "ready")
    page.select_option("#f-site", "jjrb")
    page.wait_for_function(
        "() => document.getElementById('count').textContent.startsWith('筛选出')"
    )
    meta = read_data(large, "meta")
    jjrb = dict(meta["sites"])["jjrb"]
    assert page.inner_text("#count") == f"筛选出 {jjrb} / 2009 篇"
    page.wait_for_function("() => !document.querySelector('.row.pending')")
    assert all(p.startswith("jjrb/") for p in _rows(page))
    _search(page, "华为")
    expected = [h.rel for h in search.search(large, "华为", limit=0) if h.rel.startswith("jjrb/")]
    assert page.locator("#count").get_attribute("data-shown") == str(len(expected))
    assert _rows(page) == expected[: len(_rows(page))]
