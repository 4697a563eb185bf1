"""Issue 13: a pickle pushed into the distributed queue runs nothing on a worker.

Anyone who can write to the Redis server can queue an entry. Entries are JSON
(``archiver.distributed.serializer``); a pickle whose unpickling would run a command is
dropped with one line, and the worker archives the rest of the run.
"""

from __future__ import annotations

import os
import pickle

import pytest
from conftest import run_crawl
from faultsite import counts
from test_distributed import redis_url  # noqa: F401 (fixture)

from archiver.distributed.local import redis_server_path
from archiver.replay import ReplayProxy

pytestmark = pytest.mark.skipif(redis_server_path() is None, reason="redis-server is not installed")


class RunsACommand:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pushed_pickle_runs_nothing_and_the_run_goes_on(tmp_path, site_copy, redis_url):  # noqa: F811
    from redis import Redis

    from archiver.cli import main

    marker = tmp_path / "pwned"
    server = Redis.from_url(redis_url)
    server.zadd("archiver:ofweek:requests", {pickle.dumps(RunsACommand(str(marker))): -100})
    assert main(["enqueue", "--redis-url", redis_url, "--pages", "1"]) == 0
    archive = tmp_path / "archive"
    with ReplayProxy(site_copy) as proxy:
        result = run_crawl(archive, proxy, settings={"REDIS_URL": redis_url})
    assert not marker.exists()
    assert "Dropping a queued request that no longer decodes" in result.stderr
    assert result.returncode == 0, result.stderr[-3000:]
    assert counts(result.summary)["new"] > 0
