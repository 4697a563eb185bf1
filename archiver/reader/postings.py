"""Posting lists as text: sorted document numbers, gap-coded as base-64 varints.

A list is the first number minus the segment's ``lo``, then each gap minus one, each value
written 5 bits per character, least significant first, with 32 marking "more follows"
(``ALPHABET`` keeps it JSON- and URL-safe). A number that is 1 more than the previous one
costs one character, so dense lists stay small and decode in a tight loop
(``static/search.js`` has the same ``decode``).

Pure Python with no heavy import (``archiver search`` decodes with it); ``keys`` builds
lists for a whole chunk of documents at once with numpy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import accumulate

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
SMALL = 1 << 10
_VALUES = bytes.maketrans(ALPHABET.encode("ascii"), bytes(range(64)))
_LOW = bytes(range(32))
_TOKEN = re.compile(rb"[\x20-\x3f]*[\x00-\x1f]")


def varint(n: int) -> str:
    """One value: 5 data bits per character, least significant first."""
    out = []
    while n >= 32:
        out.append(ALPHABET[32 | (n & 31)])
        n >>= 5
    out.append(ALPHABET[n])
    return "".join(out)


TABLE = [varint(n) for n in range(SMALL)]


def encode(dns: Sequence[int], lo: int) -> str:
    """Sorted document numbers (all ``>= lo``) as one code."""
    if not dns:
        return ""
    table = TABLE
    prev = lo - 1
    out = []
    for dn in dns:
        gap = dn - prev - 1
        out.append(table[gap] if gap < SMALL else varint(gap))
        prev = dn
    return "".join(out)


@cache
def _token_value(token: bytes) -> int:
    value = 0
    for shift, digit in enumerate(token):
        value |= (digit & 31) << (5 * shift)
    return value


def decode(code: str, lo: int) -> list[int]:
    """Inverse of ``encode``: C-speed for the common case where every gap is under 32."""
    values = code.encode("ascii").translate(_VALUES)
    if values.translate(None, _LOW):  # some value takes more than one character
        values = map(_token_value, _TOKEN.findall(values))  # type: ignore[assignment]
    return list(accumulate(map((1).__add__, values), initial=lo - 1))[1:]
