"""Article metadata from any page by a cascade: JSON-LD, then OpenGraph/meta tags, then the DOM.

One ``extract_<field>`` per field. Used alone by generic extraction and to fill what a
site's selectors did not find. What the page prints around the article (its header and
footer, ``regions.py``) is read for bylines (``bylines.py``) and times; meta tags are checked
against it: a time shown with the article wins over a meta time that disagrees (reposts keep
the original's meta), and a meta author that is the platform, an id or the editor is dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract import bylines
from archiver.extract.dates import (
    Printed,
    parse_datetime,
    parse_tz,
    printed_times,
    without_calendar,
)
from archiver.extract.regions import Regions, find_regions, visible_text
from archiver.extract.titles import extract_title as _title

_HAN = "\u3400-\u9fff"
# Publication labels first; a bare 时间/日期 only when no Han character precedes it
# (成文日期 is not it).
_TIME_LABEL_RE = re.compile(
    rf"(?:发布时间|发表时间|发布日期|发稿时间|(?<![{_HAN}])时间|(?<![{_HAN}])日期)\s*[:：]\s*(?P<v>[^|｜]{{6,40}})"
)
# A date just after these words is another item's (a recommended article, the last reply).
_OTHER_ITEM = re.compile(
    r"(?:推荐文章于|最后回复|最后由|回复于|(?:成文|截止|生效|实施|印发|有效|出生)日期\s*[:：]?)\s*$"
)
_CALENDAR_BEFORE = re.compile(r"(?:今天|今日)是?\s*$")
_CALENDAR_AFTER = re.compile(r"^\s*(?:星期|周|礼拜)[一二三四五六日天]")
_SOURCE_XPATH = (
    "//body//*[not(self::script) and not(self::style) and not(self::meta)]"
    "[contains(@class, 'source') or contains(@id, 'source') or contains(@class, 'media-name')"
    " or contains(@class, 'media_name') or contains(@class, 'laiyuan') or contains(@id, 'laiyuan')]"
)
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report")  # NewsArticle, BlogPosting, ...
_TITLE_PARTS = re.compile(r"\s*(?:--|—|–|\||｜|_| - | · )\s*")
_URL_DATE = re.compile(r"(?<!\d)(20\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "datePublished",
    "pubdate",
    "publishdate",
    "PubDate",
    "publish_time",
    "publish-date",
    "dc.date",
    "DC.date.issued",
    "sailthru.date",
    "date",
)


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
    ld = _json_ld(root)
    sites = site_names(root, ld) | _host_names(url)
    title = _title(
        root, str(ld.get("headline") or ""), _meta(root, "og:title", "twitter:title"), sites
    )
    regions = find_regions(visible_text(root), title, body_lines)
    editor = extract_editor(regions)
    return Metadata(
        title=title,
        published=extract_published(root, ld, regions, tz, now, url),
        author=extract_author(root, ld, regions, sites | {editor}),
        source=extract_source(root, ld, regions),
        editor=editor,
        tags=extract_tags(root, ld),
    )


def site_names(root: etree._Element, ld: dict) -> set[str]:
    """Names the site goes by (og:site_name, application-name, JSON-LD publisher)."""
    publisher = ld.get("publisher")
    names = {
        _meta(root, "og:site_name", "application-name", "apple-mobile-web-app-title"),
        publisher.get("name", "") if isinstance(publisher, dict) else "",
    }
    node = root.find(".//title")
    parts = _TITLE_PARTS.split(node.text_content() if node is not None else "")
    names.update(p for p in parts[1:] if 2 <= len(p.strip()) <= 20)  # "…_网易订阅", "- BBC News"
    return {str(n).strip() for n in names if n and str(n).strip()}


def _host_names(url: str) -> set[str]:
    """The labels of the URL's host that name the site (``chinanews`` of www.chinanews.com)."""
    host = urlsplit(url).hostname or ""
    return {p for p in host.split(".") if len(p) >= 4 and p not in ("www", "news", "blog")}


def publisher_names(root: etree._Element, ld: dict) -> list[str]:
    """The names the site declares for itself (og:site_name, JSON-LD publisher), best first."""
    publisher = ld.get("publisher")
    names = [
        _meta(root, "og:site_name"),
        publisher.get("name", "") if isinstance(publisher, dict) else "",
        _meta(root, "application-name", "apple-mobile-web-app-title"),
    ]
    return [str(n).strip() for n in names if n and str(n).strip()]


