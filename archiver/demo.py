"""``archiver demo``: archive the bundled recording of OFweek, offline, with the real spider.

The replay proxy (``archiver.replay``) serves ``tests/sites`` on loopback; ``scrapy crawl
ofweek`` runs unchanged in a subprocess with ``http_proxy``/``https_proxy`` pointing at it,
so the crawl requests the real OFweek URLs and gets the recorded answers.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import archiver
from archiver.folder import iter_article_files
from archiver.replay import ReplayProxy

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(archiver.__file__).resolve().parent.parent
SITES_DIR = PROJECT_ROOT / "tests" / "sites"
DEFAULT_ARCHIVE = PROJECT_ROOT / "demo-archive"


# The demo's crawl of the loopback copy: no politeness delays, short timeouts.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_TIMEOUT": "5",
    "RETRY_TIMES": "1",
}


def crawl_command(
    archive: Path,
    *args: str,
    spider: str = "ofweek",
    settings: Mapping[str, object] | None = None,
    log_level: str | None = None,
) -> list[str]:
    """``python -m scrapy crawl SPIDER [-L LEVEL] -s ARCHIVE_DIR=archive -s K=V... ARGS``.

    The one crawl command line of the demo, the tests (``tests/crawling.py``) and ``bench/``;
    run it from the project root, so Scrapy finds ``scrapy.cfg``.
    """
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    if log_level is not None:
        cmd += ["-L", log_level]
    for key, value in {"ARCHIVE_DIR": str(archive), **(settings or {})}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd + list(args)


def demo_command(archive: Path, pages: int | None = None, extra: Sequence[str] = ()) -> list[str]:
    """The demo's crawl: DEMO_SETTINGS, then ``extra`` (``KEY=VALUE`` strings of ``-s``)."""
    settings = {**DEMO_SETTINGS, **dict(s.split("=", 1) for s in extra if "=" in s)}
    pages_args = ["-a", f"pages={pages}"] if pages is not None else []
    return crawl_command(archive, *pages_args, settings=settings)


def run_demo(
    archive: Path,
    pages: int | None = None,
    extra_settings: Sequence[str] = (),
    sites_dir: Path = SITES_DIR,
    out: TextIO = sys.stdout,
) -> int:
    if not sites_dir.is_dir():
        print(
            f"archiver demo: the recorded sites are missing: {sites_dir}\n"
            "  (they ship with the source tree, in tests/sites; run the demo from a checkout)",
            file=sys.stderr,
        )
        return 1
    archive = archive.resolve()
    archive.parent.mkdir(parents=True, exist_ok=True)
    before = len(list(iter_article_files(archive)) if archive.is_dir() else [])
    cmd = demo_command(archive, pages, extra_settings)

    with ReplayProxy(sites_dir) as proxy:
        print(
            f"Replaying {sites_dir} through {proxy.url} (no network needed)", file=out, flush=True
        )
        print("Running: " + " ".join(cmd[1:]), file=out, flush=True)
        try:
            status = subprocess.call(cmd, cwd=PROJECT_ROOT, env=proxy.env())
        except KeyboardInterrupt:
            print("\narchiver demo: interrupted", file=sys.stderr)
            return 130
        served = len(proxy.requests)

    files = list(iter_article_files(archive)) if archive.is_dir() else []
    print(file=out)
    print(
        f"Crawl finished with exit status {status}; the proxy answered {served} requests.", file=out
    )
    print(f"{len(files)} article files in {archive} ({len(files) - before:+d} this run).", file=out)
    index = archive / "index.html"
    if index.is_file():
        print(f"Open {index.as_uri()}", file=out)
    elif files:
        print(f"Open {files[0]}", file=out)
        print(f"  (or build the offline reader: archiver build {_shown(archive)})", file=out)
    else:
        print(f"Open {archive}", file=out)
    return status


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
