"""archiver verify (placeholder until implemented)."""

from __future__ import annotations

import argparse

HELP = "verify (not yet implemented)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("archiver verify: not implemented yet")
    return 2
