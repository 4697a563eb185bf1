"""The one article model: what spiders yield, pipelines complete and every article file holds.

``frontmatter.dump(article)`` writes it in the seed format and ``frontmatter.load(text)``
reads a file back into the same class, so the writer, ``verify``, the reader and every
export see one set of fields with one set of defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class BodyFormat(str, Enum):
    """How an article file holds its body (SPEC §1): seed 000 is ``html``, seed 003 ``text``."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"

    @classmethod
    def parse(cls, value: object, where: str) -> BodyFormat:
        """The format named by ``value``; ValueError naming ``where`` (a setting, a key) if none."""
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise ValueError(f"{where} must be one of {names}, not {value!r}") from None


@dataclass
class Article:
    """An article as parsed from its page(s), completed by the pipelines, or read from its file.

    Spiders fill the page fields with an HTML ``body`` (and ``text`` where the page gives a
    cleaner plain text than the HTML, as the e-paper does). The write pipeline chooses the
    file's format, ``ArticleAssetsPipeline`` fills ``images`` (remote URL -> archive-relative
    path of the stored copy) and ``failed_images``; ``path`` is given before either runs.
    """

    url: str  # canonical URL: the identity of the article (first page if multi-page)
    site: str  # short site key, first folder of the archive path: "ofweek", "jjrb", ...
    title: str
    published: datetime | None  # timezone-aware; None when the page shows no date
    body: str  # in ``body_format``: cleaned HTML from a spider, any format from a file
    body_format: BodyFormat = BodyFormat.HTML
    text: str = ""  # the page's own plain text, preferred over the HTML's for text files
    site_format: BodyFormat | None = None  # the site definition's format, unless a setting wins
    author: str = ""
    source: str = ""  # publisher/source as printed on the page ("来源：...")
    editor: str = ""  # editor in charge ("责任编辑：..."), never the author
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    headimg: str = ""  # absolute URL of the head image as on the web
    image_urls: list[str] = field(default_factory=list)  # absolute URLs found in the body
    no_referrer_images: list[str] = field(default_factory=list)  # <img referrerpolicy=no-referrer>
    pages: int = 1
    extraction: str = "selectors"  # "selectors", or "fallback" (generic extraction)
    images: dict[str, str] = field(default_factory=dict)  # remote URL -> archive-relative path
    failed_images: list[str] = field(default_factory=list)  # stay remote, retried next run
    path: str = ""  # archive-relative path of the article file
    archived: datetime | None = None  # when the article was first archived
