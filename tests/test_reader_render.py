"""The offline reader's pages: safe to open, correct dates and links, and built incrementally."""

from __future__ import annotations

import posixpath
import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

import pytest

from archiver.frontmatter import dump
from archiver.items import Article, BodyFormat
from archiver.reader import build, build_reader, render, search
from archiver.reader.files import read_data
from archiver.reader.render import CSP
from archiver.reader.sample import make_sample_archive

JULY = "ofweek/2022-07"


def write(root: Path, rel: str, title: str, body: str, date: str, fmt: str = "html") -> Path:
    """Write one article file in the seed format."""
    article = Article(
        url=f"https://www.ofweek.com/{rel.removesuffix('.md')}.html",
        site="ofweek",
        title=title,
        published=parsedate_to_datetime(date),
        body=body,
        body_format=BodyFormat(fmt),
        author="高科技行业门户",
        categories=["新媒体", "新闻"],
        tags=["数字医疗"],
        path=rel,
    )
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(article), encoding="utf-8")
    return path


def page(root: Path, rel: str) -> str:
    return (root / rel.replace(".md", ".html")).read_text(encoding="utf-8")


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """Three articles across two months: old (June), middle and new (July)."""
    write(
        tmp_path,
        "ofweek/2022-06/old.md",
        "六月的旧文章",
        "<p>旧的正文。</p>",
        "Thu, 30 Jun 2022 02:00:00 GMT",
    )
    write(
        tmp_path,
        f"{JULY}/mid.md",
        "微医再获超10亿国资融资",
        "<p>数字医疗的风口。</p>",
        "Wed, 20 Jul 2022 05:47:00 GMT",
    )
    write(
        tmp_path,
        f"{JULY}/new.md",
        "七月的新文章",
        "<p>新的正文。</p>",
        "Thu, 21 Jul 2022 08:00:00 GMT",
    )
    return tmp_path


def mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.html")}


def test_page_carries_a_strict_csp_and_body_script_is_inert(tmp_path: Path) -> None:
    body = (
        '<p onclick="steal()">正文<script>window.pwned = 1</script></p>'
        '<img src="x.png" onerror="steal()"><a href="javascript:steal()">链接</a>'
        '<iframe src="https://evil.example/"></iframe>'
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
        "<style>@import url(https://evil.example/x.css);</style>"
        '<form action="https://evil.example/"><input></form>'
        '<img src="ok/a.png" style="background:url(https://evil.example/t.png)"'
        ' srcset="https://evil.example/2x.png 2x">'
    )
    write(
        tmp_path,
        f"{JULY}/evil.md",
        '<script>alert(1)</script> 标题 & "引号"',
        body,
        "Wed, 20 Jul 2022 05:47:00 GMT",
    )
    build_reader(tmp_path)
    html = page(tmp_path, f"{JULY}/evil.md")
    head = html.split("</head>")[0]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert csp and csp.group(1) == CSP
    assert head.index("Content-Security-Policy") < head.index("<title>")
    assert (
        "default-src 'none'" in CSP and "unsafe-inline" not in CSP and "form-action 'none'" in CSP
    )
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="../../.reader/article.js" defer>']
    body_html = html.split('<div class="article-body">')[1].split("</article>")[0]
    for needle in (
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "http-equiv",
        "<style",
        "<form",
        "<input",
        "srcset",
        "style=",
        "evil.example",
        "window.pwned",
    ):
        assert needle not in body_html
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; 标题 &amp; &quot;引号&quot;</h1>" in html
    assert '<img src="ok/a.png" decoding="async">' in html


def test_dates_are_utc_in_markup_for_the_script_to_localise(three: Path) -> None:
    build_reader(three)
    html = page(three, f"{JULY}/mid.md")
    assert '<time datetime="2022-07-20T05:47:00Z" data-local>2022-07-20 05:47 UTC</time>' in html
    assert "高科技行业门户" in html
    assert (
        '<a href="https://www.ofweek.com/ofweek/2022-07/mid.html" rel="noopener noreferrer">'
        in html
    )


def test_previous_and_next_follow_the_newest_first_list(three: Path) -> None:
    build_reader(three)
    mid = page(three, f"{JULY}/mid.md")
    assert (
        '<a class="prev" rel="prev" href="new.html"><small>上一篇（较新）</small>七月的新文章</a>'
        in mid
    )
    assert (
        '<a class="next" rel="next" href="../2022-06/old.html">'
        "<small>下一篇（较早）</small>六月的旧文章</a>" in mid
    )
    newest = page(three, f"{JULY}/new.md")
    assert 'rel="prev"' not in newest and 'href="mid.html"' in newest
    assert 'rel="next"' not in page(three, "ofweek/2022-06/old.md")


def test_second_build_renders_nothing(three: Path) -> None:
    assert build_reader(three).rendered == 3
    before = mtimes(three)
    report = build_reader(three)
    assert (report.rendered, report.added, report.changed, report.articles) == (0, 0, 0, 3)
    assert mtimes(three) == before


def test_changing_one_article_rerenders_only_it(three: Path) -> None:
    build_reader(three)
    before = mtimes(three)
    write(
        three,
        f"{JULY}/mid.md",
        "微医再获超10亿国资融资",
        "<p>改过的正文。</p>",
        "Wed, 20 Jul 2022 05:47:00 GMT",
    )
    report = build_reader(three)
    assert (report.rendered, report.changed) == (1, 1)
    after = mtimes(three)
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {f"{JULY}/mid.html"}
    assert "改过的正文" in page(three, f"{JULY}/mid.md")


def test_touching_a_file_without_changing_it_renders_nothing(three: Path) -> None:
    build_reader(three)
    path = three / JULY / "mid.md"
    path.write_bytes(path.read_bytes())
    assert build_reader(three).rendered == 0


