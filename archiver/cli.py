"""The ``archiver`` command: a thin dispatcher over ``archiver/commands/<name>.py``.

Each command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``, like Scrapy's own ``scrapy/commands``. Exit status: 0 on success,
1 when a problem was found, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

# Module names, each the command's name but for a trailing "_" (`import` is a keyword).
COMMANDS = (
    "demo", "build", "search", "serve", "verify", "enqueue", "export", "subscriptions",
    "reextract", "import_",
)  # fmt: skip


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``only`` (imports just that command's module)."""
    parser = argparse.ArgumentParser(
        prog="archiver", description="Archive tech-media articles into offline-readable files."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in [only] if only in COMMANDS else COMMANDS:
        module = importlib.import_module(f"archiver.commands.{name}")
        command = name.rstrip("_").replace("_", "-")
        cmd = sub.add_parser(command, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    named = next((a for a in given if not a.startswith("-")), None)  # the command, if any
    args = build_parser(named).parse_args(given)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # `archiver search --json | head`: the reader left, nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python flushes stdout at exit: send it nowhere
        return 0
