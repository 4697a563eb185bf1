"""What the web archive costs a crawl, and how fast ``archiver reextract`` rebuilds an archive.

    python bench/warc.py --quick              # N=300, 3 interleaved rounds
    python bench/warc.py --articles 10000     # the targets' size (run it in the background)

On the local OFweek-like site of ``bench/site.py`` (served from 127.0.0.1 in its own
process), ``scrapy crawl site`` runs with ``ARCHIVE_WARC=off`` and ``ARCHIVE_WARC=pages``
side by side, interleaved round by round so that load from other jobs hits both alike (the
fastest round of each counts), with the settings ``bench/run.py`` gives ours (politeness
off, one worker process per spare core). Then ``archiver reextract`` rebuilds the last
``pages`` archive from its WARC files with the network cut (nothing changed: every article
parsed, rendered and compared). Reported: articles/s and CPU per article of each, capture's
cost as the throughput ratio, and the archive's size with and without capture. Results go
to ``bench/out/warc-N.json``; the last line printed is one JSON object with the targets.

    python bench/warc.py --articles 10000 --keep      # leave the archives in bench/out
    python bench/warc.py --articles 10000 --reuse     # reextract the kept archive only

Re-extraction leaves an unchanged archive as it was, so a kept one can be rebuilt again and
again while re-extraction itself is being worked on (``--reuse`` implies ``--keep``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import psutil
from harness import best, discard, measure, settle, site_definition  # bench/ is first on sys.path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
_spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
benchsite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchsite)

CPUS = os.cpu_count() or 1
MODES = ("off", "pages")
TARGETS = {"capture_throughput_ratio": 0.9, "reextract_articles_per_s": 100.0}
OURS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "ARCHIVE_WORKER_PROCESSES": str(max(1, CPUS - 1)),
    "ARCHIVE_READER_AUTOBUILD": "False",
    "ARCHIVE_PROGRESS": "False",
}


def crawl_command(out: Path, manifest: dict, base: str, archive: Path, mode: str) -> list[str]:
    cmd = [str(VENV_BIN / "scrapy"), "crawl", "site", "-a", f"name={site_definition(out)}"]
    cmd += ["-a", f"start={base}{benchsite.list_path(1)}", "-a", f"pages={len(manifest['lists'])}"]
    for key, value in {**OURS, "ARCHIVE_WARC": mode, "ARCHIVE_DIR": str(archive)}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(articles: int, out: Path, repeat: int, keep: bool = False, reuse: bool = False) -> dict:
    """Run the phases; ``keep`` leaves the archives, ``reuse`` reextracts a kept one only."""
    out.mkdir(parents=True, exist_ok=True)
    site_dir = out / f"site-{articles}"
    manifest = benchsite.ensure_site(site_dir, articles)
    archives = [out / f"warc-{articles}-{m}-r{r}" for r in range(repeat) for m in MODES]
    last = out / f"warc-{articles}-pages-r{repeat - 1}"
    reuse = reuse and last.is_dir()
    sizes_file = out / f"warc-{articles}-sizes.json"
    server = subprocess.Popen(
        [sys.executable, str(HERE / "site.py"), "serve", str(site_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    runs: dict[str, list[dict]] = {m: [] for m in (*MODES, "reextract")}
    sizes: dict[str, dict] = {}
    try:
        base = server.stdout.readline().split()[-1]
        srv = psutil.Process(server.pid)
        if not reuse:
            discard([p for p in archives if p.exists()], out)
            settle(out)
        for round_no in range(0 if reuse else repeat):
            for mode in MODES:
                archive = out / f"warc-{articles}-{mode}-r{round_no}"
                run = measure(crawl_command(out, manifest, base, archive, mode), ROOT, srv)
                run["articles_stored"] = sum(1 for _ in archive.rglob("*.md"))
                runs[mode].append(run)
                warc = archive / ".archiver" / "warc"
                sizes[mode] = {
                    "archive_mb": round(size(archive) / 2**20, 1),
                    "warc_mb": round(size(warc) / 2**20, 1) if warc.exists() else 0.0,
                }
        if reuse:
            sizes = json.loads(sizes_file.read_text()) if sizes_file.is_file() else {}
        else:
            sizes_file.write_text(json.dumps(sizes))
        reextract = [str(VENV_BIN / "archiver"), "reextract", str(last)]
        runs["reextract"].append(measure(reextract, ROOT, srv))
    finally:
        server.terminate()
        server.wait()  # it stayed up, unasked, while reextract ran
        if not keep:
            discard([p for p in archives if p.exists()], out)
    result: dict = {key: best(phase, articles) for key, phase in runs.items() if phase}
    result["sizes"] = sizes
    result["site"] = {
        "articles": articles,
        "article_pages": len(manifest["pages"]),
        "repeat": repeat,
    }
    return result


def summary(result: dict) -> dict:
    """The targets' figures; those of the crawl phases only when they ran (not ``--reuse``)."""
    again, sizes = result["reextract"], result["sizes"]
    line: dict = {"articles": result["site"]["articles"]}
    if "off" in result:
        off, pages = result["off"], result["pages"]
        line.update(
            capture_throughput_ratio=round(pages["articles_per_s"] / off["articles_per_s"], 3),
            articles_per_s_off=off["articles_per_s"],
            articles_per_s_pages=pages["articles_per_s"],
            cpu_ms_per_article_off=round(1000 * off["cpu_s_per_article"], 2),
            cpu_ms_per_article_pages=round(1000 * pages["cpu_s_per_article"], 2),
        )
    line.update(
        reextract_articles_per_s=again["articles_per_s"],
        cpu_ms_per_article_reextract=round(1000 * again["cpu_s_per_article"], 2),
        reextract_main_process_cpu_s=again["main_process_cpu_s"],
    )
    if sizes:
        line.update(
            archive_mb_off=sizes["off"]["archive_mb"],
            archive_mb_pages=sizes["pages"]["archive_mb"],
            warc_mb=sizes["pages"]["warc_mb"],
        )
    line["met"] = {key: line[key] >= limit for key, limit in TARGETS.items() if key in line}
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N=300, 3 rounds")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, help="interleaved rounds; the fastest counts")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--keep", action="store_true", help="leave the archives in --out")
    parser.add_argument(
        "--reuse", action="store_true", help="only reextract the archive a --keep run left"
    )
    args = parser.parse_args(argv)
    articles = 300 if args.quick else args.articles
    load_before = os.getloadavg()
    repeat = args.repeat or (3 if args.quick else 1)
    result = bench(articles, args.out, repeat, keep=args.keep or args.reuse, reuse=args.reuse)
    result["machine"] = {"cpus": CPUS, "load_avg_before": load_before, "after": os.getloadavg()}
    result["summary"] = summary(result)
    (args.out / f"warc-{articles}.json").write_text(json.dumps(result, indent=1))
    for phase in (p for p in (*MODES, "reextract") if p in result):
        p = result[phase]
        print(
            f"{phase:10} {p['wall_s']:8.2f} s {p['articles_per_s']:8.1f} art/s "
            f"{1000 * p['cpu_s_per_article']:7.2f} cpu ms/art  exit {p['exit']}"
        )
    print(json.dumps(result["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