def extract_title(root: etree._Element, ld: dict) -> str:
    """The title by agreement among headings, og:title, JSON-LD and ``<title>``."""
    return _title(
        root,
        str(ld.get("headline") or ""),
        _meta(root, "og:title", "twitter:title"),
        site_names(root, ld),
    )


def _shown_time(regions: Regions, tz: str) -> Printed | None:
    """The time shown with the article: the labelled one (``发布时间：``), else the first
    printed in its header with an hour, else the first day; not a calendar or another item's."""
    text = regions.header
    labelled = _TIME_LABEL_RE.search(text)
    if labelled:
        found = printed_times(labelled["v"], tz)
        if found:
            return found[0]
    candidates = _article_times(text, tz)
    return next((p for p in candidates if p.has_time), candidates[0] if candidates else None)


def _article_times(text: str, tz: str) -> list[Printed]:
    """Dates printed in ``text`` that are neither the page's calendar nor another item's."""
    kept = []
    for found in printed_times(text, tz):
        before, after = (
            text[max(0, found.start - 8) : found.start],
            text[found.start : found.start + 40],
        )
        if _OTHER_ITEM.search(before) or _CALENDAR_BEFORE.search(before):
            continue
        if _CALENDAR_AFTER.search(re.sub(r"^[\d\s年月日/.:：-]+", "", after)):
            continue
        kept.append(found)
    return kept


def _agreeing(shown: Printed, meta: datetime) -> datetime:
    """The shown time, unless meta tells the same moment with its zone: the shown wall clock is
    meta's moment in some whole-quarter-hour offset (a page printing local time without a zone).
    A day shown alone takes meta's time when meta falls on that day."""
    if not shown.has_time:  # the day in some zone of the world: meta's moment is more precise
        utc = meta.astimezone(timezone.utc).replace(tzinfo=None)
        days = {(utc + timedelta(hours=h)).date() for h in range(-12, 15)}
        return meta if shown.moment.date() in days else shown.moment
    if shown.has_zone:
        return shown.moment
    shown_wall = shown.moment.replace(tzinfo=None, second=0, microsecond=0)
    meta_utc = meta.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    offset = (shown_wall - meta_utc).total_seconds()
    same_moment = offset % 900 == 0 and abs(offset) <= 14 * 3600
    return meta if same_moment else shown.moment


def extract_published(
    root: etree._Element,
    ld: dict,
    regions: Regions,
    tz: str,
    now: datetime | None = None,
    url: str = "",
) -> datetime | None:
    """Publication time: the one shown with the article, checked against JSON-LD and meta tags.

    A day-only candidate takes its hour from a time printed on the page that day; relative
    times (``3小时前``), the URL's day and htmldate's day are the last resorts.
    """
    shown = _shown_time(regions, tz)
    meta = None
    for value in (ld.get("datePublished"), _meta(root, *_PUBLISHED_META), _time_element(root)):
        meta = parse_datetime(str(value), tz, now) if value else None
        if meta:
            break
    labelled = _match(_TIME_LABEL_RE, regions.header) or _match(_TIME_LABEL_RE, regions.text[:4000])
    labelled_time = parse_datetime(labelled, tz, now) if labelled else None
    printed = [p.moment for p in printed_times(regions.header, tz) if p.has_time]
    if shown and meta:
        return _with_printed_time(_agreeing(shown, meta), printed)
    chosen = (shown.moment if shown else None) or meta or labelled_time
    if chosen is not None:
        return _with_printed_time(chosen, printed)
    header = without_calendar(regions.header)
    relative = None if printed else parse_datetime(header, tz, now)  # 3小时前, 昨天 10:30
    if relative is not None:
        return relative
    calendar = {p.moment.date() for p in printed_times(regions.header, tz)}
    day = _url_day(url)
    if day is None:
        day = _htmldate(root, url)
        day = None if day in calendar else day  # htmldate read the top bar's "today"
    if day is None:
        return None
    return _with_printed_time(datetime.combine(day, time(0), parse_tz(tz)), printed)


