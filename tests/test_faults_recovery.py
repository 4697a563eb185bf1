"""Issue 13: a corrupt state, an edited headline, bad input and a write error, as a user
meets them: the exit status, one clear line, the files on disk, ``archiver verify``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

import forkserver
import pytest
import yaml
from conftest import PROJECT, project_crawler, run_crawl
from crawling import start_error
from faultsite import PNG, TEXT, article, counts

from archiver.archive import archive_of
from archiver.folder import iter_article_files
from archiver.items import Article
from archiver.outcomes import ArticleFailed
from archiver.paths import MAX_PATH_BYTES
from archiver.pipelines.write import WriteArticlePipeline
from archiver.replay import ReplayProxy
from archiver.state import SqliteState, state_path

HOST = "www.small-news.cn"
LAYOUT = {"title": ["div.article h1"], "time": ["span.time"], "body": ["div#body"]}


def small_site(root: Path, titles: list[str]) -> Path:
    """A list page of len(titles) articles; returns the site definition."""
    site = root / HOST / "news"
    site.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<li><a href="/news/{n}.html">{n}</a></li>' for n in range(len(titles)))
    (site / "list.html").write_text(f'<ul class="list">{links}</ul>', encoding="utf-8")
    for n, title in enumerate(titles):
        (site / f"{n}.html").write_text(article(title, "2024-03-01", ""), encoding="utf-8")
    definition = root / "small.yaml"
    data = {
        "site": "small",
        "name": "小站",
        "start_urls": [f"https://{HOST}/news/list.html"],
        "article_urls": [r"^https://www\.small-news\.cn/news/\d+\.html$"],
        "list": {"items": ["ul.list li a"]},
        "layouts": [LAYOUT],
    }
    definition.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return definition


def verify(archive: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "archiver", "verify", str(archive), *args]
    return forkserver.run(cmd, cwd=PROJECT, timeout=60)


@pytest.mark.parametrize("damage", ["junk", "cut in half"])
def test_a_corrupt_state_is_refused_then_rebuilt_by_verify_repair(tmp_path, damage):
    archive = tmp_path / "archive"
    definition = small_site(tmp_path / "sites", ["一", "二", "三"])
    args = ("-a", f"name={definition}")
    with ReplayProxy(tmp_path / "sites") as proxy:
        assert run_crawl(archive, proxy, *args, spider="site").returncode == 0
        state = state_path(archive)
        data = state.read_bytes()
        state.write_bytes(b"not a database " * 200 if damage == "junk" else data[: len(data) // 2])
        for suffix in ("-wal", "-shm"):
            state.with_name(state.name + suffix).unlink(missing_ok=True)
        proxy.reset()
        refused = run_crawl(archive, proxy, *args, spider="site", log_level="WARNING")
        assert refused.returncode == 1 and proxy.urls() == []
        [line] = refused.stderr.strip().splitlines()
        assert str(state) in line and "archiver verify --repair" in line
        assert verify(archive).returncode == 1
        repaired = verify(archive, "--repair")
        assert repaired.returncode == 0, repaired.stdout + repaired.stderr
        assert list(state.parent.glob("state.sqlite.corrupt-*"))  # kept, not deleted
        again = run_crawl(archive, proxy, *args, spider="site")
    assert again.returncode == 0
    assert counts(again.summary)["skipped"] == 3 and counts(again.summary)["new"] == 0


def test_an_edited_headline_under_update_days_keeps_one_current_file(tmp_path):
    archive = tmp_path / "archive"
    sites = tmp_path / "sites"
    definition = small_site(sites, ["原来的标题", "另一篇"])
    args = ("-a", f"name={definition}")
    with ReplayProxy(sites) as proxy:
        assert run_crawl(archive, proxy, *args, spider="site").returncode == 0
        [before] = [p for p in iter_article_files(archive) if "原来的标题" in p.name]
        small_site(sites, ["改过的标题", "另一篇"])
        edited = run_crawl(archive, proxy, *args, "-a", "update_days=100000", spider="site")
    assert edited.returncode == 0 and counts(edited.summary)["updated"] == 1
    files = list(iter_article_files(archive))
    assert len(files) == 2 and before in files  # same file, no second current one
    assert "改过的标题" in before.read_text(encoding="utf-8")
    assert "原来的标题" in before.with_name(before.stem + ".v1.md").read_text(encoding="utf-8")
    assert verify(archive, "--repair").returncode == 0
    state = SqliteState(state_path(archive))
    try:
        rel = before.relative_to(archive).as_posix()
        assert state.get(f"https://{HOST}/news/0.html").path == rel
    finally:
        state.close()


HEAD = "site: x\nname: x\nlayouts: [{title: h1, body: div}]\n"
BAD_YAML = {
    "syntax": "site: [unclosed\n",
    "not a mapping": "- a\n- b\n",
    "unknown key": HEAD + "colour: red\n",
    "look-around": HEAD + "article_urls: ['(?=a)b']\n",
    "bad selector": "site: x\nname: x\nlayouts: [{title: 'h1[', body: div}]\n",
    "python tag": "site: !!python/object:os.system x\n",
    "not utf-8": "site: \udcff\n",
}


def _bad_definition(folder: Path, case: str) -> Path:
    definition = folder / "bad.yaml"
    definition.write_bytes(BAD_YAML[case].encode("utf-8", "surrogateescape"))
    return definition


@pytest.mark.parametrize("case", BAD_YAML)
def test_a_bad_site_yaml_is_named_before_any_request(tmp_path, case):
    definition = _bad_definition(tmp_path, case)
    line = start_error(tmp_path / "a", "-a", f"name={definition}", spider="site")
    assert line.startswith("scrapy crawl: ") and str(definition) in line


def test_a_bad_site_yaml_ends_the_command_in_one_line_exit_2(tmp_path, proxy):
    definition = _bad_definition(tmp_path, "syntax")
    result = run_crawl(
        tmp_path / "a", proxy, "-a", f"name={definition}", spider="site", log_level="WARNING"
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("scrapy crawl: ") and str(definition) in line
    assert proxy.urls() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-a", "name=/no/such/site.yaml"), "no such site definition"),  # more: test_spider_args
        (("-a", "name=ofweek", "-a", "start=ftp://x/"), "is not an http(s) URL"),
        (("-a", "name=ofweek", "-s", "DOWNLOAD_DELAY=soon"), "DOWNLOAD_DELAY must be a number"),
    ],
)
def test_bad_arguments_of_a_site_are_named_before_any_request(tmp_path, args, message):
    assert message in start_error(tmp_path / "a", *args, spider="site")


@pytest.mark.parametrize(
    "args",
    [
        ("-a", "name=ofweek", "-a", "start=ftp://x/"),
        ("-a", "name=ofweek", "-s", "FILES_STORE=s3://bucket/x"),  # Scrapy's own, while it starts
    ],
)
def test_bad_arguments_end_in_one_line_exit_2(tmp_path, proxy, args):
    result = run_crawl(tmp_path / "a", proxy, *args, spider="site", log_level="WARNING")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("scrapy crawl: ") and "Traceback" not in result.stderr
    assert "Task exception" not in result.stderr and proxy.urls() == []


def test_a_name_too_long_fails_the_article_with_a_reason(tmp_path):
    crawler = project_crawler({"ARCHIVE_DIR": str(tmp_path / "archive")})
    crawler.stats.open_spider()
    archive = archive_of(crawler)
    try:
        pipeline = WriteArticlePipeline(archive)
        item = Article(url="https://x.cn/1", site="x", title="t", published=None, body="<p>x</p>")
        item.path = "x/undated/" + "长" * 100 + ".md"  # 300 bytes: more than a name may hold
        with pytest.raises(ArticleFailed) as failed:
            asyncio.run(pipeline.process_item(item))
    finally:
        archive.engine_stopped()
    assert failed.value.reason == "name_too_long"
    assert not list((tmp_path / "archive").rglob("*.md"))  # nothing half-written either


def test_a_185_character_host_and_a_long_title_are_archived(tmp_path):
    host = ".".join(c * 60 for c in "abc") + ".cn"  # 185 characters, labels of 60
    page = tmp_path / "sites" / host / "news" / "1.html"
    page.parent.mkdir(parents=True)
    title = "一个很长很长的标题" * 25
    body = f'<p>{TEXT}<img src="/i.png" alt="图"></p><p>{TEXT}</p>'
    page.write_text(article(title, "2024-03-01", body), encoding="utf-8")
    (tmp_path / "sites" / host / "i.png").write_bytes(PNG)
    archive = tmp_path / "archive"
    with ReplayProxy(tmp_path / "sites") as proxy:
        result = run_crawl(
            archive, proxy, "-a", f"url=https://{host}/news/1.html", spider="article"
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert counts(result.summary)["new"] == 1 and counts(result.summary)["images"] == 1
    for path in archive.rglob("*"):
        assert len(path.relative_to(archive).as_posix().encode("utf-8")) <= MAX_PATH_BYTES


def test_without_a_proxy_a_name_that_resolves_to_loopback_is_refused(tmp_path):
    """The start URL's own host (127.0.0.1) is trusted; ``localhost`` is another host that
    resolves to loopback, so an image there is refused, with no request made."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    served: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, fmt, *args) -> None:
            served.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(tmp_path)))
    port = server.server_address[1]
    body = f'<p>{TEXT}<img src="http://localhost:{port}/i.png"></p><p>{TEXT}</p>'
    (tmp_path / "a.html").write_text(article("本机", "2024-03-01", body), encoding="utf-8")
    (tmp_path / "i.png").write_bytes(PNG)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    try:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "article", "-a"]
        cmd += [f"url=http://127.0.0.1:{port}/a.html", "-s", f"ARCHIVE_DIR={tmp_path / 'arch'}"]
        cmd += ["-s", "ARCHIVE_READER_AUTOBUILD=0", "-s", "ROBOTSTXT_OBEY=0"]
        done = subprocess.run(cmd, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "localhost is a loopback address" in done.stderr
    [summary] = [line for line in done.stderr.splitlines() if line.startswith("article:")]
    assert [p for p in served if "i.png" in p] == [] and counts(summary)["new"] == 1
