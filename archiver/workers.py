"""Worker processes for a crawl's CPU-heavy steps: parsing article pages, rendering articles.

One pool per crawl of ``ARCHIVE_WORKER_PROCESSES`` processes, owned by the crawl's
``Archive``; with 0 (the default) there is none and every step runs on the reactor thread. A
job is a module-level function and picklable arguments. The reactor writes it to the least
busy worker's stdin and reads the answer from its stdout, both in the event loop: no helper
threads. (Scrapy's reactor thread holds the GIL nearly all the time; ProcessPoolExecutor's
two helper threads, and writing files in threads, cost more in GIL hand-offs and futex calls
than they saved: writes stay on the reactor thread.)

Run as ``python -m archiver.workers [module ...]`` (the modules are imported up front), a
worker answers jobs in order until its stdin closes, also when the crawl is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import importlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")
_HEADER = struct.Struct("!Q")  # length of the pickle that follows
PRELOAD = ("archiver.extract.page", "archiver.render")
# A worker's queue of jobs (pages of ~30 KB) fits in its pipe: the reactor's writes complete
# at once instead of in pieces, each piece one more wakeup of the event loop (Linux only).
PIPE_BYTES = 1 << 20


class WorkerError(RuntimeError):
    """A job failed in a worker process (the message holds its traceback), or the worker died."""


class _Worker(asyncio.Protocol):
    """One worker process; the futures of its jobs, answered in the order they were sent."""

    def __init__(self, preload: tuple[str, ...]) -> None:
        self.preload = preload
        self.proc: subprocess.Popen | None = None  # started with the first job
        self.pending: deque[asyncio.Future] = deque()
        self.load = 0  # jobs given and not answered yet, those waiting for the start included
        self.buffer = bytearray()
        self.alive = True
        self.writer: asyncio.WriteTransport | None = None
        self.connected: asyncio.Future | None = None

    async def call(self, fn: Callable[..., T], args: tuple) -> T:
        self.load += 1
        try:
            if self.connected is None:
                self.connected = asyncio.ensure_future(self._connect())
            await self.connected
            job = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
            future = asyncio.get_running_loop().create_future()
            self.pending.append(future)
            assert self.writer is not None  # set by _connect
            self.writer.writelines([_HEADER.pack(len(job)), job])
            return await future
        finally:
            self.load -= 1

    async def _connect(self) -> None:
        command = [sys.executable, "-m", __name__, *self.preload]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        widen_pipes(self.proc.stdin.fileno(), self.proc.stdout.fileno())
        loop = asyncio.get_running_loop()
        await loop.connect_read_pipe(lambda: self, self.proc.stdout)
        self.writer, _ = await loop.connect_write_pipe(asyncio.Protocol, self.proc.stdin)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self.buffer)
            if len(self.buffer) < _HEADER.size + size:
                return
            ok, value = pickle.loads(self.buffer[_HEADER.size : _HEADER.size + size])
            del self.buffer[: _HEADER.size + size]
            future = self.pending.popleft()
            if not future.done():  # not cancelled meanwhile
                future.set_result(value) if ok else future.set_exception(WorkerError(value))

    def connection_lost(self, exc: Exception | None) -> None:
        self.alive = False
        while self.pending:
            future = self.pending.popleft()
            if not future.done():
                pid = self.proc.pid if self.proc else "?"
                future.set_exception(WorkerError(f"worker process {pid} exited"))

    async def stop(self, timeout: float = 10.0) -> None:
        """Close its stdin (it finishes its jobs and exits) and reap it."""
        if self.connected is not None:
            await asyncio.gather(self.connected, return_exceptions=True)
        if self.proc is None:
            return
        if self.writer is not None:
            self.writer.close()
        deadline = asyncio.get_running_loop().time() + timeout
        while self.proc.poll() is None:
            if asyncio.get_running_loop().time() > deadline:
                self.proc.kill()
            await asyncio.sleep(0.01)


def widen_pipes(*fds: int) -> None:
    """Give these pipes ``PIPE_BYTES`` of buffer, where the system allows it."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setsize is None:
        return
    for fd in fds:
        with contextlib.suppress(OSError):  # above /proc/sys/fs/pipe-max-size: keep the default
            fcntl.fcntl(fd, setsize, PIPE_BYTES)


class WorkerPool:
    """``ARCHIVE_WORKER_PROCESSES`` workers; each job goes to the one with the fewest waiting."""

    def __init__(self, processes: int, preload: tuple[str, ...] = PRELOAD) -> None:
        self.workers = [_Worker(preload) for _ in range(processes)]

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        alive = [w for w in self.workers if w.alive]
        if not alive:  # every worker died (killed by hand, out of memory): carry on here
            return fn(*args)
        return await min(alive, key=lambda w: w.load).call(fn, args)

    async def stop(self) -> None:
        await asyncio.gather(*(worker.stop() for worker in self.workers))


def serve(jobs: BinaryIO, answers: BinaryIO) -> None:
    """A worker's loop: read a job, run it, write ``(True, result)`` or ``(False, traceback)``."""
    while len(header := jobs.read(_HEADER.size)) == _HEADER.size:
        job = jobs.read(_HEADER.unpack(header)[0])
        try:
            fn, args = pickle.loads(job)
            answer = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # every failure goes back to the crawl, which logs it
            answer = pickle.dumps((False, traceback.format_exc()), protocol=pickle.HIGHEST_PROTOCOL)
        answers.write(_HEADER.pack(len(answer)) + answer)
        answers.flush()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle; it closes stdin
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a job prints goes to stderr, not into the answers
    for module in sys.argv[1:]:
        importlib.import_module(module)
    serve(sys.stdin.buffer, answers)
