"""Article metadata from any page by a cascade: JSON-LD, then OpenGraph/meta tags, then the DOM.

One ``extract_<field>`` per field. Used alone by generic extraction and to fill what a
site's selectors did not find. Chinese conventions (``来源：``, ``作者：``, ``记者 X``,
``责任编辑``/``责编``, ``发布时间：``) are read from the page text. Times keep their hours:
htmldate only gives the day, so it is used to choose among the times printed on the page,
and alone only as the last resort.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract.dates import find_datetimes, parse_datetime, parse_tz, without_calendar

_HAN = "\u3400-\u9fff"
# A labelled value runs to the next space, separator or the next label.
_NEXT_LABEL = (
    r"(?:来源|作者|责任编辑|责编|编辑|记者|发布|时间|日期|字体|分享|评论|阅读|浏览|关注|举报|投诉)"
)
_NAME = rf"(?P<v>(?:(?!{_NEXT_LABEL}[:：])[^\s|｜/，,。；;【】\[\]]){{1,40}})"
_VALUE = r"[:：]\s*" + _NAME
# 来源 of a picture (图片来源、题图来自) or a request to credit (请注明来源) is not the article's.
_SOURCE_RE = re.compile(
    rf"(?<!图片)(?<!题图)(?<!配图)(?<!图)(?<!注明)(?<!转载)(?:来源|来自|出处){_VALUE}"
)
_WECHAT_RE = re.compile(rf"来自(?:微信)?公众号{_VALUE}")
_AUTHOR_RE = re.compile(
    rf"(?:作者|(?<![{_HAN}])文|(?<![{_HAN}])记者|撰文)[:：]\s*(?:(?:本报|本台)?记者\s*)?{_NAME}"
)
_REPORTER_RE = re.compile(
    rf"(?:本报|本台|^|[\s（(])记者\s*(?P<v>[{_HAN}]{{2,4}})(?=[\s）)，,、]|$)"
)
_EDITOR_RE = re.compile(rf"(?:责任编辑|责编|(?<![{_HAN}])编辑){_VALUE}")
# Publication labels first; a bare 时间/日期 only when no Han character precedes it (成文日期 is not it).
_TIME_LABEL_RE = re.compile(
    rf"(?:发布时间|发表时间|发布日期|发稿时间|(?<![{_HAN}])时间|(?<![{_HAN}])日期)\s*[:：]\s*(?P<v>[^|｜]{{6,40}})"
)
_TITLE_SUFFIX = re.compile(r"\s*[-_|｜—]+\s*[^-_|｜—]{1,30}$")
_STAFF_CODE = re.compile(r"(?:[_\s]*[A-Z]{1,4}\d{2,})+$")  # 陈丽_NN1234, SF069: editors' codes
_DATE_TEXT_CHARS = 3000
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
    root: etree._Element, url: str = "", tz: str = "+08:00", now: datetime | None = None
) -> Metadata:
    """All metadata fields of a page, each from the best source that has it.

    ``tz`` is the zone of printed times that carry none; ``now`` anchors ``3小时前``.
    """
    ld = _json_ld(root)
    text = _header_text(root)
    return Metadata(
        title=extract_title(root, ld),
        published=extract_published(root, ld, text, tz, now, url),
        author=extract_author(root, ld, text),
        source=extract_source(text),
        editor=extract_editor(text),
        tags=extract_tags(root, ld),
    )


def extract_title(root: etree._Element, ld: dict) -> str:
    title = ld.get("headline") or _meta(root, "og:title", "twitter:title", "ArticleTitle")
    if not title:
        h1 = root.find(".//h1")
        title = h1.text_content() if h1 is not None else ""
    if not title:
        node = root.find(".//title")
        title = _TITLE_SUFFIX.sub("", node.text_content()) if node is not None else ""
    return re.sub(r"\s+", " ", str(title)).strip()


def extract_published(
    root: etree._Element, ld: dict, text: str, tz: str, now: datetime | None = None, url: str = ""
) -> datetime | None:
    """Publication time with its hour: JSON-LD, meta tags, ``<time>``, labelled text, printed times.

    A candidate that gives only a day takes its hour from a time printed on the page that day.
    The page's calendar (``今天是…``, ``… 星期三``) is not a publication time.
    """
    calendar = {moment.date() for moment in find_datetimes(text[:_DATE_TEXT_CHARS], tz)}
    text = without_calendar(text)
    printed = find_datetimes(text[:_DATE_TEXT_CHARS], tz)
    calendar -= {moment.date() for moment in printed}
    candidates = [
        ld.get("datePublished"),
        _meta(root, *_PUBLISHED_META),
        _time_element(root),
        _match(_TIME_LABEL_RE, text),
    ]
    for value in candidates:
        found = parse_datetime(str(value), tz, now) if value else None
        if found:
            return _with_printed_time(found, printed)
    relative = None if printed else parse_datetime(text[:_DATE_TEXT_CHARS], tz, now)  # 3小时前
    if relative is not None:
        return relative
    day = _url_day(url)
    if day is None:
        day = _htmldate(root, url)
        day = None if day in calendar else day  # htmldate read the top bar's "today"
    if day is None:  # a printed time is a byline; a bare day is as likely the nav bar's "today"
        timed = [m for m in printed if (m.hour, m.minute) != (0, 0)]
        return (timed or printed or [None])[0]
    return _with_printed_time(datetime.combine(day, time(0), parse_tz(tz)), printed)


def extract_author(root: etree._Element, ld: dict, text: str) -> str:
    """The byline: JSON-LD, meta tags, ``作者：``/``文/``/``记者：``, then ``本报记者 X``."""
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else ""
    if isinstance(author, dict):
        author = author.get("name", "")
    author = (
        author
        or _meta(root, "author", "article:author", "byline")
        or _clean_name(_match(_AUTHOR_RE, text))
        or _match(_REPORTER_RE, text)
    )
    return re.sub(r"\s+", " ", str(author)).strip()


def extract_source(text: str) -> str:
    """The publisher the page credits: ``来源：X``, ``本文来自微信公众号：X``; not a picture's source."""
    return _clean_name(_match(_SOURCE_RE, text) or _match(_WECHAT_RE, text))


