"""Agreement between extractors: keep the lines of a base text that other extractors confirm.

Extractors of different kinds (trafilatura's rules, a text-density pass) rarely make the same
mistake: a related-links block or a caption picked up by one is usually missed by another.
Lines are compared by their 4-token shingles *in context* (a short heading is matched
together with the start of the paragraph that follows it), so differences in how each
extractor splits lines do not matter. Han characters count as single tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

from archiver.extract.sentences import ENDS_MARKED

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
_N = 4
_SEP = "\x1f"  # not a word character: in no token

Shingle = str  # tokens joined by _SEP


@dataclass(frozen=True)
class AgreementOptions:
    """How much a line must be confirmed, and when another extractor is worth listening to."""

    line_support: float = 0.5
    reliable_overlap: float = 0.5
    # the first voter bounds the text when it holds this share of the base (1.0: never)
    bound_share: float = 0.7
    # lines just above the first voter's span that a later voter confirms (a standfirst)
    lead_lines: int = 2
    lead_tokens: int = 12


def tokens(text: str) -> list[str]:
    """`\\w+` tokens, every Han character being a token by itself."""
    return _TOKEN.findall(text)


def _shingles(toks: list[str]) -> list[Shingle]:
    """Every run of 4 tokens, in order; a text of fewer tokens is one shingle. A shingle is
    its tokens joined by a separator no token holds: a string caches its hash and is not
    tracked by the garbage collector, so sets of them build and meet about twice as fast as
    sets of tuples (most of the agreement pass's time on a long page)."""
    if len(toks) < _N:
        return [_SEP.join(toks)] if toks else []
    return list(map(_SEP.join, zip(toks, toks[1:], toks[2:], toks[3:], strict=False)))


def shingle_set(text: str) -> set[Shingle]:
    """The distinct 4-token shingles of a text."""
    return set(_shingles(tokens(text)))


def _per_line(token_lines: list[list[str]], every: list[Shingle]) -> list[list[Shingle]]:
    """For each line (given as its tokens), the shingles of the whole text (``every``, in
    order) starting in it."""
    per_line = []
    start = 0
    for line in token_lines:
        end = start + len(line)
        per_line.append(every[start:end] if start < len(every) else [])
        start = end
    return per_line


def line_shingles(lines: list[str]) -> list[list[Shingle]]:
    """For each line, the shingles of the whole text that start in that line."""
    token_lines = [tokens(line) for line in lines]
    return _per_line(token_lines, _shingles(list(chain.from_iterable(token_lines))))


class Lines:
    """One extractor's text as lines, with the tokens and shingles every test reads: each
    computed once per page however many tests (and a subset of the lines) read them."""

    def __init__(self, lines: list[str], token_lines: list[list[str]] | None = None) -> None:
        self.lines = lines
        self.token_lines = [tokens(line) for line in lines] if token_lines is None else token_lines

    @cached_property
    def every(self) -> list[Shingle]:
        """The shingles of the whole text, in order."""
        return _shingles(list(chain.from_iterable(self.token_lines)))

    @cached_property
    def per_line(self) -> list[list[Shingle]]:
        """For each line, the shingles of the whole text that start in it."""
        return _per_line(self.token_lines, self.every)

    @cached_property
    def shingles(self) -> set[Shingle]:
        """The distinct shingles of the whole text (``shingle_set`` of the joined lines)."""
        return set(self.every)

    def line_set(self, i: int) -> set[Shingle]:
        """The shingles of line ``i`` read alone (``shingle_set`` of that line)."""
        return set(_shingles(self.token_lines[i]))

    def kept(self, keep: list[bool]) -> Lines:
        """The lines marked in ``keep``, their tokens reused (all of them: this text), and
        their shingles: those within a run of kept lines are this text's own."""
        if all(keep):
            return self
        picked = [i for i, ok in enumerate(keep) if ok]
        kept = Lines([self.lines[i] for i in picked], [self.token_lines[i] for i in picked])
        kept.every = self._kept_shingles(picked, kept)
        return kept

    def _kept_shingles(self, picked: list[int], kept: Lines) -> list[Shingle]:
        """``kept.every`` from this text's shingles: a shingle that starts and ends inside
        one run of lines kept together is this text's; one that spans a cut is built anew."""
        toks = list(chain.from_iterable(kept.token_lines))
        starts = [0]  # each line's first token in this text
        for line in self.token_lines:
            starts.append(starts[-1] + len(line))
        if len(toks) < _N or starts[-1] < _N:  # no shingle of 4 tokens: nothing to share
            return _shingles(toks)
        every: list[Shingle] = []
        at = 0  # the run's first token in the kept text
        i = 0
        while i < len(picked):
            j = i  # the run: picked[i..j], consecutive lines of this text
            while j + 1 < len(picked) and picked[j + 1] == picked[j] + 1:
                j += 1
            first, size = starts[picked[i]], starts[picked[j] + 1] - starts[picked[i]]
            inside = max(0, size - (_N - 1))
            every += self.every[first : first + inside]
            end = min(at + size, len(toks) - (_N - 1))
            every += [_SEP.join(toks[p : p + _N]) for p in range(at + inside, end)]
            at += size
            i = j + 1
        return every


def coverage(shingles: list[Shingle], other: set[Shingle]) -> float:
    """Share of shingles found in another text's set (1.0 for a line without tokens)."""
    return sum(map(other.__contains__, shingles)) / len(shingles) if shingles else 1.0


def overlap(shingles: set[Shingle], other: set[Shingle]) -> float:
    """Shared shingles over the smaller set's: how much two texts are the same text (0 when
    either is empty)."""
    small = min(len(shingles), len(other))
    return len(shingles & other) / small if small else 0.0


def share(shingles: set[Shingle], other: set[Shingle]) -> float:
    """``coverage`` of a set of shingles: the share of them found in another text's set."""
    return len(shingles & other) / len(shingles) if shingles else 1.0


def _lead_line(line: str, shingles: list[Shingle], opts: AgreementOptions) -> bool:
    """A line that may count as a standfirst above the span: prose, not a share prompt."""
    return len(shingles) >= opts.lead_tokens and bool(ENDS_MARKED.search(line))


def _settled(
    lines: list[str],
    per_line: list[list[Shingle]],
    keep: list[bool],
    later: list[bool],
    span: tuple[int, int],
    opts: AgreementOptions,
) -> bool:
    """True when no later voter can change the outcome: every line of the span is kept, and
    no line just above it could still become a standfirst (a second trafilatura run saved)."""
    if not all(keep[span[0] : span[1]]):
        return False
    start = span[0]
    while start > 0 and span[0] - start < opts.lead_lines:
        if not _lead_line(lines[start - 1], per_line[start - 1], opts):
            return True
        if not later[start - 1]:
            return False
        start -= 1
    return True


def confirmed(
    text: Lines, voters: Iterable[Callable[[], set[Shingle]]], opts: AgreementOptions | None = None
) -> list[bool]:
    """Per line of ``text``, whether another extractor (a voter: its text's shingles) also
    found it.

    Voters are called lazily, cheapest first: once every line is confirmed the remaining
    extractors are not run. A voter that agrees too little with the base overall (it found
    another part of the page) is not listened to; with no trustworthy voter every line stands.
    The first voter, when trusted, also bounds the text: lines before the first or after the
    last line it confirms (a comment thread, a related list that the later voters, kin of the
    base, share with it) need its own confirmation."""
    opts = opts or AgreementOptions()
    lines, per_line, base = text.lines, text.per_line, text.shingles
    keep = [False] * len(lines)
    later = [False] * len(lines)  # confirmed by a voter after the first
    span: tuple[int, int] | None = None
    heard = False
    for rank, voter in enumerate(voters):
        other = voter()
        if not other or overlap(base, other) < opts.reliable_overlap:
            continue
        heard = True
        for i, shingles in enumerate(per_line):
            ok = coverage(shingles, other) >= opts.line_support
            keep[i] = keep[i] or ok
            later[i] = later[i] or (ok and rank > 0)
        if rank == 0 and any(keep) and share(base, other) >= opts.bound_share:
            span = (keep.index(True), len(keep) - keep[::-1].index(True))
        if all(keep) or (span is not None and _settled(lines, per_line, keep, later, span, opts)):
            break
    if not heard:
        return [True] * len(lines)
    if span is not None:
        # a standfirst just above the span counts when a later voter confirms it
        start = span[0]
        while (
            start > 0
            and span[0] - start < opts.lead_lines
            and later[start - 1]
            and _lead_line(lines[start - 1], per_line[start - 1], opts)
        ):
            start -= 1
        keep = [ok and start <= i < span[1] for i, ok in enumerate(keep)]
    return keep
