"""The browser's full-text index: bigram postings in segments, and the texts to verify hits.

A browser on ``file://`` can only load whole script files, so the index is split:

- ``.reader/tx/<block>.js``: the plain text (title + body) of ``TEXT_BLOCK`` documents,
  keyed by document number; the page loads a block to confirm a hit and cut a snippet.
- ``.reader/ix/<segment>/<shard>.js``: for the documents of one segment, each bigram's
  sorted document numbers, delta-coded as base-64 varints; a bigram lives in shard
  ``FNV-1a(bigram) % shards``. A query loads one shard per bigram per segment.

Segments are immutable, as in Lucene: a build adds one for its new documents and merges
the newest ones while they are of similar size, so an incremental build writes little and a
query reads ``O(log n)`` segments. Documents that changed or went away simply drop out of
the catalogue; their old postings are skipped and vanish at the next merge of their segment.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Mapping
from pathlib import Path

from archiver.reader.files import ASSETS, read_data, remove_tree, write_data
from archiver.reader.manifest import Segment
from archiver.reader.tokens import bigrams, normalize, shard_of

TEXT_BLOCK = 16
MAX_SEGMENT_DOCS = 20_000
MAX_SEGMENTS = 12
SHARD_BYTES = 128 * 1024
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_SMALL = 1 << 10


def _varint(n: int) -> str:
    """5 data bits per character, least significant first; 32 marks 'more follows'."""
    out = []
    while n >= 32:
        out.append(ALPHABET[32 | (n & 31)])
        n >>= 5
    out.append(ALPHABET[n])
    return "".join(out)


_TABLE = [_varint(n) for n in range(_SMALL)]


def encode_postings(dns: array, lo: int) -> str:
    """Sorted document numbers as varints: the first minus ``lo``, then each gap minus one."""
    gaps = [dns[0] - lo]
    gaps += [b - a - 1 for a, b in zip(dns[:-1], dns[1:], strict=True)]
    table = _TABLE
    return "".join(table[g] if g < _SMALL else _varint(g) for g in gaps)


def decode_postings(text: str, lo: int) -> list[int]:
    """Inverse of ``encode_postings`` (the browser has the same in ``search.js``)."""
    out, value, shift, prev = [], 0, 0, lo - 1
    for ch in text:
        c = ALPHABET.index(ch)
        value |= (c & 31) << shift
        if c & 32:
            shift += 5
        else:
            prev += value + 1
            out.append(prev)
            value, shift = 0, 0
    return out


def write_texts(root: Path, texts: Mapping[int, str]) -> None:
    """Add documents' texts to their blocks, keeping what those blocks already hold.

    Block by block, so only one block's texts are read from ``texts`` at a time."""
    blocks: dict[int, list[int]] = {}
    for dn in texts:
        blocks.setdefault(dn // TEXT_BLOCK, []).append(dn)
    for block, dns in blocks.items():
        new = {str(dn): texts[dn] for dn in dns}
        if len(new) < TEXT_BLOCK:
            new = {**(read_data(root, f"tx/{block}") or {}), **new}
        write_data(root, f"tx/{block}", dict(sorted(new.items(), key=lambda kv: int(kv[0]))))


def read_texts(root: Path, dns: Iterable[int]) -> dict[int, str]:
    """The stored texts of the given documents (for merging segments)."""
    wanted = sorted(set(dns))
    out: dict[int, str] = {}
    for block in sorted({dn // TEXT_BLOCK for dn in wanted}):
        stored = read_data(root, f"tx/{block}") or {}
        lo, hi = block * TEXT_BLOCK, (block + 1) * TEXT_BLOCK
        for dn in wanted[bisect.bisect_left(wanted, lo) : bisect.bisect_left(wanted, hi)]:
            if str(dn) in stored:
                out[dn] = stored[str(dn)]
    return out


def write_segment(
    root: Path, name: str, lo: int, hi: int, docs: Iterable[tuple[int, str]]
) -> Segment:
    """Index ``docs`` ((dn, text) in ascending dn order, all within ``lo <= dn < hi``) as a new
    segment; one text at a time is held, so they may come from a lazy source."""
    remove_tree(root / ASSETS / "ix" / name)
    postings: dict[str, array] = {}
    count = 0
    for dn, text in docs:
        count += 1
        for gram in bigrams(normalize(text)):
            found = postings.get(gram)
            if found is None:
                postings[gram] = found = array("I")
            found.append(dn)
    size = sum(len(p) for p in postings.values()) * 1.4 + len(postings) * 10
    shards = 1
    while shards < 1024 and size / shards > SHARD_BYTES:
        shards *= 2
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for gram, dns in postings.items():
        grouped[shard_of(gram, shards)][gram] = encode_postings(dns, lo)
    for number, content in enumerate(grouped):
        write_data(root, f"ix/{name}/{number}", content)
    return Segment(name, lo, hi, count, shards)


def _live_in(segment: Segment, live: list[int]) -> list[int]:
    """The live document numbers (``live`` is sorted) inside a segment's range."""
    return live[bisect.bisect_left(live, segment.lo) : bisect.bisect_left(live, segment.hi)]


def _merge(root: Path, parts: list[Segment], name: str, live: list[int]) -> Segment:
    """Rewrite adjacent segments as one holding only their live documents."""
    dns = [dn for part in parts for dn in _live_in(part, live)]
    return write_segment(
        root, name, parts[0].lo, parts[-1].hi, sorted(read_texts(root, dns).items())
    )


def update_segments(
    root: Path,
    segments: list[Segment],
    new_docs: Mapping[int, str],
    live: list[int],
    next_name: int,
) -> tuple[list[Segment], list[str], int]:
    """Add segments for ``new_docs`` (dns above all existing ones), merge, drop dead weight.

    ``live`` is the sorted list of every document number the catalogue still uses.
    Returns the new segment list, the names of segments it replaced (delete them once the
    new list is published) and the next free segment number.
    """
    segments = list(segments)
    dns = sorted(new_docs)
    for start in range(0, len(dns), MAX_SEGMENT_DOCS):
        chunk = dns[start : start + MAX_SEGMENT_DOCS]
        lo = segments[-1].hi if segments else 0
        docs = ((dn, new_docs[dn]) for dn in chunk)
        segments.append(write_segment(root, f"s{next_name}", lo, chunk[-1] + 1, docs))
        next_name += 1
    result: list[Segment] = []
    obsolete: list[str] = []
    for segment in segments:
        alive = len(_live_in(segment, live))
        if alive == 0:
            obsolete.append(segment.name)
            continue
        result.append(segment)
        if 2 * alive < segment.docs:
            obsolete.append(segment.name)
            result[-1] = _merge(root, [segment], f"s{next_name}", live)
            next_name += 1
        while len(result) >= 2 and _should_merge(result[-2], result[-1], len(result)):
            obsolete += [s.name for s in result[-2:]]
            result[-2:] = [_merge(root, result[-2:], f"s{next_name}", live)]
            next_name += 1
    return result, obsolete, next_name


def remove_segments(root: Path, names: list[str]) -> None:
    """Delete the files of segments that are no longer listed."""
    for name in names:
        remove_tree(root / ASSETS / "ix" / name)


def _should_merge(older: Segment, newer: Segment, count: int) -> bool:
    """Merge neighbours of similar size (or when there are too many), up to the size cap."""
    if older.docs + newer.docs > MAX_SEGMENT_DOCS:
        return False
    return older.docs <= 2 * newer.docs or count > MAX_SEGMENTS


def clear(root: Path) -> None:
    """Delete the whole browser index (before a full rebuild)."""
    remove_tree(root / ASSETS / "ix")
    remove_tree(root / ASSETS / "tx")
