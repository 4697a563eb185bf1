"""Subcommands of the ``archiver`` console script, one module each (see archiver.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

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
