"""Navigation at the edges of an extracted text, told by the page's own links.

On table-layout portals and old blogs both trafilatura settings flatten the whole page, so
its header (site menus, channel bars, an ad slogan beside them) and its footer (link lists,
promotions) pass every agreement test: the extractors agree on them. The page's HTML still
says what they are: text set mostly in links, in short items, not in sentences. Runs of such
lines are cut where they open or close the text, never inside it.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.density import text_size
from archiver.extract.named_dates import MONTH_NAMES, WEEKDAY_NAMES
from archiver.extract.sentences import ENDS_SENTENCE

_SKIP = frozenset(("script", "style", "noscript", "template", "textarea", "select", "option"))
_WORD = re.compile(r"\w")
_NOT_WORD = re.compile(r"\W+")
_BLANK = "\0"
# A sentence ending inside a line (not at a cell's edge): "。" followed by more text.
_SENTENCE = re.compile(r"[。！？!?；;]|[.](?=\s+[A-Z])")
_END = re.compile(r"[。！？!?；;.…]")
_MAX_FINDS = 5


@dataclass(frozen=True)
class EdgeOptions:
    """When a line reads as navigation, and how far the cuts may reach."""

    link_share: float = 0.5  # of its word characters set in links on the page
    max_item: int = 16  # average size of its items (cells, words of a menu)
    # a line this long that ends a sentence is prose, links or not
    max_sentence: int = 30
    # a line this much in links may hold sentences (a list of headlines)
    all_links: float = 0.8
    # a run is cut only when it is this share of link text as a whole
    run_link_share: float = 0.6
    # the text kept must hold at least this share of the text's size
    min_kept_share: float = 0.3


class PageLinks:
    """The page's visible text, word characters only, and which of them sit in links."""

    def __init__(self, tree: HtmlElement) -> None:
        body = tree.find(".//body")
        root = body if body is not None else tree
        text: list[str] = []
        mask: list[str] = []  # the text with every character outside links blanked out
        links = skips = 0  # how many open <a> and script-like elements hold the position
        for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
            tag = el.tag
            if event == "start":
                links += tag == "a"
                skips += tag in _SKIP
                if el.text and not skips:
                    self._add(el.text, links > 0, text, mask)
                continue
            if event == "end":
                links -= tag == "a"
                skips -= tag in _SKIP
            if el.tail and el is not root:  # a tail follows the element, in its parent
                self._add(el.tail, links > 0, text, mask)
        self.text = "".join(text)
        self._mask = "".join(mask)

    @staticmethod
    def _add(chunk: str, in_link: bool, text: list[str], mask: list[str]) -> None:
        if chunk.isspace():  # most text nodes of a page: the indentation between its tags
            return
        words = _NOT_WORD.sub("", chunk)
        text.append(words)
        mask.append(words if in_link else _BLANK * len(words))

    def share(self, line: str) -> float | None:
        """Share of the line's word characters set in links where the page prints it (the
        least over its first few places); None when the page does not print it as one run."""
        key = _NOT_WORD.sub("", line)
        if not key:
            return None
        least: float | None = None
        start = self.text.find(key)
        finds = 0
        while start >= 0 and finds < _MAX_FINDS:
            linked = len(key) - self._mask.count(_BLANK, start, start + len(key))
            least = linked / len(key) if least is None else min(least, linked / len(key))
            finds += 1
            start = self.text.find(key, start + 1)
        return least


def _items(line: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:[|｜]|\s-\s|\s)\s*", line.strip()) if p.strip()]


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _prose(line: str, share: float | None) -> bool:
    """A paragraph of the article: long, with sentences, not set in links."""
    return text_size(line) >= 80 and bool(_END.search(line)) and (share or 0.0) < 0.5


def is_navigation(line: str, share: float | None, opts: EdgeOptions) -> bool:
    """A line of menu items: mostly link text on the page (``share``), short items, no
    sentence in it unless it is all links (a list of headlines). A table row with no text at
    all (a layout cell) counts too."""
    if not _WORD.search(line):
        return True
    if share is None or share < opts.link_share:
        return False
    if text_size(line) >= opts.max_sentence and ENDS_SENTENCE.search(line):
        return False  # a sentence, even when the page links it
    items = _items(line)
    if items and sum(map(len, items)) / len(items) > opts.max_item:
        return False
    return share >= opts.all_links or not _SENTENCE.search(line.rstrip("|｜ ")[:-1])


