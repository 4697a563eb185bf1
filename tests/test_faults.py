"""Issue 13: nothing lost without a word. One crawl of a faulty site (tests/faultsite.py),
then what a user checks: the exit status, the summary's counts, the log, the files, verify."""

from __future__ import annotations

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_crawl
from faultsite import BASE, CASES, list_url, make_site

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.paths import MAX_PATH_BYTES
from archiver.replay import ReplayProxy
from archiver.state import SqliteState, state_path
from archiver.verify import verify_archive

WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


class Attacker(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that records every request it gets (it must get none)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        attacker = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                attacker.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


def stats_of(stderr: str) -> dict[str, int]:
    """The numeric stats of Scrapy's closing 'Dumping Scrapy stats' block."""
    block = stderr.rsplit("Dumping Scrapy stats:", 1)[-1]
    return {k: int(v) for k, v in re.findall(r"'([^']+)': (\d+)\b", block)}


def counts(summary: str) -> dict[str, int]:
    return {name: int(n) for n, name in re.findall(r"(\d+) ([a-z ]+?)(?:,| in )", summary)}


@pytest.fixture(scope="module")
def attacker():
    server = Attacker()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory, attacker):
    root = tmp_path_factory.mktemp("faults")
    sites = root / "sites"
    definition = make_site(sites, attacker.address)
    archive = root / "archive"
    args = ("-a", f"name={definition}")
    fast = {"ARCHIVE_BACKOFF_DELAY": "0"}  # the 503 would slow the whole site down 10 s
    with ReplayProxy(sites) as proxy:
        first = run_crawl(archive, proxy, *args, spider="site", settings=fast)
        fetched = proxy.urls()
        proxy.reset()
        second = run_crawl(archive, proxy, *args, spider="site", settings=fast)
        refetched = proxy.urls()
    return archive, first, fetched, second, refetched, definition


def article_files(archive: Path) -> dict[str, Path]:
    return {split(p.read_text(encoding="utf-8"))[0]["url"]: p for p in iter_article_files(archive)}


def test_every_listed_article_is_archived_or_failed_with_a_reason(fault_crawl):
    archive, first, *_ = fault_crawl
    files = article_files(archive)
    failed = dict(re.findall(r"Article (\S+) failed \(([a-z0-9_]+)\)", first.stderr))
    for case, expected in CASES.items():
        url = f"{BASE}/news/{case}.html"
        outcome = "archived" if url in files else failed.get(url, failed.get(list_url(case)))
        assert outcome is not None, f"{case}: neither archived nor failed\n{first.stderr[-3000:]}"
        assert outcome in expected, f"{case}: {outcome}, expected {expected}"
    summary = counts(first.summary)
    assert summary["new"] == len(files) and summary["failed"] == len(failed)
    assert summary["new"] + summary["failed"] == len(CASES)
    assert "Traceback" not in first.stderr and "Task exception" not in first.stderr


def test_failures_count_towards_the_run_verdict(fault_crawl):
    _, first, *_ = fault_crawl
    n = counts(first.summary)["failed"]
    assert first.returncode == 1
    assert f"FAILED: {n} of {len(CASES)} articles failed" in first.summary
    stats = stats_of(first.stderr)
    for reason in ("redirect_loop", "too_large", "http_503", "private_address"):
        assert stats[f"archive/articles_failed/{reason}"] == 1
    assert stats["archive/backoff/503"] >= 1  # the odd Retry-After was tolerated


def test_gzip_bomb_and_huge_image_are_refused_early(fault_crawl):
    archive, first, *_ = fault_crawl
    assert "exceeded DOWNLOAD_MAXSIZE (33554432 B) during decompression" in first.stderr
    assert stats_of(first.stderr)["archive/images_failed/too_large"] == 1
    assert not [p for p in archive.rglob("*") if p.is_file() and p.stat().st_size > 1_000_000]


def test_private_addresses_are_never_requested(fault_crawl, attacker):
    _, first, fetched, *_ = fault_crawl
    assert not [u for u in fetched if "127.0.0.1" in u or "169.254." in u]
    assert stats_of(first.stderr)["archive/requests_refused/private_address"] >= 3
    assert attacker.requests == []


def test_a_catastrophic_user_regex_does_not_stall_the_crawl(fault_crawl):
    _, first, fetched, *_ = fault_crawl
    assert first.summary  # the crawl ended (run_crawl's timeout would have stopped it)
    assert not [u for u in fetched if "aaaaaaaa" in u]  # not an article URL: not fetched


def test_an_image_shared_by_two_articles_is_in_each_folder(fault_crawl):
    archive, *_ = fault_crawl
    files = article_files(archive)
    a1, a2 = files[f"{BASE}/news/a1.html"], files[f"{BASE}/news/a2.html"]
    assert a1.parent.name == "2024-03" and a2.parent.name == "2024-02"
    assert len(list(a1.with_suffix("").glob("*.png"))) == 2
    assert len(list(a2.with_suffix("").glob("*.png"))) == 1
    assert verify_archive(archive).ok, verify_archive(archive).problems
    a1.unlink()
    shutil.rmtree(a1.with_suffix(""))
    report = verify_archive(archive)
    assert not [p for p in report.problems if "missing" in p]  # a2's image still resolves


def test_paths_are_short_and_never_windows_device_names(fault_crawl):
    archive, *_ = fault_crawl
    for path in archive.rglob("*"):
        rel = path.relative_to(archive).as_posix()
        assert len(rel.encode("utf-8")) <= MAX_PATH_BYTES, rel
        assert not [s for s in rel.split("/") if WINDOWS_DEVICES.match(s) or s[-1] in ". "]
    assert (archive / "con_").is_dir()


def test_a_redirected_article_is_skipped_on_the_next_run(fault_crawl):
    archive, first, _, second, refetched, _ = fault_crawl
    assert "/old/moved.html" not in " ".join(refetched)
    assert f"{BASE}/news/moved.html" not in refetched
    state = SqliteState(state_path(archive))
    try:
        assert state.get(list_url("moved")).url == f"{BASE}/news/moved.html"
    finally:
        state.close()
    again = counts(second.summary)
    assert again["new"] == 0 and again["updated"] == 0
    assert again["skipped"] == counts(first.summary)["new"]  # the moved article included
    # only the articles with pending images were read again, from their files
    assert again["unchanged"] == stats_of(second.stderr)["archive/articles_revisited"]
