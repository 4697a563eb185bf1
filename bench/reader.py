"""Benchmark of the offline reader at archive scale: build times and search latency.

Generates a sample archive (default 10,000 articles of realistic Chinese length, one image
each) in a temporary folder, then prints:

- full build, no-op rebuild, and an incremental build after 20 changed + 20 new articles;
- ``archiver search`` latency: in-process FTS5 queries, and the whole command as a process;
- in-browser latency (headless Chromium from ``file://``, if available): catalogue loaded,
  and time to first hits / to a finished search for a few queries;
- the sizes of the reader's data and of the FTS5 index.

Ends with one JSON line of the numbers. Usage: ``python bench/reader.py [--articles N] [--keep]``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from archiver.reader import build_reader, searchdb
from archiver.reader.sample import make_sample_archive, write_sample_article

QUERIES = ("固态电池", "数字化转型", "产业集聚效应", "华为", "宁德时代 合肥", "基准测试独有短语")
UNIQUE = "基准测试独有短语"
CHROMIUM = Path("/usr/bin/chromium")
# Search finished, or at least N hits on screen (a common word keeps verifying on scroll).
SHOWN = (
    "() => document.body.dataset.state === 'done'"
    " || Number(document.getElementById('count').dataset.shown) > %d"
)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def cli_latency(root: Path) -> dict[str, float]:
    """Median in-process query time per query (index already current), in milliseconds."""
    out = {}
    for query in QUERIES:
        runs = [timed(searchdb.search, root, query, 20)[0] for _ in range(5)]
        out[query] = round(statistics.median(runs) * 1000, 1)
    return out


def cli_process(root: Path) -> float:
    """Wall time of ``archiver search`` as a user runs it (startup and freshness check included)."""
    cmd = [sys.executable, "-m", "archiver", "search", UNIQUE, "--archive", str(root)]
    elapsed, proc = timed(subprocess.run, cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return round(elapsed * 1000, 1)


def browser_latency(root: Path) -> dict | None:
    """Catalogue load and search times in headless Chromium over file://, in milliseconds."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    out: dict = {"queries": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=flags)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((root / "index.html").as_uri(), wait_until="commit")
        page.wait_for_function(
            "() => document.body.dataset.state === 'ready'", polling="raf", timeout=120_000
        )
        marks = page.evaluate(
            "() => ['reader:first-rows', 'reader:catalogue'].map("
            "n => performance.getEntriesByName(n)[0].startTime)"
        )
        out["first_rows_ms"], out["catalogue_loaded_ms"] = (round(m, 1) for m in marks)
        for query in QUERIES:
            page.evaluate("q => { document.getElementById('q').value = q; }", query)
            start = time.perf_counter()
            page.evaluate("document.getElementById('search').requestSubmit()")
            page.wait_for_function(
                SHOWN % 0,
                polling="raf",
                timeout=120_000,
            )
            first = time.perf_counter() - start
            page.wait_for_function(
                SHOWN % 60,
                polling="raf",
                timeout=120_000,
            )
            page_full = time.perf_counter() - start
            hits = int(page.get_attribute("#count", "data-shown") or 0)
            out["queries"][query] = {
                "first_ms": round(first * 1000, 1),
                "first_page_ms": round(page_full * 1000, 1),
                "hits_shown": hits,
            }
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated archive")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="reader-bench-")) / "archive"
    try:
        gen, rels = timed(make_sample_archive, root, args.articles, 42, 1)
        rnd = random.Random(1)
        write_sample_article(
            root,
            rnd,
            datetime(2020, 1, 2, 3, tzinfo=timezone.utc),
            extra_text=f"只有这里有{UNIQUE}。",
        )
        size = folder_size(root) / 1e6
        print(f"generated {len(rels) + 1} articles in {gen:.1f}s ({size:.0f} MB) at {root}")
        full, report = timed(build_reader, root)
        print(f"full build:        {full:7.2f}s  {report.summary()}")
        noop, report = timed(build_reader, root)
        print(f"no-op build:       {noop:7.2f}s  rendered {report.rendered}")
        for rel in rnd.sample(rels, 20):
            path = root / rel
            path.write_text(
                path.read_text(encoding="utf-8").replace("。</p>", "。补记。</p>", 1),
                encoding="utf-8",
            )
        for i in range(20):
            write_sample_article(root, rnd, datetime(2024, 7, 1, i, tzinfo=timezone.utc))
        incr, report = timed(build_reader, root)
        print(f"incremental build: {incr:7.2f}s  {report.summary()}")
        cli = cli_latency(root)
        print("search (FTS5, in process, median ms):", cli)
        proc = cli_process(root)
        print(f"archiver search as a process: {proc:.0f} ms")
        browser = browser_latency(root)
        print("browser (file://):", browser if browser else "skipped (no playwright/chromium)")
        sizes = {
            "reader_mb": round(folder_size(root / ".reader") / 1e6, 1),
            "pages_mb": round(sum(p.stat().st_size for p in root.rglob("*.html")) / 1e6, 1),
            "search_sqlite_mb": round(searchdb.index_path(root).stat().st_size / 1e6, 1),
        }
        print("sizes:", sizes)
        print(
            json.dumps(
                {
                    "articles": report.articles,
                    "full_build_s": round(full, 2),
                    "noop_build_s": round(noop, 3),
                    "incremental_build_s": round(incr, 2),
                    "cli_search_ms": cli,
                    "cli_process_ms": proc,
                    "browser": browser,
                    **sizes,
                },
                ensure_ascii=False,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(root.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
