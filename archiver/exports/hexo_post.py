"""One archived article as a Hexo post: its file's text and the images it needs beside it.

The frontmatter keeps the archive's keys in their order. The date is written in the form
Hexo 7 reads as the right instant (``hexo_date``); ``source``, which Hexo overwrites with
the file's path, becomes ``publisher``; ``permalink`` is the blog's own rule applied by the
export in the blog's zone (Hexo 7 fills ``:year/:month/:day`` in the machine's zone), so the
post's URL is known and right. Every stored image (``headimg``, ``thumbnail``, ``cover``,
the body's ``<img>``) points at the blog's copy by an absolute path (root + the published
path), which resolves on the post's page and on index pages alike; pending images keep their
remote URL. The body is one HTML block (no blank line, so marked passes it verbatim) with
no ``{``, ``}`` or backtick left for Nunjucks or Hexo's code-block filter to read.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote

import lxml.html
import markdown
import yaml
from lxml import etree

from archiver.exports.hexo_blog import HexoBlog
from archiver.exports.hexo_permalink import asset_path, extra_tokens, post_path, url_for
from archiver.extract.body import serialize_body
from archiver.extract.dates import to_rfc1123
from archiver.items import Article, BodyFormat
from archiver.paths import article_id, asset_folder
from archiver.rewrite import ORIGINAL_SRC_ATTR

# Archive keys Hexo gives another meaning, and their names in the export (README).
RENAMED_KEYS = {"source": "publisher"}
# Published as they are under ``source/`` when the blog keeps no post asset folders.
IMAGES_DIR = "images"
_IMAGE_KEYS = ("headimg", "thumbnail")
_BLANK_LINE = re.compile(r"(?m)^([ \t]*)\n")


@dataclass(frozen=True)
class PostImage:
    """A stored image and where its copy goes in the blog."""

    source: str  # archive-relative path of the stored file
    dest: str  # blog-relative path of the copy
    url: str  # absolute-path URL of the copy on the generated site


@dataclass(frozen=True)
class Post:
    """An article as a post: file path under the blog, its whole text, its images."""

    dest: str  # blog-relative path, e.g. source/_posts/ofweek/2022-07/<name>.md
    text: str
    images: tuple[PostImage, ...]
    pending: int  # images left at their remote URL


def post_relpath(blog: HexoBlog, article_relpath: str) -> str:
    """The post's path under ``_posts``: the archive's own path (``<site>/<YYYY-MM>/<name>``)."""
    return posixpath.splitext(article_relpath)[0] + blog.post_extension


def post_dest(blog: HexoBlog, article_relpath: str) -> str:
    """The post's blog-relative path."""
    return f"{blog.source_dir}/_posts/{post_relpath(blog, article_relpath)}"


def hexo_date(blog: HexoBlog, moment: datetime) -> datetime | str:
    """A date Hexo 7 reads as ``moment`` whatever its ``timezone`` and the machine's zone.

    With ``timezone`` set, Hexo takes a date as that zone's wall-clock time and drops any
    offset; the blog's local time without one is right. Without it Hexo parses a string
    with ``new Date``, so the archive's RFC 1123 ``GMT`` form is right.
    """
    zone = blog.zone()
    if zone is None:
        return to_rfc1123(moment)
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def build_post(blog: HexoBlog, article: Article, meta: dict[str, Any]) -> Post:
    """The post of ``article`` (read with ``read_article``; ``meta`` is its file's frontmatter)."""
    front = _frontmatter(blog, article, meta)
    moment = article.published or article.archived
    page = None
    if moment is not None:  # else Hexo dates the post by the file's birth time
        page = front["permalink"] = post_path(blog, post_relpath(blog, article.path), front, moment)
    images = _images(blog, article, page)
    urls = {image.source: image.url for image in images}
    remote_urls = {remote: urls[local] for remote, local in article.images.items()}
    for key in _IMAGE_KEYS:
        if front.get(key) in remote_urls:
            front[key] = remote_urls[front[key]]
    if front.get("cover"):
        local = posixpath.normpath(posixpath.join(posixpath.dirname(article.path), front["cover"]))
        if local in urls:
            front["cover"] = urls[local]
        else:
            del front["cover"]
    if isinstance(front.get("images"), dict):
        front["images"] = {k: remote_urls[k] for k in front["images"] if k in remote_urls}
    body = _body(article, urls, remote_urls)
    head = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, width=math.inf, default_flow_style=False
    )
    text = f"---\n{head}---\n{body}"
    pending = len(article.failed_images)
    return Post(post_dest(blog, article.path), text, images, pending)


