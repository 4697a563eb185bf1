"""What a page declares about itself, for the metadata cascade: JSON-LD and meta tags."""

from __future__ import annotations

import html
import json
import re

from lxml import etree

# NewsArticle, BlogPosting, DiscussionForumPosting, ...; a forum's QAPage is about a Question.
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|Question")


def json_ld(root: etree._Element) -> dict:
    """The first JSON-LD object that describes an article, or {}: a page object whose
    ``mainEntity`` is the article (a QAPage, a WebPage) gives both, the entity's keys first."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = _unescaped(json.loads(script.text or ""))
        except ValueError:
            continue
        items = (
            data
            if isinstance(data, list)
            else data.get("@graph", [data])
            if isinstance(data, dict)
            else []
        )
        for item in items:
            if not isinstance(item, dict):
                continue
            entity = item.get("mainEntity")
            if isinstance(entity, dict) and _ARTICLE_TYPES.search(str(entity.get("@type", ""))):
                return _resolved({**item, **entity}, items)
            if _ARTICLE_TYPES.search(str(item.get("@type", ""))):
                return _resolved(item, items)
    return {}


def _unescaped(value: object) -> object:
    """JSON-LD with the HTML entities some CMSs leave in its strings decoded
    ("&#039;This new search box…&#039;")."""
    if isinstance(value, str):
        return html.unescape(value) if "&" in value else value
    if isinstance(value, list):
        return [_unescaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescaped(v) for k, v in value.items()}
    return value


def _resolved(article: dict, graph: list) -> dict:
    """``article`` with its author and publisher looked up when they are ``{"@id": ...}``
    references to other nodes of the same ``@graph`` (as Yoast SEO writes them)."""
    nodes = {n["@id"]: n for n in graph if isinstance(n, dict) and isinstance(n.get("@id"), str)}

    def lookup(value: object) -> object:
        if isinstance(value, list):
            return [lookup(v) for v in value]
        if isinstance(value, dict) and "name" not in value and value.get("@id") in nodes:
            return nodes[value["@id"]]
        return value

    return {**article, **{k: lookup(article[k]) for k in ("author", "publisher") if k in article}}


def meta_content(root: etree._Element, *names: str) -> str:
    """The first non-empty ``content`` of a meta tag named one of ``names`` (in any attribute),
    or its ``value`` where a template wrote that instead (Gizmodo Japan's every meta tag)."""
    metas = list(root.iter("meta"))  # one walk of the page for all the names asked
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = (_meta_value(m) for m in metas if m.get(attr) == name)
            found = next((v for v in values if v is not None), None)
            if found and found.strip():
                return found.strip()
    return ""


def _meta_value(meta: etree._Element) -> str | None:
    """A meta tag's ``content``, else its ``value``; None when it has neither."""
    content = meta.get("content")
    return content if content is not None else meta.get("value")


def publisher_names(root: etree._Element, ld: dict) -> list[str]:
    """The names the site declares for itself (og:site_name, JSON-LD publisher), best first."""
    publisher = ld.get("publisher")
    names = [
        meta_content(root, "og:site_name"),
        publisher.get("name", "") if isinstance(publisher, dict) else "",
        meta_content(root, "application-name", "apple-mobile-web-app-title"),
    ]
    return [str(n).strip() for n in names if n and str(n).strip()]
