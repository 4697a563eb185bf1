"""The article file format (SPEC §1): Hexo frontmatter in the seed's exact layout, then the body.

The seed keys are written line by line so that ordinary values come out byte-identical to
``seeds/000_...txt``; every value still goes through PyYAML, so any title stays valid YAML.
Extension keys follow ``thumbnail`` as ordinary YAML.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~8x faster
SEED_KEYS = ("title", "categories", "headimg", "author", "comments", "date", "thumbnail")
BODY_FORMATS = ("html", "text", "markdown")

_FRONTMATTER_RE = re.compile(r"\A\n?---\n(?P<yaml>.*?\n)---\n", re.S)
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_HTML_OPEN = "<div>   \n"
_HTML_CLOSE = "  \n</div>\n"


class FrontmatterError(ValueError):
    """An article file that does not parse as the seed layout."""


def _dump_scalar(value: str, *, quoted: bool) -> str:
    """One YAML scalar on one line: single-quoted like the seed, or plain when that is safe."""
    if _NEEDS_ESCAPES.search(value):  # line breaks and controls only survive double quotes
        quoted, style = True, '"'
    else:
        style = "'" if quoted else None
    text = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=math.inf)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if not quoted and ("\n" in text or text.startswith(("'", '"'))):
        return _dump_scalar(value, quoted=True)
    return text


def render_article(fields: Mapping[str, Any], body: str, body_format: str = "html") -> str:
    """Return the whole article file: frontmatter (seed keys, then extension keys) and body.

    ``fields`` holds ``title``, ``categories``, ``headimg``, ``author``, ``date`` (an RFC 1123
    string) and any extension keys; ``comments`` and ``thumbnail`` are derived as in the seed.
    """
    if body_format not in BODY_FORMATS:
        raise ValueError(f"body_format must be one of {BODY_FORMATS}, not {body_format!r}")
    headimg = fields.get("headimg") or ""
    lines = ["", "---", f"title: {_dump_scalar(fields['title'], quoted=True)}", "categories: "]
    lines += [f" - {_dump_scalar(str(c), quoted=False)}" for c in fields.get("categories", ())]
    lines += [
        f"headimg: {_dump_scalar(headimg, quoted=True)}",
        f"author: {_dump_scalar(fields['author'], quoted=False)}",
        "comments: false",
        f"date: {_dump_scalar(fields['date'], quoted=False)}",
        f"thumbnail: {_dump_scalar(headimg, quoted=True)}",
    ]
    extra = {k: v for k, v in fields.items() if k not in SEED_KEYS and v not in (None, "", [])}
    head = "\n".join(lines) + "\n"
    if extra:
        head += yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, width=math.inf)
    head += "---\n\n"
    if body_format == "html":
        return f"{head}{_HTML_OPEN}{body}{_HTML_CLOSE}"
    return f"{head}{body.strip()}\n"


def parse_article(text: str) -> tuple[dict[str, Any], str]:
    """Split an article file into (frontmatter mapping, body); raise FrontmatterError if it is not one."""
    match = _FRONTMATTER_RE.match(text)
    if not match:
        raise FrontmatterError("no frontmatter block (expected a '---' line, YAML, '---')")
    try:
        meta = yaml.load(match["yaml"], Loader=_SafeLoader)
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
