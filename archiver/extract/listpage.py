"""What a list page means: the article links it shows (with their dates) and its pager."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from archiver.extract.css import select
from archiver.extract.dates import parse_datetime
from archiver.extract.rules import SiteRules
from archiver.extract.tree import element_text, link_url, parse_tree


@dataclass
class ListPage:
    """A list page: article links (with list dates when shown) and pagination links."""

    articles: list[tuple[str, datetime | None]]
    next_page: str | None = None


def parse_list_page(page: str | bytes | etree._Element, url: str, rules: SiteRules) -> ListPage:
    """Article links of a list page (only those the site calls articles) and its pager links."""
    root = parse_tree(page)
    articles: dict[str, datetime | None] = {}
    for selector in rules.list.items:
        for a in select(root, selector):
            link = link_url(a, url)
            if link and rules.is_article_url(link) and link not in articles:
                articles[link] = _nearby_date(a, rules.timezone)
    return ListPage(articles=list(articles.items()), next_page=_next_list_page(root, url, rules))


def _next_list_page(root: etree._Element, url: str, rules: SiteRules) -> str | None:
    """The pager link to the next list page: the one labelled 下一页, else number n+1."""
    links = [(a, link_url(a, url)) for s in rules.list.next for a in select(root, s)]
    links = [
        (a, link) for a, link in links if link and link != url and not rules.is_article_url(link)
    ]
    for a, link in links:
        if re.search(r"下一?页|next|›|»|>", element_text(a), re.I):
            return link
    current = _page_number(url)
    for _, link in links:
        if link and _page_number(link) == current + 1:
            return link
    return None


def _page_number(url: str) -> int:
    """Number of a list page from its URL: ``...-3.html``, ``?page=3``; 1 when it has none."""
    found = re.search(r"[?&](?:page|p|pn)=(\d+)|[-_](\d+)\.s?html?$", url)
    return int(found[1] or found[2]) if found else 1


def _nearby_date(a: etree._Element, tz: str) -> datetime | None:
    """The date printed next to a list link (OFweek's ``span.fb-tl``), searching up a few levels."""
    node = a
    for _ in range(3):
        node = node.getparent()
        if node is None:
            return None
        found = parse_datetime(node.text_content(), tz)
        if found:
            return found
    return None
