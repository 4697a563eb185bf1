"""Article metadata from any page by a cascade: JSON-LD, then OpenGraph/meta tags, then the DOM.

One ``extract_<field>`` per field. Used alone by generic extraction and to fill what a
site's selectors did not find. What the page prints around the article (its header and
footer, ``regions.py``) is read for bylines (``bylines.py``) and times (``published.py``);
meta tags are checked against it: a time shown with the article wins over a meta time that
disagrees (reposts keep the original's meta), and a meta author that is the platform, an id
or the editor is dropped (``authors.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract import credits
from archiver.extract.authors import extract_author, ld_organization
from archiver.extract.declared import json_ld, meta_content, publisher_names
from archiver.extract.headings import clean, comparable
from archiver.extract.names import clean_name
from archiver.extract.published import extract_published
from archiver.extract.regions import Regions, find_regions, locate_body, visible_text
from archiver.extract.titles import BLOG_SEP, NEAR_BODY, TITLE_BYLINE, TITLE_SEP
from archiver.extract.titles import extract_title as _title

_SOURCE_XPATH = (
    "//body//*[not(self::script) and not(self::style) and not(self::meta)]"
    "[contains(@class, 'source') or contains(@id, 'source') or contains(@class, 'media-name')"
    " or contains(@class, 'media_name') or contains(@class, 'laiyuan') or contains(@id, 'laiyuan')]"
    "[not(.//img)]"  # a picture's frame ("has-source-dimensions") credits nobody
    # nor does a picture's credit ("image-source", itemprop=creditText) or caption
    "[not(contains(@class, 'image-source') or contains(@class, 'photo-source')"
    " or contains(@class, 'img-source') or @itemprop='creditText'"
    " or ancestor::figure or ancestor::figcaption)]"
)
# A credit line the page prints under the headline (Japan Times' "<p class=credit>JIJI</p>"),
# not a picture's
_CREDIT_XPATH = (
    "//body//*[contains(@class, 'credit') or @data-link-name='byline'][not(.//img)]"
    "[not(ancestor::figure or ancestor::figcaption)]"
)
# Where a wire story's byline says the agency filed it: "Associated Press in Valencia".
_FILED_IN = re.compile(r"\s+in\s+\S.{0,30}$")
_SOURCE_LABEL = re.compile(r"(?:^|\s|/)(?:来源|来自|出处|Source)\s*[:：]?\s*(\S.*)$")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}", re.I)
# A separator after a title that TITLE_SEP leaves alone, being common inside titles too: a
# colon, or a lowercase "l" standing for a bar; and a breadcrumb's step between site names.
_LEAD_SEP = re.compile(r"^\s*(?:[:：]+|(?P<bar>[|｜\-–—_·»]+|l(?=\s)))\s*")
_STEP = re.compile(rf"\s+[:：>»]\s+|{TITLE_SEP.pattern}")
_SITE_CHARS = 40
_HOST_WORD = 3  # a host's label this long may be the site's name: "ipa" of www.ipa.go.jp


@dataclass
class Metadata:
    """Fields found outside any site-specific selector."""

    title: str = ""
    published: datetime | None = None
    author: str = ""
    source: str = ""
    editor: str = ""
    tags: list[str] = field(default_factory=list)


def extract_metadata(
    root: etree._Element,
    url: str = "",
    tz: str = "+08:00",
    now: datetime | None = None,
    body_lines: list[str] | None = None,
) -> Metadata:
    """All metadata fields of a page, each from the best source that has it.

    ``tz`` is the zone of printed times that carry none; ``now`` anchors ``3小时前``;
    ``body_lines`` (the article's text, when known) locates its header and footer.
    """
    ld = json_ld(root)
    sites = site_names(root, ld) | _host_names(url)
    text = visible_text(root)
    lines = [line for line in body_lines or [] if line.strip()]
    start = locate_body(text, lines)[0] if lines else -1
    above = text[max(0, start - NEAR_BODY) : start + len(lines[0]) + 40] if start >= 0 else ""
    title = _title(
        root,
        str(ld.get("headline") or ""),
        meta_content(root, "og:title", "twitter:title"),
        sites,
        above_body=above,
        body_lines=lines,
        url=url,
        page_text=text,
    )
    regions = find_regions(text, title, lines)
    editor = extract_editor(regions)
    author = extract_author(root, ld, regions, sites, lines, title, editor)
    agency = author if credits.is_agency(author) else ""  # "By Associated Press": the source
    return Metadata(
        title=title,
        published=extract_published(root, ld, regions, tz, now, url),
        author="" if agency else author,
        source=extract_source(root, ld, regions, title, agency, urlsplit(url).hostname or ""),
        editor=editor,
        tags=extract_tags(root, ld),
    )


def site_names(root: etree._Element, ld: dict) -> set[str]:
    """Names the site goes by (og:site_name, application-name, JSON-LD publisher, and the runs
    of ``<title>`` around the article's)."""
    names = set(publisher_names(root, ld))
    node = root.find(".//title")
    page_title = node.text_content() if node is not None else ""
    parts = TITLE_SEP.split(page_title)
    # "…_网易订阅", "- BBC News" after the title; a blog's name before it: "多维博客 » …"
    after = parts[:1] if BLOG_SEP.search(page_title) else parts[1:]
    names.update(p for p in after if 2 <= len(p.strip()) <= 20)
    return {str(n).strip() for n in names if n and str(n).strip()}


def _host_names(url: str) -> set[str]:
    """The labels of the URL's host that name the site (``chinanews`` of www.chinanews.com)."""
    host = urlsplit(url).hostname or ""
    return {p for p in host.split(".") if len(p) >= 4 and p not in ("www", "news", "blog")}


def extract_source(
    root: etree._Element,
    ld: dict,
    regions: Regions,
    title: str = "",
    agency: str = "",
    host: str = "",
) -> str:
    """The publisher the page credits: in the article's header (``来源：X``, the name printed
    by its time, an element marked as the source, an agency's credit line), then in its
    footer or the top of the page, a wire story's agency (the byline's ``agency``, its
    dateline, an editor's "swe/dpa" after the text), the organization JSON-LD credits as the
    author, the copyright the article closes with, else the site's own name."""
    return (
        credits.extract_source(regions.header)
        or credits.dated_source(regions.header)
        or _source_element(root, regions)
        or _credited_agency(root, regions)
        or credits.extract_source(regions.footer, regions.text[:4000])
        or agency
        or credits.wire_source(regions.header, regions.footer)
        or credits.signed_agency(regions.footer, regions.closing)
        or ld_organization(ld, regions.header)
        or _other_holder(credits.copyright_source(regions.footer), root, ld)
        or _site_name(root, ld, title, host)
    )


def _other_holder(holder: str, root: etree._Element, ld: dict) -> str:
    """The copyright's holder unless it is the site's own company ("Insider Inc" of "Business
    Insider"): then the site's name says it better."""
    words = {w for name in publisher_names(root, ld) for w in re.findall(r"\w{4,}", name.lower())}
    return "" if words & set(re.findall(r"\w{4,}", holder.lower())) else holder


def _site_name(root: etree._Element, ld: dict, title: str = "", host: str = "") -> str:
    """The site's name: the one of its declared names (og:site_name, JSON-LD publisher) that its
    ``<title>`` ends or starts with (og:site_name is a section on some sites), else the first;
    without one, the part of the ``<title>`` that is not the article's ("… | Ars Technica")."""
    names = publisher_names(root, ld)
    node = root.find(".//title")
    page_title = clean(node.text_content()) if node is not None else ""
    parts = [p for p in TITLE_SEP.split(page_title) if p.strip()]
    # the ends as printed, compared however spaced: og:site_name "pcgamer", <title> "… | PC Gamer"
    ends = {comparable(p): p.strip() for p in (parts[0], parts[-1])} if len(parts) > 1 else {}
    named = [ends[comparable(n)] for n in names if comparable(n) in ends]
    if named or names:
        return (named or names)[0]
    rest = [p.strip() for p in parts if p.strip() != title.strip()]
    sites = [p for p in rest if not TITLE_BYLINE.fullmatch(p)]  # not "… - By linksc"
    if len(parts) > 1 and len(rest) < len(parts) and sites:  # "Title - Site", "Site - Title"
        return sites[-1] if parts[0].strip() == title.strip() else sites[0]
    named = [p for p in rest if not _DOMAIN.fullmatch(p)]  # "海姑娘 | blog.example.com"
    return named[0] if len(named) < len(rest) and named else _after_title(page_title, title, host)


def _after_title(page_title: str, title: str, host: str) -> str:
    """The site a ``<title>`` names after the article's own title and a separator TITLE_SEP
    leaves alone: a lowercase "l" for a bar ("… l KBS WORLD"), or a colon, common inside
    titles too ("Title: its subtitle"), so only before a breadcrumb's steps ("… : 뉴스 :
    동아닷컴") or a name the host bears ("…注意喚起：IPA 独立行政法人 情報処理推進機構" on
    ipa.go.jp); '' otherwise."""
    title = title.strip()
    rest = page_title[len(title) :] if title and page_title.startswith(title) else ""
    lead = _LEAD_SEP.match(rest)
    if not lead:
        return ""
    steps = [s.strip() for s in _STEP.split(rest[lead.end() :].strip())]
    sites = [s for s in steps if s and not TITLE_BYLINE.fullmatch(s)]  # not "By linksc"
    site = sites[-1] if sites else ""
    if not 2 <= len(site) <= _SITE_CHARS or _DOMAIN.fullmatch(site):
        return ""
    labels = {label for label in host.lower().split(".") if len(label) >= _HOST_WORD}
    hosted = any(w.lower() in labels for w in re.findall(r"[A-Za-z]+", site))
    return site if lead["bar"] or len(steps) > 1 or hosted else ""


def _source_element(root: etree._Element, regions: Regions) -> str:
    """The text of an element the page marks as the source (``class="source"``, ``media-name``),
    printed in the article's header: not a list of related links further down
    (``class="source-related"``); a credit in the footer is read from its ``来源：`` label."""
    header = re.sub(r"\s+", "", regions.header)  # its text nodes spaced apart: "Source : X"
    for node in root.xpath(_SOURCE_XPATH):
        printed = re.sub(r"\s+", " ", node.text_content()).strip()
        labelled = _SOURCE_LABEL.search(printed)  # "May 20, 2024, 9:01 AM / Source: TODAY"
        text = clean_name(labelled[1] if labelled else printed)
        if (
            re.sub(r"\s+", "", printed) in header
            and 2 <= len(text) <= 20
            and not re.search(r"\d{4}|[:：]", text)
            and not re.search(rf"{re.escape(text)}\s*[:：]", printed)  # a label: "发布日期："
        ):
            return text
    return ""


def _credited_agency(root: etree._Element, regions: Regions) -> str:
    """The news agency a credit element in the article's header names: a wire story's
    credit under its headline ("JIJI"), or its byline giving where the agency filed it
    ("Associated Press in Valencia", the Guardian's), where no source label says more."""
    header = re.sub(r"\s+", "", regions.header)
    for node in root.xpath(_CREDIT_XPATH):
        text = re.sub(r"\s+", " ", node.text_content()).strip()
        agency = _FILED_IN.sub("", text)
        if credits.is_agency(agency) and re.sub(r"\s+", "", text) in header:
            return agency
    return ""


def extract_editor(regions: Regions) -> str:
    """The editor in charge (``责任编辑：X``), from the footer, the header, then the page."""
    return (
        credits.extract_editor(regions.footer)
        or credits.extract_editor(regions.header)
        or credits.extract_editor(regions.text)
    )


def extract_tags(root: etree._Element, ld: dict) -> list[str]:
    """Tags from ``keywords`` (JSON-LD, then meta): split on commas, else on spaces."""
    raw = ld.get("keywords") or meta_content(root, "keywords", "news_keywords", "article:tag")
    if isinstance(raw, list):
        raw = ",".join(map(str, raw))
    raw = str(raw or "")
    separators = r"[,，;；、|]+" if re.search(r"[,，;；、|]", raw) else r"\s+"
    tags = [t.strip() for t in re.split(separators, raw) if 0 < len(t.strip()) <= 30]
    return list(dict.fromkeys(tags))
