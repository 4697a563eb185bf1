"""Main-text extraction benchmark: ours vs trafilatura vs readability-lxml, side by side.

Usage: python bench/extraction.py [ZYTE_DIR] [--zh DIR] [--limit N]

Three sets, one table each: the Zyte article-extraction benchmark (default
`../shared/bench-data/zyte` from the project root; `html/<id>.html.gz` and
`ground-truth.json`), our Chinese portal set (`bench/data/zh`: `<id>.html`, `truth.json`) and
69 real Chinese pages with hand-cut ground truth (`bench/data/zh-real`, same layout as Zyte's;
mostly GB2312 portals, blogs and forums of the 2000s). Scores are the Zyte metric
(`bench/metric.py`); docs/s includes parsing; an extractor that raises scores the page as empty
output and is counted in the "errors" column. The last line is one JSON line of the F1s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
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


EXTRACTORS: dict[str, Extractor] = {
    "ours (archiver)": main_text,
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


def measure(pages: list[Page], extract: Extractor) -> Row:
    """Precision, recall, F1, docs/s and exceptions of one extractor on a set (after a short
    warm-up, so lazy imports and caches do not count against whichever extractor runs first)."""
    errors = [0]
    for html, url, _ in pages[:WARM_UP]:
        _guarded(extract, html, url, [0])
    start = time.perf_counter()
    outputs = [_guarded(extract, html, url, errors) for html, url, _ in pages]
    elapsed = time.perf_counter() - start
    s = score((truth, out) for (_, _, truth), out in zip(pages, outputs, strict=True))
    return s.precision, s.recall, s.f1, len(pages) / elapsed if elapsed else 0.0, errors[0]


def table(name: str, pages: list[Page]) -> dict[str, Row]:
    """Print one set's table and return its rows."""
    rows = {label: measure(pages, fn) for label, fn in EXTRACTORS.items()}
    print(f"\n{name} ({len(pages)} pages)")
    print(f"{'extractor':<20}{'precision':>10}{'recall':>10}{'F1':>8}{'docs/s':>9}{'errors':>8}")
    for label, (p, r, f1, dps, errors) in rows.items():
        print(f"{label:<20}{p:>10.4f}{r:>10.4f}{f1:>8.4f}{dps:>9.1f}{errors:>8}")
    ours, traf = rows["ours (archiver)"], rows["trafilatura"]
    print(f"speed vs trafilatura: {ours[3] / traf[3]:.2f}x" if traf[3] else "")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "zyte", nargs="?", type=Path, default=ROOT.parent / "shared/bench-data/zyte"
    )
    parser.add_argument("--zh", type=Path, default=ROOT / "bench/data/zh")
    parser.add_argument("--zh-real", type=Path, default=ROOT / "bench/data/zh-real")
    parser.add_argument("--only", default="", help="comma-separated set names (zyte,zh,zh-real)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
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
        rows = table(name, pages[: args.limit] if args.limit else pages)
        ours, traf = rows["ours (archiver)"], rows["trafilatura"]
        summary[name] = {
            "f1": round(ours[2], 4),
            "trafilatura_f1": round(traf[2], 4),
            "speed_vs_trafilatura": round(ours[3] / traf[3], 2) if traf[3] else 0.0,
            "errors": ours[4],
        }
    print(json.dumps({"extraction": summary}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
