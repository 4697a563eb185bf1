"""Where a build's jobs run: in worker processes when there are many, else in this one.

The workers are the crawl's (``python -m archiver.workers``, jobs and answers as pickles over
pipes), driven here without an event loop: a thread per worker reads its answers. Unlike
``multiprocessing``'s spawn, nothing re-imports the caller's main module, so a build works
from any script, ``python -m archiver`` included, and from the crawl's reactor thread.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import IO, Any

from archiver.workers import _HEADER, WorkerError  # the workers' framing: one protocol


class Inline(Executor):
    """Runs each job at once in this process (few files: starting workers would cost more)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class _Worker:
    def __init__(self, preload: tuple[str, ...]) -> None:
        command = [sys.executable, "-m", "archiver.workers", *preload]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pending: deque[Future] = deque()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._answers, daemon=True)
        self.reader.start()

    def submit(self, fn: Callable, args: tuple) -> Future:
        job = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        future: Future = Future()
        with self.lock:
            self.pending.append(future)
        stdin: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        try:
            stdin.write(_HEADER.pack(len(job)) + job)
            stdin.flush()
        except OSError as exc:
            raise WorkerError(f"worker process {self.proc.pid} is gone: {exc}") from exc
        return future

    def _answers(self) -> None:
        stdout: IO[bytes] = self.proc.stdout  # type: ignore[assignment]
        while len(header := stdout.read(_HEADER.size)) == _HEADER.size:
            ok, value = pickle.loads(stdout.read(_HEADER.unpack(header)[0]))
            with self.lock:
                future = self.pending.popleft()
            future.set_result(value) if ok else future.set_exception(WorkerError(value))
        with self.lock:
            while self.pending:
                self.pending.popleft().set_exception(
                    WorkerError(f"worker process {self.proc.pid} exited")
                )

    def stop(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join()


class Workers(Executor):
    """``processes`` worker processes; each job goes to the one with the fewest waiting."""

    def __init__(self, processes: int, preload: tuple[str, ...]) -> None:
        self.workers = [_Worker(preload) for _ in range(processes)]

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        assert not kwargs, "jobs take positional arguments"
        return min(self.workers, key=lambda w: len(w.pending)).submit(fn, args)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        for worker in self.workers:
            worker.stop()


def in_order(pool: Executor, fn: Callable, jobs: Iterable[tuple], ahead: int) -> Iterator:
    """Results of ``fn(*job)`` in job order, with at most ``ahead`` jobs in flight."""
    pending: deque[Future] = deque()
    for job in jobs:
        pending.append(pool.submit(fn, *job))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
