"""``archiver import``: WARC files made by other tools become articles, as if crawled.

Debian's ``wget --warc-file`` fetches, through the recorded-site proxy, the URLs the shared
OFweek crawl fetched; importing its WARC into an empty archive must give that crawl's files.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import forkserver
import pytest
from conftest import PROJECT

from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy
from archiver.warc.records import scan


def archiver(*args: str) -> subprocess.CompletedProcess:
    return forkserver.run([sys.executable, "-m", "archiver", *args], cwd=PROJECT, timeout=300)


def files_of(archive: Path) -> dict[str, bytes]:
    """Article files and images (not the reader, not .archiver), by archive-relative path."""
    return {
        p.relative_to(archive).as_posix(): p.read_bytes()
        for p in archive.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(archive).parts)
        and p.suffix != ".html"
        and p.name != "index.html"
    }


def without_archived(text: bytes) -> str:
    meta, body = split(text.decode("utf-8"))
    meta.pop("archived", None)
    return repr((meta, body))


@pytest.fixture(scope="module")
def wget_warc(ofweek_crawl, tmp_path_factory) -> Path:
    """The URLs the crawl got an answer for, fetched again by wget into one WARC file."""
    if shutil.which("wget") is None:
        pytest.skip("wget is not installed (scripts/install-system-deps.sh installs it)")
    _, _, crawl_proxy = ofweek_crawl
    urls = list(
        dict.fromkeys(r.url for r in crawl_proxy.requests if r.status and "robots.txt" not in r.url)
    )
    out = tmp_path_factory.mktemp("wget") / "crawl"
    with ReplayProxy(crawl_proxy.sites_dir) as proxy:  # the crawl's copy, its faults included
        subprocess.run(
            ["wget", "-q", f"--warc-file={out}", "--no-check-certificate", "--tries=1"]
            + ["--timeout=3", "-e", "robots=off", "-O", "/dev/null", *urls],
            env=proxy.env(),
            timeout=120,
        )  # exit 8 for the 404s among them; the WARC holds every exchange
    warc = out.with_name("crawl.warc.gz")
    assert warc.is_file()
    return warc


def test_wget_warc_imports_as_the_crawl_archived_it(ofweek_archive, wget_warc, tmp_path):
    archive = tmp_path / "imported"
    done = archiver("import", str(wget_warc), "--archive", str(archive))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "skipped: " in done.stdout and " request records" in done.stdout  # counted, no error
    assert "that are no article" in done.stdout  # the list pages
    imported, crawled = files_of(archive), files_of(ofweek_archive)
    assert sorted(imported) == sorted(crawled)  # the same article files and the same images
    for path, data in crawled.items():
        if path.endswith(".md"):
            assert without_archived(imported[path]) == without_archived(data), path
        else:
            assert imported[path] == data, path
    again = archiver("import", str(wget_warc), "--archive", str(archive))
    assert again.returncode == 0 and "0 new" in again.stderr  # archived ones are skipped


def test_a_cut_warc_imports_what_precedes_the_cut_and_says_where(wget_warc, tmp_path):
    plain = tmp_path / "plain.warc"  # one uncompressed stream: it can be cut anywhere
    plain.write_bytes(gzip.decompress(wget_warc.read_bytes()))
    whole = list(scan(plain))
    at = next(
        n
        for n, r in enumerate(whole)
        if r.type == "response" and r.status == 200 and "/ART-" in r.url
    )
    article, cut_at = whole[at], whole[at + 1].offset  # cut inside the record after it
    damaged = tmp_path / "cut.warc"
    damaged.write_bytes(plain.read_bytes()[: cut_at + 200])
    archive = tmp_path / "archive"
    done = archiver("import", str(damaged), "--archive", str(archive))
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("archiver import:")]
    assert len(errors) == 1 and str(damaged) in errors[0] and f"byte {cut_at}" in errors[0]
    urls = {split(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(archive)}
    assert article.url in urls


def test_a_wacz_imports_like_its_warc(ofweek_archive, tmp_path):
    wacz = tmp_path / "crawl.wacz"
    assert archiver("export", "wacz", str(wacz), "--archive", str(ofweek_archive)).returncode == 0
    archive = tmp_path / "from-wacz"
    done = archiver("import", str(wacz), "--archive", str(archive), "--only-articles")
    assert done.returncode == 0, done.stderr[-3000:]
    imported = {p for p in files_of(archive) if p.endswith(".md")}
    assert imported == {p for p in files_of(ofweek_archive) if p.endswith(".md")}
