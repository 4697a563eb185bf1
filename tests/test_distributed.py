"""Distributed mode: workers sharing one Redis (a real redis-server) and one archive folder."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import PROJECT, SITES, run_crawl
from crawling import Crawl, add_route, drop_route, start_crawl, wait_for
from test_incremental import GONE_URL, SEED_IMAGE, SEED_URL, article_pages

from archiver.archive import acquire_lock
from archiver.distributed.local import LocalRedis, redis_server_path
from archiver.folder import iter_article_files
from archiver.frontmatter import split
from archiver.replay import ReplayProxy

pytestmark = pytest.mark.skipif(
    redis_server_path() is None,
    reason="redis-server is not installed "
    "(scripts/install-system-deps.sh installs it); distributed mode needs a real Redis",
)

# A killed worker's requests come back after this many seconds (60 in production).
LEASE = "2"


@pytest.fixture
def redis_url(tmp_path):
    with LocalRedis(tmp_path / "redis") as url:
        yield url


def start_worker(archive: Path, proxy: ReplayProxy, redis_url: str, **settings: str) -> Crawl:
    """One ``scrapy crawl ofweek`` worker of the distributed run, as a user would start it."""
    opts = {"REDIS_URL": redis_url, "ARCHIVE_LEASE_TIMEOUT": LEASE, **settings}
    return start_crawl(archive, proxy, settings=opts)


def finish(workers: list[Crawl], timeout: float = 60) -> list[str]:
    """Wait for the workers; their stderr, after checking they all did their job."""
    logs = [w.finish(timeout).stderr for w in workers]
    for worker, log in zip(workers, logs, strict=True):
        assert worker.proc.returncode == 0, log[-3000:]
        assert "archiver/distributed/" not in log and "scrapy_redis/" not in log, log[
            -3000:
        ]  # no traceback of ours
    return logs


def archived_urls(archive: Path) -> Counter:
    """How many article files hold each URL (every file must parse: none is half-written)."""
    return Counter(
        split(p.read_text(encoding="utf-8"))[0]["url"] for p in iter_article_files(archive)
    )


def relative_files(archive: Path) -> set[str]:
    return {p.relative_to(archive).as_posix() for p in iter_article_files(archive)}


def new_count(log: str) -> int:
    summary = [line for line in log.splitlines() if line.startswith("ofweek:")][-1]
    return int(summary.split()[1])


def test_three_workers_archive_every_article_once_and_fetch_each_page_once(
    tmp_path, site_copy, redis_url, ofweek_archive
):
    for host, path in (
        ("ee.ofweek.com", "/2024-03/ART-8420-2800-30628123.html"),
        ("robot.ofweek.com", "/2023-11/ART-8321203-8110-30616624.html"),
        ("mp.ofweek.com", "/medical/a145614128367"),
    ):
        add_route(site_copy, host, path, {"delay": 1})  # slow pages: no worker can take everything
    # The first list page is held until every worker is up: none can start alone.
    add_route(site_copy, "www.ofweek.com", "/CATList-8100-CHANGYIEXINWE.html", {"delay": 3600})
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        workers = [start_worker(archive, proxy, redis_url) for _ in range(3)]
        for worker in workers:
            worker.wait_for_line(r"\] INFO: Spider opened")
        wait_for(lambda: proxy.count("CHANGYIEXINWE.html"), "the first list page asked for")
        proxy.release()
        logs = finish(workers)
        pages = Counter(article_pages(proxy)) + Counter(u for u in proxy.urls() if u == GONE_URL)
    urls = archived_urls(archive)
    assert relative_files(archive) == relative_files(ofweek_archive)  # as one machine archives it
    assert set(urls.values()) == {1}
    assert pages and set(pages.values()) == {1}, pages  # every article page asked for exactly once
    assert sum(new_count(log) for log in logs) == len(urls)
    assert sum(1 for log in logs if new_count(log) > 0) >= 2  # the work was shared


def test_a_worker_killed_mid_article_is_finished_by_the_others(
    tmp_path, site_copy, redis_url, ofweek_archive
):
    image_path = SEED_IMAGE.split("mp.ofweek.com", 1)[1]
    add_route(site_copy, "mp.ofweek.com", image_path, {"delay": 3600})  # held: never answered
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        doomed = start_worker(archive, proxy, redis_url, DOWNLOAD_TIMEOUT="3600")
        wait_for(lambda: SEED_IMAGE in proxy.urls(), "the first worker at the held image", doomed)
        doomed.kill()  # it holds the seed article's lease and claim
        assert SEED_URL not in archived_urls(archive)  # killed mid-article
        drop_route(site_copy, "mp.ofweek.com", image_path)
        logs = finish([start_worker(archive, proxy, redis_url) for _ in range(2)])
    urls = archived_urls(archive)
    assert relative_files(archive) == relative_files(ofweek_archive)  # nothing missing
    assert set(urls.values()) == {1} and SEED_URL in urls  # nothing twice
    assert any(
        re.search(r"Re-queued \d+ request\(s\) whose worker stopped answering", log) for log in logs
    )
    assert proxy.urls().count(SEED_URL) == 2  # the killed worker's fetch, and the re-queued one


def test_workers_stop_with_a_clear_error_when_redis_goes_away(tmp_path, site_copy):
    add_route(site_copy, "mp.ofweek.com", SEED_IMAGE.split("mp.ofweek.com", 1)[1], {"delay": 30})
    archive = tmp_path / "archive"
    redis = LocalRedis(tmp_path / "redis")
    with ReplayProxy(site_copy) as proxy:
        # Requests in flight end before the worker stops: the slow image times out first.
        worker = start_worker(archive, proxy, redis.start(), DOWNLOAD_TIMEOUT="3", RETRY_TIMES="0")
        wait_for(lambda: SEED_IMAGE in proxy.urls(), "the worker at the slow image", worker)
        redis.stop()
        result = worker.finish(timeout=30)
    log = result.stderr
    assert result.returncode == 1
    assert f"Redis at {redis.url} is unreachable" in log and "stopping this worker" in log
    assert "FAILED: stopped: redis_unavailable" in log
    archived_urls(archive)  # whatever was written is whole
    assert SEED_URL not in archived_urls(archive)


def test_enqueue_seeds_a_backfill_that_workers_crawl(tmp_path, site_copy, redis_url):
    from redis import Redis

    from archiver.cli import main

    assert main(["enqueue", "--redis-url", redis_url, "--pages", "3"]) == 0
    assert main(["enqueue", "--redis-url", redis_url, "--pages", "2"]) == 0  # already queued: no-op
    server = Redis.from_url(redis_url)
    assert server.zcard("archiver:ofweek:requests") == 3
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        finish([start_worker(archive, proxy, redis_url, ARCHIVE_WORKER_PREFETCH="1")])
    lists = [u for u in proxy.urls() if "CATList-8100" in u]
    assert sorted(lists) == sorted(set(lists)) and len(lists) == 3
    assert archived_urls(archive)
    assert not server.exists(
        "archiver:ofweek:requests", "archiver:ofweek:leases", "archiver:ofweek:dupefilter"
    )


def test_list_page_urls_of_a_backfill():
    from archiver.commands.enqueue import list_page_url, page_range

    news = "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"
    assert [list_page_url(news, n) for n in page_range("3")] == [
        news,
        "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-2.html",
        "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-3.html",
    ]
    assert (
        list_page_url("https://ee.ofweek.com/CATList-2800-8100-ee-1.html", 4)
        == "https://ee.ofweek.com/CATList-2800-8100-ee-4.html"
    )
    assert list_page_url("https://x.example/list?p={n}", 7) == "https://x.example/list?p=7"
    assert list(page_range("2-4")) == [2, 3, 4]
    with pytest.raises(ValueError):
        page_range("4-2")


def test_without_redis_url_nothing_of_redis_is_imported_or_changed():
    code = (
        "import sys; from scrapy.settings import Settings; import archiver.settings as s;"
        "from archiver.distributed.addon import DistributedMode; import archiver.state;"
        "settings = Settings(); settings.setmodule(s); DistributedMode().update_settings(settings);"
        "assert settings.get('SCHEDULER') == 'scrapy.core.scheduler.Scheduler';"
        "assert 'archiver.archive.Archive' in settings.getdict('EXTENSIONS');"
        "assert not {'redis', 'scrapy_redis'} & set(sys.modules), 'redis imported'"
    )
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_lease_returns_to_the_queue_when_its_worker_stops_renewing_it(redis_url):
    from redis import Redis
    from scrapy import Request, Spider

    from archiver.distributed.keys import FrontierKeys
    from archiver.distributed.leases import LeasedQueue

    server = Redis.from_url(redis_url)
    keys = FrontierKeys("t", "s")
    queue = LeasedQueue(server, Spider("s"), keys, "w1", lease_seconds=0.3)
    other = LeasedQueue(server, Spider("s"), keys, "w2", lease_seconds=0.3)
    for url in ("https://a.example/1", "https://a.example/2"):
        queue.push(Request(url))
    server.sadd(keys.dupefilter, "fingerprint")
    first = queue.pop()
    assert (len(queue), queue.leased()) == (1, 1)
    # w1 stops renewing: once the lease expires, another worker reaps it
    assert wait_for(other.reap, "the lease reaped") == 1
    assert (len(queue), queue.leased()) == (2, 0)
    assert queue.ack([first]) == 0 and len(queue) == 1  # done after all: the copy is withdrawn
    second = other.pop()
    assert other.extend() == 0 and not other.finish()  # leased: the run is not over
    assert other.ack([second]) == 1
    assert other.finish() and not server.exists(keys.dupefilter)  # over: next run starts afresh


def test_a_single_run_and_distributed_workers_never_archive_one_folder_at_once(tmp_path, redis_url):
    archive = tmp_path / "archive"
    with ReplayProxy(SITES) as proxy:
        worker_lock = acquire_lock(archive, shared=True)  # a worker is running
        second_worker = start_worker(archive, proxy, redis_url)
        single = run_crawl(archive, proxy)
        assert finish([second_worker])  # workers share the lock
        worker_lock.close()

        single_lock = acquire_lock(archive)  # a single run is going on
        refused = start_worker(archive, proxy, redis_url).finish(timeout=60)
        single_lock.close()
    assert single.returncode == 75
    assert (
        "distributed worker pid" in single.stderr and "not starting a second run" in single.stderr
    )
    assert refused.returncode == 75
    assert "not starting a distributed worker" in refused.stderr
