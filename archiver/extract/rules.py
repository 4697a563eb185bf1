"""Site definitions as data: what a site's list and article pages mean, loaded from YAML.

A definition names the list pages, which links are articles, and one or more article
layouts (CSS selectors per field, tried in order). Validation happens at load time and
names the file and the key, so a typo fails before any request is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import re2
import yaml
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from archiver.extract.dates import parse_tz
from archiver.items import BodyFormat

SITES_DIR = Path(__file__).resolve().parent.parent / "sites"
_SELECTOR_FIELDS = (
    "title",
    "body",
    "time",
    "author",
    "source",
    "tags",
    "lead",
    "remove",
    "next_page",
)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # the error goes into our one-line message, not to stderr


class SiteDefinitionError(ValueError):
    """A site definition file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Layout:
    """One article page layout: CSS selectors per field, each list tried in order."""

    name: str
    title: tuple[str, ...]
    body: tuple[str, ...]
    time: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # paragraphs shown above the body (old OFweek "div.simple")
    remove: tuple[str, ...] = ()  # removed inside the body: share bars, related lists, ads
    next_page: tuple[str, ...] = ()  # link to page n+1 of a multi-page article


@dataclass(frozen=True)
class ListRules:
    """How to read a list page: article links, their dates, pagination links.

    ``skip``: phrases whose links are page furniture, not articles (an e-paper's 本版责编/广告
    entries). ``dated``: URL template of a day's first list page, ``{date:%Y%m}`` style, for
    sites published as dated editions.
    """

    items: tuple[str, ...]
    next: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    dated: str = ""


@dataclass(frozen=True)
class SiteRules:
    """Everything the parsers and spiders need to know about one site."""

    site: str  # short key: first folder in the archive
    name: str  # human name, the author of last resort
    layouts: tuple[Layout, ...]
    article_urls: tuple[re.Pattern[str], ...]
    start_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    list: ListRules = field(default_factory=lambda: ListRules(items=()))
    timezone: str = ""  # of printed times that carry none; "": ARCHIVE_TIMEZONE (Beijing)
    # A page's declared language picks the zone of its printed times (a German page's are
    # Berlin's) before ``timezone``; False when the definition or -a timezone names one.
    zone_by_language: bool = True
    categories: tuple[str, ...] = ()
    body_format: BodyFormat | None = None  # None: ARCHIVE_BODY_FORMAT, else HTML
    encoding: str = ""  # hint when neither header nor <meta> names the charset
    remove: tuple[str, ...] = ()  # removed from every layout's body

    def is_article_url(self, url: str) -> bool:
        return any(p.search(url) for p in self.article_urls)


