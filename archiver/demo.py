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
from collections.abc import Sequence
from pathlib import Path

import archiver
from archiver.folder import iter_article_files
from archiver.replay import ReplayProxy

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(archiver.__file__).resolve().parent.parent
SITES_DIR = PROJECT_ROOT / "tests" / "sites"
DEFAULT_ARCHIVE = PROJECT_ROOT / "demo-archive"


def crawl_command(archive: Path, pages: int | None = None, extra: Sequence[str] = ()) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "ofweek",
        "-s",
        f"ARCHIVE_DIR={archive}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "DOWNLOAD_TIMEOUT=5",
        "-s",
        "RETRY_TIMES=1",
    ]
    if pages is not None:
        cmd += ["-a", f"pages={pages}"]
    for setting in extra:
        cmd += ["-s", setting]
    return cmd


def run_demo(
    archive: Path,
    pages: int | None = None,
    extra_settings: Sequence[str] = (),
    sites_dir: Path = SITES_DIR,
    out=sys.stdout,
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
    cmd = crawl_command(archive, pages, extra_settings)

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
