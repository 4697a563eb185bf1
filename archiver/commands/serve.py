"""archiver serve: serve the offline reader on 127.0.0.1 (building it first if needed)."""

from __future__ import annotations

import argparse
import sys

from archiver.commands import add_archive_argument, not_an_archive
from archiver.reader import build_reader
from archiver.reader.serve import make_server

HELP = "serve the offline reader on http://127.0.0.1:PORT/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="serve as is, without bringing the reader up to date first",
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; exit 1 if the folder is missing or the port is taken."""
    root = args.archive.resolve()
    if not_an_archive("serve", root):
        return 2
    if not args.no_build:
        print(build_reader(root).summary(), file=sys.stderr)
    try:
        server = make_server(root, args.port)
    except OSError as exc:
        print(f"archiver serve: cannot listen on 127.0.0.1:{args.port}: {exc}", file=sys.stderr)
        return 1
    host, port = server.server_address[0], server.server_address[1]
    host = host.decode() if isinstance(host, bytes) else host
    print(f"Serving {root} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
