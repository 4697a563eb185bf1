"""The Zyte article-extraction-benchmark metric, with Han characters as single tokens.

Text is split into `\\w+` tokens (each Han character is a token of its own, so Chinese text
is measured per character), tokens are grouped into 4-token shingles (a multiset) and each
page gets precision and recall of the extracted shingles against the truth's. Precision is
averaged over pages with non-empty output, recall over pages with non-empty truth, and F1
is the harmonic mean of the two averages. Shared by the benchmark and the regression tests.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

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


# Field accuracy on the labelled real pages (`tests/fixtures/realworld/labels.yaml`).

FIELDS = (
    "title",
    "time (day)",
    "time (minute)",
    "author",
    "source",
    "editor",
    "body must",
    "body must-not leaks",
    "images kept",
    "non-article in body",
    "head image",
)
LEAK_FIELDS = ("body must-not leaks", "non-article in body")  # rates of errors: lower is better
_SHOWN = {  # the label or prediction attribute behind each field, for listing misses
    "time (day)": "published",
    "time (minute)": "published",
    "body must": "body",
    "body must-not leaks": "body",
    "images kept": "images",
    "non-article in body": "images",
    "head image": "head_image",
}
_NAME_SPLIT = re.compile(r"\s*(?:[、,，;；/&|]|\band\b|和|\s)\s*")
_IMAGE_URL = re.compile(r"^https?://")


@dataclass(frozen=True)
class Page:
    """One stored page and its labels."""

    id: str
    split: str
    url: str
    raw: bytes
    labels: dict[str, Any]

    def show(self, name: str) -> Any:
        return self.labels.get(_SHOWN.get(name, name), "")


@dataclass
class Prediction:
    """What one extractor says about a page ('' / None / [] where it says nothing)."""

    title: str = ""
    published: datetime | None = None
    author: str = ""
    source: str = ""
    editor: str = ""
    body: str = ""
    images: list[str] = field(default_factory=list)
    head_image: str = ""
    body_only: bool = False

    def show(self, name: str) -> Any:
        return getattr(self, _SHOWN.get(name, name), "")


def load_pages(labels: Path) -> list[Page]:
    """The labelled pages, bytes as stored."""
    entries = yaml.safe_load(labels.read_text(encoding="utf-8"))
    folder = labels.parent / "pages"
    return [
        Page(
            id=e["id"],
            split=e.get("split", "dev"),
            url=e["url"],
            raw=gzip.decompress((folder / f"{e['id']}.html.gz").read_bytes()),
            labels=e,
        )
        for e in entries
    ]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text.replace("‘", "'").replace("’", "'")).strip().lower()


def squeeze(text: str) -> str:
    """Text normalised for containment checks: NFKC, quotes unified, no whitespace, lowercase."""
    return re.sub(r"\s+", "", _norm(text))


def _names(text: str) -> set[str]:
    return {n for n in _NAME_SPLIT.split(_norm(text)) if n}


def image_key(url: str) -> str:
    """An image's identity: its URL without scheme, and without the size chosen, which is the
    query (unless the query is what names the image: ``/?url=...``), WordPress's size
    suffix (``photo-250x188.jpg`` is ``photo.jpg`` scaled), a CDN's width and quality
    (``photo-1200-80.jpg``) or a resizing service's size folder (``/960w/photo.jpg``)."""
    url = re.sub(r"^https?:", "", (url or "").split("#", 1)[0]).lower()
    path, _, query = url.partition("?")
    if re.fullmatch(r"//[^/]+/?", path):
        return url
    path = re.sub(r"/(?:\d{2,4}[wh]|[wh]\d{2,4}|\d{2,4}x\d{2,4})(?=/)", "", path)
    return re.sub(r"(?:-\d{2,4}x\d{2,4}|-\d{3,4}-\d{2})(?=\.\w{3,4}$)", "", path)


def _time_scores(label: Any, pred: datetime | None) -> dict[str, tuple[float, float]]:
    """Day and minute agreement with a labelled time (a bare day scores the day only)."""
    if label is None:
        return {}
    if isinstance(label, date) and not isinstance(label, datetime):
        day_only, moment = True, datetime.combine(label, datetime.min.time())
    else:
        text = str(label)
        day_only = len(text) == 10
        moment = datetime.fromisoformat(text)
    if day_only:
        local = pred.date() if pred else None
        return {"time (day)": (float(local == moment.date()), 1.0)}
    if pred is None:
        return {"time (day)": (0.0, 1.0), "time (minute)": (0.0, 1.0)}
    pred_local = (
        pred.astimezone(moment.tzinfo) if pred.tzinfo else pred.replace(tzinfo=moment.tzinfo)
    )
    minute = pred_local.replace(second=0, microsecond=0) == moment.replace(second=0, microsecond=0)
    return {
        "time (day)": (float(pred_local.date() == moment.date()), 1.0),
        "time (minute)": (float(minute), 1.0),
    }


def score_page(page: Page, pred: Prediction) -> dict[str, tuple[float, float]]:
    """(right, total) per field for one page; fields the page is not labelled for are absent."""
    lab = page.labels
    out: dict[str, tuple[float, float]] = {}
    body = squeeze(pred.body)
    must = [squeeze(s) for s in lab.get("must") or []]
    out["body must"] = (float(sum(s in body for s in must)), float(len(must)))
    must_not = [squeeze(s) for s in lab.get("must_not") or []]
    out["body must-not leaks"] = (float(sum(s in body for s in must_not)), float(len(must_not)))
    if pred.body_only:
        return out
    out["title"] = (float(_norm(pred.title) == _norm(lab["title"])), 1.0)
    out.update(_time_scores(lab.get("published"), pred.published))
    if lab.get("author") is not None:
        want, got = _names(lab["author"]), _names(pred.author)
        # no byline on the page: no name, or the publisher / site the spider falls back to
        publisher = (_names(lab.get("source") or ""), _names(pred.source))
        fallback = not want and (not got or got in publisher)
        out["author"] = (float(want == got or fallback), 1.0)
    if lab.get("source"):
        want_s, got_s = _norm(lab["source"]), _norm(pred.source)
        out["source"] = (float(bool(got_s) and (want_s in got_s or got_s in want_s)), 1.0)
    if lab.get("editor"):
        out["editor"] = (float(_names(pred.editor) == _names(lab["editor"])), 1.0)
    got_images = {image_key(u) for u in pred.images if _IMAGE_URL.match(u or "")}
    if lab.get("images"):
        kept = sum(image_key(u) in got_images for u in lab["images"])
        out["images kept"] = (float(kept), float(len(lab["images"])))
    junk = {image_key(u) for u in lab.get("non_article_images") or []}
    out["non-article in body"] = (float(len(got_images & junk)), float(len(got_images)))
    if lab.get("head_image") is not None:
        out["head image"] = (
            float(image_key(pred.head_image) == image_key(lab["head_image"])),
            1.0,
        )
    return out
