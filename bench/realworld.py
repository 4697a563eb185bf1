"""Per-field accuracy on real pages: ours next to trafilatura's and newspaper4k's metadata.

Usage: python bench/realworld.py [--labels PATH] [--only ID,...] [--misses]

The set is `tests/fixtures/realworld/` (stored pages, labels checked by eye; see its README).
"ours" is what the `article` spider stores: `parse_article_page` with no site layout and
Beijing time as the default zone, its author falling back to the source as the spider's does;
"ours main_text" scores `main_text` alone on the body fields. Each field is scored on the pages
labelled for it, on the whole set and on the held-out third (pages never looked at while
writing rules). Prints one table per split, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import (  # noqa: E402
    FIELDS,
    LEAK_FIELDS,
    Page,
    Prediction,
    load_pages,
    score_page,
    squeeze,
)

Tool = Callable[[Page], Prediction]


def ours(page: Page) -> Prediction:
    """The article spider's view of the page (generic extraction, Beijing time by default)."""
    from archiver.extract.page import decode_html, parse_article_page
    from archiver.extract.rules import SiteRules

    rules = SiteRules(site="bench", name="", layouts=(), article_urls=())
    parsed = parse_article_page(decode_html(page.raw), page.url, rules)
    if parsed is None:
        return Prediction()
    return Prediction(
        title=parsed.title,
        published=parsed.published,
        author=parsed.author or parsed.source,
        source=parsed.source,
        editor=getattr(parsed, "editor", ""),
        body=parsed.text,
        images=list(parsed.images.urls),
        head_image=parsed.head_image,
    )


def ours_main_text(page: Page) -> Prediction:
    """``main_text`` alone: body fields only."""
    from archiver.extract.maintext import main_text
    from archiver.extract.page import decode_html

    return Prediction(body=main_text(decode_html(page.raw), page.url), body_only=True)


def trafilatura_tool(page: Page) -> Prediction:
    """trafilatura's own metadata and body (images on, comments off)."""
    import trafilatura

    from archiver.extract.dates import parse_datetime
    from archiver.extract.page import decode_html

    doc = trafilatura.bare_extraction(
        decode_html(page.raw),
        url=page.url,
        with_metadata=True,
        include_images=True,
        include_comments=False,
    )
    if doc is None:
        return Prediction()
    text = doc.text or ""
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    return Prediction(
        title=doc.title or "",
        published=parse_datetime(doc.date or "", "+08:00"),
        author=doc.author or "",
        source=doc.sitename or "",
        body=re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text),
        images=images,
        head_image=images[0] if images else "",
    )


def newspaper_tool(page: Page) -> Prediction:
    """newspaper4k's Article parsed from the stored HTML."""
    from newspaper import Article

    from archiver.extract.page import decode_html

    article = Article(page.url or "http://invalid/")
    article.download(input_html=decode_html(page.raw))
    article.parse()
    published = article.publish_date
    if published is not None and published.tzinfo is None:
        from archiver.extract.dates import BEIJING

        published = published.replace(tzinfo=BEIJING)
    return Prediction(
        title=article.title or "",
        published=published,
        author=", ".join(article.authors),
        source=article.meta_site_name or "",
        body=article.text or "",
        images=[u for u in article.images if u],
        head_image=article.top_image or "",
    )


TOOLS: dict[str, Tool] = {
    "ours": ours,
    "ours main_text": ours_main_text,
    "trafilatura": trafilatura_tool,
    "newspaper4k": newspaper_tool,
}


@dataclass
class Tally:
    """Right answers and counts per field."""

    right: dict[str, float] = field(default_factory=dict)
    total: dict[str, float] = field(default_factory=dict)
    errors: int = 0

    def add(self, scores: dict[str, tuple[float, float]]) -> None:
        for name, (right, total) in scores.items():
            self.right[name] = self.right.get(name, 0.0) + right
            self.total[name] = self.total.get(name, 0.0) + total

    def rate(self, name: str) -> float | None:
        total = self.total.get(name, 0.0)
        return self.right.get(name, 0.0) / total if total else None


def run(pages: list[Page], misses: bool) -> dict[str, dict[str, Tally]]:
    """Score every tool on every page; tallies per tool and split ('all', 'dev', 'holdout')."""
    tallies = {t: {s: Tally() for s in ("all", "dev", "holdout")} for t in TOOLS}
    tools = {k: v for k, v in TOOLS.items() if k.startswith("ours")} if misses else TOOLS
    for page in pages:
        for name, tool in tools.items():
            try:
                pred = tool(page)
            except Exception as exc:  # noqa: BLE001 - a tool that crashes scores as empty
                if name.startswith("ours"):
                    print(f"  {name} raised on {page.id}: {exc!r}", file=sys.stderr)
                pred = Prediction(body_only=name == "ours main_text")
                tallies[name]["all"].errors += 1
                tallies[name][page.split].errors += 1
            scores = score_page(page, pred)
            if misses and name == "ours" and page.split == "dev":
                for f, (right, total) in scores.items():
                    if f == "body must-not leaks" and right:
                        body = squeeze(pred.body)
                        leaked = [t for t in page.labels["must_not"] if squeeze(t) in body]
                        print(f"  leak {page.id}: {leaked!r}")
                    elif total and right < total and f not in LEAK_FIELDS:
                        print(f"  miss {page.id} {f}: {pred.show(f)!r} vs {page.show(f)!r}")
            for split in ("all", page.split):
                tallies[name][split].add(scores)
    return tallies


def print_table(split: str, tallies: dict[str, dict[str, Tally]], n: int) -> None:
    print(f"\n{split} ({n} pages)")
    print(f"{'field':<22}" + "".join(f"{t:>16}" for t in TOOLS) + f"{'n':>6}")
    for name in FIELDS:
        cells = []
        for tool in TOOLS:
            rate = tallies[tool][split].rate(name)
            cells.append(f"{rate:>16.1%}" if rate is not None else f"{'-':>16}")
        total = max(tallies[t][split].total.get(name, 0) for t in TOOLS)
        print(f"{name:<22}" + "".join(cells) + f"{int(total):>6}")
    print(f"{'exceptions':<22}" + "".join(f"{tallies[t][split].errors:>16}" for t in TOOLS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labels", type=Path, default=ROOT / "tests/fixtures/realworld/labels.yaml"
    )
    parser.add_argument("--only", default="", help="comma-separated page ids")
    parser.add_argument(
        "--misses", action="store_true", help="list what ours got wrong (dev pages)"
    )
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    pages = load_pages(args.labels)
    if args.only:
        wanted = set(args.only.split(","))
        pages = [p for p in pages if p.id in wanted]
    tallies = run(pages, args.misses)
    counts = {"all": len(pages), "dev": 0, "holdout": 0}
    for page in pages:
        counts[page.split] += 1
    for split in ("all", "dev", "holdout"):
        print_table(split, tallies, counts[split])
    summary = {
        tool: {
            split: {name: tallies[tool][split].rate(name) for name in FIELDS}
            | {"exceptions": tallies[tool][split].errors}
            for split in ("all", "holdout")
        }
        for tool in TOOLS
    }
    print(json.dumps({"pages": counts, "realworld": summary}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
