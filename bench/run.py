"""Archive throughput, memory and re-run cost, side by side with raw Scrapy and trafilatura.

    python bench/run.py --quick              # N=300, 3 interleaved rounds, ~1 minute on 2 cores
    python bench/run.py --articles 10000     # the full run (~10 minutes: run it in the background)
    python bench/run.py --chart              # bench/throughput.png from bench/out/results-*.json

One run generates (or reuses) a local OFweek-like site of N articles (``bench/site.py``),
serves it from 127.0.0.1 in a separate process, and measures on that same site: (1) raw
Scrapy, a spider that only fetches every list page, article page and image and discards
them (the ceiling, given the same Scrapy settings as ours); (2) ours, ``scrapy crawl site``
with extraction, images, files and state, politeness off; (3) trafilatura's own command
line over the article URLs (sleep 0, SSRF protection off; it downloads no images and reads
only first pages); (4) ``archiver build``, the offline reader of the new archive (what
``ARCHIVE_READER_AUTOBUILD`` adds to a crawl); (5) ours again on the full archive, nothing
changed. For each: wall time, articles/s, CPU seconds per article (the process and its
children), peak RSS (the sum over the process tree, sampled every 50 ms). Results go to
``bench/out/results-N.json``; the last line printed is one JSON object with the ratios.
"""

from __future__ import annotations

import argparse
import configparser
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import psutil
import scrapy
from chart import chart  # bench/ modules: the script's folder is first on sys.path
from harness import best, discard, measure, settle, site_definition

from archiver import settings as project
from archiver.demo import crawl_command

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
# bench/site.py by path: imported as ``site`` it would clash with the stdlib module.
_spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
benchsite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchsite)

CPUS = os.cpu_count() or 1
TARGETS = {
    "ours_vs_raw_scrapy": 0.5,
    "ours_vs_trafilatura_cli": 1.0,
    "rerun_vs_full": 0.05,
    "peak_rss_mb": 300,
}
AT_MOST = ("rerun_vs_full", "peak_rss_mb")
POLITENESS_OFF = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
}
# The project's own Scrapy tuning, given to raw Scrapy too: the ceiling gets every knob ours has.
SAME_TUNING = {"CONCURRENT_ITEMS": str(project.CONCURRENT_ITEMS)}
# Ours parses and renders in worker processes: one per core beside the reactor's.
OURS = {
    **POLITENESS_OFF,
    "ARCHIVE_WORKER_PROCESSES": str(max(1, CPUS - 1)),
    "ARCHIVE_READER_AUTOBUILD": "False",
    "ARCHIVE_PROGRESS": "False",
}
PHASES = ("raw_scrapy", "ours", "trafilatura_cli", "reader_build", "rerun")


class RawSpider(scrapy.Spider):
    """The ceiling: fetch every list page, article page and image of the site; keep nothing."""

    name = "raw"

    def __init__(self, base: str, manifest: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.manifest = json.loads(Path(manifest).read_text(encoding="utf-8"))

    async def start(self):
        for kind in ("lists", "pages", "images"):
            for path in self.manifest[kind]:
                yield scrapy.Request(self.base + path, callback=self.discard)

    def discard(self, response) -> None:
        return None


def run_raw(base: str, manifest: str) -> None:
    """RawSpider: Scrapy's defaults, then ours' politeness-off settings and Scrapy tuning."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(
        {**POLITENESS_OFF, **SAME_TUNING, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": 0}
    )
    process.crawl(RawSpider, base=base, manifest=manifest)
    process.start()


def trafilatura_config(out: Path) -> Path:
    """trafilatura's own settings.cfg with SLEEP_TIME = 0 and SSRF_PROTECTION = off."""
    import trafilatura

    config = configparser.ConfigParser()
    config.read(Path(trafilatura.__file__).parent / "settings.cfg", encoding="utf-8")
    config["DEFAULT"]["SLEEP_TIME"] = "0"
    config["DEFAULT"]["SSRF_PROTECTION"] = "off"
    path = out / "trafilatura.cfg"
    with path.open("w", encoding="utf-8") as f:
        config.write(f)
    return path


def commands(
    out: Path, site_dir: Path, manifest: dict, base: str, extra: list[str], round_no: int
) -> dict:
    """The command line (and working folder) of each phase, writing into this round's folders."""
    articles = manifest["articles"]
    archive = out / f"archive-{articles}-r{round_no}"
    ours = crawl_command(
        archive,
        "-a",
        f"name={site_definition(out)}",
        "-a",
        f"start={base}{benchsite.list_path(1)}",
        "-a",
        f"pages={len(manifest['lists'])}",
        *extra,
        spider="site",
        settings=OURS,
    )
    urls = out / f"urls-{articles}.txt"
    urls.write_text("".join(f"{base}{p}\n" for p in manifest["article_urls"]), encoding="utf-8")
    return {
        "raw_scrapy": (
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--raw",
                base,
                str(site_dir / "manifest.json"),
            ],
            out,
        ),
        "ours": (ours, ROOT),
        "trafilatura_cli": (
            [
                str(VENV_BIN / "trafilatura"),
                "-i",
                str(urls),
                "--output-dir",
                str(out / f"trafilatura-{articles}-r{round_no}"),
                "--output-format",
                "html",
                "--images",
                "--parallel",
                str(CPUS),
                "--config-file",
                str(trafilatura_config(out)),
            ],
            out,
        ),
        "reader_build": ([str(VENV_BIN / "archiver"), "build", str(archive)], ROOT),
        "rerun": (ours, ROOT),
    }