def extract_author(root: etree._Element, ld: dict, regions: Regions, not_names: set[str]) -> str:
    """The byline: a JSON-LD author printed in the article's header (a person, or the channel
    the page credits as author), a JSON-LD person, the header's byline, the footer's signature,
    then meta tags; platform names, ids and the editor are never taken."""
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else ""
    if isinstance(author, dict):
        author = author.get("name", "")
    declared = re.sub(r"\s+", " ", str(author or "")).strip()
    if len(declared) >= 2 and declared in regions.header and not bylines.is_placeholder(declared):
        return declared
    candidates = (
        lambda: bylines.person(declared, not_names),
        lambda: bylines.author_from_header(regions.header, not_names),
        lambda: bylines.author_from_footer(regions.footer, regions.closing, not_names),
        lambda: bylines.person(_meta(root, "author", "article:author", "byline"), not_names),
    )
    for candidate in candidates:
        name = candidate()
        if name:
            return re.sub(r"\s+", " ", name).strip()
    return ""


def extract_source(root: etree._Element, ld: dict, regions: Regions) -> str:
    """The publisher the page credits (``来源：X``), else the site's own name."""
    credited = bylines.extract_source(regions.header, regions.footer, regions.text[:4000])
    return credited or _source_element(root) or next(iter(publisher_names(root, ld)), "")


def _source_element(root: etree._Element) -> str:
    """The text of an element the page marks as the source (``class="source"``, ``media-name``)."""
    for node in root.xpath(_SOURCE_XPATH):
        text = bylines.clean_name(
            re.sub(r"^\s*(?:来源|来自|出处)\s*[:：]?", "", node.text_content())
        )
        if 2 <= len(text) <= 20 and not re.search(r"\d{4}|[:：]", text):
            return text
    return ""


def extract_editor(regions: Regions) -> str:
    """The editor in charge (``责任编辑：X``), from the footer, the header, then the page."""
    return (
        bylines.extract_editor(regions.footer)
        or bylines.extract_editor(regions.header)
        or bylines.extract_editor(regions.text)
    )


def extract_tags(root: etree._Element, ld: dict) -> list[str]:
    """Tags from ``keywords`` (JSON-LD, then meta): split on commas, else on spaces."""
    raw = ld.get("keywords") or _meta(root, "keywords", "news_keywords", "article:tag")
    if isinstance(raw, list):
        raw = ",".join(map(str, raw))
    raw = str(raw or "")
    separators = r"[,，;；、|]+" if re.search(r"[,，;；、|]", raw) else r"\s+"
    tags = [t.strip() for t in re.split(separators, raw) if 0 < len(t.strip()) <= 30]
    return list(dict.fromkeys(tags))


def _with_printed_time(found: datetime, printed: list[datetime]) -> datetime:
    """A day-only time (midnight) gets the hour printed in the header for that day, if any."""
    if (found.hour, found.minute, found.second) != (0, 0, 0):
        return found
    for moment in printed:
        if moment.astimezone(found.tzinfo).date() == found.date():
            return moment
    return found


def _url_day(url: str) -> date | None:
    """The day in an article URL's path (``/2024/03/15/``, ``/20240315/``, ``/202403/15/``)."""
    found = _URL_DATE.search(urlsplit(url).path)
    return date(int(found[1]), int(found[2]), int(found[3])) if found else None


def _htmldate(root: etree._Element, url: str = "") -> date | None:
    """The publication day htmldate picks (it weighs URL, headers, page structure), or None."""
    from htmldate import find_date  # slow to import; only when the page shows no time

    day = find_date(root, extensive_search=False, original_date=True, url=url or None)
    return datetime.fromisoformat(day).date() if day else None


def _time_element(root: etree._Element) -> str:
    """``<time datetime>`` or an ``itemprop="datePublished"`` element's value."""
    for node in root.xpath("//*[@itemprop='datePublished'] | //time[@datetime]"):
        value = node.get("datetime") or node.get("content") or node.text_content()
        if value and value.strip():
            return value.strip()
    return ""


def _json_ld(root: etree._Element) -> dict:
    """The first JSON-LD object that describes an article, or {}."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
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
            if isinstance(item, dict) and _ARTICLE_TYPES.search(str(item.get("@type", ""))):
                return item
    return {}


def _meta(root: etree._Element, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = root.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return ""


def _match(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found["v"].strip() if found else ""
