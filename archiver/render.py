"""An item as its article file holds it: body in the file's format, images pointing at local copies.

Plain functions with no Scrapy in them, so that worker processes can run them (``render``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from archiver import frontmatter
from archiver.extract.markdown import html_to_markdown, rewrite_markdown_images
from archiver.folder import content_hash, html_text
from archiver.items import Article, BodyFormat
from archiver.paths import relative_to_article
from archiver.rewrite import rewrite_image_links
from archiver.sanitize import clean_html, escape_markup, is_loadable


def file_body(item: Article, body_format: BodyFormat) -> str:
    """The item's body converted to the file's format (a spider's body is HTML), made safe
    to open in any renderer (``archiver.sanitize``): the seed's bodies pass unchanged."""
    if item.body_format is body_format:
        body = item.body
    elif body_format is BodyFormat.TEXT:
        body = item.text or html_text(item.body)
    else:
        body = html_to_markdown(clean_html(item.body))
    return clean_html(body) if body_format is BodyFormat.HTML else escape_markup(body)


def file_article(item: Article, body_format: BodyFormat, archived: datetime) -> tuple[Article, str]:
    """The article as its file holds it (body converted, images local) and its content hash.

    The hash covers the title and the text, not the image links, so an article whose images
    arrive later keeps its hash.
    """
    body = file_body(item, body_format)
    digest = content_hash(item.title, body, body_format)
    local = {url: relative_to_article(item.path, path) for url, path in item.images.items()}
    if body_format is BodyFormat.HTML:
        body = rewrite_image_links(body, local)
    elif body_format is BodyFormat.MARKDOWN:
        body = rewrite_markdown_images(body, local)
    headimg = item.headimg if is_loadable(item.headimg) else ""  # themes load it as a cover
    article = replace(
        item, body=body, body_format=body_format, text="", archived=archived, headimg=headimg
    )
    return article, digest


def render(item: Article, body_format: BodyFormat, archived: datetime) -> tuple[str, str]:
    """The file text and the content hash of an item: the write's CPU work, for a worker process."""
    article, digest = file_article(item, body_format, archived)
    return frontmatter.dump(article), digest
