"""archiver build: write or update the offline reader (``ARCHIVE_DIR/index.html``)."""

from __future__ import annotations

import argparse
import sys

from archiver.commands import add_archive_argument, not_an_archive
from archiver.reader import build_reader

HELP = "build the offline reader inside the archive (incremental)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument(
        "--force", action="store_true", help="rebuild everything instead of only what changed"
    )


def run(args: argparse.Namespace) -> int:
    """Build; exit 2 for a folder that is no archive, 1 if some article files could not be read."""
    if not_an_archive("build", args.archive):
        return 2
    try:
        report = build_reader(args.archive, force=args.force)
    except FileNotFoundError as exc:
        print(f"archiver build: {exc}", file=sys.stderr)
        return 1
    print(f"{report.summary()}\nOpen {report.index}")
    for error in report.errors:
        print(f"unreadable: {error}", file=sys.stderr)
    return 1 if report.errors else 0