def trim_edges(lines: list[str], tree: HtmlElement, opts: EdgeOptions | None = None) -> list[str]:
    """Cut the runs of navigation that open and close the text: the longest opening run
    (before the first paragraph) and the longest closing run (after it) that end, or start,
    on a navigation line and are mostly link text as a whole (a menu's section labels and
    a footer's notice ride along)."""
    opts = opts or EdgeOptions()
    if len(lines) < 2:
        return lines
    links = PageLinks(tree)
    shares = [links.share(line) for line in lines]
    nav = [is_navigation(line, s, opts) for line, s in zip(lines, shares, strict=True)]
    first = next(
        (i for i, (line, s) in enumerate(zip(lines, shares, strict=True)) if _prose(line, s)),
        None,
    )
    if first is None:
        return lines
    words = [_words(line) for line in lines]
    linked = [w * (s or 0.0) for w, s in zip(words, shares, strict=True)]
    start = 0
    for k in range(first, 0, -1):  # lines[:k] is an opening run
        if nav[k - 1] and sum(linked[:k]) >= opts.run_link_share * sum(words[:k]):
            start = k
            break
    end = len(lines)
    for k in range(first + 1, len(lines)):  # lines[k:] is a closing run
        if nav[k] and sum(linked[k:]) >= opts.run_link_share * sum(words[k:]):
            end = k
            break
    if sum(words[start:end]) < opts.min_kept_share * sum(words):
        return lines
    return lines[start:end]


# The opening of a text, above its first paragraph: what pages print there that is not the
# article's (a skip link's target, the date line, the headline with its kicker glued on, a
# list of links to other articles).
_SKIP_LINK = re.compile(
    r"^(?:hauptinhalt|zum (?:haupt)?inhalt(?: springen)?|skip to (?:main )?content|"
    r"main content|aller au contenu(?: principal)?|ir al contenido(?: principal)?|"
    r"本文へ(?:スキップ)?|跳到主要内容|본문 바로가기)$",
    re.I,
)
# Words of a printed date: the month and weekday names ``named_dates`` reads, a clock's
# and a zone's, the Chinese and Japanese units, an update's label.
_DATE_WORDS = re.compile(
    rf"\b(?:{MONTH_NAMES})[a-z]*\.?|\b(?:{WEEKDAY_NAMES})[a-z]*\.?|"
    r"\b(?:[ap]\.?m\.?|uhr|utc|gmt|[a-z]st|[a-z]dt|cest?|mesz?)\b|"
    r"[年月日時时分秒更新曜周星期上下午]|\b(?:updated|aktualisiert|stand)\b",
    re.I,
)
# A time's label on a line of its own, its date set apart ("기사입력 <span>2013-10-24</span>").
_TIME_LABEL = re.compile(
    r"(?:(?:기사)?(?:입력|수정)|(?:发布|更新|发表)(?:时间|日期)|(?:last )?(?:published|updated)"
    r"(?: on)?|veröffentlicht(?: am)?|aktualisiert(?: am)?|publié le|mis à jour(?: le)?)\s*[:：]?",
    re.I,
)
# A breadcrumb's first steps, its last one set apart: "뉴스 > 경제 >", "首页 > 财经 >".
_TRAIL = re.compile(r"(?:[^\s>»›]{1,12}\s*[>»›]\s*){2,}")
_DATE_REST = re.compile(r"[\d\s.,:/()\-–|+]*")
_MAX_OPENING = 3  # lines at the top these rules look at
_MAX_KICKER = 60  # what a headline line adds to the headline (a kicker, the site's name)
_SENTENCE_MARK = re.compile(r"[.!?。！？]\s")


def _date_line(line: str) -> bool:
    """A line of a date and time alone ("18.05.2026", "17:41 JST, October 13, 2024",
    "2025年1月14日 01時28分 (1月14日 01時40分更新)")."""
    return sum(c.isdigit() for c in line) >= 4 and bool(
        _DATE_REST.fullmatch(_DATE_WORDS.sub(" ", line))
    )


def _headline_line(line: str, titles: set[str]) -> bool:
    """The headline with a kicker or the site's name glued on ("SVP-Sonderparteitag zur
    MigrationChiesa ruft …", "… in Pension | wdr aktuell"); not a line that labels the
    headline as the article's own ("新华社北京4月24日电 题：…")."""
    low = line.lower()
    for title in titles:
        if title != low and (low.endswith(title) or low.startswith(title)):
            rest = low.replace(title, "", 1).strip()
            labelled = rest.endswith((":", "："))
            if len(rest) <= _MAX_KICKER and not labelled and not _SENTENCE_MARK.search(rest + " "):
                return True
    return False


def trim_opening(lines: list[str], titles: set[str], links: Container[str]) -> list[str]:
    """Cut the lines above the article's first paragraph that a page prints there for other
    ends: a skip link's target ("Hauptinhalt"), a date line or a time's label left without its
    date ("기사입력"), a breadcrumb's steps ("뉴스 > 경제 >"), the headline (``titles``, lower
    case) with a kicker, and list items that are whole links (related articles)."""
    start = 0
    while start < min(_MAX_OPENING, len(lines) - 1):
        line = " ".join(lines[start].split())
        item = line[2:] if line.startswith("- ") else None
        if not (
            _SKIP_LINK.match(line)
            or _date_line(line)
            or _TIME_LABEL.fullmatch(line)
            or _TRAIL.fullmatch(line)
            or _headline_line(line, titles)
            or (item is not None and item in links)
        ):
            break
        start += 1
    return lines[start:]