def load_site(name_or_path: str | Path) -> SiteRules:
    """Load and validate a site definition: a bundled name (``ofweek``) or a YAML file path."""
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = SITES_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SITES_DIR.glob("*.yaml")))
        raise SiteDefinitionError(f"{path}: no such site definition (bundled: {known})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteDefinitionError(f"{path}: cannot be read as UTF-8 text: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SiteDefinitionError(f"{path}: not valid YAML: {_one_line(exc)}") from exc
    return site_from_mapping(data, source=str(path))


def _one_line(error: yaml.YAMLError) -> str:
    """PyYAML's error as one line: what went wrong and where (its caret drawing dropped)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return f"{where}{problem}"


def site_from_mapping(data: Any, source: str = "<site>") -> SiteRules:
    """Build SiteRules from parsed YAML, raising SiteDefinitionError that names source and key."""
    ctx = _Context(source)
    if not isinstance(data, dict):
        raise ctx.error("", "must be a mapping of keys to values")
    ctx.reject_unknown(data, "", {f.name for f in fields(SiteRules)} | {"list"})
    layouts = ctx.get(data, "layouts", list, required=True)
    if not layouts:
        raise ctx.error("layouts", "needs at least one layout")
    list_data = ctx.get(data, "list", dict) or {}
    ctx.reject_unknown(list_data, "list", {"items", "next", "skip", "dated"})
    timezone = str(ctx.get(data, "timezone", str) or "")
    try:
        parse_tz(timezone)
    except ValueError as exc:
        raise ctx.error("timezone", str(exc)) from None
    body_format = ctx.get(data, "body_format", str)
    try:
        body_format = BodyFormat.parse(body_format, "") if body_format else None
    except ValueError as exc:
        raise ctx.error("body_format", str(exc).removeprefix(" ")) from None
    return SiteRules(
        site=ctx.get(data, "site", str, required=True),
        name=ctx.get(data, "name", str, required=True),
        layouts=tuple(ctx.layout(item, i) for i, item in enumerate(layouts)),
        article_urls=tuple(ctx.regex(data, "article_urls")),
        start_urls=tuple(ctx.strings(data, "start_urls")),
        allowed_domains=tuple(ctx.strings(data, "allowed_domains")),
        list=ListRules(
            items=tuple(ctx.selectors(list_data, "items", "list.items")),
            next=tuple(ctx.selectors(list_data, "next", "list.next")),
            skip=tuple(ctx.strings(list_data, "skip", "list.skip")),
            dated=ctx.dated_url(list_data),
        ),
        timezone=timezone,
        zone_by_language=not timezone,
        categories=tuple(ctx.strings(data, "categories")),
        body_format=body_format,
        encoding=ctx.get(data, "encoding", str) or "",
        remove=tuple(ctx.selectors(data, "remove", "remove")),
    )


class _Context:
    """Validation helpers that know which file they read, for error messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, key: str, message: str) -> SiteDefinitionError:
        where = f" key '{key}'" if key else ""
        return SiteDefinitionError(f"{self.source}:{where} {message}")

    def reject_unknown(self, data: dict, prefix: str, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                full = f"{prefix}.{key}" if prefix else key
                raise self.error(full, f"is not a known key (known: {', '.join(sorted(allowed))})")

    def get(
        self, data: dict, key: str, kind: type, *, required: bool = False, label: str = ""
    ) -> Any:
        label = label or key
        if key not in data or data[key] is None:
            if required:
                raise self.error(label, "is required")
            return None
        value = data[key]
        if not isinstance(value, kind):
            raise self.error(label, f"must be a {kind.__name__}, not {type(value).__name__}")
        return value

    def strings(self, data: dict, key: str, label: str = "") -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(label or key, "must be a string or a list of strings")
        return value

    def selectors(self, data: dict, key: str, label: str) -> list[str]:
        values = self.strings(data, key, label)
        for value in values:
            try:
                CSSSelector(value)
            except SelectorError as exc:
                raise self.error(label, f"has an invalid CSS selector {value!r}: {exc}") from None
        return values

    def regex(self, data: dict, key: str) -> list[re.Pattern[str]]:
        """User patterns compiled with RE2: linear time, so ``(\\w+-?)+`` cannot stall a crawl."""
        patterns = []
        for value in self.strings(data, key):
            try:
                patterns.append(re2.compile(value, _RE2_OPTIONS))
            except re2.error as exc:
                detail = (
                    exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
                )
                raise self.error(
                    key,
                    f"has an invalid regular expression {value!r} (RE2 syntax: no look-around"
                    f" or back-references): {detail}",
                ) from None
        return patterns

    def dated_url(self, data: dict) -> str:
        """``list.dated``: an http(s) URL template of a day (``.../{date:%Y%m}/{date:%d}/``)."""
        template = self.get(data, "dated", str, label="list.dated") or ""
        if not template:
            return ""
        try:
            first, second = (template.format(date=date(2001, 2, d)) for d in (3, 4))
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise self.error(
                "list.dated", f"is not a template with {{date:...}} fields: {exc}"
            ) from None
        if first == second or not first.startswith(("http://", "https://")):
            raise self.error(
                "list.dated", "must be an http(s) URL naming the day: {date:%Y%m}/{date:%d}"
            )
        return template

    def layout(self, item: Any, index: int) -> Layout:
        prefix = f"layouts[{index}]"
        if not isinstance(item, dict):
            raise self.error(prefix, "must be a mapping")
        self.reject_unknown(item, prefix, {"name", *_SELECTOR_FIELDS})
        for required in ("title", "body"):
            if not item.get(required):
                raise self.error(f"{prefix}.{required}", "is required")
        values = {k: tuple(self.selectors(item, k, f"{prefix}.{k}")) for k in _SELECTOR_FIELDS}
        return Layout(name=str(item.get("name") or f"layout{index}"), **values)
