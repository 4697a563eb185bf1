"""Crawls as users run them, the faults a test adds to its own sites, and waits on events.

Every end-to-end test runs ``scrapy crawl`` in its own process through the replay proxy, with
the command line of ``archiver.demo.crawl_command`` (the one builder: demo, tests, bench),
forked from a pre-imported server (``forkserver``) or, with ``plain=True``, as a fresh
``python -m scrapy``.
``run_crawl`` waits for the crawl; ``start_crawl`` returns it running, for tests that act
while it works (kill it at an observable moment, start a second one). The recorded copy
serves every image at once; a test about failing images adds the fault routes of
``tests/sites/ofweek-faults.yaml`` to its own copy with ``add_faults``.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import forkserver
import yaml
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from archiver.demo import crawl_command
from archiver.exit_status import START_ERRORS
from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.options import ArchiveOptions
from archiver.replay import ReplayProxy
from archiver.scrapy_commands.crawl import check_start

PROJECT = Path(__file__).resolve().parents[1]
SITES = PROJECT / "tests" / "sites"
# The recorded copy's one mp.ofweek.com article, and its image.
SEED_URL = "https://mp.ofweek.com/medical/a145614128367"
SEED_IMAGE = "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__2d45b99e0d9f10249a1e72d8de3b212b.jpg"
# Fast, deterministic crawls of the local copy: no politeness delays, short timeouts.
TEST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "1",
    "ARCHIVE_READER_AUTOBUILD": "False",
}
# host -> request path -> route: the fault routes of the OFweek copy (tests/sites/README.md).
FAULTS: dict[str, dict[str, dict]] = yaml.safe_load(
    (SITES / "ofweek-faults.yaml").read_text(encoding="utf-8")
)
# Long enough for any crawl to reach it; an event (a request, a file) ends the wait first.
EVENT_TIMEOUT = 120

T = TypeVar("T")


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> str:
        """The one-line summary the crawl prints at the end."""
        lines = [
            line
            for line in self.stderr.splitlines()
            if line.startswith(("ofweek:", "site:", "jjrb:", "article:"))
        ]
        return lines[-1] if lines else ""


class Crawl:
    """A running ``scrapy crawl``: its log read line by line as it comes, so a test can wait
    for a line, and the pipes never fill up while the test waits for something else."""

    def __init__(self, cmd: list[str], env: dict[str, str], *, plain: bool = False) -> None:
        self.proc: subprocess.Popen | forkserver.ForkedProcess
        if plain or not forkserver.available():
            self.proc = subprocess.Popen(
                cmd, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        else:
            self.proc = forkserver.popen(cmd, PROJECT, env)
        self._out: list[str] = []
        self._err: list[str] = []
        self._new_line = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in ((self.proc.stdout, self._out), (self.proc.stderr, self._err))
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, lines: list[str]) -> None:
        with stream:
            for line in stream:
                with self._new_line:
                    lines.append(line)
                    self._new_line.notify_all()
        with self._new_line:
            self._new_line.notify_all()

    @property
    def stderr(self) -> str:
        with self._new_line:
            return "".join(self._err)

    def running(self) -> bool:
        return self.proc.poll() is None

    def wait_for_line(self, pattern: str, count: int = 1) -> str:
        """The ``count``-th log line matching ``pattern`` (a regex), once it is printed.

        Fails if the crawl ends first, or if it never comes within ``EVENT_TIMEOUT``.
        """
        regex = re.compile(pattern)
        deadline = time.monotonic() + EVENT_TIMEOUT
        with self._new_line:
            while True:
                found = [line for line in self._err if regex.search(line)]
                if len(found) >= count:
                    return found[count - 1]
                ended = not self._readers[1].is_alive()
                if ended or time.monotonic() > deadline:
                    log = "".join(self._err)[-3000:]
                    raise AssertionError(f"the crawl never logged {pattern!r} x{count}:\n{log}")
                self._new_line.wait(0.5)

    def kill(self) -> None:
        """SIGKILL the crawl, which must still be running: the kill landed mid-crawl."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._join()
        assert self.proc.returncode == -signal.SIGKILL, (
            f"the crawl had already ended ({self.proc.returncode}) when it was killed:\n"
            + self.stderr[-3000:]
        )

    def finish(self, timeout: float = 180) -> CrawlResult:
        """Wait for the crawl to end (killed after ``timeout`` seconds, then an error)."""
        try:
            returncode = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self._join()
            raise
        self._join()
        return CrawlResult(returncode, "".join(self._out), "".join(self._err))

    def _join(self) -> None:
        for reader in self._readers:
            reader.join()


def start_crawl(
    archive: Path,
    proxy: ReplayProxy,
    *args: str,
    spider: str = "ofweek",
    settings: dict | None = None,
    log_level: str = "INFO",
    plain: bool = False,
) -> Crawl:
    """``scrapy crawl <spider>`` started in the project root, through the replay proxy.

    Forked from the pre-imported server (``forkserver``) unless ``plain``: then a fresh
    ``python -m scrapy`` process, the command exactly as users start it.
    """
    opts = {**TEST_SETTINGS, **(settings or {})}
    cmd = crawl_command(archive, *args, spider=spider, settings=opts, log_level=log_level)
    env = proxy.env()
    env.pop("ARCHIVE_PROGRESS", None)
    return Crawl(cmd, env, plain=plain)


