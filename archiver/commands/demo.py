"""archiver demo: archive the bundled OFweek recording offline, with the real spider."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.commands import add_settings_argument

HELP = "archive the bundled OFweek recording (tests/sites) offline, through the replay proxy"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from archiver.demo import DEFAULT_ARCHIVE

    parser.add_argument(
        "--archive",
        type=Path,
        default=DEFAULT_ARCHIVE,
        metavar="DIR",
        help=f"archive folder to write (default: {DEFAULT_ARCHIVE.name}/ in the project root)",
    )
    parser.add_argument(
        "--pages",
        type=_positive_int,
        default=None,
        metavar="N",
        help="number of list pages to crawl (passed as -a pages=N)",
    )
    add_settings_argument(parser, "LOG_LEVEL=WARNING")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from archiver.demo import run_demo

    for setting in args.settings:
        if "=" not in setting:
            print(f"archiver demo: -s expects NAME=VALUE, got {setting!r}", file=sys.stderr)
            return 2
    return run_demo(args.archive, pages=args.pages, extra_settings=args.settings)
