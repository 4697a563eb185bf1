"""The Zyte article-extraction-benchmark metric, with Han characters as single tokens.

Text is split into `\\w+` tokens (each Han character is a token of its own, so Chinese text
is measured per character), tokens are grouped into 4-token shingles (a multiset) and each
page gets precision and recall of the extracted shingles against the truth's. Precision is
averaged over pages with non-empty output, recall over pages with non-empty truth, and F1
is the harmonic mean of the two averages. Shared by the benchmark and the regression tests.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    """`\\w+` tokens of a text, every Han character being a token by itself."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles (one shorter shingle when the text has fewer tokens)."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def page_scores(truth: str, pred: str) -> tuple[float | None, float | None]:
    """Precision (None if nothing predicted) and recall (None if the truth is empty)."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    n_p, n_t = sum(p.values()), sum(t.values())
    return (tp / n_p if n_p else None), (tp / n_t if n_t else None)


@dataclass(frozen=True)
class Score:
    """Averaged precision and recall over a set of pages, and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        s = self.precision + self.recall
        return 2 * self.precision * self.recall / s if s else 0.0


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (truth, prediction) pairs with the benchmark's averaging."""
    precisions: list[float] = []
    recalls: list[float] = []
    for truth, pred in pairs:
        p, r = page_scores(truth, pred)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    avg = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return Score(avg(precisions), avg(recalls))
