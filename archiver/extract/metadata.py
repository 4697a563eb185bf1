"""Article metadata from any page by a cascade: JSON-LD, then OpenGraph/meta tags, then the DOM.

One ``extract_<field>`` per field. Used alone by generic extraction and to fill what a
site's selectors did not find. What the page prints around the article (its header and
footer, ``regions.py``) is read for bylines (``bylines.py``) and times (``published.py``);
meta tags are checked against it: a time shown with the article wins over a meta time that
disagrees (reposts keep the original's meta), and a meta author that is the platform, an id
or the editor is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract import bylines, credits
from archiver.extract.declared import json_ld, meta_content
from archiver.extract.headings import clean
from archiver.extract.names import AGENCY, clean_name, is_placeholder, owner, person
from archiver.extract.published import extract_published
from archiver.extract.regions import Regions, find_regions, locate_body, visible_text
from archiver.extract.titles import NEAR_BODY, TITLE_SEP
from archiver.extract.titles import extract_title as _title

_SOURCE_XPATH = (
    "//body//*[not(self::script) and not(self::style) and not(self::meta)]"
    "[contains(@class, 'source') or contains(@id, 'source') or contains(@class, 'media-name')"
    " or contains(@class, 'media_name') or contains(@class, 'laiyuan') or contains(@id, 'laiyuan')]"
    "[not(.//img)]"  # a picture's frame ("has-source-dimensions") credits nobody
)
# Where sites link a writer's or poster's page: WordPress, news CMSs, Discuz!, phpwind, blogs.
_PROFILE_LINKS = (
    "/author/",
    "/authors/",
    "/people/",
    "/profile/",
    "/user/",
    "/users/",
    "/member/",
    "/autor/",
    "/autoren/",
    "/auteur/",
    "/journaliste/",
    "space-uid-",
    "mod=space",
    "u.php?uid=",
)
# A profile page's address ends with the person: "/author/lewis-white/", "/user/zzz6519003",
# not "/user/stevenhgm/<tag>" (a tag page) or "/authors/x/posts/2".
_PROFILE_URL = re.compile(
    r"/(?:author|authors|people|profile|user|users|member|autor|autoren|auteur|journaliste)"
    r"(?:/name)?/[^/?#]+/?(?:[?#].*)?$"
    r"|space-uid-\d+|mod=space|u\.php\?uid="
)
_AUTHOR_XPATH = (
    "//body//*[not(self::script) and not(self::style) and not(self::meta)]"
    "[@rel='author' or @itemprop='author' or contains(@class, 'author')"
    " or contains(@class, 'auteur') or contains(@class, 'autor')"
    " or contains(@class, 'byline') or @data-author='true' or contains(@class, 'authi')"
    " or (self::a and not(@rel='tag') and ("
    + " or ".join(f"contains(@href, '{p}')" for p in _PROFILE_LINKS)
    + "))]"
)
# A forum or community handle ("zzz6519003"): letters first, digits allowed, as the page
# marks it; not a CMS's numeric id.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{2,30}")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}", re.I)


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
    return Metadata(
        title=title,
        published=extract_published(root, ld, regions, tz, now, url),
        author=extract_author(root, ld, regions, sites, lines, title, editor),
        source=extract_source(root, ld, regions, title),
        editor=editor,
        tags=extract_tags(root, ld),
    )


def site_names(root: etree._Element, ld: dict) -> set[str]:
    """Names the site goes by (og:site_name, application-name, JSON-LD publisher)."""
    publisher = ld.get("publisher")
    names = {
        meta_content(root, "og:site_name", "application-name", "apple-mobile-web-app-title"),
        publisher.get("name", "") if isinstance(publisher, dict) else "",
    }
    node = root.find(".//title")
    page_title = node.text_content() if node is not None else ""
    parts = TITLE_SEP.split(page_title)
    # "…_网易订阅", "- BBC News" after the title; a blog's name before it: "多维博客 » …"
    after = parts[:1] if re.search(r"\s»\s", page_title) else parts[1:]
    names.update(p for p in after if 2 <= len(p.strip()) <= 20)
    return {str(n).strip() for n in names if n and str(n).strip()}


def _host_names(url: str) -> set[str]:
    """The labels of the URL's host that name the site (``chinanews`` of www.chinanews.com)."""
    host = urlsplit(url).hostname or ""
    return {p for p in host.split(".") if len(p) >= 4 and p not in ("www", "news", "blog")}


