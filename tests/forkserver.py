"""Commands forked from a pre-imported server, instead of a fresh ``python -m scrapy|archiver``.

Each end-to-end test runs ``scrapy crawl`` (or the ``archiver`` CLI) as its own process; a
fresh interpreter spends about a second of CPU importing Scrapy, Twisted, lxml, trafilatura
and the project before it crawls a tiny recorded site. One server per test process (per
xdist worker; ``tests/zygote.py``) imports them once and forks a child per command: a real
process with its own pid, cwd, environment, argv, pipes, exit status and signals.
``ForkedProcess`` gives the child's status as ``Popen.returncode`` does (minus the signal
number when it was killed) and signals it through a pidfd, so a reused pid is never hit.
``ARCHIVER_TEST_FORKSERVER=0`` runs every command as a plain subprocess instead.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

PROJECT = Path(__file__).resolve().parents[1]
ZYGOTE = Path(__file__).resolve().parent / "zygote.py"
# A server slower than this to import, or to answer a request, has failed.
START_TIMEOUT = 120
_MESSAGE = 1 << 20


class ForkServerError(RuntimeError):
    """The fork server could not start a command, or died while its commands ran."""


def available() -> bool:
    """Whether commands may be forked here: Linux pidfds, and not switched off by
    ``ARCHIVER_TEST_FORKSERVER=0`` (every command then runs as a plain subprocess)."""
    return hasattr(os, "pidfd_open") and os.environ.get("ARCHIVER_TEST_FORKSERVER") != "0"


class ForkedProcess:
    """A command forked by the server: the part of ``subprocess.Popen`` the tests use."""

    def __init__(self, args: list[str], pid: int, pidfd: int) -> None:
        self.args = args
        self.pid = pid
        self.stdout: IO[str] | None = None  # set by ForkServer.popen
        self.stderr: IO[str] | None = None
        self.returncode: int | None = None
        self._pidfd = pidfd
        self._signalling = threading.Lock()  # the pidfd is closed once, never while in use
        self._ended = threading.Event()
        self._lost: str | None = None  # why the exit status will never come

    def _exited(self, status: int) -> None:
        with self._signalling:
            self.returncode = os.waitstatus_to_exitcode(status)
            os.close(self._pidfd)
        self._ended.set()

    def _orphaned(self, why: str) -> None:
        self._lost = why
        self._ended.set()

    def poll(self) -> int | None:
        if self._lost is not None:
            raise ForkServerError(f"process {self.pid}: {self._lost}")
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        returncode = self.poll()
        assert returncode is not None
        return returncode

    def send_signal(self, sig: int) -> None:
        """Signal the crawl unless it has ended (as ``Popen.send_signal``)."""
        with self._signalling:
            if self.returncode is None and self._lost is None:
                try:
                    signal.pidfd_send_signal(self._pidfd, sig)
                except ProcessLookupError:  # ended, its status not reported yet
                    pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkServer:
    """The test process's end: starts the server, forks commands, reads their exit statuses."""

    def __init__(self) -> None:
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [sys.executable, str(ZYGOTE), str(theirs.fileno())],
            cwd=PROJECT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            pass_fds=(theirs.fileno(),),
        )
        theirs.close()
        self._lock = threading.Lock()  # one request at a time
        self._replies: dict[int, dict] = {}
        self._replied = threading.Condition()
        self._running: dict[int, ForkedProcess] = {}
        self._gone: str | None = None
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self._reply(0)  # ready: the server has imported PRELOAD

    def popen(self, args: list[str], cwd: Path, env: dict[str, str]) -> ForkedProcess:
        """Fork ``args`` (``python -m scrapy|archiver ...``) with this cwd, environment and
        two pipes (stdin is /dev/null)."""
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            with self._lock:
                self._next_id += 1
                request = {"id": self._next_id, "argv": args, "cwd": str(cwd), "env": env}
                socket.send_fds(self._sock, [json.dumps(request).encode()], [out_w, err_w])
                reply = self._reply(self._next_id)
        finally:
            os.close(out_w)
            os.close(err_w)
        if "error" in reply:
            os.close(out_r)
            os.close(err_r)
            raise ForkServerError(f"the fork server could not start {args}: {reply['error']}")
        process = reply["process"]
        process.stdout = open(out_r, encoding=None)  # closed by whoever reads it
        process.stderr = open(err_r, encoding=None)
        return process

    def close(self) -> None:
        self._sock.shutdown(socket.SHUT_RDWR)
        self._proc.wait(START_TIMEOUT)

    def _reply(self, request_id: int) -> dict:
        deadline = time.monotonic() + START_TIMEOUT
        with self._replied:
            while request_id not in self._replies:
                if self._gone is not None or time.monotonic() > deadline:
                    raise ForkServerError(self._gone or "the fork server does not answer")
                self._replied.wait(0.5)
            return self._replies.pop(request_id)

    def _read(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self._sock, _MESSAGE, 1)
            except OSError:
                data, fds = b"", []
            if not data:
                return self._lose()
            message = json.loads(data)
            if "status" in message:
                self._running.pop(message["pid"])._exited(message["status"])
                continue
            if "pid" in message:
                process = ForkedProcess(message["argv"], message["pid"], fds[0])
                self._running[process.pid] = process
                message["process"] = process
            with self._replied:
                self._replies[message["id"]] = message
                self._replied.notify_all()

    def _lose(self) -> None:
        """The server is gone: every waiting test fails, saying why."""
        self._proc.wait()
        self._log.seek(0)
        log = self._log.read().decode(errors="replace")[-3000:]
        why = f"the fork server exited ({self._proc.returncode}):\n{log}"
        with self._replied:
            self._gone = why
            self._replied.notify_all()
        for process in self._running.values():
            process._orphaned(why)


_server: ForkServer | None = None
_server_lock = threading.Lock()


def popen(args: list[str], cwd: Path, env: dict[str, str]) -> ForkedProcess:
    """``args`` forked from this test process's server (started on first use)."""
    global _server
    with _server_lock:
        if _server is None or _server._gone is not None:
            _server = ForkServer()
            atexit.register(_server.close)
        server = _server
    return server.popen(args, cwd, env)


def run(
    args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess:
    """``subprocess.run(args, cwd=, env=, capture_output=True, text=True, timeout=)``, forked."""
    if not available():
        return subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
    process = popen(args, cwd, dict(os.environ) if env is None else env)
    deadline = None if timeout is None else time.monotonic() + timeout
    streams = (process.stdout, process.stderr)
    read: list[list[str]] = [[], []]
    readers = [
        threading.Thread(target=_read_all, args=(stream, into), daemon=True)
        for stream, into in zip(streams, read, strict=True)
    ]
    for reader in readers:
        reader.start()
    try:
        returncode = process.wait(timeout)
        for reader in readers:
            reader.join(None if deadline is None else max(0, deadline - time.monotonic()))
            if reader.is_alive():  # the command's own children hold its pipes open
                raise subprocess.TimeoutExpired(args, timeout or 0)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return subprocess.CompletedProcess(args, returncode, "".join(read[0]), "".join(read[1]))


def _read_all(stream: IO[str] | None, into: list[str]) -> None:
    assert stream is not None
    with stream:
        into.append(stream.read())
