"""archiver demo (placeholder until implemented)."""

from __future__ import annotations

import argparse

HELP = "demo (not yet implemented)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("archiver demo: not implemented yet")
    return 2