def extract_editor(text: str) -> str:
    """The editor in charge (``责任编辑：X``, ``责编：X``), without the staff codes portals append."""
    return _clean_name(_match(_EDITOR_RE, text))


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
    """A day-only time (midnight) gets the hour printed on the page for that day, if any."""
    if (found.hour, found.minute, found.second) != (0, 0, 0):
        return found
    local_day = found.date()
    for moment in printed:
        timed = (moment.hour, moment.minute) != (0, 0)
        if timed and moment.astimezone(found.tzinfo).date() == local_day:
            return moment
    return found


def _url_day(url: str) -> date | None:
    """The day in an article URL's path (``/2024/03/15/``, ``/20240315/``, ``/202403/15/``)."""
    found = _URL_DATE.search(urlsplit(url).path)
    return date(int(found[1]), int(found[2]), int(found[3])) if found else None


def _htmldate(root: etree._Element, url: str = "") -> date | None:
    """The publication day htmldate picks (it weighs URL, headers, page structure), or None."""
    from htmldate import find_date  # slow to import; only when the page has no labelled time

    day = find_date(root, extensive_search=False, original_date=True, url=url or None)
    return datetime.fromisoformat(day).date() if day else None


def _time_element(root: etree._Element) -> str:
    """``<time datetime>`` or an ``itemprop="datePublished"`` element's value."""
    for node in root.xpath("//*[@itemprop='datePublished'] | //time[@datetime]"):
        value = node.get("datetime") or node.get("content") or node.text_content()
        if value and value.strip():
            return value.strip()
    return ""


def _clean_name(value: str) -> str:
    """A name without reporter prefixes, staff codes or brackets: ``记者 张华_NN12`` -> ``张华``."""
    value = re.sub(r"^(?:本报|本台)?记者\s*", "", value.strip())
    value = _STAFF_CODE.sub("", value)
    value = value.strip(" （）()<>《》「」“”\"'：:")
    return "" if re.fullmatch(r"[A-Z]{0,4}\d*", value) else value


def _json_ld(root: etree._Element) -> dict:
    """The first JSON-LD object that describes an article, or {}."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _meta(root: etree._Element, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = root.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return ""


def _header_text(root: etree._Element) -> str:
    """Visible text of the page's top part, where bylines and times are printed."""
    body = root.find(".//body")
    node = body if body is not None else root
    parts: list[str] = []
    for chunk in node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"):
        parts.append(chunk)
        if sum(map(len, parts)) > 4000:
            break
    return re.sub(r"\s+", " ", " ".join(parts))


def _match(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found["v"].strip() if found else ""
