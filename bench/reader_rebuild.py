"""A real first build of a kept archive, alone: for A/B runs of the reader build at scale.

Deletes the archive's reader (every ``<article>.html``, ``.reader/`` and the manifest
``.archiver/reader.sqlite``, so every page is rendered as in a first build), then runs
``archiver build`` as ``bench/reader.py`` measures it: wall time, CPU time of the process
tree, peak summed PSS, the load average. ``--code DIR`` runs another checkout's code
(``PYTHONPATH=DIR``, from inside it), so two branches can be alternated on one archive.
Prints one JSON line.
Usage: ``python bench/reader_rebuild.py ARCHIVE [--code DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from reader import sampled


def delete_reader(root: Path) -> int:
    """Remove what a build made in ``root``; return how many pages were deleted."""
    shutil.rmtree(root / ".reader", ignore_errors=True)
    for path in (root / ".archiver").glob("reader.sqlite*"):
        path.unlink()
    pages = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.endswith(".html"):
                os.unlink(os.path.join(folder, name))
                pages += 1
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--code", type=Path, help="checkout whose archiver to run")
    args = parser.parse_args()
    root = args.archive.resolve()
    start = time.perf_counter()
    pages = delete_reader(root)
    os.sync()  # the deletions' write-back is not the build's
    print(f"deleted {pages} pages in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    if args.code:
        os.environ["PYTHONPATH"] = str(args.code.resolve())
        os.chdir(args.code)
    load = os.getloadavg()
    build = sampled([sys.executable, "-m", "archiver", "build", str(root)])
    result = {
        "code": str(args.code or Path.cwd()),
        "build_s": build["wall_s"],
        "build_cpu_s": round(build["user_s"] + build["sys_s"], 1),
        "user_s": build["user_s"],
        "sys_s": build["sys_s"],
        "build_peak_mb": build["peak_pss_mb"],
        "exit": build["exit"],
        "load_avg_before": [round(x, 2) for x in load],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result))
    return build["exit"]


if __name__ == "__main__":
    raise SystemExit(main())
