"""What a hit shows: each document's entry (title, path, date, labels) and its plain text.

Both are stored in blocks by document number, so the page loads only the blocks of the rows
on screen: ``.reader/m/<dn // META_BLOCK>.js`` holds entries (``ENTRY`` gives the field
order), ``.reader/t/<dn // TEXT_BLOCK>.js`` the texts of ``TEXT_BLOCK`` documents as one
raw-deflate stream in base 64 (the browser inflates it with ``DecompressionStream``), used
to confirm a phrase and to cut the snippet. A build starts its documents at a multiple of
``ALIGN``, so it writes whole blocks and never rewrites an older one.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from archiver.reader.files import read_data, write_data

ENTRY = tuple("dn folder name title date site categories tags cover author url".split())
META_BLOCK = 64
TEXT_BLOCK = 32
ALIGN = 192  # a multiple of both blocks, and of 6 (a base-64 character's bits)
_SEPARATOR = "\x00"


def write_blocks(root: Path, entries: Mapping[int, list], texts: Mapping[int, str]) -> None:
    """Write the blocks of a run of documents (whole blocks: see ``ALIGN``)."""
    metas: dict[int, list[list]] = {}
    for dn in sorted(entries):
        metas.setdefault(dn // META_BLOCK, []).append(entries[dn])
    for block, rows in metas.items():
        write_data(root, f"m/{block}", rows)
    grouped: dict[int, list[int]] = {}
    for dn in sorted(texts):
        grouped.setdefault(dn // TEXT_BLOCK, []).append(dn)
    for block, dns in grouped.items():
        joined = _SEPARATOR.join(texts[dn].replace(_SEPARATOR, " ") for dn in dns)
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = packer.compress(joined.encode("utf-8")) + packer.flush()
        write_data(root, f"t/{block}", {"dns": dns, "z": base64.b64encode(packed).decode()})


class DocStore:
    """Reads entries and texts back (``archiver search``), caching recently used blocks."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._meta = lru_cache(maxsize=256)(self._read_meta)
        self._text = lru_cache(maxsize=64)(self._read_text)

    def _read_meta(self, block: int) -> dict[int, list]:
        return {row[0]: row for row in read_data(self.root, f"m/{block}") or []}

    def _read_text(self, block: int) -> dict[int, str]:
        data = read_data(self.root, f"t/{block}")
        if not data:
            return {}
        raw = zlib.decompress(base64.b64decode(data["z"]), -15).decode("utf-8")
        return dict(zip(data["dns"], raw.split(_SEPARATOR), strict=False))

    def entry(self, dn: int) -> list | None:
        """The ``ENTRY`` list of a document, or None."""
        return self._meta(dn // META_BLOCK).get(dn)

    def text(self, dn: int) -> str:
        """The plain text of a document's body ('' if unknown)."""
        return self._text(dn // TEXT_BLOCK).get(dn, "")