def round_outputs(out: Path, articles: int) -> list[Path]:
    """The archives and trafilatura folders the rounds of a size wrote (also a killed run's)."""
    return [*out.glob(f"archive-{articles}-r*"), *out.glob(f"trafilatura-{articles}-r*")]


def stored(phase: str, out: Path, articles: int, round_no: int) -> dict:
    """What a phase left on disk, to check it did the whole job."""
    if phase == "ours":
        archive = out / f"archive-{articles}-r{round_no}"
        return {
            "articles": sum(1 for _ in archive.rglob("*.md")),
            "images": sum(1 for _ in archive.rglob("*.jpg")),
        }
    if phase == "trafilatura_cli":
        written = (out / f"trafilatura-{articles}-r{round_no}").rglob("*")  # subfolders past 1,000
        return {"articles": sum(1 for p in written if p.is_file())}
    return {}


def bench(articles: int, out: Path, extra: list[str], skip: set[str], repeat: int) -> dict:
    """Generate/serve the site of ``articles`` articles and measure every phase on it.

    With ``repeat`` > 1 the rounds are interleaved (raw, ours, trafilatura, reader, re-run,
    raw, ...) so a burst of load from other jobs hits every phase alike; the fastest run counts.
    Each round writes into new folders, all deleted at the end (``discard``), and a run starts
    its crawls only once the last deletion has settled (``settle``).
    """
    out.mkdir(parents=True, exist_ok=True)
    site_dir = out / f"site-{articles}"
    started = time.perf_counter()
    manifest = benchsite.ensure_site(site_dir, articles)
    generated = time.perf_counter() - started
    server = subprocess.Popen(
        [sys.executable, str(HERE / "site.py"), "serve", str(site_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    runs: dict[str, list[dict]] = {phase: [] for phase in PHASES if phase not in skip}
    try:
        base = server.stdout.readline().split()[-1]
        srv = psutil.Process(server.pid)
        discard(round_outputs(out, articles), out)  # a killed run's
        settle(out)
        for round_no in range(repeat):
            cmds = commands(out, site_dir, manifest, base, extra, round_no)
            for phase, phase_runs in runs.items():
                run = measure(*cmds[phase], srv)
                phase_runs.append({**run, "stored": stored(phase, out, articles, round_no)})
    finally:
        server.terminate()
        server.wait()
        discard(round_outputs(out, articles), out)
    result = {phase: best(phase_runs, articles) for phase, phase_runs in runs.items()}
    result["site"] = {
        "articles": articles,
        "list_pages": len(manifest["lists"]),
        "article_pages": len(manifest["pages"]),
        "images": len(manifest["images"]),
        "mb": {k: round(v / 2**20, 1) for k, v in manifest["bytes"].items()},
        "generate_s": round(generated, 1),
        "repeat": repeat,
    }
    return result


def verdict(result: dict) -> dict:
    """The summary line: the ratios the issue asks for, and which targets they meet."""
    ours = result["ours"]
    summary = {"articles": result["site"]["articles"], "peak_rss_mb": ours["peak_rss_mb"]}
    for other in ("raw_scrapy", "trafilatura_cli"):
        key = f"ours_vs_{other}"
        if other in result:
            summary[key] = round(ours["articles_per_s"] / result[other]["articles_per_s"], 3)
    if "rerun" in result:
        summary["rerun_vs_full"] = round(result["rerun"]["wall_s"] / ours["wall_s"], 4)
    summary.update(
        ours_articles_per_s=ours["articles_per_s"], ours_cpu_s_per_article=ours["cpu_s_per_article"]
    )
    summary["met"] = {
        key: summary[key] <= limit if key in AT_MOST else summary[key] >= limit
        for key, limit in TARGETS.items()
        if key in summary
    }
    return summary


def table(result: dict) -> str:
    """One line per phase, for people; the JSON line that follows is for tools."""
    lines = [f"{'phase':16} {'wall s':>8} {'art/s':>8} {'cpu ms/art':>10} {'peak MB':>8} server"]
    for phase in (p for p in PHASES if p in result):
        p = result[phase]
        lines.append(
            f"{phase:16} {p['wall_s']:8.2f} {p['articles_per_s']:8.1f} "
            f"{1000 * p['cpu_s_per_article']:10.1f} {p['peak_rss_mb']:8.1f} "
            f"{p['server_cpu_share']:7.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N=300, 3 rounds")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, help="interleaved rounds; the fastest counts")
    parser.add_argument("--skip", default="", help=f"phases to leave out: {','.join(PHASES[2:])}")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--chart", action="store_true", help="only draw bench/throughput.png")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="-s for ours")
    parser.add_argument("--raw", nargs=2, metavar=("BASE", "MANIFEST"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.raw:
        run_raw(*args.raw)
        return 0
    if args.chart:
        print(chart(args.out, HERE / "throughput.png", TARGETS["peak_rss_mb"], CPUS))
        return 0
    articles = 300 if args.quick else args.articles
    skip = set(filter(None, args.skip.split(","))) - {"ours"}
    load_before = os.getloadavg()
    result = bench(
        articles,
        args.out,
        [x for s in args.settings for x in ("-s", s)],
        skip,
        args.repeat or (3 if args.quick else 1),
    )
    result["machine"] = {
        "cpus": CPUS,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "scrapy": scrapy.__version__,
        "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
    }
    result["summary"] = verdict(result)
    (args.out / f"results-{articles}.json").write_text(json.dumps(result, indent=1))
    print(table(result))
    print(json.dumps(result["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
