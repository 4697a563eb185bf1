"""Benchmark of the distributed mode: throughput of 1, 2 and 3 worker processes.

Generates a copy of the recorded OFweek site whose news list links ``--articles`` article
pages spread over four hosts, each page answered after ``--delay`` seconds (a
site's latency), and serves it through the replay proxy. For each worker count it starts
a fresh Redis (LocalRedis), queues the list pages with ``archiver enqueue``, runs that many
``scrapy crawl ofweek -s REDIS_URL=...`` processes on one empty archive with the polite
per-site settings (2 requests at a time per host), and measures articles archived per
second of wall time, process start-up included. It checks every article ends up in
exactly one file and its page was fetched once, then prints the ratios to one worker.

Ends with one JSON line. Usage: ``python bench/workers.py [--articles N] [--delay S]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from archiver.cli import main as archiver
from archiver.demo import crawl_command
from archiver.distributed.local import LocalRedis, redis_server_path
from archiver.folder import iter_article_files
from archiver.replay import ReplayProxy

PROJECT = Path(__file__).resolve().parents[1]
SITES = PROJECT / "tests" / "sites"
TEMPLATE = SITES / "ee.ofweek.com/2023-12/ART-8420-2800-30619402.html"
HOSTS = ("ee.ofweek.com", "iot.ofweek.com", "robot.ofweek.com", "medical.ofweek.com")
# The news list the spider starts from, replaced in the copy by the generated list pages.
LIST = "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE{suffix}.html"
PER_LIST = 20
SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ARCHIVE_READER_AUTOBUILD": "False",
    "LOG_LEVEL": "WARNING",
}


def article_url(i: int) -> str:
    return f"https://{HOSTS[i % len(HOSTS)]}/2023-12/ART-8420-2800-3{i:07d}.html"


def list_url(n: int) -> str:
    return LIST.format(suffix="" if n == 1 else f"-{n}")


def list_page(n: int, last: int, urls: list[str]) -> bytes:
    items = "\n".join(
        f'<div class="con-details"><h3><a href="{u}">基准文章 {u[-12:-5]}</a></h3>'
        f'<span class="fb-tl">2023-12-05 10:40</span></div>'
        for u in urls
    )
    pager = "".join(f'<a href="{list_url(k)}">{k}</a>' for k in range(1, last + 1) if k != n)
    if n < last:
        pager += f'<a href="{list_url(n + 1)}">下一页</a>'
    html = (
        f'<html><head><meta charset="gb2312"><title>基准列表 {n}</title></head><body>'
        f'<div class="list-left"><div class="list-con">{items}</div>'
        f'<div class="list-num">{pager}</div></div></body></html>'
    )
    return html.encode("gbk")


def make_site(root: Path, articles: int, delay: float) -> tuple[Path, list[str]]:
    """The recorded sites plus ``articles`` slow article pages and the list pages linking them."""
    sites = root / "sites"
    shutil.copytree(SITES, sites)
    template = TEMPLATE.read_bytes()
    urls = [article_url(i) for i in range(articles)]
    routes: dict[str, dict] = {host: {} for host in HOSTS}
    for i, url in enumerate(urls):
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        (sites / host / path[1:]).parent.mkdir(parents=True, exist_ok=True)
        title = f"氮化镓快充基准文章第{i}篇".encode("gbk")
        (sites / host / path[1:]).write_bytes(
            template.replace("氮化镓快充渗透率突破四成".encode("gbk"), title)
        )
        routes[host][path] = {"delay": delay}
    for host, table in routes.items():
        routes_file = sites / host / "_routes.yaml"
        existing = (
            yaml.safe_load(routes_file.read_text(encoding="utf-8"))
            if routes_file.exists()
            else None
        )
        routes_file.write_text(yaml.safe_dump({**(existing or {}), **table}), encoding="utf-8")
    pages = -(-articles // PER_LIST)
    for n in range(1, pages + 1):
        name = list_url(n).split("/", 3)[3]
        (sites / "www.ofweek.com" / name).write_bytes(
            list_page(n, pages, urls[(n - 1) * PER_LIST : n * PER_LIST])
        )
    return sites, urls


def run_workers(count: int, root: Path, proxy: ReplayProxy, urls: list[str]) -> dict:
    """One distributed run of ``count`` workers on an empty archive; its throughput and checks."""
    archive = root / f"archive-{count}"
    pages = -(-len(urls) // PER_LIST)
    with LocalRedis(root / f"redis-{count}") as redis_url:
        archiver(["enqueue", "--redis-url", redis_url, "--pages", str(pages), list_url(1)])
        proxy.reset()
        cmd = crawl_command(
            archive, "-a", f"pages={pages}", settings={"REDIS_URL": redis_url, **SETTINGS}
        )
        started = time.monotonic()
        workers = [
            subprocess.Popen(
                cmd,
                cwd=PROJECT,
                env=proxy.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(count)
        ]
        logs = [w.communicate()[1] for w in workers]
        elapsed = time.monotonic() - started
    failed = [log[-2000:] for w, log in zip(workers, logs, strict=True) if w.returncode != 0]
    if failed:
        raise SystemExit(f"a worker failed:\n{failed[0]}")
    files = list(iter_article_files(archive))
    fetched = [u for u in proxy.urls() if u in set(urls)]
    stamps = [r.time for r in proxy.snapshot()]
    crawling = max(stamps) - min(stamps)  # first request to last: without process start-up
    return {
        "workers": count,
        "seconds": round(elapsed, 2),
        "crawl_seconds": round(crawling, 2),
        "articles": len(files),
        "articles_per_s": round(len(files) / elapsed, 2),
        "crawl_articles_per_s": round(len(files) / crawling, 2),
        "all_archived_once": len(files) == len(urls) and sorted(fetched) == sorted(urls),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=120, help="article pages in the generated site"
    )
    parser.add_argument(
        "--delay", type=float, default=0.4, help="seconds each article page takes to answer"
    )
    parser.add_argument(
        "--workers", default="1,2,3", help="worker counts to compare (default 1,2,3)"
    )
    args = parser.parse_args()
    if redis_server_path() is None:
        print(
            "bench/workers.py: redis-server is not installed (scripts/install-system-deps.sh)",
            file=sys.stderr,
        )
        return 2
    counts = [int(c) for c in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        root = Path(tmp)
        sites, urls = make_site(root, args.articles, args.delay)
        with ReplayProxy(sites) as proxy:
            results = [run_workers(count, root, proxy, urls) for count in counts]
    base, crawl_base = results[0]["articles_per_s"], results[0]["crawl_articles_per_s"]
    print(f"{args.articles} articles, each page answered after {args.delay}s, polite workers")
    for r in results:
        print(
            f"{r['workers']} worker(s): {r['articles']} articles in {r['seconds']:6.2f}s "
            f"= {r['articles_per_s']:6.2f}/s x{r['articles_per_s'] / base:.2f}; "
            f"after start-up {r['crawl_seconds']:6.2f}s = {r['crawl_articles_per_s']:6.2f}/s "
            f"x{r['crawl_articles_per_s'] / crawl_base:.2f}"
            + ("" if r["all_archived_once"] else "  (MISSING OR DUPLICATED ARTICLES)")
        )
    ratios = {f"x{r['workers']}": round(r["articles_per_s"] / base, 2) for r in results}
    crawl_ratios = {
        f"x{r['workers']}": round(r["crawl_articles_per_s"] / crawl_base, 2) for r in results
    }
    print(
        json.dumps(
            {
                "bench": "workers",
                "articles": args.articles,
                "delay": args.delay,
                "runs": results,
                "ratios": ratios,
                "ratios_after_startup": crawl_ratios,
            }
        )
    )
    return 0 if all(r["all_archived_once"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
