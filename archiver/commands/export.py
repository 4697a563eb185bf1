"""archiver export FORMAT ...: write the archive into another tool's format.

Each format is a sub-command module with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``, as the top-level commands are (``archiver.cli``); adding a format is
one line in ``FORMATS``.
"""

from __future__ import annotations

import argparse
import importlib

HELP = "export the archive into another format (hexo: a Hexo blog; wacz: its web captures)"
FORMATS = {"hexo": "archiver.commands.export_hexo", "wacz": "archiver.commands.export_wacz"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
    for name, module_name in FORMATS.items():
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(export_run=module.run)


def run(args: argparse.Namespace) -> int:
    """Run the chosen format's sub-command."""
    return int(args.export_run(args) or 0)
