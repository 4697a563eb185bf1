"""Subcommands of the ``archiver`` console script, one module each (see archiver.cli)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.state import STATE_DIRNAME

DEFAULT_ARCHIVE = Path("archive")


def add_archive_argument(parser: argparse.ArgumentParser) -> None:
    """The optional ARCHIVE_DIR positional every archive command takes (default: ./archive)."""
    parser.add_argument(
        "archive",
        nargs="?",
        default=DEFAULT_ARCHIVE,
        type=Path,
        help="archive folder (default: ./archive)",
    )


def add_settings_argument(parser: argparse.ArgumentParser, example: str) -> None:
    """``-s NAME=VALUE`` (repeatable), as ``scrapy crawl`` takes it, for the commands that crawl."""
    parser.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"a Scrapy or ARCHIVE_* setting (repeatable), e.g. -s {example}",
    )


def not_an_archive(command: str, folder: Path) -> bool:
    """True (after one line on stderr) when ``folder`` is not an archive a crawl made.

    Commands that write into the folder (the reader, the search index) refuse a wrong one
    rather than leave their files in it.
    """
    if (folder / STATE_DIRNAME).is_dir():  # folder.is_archive, without importing its parsers
        return False
    why = "no such folder" if not folder.exists() else "no .archiver folder: no crawl wrote it"
    print(f"archiver {command}: {folder} is not an archive ({why})", file=sys.stderr)
    return True
