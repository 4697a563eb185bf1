"""The one item contract between spiders and pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Article:
    """An article as parsed from its page(s), then completed by the pipelines.

    Spiders fill the page fields. ``ArticleAssetsPipeline`` fills ``images`` (remote URL ->
    archive-relative path of the stored copy) and ``failed_images``; ``WriteArticlePipeline``
    fills ``path`` once the file is on disk.
    """

    url: str  # canonical URL: the identity of the article (first page if multi-page)
    site: str  # short site key, first folder of the archive path: "ofweek", "jjrb", ...
    title: str
    published: datetime | None  # timezone-aware
    body: str  # cleaned HTML (or plain text when body_format is "text")
    author: str = ""
    source: str = ""  # publisher/source as printed on the page ("来源：...")
    site_name: str = ""  # human name of the site, author of last resort
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    headimg: str = ""  # absolute URL of the head image as on the web
    image_urls: list[str] = field(default_factory=list)  # absolute URLs found in the body
    no_referrer_images: list[str] = field(default_factory=list)  # <img referrerpolicy=no-referrer>
    body_format: str = "html"
    pages: int = 1
    extraction: str = "selectors"  # "selectors" or "fallback" (generic extraction)
    images: dict[str, str] = field(default_factory=dict)
    failed_images: list[str] = field(default_factory=list)
    path: str = ""  # archive-relative path of the article file, once known