def publisher_names(root: etree._Element, ld: dict) -> list[str]:
    """The names the site declares for itself (og:site_name, JSON-LD publisher), best first."""
    publisher = ld.get("publisher")
    names = [
        meta_content(root, "og:site_name"),
        publisher.get("name", "") if isinstance(publisher, dict) else "",
        meta_content(root, "application-name", "apple-mobile-web-app-title"),
    ]
    return [str(n).strip() for n in names if n and str(n).strip()]


def extract_author(
    root: etree._Element,
    ld: dict,
    regions: Regions,
    sites: set[str],
    body_lines: list[str] | None = None,
    title: str = "",
    editor: str = "",
) -> str:
    """The byline: a JSON-LD person, the header's byline (looser forms between the title and
    the body), an element the page marks as the author in its header (a profile link), the
    channel JSON-LD credits there (新华社), the footer's signature, a byline line in the body
    or a name under the title, a personal site's owner ("张三的博客"), then meta tags;
    platform names, ids and the editor are never taken, unless the article signs off with
    the name its meta tag gives ("…掌声肯定。（郭旭）" and ``author=郭旭``)."""
    not_names = sites | {editor}
    names = _ld_names(ld.get("author"))  # every person of the list, once each
    declared = ", ".join(names)
    printed = len(declared) >= 2 and declared in regions.header and not is_placeholder(declared)
    if printed and person(declared, not_names):
        return declared
    people = [p for n in names if (p := person(n, not_names))]
    if people and len(names) > 1:  # the persons of a list, an agency of it left out
        return ", ".join(dict.fromkeys(people))  # the JSON-LD's list of persons
    # CMSs fill author with the editor: the one in charge or any the page credits as editing
    editors = not_names | {meta_content(root, "editor")}
    editors |= credits.editor_names(regions.header, regions.footer)
    meta_author = meta_content(root, "author", "article:author", "byline")
    candidates = (
        lambda: person(declared, not_names),
        lambda: bylines.author_from_header(regions.header, not_names),
        lambda: bylines.author_from_above(regions.above, not_names),
        lambda: _author_element(root, regions.header, not_names),
        lambda: declared if printed else "",  # the channel the page credits as its author
        lambda: bylines.author_from_footer(regions.footer, regions.closing, not_names),
        lambda: bylines.author_from_lines(body_lines or [], title, not_names),
        lambda: next(filter(None, map(owner, sorted(not_names))), ""),  # 张三的博客
        lambda: person(meta_author, editors),
        lambda: _signed(meta_author, regions, sites),
    )
    for candidate in candidates:
        name = candidate()
        if name:
            return re.sub(r"\s+", " ", name).strip()
    return ""


def _ld_names(authors: object) -> list[str]:
    """The names a JSON-LD ``author`` gives: one, or a list of persons or strings."""
    listed = authors if isinstance(authors, list) else [authors]
    found = (_ld_name(a) if isinstance(a, dict) else a or "" for a in listed)
    return list(dict.fromkeys(n for n in (re.sub(r"\s+", " ", str(x)).strip() for x in found) if n))


def _ld_name(entry: dict) -> str:
    """A JSON-LD person's name, or its given and family names ({"givenName": "Birgit", …})."""
    name = entry.get("name") or " ".join(
        str(entry.get(k) or "") for k in ("givenName", "familyName")
    )
    return str(name)


def _signed(meta_author: str, regions: Regions, sites: set[str]) -> str:
    """The meta tag's author when the article's closing signature names the same person,
    even one who also edited it: two places agree on who wrote it."""
    name = person(meta_author, sites)
    signed = bylines.author_from_footer(regions.footer, regions.closing, sites) if name else ""
    return name if name and signed == name else ""


def _author_element(root: etree._Element, header: str, not_names: set[str]) -> str:
    """A person named by an element the page marks as its author (``rel=author``,
    ``itemprop=author``, an ``author`` class), printed in the article's header: not a
    comment's or a sidebar's author."""
    printed = re.sub(r"\s+", "", header)  # elements' texts run together where the page spaces them
    for node in root.xpath(_AUTHOR_XPATH):
        text = re.sub(r"\s+", " ", node.text_content()).strip()
        if not 2 <= len(text) <= 60 or re.sub(r"\s+", "", text) not in printed:
            continue
        href = node.get("href", "") if node.tag == "a" else ""
        marked = (
            node.get("rel") == "author"
            or node.get("data-author")
            or re.search("author|auteur|autor|byline|authi", _attrs(node))
        )
        if href and not marked and not _PROFILE_URL.search(href):
            continue
        # the element's own label, whatever its case: "von David Straub, MDR THÜRINGEN"
        labelled = text[:1].upper() + text[1:]
        name = bylines.author_from_header(labelled, not_names) or person(text, not_names)
        if name:
            return name
        if (
            _HANDLE.fullmatch(text)
            and clean_name(text)  # not a byline's label ("von", "By")
            and not re.search(AGENCY, text, re.I)  # "SID" + "Nachrichtenagentur" run together
            and not any(len(n) >= 3 and n.lower() in text.lower() for n in not_names)
        ):
            return text
    return ""


def _attrs(node: etree._Element) -> str:
    return f"{node.get('class', '')} {node.get('id', '')} {node.get('itemprop', '')}".lower()


def extract_source(root: etree._Element, ld: dict, regions: Regions, title: str = "") -> str:
    """The publisher the page credits: in the article's header (``来源：X``, the name printed
    by its time, an element marked as the source), then in its footer or the top of the page,
    a wire story's agency, else the site's own name."""
    return (
        credits.extract_source(regions.header)
        or credits.dated_source(regions.header)
        or _source_element(root, regions)
        or credits.extract_source(regions.footer, regions.text[:4000])
        or credits.wire_source(regions.header)
        or _site_name(root, ld, title)
    )


def _site_name(root: etree._Element, ld: dict, title: str = "") -> str:
    """The site's name: the one of its declared names (og:site_name, JSON-LD publisher) that its
    ``<title>`` ends or starts with (og:site_name is a section on some sites), else the first;
    without one, the part of the ``<title>`` that is not the article's ("… | Ars Technica")."""
    names = publisher_names(root, ld)
    node = root.find(".//title")
    page_title = clean(node.text_content()) if node is not None else ""
    parts = [p for p in TITLE_SEP.split(page_title) if p.strip()]
    ends = {p.strip().lower() for p in (parts[0], parts[-1])} if len(parts) > 1 else set()
    named = [n for n in names if n.lower() in ends]
    if named or names:
        return (named or names)[0]
    rest = [p.strip() for p in parts if p.strip() != title.strip()]
    if len(parts) > 1 and len(rest) < len(parts):  # "Title - Site" or "Site - Title"
        return rest[-1] if parts[0].strip() == title.strip() else rest[0]
    named = [p for p in rest if not _DOMAIN.fullmatch(p)]  # "海姑娘 | blog.example.com"
    return named[0] if len(named) < len(rest) and named else ""


def _source_element(root: etree._Element, regions: Regions) -> str:
    """The text of an element the page marks as the source (``class="source"``, ``media-name``),
    printed in the article's header: not a list of related links further down
    (``class="source-related"``); a credit in the footer is read from its ``来源：`` label."""
    for node in root.xpath(_SOURCE_XPATH):
        printed = re.sub(r"\s+", " ", node.text_content()).strip()
        text = clean_name(re.sub(r"^\s*(?:来源|来自|出处)\s*[:：]?", "", printed))
        if (
            printed in regions.header
            and 2 <= len(text) <= 20
            and not re.search(r"\d{4}|[:：]", text)
        ):
            return text
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
