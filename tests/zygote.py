"""The fork server behind ``tests/forkserver.py``: imports once, forks a command per request.

Run as ``python tests/zygote.py FD`` (FD: its end of a ``SOCK_SEQPACKET`` pair) from the
project root, by ``forkserver.ForkServer`` only. It imports what a crawl and the ``archiver``
CLI import (no reactor is installed: each crawl installs its own), says it is ready, then per
request forks a child, sends back the child's pid and a pidfd, and the child's wait status
once it ends. The child becomes the command: the request's stdout and stderr pipes, cwd,
environment and argv, then ``runpy`` as ``python -m MODULE`` would, leaving through the
interpreter's normal shutdown (atexit, exit status, traceback of an uncaught error).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import runpy
import selectors
import socket
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# The ``python -m`` modules a child may run.
RUNNABLE = ("scrapy", "archiver")
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
    "archiver.cli",
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
# Modules that read the environment when imported: the child runs them again in its own.
ENV_MODULES = ("archiver.settings",)
_MESSAGE = 1 << 20


def preload() -> None:
    """Import what a crawl of this project imports before it requests anything."""
    for name in PRELOAD:
        importlib.import_module(name)
    from scrapy.utils.misc import load_object
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    walked = ("scrapy.commands", "archiver.extract", settings["COMMANDS_MODULE"])
    for package in (*settings.getlist("SPIDER_MODULES"), *walked):
        _import_package(package)
    for name in CLASSES:
        load_object(settings[name])
    for handler in settings.getwithbase("DOWNLOAD_HANDLERS").values():
        if handler is not None:
            load_object(handler)
    for setting in COMPONENTS:
        for path, order in settings.getwithbase(setting).items():
            if order is not None:
                load_object(path)


def _import_package(name: str) -> None:
    """Import a package and every module in it, as Scrapy walks spider and command modules."""
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, f"{name}."):
        importlib.import_module(module.name)


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


def _fork(job: dict) -> int:
    argv = job["argv"]
    if argv[:2] != [sys.executable, "-m"] or len(argv) < 3 or argv[2] not in RUNNABLE:
        raise ValueError(f"not a python -m {'|'.join(RUNNABLE)} command: {argv}")
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:
        raise RuntimeError(f"the server has {threads} threads: it cannot fork safely")
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def run_child(job: dict, fds: list[int]) -> None:
    """Become the command: its pipes, cwd, environment and argv, then ``python -m MODULE``."""
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
    argv = job["argv"]
    sys.argv = [argv[0], *argv[3:]]  # argv[0] becomes the module's path, as with -m
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)


def main() -> None:
    sys.path[0] = str(PROJECT)  # not tests/: the server imports what the project root holds
    control = socket.socket(fileno=int(sys.argv[1]))
    job, fds = serve(control)
    run_child(job, fds)


if __name__ == "__main__":
    main()
