"""The generic main-text extractor: the article text of any page, as plain text.

Three extractors of different kinds read one parse of the page: trafilatura in its balanced
and its precision setting, and a text-density pass (`density.py`). Trafilatura's balanced
output is the base; a line of it is kept only when another extractor also found it, which
drops the related lists, captions and widgets one extractor picks up by mistake. When the
base misses much of the article (content split into several blocks), the density text is
taken instead if it contains the base. Portal furniture is then cut by generic rules
(`cleanup.py`). Lines are paragraphs, joined by newlines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from archiver.extract.agreement import (
    AgreementOptions,
    Lines,
    Shingle,
    confirmed,
    overlap,
    share,
    shingle_set,
)
from archiver.extract.answers import accepted_answer, may_mark_answer
from archiver.extract.cleanup import CleanupOptions, clean_lines
from archiver.extract.continued import with_continued_sections
from archiver.extract.dates import find_datetimes
from archiver.extract.density import DensityOptions, density_text, text_size
from archiver.extract.failures import log_failed_pass
from archiver.extract.fillin import filled, with_block_heads
from archiver.extract.linkedlists import with_linked_lists
from archiver.extract.sentences import ENDS_SENTENCE
from archiver.extract.tree import HTML_PARSER, load_as_trafilatura


@dataclass(frozen=True)
class MainTextOptions:
    """Settings of every stage; the defaults are the benchmarked ones."""

    agreement: AgreementOptions = field(default_factory=AgreementOptions)
    density: DensityOptions = field(default_factory=DensityOptions)
    cleanup: CleanupOptions = field(default_factory=CleanupOptions)
    include_tables: bool = True
    # the density text replaces the base when it is this much longer and contains the base
    expand_ratio: float = 1.6
    expand_coverage: float = 0.9
    # a base line this long, over twice the density text's longest, is a lump of the page
    blob_chars: int = 300
    # an unconfirmed line of the density text is kept when it is prose of at least this size,
    # or a sentence of at least sentence_size between two kept lines
    prose_size: int = 80
    sentence_size: int = 20
    blob_coverage: float = 0.6
    # a base shorter than this, with a density text this many times longer, may be a stub
    stub_chars: int = 2000
    stub_ratio: float = 4.0
    # a base this short that reads as a menu is scraps, when the density text is this long
    scrap_chars: int = 200
    prose_min_chars: int = 800


DEFAULT_OPTIONS = MainTextOptions()
logger = logging.getLogger(__name__)
_END = re.compile(r"[.!?。！？…\"”’'）)」』]\s*$")


def parse(html: str | bytes) -> HtmlElement | None:
    """Parse a page once (encoding detection and repairs by trafilatura's loader). A page that
    loader finds dubious (no ``<html>``: a saved fragment, a crawler's ``<text>`` wrapper) is
    read as the body of a document instead, as a browser would show it."""
    try:
        tree = load_as_trafilatura(html)
        if tree is None and (html.strip() if isinstance(html, str) else html.strip()):
            tree = lxml.html.document_fromstring(html, parser=HTML_PARSER)
        return tree
    except Exception:  # noqa: BLE001 - an unreadable page has no main text
        log_failed_pass(logger, "main_text: could not parse the page")
        return None


def _trafilatura(tree: HtmlElement, url: str | None, precision: bool, opts: MainTextOptions) -> str:
    """Trafilatura on the parsed tree (it works on a copy), fast mode, without comments."""
    text = trafilatura.extract(
        tree,
        url=url,
        fast=True,
        favor_precision=precision,
        include_comments=False,
        include_tables=opts.include_tables,
        deduplicate=False,
    )
    return text or ""


def _lines(text: str) -> list[str]:
    """Non-blank lines, trailing space cut (leading space kept: code indentation)."""
    return [line.rstrip() for line in text.split("\n") if line.strip()]


def _expanded(base: Lines, dense: Lines, opts: MainTextOptions) -> bool:
    """True when the density text holds the base and much more: the base missed content."""
    if not base.lines or not dense.lines:
        return bool(dense.lines)
    if len("\n".join(dense.lines)) < opts.expand_ratio * len("\n".join(base.lines)):
        return False
    return share(base.shingles, dense.shingles) >= opts.expand_coverage


def _stub(
    base: Lines, dense: Lines, precise: Callable[[], set[Shingle]], opts: MainTextOptions
) -> bool:
    """True when the base is a stub of a much longer article the density pass found, and the
    precision pass sides with the density text."""
    base_len, dense_len = len("\n".join(base.lines)), len("\n".join(dense.lines))
    if not base.lines or base_len >= opts.stub_chars or dense_len < opts.stub_ratio * base_len:
        return False
    if base_len < opts.scrap_chars and dense_len >= opts.prose_min_chars and _link_like(base.lines):
        return True  # both trafilatura runs kept scraps of furniture (a WeChat page's account box)
    return share(dense.shingles, precise()) >= opts.expand_coverage / 2


def _link_like(lines: list[str]) -> bool:
    """Lines that read as a menu: short, and hardly any ending a sentence."""
    if not lines:
        return False
    short = sum(len(line) <= 20 for line in lines) / len(lines)
    sentences = sum(bool(_END.search(line)) for line in lines) / len(lines)
    return short >= 0.7 and sentences <= 0.2


def _prose(line: str, opts: MainTextOptions) -> bool:
    """A line that reads as a paragraph: long enough and ending a sentence."""
    return text_size(line) >= opts.prose_size and bool(_END.search(line))


def _sentence(line: str, opts: MainTextOptions) -> bool:
    """A short line that ends a sentence and holds no date: not a caption's "资料图（图片来源：
    视觉中国）" nor a post's "本贴由X于2005年8月12日16:12:21在〖版〗发表." credit."""
    return (
        text_size(line) >= opts.sentence_size
        and bool(ENDS_SENTENCE.search(line))
        and not find_datetimes(line)
    )


def _blob(base: Lines, dense: Lines, opts: MainTextOptions) -> bool:
    """True when the base lumps the page into a giant line the density pass splits up."""
    if not base.lines or not dense.lines:
        return False
    longest = max(map(len, base.lines))
    if longest < opts.blob_chars or longest <= 2 * max(map(len, dense.lines)):
        return False
    return share(base.shingles, dense.shingles) >= opts.blob_coverage


def _disowned(
    base: Lines, dense: Lines, precise: Callable[[], set[Shingle]], opts: MainTextOptions
) -> bool:
    """True when no other pass finds the base, which holds no paragraph (the fast run took a
    related list for the article), and the density text holds the sentences: a short article
    of three paragraphs."""
    if not base.lines or not dense.lines or any(_prose(line, opts) for line in base.lines):
        return False
    paragraphs = [line for line in dense.lines if ENDS_SENTENCE.search(line)]
    if len(paragraphs) < 2 or _sentences(paragraphs) <= 2 * _sentences(base.lines):
        return False  # one block of text is a post of a thread as likely as the article
    reliable = opts.agreement.reliable_overlap
    return overlap(base.shingles, dense.shingles) < reliable and (
        overlap(base.shingles, precise()) < reliable
    )


def _sentences(lines: list[str]) -> int:
    """The size of the lines that end a sentence."""
    return sum(text_size(line) for line in lines if ENDS_SENTENCE.search(line))


@dataclass(frozen=True)
class MainText:
    """The main text of a page, and the passes that failed on it (skipped, logged)."""

    text: str
    failed_passes: tuple[str, ...] = ()


class _Passes:
    """Runs the extractors of one page; a pass that raises is logged, counted and yields ''."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.failed: list[str] = []

    def run(self, name: str, extract: Callable[[], str]) -> str:
        try:
            return extract()
        except Exception:  # noqa: BLE001 - one pass failing must not lose the article
            log_failed_pass(logger, "main_text: the %s pass failed on %s", name, self.url)
            self.failed.append(name)
            return ""


def main_text(
    html: str | bytes, url: str | None = None, options: MainTextOptions | None = None
) -> str:
    """Main text of an article page, one paragraph per line; '' when the page has none."""
    return extract_main_text(html, url, options).text


def extract_main_text(
    html: str | bytes, url: str | None = None, options: MainTextOptions | None = None
) -> MainText:
    """``main_text`` with the names of the passes that failed; it never raises."""
    opts = options or DEFAULT_OPTIONS
    passes = _Passes(url)
    tree = parse(html)
    if tree is None:
        return MainText("")
    base = _lines(passes.run("trafilatura", lambda: _trafilatura(tree, url, False, opts)))
    dense = _lines(passes.run("density", lambda: density_text(tree, opts.density)))
    precise = lru_cache(maxsize=1)(
        lambda: passes.run("precision", lambda: _trafilatura(tree, url, True, opts))
    )
    try:
        lines = _combine(Lines(base), Lines(dense), precise, tree, opts)
        answer = accepted_answer(tree) if may_mark_answer(html) else []
        lines += [line for line in answer if line not in lines]
    except Exception:  # noqa: BLE001 - agreement or cleanup failing: the best single pass
        log_failed_pass(logger, "main_text: combining passes failed on %s", url)
        passes.failed.append("combine")
        lines = base or dense
    return MainText("\n".join(lines), tuple(passes.failed))


def _combine(
    base: Lines,
    dense: Lines,
    precise: Callable[[], str],
    tree: HtmlElement,
    opts: MainTextOptions,
) -> list[str]:
    """The lines of the base that other passes confirm, cleaned of portal furniture."""
    if not dense.lines and not precise().strip() and _link_like(base.lines):
        return []  # the other passes found no article: the base is the site's navigation
    precise_set = lru_cache(maxsize=1)(lambda: shingle_set(precise()))
    if _expanded(base, dense, opts) or _stub(base, dense, precise_set, opts):
        keep = confirmed(dense, [lambda: base.shingles, precise_set], opts.agreement)
        lines = [
            line for line, ok in zip(dense.lines, keep, strict=True) if ok or _prose(line, opts)
        ]
    else:
        voters: list[Callable[[], set[Shingle]]]
        if _blob(base, dense, opts) or _disowned(base, dense, precise_set, opts):
            text, voters = dense, [lambda: base.shingles, precise_set]
        elif base.lines:
            text, voters = base, [lambda: dense.shingles, precise_set]
        else:
            text, voters = Lines(_lines(precise())), [lambda: dense.shingles]
        keep = with_block_heads(text.lines, confirmed(text, voters, opts.agreement), tree)
        kept = text.kept(keep)
        lines = filled(
            kept,
            dense,
            tree,
            lambda line: _prose(line, opts),
            lambda line: _sentence(line, opts),
        )
    # a list of linked places set between two kept lines goes back once the edges are cut:
    # cleanup would read a run of them as a menu
    return with_linked_lists(
        clean_lines(with_continued_sections(lines, tree), tree, opts.cleanup), tree
    )
