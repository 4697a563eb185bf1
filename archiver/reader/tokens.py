"""Text normalisation and character bigrams, shared by the Python indexer and the browser.

Chinese has no spaces between words, so whitespace tokens are useless; every pair of
adjacent letters/digits (a character bigram) is a token instead. ``static/search.js``
implements the same three functions; keep them in step (``test_reader_search`` checks
that the shard hash agrees on sample strings).
"""

from __future__ import annotations

import re
from operator import add

# Full-width ASCII letters and digits fold to ASCII: "５Ｇ" and "5G" are the same query.
# The mapping keeps string lengths unchanged, so offsets in normalised text fit the original.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_SEPARATORS = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def fold(text: str) -> str:
    """Fold full-width letters and digits to ASCII (same length; case kept for display)."""
    return _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def normalize(text: str) -> str:
    """Fold full-width alphanumerics and lower-case; the same length as the input."""
    return fold(text).lower()


def tidy_text(text: str) -> str:
    """Collapse runs of spaces, and of blank lines, in text extracted from HTML."""
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def bigrams(text: str) -> set[str]:
    """The distinct bigrams of the letter/digit runs of already normalised text."""
    out: set[str] = set()
    for run in _SEPARATORS.split(text):
        out.update(map(add, run, run[1:]))
    return out


def shard_of(bigram: str, shards: int) -> int:
    """FNV-1a (32 bit) over the code points of a bigram, modulo the shard count."""
    h = 0x811C9DC5
    for ch in bigram:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % shards
