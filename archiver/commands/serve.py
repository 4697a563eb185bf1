"""archiver serve (placeholder until implemented)."""

from __future__ import annotations

import argparse

HELP = "serve (not yet implemented)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("archiver serve: not implemented yet")
    return 2
