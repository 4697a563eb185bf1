"""What the index page needs before anything else: the list order and ``meta``.

``order`` lists every live document number, newest first, as base-64 little-endian 32-bit
integers: the page turns it into a typed array at once and draws the rows on screen from
the entry blocks (``docstore``), so 100,000 rows or 1,000,000 cost 4 bytes each.
``meta`` carries the totals, the filter values with their counts, the index segments and the
block sizes.
"""

from __future__ import annotations

import base64
import sys
from array import array
from pathlib import Path

from archiver.reader.docstore import ENTRY, META_BLOCK, TEXT_BLOCK
from archiver.reader.files import read_data, write_data
from archiver.reader.manifest import Segment
from archiver.reader.postings import ALPHABET

MAX_TAGS_IN_META = 5000
FORMAT = 2
_KINDS = {"s": "sites", "c": "categories", "g": "tags", "m": "months"}


def write_order(root: Path, order: array) -> bool:
    """Write the list order (an ``array('I')`` of document numbers); True if it changed."""
    data = array("I", order)
    if sys.byteorder != "little":
        data.byteswap()
    return write_data(root, "order", base64.b64encode(data.tobytes()).decode("ascii"))


def read_order(root: Path) -> array:
    """The list order as written by ``write_order`` (empty if there is none)."""
    data = array("I")
    text = read_data(root, "order")
    if text:
        data.frombytes(base64.b64decode(text))
        if sys.byteorder != "little":
            data.byteswap()
    return data


def _counted(items: list[tuple[str, int]], limit: int | None = None) -> list[list]:
    """Filter values with their counts, most frequent first, then alphabetical."""
    ranked = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    return [[k, v] for k, v in ranked[:limit]]


def write_meta(
    root: Path, total: int, max_dn: int, facets: dict[str, int], segments: list[Segment]
) -> bool:
    """Write ``meta``: totals, filter values (``facets``: "s:ofweek" -> count), segments."""
    kinds: dict[str, list[tuple[str, int]]] = {name: [] for name in _KINDS.values()}
    for key, count in facets.items():
        kind, _, value = key.partition(":")
        if kind in _KINDS:
            kinds[_KINDS[kind]].append((value, count))
    months = sorted((m for m in kinds["months"] if m[0] != "undated"), reverse=True)
    months += [m for m in kinds["months"] if m[0] == "undated"]
    meta = {
        "format": FORMAT,
        "total": total,
        "maxDn": max_dn,
        "entry": list(ENTRY),
        "metaBlock": META_BLOCK,
        "textBlock": TEXT_BLOCK,
        "alphabet": ALPHABET,
        "segments": [[s.name, s.lo, s.hi, s.shards] for s in segments],
        "months": [list(m) for m in months],
        "sites": _counted(kinds["sites"]),
        "categories": _counted(kinds["categories"]),
        "tags": _counted(kinds["tags"], MAX_TAGS_IN_META),
    }
    return write_data(root, "meta", meta)
