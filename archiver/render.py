"""An item as its article file holds it: body in the file's format, images pointing at local copies.

Plain functions with no Scrapy in them, so that worker processes can run them (``render``,
and ``render_over``, which also compares the result with the file it would replace).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from archiver import frontmatter
from archiver.extract.markdown import html_to_markdown, rewrite_markdown_images
from archiver.folder import content_hash, html_text
from archiver.items import Article, BodyFormat
from archiver.paths import relative_to_article
from archiver.rewrite import rewrite_image_links
from archiver.sanitize import clean_html, escape_markup, is_loadable
from archiver.state import ArticleRecord


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


def render_over(
    item: Article, body_format: BodyFormat, path: Path, record: ArticleRecord | None
) -> tuple[str, str, str]:
    """(text, content hash, ``change_kind``) of writing ``item`` over the file at ``path``.

    The text is '' when the file already holds it: an unchanged article costs the crawl's
    reactor no file read, no YAML and no text sent back. The file's ``archived`` time is
    first read off its line and checked by rendering with it; the frontmatter is parsed
    only when that rendering differs from the file (a change, or a file written otherwise).
    """
    try:
        old: str | None = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    guess = frontmatter.archived_hint(old) if old is not None else None
    if guess is not None:
        text, digest = render(item, body_format, guess)
        if text == old:
            return "", digest, "unchanged"
    previous = _previous(old)
    archived = (previous.archived if previous else None) or datetime.now(timezone.utc)
    if guess is None or archived != guess:
        text, digest = render(item, body_format, archived)
    return text, digest, change_kind(previous, old, record, text, digest)


# Frontmatter keys that change when images arrive: a file that differs from the new text
# only there, and in no word of its text, is being completed, not updated.
IMAGE_KEYS = frozenset({"cover", "pending_images", "images"})


def change_kind(
    previous: Article | None, old: str | None, record: ArticleRecord | None, text: str, digest: str
) -> str:
    """What writing ``text`` over a file holding ``old`` would be: new, unchanged, completed
    or updated (``previous``: the file's article, None when it is missing or unreadable).

    Completed: the same text and the same metadata, images filled in (rewritten in place).
    Updated: anything a reader sees changed, a date, an author or tags included (the old
    file is kept as a version).
    """
    if previous is None or old is None:
        return "new"
    if old == text:
        return "unchanged"
    if _same_content(previous, record, digest) and _metadata(old) == _metadata(text):
        return "completed"
    return "updated"


def _metadata(text: str) -> dict:
    return {k: v for k, v in frontmatter.split(text)[0].items() if k not in IMAGE_KEYS}


def _same_content(previous: Article, record: ArticleRecord | None, digest: str) -> bool:
    """True when the file already holds this content (the state's hash, else the file's own:
    a run stopped by a full disk may have written files whose records it could not commit)."""
    if record is not None and record.content_hash == digest:
        return True
    return content_hash(previous.title, previous.body, previous.body_format) == digest


def _previous(old: str | None) -> Article | None:
    """The article a file's text holds, or None (a broken file counts as none)."""
    if old is None:
        return None
    try:
        return frontmatter.load(old)
    except frontmatter.FrontmatterError:
        return None
