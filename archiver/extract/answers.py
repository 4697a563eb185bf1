"""The accepted answer of a question page, added under the question.

Q&A sites print a question, then its answers; main_text keeps a thread's opening post (replies
are comments), which for a question is half of what the page was kept for. The answer the page
marks as accepted (schema.org's ``acceptedAnswer``, a "被采纳" / "Accepted" label on it) is the
article's too; the other answers stay comments.
"""

from __future__ import annotations

import re

from lxml import etree

from archiver.extract.body import block_text

# What a Q&A site prints on the answer the asker accepted (the label alone in its element).
_LABELS = frozenset(
    "被采纳|已采纳|采纳答案|最佳答案|最佳回答|Accepted|Accepted answer|Accepted Answer|Best answer"
    "|Best Answer".split("|")
)
# Words of those marks, one of which the page's source holds if it marks an accepted answer.
_WORDS = ("acceptedAnswer", "采纳", "最佳", "ccepted", "est answer", "est Answer")
# The text nodes that may hold one, found by the words they share (cheaper than comparing each).
_LABEL_XPATH = (
    "//body//text()[contains(., '采纳') or contains(., '最佳') or contains(., 'ccepted')"
    " or contains(., 'est answer') or contains(., 'est Answer')]"
)
_SKIP = frozenset(("script", "style", "noscript", "template", "button", "svg"))
_WS = re.compile(r"\s+")
_MIN_ANSWER = 20  # characters: a shorter text beside the label is the answerer's card
_MAX_LEVELS = 4  # how far above the label the answer's element may branch off


def may_mark_answer(html: str | bytes) -> bool:
    """False when the page's source holds none of the marks: most pages, told apart without
    walking their tree (a page given as bytes is walked)."""
    return not isinstance(html, str) or any(word in html for word in _WORDS)


def accepted_answer(tree: etree._Element) -> list[str]:
    """The lines of the answer the page marks as accepted, under its label where the page
    prints one; [] when it marks none."""
    for node in tree.xpath("//*[@itemprop='acceptedAnswer']"):
        text = node.xpath(".//*[@itemprop='text']")
        lines = _lines(text[0] if text else node)
        if sum(map(len, lines)) >= _MIN_ANSWER:
            return lines
    for label in tree.xpath(_LABEL_XPATH):
        if _WS.sub(" ", label).strip() not in _LABELS:
            continue
        answer = _beside(label.getparent())
        if answer is not None:  # the label as printed heads it: where the question ends
            return [str(label).strip(), *_lines(answer)]
    return []


def _beside(label: etree._Element | None) -> etree._Element | None:
    """The element with the answer's text that follows the label's, at most a few levels up
    (the label sits in the answer's header: "<div class=head>…被采纳</div><div>answer</div>")."""
    node = label
    for _ in range(_MAX_LEVELS):
        if node is None:
            return None
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and len(_text(sibling)) >= _MIN_ANSWER:
                return sibling
        node = node.getparent()
    return None


def _text(el: etree._Element) -> str:
    return " ".join(_lines(el))


def _lines(el: etree._Element) -> list[str]:
    """``el``'s text, one line per block and ``<br>``, scripts and buttons left out."""
    return [line for line in block_text(el, _SKIP).split("\n\n") if line]
