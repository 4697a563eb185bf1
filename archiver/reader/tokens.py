"""Text normalisation, index keys and query terms, shared by the indexer and both searchers.

Chinese has no spaces between words, so the index keys are characters: every letter or
digit (a unigram, so one-character queries work) and every pair of adjacent ones (a bigram).
A two-character term is then answered exactly by one posting list; a longer one by the
intersection of its bigrams' lists, confirmed against the stored text. ``static/search.js``
implements ``normalize``, ``runs``, ``query_terms`` and ``shard_of`` too; keep them in step
(``test_browser`` checks them on sample strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import add

# Full-width ASCII letters and digits fold to ASCII: "５Ｇ" and "5G" are the same query.
# The mapping keeps string lengths unchanged, so offsets in normalised text fit the original.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_RUN = re.compile(r"[^\W_]+")
_OTHER_SPACES = "\t\r\f\v\u00a0\u3000"  # collapsed with the space by ``tidy_text``
_SPACE_RUN = re.compile("  +")
_WHITESPACE = re.compile(r"\s+")
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')
TITLE = "^"  # prefix of a key's title-only list: "^华为" lists the articles with 华为 in the title
LOOKUP = 2  # posting lists looked up per term longer than two characters
FACET = "="  # prefix of a filter's list: "=s:ofweek", "=c:新闻", "=g:<tag>", "=m:2024-06"


def fold(text: str) -> str:
    """Fold full-width letters and digits to ASCII (same length; case kept for display)."""
    return _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def normalize(text: str) -> str:
    """Fold full-width alphanumerics and lower-case; the same length as the input."""
    return fold(text).lower()


def canon(text: str) -> str:
    """What a term is matched against: normalised, every run of whitespace one space."""
    return _WHITESPACE.sub(" ", normalize(text))


def tidy_text(text: str) -> str:
    """Collapse runs of spaces (tabs, no-break and ideographic spaces too), and of blank
    lines, in text extracted from HTML.

    Line by line: a regex for the blank lines (``\\s*\\n\\s*``) tries a match at every
    character, a third of a large body's cleaning time. The other spaces become spaces
    first (``str.replace``), then runs of spaces one: a regex class of them all takes ten
    times as long on Chinese text as these scans."""
    for space in _OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def runs(text: str) -> list[str]:
    """The runs of letters and digits of already normalised text."""
    return _RUN.findall(text)


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32 bit) over the code points of a key, modulo the shard count. A title key
    ``^k`` lives in the shard of ``k``: one file answers a query for both."""
    h = 0x811C9DC5
    for ch in key[1:] if key.startswith(TITLE) else key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


@dataclass(frozen=True)
class Term:
    """One query term: the text to find (``canon`` form) and the index keys that narrow it.

    ``exact`` terms (one run of one or two characters) are answered by their key's posting
    list alone; the others also need the stored text, as keys only say the bigrams occur.
    """

    text: str
    keys: tuple[str, ...]
    exact: bool

    @property
    def lookup(self) -> tuple[str, ...]:
        """The keys to look up: all of an exact term's; of a longer one, its first and last
        (the text confirms the rest, and a phrase of 8 costs 2 lists, not 8)."""
        if self.exact or len(self.keys) <= LOOKUP:
            return self.keys
        return (self.keys[0], self.keys[-1])


def query_terms(query: str) -> list[Term]:
    """Whitespace-separated terms, ``"quoted phrases"`` kept whole; terms with no letter or
    digit are dropped (they cannot be looked up)."""
    terms: list[Term] = []
    for match in _QUERY_PART.finditer(query):
        text = canon(match.group(1) if match.group(1) is not None else match.group(2)).strip()
        parts = runs(text)
        if not parts:
            continue
        keys: list[str] = []  # in text order, each once
        for run in parts:
            keys += map(add, run, run[1:]) if len(run) > 1 else run
        exact = len(parts) == 1 and len(parts[0]) <= 2 and parts[0] == text
        terms.append(Term(text, tuple(dict.fromkeys(keys)), exact))
    return terms
