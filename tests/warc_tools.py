"""The web-archive tools the WARC tests run (pywb, py-wacz, cdxj-indexer), in their own venv.

Built once by ``scripts/install-warc-tools.sh`` and cached outside the checkout; a test
that needs them skips, saying why, when they cannot be built (no PyPI, no venv module).
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def _build() -> tuple[Path | None, str]:
    proc = subprocess.run(
        ["bash", str(PROJECT / "scripts" / "install-warc-tools.sh")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        return None, proc.stderr.strip() or f"exit status {proc.returncode}"
    return Path(proc.stdout.strip().splitlines()[-1]), ""


def warc_tools() -> Path:
    """The tools' bin folder (wb-manager, wayback, wacz, cdxj-indexer), or skip the test."""
    folder, why = _build()
    if folder is None:
        pytest.skip(f"pywb and py-wacz could not be installed in their own venv: {why}")
    return folder
