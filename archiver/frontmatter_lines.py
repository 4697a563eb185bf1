"""The frontmatter layout ``frontmatter.dump`` writes, read line by line without a YAML parser.

A reader build reads every frontmatter, and libyaml's parse with its Python node objects
costs several times this. The layout: known keys, one per line, each holding a one-line
plain or single-quoted scalar, a block list of such scalars, or a mapping of plain keys
to them (a text body's ``images``; ``{}`` when empty). Plain scalars are resolved by
PyYAML's own implicit resolvers, so ``2024``, ``yes`` or ``~`` mean here what they mean to
YAML. Anything else (double quotes, block scalars, other flow collections, comments,
other keys, tabs, any character YAML treats specially) gives None: the caller then parses
with YAML, so the result is always the one YAML gives, or YAML's error.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

KEYS = frozenset(
    "title categories headimg author comments date thumbnail url id site source editor tags "
    "cover archived date_unknown format pages extraction pending_images images".split()
)
# Characters outside YAML's printable set, its other line breaks (NEL, LS, PS), tab, BOM.
_SPECIAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A plain scalar may not start with an indicator or a space (some are legal; YAML reads those).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_EMPTY = {"{}": dict, "[]": list}  # what the writer gives a text body without images
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_MAX_KEY = 128  # the writer quotes longer keys; libyaml refuses plain keys past 1,024
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # frontmatter's: the same resolvers
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_TAG = "tag:yaml.org,2002:"


class _Unsure(Exception):
    """A line outside the layout: YAML must read this frontmatter."""


def read(text: str) -> dict[str, Any] | None:
    """The mapping a frontmatter (the YAML between the ``---`` lines) holds, or None when
    it is not in the writer's layout and only YAML can say."""
    if _SPECIAL.search(text) or _LOADER.yaml_path_resolvers or None in _resolvers():
        return None
    try:
        return _mapping(text.split("\n")[:-1])
    except _Unsure:
        return None


def _mapping(lines: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    at, count = 0, len(lines)
    while at < count:
        line = lines[at]
        at += 1
        key, sep, value = line.partition(": ")
        if not sep:
            if not line.endswith(":"):
                raise _Unsure
            key = line[:-1]
        if key not in KEYS or key in meta:
            raise _Unsure
        if value:
            meta[key] = _scalar(value)
            continue
        indent = _indent(lines[at]) if at < count else 0
        if at < count and lines[at].startswith("- ", indent):
            meta[key], at = _sequence(lines, at, indent)
        elif indent:
            meta[key], at = _submapping(lines, at, indent)
        else:
            meta[key] = None
    return meta


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _sequence(lines: list[str], at: int, indent: int) -> tuple[list[Any], int]:
    """The items of a block list whose lines start with ``indent`` spaces and ``- ``."""
    items = []
    prefix = " " * indent + "- "
    while at < len(lines) and lines[at].startswith(prefix):
        items.append(_scalar(lines[at][len(prefix) :]))
        at += 1
    if at < len(lines) and lines[at][:1] == " ":
        raise _Unsure
    return items, at


def _submapping(lines: list[str], at: int, indent: int) -> tuple[dict[str, Any], int]:
    """A mapping of plain string keys to scalars, its lines indented by ``indent``."""
    items: dict[str, Any] = {}
    prefix = " " * indent
    while at < len(lines) and lines[at].startswith(prefix):
        line = lines[at][indent:]
        key, sep, value = line.partition(": ")
        if not sep or not value or key in items or len(key) > _MAX_KEY:
            raise _Unsure
        if key[:1] == "'" or not isinstance(resolved := _scalar(key), str):
            raise _Unsure
        items[resolved] = _scalar(value)
        at += 1
    if at < len(lines) and lines[at][:1] == " ":
        raise _Unsure
    return items, at


def _scalar(value: str) -> Any:
    """A one-line scalar as YAML reads it: single-quoted, or plain and resolved."""
    first = value[:1]
    if first == "'":
        inner = value[1:-1]
        if value[-1] == "'" and len(value) > 1:
            if "'" not in inner:
                return inner
            if "'" not in inner.replace("''", ""):
                return inner.replace("''", "'")
        raise _Unsure
    if value in _EMPTY:
        return _EMPTY[value]()
    if not first or first in _INDICATORS or value[-1] in " :" or ": " in value or " #" in value:
        raise _Unsure
    resolvers = _resolvers().get(first)
    if resolvers:
        for tag, pattern in resolvers:
            if pattern.match(value):
                return _resolved(tag, value)
    return value


def _resolvers() -> dict[str | None, list[tuple[str, re.Pattern]]]:
    """The loader's implicit resolvers by first character, as they are now."""
    return _LOADER.yaml_implicit_resolvers


def _resolved(tag: str, value: str) -> Any:
    """A plain scalar YAML resolves to another type than a string: the few the writer
    produces (booleans, decimal integers, null), else the caller asks YAML."""
    if tag == _TAG + "bool":
        return _BOOLS[value.lower()]
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "int" and _DECIMAL.fullmatch(value):
        return int(value)
    raise _Unsure