def _frontmatter(blog: HexoBlog, article: Article, meta: dict[str, Any]) -> dict[str, Any]:
    """The archive's keys, in order: date in Hexo's form, reserved keys renamed, ids added."""
    front: dict[str, Any] = {}
    for key, value in meta.items():
        front[RENAMED_KEYS.get(key, key)] = value
    front["title"] = article.title
    front["categories"] = list(article.categories)
    if "tags" in front:
        front["tags"] = list(article.tags)
    moment = article.published or article.archived
    if moment is not None:
        front["date"] = hexo_date(blog, moment)
    front.setdefault("id", article_id(article.url) if article.url else "")
    for token in extra_tokens(blog, front):  # e.g. :abbrlink, which a plugin would add
        front[token] = front["id"]
    return front


def _images(blog: HexoBlog, article: Article, page: str | None) -> tuple[PostImage, ...]:
    """Where the stored images go: the post's asset folder (Hexo publishes it beside the
    page, ``page`` being the post's path), else ``source/images/<archive path>``."""
    stored = sorted(set(article.images.values()))
    if not blog.post_asset_folder or page is None:
        return tuple(
            PostImage(p, f"{blog.source_dir}/{IMAGES_DIR}/{p}", url_for(blog, f"{IMAGES_DIR}/{p}"))
            for p in stored
        )
    relpath = post_relpath(blog, article.path)
    post_folder = f"{blog.source_dir}/_posts/{posixpath.splitext(relpath)[0]}"
    folder = asset_folder(article.path) + "/"
    images = []
    for p in stored:
        name = p[len(folder) :] if p.startswith(folder) else posixpath.basename(p)
        images.append(PostImage(p, f"{post_folder}/{name}", url_for(blog, asset_path(page, name))))
    return tuple(images)


def _body(article: Article, urls: dict[str, str], remote_urls: dict[str, str]) -> str:
    """The body as one safe HTML block, its images pointing at the blog's copies."""
    if article.body_format is BodyFormat.TEXT:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article.body) if p.strip()]
        figures = [f'<p><img src="{html.escape(u)}" alt=""></p>' for u in urls.values()]
        text = "\n".join(
            [*figures, *(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)]
        )
    elif article.body_format is BodyFormat.MARKDOWN:
        text = markdown.markdown(article.body, extensions=["tables"])
    else:
        text = article.body
    if not text.strip():
        return "<div>\n</div>\n"
    root = lxml.html.fragment_fromstring(text, create_parent="div")
    for el in list(root.iter(etree.Comment, "script", "style")):
        el.drop_tree()  # invisible, and a comment may hold Hexo's <!-- more -->
    folder = posixpath.dirname(article.path)
    for img in root.iter("img"):
        src = img.get("src") or ""
        remote = img.get(ORIGINAL_SRC_ATTR) or _url_or_none(img.get("title")) or src
        new_src = remote_urls.get(remote)
        if new_src is None and src and not _url_or_none(src) and not src.startswith("data:"):
            new_src = urls.get(posixpath.normpath(posixpath.join(folder, unquote(src))))
            if new_src is None and _url_or_none(remote):
                new_src = remote  # no stored copy (any more): the remote URL again
        if new_src:
            img.set("src", new_src)
            img.attrib.pop("srcset", None)
    markup = serialize_body(root).replace("`", "&#96;")
    return "<div>\n" + _BLANK_LINE.sub(r"\1&#10;", markup) + "\n</div>\n"


def _url_or_none(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://", "//")) else None
