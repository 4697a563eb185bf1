"""The archive folder on disk: which files are articles, which images are stored, reading one back.

Pure file-system helpers with no Scrapy in them, shared by the crawl, ``archiver verify``,
the reader and the exports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import lxml.html

from archiver.extract.body import block_text
from archiver.extract.markdown import markdown_text
from archiver.frontmatter import FrontmatterError, load
from archiver.items import Article, BodyFormat
from archiver.state import STATE_DIRNAME

# Kept old versions of updated articles: <name>.v1.md, <name>.v2.md, ... beside <name>.md.
VERSION_FILE = re.compile(r"\.v\d+\.md$")


def is_archive(folder: Path) -> bool:
    """True for a folder a crawl archived into: it holds the archive's ``.archiver`` folder."""
    return (folder / STATE_DIRNAME).is_dir()


def iter_article_files(archive_dir: Path) -> Iterator[Path]:
    """Every current article file, skipping private dot-folders and kept old versions."""
    for path in sorted(archive_dir.rglob("*.md")):
        rel = path.relative_to(archive_dir)
        if any(part.startswith(".") for part in rel.parts) or VERSION_FILE.search(path.name):
            continue
        yield path


def version_path(path: Path, number: int) -> Path:
    """Where version ``number`` of an updated article is kept, beside the current file."""
    return path.with_name(f"{path.stem}.v{number}.md")


def content_hash(title: str, body: str, body_format: BodyFormat = BodyFormat.HTML) -> str:
    """Hash of an article's title and text: changes when its content does, not when images land."""
    if body_format is BodyFormat.HTML:
        text = html_text(body)
    elif body_format is BodyFormat.MARKDOWN:
        text = markdown_text(body)
    else:
        text = body
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def html_text(body: str) -> str:
    """Plain text of an HTML body as written (braces unescaped), paragraphs blank-line separated."""
    if not body.strip():
        return ""
    unescaped = body.replace("&#123;", "{").replace("&#125;", "}")
    return block_text(lxml.html.fragment_fromstring(unescaped, create_parent="div"))


def is_stored(path: Path) -> bool:
    """An image file that holds something: an empty one is what a power cut can leave."""
    try:
        return path.stat().st_size > 0 and path.is_file()
    except OSError:
        return False


def read_article(archive_dir: Path, relpath: str) -> Article:
    """The Article of a written file, its images checked on disk: a missing one is pending again.

    Raises OSError, UnicodeDecodeError or FrontmatterError when the file cannot be read.
    """
    article = load((archive_dir / relpath).read_text(encoding="utf-8"), relpath)
    missing = [url for url, local in article.images.items() if not is_stored(archive_dir / local)]
    if not missing:
        return article
    return replace(
        article,
        images={u: p for u, p in article.images.items() if u not in missing},
        failed_images=list(dict.fromkeys([*article.failed_images, *missing])),
    )


def try_read_article(archive_dir: Path, relpath: str) -> tuple[Article | None, str]:
    """``read_article``, or (None, why) for a file that is missing or broken."""
    try:
        return read_article(archive_dir, relpath), ""
    except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
        return None, str(exc)
