"""The article file format (SPEC §1): Hexo frontmatter in the seed's exact layout, then the body.

``dump(article)`` writes an ``Article`` and ``load(text, path)`` reads one back; nothing
else in the project reads or writes the format. The seed keys are written line by line so
that ordinary values come out byte-identical to ``seeds/000_...txt``; every value still
goes through PyYAML, so any title stays valid YAML. Extension keys follow ``thumbnail``.
"""

from __future__ import annotations

import functools
import math
import posixpath
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import unquote

import yaml

from archiver import frontmatter_lines
from archiver.extract.dates import to_rfc1123
from archiver.extract.markdown import markdown_image_paths
from archiver.items import Article, BodyFormat
from archiver.paths import article_id, relative_to_article
from archiver.rewrite import local_image_paths

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~8x faster
SEED_KEYS = ("title", "categories", "headimg", "author", "comments", "date", "thumbnail")

_FRONTMATTER_RE = re.compile(r"\A\n?---\n(?P<yaml>.*?\n)---\n", re.S)
_ARCHIVED_RE = re.compile(r"^archived: '?([-0-9T:+.]+)'?$", re.M)
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_HTML_OPEN = "<div>   \n"
_HTML_CLOSE = "  \n</div>\n"


class FrontmatterError(ValueError):
    """An article file that does not parse as the seed layout, or holds impossible values."""


def dump(article: Article) -> str:
    """The whole article file: frontmatter (seed keys, then extension keys) and body.

    The body is written as it stands, in ``article.body_format``, with its image links
    already pointing at the local copies (see ``pipelines.write.file_article``).
    """
    archived = article.archived or datetime.now(timezone.utc)
    headimg = article.headimg
    lines = ["", "---", f"title: {_scalar(article.title, quoted=True)}", "categories: "]
    lines += [f" - {_scalar(str(c), quoted=False)}" for c in article.categories]
    lines += [
        f"headimg: {_scalar(headimg, quoted=True)}",
        f"author: {_scalar(article.author or article.source or article.site, quoted=False)}",
        "comments: false",
        f"date: {_scalar(to_rfc1123(article.published or archived), quoted=False)}",
        f"thumbnail: {_scalar(headimg, quoted=True)}",
    ]
    head = "\n".join(lines) + "\n"
    extra = {k: v for k, v in _extension_keys(article, archived).items() if v not in (None, "", [])}
    if extra:
        head += yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, width=math.inf)
    head += "---\n\n"
    if article.body_format is BodyFormat.HTML:
        return f"{head}{_HTML_OPEN}{article.body}{_HTML_CLOSE}"
    return f"{head}{article.body.strip()}\n"


def load(text: str, path: str = "", *, html_images: bool = True) -> Article:
    """The Article an article file holds; ``path`` (archive-relative) resolves its images.

    Images come from the body's local links (HTML ``data-original-src``, Markdown titles)
    and from the ``images`` key text bodies carry; whether their files exist is the
    folder's business (``archiver.folder.read_article``). ``html_images=False`` leaves out
    an HTML body's ``<img>`` links, for a caller that parses the body anyway (the reader's
    sanitiser: one parse instead of two). Raises FrontmatterError.
    """
    meta, body = split(text)
    try:
        body_format = BodyFormat.parse(meta.get("format") or "html", "format")
        published = None if meta.get("date_unknown") else _rfc1123(meta["date"])
        scan = html_images or body_format is not BodyFormat.HTML
        local, remote = _image_links(body if scan else "", body_format, meta.get("images"), path)
        pending = [str(u) for u in _list(meta.get("pending_images"))]
        return Article(
            url=_string(meta.get("url")),
            site=_string(meta.get("site")),
            title=_string(meta["title"]),
            published=published,
            body=body,
            body_format=body_format,
            author=_string(meta.get("author")),
            source=_string(meta.get("source")),
            editor=_string(meta.get("editor")),
            tags=[_string(t) for t in _list(meta.get("tags"))],
            categories=[_string(c) for c in _list(meta.get("categories"))],
            headimg=_string(meta.get("headimg")),
            image_urls=list(dict.fromkeys([*local, *remote, *pending])),
            pages=int(meta.get("pages") or 1),
            extraction=_string(meta.get("extraction")) or "selectors",
            images=local,
            failed_images=list(dict.fromkeys([*pending, *remote])),
            path=path,
            archived=_iso(meta.get("archived")),
        )
    except (TypeError, ValueError, OverflowError, KeyError) as exc:
        raise FrontmatterError(f"impossible value in the frontmatter: {exc}") from exc