def run_crawl(
    archive: Path,
    proxy: ReplayProxy,
    *args: str,
    spider: str = "ofweek",
    settings: dict | None = None,
    timeout: float = 180,
    log_level: str = "INFO",
    plain: bool = False,
) -> CrawlResult:
    """``scrapy crawl <spider>`` in its own process from the project root, through the replay
    proxy (a plain subprocess if ``plain``, see ``start_crawl``)."""
    crawl = start_crawl(
        archive, proxy, *args, spider=spider, settings=settings, log_level=log_level, plain=plain
    )
    return crawl.finish(timeout)


def start_error(archive: Path, *args: str, spider: str = "ofweek") -> str:
    """The line ``scrapy crawl <spider> ARGS`` ends with before any request, found in process
    by the checks the command runs (``check_start``); "" when they pass. Printing that line
    and the exit status are the subprocess tests' part: one process per bad value is slow."""
    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.setdict({**TEST_SETTINGS, "ARCHIVE_DIR": str(archive)}, priority="cmdline")
    spargs = {}
    for flag, pair in zip(args[::2], args[1::2], strict=True):
        key, _, value = pair.partition("=")
        if flag == "-s":
            settings.set(key, value, priority="cmdline")
        else:
            spargs[key] = value
    spidercls = SpiderLoader.from_settings(settings).load(spider)
    try:
        check_start(ArchiveOptions.from_settings(settings), spidercls, spargs)
    except START_ERRORS as exc:
        return f"scrapy crawl: {exc}"
    return ""


def wait_for(condition: Callable[[], T], what: str, crawl: Crawl | None = None) -> T:
    """``condition()``'s first truthy value, polled; fails naming ``what`` if it never comes
    (within ``EVENT_TIMEOUT``), or if ``crawl`` ends before it does."""
    deadline = time.monotonic() + EVENT_TIMEOUT
    while True:
        value = condition()
        if value:
            return value
        ended = crawl is not None and not crawl.running()
        if ended or time.monotonic() > deadline:
            log = crawl.stderr[-3000:] if crawl is not None else ""
            raise AssertionError(f"never happened: {what}\n{log}")
        time.sleep(0.02)


# --- routes and faults -------------------------------------------------------------------


def copy_sites(dest: Path) -> Path:
    """A private copy of the recorded sites at ``dest``, for a test to change."""
    shutil.copytree(SITES, dest)
    return dest


def add_route(sites: Path, host: str, path: str, route: dict) -> None:
    """Add (or replace) ``path``'s route in ``sites/host/_routes.yaml``; the proxy re-reads it."""
    routes_file = sites / host / "_routes.yaml"
    routes = yaml.safe_load(routes_file.read_text(encoding="utf-8")) if routes_file.exists() else {}
    routes = routes or {}
    routes[path] = route
    routes_file.write_text(yaml.safe_dump(routes, allow_unicode=True), encoding="utf-8")


def drop_route(sites: Path, host: str, path: str) -> None:
    routes_file = sites / host / "_routes.yaml"
    routes = yaml.safe_load(routes_file.read_text(encoding="utf-8")) or {}
    routes.pop(path, None)
    routes_file.write_text(yaml.safe_dump(routes, allow_unicode=True), encoding="utf-8")


def faults(*, stall: bool = True) -> dict[str, str]:
    """The OFweek copy's faulty images: URL -> the reason the crawl gives when it fails.

    ``stall=False`` leaves out the image that only times out (two DOWNLOAD_TIMEOUTs of
    waiting), for tests about failed images that need not wait for one.
    """
    found = {}
    for host, routes in FAULTS.items():
        for path, route in routes.items():
            if stall or "delay" not in route:
                found[f"https://{host}{path}"] = fault_reason(route)
    return found


def fault_reason(route: dict) -> str:
    """What the crawl logs and counts (``archive/images_failed/<reason>``) for an image
    behind this fault route."""
    if "status" in route:
        return f"http_{route['status']}"
    if "drop" in route:
        return "connection_lost"
    if "delay" in route:
        return "timeout"
    return "not_an_image"  # body_file: the hotlink page where the image should be


def add_faults(
    sites: Path, *, stall: bool = True, only: Iterable[str] | None = None
) -> dict[str, str]:
    """Add the fault routes of ``faults(stall=)`` (or of the ``only`` URLs among them) to
    the copy ``sites``; returns the faulty images added, as ``faults`` does."""
    added = faults(stall=stall)
    if only is not None:
        added = {url: added[url] for url in only}
    for url in added:
        host, path = _host_path(url)
        add_route(sites, host, path, FAULTS[host][path])
    return added


def expected_images(case: dict, faults: Iterable[str]) -> tuple[list[str], list[str]]:
    """(stored, failed) images of an ``ofweek-cases.yaml`` article, with these faults added.

    A failing image fails only where its fault route was added; the URLs compare by host and
    path, as the routes do (the cases list ``http://`` and ``https://`` images).
    """
    faulty = {_host_path(url) for url in faults}
    failed = [url for url in case["images_failed"] if _host_path(url) in faulty]
    stored = list(case["images_local"]) + [u for u in case["images_failed"] if u not in failed]
    return stored, failed


def _host_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.netloc, parts.path


def read_archive(archive: Path) -> dict[str, tuple[Path, dict, str]]:
    """Every article file of an archive by its URL: (path, frontmatter, body)."""
    found = {}
    for path in iter_article_files(archive):
        meta, body = split(path.read_text(encoding="utf-8"))
        found[meta["url"]] = (path, meta, body)
    return found
