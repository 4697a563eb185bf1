"""Cleaned article bodies as Markdown (``ARCHIVE_BODY_FORMAT=markdown``), and their image links.

The body is cleaned as HTML first (one cleaning for every format), then converted with
markdownify: headings, paragraphs, lists, tables, emphasis, links, quotes and code survive.
Images are ``![alt](<remote URL>)`` until the write pipeline points them at their local
copies: ``![alt](<local path> "<remote URL>")``, so the original URL stays with the image,
as ``data-original-src`` does in HTML bodies. ``{``/``}`` are written as ``&#123;``/``&#125;``
(Hexo renders bodies through Nunjucks; Markdown renders the entities back as braces).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import Tag

_IMAGE = re.compile(
    r'!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\(\s*(?P<dest><[^>\n]*>|[^\s)]+)(?:\s+"(?P<title>(?:[^"\\]|\\.)*)")?\s*\)'
)
_LINK_OR_IMAGE = re.compile(
    r"!?\[((?:[^\]\\]|\\.)*)\]\((?:<[^>\n]*>|[^\s)]+)(?:\s+\"(?:[^\"\\]|\\.)*\")?\s*\)"
)


@cache
def _converter() -> Any:
    """markdownify's converter, with link and image targets that survive spaces and
    parentheses; built on first use, as bs4 and markdownify serve Markdown bodies only."""
    from markdownify import MarkdownConverter

    class _Converter(MarkdownConverter):
        """markdownify with link and image targets that survive spaces and parentheses."""

        def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            if el.get("href"):
                el["href"] = destination(str(el["href"]))
            return super().convert_a(el, text, parent_tags)  # type: ignore[misc]  # set at runtime

        def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            if not el.get("src"):
                return ""
            el["src"] = destination(str(el["src"]))
            el["alt"] = str(el.get("alt") or "").replace("]", "\\]")
            return super().convert_img(el, text, parent_tags)  # type: ignore[misc]  # set at runtime

    return _Converter(
        heading_style="ATX", bullets="-", strong_em_symbol="*", newline_style="SPACES"
    )


def html_to_markdown(body: str) -> str:
    """A cleaned HTML body (as ``serialize_body`` writes it) as Markdown, braces escaped (Hexo)."""
    if not body.strip():
        return ""
    text = _converter().convert(body.replace("&#123;", "{").replace("&#125;", "}"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return escape_braces(text)


def escape_braces(text: str) -> str:
    """``{``/``}`` as HTML character references: Hexo's Nunjucks pass must not see them."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


def destination(url: str) -> str:
    """A link or image target as Markdown writes it: ``<...>`` when it holds spaces or brackets."""
    url = url.replace("<", "%3C").replace(">", "%3E").replace("\n", "")
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def rewrite_markdown_images(body: str, local_paths: Mapping[str, str]) -> str:
    """Point every image with a local copy at its path relative to the article file.

    ``local_paths`` maps the remote URL to the local path. The remote URL becomes the image's
    title; images without a local copy keep their remote URL (retried by a later run).
    """

    def swap(match: re.Match[str]) -> str:
        remote, _ = _original(match)
        local = local_paths.get(remote)
        if not local:
            return match.group(0)
        return f'![{match["alt"]}]({destination(local)} "{_escape_title(remote)}")'

    return _IMAGE.sub(swap, body)


def markdown_image_paths(body: str) -> dict[str, str]:
    """The images of a written Markdown body: original URL -> target (local path, or the URL)."""
    return dict(_original(match) for match in _IMAGE.finditer(body or ""))


def markdown_text(body: str) -> str:
    """The text of a Markdown body without image and link targets (what its content hash covers)."""
    return _LINK_OR_IMAGE.sub(lambda m: m.group(1), body or "")


def _original(match: re.Match[str]) -> tuple[str, str]:
    """(original URL, target) of one image: a local image carries its URL as the title."""
    dest = match["dest"]
    dest = dest[1:-1] if dest.startswith("<") else dest
    title = (match["title"] or "").replace('\\"', '"')
    remote = title if re.match(r"https?://", title) else dest
    return remote, dest


def _escape_title(title: str) -> str:
    return title.replace('"', '\\"').replace("\n", " ")