def test_new_and_removed_articles_update_their_neighbours(three: Path) -> None:
    build_reader(three)
    write(
        three,
        "ofweek/2022-08/newest.md",
        "八月文章",
        "<p>八月。</p>",
        "Mon, 01 Aug 2022 01:00:00 GMT",
    )
    report = build_reader(three)
    assert (report.added, report.rendered) == (1, 2)  # the new page and the old newest one
    assert "八月文章" in page(three, f"{JULY}/new.md")
    (three / JULY / "mid.md").unlink()
    report = build_reader(three)
    assert (report.removed, report.rendered, report.articles) == (1, 2, 3)
    assert not (three / JULY / "mid.html").exists()
    months = [m for m, _ in read_data(three, "meta")["months"]]
    assert months == ["2022-08", "2022-07", "2022-06"]


def test_a_deleted_page_is_rendered_again(three: Path) -> None:
    build_reader(three)
    (three / JULY / "mid.html").unlink()
    assert build_reader(three).rendered == 1
    assert (three / JULY / "mid.html").exists()


def test_text_and_markdown_bodies(tmp_path: Path) -> None:
    write(
        tmp_path,
        f"{JULY}/text.md",
        "电子报",
        "第一段<b>\n续行\n\n第二段",
        "Wed, 20 Jul 2022 05:47:00 GMT",
        fmt="text",
    )
    write(
        tmp_path,
        f"{JULY}/md.md",
        "Markdown",
        "## 小标题\n\n正文 **加粗**",
        "Wed, 20 Jul 2022 04:47:00 GMT",
        fmt="markdown",
    )
    build_reader(tmp_path)
    assert "<p>第一段&lt;b&gt;<br>\n续行</p>\n<p>第二段</p>" in page(tmp_path, f"{JULY}/text.md")
    assert "<h2>小标题</h2>" in page(tmp_path, f"{JULY}/md.md")


def test_images_not_archived_link_to_the_original_instead_of_loading(tmp_path: Path) -> None:
    body = '<p><img src="https://images.ofweek.com/a.jpg"></p><p><img src="stem/b.png" data-original-src="https://x/b.png"></p>'
    write(tmp_path, f"{JULY}/img.md", "图片", body, "Wed, 20 Jul 2022 05:47:00 GMT")
    build_reader(tmp_path)
    html = page(tmp_path, f"{JULY}/img.md")
    assert '<img src="https://' not in html
    assert (
        '<a href="https://images.ofweek.com/a.jpg" rel="noopener noreferrer">'
        "图片未存档（原图链接）</a>" in html
    )
    [entry] = read_data(tmp_path, "m/0")  # the entry block of documents 0-63
    assert entry[8] == "stem/b.png"  # no cover key: the first local image stands in


def test_broken_file_is_reported_and_the_rest_built(three: Path) -> None:
    (three / JULY / "broken.md").write_text("not an article", encoding="utf-8")
    report = build_reader(three)
    assert report.articles == 3 and len(report.errors) == 1 and "broken.md" in report.errors[0]


def test_index_and_assets_are_all_local(three: Path) -> None:
    build_reader(three)
    index = (three / "index.html").read_text(encoding="utf-8")
    assert f'content="{CSP}"' in index and 'data-total="3"' in index
    refs = re.findall(r'(?:src|href)="([^"]+)"', index)
    assert refs and all(not re.match(r"[a-z]+://|//", r) for r in refs if r != "data:,")
    for name in ("reader.css", "index.js", "search.js", "article.js"):
        text = (three / ".reader" / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), name
    meta = read_data(three, "meta")
    assert meta["total"] == 3 and meta["sites"] == [["ofweek", 3]]
    assert ["数字医疗", 3] in meta["tags"]


def test_a_build_in_worker_processes_links_every_page_to_its_list_neighbours(
    tmp_path: Path, monkeypatch
) -> None:
    """Chunks go to two worker processes; pages at chunk edges get their links fixed."""
    monkeypatch.setattr(build, "CHUNK", 192)
    monkeypatch.setattr(build, "POOL_MIN", 1)
    make_sample_archive(tmp_path, 700, seed=4, images=0)
    report = build_reader(tmp_path, workers=2)
    assert (report.articles, report.rendered, report.errors) == (700, 700, [])
    index = search.Index(tmp_path)
    listed = [index.store.entry(dn) for dn in index.order]
    paths = [f"{e[1]}/{e[2]}.html" for e in listed]
    dates = [e[4] for e in listed]
    assert dates == sorted(dates, reverse=True)
    link = re.compile(r'<a class="(prev|next)" rel="\1" href="([^"]+)">')
    for i, path in enumerate(paths):
        links = dict(link.findall((tmp_path / path).read_text(encoding="utf-8")))
        folder = posixpath.dirname(path)
        resolved = {
            k: posixpath.normpath(posixpath.join(folder, unquote(v))) for k, v in links.items()
        }
        expected = {}
        if i:
            expected["prev"] = paths[i - 1]
        if i + 1 < len(paths):
            expected["next"] = paths[i + 1]
        assert resolved == expected, path
    assert build_reader(tmp_path, workers=2).rendered == 0


def test_pages_fill_their_templates_as_string_template_does() -> None:
    """The templates are cut into pieces once; filling them gives what ``substitute`` gives."""
    for name in ("article.html", "index.html"):
        template = render._template(name)
        found = template.pattern.finditer(template.template)
        names = {m["named"] or m["braced"] for m in found} - {None}
        values = {key: f"<{key} $x>" for key in names}
        assert names and render._fill(name, **values) == template.substitute(**values)
