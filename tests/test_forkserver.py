"""The suite's forked commands (``tests/forkserver.py``) end as the real commands do.

Every other end-to-end test trusts this: a crawl or ``archiver`` run forked from the
pre-imported server prints the same output and exits with the same status as a fresh
``python -m scrapy|archiver`` process (a killed crawl's ``-SIGKILL`` is checked by every
``Crawl.kill``).
"""

from __future__ import annotations

import os
import subprocess
import sys

import forkserver
import pytest
from conftest import PROJECT


@pytest.mark.parametrize(
    "args",
    [
        ("scrapy", "crawl", "ofweek", "-a", "pages=x"),
        ("scrapy", "crawl", "no-such-spider"),
        ("archiver", "no-such-command"),
        ("archiver", "verify", "--help"),
    ],
)
def test_a_forked_command_prints_and_exits_as_a_fresh_process(tmp_path, args):
    cmd = [
        sys.executable,
        "-m",
        *args,
        *(["-s", f"ARCHIVE_DIR={tmp_path}"] * (args[0] == "scrapy")),
    ]
    fresh = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    forked = forkserver.run(cmd, cwd=PROJECT, timeout=60)
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )


def test_the_server_refuses_what_it_cannot_run_as_python_m():
    with pytest.raises(forkserver.ForkServerError, match="not a python -m"):
        forkserver.popen(["/bin/sh", "-c", "true"], PROJECT, dict(os.environ))
