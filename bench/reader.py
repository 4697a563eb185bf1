"""Benchmark of the offline reader at archive scale: build, search in the terminal and in a
browser, against Pagefind.

Generates a sample archive (``archiver.reader.sample``: default 10,000 articles of ~2,000
characters, two images for two thirds of them; ``--body-chars 500 --images 0`` for the
million), in parallel, under ``bench/out/``; then measures:

- ``archiver build`` as a process: first build (wall time, peak memory of the process tree,
  summed PSS), a no-op rebuild and an incremental one (20 changed + 20 new articles) in
  process;
- ``archiver search``: each query in process (p95 over 5 runs each) and as a command;
- headless Chromium from ``file://`` (``bench/reader_browser.py``): index ready, first hit
  per query, tab memory; and Pagefind (npm ``pagefind``) over the same pages, served by
  ``archiver serve``: index time and size, first hit per query.

Prints one JSON line as its last line. ``--keep`` keeps the archive (and says where);
``--archive DIR`` reuses one kept before (no generation, no first build unless needed).
A query that takes too long is reported with its time, never fatal.
Usage: ``python bench/reader.py [--articles N] [--keep] [--no-pagefind]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psutil

from archiver.reader import build_reader
from archiver.reader import search as reader_search
from archiver.reader.sample import make_sample_archive, write_sample_article

OUT = Path(__file__).resolve().parent / "out"
UNIQUE = "基准测试独有短语"
QUERIES = (
    "电",  # one character, in nearly every article
    "鑫",  # one character in no template: only where planted
    "华为",
    "固态电池",
    "数字化转型",
    "产业集聚效应",
    "宁德时代 合肥",
    '"有望在未来三到五年"',
    "AI服务器",
    "OLED",
    UNIQUE,
    "量子纠缠路由器",  # no hit
)
PLANTED = ("鑫", UNIQUE)


def folder_size(path: Path, suffix: str = "") -> int:
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            if name.endswith(suffix):
                try:
                    total += os.stat(os.path.join(folder, name)).st_size
                except OSError:
                    pass
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def _part(args: tuple) -> int:
    root, count, seed, start, minutes, body_chars, images = args
    return len(
        make_sample_archive(
            root, count, seed, images, start=start, minutes=minutes, body_chars=body_chars
        )
    )


def generate(root: Path, articles: int, body_chars: int, images: int) -> None:
    """The sample archive, written by one process per core (each a stretch of time)."""
    span = timedelta(days=365 * 12)
    minutes = span / timedelta(minutes=1) / articles
    parts = os.cpu_count() or 1
    start = datetime(2024, 6, 30, 10, tzinfo=timezone.utc)
    jobs = []
    for i in range(parts):
        count = articles // parts + (1 if i < articles % parts else 0)
        offset = timedelta(minutes=minutes * (articles // parts) * i)
        jobs.append((root, count, 42 + i, start - offset, minutes, body_chars, images))
    with ProcessPoolExecutor(parts) as pool:
        written = sum(pool.map(_part, jobs))
    rnd = random.Random(1)
    for i, text in enumerate(("只有这里有" + UNIQUE + "。", "鑫源科技", "鑫", "鑫鑫")):
        write_sample_article(
            root, rnd, datetime(2020, 1, 2 + i, 3, tzinfo=timezone.utc), extra_text=text
        )
    print(f"generated {written + 4} articles", flush=True)


def sampled(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time, CPU time (user and system, the whole process tree: a shared
    machine stretches the wall time, not this) and peak memory (summed PSS and RSS)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"pss": 0, "rss": 0}
    done = threading.Event()

    def sample() -> None:
        try:
            top = psutil.Process(proc.pid)
            while not done.is_set():
                pss = rss = 0
                for p in [top, *top.children(recursive=True)]:
                    try:
                        info = p.memory_full_info()
                        pss, rss = pss + info.pss, rss + info.rss
                    except psutil.Error:
                        pass
                peak["pss"], peak["rss"] = max(peak["pss"], pss), max(peak["rss"], rss)
                done.wait(0.1)
        except psutil.Error:
            pass

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    thread.join()
    return {
        "wall_s": round(wall, 2),
        "user_s": round(after.ru_utime - before.ru_utime, 2),
        "sys_s": round(after.ru_stime - before.ru_stime, 2),
        "peak_pss_mb": round(peak["pss"] / 2**20, 1),
        "peak_rss_mb": round(peak["rss"] / 2**20, 1),
        "exit": proc.returncode,
        "out": (out + err).strip().splitlines()[-3:],
    }


def edit_and_add(root: Path, count: int = 20) -> None:
    """Change ``count`` articles (a sentence added) and add ``count`` new ones."""
    rnd = random.Random(7)
    rels = []
    for folder, _, names in os.walk(root):
        if "/." in folder:
            continue
        rels += [os.path.join(folder, n) for n in names if n.endswith(".md")]
        if len(rels) > 20 * count:
            break
    for path in rnd.sample(rels, count):
        text = Path(path).read_text(encoding="utf-8")
        Path(path).write_text(text.replace("。</p>", "。补记一句。</p>", 1), encoding="utf-8")
    for i in range(count):
        write_sample_article(root, rnd, datetime(2024, 7, 1, i, tzinfo=timezone.utc))


def terminal(root: Path) -> dict:
    """``archiver search`` in process (5 runs a query) and as a command (once a query)."""
    runs: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for query in QUERIES:
        for _ in range(5):
            start = time.perf_counter()
            found = reader_search.search(root, query, 20)
            runs.setdefault(query, []).append((time.perf_counter() - start) * 1000)
        hits[query] = len(found)
    commands = {}
    for query in QUERIES:
        cmd = [sys.executable, "-m", "archiver", "search", query, "--archive", str(root), "--json"]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        commands[query] = round((time.perf_counter() - start) * 1000, 1)
        try:
            json.loads(proc.stdout)
        except ValueError:
            commands[query] = f"failed: {proc.stderr.strip()[-200:]}"
    every = [ms for values in runs.values() for ms in values]
    timed = [v for v in commands.values() if isinstance(v, float)]
    return {
        "terminal_p95_ms": round(percentile(every, 0.95), 1),
        "terminal_median_ms": {q: round(statistics.median(v), 1) for q, v in runs.items()},
        "terminal_hits": hits,
        "command_ms": round(percentile(timed, 0.95), 1) if timed else None,
        "command_each_ms": commands,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--body-chars", type=int, default=2000, help="median body length")
    parser.add_argument("--images", type=int, default=2, help="images per illustrated article")
    parser.add_argument("--keep", action="store_true", help="keep the generated archive")
    parser.add_argument("--archive", type=Path, help="reuse this archive (from --keep)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-pagefind", action="store_true")
    args = parser.parse_args()
    root = (args.archive or OUT / f"reader-{args.articles}-{os.getpid()}" / "archive").resolve()
    result: dict = {}
    try:
        if not args.archive:
            start = time.perf_counter()
            generate(root, args.articles, args.body_chars, args.images)
            print(f"  in {time.perf_counter() - start:.0f}s at {root}", flush=True)
        build = sampled([sys.executable, "-m", "archiver", "build", str(root)])
        print("first build:", build, flush=True)
        start = time.perf_counter()
        report = build_reader(root)
        noop = time.perf_counter() - start
        print(f"no-op build: {noop:.2f}s  {report.summary()}", flush=True)
        edit_and_add(root)
        start = time.perf_counter()
        report = build_reader(root)
        incremental = time.perf_counter() - start
        print(f"incremental build: {incremental:.2f}s  {report.summary()}", flush=True)
        term = terminal(root)
        print("terminal:", json.dumps(term, ensure_ascii=False), flush=True)
        pages = folder_size(root, ".html")
        data = root / ".reader"
        index = sum(folder_size(data / name) for name in ("ix", "m", "t"))
        index += sum((data / name).stat().st_size for name in ("meta.js", "order.js"))
        result = {
            "articles": report.articles,
            "build_s": build["wall_s"],
            "build_peak_mb": build["peak_pss_mb"],
            "build_peak_rss_mb": build["peak_rss_mb"],
            "build_cpu_s": round(build["user_s"] + build["sys_s"], 1),
            "build_cpu_ms_per_article": round(
                (build["user_s"] + build["sys_s"]) * 1000 / max(report.articles, 1), 3
            ),
            "noop_s": round(noop, 3),
            "incremental_s": round(incremental, 3),
            "terminal_p95_ms": term["terminal_p95_ms"],
            "command_ms": term["command_ms"],
            "index_mb": round(index / 1e6, 1),
            "pages_mb": round(pages / 1e6, 1),
            "index_share_of_pages": round(index / pages, 3) if pages else None,
        }
        if not args.no_browser:
            from reader_browser import browser_figures, pagefind_figures

            try:
                result.update(browser_figures(root, QUERIES))
            except Exception as exc:  # a broken browser setup is reported, not fatal
                result["browser_error"] = f"{type(exc).__name__}: {exc}"[:300]
            if not args.no_pagefind:
                try:
                    result["pagefind"] = pagefind_figures(root, QUERIES, OUT, sampled)
                except Exception as exc:
                    result["pagefind"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        result["terminal"] = term
        result["machine"] = {"cores": os.cpu_count(), "load_avg": os.getloadavg()}
    finally:
        if args.keep or args.archive:
            print(f"archive kept at {root}", flush=True)
        else:
            shutil.rmtree(root.parent, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
