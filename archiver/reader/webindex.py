"""The full-text index in the browser's format: immutable segments of sharded posting lists.

A browser on ``file://`` can only load whole script files, so the index is split:
``.reader/ix/<segment>/<shard>.js`` maps each key (unigram, bigram, ``^`` title key,
``=`` filter key; see ``tokens``) of the segment's documents to its posting list
(``postings``), a key living in shard ``FNV-1a(key) % shards``. A query loads one shard per
key per segment and nothing else of the index; ``archiver search`` reads the same files.

Segments are immutable, as in Lucene: a build adds one for its new documents (a first build
one per ``SEGMENT_CHARS`` of lists, so it never holds more), small ones are merged while
they are of similar size, and documents that changed or went away drop out of the list
order at once and out of the postings when their segment is rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from archiver.reader.files import ASSETS, read_data, remove_tree, write_data
from archiver.reader.manifest import Segment
from archiver.reader.postings import SMALL, TABLE, decode, encode, varint
from archiver.reader.tokens import shard_of

SEGMENT_CHARS = 48 * 2**20  # a segment being built holds at most this much list text
SHARD_CHARS = 32 * 1024  # aim for shard files about this big (a query parses whole ones)
MAX_SHARDS = 4096
SMALL_DOCS = 4096  # segments up to this size are merged with their neighbours
MAX_SEGMENTS = 24


class SegmentBuilder:
    """Joins chunks' postings, in ascending document order, into one segment's lists."""

    def __init__(self, lo: int) -> None:
        self.lo = lo
        self.hi = lo
        self.docs = 0
        self.chars = 0
        self._parts: dict[str, list[str]] = {}
        self._last: dict[str, int] = {}

    def add(self, postings: Iterable[tuple[str, int, int, str]], hi: int, docs: int) -> None:
        """Append a chunk's ``chunk_postings`` (all above what was added before)."""
        parts, last, table = self._parts, self._last, TABLE
        added = 0
        for key, first, final, tail in postings:
            prev = last.get(key)
            gap = first - self.lo if prev is None else first - prev - 1
            head = table[gap] if gap < SMALL else varint(gap)
            found = parts.get(key)
            if found is None:
                parts[key] = [head + tail]
            else:
                found.append(head + tail)
            last[key] = final
            added += len(head) + len(tail)
        self.chars += added
        self.hi = max(self.hi, hi)
        self.docs += docs

    def write(self, root: Path, name: str) -> Segment:
        """Write the shards (freeing the lists shard by shard) and return the segment."""
        shards = shard_count(self.chars)
        grouped: list[list[str]] = [[] for _ in range(shards)]
        for key in self._parts:
            grouped[shard_of(key, shards)].append(key)
        remove_tree(root / ASSETS / "ix" / name)
        for number, keys in enumerate(grouped):
            content = {key: "".join(self._parts.pop(key)) for key in sorted(keys)}
            write_data(root, f"ix/{name}/{number}", content)
        self._last.clear()
        return Segment(name, self.lo, self.hi, self.docs, shards)


def shard_count(chars: int) -> int:
    """Shards for a segment whose lists hold ``chars`` characters: a power of two."""
    shards = 1
    while shards < MAX_SHARDS and chars / shards > SHARD_CHARS:
        shards *= 2
    return shards


def read_lists(root: Path, segment: Segment, keys: Iterable[str]) -> dict[str, str]:
    """The codes of ``keys`` in one segment (absent keys are left out)."""
    by_shard: dict[int, list[str]] = {}
    for key in keys:
        by_shard.setdefault(shard_of(key, segment.shards), []).append(key)
    out: dict[str, str] = {}
    for number, wanted in by_shard.items():
        shard = read_data(root, f"ix/{segment.name}/{number}") or {}
        out.update((k, shard[k]) for k in wanted if k in shard)
    return out


def _all_lists(root: Path, segment: Segment) -> Iterable[tuple[str, list[int]]]:
    for number in range(segment.shards):
        for key, code in (read_data(root, f"ix/{segment.name}/{number}") or {}).items():
            yield key, decode(code, segment.lo)


def rewrite(root: Path, parts: list[Segment], name: str, live: set[int]) -> Segment:
    """One segment holding the live documents of adjacent ``parts`` (merge, or purge)."""
    lo, hi = parts[0].lo, parts[-1].hi
    lists: dict[str, list[int]] = {}
    for part in parts:
        for key, dns in _all_lists(root, part):
            kept = [dn for dn in dns if dn in live]
            if kept:
                lists.setdefault(key, []).extend(kept)
    codes = {key: encode(dns, lo) for key, dns in lists.items()}
    shards = shard_count(sum(map(len, codes.values())))
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for key in sorted(codes):
        grouped[shard_of(key, shards)][key] = codes[key]
    remove_tree(root / ASSETS / "ix" / name)
    for number, content in enumerate(grouped):
        write_data(root, f"ix/{name}/{number}", content)
    return Segment(name, lo, hi, len([dn for dn in live if lo <= dn < hi]), shards)


def tidy(
    root: Path,
    segments: list[Segment],
    live_between: Callable[[int, int], set[int]],
    new_name: Callable[[], str],
) -> tuple[list[Segment], list[str]]:
    """Drop dead segments, purge half-dead ones, merge small neighbours of similar size.

    Returns the new list and the names of segments it replaced (delete their files once
    the new list is published)."""
    result: list[Segment] = []
    obsolete: list[str] = []
    for segment in segments:
        live = live_between(segment.lo, segment.hi)
        if not live:
            obsolete.append(segment.name)
            continue
        if 2 * len(live) < segment.docs:
            obsolete.append(segment.name)
            segment = rewrite(root, [segment], new_name(), live)
        result.append(segment)
        while len(result) >= 2 and _should_merge(result[-2], result[-1], len(result)):
            parts = result[-2:]
            obsolete += [p.name for p in parts]
            result[-2:] = [rewrite(root, parts, new_name(), live_between(parts[0].lo, parts[1].hi))]
    return result, obsolete


def _should_merge(older: Segment, newer: Segment, count: int) -> bool:
    """Merge small neighbours of similar size (or any small ones when there are too many)."""
    if older.docs + newer.docs > SMALL_DOCS:
        return False
    return older.docs <= 2 * newer.docs or count > MAX_SEGMENTS


def remove_segments(root: Path, names: Iterable[str]) -> None:
    """Delete the files of segments that are no longer listed."""
    for name in names:
        remove_tree(root / ASSETS / "ix" / name)


def segment_names_on_disk(root: Path) -> set[str]:
    folder = root / ASSETS / "ix"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()
