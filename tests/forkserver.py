"""Crawl processes forked from a pre-imported server, instead of a fresh ``python -m scrapy``.

Each end-to-end test runs ``scrapy crawl`` as its own process; a fresh interpreter spends
about a second of CPU importing Scrapy, Twisted, lxml, trafilatura and the project before it
crawls a tiny recorded site. One server per test process (per xdist worker) imports them once
(without installing a reactor: each crawl installs its own) and forks a crawl per request.
The child takes the test's cwd, environment, argv and pipes, then runs ``scrapy`` as
``python -m scrapy`` would (``runpy``) and exits through the interpreter's normal shutdown:
a real process with its own pid, exit status and signals. The server reaps it and reports
its wait status; ``ForkedProcess`` turns that into ``Popen.returncode`` (minus the signal
number for a killed crawl) and signals it through a pidfd, so a reused pid is never hit.

Started as ``python tests/forkserver.py FD``: FD is its end of a ``SOCK_SEQPACKET`` pair.
Requests are JSON with the child's stdout and stderr write ends attached (SCM_RIGHTS).
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import runpy
import selectors
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
# Imported by every crawl, preloaded with what the project's settings name (``preload``).
PRELOAD = (
    "scrapy.cmdline",
    "scrapy.crawler",
    "scrapy.shell",
    "scrapy.contracts",
    "twisted.internet.asyncioreactor",  # the module only: importing it installs nothing
    "twisted.conch.telnet",
    "lxml.html",
    "trafilatura",
    "tldextract",
    "archiver.render",
    "scrapy.downloadermiddlewares.useragent",  # archiver.middlewares' base, imported late
    "encodings.gb18030",  # the OFweek pages' charset
)
# The settings naming one class each that a crawl loads.
CLASSES = (
    "SCHEDULER",
    "SCHEDULER_PRIORITY_QUEUE",
    "SCHEDULER_DISK_QUEUE",
    "SCHEDULER_MEMORY_QUEUE",
    "DUPEFILTER_CLASS",
    "STATS_CLASS",
    "ROBOTSTXT_PARSER",
)
# The settings naming the components a crawl builds (each maps a path to its order).
COMPONENTS = (
    "ADDONS",
    "DOWNLOADER_MIDDLEWARES",
    "SPIDER_MIDDLEWARES",
    "EXTENSIONS",
    "ITEM_PIPELINES",
)
# Modules that read the environment when imported: the child imports them again in its own.
ENV_MODULES = ("archiver.settings",)
# A server slower than this to import, or to answer a request, has failed.
START_TIMEOUT = 120
_MESSAGE = 1 << 20


class ForkServerError(RuntimeError):
    """The fork server could not start a crawl, or died while its crawls ran."""


def available() -> bool:
    """Whether crawls may be forked here: Linux pidfds, and not switched off by
    ``ARCHIVER_TEST_FORKSERVER=0`` (every crawl then runs as a plain subprocess)."""
    return hasattr(os, "pidfd_open") and os.environ.get("ARCHIVER_TEST_FORKSERVER") != "0"


class ForkedProcess:
    """A crawl forked by the server: the part of ``subprocess.Popen`` the tests use."""

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
            raise ForkServerError(f"crawl {self.pid}: {self._lost}")
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
    """The test process's end: starts the server, forks crawls, reads their exit statuses."""

    def __init__(self) -> None:
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [sys.executable, __file__, str(theirs.fileno())],
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
        """Fork ``args`` (``python -m scrapy ...``) with this cwd, environment and two pipes."""
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


# --- the server ----------------------------------------------------------------------------


def serve(control: socket.socket) -> tuple[dict, list[int]]:
    """Fork a child per request and report its exit; returns only in a child, with its job."""
    preload()
    assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"
    control.send(json.dumps({"id": 0}).encode())
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    while True:
        for key, _ in selector.select():
            if key.fileobj is not control:
                pid = key.data
                _, status = os.waitpid(pid, 0)
                selector.unregister(key.fileobj)
                os.close(key.fd)
                control.send(json.dumps({"pid": pid, "status": status}).encode())
                continue
            data, fds, _, _ = socket.recv_fds(control, _MESSAGE, 2)
            if not data:  # the test process closed its end, or exited
                sys.exit(0)
            job = json.loads(data)
            try:
                pid = _fork(job)
            except Exception as exc:  # the test fails, saying why
                control.send(json.dumps({"id": job["id"], "error": repr(exc)}).encode())
                pid = None
            if pid == 0:  # the other children's pidfds are closed with every other fd
                selector.close()
                control.close()
                return job, fds
            for fd in fds:
                os.close(fd)
            if pid is None:
                continue
            pidfd = os.pidfd_open(pid)
            selector.register(pidfd, selectors.EVENT_READ, pid)
            started = {"id": job["id"], "pid": pid, "argv": job["argv"]}
            socket.send_fds(control, [json.dumps(started).encode()], [pidfd])


def preload() -> None:
    """Import what a crawl of this project imports before it requests anything."""
    for name in PRELOAD:
        importlib.import_module(name)
    from scrapy.utils.misc import load_object, walk_modules
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for module in (*settings.getlist("SPIDER_MODULES"), "scrapy.commands", "archiver.extract"):
        walk_modules(module)
    walk_modules(settings["COMMANDS_MODULE"])
    for name in CLASSES:
        load_object(settings[name])
    for handler in settings.getwithbase("DOWNLOAD_HANDLERS").values():
        if handler is not None:
            load_object(handler)
    for setting in COMPONENTS:
        for path, order in settings.getwithbase(setting).items():
            if order is not None:
                load_object(path)


def _fork(job: dict) -> int:
    argv = job["argv"]
    if argv[:3] != [sys.executable, "-m", "scrapy"]:
        raise ValueError(f"not a python -m scrapy command: {argv}")
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:
        raise RuntimeError(f"the server has {threads} threads: it cannot fork safely")
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def run_child(job: dict, fds: list[int]) -> None:
    """Become the crawl: its pipes, cwd, environment and argv, then ``python -m scrapy``."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fds[0], 1)
    os.dup2(fds[1], 2)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    time.tzset()
    for name in ENV_MODULES:
        if name in sys.modules:
            importlib.reload(sys.modules[name])
    sys.path[0] = os.getcwd()  # as ``python -m`` puts it
    sys.argv = [job["argv"][0], *job["argv"][3:]]
    runpy.run_module("scrapy", run_name="__main__", alter_sys=True)


def main() -> None:
    sys.path[0] = str(PROJECT)  # not tests/: the server imports what the project root holds
    control = socket.socket(fileno=int(sys.argv[1]))
    job, fds = serve(control)
    run_child(job, fds)


if __name__ == "__main__":
    main()