def split(text: str) -> tuple[dict[str, Any], str]:
    """An article file as (frontmatter mapping, body); raise FrontmatterError if it is not one."""
    match = _FRONTMATTER_RE.match(text)
    if not match:
        raise FrontmatterError("no frontmatter block (expected a '---' line, YAML, '---')")
    meta = frontmatter_lines.read(match["yaml"])
    if meta is None:  # not in the writer's own layout: only YAML can say
        try:
            meta = _load_yaml(match["yaml"])
        except yaml.YAMLError as exc:
            raise FrontmatterError(f"frontmatter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise FrontmatterError("frontmatter is not a mapping")
    missing = [k for k in SEED_KEYS if k not in meta]
    if missing:
        raise FrontmatterError(f"frontmatter lacks seed keys: {', '.join(missing)}")
    body = text[match.end() :].removeprefix("\n")
    if body.startswith(_HTML_OPEN):
        inner = body[len(_HTML_OPEN) :].rstrip()
        if not inner.endswith("</div>"):
            raise FrontmatterError("HTML body is not closed by '</div>' (truncated file?)")
        body = inner.removesuffix("</div>").rstrip(" \n")
    return meta, body


def archived_hint(text: str) -> datetime | None:
    """The ``archived`` time as its frontmatter line reads, without the YAML parser, or None.

    A guess for the writer to check, not a reading: rendering an article with it and getting
    the file's exact bytes proves it (``render.render_over``); anything else parses the file.
    """
    end = text.find("\n---\n", 4)
    match = _ARCHIVED_RE.search(text, 0, end if end > 0 else 0)
    if match is None:
        return None
    try:
        return _iso(match[1])
    except (ValueError, OverflowError):
        return None


def _load_yaml(text: str) -> Any:
    """``yaml.load`` with the safe loader, building strings, lists and mappings itself:
    PyYAML's constructor costs as much again as libyaml's parse, and a reader build reads
    every frontmatter. Other scalars go to PyYAML's constructor one by one; a document
    with other tags, aliased collections or merge keys goes to it whole."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _plain(loader, node, set())
        except _NotPlain:
            return loader.construct_document(node)
    finally:
        loader.dispose()


class _NotPlain(Exception):
    """A node ``_plain`` leaves to PyYAML's constructor."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


def _plain(loader: Any, node: yaml.Node, seen: set[int]) -> Any:
    """The value of a node of scalars, lists and string-keyed mappings."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    if id(node) in seen:  # an alias: PyYAML keeps it one object (and allows cycles)
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_plain(loader, item, seen) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        if all(isinstance(key, yaml.ScalarNode) and key.tag == _STR for key, _ in node.value):
            return {key.value: _plain(loader, value, seen) for key, value in node.value}
    raise _NotPlain


def _extension_keys(article: Article, archived: datetime) -> dict[str, Any]:
    """The keys after ``thumbnail``, in their documented order (README: The archive folder)."""
    cover = article.images.get(article.headimg)
    text_images = None
    if article.body_format is BodyFormat.TEXT:  # a text body cannot point at its images
        text_images = {
            url: relative_to_article(article.path, local)
            for url, local in sorted(article.images.items())
        }
    return {
        "url": article.url,
        "id": article_id(article.url),
        "site": article.site,
        "source": article.source,
        "editor": article.editor,
        "tags": list(article.tags),
        "cover": relative_to_article(article.path, cover) if cover else "",
        "archived": archived.isoformat(timespec="seconds"),
        "date_unknown": True if article.published is None else None,
        "format": article.body_format.value if article.body_format is not BodyFormat.HTML else None,
        "pages": article.pages if article.pages > 1 else None,
        "extraction": article.extraction if article.extraction != "selectors" else None,
        "pending_images": list(article.failed_images),
        "images": text_images,
    }


@functools.lru_cache(maxsize=1024)  # categories, authors, an empty head image: a YAML dump each
def _scalar(value: str, *, quoted: bool) -> str:
    """One YAML scalar on one line: single-quoted like the seed, or plain when that is safe."""
    style: str | None
    if _NEEDS_ESCAPES.search(value):  # line breaks and controls only survive double quotes
        quoted, style = True, '"'
    else:
        style = "'" if quoted else None
    text = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=math.inf)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if not quoted and ("\n" in text or text.startswith(("'", '"'))):
        return _scalar(value, quoted=True)
    return text


def _image_links(
    body: str, body_format: BodyFormat, listed: Any, path: str
) -> tuple[dict[str, str], list[str]]:
    """(remote URL -> archive-relative local path, remote URLs with no local copy) of a body."""
    if body_format is BodyFormat.HTML:
        links = local_image_paths(body)
    elif body_format is BodyFormat.MARKDOWN:
        links = markdown_image_paths(body)
    else:
        links = {}
    if isinstance(listed, dict):
        links.update({str(k): str(v) for k, v in listed.items()})
    local: dict[str, str] = {}
    remote: list[str] = []
    for url, src in links.items():
        found = image_path(path, url, src)
        if found is None:
            remote.append(url)
        else:
            local[url] = found
    return local, remote


def image_path(path: str, url: str, src: str) -> str | None:
    """The archive-relative file an image of the article at ``path`` shows (``src`` as the
    body has it, ``url`` the original); None when the image was never downloaded."""
    if src == url or src.startswith(("http://", "https://", "//")):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(src)))


def _rfc1123(value: Any) -> datetime:
    """The seed's ``date:`` (RFC 1123 in GMT; ISO 8601 read too) as an aware datetime."""
    if isinstance(value, str) and (fast := _written_date(value.strip())) is not None:
        return fast
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


_GMT_DATE = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" ([1-9]\d{3}) (\d\d):(\d\d):(\d\d) GMT"  # two-digit years mean 19xx, 20xx there
)
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_ISO_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


def _written_date(text: str) -> datetime | None:
    """The two forms ``dump`` writes, read without ``email.utils`` (a reader build reads
    100,000 of each): what ``_rfc1123`` gives them, or None for any other text.

    ``date:`` as ``to_rfc1123`` writes it, and ``archived:`` in ISO 8601, which the
    RFC 2822 parser refuses (one word) before ``fromisoformat`` reads it."""
    if match := _GMT_DATE.fullmatch(text):
        day, month, year, hour, minute, second = match.groups()
        numbers = (int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second))
        return datetime(*numbers, tzinfo=timezone.utc)
    if _ISO_SECONDS.fullmatch(text):
        return datetime.fromisoformat(text).astimezone(timezone.utc)
    return None


def _iso(value: Any) -> datetime | None:
    if not value:
        return None
    return _rfc1123(value)


def _string(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v is not None]
