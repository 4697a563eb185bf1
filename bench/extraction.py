"""Main-text extraction benchmark: ours vs trafilatura vs readability-lxml, side by side.

Usage: python bench/extraction.py [ZYTE_DIR] [--zh DIR] [--only SETS] [--limit N] [--rounds N]

Three sets, one table each: the Zyte article-extraction benchmark (default
`../shared/bench-data/zyte` from the project root; `html/<id>.html.gz` and
`ground-truth.json`), our Chinese portal set (`bench/data/zh`: `<id>.html`, `truth.json`) and
69 real Chinese pages with hand-cut ground truth (`bench/data/zh-real`, same layout as Zyte's;
mostly GB2312 portals, blogs and forums of the 2000s). Scores are the Zyte metric
(`bench/metric.py`); docs/s includes parsing; an extractor that raises scores the page as empty
output and is counted in the "errors" column. The extractors take each page in turn, over a few
rounds, and the speed line gives ours against trafilatura in each round and their median. The
last line is one JSON line of the F1s and median speeds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from readability import Document  # noqa: E402

from archiver.extract import main_text  # noqa: E402
from bench.metric import score  # noqa: E402

WARM_UP = 3
Page = tuple[str, str | None, str]  # html, url, truth
Extractor = Callable[[str, str | None], str]


def load_zyte(path: Path) -> list[Page]:
    """The Zyte pages with their ground-truth article bodies."""
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid, item in sorted(truth.items()):
        raw = gzip.decompress((path / "html" / f"{pid}.html.gz").read_bytes())
        pages.append((raw.decode("utf-8", "replace"), item.get("url"), item["articleBody"]))
    return pages


def load_zh(path: Path) -> list[Page]:
    """The Chinese set: `<id>.html` files and `truth.json` ({id: {url, articleBody}})."""
    truth = json.loads((path / "truth.json").read_text(encoding="utf-8"))
    return [
        ((path / f"{pid}.html").read_text(encoding="utf-8"), item.get("url"), item["articleBody"])
        for pid, item in sorted(truth.items())
    ]


def load_zh_real(path: Path) -> list[Page]:
    """The real Chinese pages, decoded as a browser would (header-less: ``<meta>`` charset)."""
    from archiver.extract.page import decode_html

    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            decode_html(gzip.decompress((path / "html" / f"{pid}.html.gz").read_bytes())),
            item.get("url"),
            item["articleBody"],
        )
        for pid, item in sorted(truth.items())
    ]


def run_trafilatura(html: str, url: str | None) -> str:
    """Trafilatura's best off-the-shelf setting on these sets: defaults, comments off."""
    return trafilatura.extract(html, url=url, include_comments=False) or ""


def run_readability(html: str, url: str | None) -> str:
    """readability-lxml's summary as text."""
    try:
        return lxml.html.fromstring(Document(html, url=url).summary()).text_content()
    except Exception:  # noqa: BLE001 - a failed page scores as empty output
        return ""


OURS = "ours (archiver)"
EXTRACTORS: dict[str, Extractor] = {
    OURS: main_text,
    "trafilatura": run_trafilatura,
    "readability-lxml": run_readability,
}


Row = tuple[float, float, float, float, int]  # precision, recall, F1, docs/s, errors


def _guarded(extract: Extractor, html: str, url: str | None, errors: list[int]) -> str:
    try:
        return extract(html, url)
    except Exception:  # noqa: BLE001 - a crash scores as empty output, and is counted
        errors[0] += 1
        return ""


def measure(pages: list[Page], rounds: int) -> tuple[dict[str, Row], list[float]]:
    """Score and time every extractor on a set, side by side: each page goes to all of them in
    turn (the order rotating from page to page), so a slow spell of a shared machine slows
    them alike instead of whichever ran the set then. Outputs of the first round are scored;
    docs/s is over all rounds; the list is ours' speed against trafilatura's in each round.
    A short warm-up first, so lazy imports and caches count against nobody."""
    names = list(EXTRACTORS)
    for html, url, _ in pages[:WARM_UP]:
        for name in names:
            _guarded(EXTRACTORS[name], html, url, [0])
    outputs: dict[str, list[str]] = {name: [] for name in names}
    errors = {name: [0] for name in names}
    seconds = {name: [0.0] * rounds for name in names}
    for run in range(rounds):
        for i, (html, url, _) in enumerate(pages):
            for name in names[i % len(names) :] + names[: i % len(names)]:
                start = time.perf_counter()
                out = _guarded(EXTRACTORS[name], html, url, errors[name] if run == 0 else [0])
                seconds[name][run] += time.perf_counter() - start
                if run == 0:
                    outputs[name].append(out)
    rows: dict[str, Row] = {}
    for name in names:
        s = score((truth, out) for (_, _, truth), out in zip(pages, outputs[name], strict=True))
        total = sum(seconds[name])
        rows[name] = (s.precision, s.recall, s.f1, rounds * len(pages) / total, errors[name][0])
    ratios = [t / o for t, o in zip(seconds["trafilatura"], seconds[OURS], strict=True) if o]
    return rows, ratios


def table(name: str, pages: list[Page], rounds: int) -> tuple[dict[str, Row], list[float]]:
    """Print one set's table and return its rows and the per-round speed ratios."""
    rows, ratios = measure(pages, rounds)
    print(f"\n{name} ({len(pages)} pages)")
    print(f"{'extractor':<20}{'precision':>10}{'recall':>10}{'F1':>8}{'docs/s':>9}{'errors':>8}")
    for label, (p, r, f1, dps, errors) in rows.items():
        print(f"{label:<20}{p:>10.4f}{r:>10.4f}{f1:>8.4f}{dps:>9.1f}{errors:>8}")
    spread = ", ".join(f"{x:.2f}" for x in ratios)
    print(f"speed vs trafilatura: {statistics.median(ratios):.2f}x (median; rounds {spread})")
    return rows, ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "zyte", nargs="?", type=Path, default=ROOT.parent / "shared/bench-data/zyte"
    )
    parser.add_argument("--zh", type=Path, default=ROOT / "bench/data/zh")
    parser.add_argument("--zh-real", type=Path, default=ROOT / "bench/data/zh-real")
    parser.add_argument("--only", default="", help="comma-separated set names (zyte,zh,zh-real)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over each set")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    sets = [
        ("zyte", args.zyte, load_zyte),
        ("zh", args.zh, load_zh),
        ("zh-real", args.zh_real, load_zh_real),
    ]
    summary: dict[str, dict[str, float]] = {}
    for name, path, loader in sets:
        if args.only and name not in args.only.split(","):
            continue
        if not path.exists():
            print(f"\n{name}: {path} not found, skipped")
            continue
        pages = loader(path)
        rows, ratios = table(name, pages[: args.limit] if args.limit else pages, args.rounds)
        ours, traf = rows[OURS], rows["trafilatura"]
        summary[name] = {
            "f1": round(ours[2], 4),
            "trafilatura_f1": round(traf[2], 4),
            "speed_vs_trafilatura": round(statistics.median(ratios), 2),
            "errors": ours[4],
        }
    print(json.dumps({"extraction": summary}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
