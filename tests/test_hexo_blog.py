"""The recorded OFweek crawl published as real Hexo 7.3 blogs (default theme), checked on the HTML.

Three blogs, one per permalink style, each with its own ``timezone`` and generated on a
machine in another zone (``TZ``): ``archiver export hexo``, then ``hexo generate``, once per
blog for the whole module. The archive copy has one article in each body format and also
holds an old version and reader pages, which must not be published.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from hexo_helpers import PROJECT, export, generate, hexo_installed, make_blog, snapshot

from archiver.exports.hexo_permalink import slugize
from archiver.extract.body import serialize_body
from archiver.folder import iter_article_files, read_article
from archiver.frontmatter import split
from archiver.items import Article, BodyFormat
from archiver.paths import article_id
from archiver.render import render


@dataclass(frozen=True)
class Style:
    name: str
    permalink: str
    timezone: str  # the blog's; "" = none
    machine: str  # TZ of the export and `hexo generate`
    post_asset_folder: bool
    url: str = "http://example.com"
    root: str = "/"


STYLES = {
    s.name: s
    for s in (
        Style("date", ":year/:month/:day/:title/", "Asia/Shanghai", "America/Los_Angeles", True),
        Style(
            "html", ":title.html", "UTC", "Asia/Kolkata", False, "http://example.com/blog", "/blog/"
        ),
        Style("abbrlink", "posts/:abbrlink/", "", "Europe/Berlin", True),
    )
}
# Appended to the hostile article's body as a hand-edited file could hold it: a code block
# with blank lines and a fence, raw braces, Hexo's excerpt marker and a script.
CODE = "```python\nx = 1\n\n\n    y = {# not a comment #} {{ z }}\n```"
HOSTILE_TAIL = (
    f"<pre>{CODE}</pre>\n\n<!-- more -->\n<script>alert(1)</script><p>摘要之后的段落</p>\n"
)
ARTIFACTS = PROJECT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Page:
    path: str  # under public/
    doc: lxml.html.HtmlElement

    def images(self) -> list[str]:
        return [img.get("src", "") for img in self.doc.cssselect(".article-entry img")]


@dataclass
class Blog:
    style: Style
    folder: Path
    archive: Path
    articles: dict[str, Article]  # archive-relative path -> article
    pages: dict[str, Page]  # post title -> its page
    home: list[Page]

    @property
    def public(self) -> Path:
        return self.folder / "public"

    def published_file(self, src: str) -> Path | None:
        """The file under public/ an absolute-path URL of the blog names, if it is one."""
        if not src.startswith(self.style.root):
            return None
        return self.public / unquote(src)[len(self.style.root) :]

    def local_day(self, moment: datetime) -> str:
        zone = ZoneInfo(self.style.timezone or self.style.machine)
        return moment.astimezone(zone).strftime("%Y-%m-%d")


def _reformat(archive: Path, rel: str, body_format: BodyFormat) -> None:
    """Rewrite one article file with a Markdown or text body, as the crawl would have."""
    article = read_article(archive, rel)
    root = lxml.html.fragment_fromstring(article.body, create_parent="div")
    for img in root.iter("img"):  # back to the remote URLs an item carries
        img.set("src", img.get("data-original-src") or img.get("src", ""))
    text, _ = render(replace(article, body=serialize_body(root)), body_format, article.archived)
    (archive / rel).write_text(text, encoding="utf-8")
    assert read_article(archive, rel).body_format is body_format


@pytest.fixture(scope="module")
def archive(ofweek_archive, tmp_path_factory) -> Path:
    """A copy of the crawl with a Markdown and a text body, an old version and reader pages."""
    copy = tmp_path_factory.mktemp("hexo-archive") / "archive"
    shutil.copytree(ofweek_archive, copy)
    files = [p.relative_to(copy).as_posix() for p in iter_article_files(copy)]
    _reformat(copy, next(f for f in files if f.endswith("-a14f529e.md")), BodyFormat.MARKDOWN)
    _reformat(copy, next(f for f in files if f.endswith("-bff23130.md")), BodyFormat.TEXT)
    hostile = next(copy.rglob("*-b305f870.md"))
    text = hostile.read_text(encoding="utf-8").removesuffix("</div>\n")
    hostile.write_text(text + HOSTILE_TAIL + "</div>\n", encoding="utf-8")
    first = next(iter_article_files(copy))
    old = first.read_text(encoding="utf-8").replace("title: '", "title: '旧版本 ", 1)
    first.with_name(f"{first.stem}.v1.md").write_text(old, encoding="utf-8")
    (copy / "index.html").write_text("<title>{% if win %}</title>", encoding="utf-8")
    first.with_suffix(".html").write_text("<h1>reader page</h1>", encoding="utf-8")
    return copy


def _pages(public: Path) -> tuple[dict[str, Page], list[Page]]:
    posts: dict[str, Page] = {}
    home: list[Page] = []
    for path in sorted(public.rglob("*.html")):
        rel = path.relative_to(public).as_posix()
        doc = lxml.html.fromstring(path.read_bytes())
        if rel == "index.html" or rel.startswith("page/"):
            home.append(Page(rel, doc))
        elif doc.xpath('//meta[@property="og:type"][@content="article"]'):
            title = doc.cssselect("h1.article-title")[0].text_content().strip()
            assert title not in posts, f"two posts titled {title!r}: {posts[title].path}, {rel}"
            posts[title] = Page(rel, doc)
    return posts, home


@pytest.fixture(scope="module")
def blogs(archive, tmp_path_factory) -> dict[str, Blog]:
    """The three blogs, exported into and generated once."""
    hexo_installed()
    articles = {
        p.relative_to(archive).as_posix(): read_article(archive, p.relative_to(archive).as_posix())
        for p in iter_article_files(archive)
    }
    built = {}
    for style in STYLES.values():
        folder = make_blog(
            tmp_path_factory.mktemp(f"blog-{style.name}") / "blog",
            permalink=style.permalink,
            timezone=style.timezone,
            post_asset_folder=style.post_asset_folder,
            url=style.url,
            root=style.root,
        )
        done = export(folder, archive, tz=style.machine)
        assert done.returncode == 0, done.stderr
        generate(folder, style.machine)
        posts, home = _pages(folder / "public")
        built[style.name] = Blog(style, folder, archive, articles, posts, home)
    return built


@pytest.mark.parametrize("style", STYLES)
def test_one_post_per_article_and_nothing_else(blogs, style):
    blog = blogs[style]
    titles = {a.title for a in blog.articles.values()}
    assert set(blog.pages) == titles | {"Hello World"}  # no old version, no reader page
    assert not list(blog.public.rglob("reader page*"))
    for rel, article in blog.articles.items():
        page = blog.pages[article.title].path
        stem = Path(rel).stem
        if style == "date":
            day = blog.local_day(article.published).replace("-", "/")
            assert page == f"{day}/{Path(rel).parent}/{stem}/index.html"
        elif style == "html":
            assert page == f"{Path(rel).parent}/{stem}.html"
        else:
            assert page == f"posts/{article_id(article.url)}/index.html"


@pytest.mark.parametrize("style", STYLES)
def test_titles_and_dates_are_the_archives(blogs, style):
    blog = blogs[style]
    for article in blog.articles.values():
        doc = blog.pages[article.title].doc
        time = doc.cssselect("time.dt-published")[0]
        shown = datetime.fromisoformat(time.get("datetime").replace("Z", "+00:00"))
        assert shown == article.published.astimezone(timezone.utc), article.title
        assert time.text_content().strip() == blog.local_day(article.published)
        assert doc.findtext(".//title").startswith(article.title)


@pytest.mark.parametrize("style", STYLES)
def test_hostile_text_renders_literally(blogs, style):
    blog = blogs[style]
    hostile = [a.title for a in blog.articles.values() if "{% if win %}" in a.title]
    assert len(hostile) == 1 and "{{ price }}" in hostile[0]
    page = blog.pages[hostile[0]]  # found by its <h1>: the title, braces and quotes as they are
    text = page.doc.cssselect(".article-entry")[0].text_content()
    assert '{{ x }} 与 {% include "secret.html" %} 应当作为普通文字原样显示' in text
    assert page.doc.cssselect(".article-entry pre")[0].text_content() == CODE
    assert not page.doc.cssselect(".article-entry script")
    home = "".join(
        p.doc.text_content() for p in blog.home
    )  # shown in full, not cut at <!-- more -->
    assert "摘要之后的段落" in home and CODE in home


def _check_images(blog: Blog, page: Page, articles: list[Article]) -> tuple[int, int]:
    """(local images that resolve to a stored image's bytes, local images) of a page."""
    stored = {
        hashlib.sha256((blog.archive / p).read_bytes()).hexdigest()
        for a in articles
        for p in a.images.values()
    }
    pending = {u for a in articles for u in a.failed_images}
    resolved = total = 0
    for src in page.images():
        published = blog.published_file(src)
        if published is None:  # remote: only an image the archive does not hold yet
            assert src in pending, (page.path, src)
            continue
        total += 1
        assert published.is_file(), (page.path, src)
        assert hashlib.sha256(published.read_bytes()).hexdigest() in stored, (page.path, src)
        resolved += 1
    return resolved, total


@pytest.mark.parametrize("style", STYLES)
def test_every_stored_image_shows_on_its_page_and_the_home_page(blogs, style):
    blog = blogs[style]
    articles = list(blog.articles.values())
    on_posts = [_check_images(blog, blog.pages[a.title], [a]) for a in articles]
    on_home = [_check_images(blog, page, articles) for page in blog.home]
    stored = sum(len(set(a.images.values())) for a in articles)
    resolved = sum(r for r, _ in on_posts)
    assert resolved == sum(t for _, t in on_posts) == stored  # each stored image, once per post
    assert sum(r for r, _ in on_home) == sum(t for _, t in on_home) == stored
    print(f"{style}: {len(articles)} posts, {resolved} of {stored} stored images resolve")


@pytest.mark.parametrize("style", STYLES)
def test_frontmatter_images_point_at_the_blogs_copies(blogs, style):
    blog = blogs[style]
    for rel, article in blog.articles.items():
        meta, _ = split((blog.folder / "source" / "_posts" / rel).read_text(encoding="utf-8"))
        assert "source" not in meta  # Hexo's own key: the publisher is kept under another name
        assert meta.get("publisher", "") == article.source
        if article.headimg in article.images:
            for key in ("headimg", "thumbnail", "cover"):
                published = blog.published_file(meta[key])
                assert published is not None and published.is_file(), (rel, key, meta[key])


@pytest.mark.parametrize("style", STYLES)
def test_category_and_tag_pages_exist(blogs, style):
    blog = blogs[style]
    for article in blog.articles.values():
        category = blog.public / "categories" / "/".join(article.categories) / "index.html"
        listed = lxml.html.fromstring(category.read_bytes()).cssselect(".archive-article-title")
        assert article.title in {a.text_content().strip() for a in listed}
        for tag in article.tags:
            assert (blog.public / "tags" / slugize(tag) / "index.html").is_file(), tag


@pytest.mark.parametrize("style", STYLES)
def test_a_second_export_rewrites_nothing(blogs, style):
    blog = blogs[style]
    before = snapshot(blog.folder / "source"), (blog.folder / ".archiver-export.json").stat()
    again = export(blog.folder, blog.archive, tz=blog.style.machine)
    assert again.returncode == 0, again.stderr
    assert " 0 posts written" in again.stdout and " 0 images copied" in again.stdout
    after = snapshot(blog.folder / "source"), (blog.folder / ".archiver-export.json").stat()
    assert after[0] == before[0]
    assert after[1].st_mtime_ns == before[1].st_mtime_ns


def test_a_post_in_chromium_shows_every_image(blogs):
    """Headless Chromium opens a generated post over HTTP; screenshot in test-artifacts/."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    blog = blogs["date"]
    complete = [a for a in blog.articles.values() if a.images and not a.failed_images]
    article = max(complete, key=lambda a: len(a.images))
    handler = partial(_QuietHandler, directory=str(blog.public))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page.goto(f"{base}/{blog.pages[article.title].path}", wait_until="load")
            sizes = page.evaluate(
                """() => [...document.querySelectorAll('.article-entry img')]
                    .map(img => [img.currentSrc, img.complete ? img.naturalWidth : 0])"""
            )
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "hexo-post.png"), full_page=True)
            browser.close()
    finally:
        server.shutdown()
    assert len(sizes) == len(set(article.images.values()))
    assert all(width > 0 for _, width in sizes), sizes


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass
