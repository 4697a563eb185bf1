"""An article's author from any page: JSON-LD, the printed byline, the page's author marks.

``extract_author`` weighs them in order (see its docstring) and never takes a name that is
the site, an id or the editor, unless the article signs it off. Part of ``metadata``'s
cascade; the printed bylines themselves are read by ``bylines.py``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from lxml import etree

from archiver.extract import bylines, credits
from archiver.extract.declared import meta_content, publisher_names
from archiver.extract.names import (
    AGENCY,
    CHINESE_NAME,
    HAN,
    clean_name,
    is_desk,
    is_placeholder,
    owner,
    person,
)
from archiver.extract.regions import Regions
from archiver.extract.titles import TITLE_BYLINE, TITLE_SEP

# Where sites link a writer's or poster's page: WordPress, news CMSs, Discuz!, phpwind, phpBB,
# vBulletin, blogs.
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
    "mode=viewprofile",
    "member.php?u=",
)
# A profile page's address ends with the person: "/author/lewis-white/", "/user/zzz6519003",
# not "/user/stevenhgm/<tag>" (a tag page) or "/authors/x/posts/2".
_PROFILE_URL = re.compile(
    r"/(?:author|authors|people|profile|user|users|member|autor|autoren|auteur|journaliste)"
    r"(?:/name)?/[^/?#]+/?(?:[?#].*)?$"
    r"|space-uid-\d+|mod=space|u\.php\?uid=|mode=viewprofile|member\.php\?u="
)
# Classes that mark the author's element ("byline", "author-name", "p-post-AssistAuthor").
_AUTHOR_CLASSES = ("author", "auteur", "autor", "byline", "writer")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NOT_TEXT = frozenset(("script", "style", "meta"))
# A forum or community handle ("zzz6519003"): letters first, digits allowed, as the page
# marks it; not a CMS's numeric id.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{2,30}")
# A forum user name of digits only, as Discuz! links it to the poster's profile page
# ("home.php?mod=space&uid=144122" for "1657811359"): not the id the address holds.
_DIGIT_HANDLE = re.compile(r"\d{5,12}")
# A forum handle in Han characters, letters and digits ("软唐知产小傅"), and the post's time after
# it: "2020.06.09 09:37", "2020-06-09".
_HAN_HANDLE = re.compile(rf"[{HAN}A-Za-z0-9_]{{2,16}}")
_POSTED_AT = re.compile(r"\s*(?:发表于|发布于)?\s*(?:19|20)\d\d[-./年]\d{1,2}[-./月]\d{1,2}")
# Classes of a label only screen readers are given ("u-visually-hidden", "sr-only").
_SCREEN_READER = re.compile(r"visually-hidden|sr-only|screen-reader|visuallyhidden|a11y", re.I)
# A column heading over the posters (phpBB's "<div class=…-topic-author>Author"): no handle.
_NAME_HEADING = re.compile(r"authors?|autor(?:in|en)?|auteurs?|posters?|users?|members?", re.I)
# A signature's form: "Lê Phương", "Mohloai Mpesi", "张三" (no sentence, no digits).
_SIGNATURE = re.compile(rf"[^\W\d_][^\W\d_'’.-]*(?: [^\W\d_][^\W\d_'’.-]*){{1,3}}|[{HAN}]{{2,4}}")
_SIGNATURE_CHARS = 40
# A JSON-LD author's name longer than this may hold a list or a title: it is split.
_ONE_NAME = 40
_DESCRIBED_BYLINE = re.compile(r"\s*(?:Posted by|Written by|By)\s+[A-Z]")
_DESCRIBED_CHARS = 200
# schema.org's organization types: Organization, NewsMediaOrganization, Corporation…
_ORGANIZATION = re.compile(r"Organi[sz]ation$|^Corporation$")


def extract_author(
    root: etree._Element,
    ld: dict,
    regions: Regions,
    sites: set[str],
    body_lines: list[str] | None = None,
    title: str = "",
    editor: str = "",
) -> str:
    """The byline: a JSON-LD person the header prints, the header's byline, a JSON-LD person
    it does not print, looser bylines between the title and the body, an element the page
    marks as the author in its header (a profile link), the channel JSON-LD credits there
    (新华社), the footer's signature (a blog's poster too where the blog is named after them),
    a byline line in the body or a name under the title, a byline the description opens with,
    a personal site's owner ("张三的博客"), then meta tags, then the name a column's title
    opens with ("叶檀：…"); platform names, ids and the editor are never taken, unless the
    article signs off with the name its meta tag gives ("…掌声肯定。（郭旭）" and
    ``author=郭旭``)."""
    # not the run of <title> that credits the writer ("… - By linksc"), which sites holds
    sites = {s for s in sites if not TITLE_BYLINE.fullmatch(s)}
    not_names = sites | {editor} | set(_ld_names(ld.get("author"), organizations=True))
    # every JSON-LD person credited as author, once each, else as creator (朝日新聞's author is
    # the organization, its creator the reporter), else those the page's microdata names
    names = (
        _ld_names(ld.get("author"))
        or _ld_names(ld.get("creator"))
        or _microdata_names(root, regions.header)
    )
    declared = ", ".join(names)
    if len(names) == 1 and len(names[0]) > _ONE_NAME:  # "X, professor at Y, Lrt.lt" in one
        names = [n for n in re.split(bylines.NAME_JOIN, names[0]) if n.strip()]
    printed = len(declared) >= 2 and declared in regions.header and not is_placeholder(declared)
    if printed and (name := person(declared, not_names)):
        return name
    people = [p for n in names if (p := person(n, not_names))]
    if people and len(names) > 1:  # the persons of a list, an agency of it left out
        return ", ".join(dict.fromkeys(people))  # the JSON-LD's list of persons
    # CMSs fill author with the editor: the one in charge or any the page credits as editing
    editors = not_names | {meta_content(root, "editor")}
    editors |= credits.editor_names(regions.header, regions.footer)
    meta_author = meta_content(root, "author", "article:author", "byline", "twitter:creator")
    candidates = (
        # a byline the header prints wins over a declared name it does not print (the CMS
        # account that posted the piece: "新間" over "By Takeo Maeda and Tatsuya Tanoue")
        lambda: _bounded(bylines.author_from_header(regions.header, not_names), root, regions),
        lambda: person(declared, not_names),
        lambda: _bounded(bylines.author_from_above(regions.above, not_names), root, regions),
        lambda: _author_element(root, regions.header, not_names),
        # the channel the page credits as its author (新华社), not a desk ("Our Foreign Staff")
        lambda: declared if printed and not is_desk(declared) else "",
        lambda: bylines.author_from_footer(regions.footer, regions.closing, not_names),
        lambda: bylines.blog_poster(regions.footer, _platform_names(root, ld) | {editor}),
        lambda: bylines.author_from_lines(body_lines or [], title, not_names),
        lambda: _described(root, not_names),
        lambda: person(_titled(root), not_names),
        lambda: _bold_signature(root, body_lines or [], not_names),
        lambda: next(filter(None, map(owner, sorted(not_names))), ""),  # 张三的博客
        lambda: person(_written_by(root), editors),
        lambda: person(meta_author, editors),
        lambda: _signed(meta_author, regions, sites),
        lambda: bylines.columnist_of_title(title, body_lines or []),
    )
    for candidate in candidates:
        name = candidate()
        if name:
            return re.sub(r"\s+", " ", name).strip()
    return ""


def _ld_names(authors: object, organizations: bool = False) -> list[str]:
    """The names a JSON-LD ``author`` gives: one, or a list of persons or strings; with
    ``organizations``, those it types as an organization (a magazine a portal reposts)."""
    listed = authors if isinstance(authors, list) else [authors]
    found = (
        _ld_name(a) if isinstance(a, dict) else a or ""
        for a in listed
        if _is_organization(a) == organizations
    )
    return list(dict.fromkeys(n for n in (re.sub(r"\s+", " ", str(x)).strip() for x in found) if n))


def ld_organization(ld: dict, header: str) -> str:
    """The organization JSON-LD names as the author, when the article's header prints it:
    the publication a portal carries the piece from ("FRIDAYデジタル" on livedoor)."""
    names = _ld_names(ld.get("author"), organizations=True)
    return next((n for n in names if len(n) >= 2 and n in header), "")


def _is_organization(entry: object) -> bool:
    kind = entry.get("@type") if isinstance(entry, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    if "Person" in kinds:  # Yoast types a site's owner as ["Person", "Organization"]
        return False
    return any(isinstance(k, str) and _ORGANIZATION.search(k) for k in kinds)


def _ld_name(entry: dict) -> str:
    """A JSON-LD person's name, its byline (Reuters), or its given and family names
    ({"givenName": "Birgit", …})."""
    name = (
        entry.get("name")
        or entry.get("byline")
        or " ".join(str(entry.get(k) or "") for k in ("givenName", "familyName"))
    )
    return str(name)


def _microdata_names(root: etree._Element, header: str) -> list[str]:
    """The names the page's microdata gives its author (``itemprop="author"`` holding an
    ``itemprop="name"``, maybe only as ``<meta content>``) that the article's header prints:
    not the related articles' authors."""
    found = (
        node.get("content") or node.text_content()
        for node in root.xpath("//*[@itemprop='author']//*[@itemprop='name']")
    )
    names = (re.sub(r"\s+", " ", x or "").strip() for x in found)
    return list(dict.fromkeys(n for n in names if len(n) >= 2 and n in header))


def _bold_signature(root: etree._Element, lines: list[str], not_names: set[str]) -> str:
    """The writer's name set alone in bold as the text's last paragraph (VnExpress's
    "<p><strong>Lê Phương</strong></p>"), a name by its form: two to four words, or a
    Chinese surname and given name, nothing else in the paragraph."""
    last = re.sub(r"\s+", " ", lines[-1]).strip() if lines else ""
    if not last or len(last) > _SIGNATURE_CHARS or not _SIGNATURE.fullmatch(last):
        return ""
    if not all(word[0].isupper() or re.match(f"[{HAN}]", word) for word in last.split()):
        return ""  # "read more", not a name
    if re.match(f"[{HAN}]", last) and not re.fullmatch(CHINESE_NAME, last):
        return ""  # a box's heading ("行业动态"), not a surname and a given name
    for bold in root.xpath("//p/strong | //p/b"):
        paragraph = bold.getparent()
        if re.sub(r"\s+", " ", paragraph.text_content()).strip() != last:
            continue
        if re.sub(r"\s+", " ", bold.text_content()).strip() == last:
            return person(last, not_names)
    return ""


def _written_by(root: etree._Element) -> str:
    """The writer WordPress's SEO plugin gives Twitter's card ("twitter:label1" = "Written
    by", "twitter:data1" = the name), where ``<meta name=author>`` holds an address."""
    found = meta_content(root, "twitter:misc:Written by")
    if found:
        return found
    for label in root.xpath("//meta[starts-with(@name, 'twitter:label')]"):
        if (label.get("content") or "").strip().lower() == "written by":
            number = (label.get("name") or "")[len("twitter:label") :]
            return meta_content(root, f"twitter:data{number}")
    return ""


def _described(root: etree._Element, not_names: set[str]) -> str:
    """The byline a description opens with ("Posted by X and Y - Chrome team  Over the
    past…"): Blogger puts the post's first line there, which its page prints only by script."""
    description = meta_content(root, "og:description", "description")
    if not _DESCRIBED_BYLINE.match(description):
        return ""
    return bylines.author_from_header(description[:_DESCRIBED_CHARS], not_names)


def _titled(root: etree._Element) -> str:
    """The writer a run of ``<title>`` after the headline credits ("… - By linksc")."""
    parts = [p.strip() for p in TITLE_SEP.split(root.findtext(".//title") or "")]
    credited = [m[1] for p in parts[1:] if (m := TITLE_BYLINE.fullmatch(p))]
    return credited[0] if credited else ""


def _signed(meta_author: str, regions: Regions, sites: set[str]) -> str:
    """The meta tag's author when the article's closing signature names the same person,
    even one who also edited it: two places agree on who wrote it."""
    name = person(meta_author, sites)
    signed = bylines.author_from_footer(regions.footer, regions.closing, sites) if name else ""
    return name if name and signed == name else ""


def _platform_names(root: etree._Element, ld: dict) -> set[str]:
    """The names of the service a page is published on: those it declares for itself
    (``publisher_names``) and the last run of its ``<title>`` ("… - 好看的hk - 博客园"), not the
    runs between."""
    page_title = root.findtext(".//title") or ""
    parts = [p.strip() for p in TITLE_SEP.split(page_title) if p.strip()]
    return set(publisher_names(root, ld)) | ({parts[-1]} if len(parts) > 1 else set())


def _bounded(name: str, root: etree._Element, regions: Regions) -> str:
    """A byline's name cut where the page's author element ends it: the text runs "by
    Marguerite Reardon" on into the tools after it ("Font size")."""
    marked = _author_element(root, regions.header, set()) if " " in name else ""
    return marked if marked and name.startswith(f"{marked} ") else name


def _author_element(root: etree._Element, header: str, not_names: set[str]) -> str:
    """A person named by an element the page marks as its author (``rel=author``,
    ``itemprop=author``, an ``author`` class), printed in the article's header: not a
    comment's or a sidebar's author."""
    printed = re.sub(r"\s+", "", header)  # elements' texts run together where the page spaces them
    for node in _author_nodes(root):
        text = re.sub(r"\s+", " ", node.text_content()).strip()
        if not 2 <= len(text) <= 60 or re.sub(r"\s+", "", text) not in printed:
            continue
        if _for_screen_readers(node, text):
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
        if _DIGIT_HANDLE.fullmatch(text) and _PROFILE_URL.search(href) and text not in href:
            return text  # a forum's all-digit user name (a QQ number), not the profile's id
        if handle := _dated_handle(node, text, not_names):
            return handle
        if (
            _HANDLE.fullmatch(text)
            and clean_name(text)  # not a byline's label ("von", "By")
            and not _NAME_HEADING.fullmatch(text)
            and not re.search(AGENCY, text, re.I)  # "SID" + "Nachrichtenagentur" run together
            and not any(_names_site(text, n) for n in not_names)
        ):
            return text
    return ""


def _author_nodes(root: etree._Element) -> Iterator[etree._Element]:
    """The elements of the body marked as the author (``rel``/``itemprop``/``data-author``, an
    author class, a link to a profile page), document order; then those marked by a class in
    another case ("p-post-AssistAuthor"), read only when the first named no one."""
    cased, other = [], []
    for el in _body_elements(root):
        cls = el.get("class") or ""
        if _marks_author(el, cls):
            cased.append(el)
        elif cls and _marks_author(el, cls.translate(_ASCII_LOWER)):
            other.append(el)
    yield from cased
    yield from other


def _body_elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements inside the page's ``<body>`` elements, each once, but for scripts,
    styles and meta tags."""
    seen: set[etree._Element] = set()
    for body in root.iter("body"):
        for el in body.iterdescendants():
            tag = el.tag
            if isinstance(tag, str) and tag not in _NOT_TEXT and el not in seen:
                seen.add(el)
                yield el


def _marks_author(el: etree._Element, cls: str) -> bool:
    """True when the element's attributes mark it as the author (``cls``: its class, as read)."""
    if el.get("rel") == "author" or el.get("itemprop") == "author":
        return True
    if any(word in cls for word in _AUTHOR_CLASSES) or "byline" in (el.get("id") or ""):
        return True
    if el.get("data-author") == "true" or "authi" in (el.get("class") or ""):
        return True  # Discuz!'s "authi" row
    href = el.get("href") or ""
    return el.tag == "a" and el.get("rel") != "tag" and any(p in href for p in _PROFILE_LINKS)


def _dated_handle(node: etree._Element, text: str, not_names: set[str]) -> str:
    """The poster's name an author element prints before the post's time ("<div class=bbs-author>
    <span>软唐知产小傅</span><span>2020.06.09 09:37</span>"): a forum's handle, of any length."""
    first = next((s.strip() for s in node.itertext() if s.strip()), "")
    rest = text[len(first) :] if text.startswith(first) else ""
    if not _POSTED_AT.match(rest) or not _HAN_HANDLE.fullmatch(first):
        return ""
    return "" if any(_names_site(first, n) for n in not_names) else first


def _for_screen_readers(node: etree._Element, text: str) -> bool:
    """True when the element's text is a visually hidden label ("<span class=u-visually-hidden>
    capital</span>": the brand mark of stern's partner section), which no reader sees."""
    return any(
        _SCREEN_READER.search(el.get("class", ""))
        and re.sub(r"\s+", " ", el.text_content()).strip() == text
        for el in node.iter(etree.Element)
    )


def _names_site(handle: str, site: str) -> bool:
    """True when ``handle`` holds the site's name or is part of it ("Google" on the Google
    Online Security Blog), unless it is the site's owner ("zzz6519003的博客")."""
    h, n = handle.lower(), site.lower()
    if len(n) < 3 or owner(site).lower() == h:
        return False
    return n in h or (len(h) >= 3 and h in n)


def _attrs(node: etree._Element) -> str:
    return f"{node.get('class', '')} {node.get('id', '')} {node.get('itemprop', '')}".lower()
