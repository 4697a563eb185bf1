"""Page parsing: pure functions from HTML (and its URL) to article fields. No Scrapy here.

``main_text`` (the generic extractor, SPEC §5) is imported on first use, so modules that
only need dates or selectors do not pay for loading trafilatura.
"""

from __future__ import annotations

from typing import Any

__all__ = ["main_text"]


def __getattr__(name: str) -> Any:
    if name == "main_text":
        from archiver.extract.maintext import main_text

        return main_text
    raise AttributeError(f"module 'archiver.extract' has no attribute {name!r}")
