"""Index keys of a chunk of documents at once, with numpy: what keeps a big build fast.

A key is an integer here (a unigram its code point, a bigram ``first << 21 | second``, a
title key with bit 42 set); a chunk's (key, document) pairs are packed into one ``uint64``
array and sorted once, and every list is gap-coded in a few vector operations. The result
is the same as ``postings.encode`` over every letter/digit and adjacent pair of them, which
the tests check against a plain Python version.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from archiver.reader.postings import ALPHABET
from archiver.reader.tokens import TITLE

_ALPHABET_CODES = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
_BI = 21  # a bigram key is first << 21 | second (code points fit in 21 bits)
_TITLE_FLAG = 1 << 42
_OFFSET_BITS = 20  # a chunk holds fewer than 2**20 documents
_SHORT = 64  # texts up to this long get their keys in Python

_ALNUM: np.ndarray | None = None


def _alnum() -> np.ndarray:
    """Which BMP code points are letters or digits (``str.isalnum``, as ``tokens.runs``)."""
    global _ALNUM
    if _ALNUM is None:
        _ALNUM = np.array([chr(c).isalnum() for c in range(0x10000)], dtype=bool)
    return _ALNUM


def _distinct(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values


def text_keys(text: str, title: bool = False) -> np.ndarray:
    """The distinct index keys of normalised ``text`` as integers."""
    if len(text) <= _SHORT:
        return _short_keys(text, _TITLE_FLAG if title else 0)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    mask = _alnum()[np.minimum(cp, 0xFFFF)]
    wide = cp.max() > 0xFFFF
    if wide:
        for i in np.flatnonzero(cp > 0xFFFF):
            mask[i] = chr(int(cp[i])).isalnum()
    pairs = mask[:-1] & mask[1:]
    first, second = cp[:-1][pairs], cp[1:][pairs]
    if wide:  # a pair of astral characters does not fit 32 bits: sort as 64-bit keys
        bigrams = _distinct((first.astype(np.uint64) << np.uint64(_BI)) | second)
        unigrams = _distinct(cp[mask])
    else:  # 32-bit sorts are faster; then spread to the 64-bit layout
        packed = _distinct((first << np.uint32(16)) | second)
        high = (packed >> np.uint32(16)).astype(np.uint64) << np.uint64(_BI)
        bigrams = high | (packed & np.uint32(0xFFFF))
        seen = np.zeros(0x10000, dtype=bool)  # a table of the BMP: half a sort's time
        seen[cp[mask]] = True
        unigrams = np.flatnonzero(seen)
    keys = np.concatenate((unigrams.astype(np.uint64), bigrams))
    return keys | np.uint64(_TITLE_FLAG) if title else keys


def _short_keys(text: str, flag: int) -> np.ndarray:
    """``text_keys`` of a short text (a title) in plain Python: numpy's per-call cost is
    most of the work there."""
    keys: set[int] = set()
    prev = -1
    for ch in text:
        if ch.isalnum():
            code = ord(ch)
            keys.add(code)
            if prev >= 0:
                keys.add(prev << _BI | code)
            prev = code
        else:
            prev = -1
    return np.array(sorted(keys), dtype=np.uint64) | np.uint64(flag)


def key_text(key: int) -> str:
    """The key string of an integer key from ``text_keys``."""
    prefix = TITLE if key & _TITLE_FLAG else ""
    key &= _TITLE_FLAG - 1
    if key >> _BI:
        return prefix + chr(key >> _BI) + chr(key & ((1 << _BI) - 1))
    return prefix + chr(key)


def _varints(values: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Every value (``uint32``) as a varint, concatenated; and each value's end offset."""
    sizes = np.ones(values.size, dtype=np.uint8)
    for bits in range(5, 35, 5):
        sizes += values >= (1 << bits)
    ends = np.cumsum(sizes, dtype=np.int64)
    out = np.empty(int(ends[-1]) if ends.size else 0, dtype=np.uint8)
    for digit in range(int(sizes.max()) if sizes.size else 0):
        has = np.flatnonzero(sizes > digit)
        code = (values[has] >> np.uint32(5 * digit)) & np.uint32(31)
        code |= (sizes[has] > digit + 1).astype(np.uint32) << np.uint32(5)
        out[ends[has] - sizes[has] + digit] = _ALPHABET_CODES[code]
    return out.tobytes(), ends


def chunk_postings(
    lo: int, docs: Iterable[tuple[int, np.ndarray]]
) -> list[tuple[str, int, int, str]]:
    """Postings of a chunk of documents (``(dn, distinct keys)``, ``lo <= dn < lo + 2**20``).

    Returns, per key, ``(key, first dn, last dn, tail)``: ``tail`` codes the gaps after the
    first number, so a segment joins chunks by writing only the first gap anew.
    """
    parts = [(keys << _OFFSET_BITS) | np.uint64(dn - lo) for dn, keys in docs if keys.size]
    if not parts:
        return []
    pairs = np.concatenate(parts)  # (key, document) pairs are distinct
    del parts
    pairs.sort(kind="stable")  # merges the documents' sorted runs: twice as fast
    offsets = (pairs & np.uint64((1 << _OFFSET_BITS) - 1)).astype(np.uint32)
    keys = pairs >> np.uint64(_OFFSET_BITS)
    del pairs
    starts = np.flatnonzero(np.diff(keys, prepend=keys[0] ^ np.uint64(1)))
    group_keys = keys[starts].tolist()
    del keys
    gaps = np.diff(offsets, prepend=np.uint32(0)) - np.uint32(1)  # wraps at starts: reset
    gaps[starts] = 0
    text, ends = _varints(gaps)
    del gaps
    stops = np.append(starts[1:], offsets.size) - 1
    firsts = (offsets[starts].astype(np.int64) + lo).tolist()
    lasts = (offsets[stops].astype(np.int64) + lo).tolist()
    # a group's first number is coded apart (its value in ``text`` is a placeholder "A")
    heads, tails = ends[starts].tolist(), ends[stops].tolist()
    return [
        (key_text(key), first, last, text[head:tail].decode("ascii"))
        for key, first, last, head, tail in zip(
            group_keys, firsts, lasts, heads, tails, strict=True
        )
    ]
