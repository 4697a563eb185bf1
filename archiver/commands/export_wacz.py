"""archiver export-wacz: placeholder."""

from __future__ import annotations

import argparse

HELP = "write one WACZ of the archive's captures (for ReplayWeb.page)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output")


def run(args: argparse.Namespace) -> int:
    return 2
