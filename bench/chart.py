"""The chart of the results: articles/s and peak RSS against N (``run.py --chart``)."""

from __future__ import annotations

import json
from pathlib import Path


def chart(out: Path, png: Path, rss_target: float, cpus: int) -> Path:
    """Draw ``png`` from the results in ``out``; the RSS target as a line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted(
        (json.loads(p.read_text()) for p in out.glob("results-*.json")),
        key=lambda r: r["site"]["articles"],
    )
    sizes = [r["site"]["articles"] for r in runs]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, label in (
        ("raw_scrapy", "raw Scrapy (fetch only)"),
        ("ours", "ours (full archive)"),
        ("trafilatura_cli", "trafilatura CLI (no images)"),
    ):
        points = [(r["site"]["articles"], r[key]) for r in runs if key in r]
        sizes_of = [n for n, _ in points]
        left.plot(sizes_of, [p["articles_per_s"] for _, p in points], "o-", label=label)
        right.plot(sizes_of, [p["peak_rss_mb"] for _, p in points], "o-", label=label)
    right.axhline(rss_target, color="grey", linestyle="--", label="target")
    for ax, title in ((left, "throughput (articles/s)"), (right, "peak RSS, process tree (MB)")):
        ax.set_xscale("log")
        ax.set_xticks(sizes, [f"{n:,}" for n in sizes])
        ax.set(xlabel="articles (N)", title=title, ylim=(0, None))
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"techmedia-archiver on a local OFweek-like site, {cpus} cores")
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    return png
