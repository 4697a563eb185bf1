"""No input makes extraction raise: random markup, and real pages cut off anywhere.

``main_text`` and ``parse_article_page`` are called on every page a crawl meets, including
truncated downloads and broken markup; a pass that fails must be skipped, never propagated.
"""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.extract.maintext import extract_main_text, main_text
from archiver.extract.page import ArticlePage, parse_article_bytes, parse_article_page
from archiver.extract.rules import SiteRules

PAGES = Path(__file__).parent / "fixtures" / "realworld" / "pages"
# A GB2312 portal, a lazy-image self-media page, an English tech page, an old forum.
SAMPLES = ("cw-gbk-3", "weixin-1", "techcrunch-2", "cw-forum-2")
RULES = SiteRules(site="fuzz", name="", layouts=(), article_urls=())
URL = "https://news.example.cn/2024/05/13/a1.html"

TAGS = st.sampled_from(
    "html head body title meta script style div p span a img h1 h2 table tr td ul li "
    "article section time br picture source noscript iframe text".split()
)
ATTRS = st.sampled_from(
    [
        'class="content"',
        'id="article"',
        'src="/a.jpg"',
        'data-src="//x.cn/b.png"',
        'srcset="a.jpg 1x, b.jpg 2x"',
        'charset="gb2312"',
        'property="og:title" content="T"',
        'type="application/ld+json"',
        'style="display:none"',
        'href="http://[http://x.cn/a.html"',  # no URL parser takes it (a Guardian typo)
        'src="//[b.jpg"',
        "",
    ]
)
TEXT = st.text(
    alphabet=st.sampled_from(
        list("来源作者记者编辑：:2024-05-13 08:00年月日（）()<>&;\"'{}/\\\n 文章")
    ),
    max_size=30,
)


@st.composite
def markup(draw) -> str:
    """Tag soup: opened and closed tags in any order, attributes, Chinese text and dates."""
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<{draw(TAGS)} {draw(ATTRS)}>")
        elif kind == 1:
            parts.append(f"</{draw(TAGS)}>")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


@pytest.fixture(scope="module")
def samples() -> list[bytes]:
    return [gzip.decompress((PAGES / f"{name}.html.gz").read_bytes()) for name in SAMPLES]


@pytest.fixture(autouse=True)
def quiet_logs():
    logging.disable(logging.CRITICAL)  # failed passes log warnings by design
    yield
    logging.disable(logging.NOTSET)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=markup())
def test_random_markup_never_raises(html):
    assert isinstance(main_text(html, URL), str)
    page = parse_article_page(html, URL, RULES)
    assert page is None or isinstance(page, ArticlePage)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choice=st.integers(0, len(SAMPLES) - 1), cut=st.floats(0.0, 1.0))
def test_truncated_real_pages_never_raise(samples, choice, cut):
    raw = samples[choice][: int(len(samples[choice]) * cut)]
    result = extract_main_text(raw, URL)
    assert isinstance(result.text, str) and isinstance(result.failed_passes, tuple)
    content_type = "text/html; charset=" + ("gb18030" if choice == 0 else "utf-8")
    page = parse_article_bytes(raw, content_type, URL, RULES)
    assert page is None or isinstance(page.failed_passes, tuple)


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(max_size=400))
def test_random_bytes_never_raise(raw):
    assert isinstance(main_text(raw, URL), str)
    page = parse_article_bytes(raw, "text/html", URL, RULES)  # any bytes: a page or None
    assert page is None or isinstance(page, ArticlePage)


def test_a_failing_pass_is_named_and_skipped(monkeypatch):
    """A pass that raises (here: the density pass) is logged and named; the others decide."""
    import archiver.extract.maintext as maintext

    def broken(*args, **kwargs):
        raise KeyError("unmeasured element")

    monkeypatch.setattr(maintext, "density_text", broken)
    html = (
        "<html><body><article><h1>标题</h1>"
        + "".join(
            f"<p>这是第{i}段正文，讲述了一件完整的事情，句子足够长以便被识别。</p>"
            for i in range(8)
        )
        + "</article></body></html>"
    )
    result = maintext.extract_main_text(html, URL)
    assert result.failed_passes == ("density",)
    assert "第3段正文" in result.text
    page = parse_article_page(html, URL, RULES)
    assert page is not None and "density" in page.failed_passes


def test_links_no_url_parser_takes_do_not_stop_the_page():
    """A page's typo (``href="http://[http://…"``, seen on the Guardian) made ``urljoin``
    raise and the whole fallback fail: the article must still be archived, the broken
    link left without a target, the broken picture left out and the good one kept."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of the review tells the story of the film at some length.</p>"
        for i in range(6)
    )
    html = (
        '<html><head><title>A review</title><meta property="og:image" content="http://[x.jpg">'
        "</head><body><article><h1>A review</h1>"
        '<p>The director told this story once before, as <a href="http://[http://news.exa'
        'mple.cn/old.html">an older review</a> of his first film recalls at some length.</p>'
        f'<img src="https://news.example.cn/a.jpg"><img src="//[b.jpg">{paragraphs}'
        "</article></body></html>"
    )
    page = parse_article_page(html, URL, RULES)
    assert page is not None and page.failed_passes == ()
    assert "Paragraph 3 of the review" in page.text
    assert page.images.urls == ["https://news.example.cn/a.jpg"]
    assert "an older review" in page.body and "http://[" not in page.body


def test_feed_and_sitemap_entries_no_url_parser_takes_are_skipped():
    from archiver.extract.feeds import parse_feed
    from archiver.extract.sitemaps import parse_sitemap

    feed = (
        "<rss><channel><item><title>Bad</title><link>http://[x/1.html</link></item>"
        "<item><title>Good</title><link>https://news.example.cn/2.html</link></item>"
        "</channel></rss>"
    )
    assert [e.url for e in parse_feed(feed)] == ["https://news.example.cn/2.html"]
    sitemap = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://[x/1.html</loc></url>"
        b"<url><loc>https://news.example.cn/2.html</loc></url></urlset>"
    )
    assert [e.url for e in parse_sitemap(sitemap).entries] == ["https://news.example.cn/2.html"]
