"""The article's standfirst: the lead printed between the headline and the text.

News pages print a dek, lead or teaser under the ``<h1>`` (``p.article-lead``, ``.standfirst``,
``h2.subheadline``, ``.post__excerpt``, a summary's bullet points) in the article's header,
which trafilatura and the density pass skip as page furniture. It is the article's first
paragraph. It is told by where it sits (after the headline, before the first line the
extractors kept), by the words the page marks it with, by what it says (the page's
description) or by a printed label ("核心提示：…").
"""

from __future__ import annotations

import copy
import re

import lxml.html
from lxml import etree

from archiver.extract.agreement import coverage, shingle_set
from archiver.extract.body import spaced_text
from archiver.extract.boilerplate import is_boilerplate, is_call_to_action
from archiver.extract.headings import comparable
from archiver.extract.located import holders

# A description shorter than this is a tagline, not a standfirst.
MIN_STANDFIRST_CHARS = 40
# A marked lead holds this much text (CJK characters count twice), and its lines this much.
MIN_MARKED_SIZE = 40
MAX_MARKED_SIZE = 1500
MIN_MARKED_LINE = 25
# A block this much in links is a teaser of other pages, not the article's lead.
MAX_LINK_SHARE = 0.5
# What a description may add to the lead, or the lead to it (a dateline, the site's name).
_AFFIX_CHARS = 30
# A lead this much of whose text the body already holds is there.
MAX_SHOWN_SHARE = 0.8
# A line is found where the page prints this many of its first characters.
_FIRST_CHARS = 60
# A lead the page labels as such, in the article's header.
_LABELLED_LEAD = re.compile(r"(?:核心提示|导读|导语|内容提要|摘要)\s*[:：]\s*\S")
# Words of class, id and data-* values that mark a lead ("article-lead", "teaserText",
# "post__excerpt", "ue-c-article__standfirst", "detay-spot", "chapo", "entradilla").
_LEAD_WORDS = frozenset(
    "lead lede standfirst excerpt teaser summary subtitle subheadline subhead subheading "
    "subtitulo sottotitolo intro preamble ingress dek deck epigraph spot abstract chapo "
    "chapeau entradilla sapo".split()
)
_SUB_WORDS = frozenset("tit title head headline heading".split())  # "sub-tit", "sub-title"
# Words that make a marked element something else: a teaser's title, a lead picture's caption,
# a kicker, a byline ("ArticleModuleTeaser_title", "page-lead-media", "lead-image").
_OTHER_WORDS = frozenset(
    "title tit heading headline kicker label caption credit credits image img media photo "
    "picture video figure byline author date time meta link links related share social nav "
    "menu ad ads advert promo newsletter tag tags topic breadcrumb button btn".split()
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_LETTER = re.compile(r"[^A-Za-z]+")
_WIDE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Never a lead: captions, menus, forms and what they hold.
_NOT_LEAD = frozenset("figure figcaption nav aside a button form select label time".split())
# A marked lead is not one of these (a header or section holding kicker, byline and lead).
_CONTAINERS = frozenset("header section article main body footer html table tr".split())
_PICTURES = frozenset("img picture figure video iframe".split())
_PICTURE_WORDS = frozenset("caption credit image img media photo picture figure video".split())
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LINES = frozenset("p div section li h2 h3 h4 h5 h6 br blockquote ul ol".split())
_DESCRIBED = ("p", "div", "h2", "h3", "h4", "span")
_INLINE = frozenset("a span b strong i em u font small mark".split())


def add_standfirst(
    container: etree._Element, root: etree._Element, main: str, title: str = ""
) -> bool:
    """Put the article's standfirst on top of ``container`` when both extractors left it out.

    It is printed after the headline (the last ``<h1>``, or the element printing ``title``,
    above the first line of ``main``) and before that line, and either says what the page's
    description (og:description) says, or is labelled as the lead ("核心提示：…", "导读：…"),
    or is set in an element the page marks as one (see ``_LEAD_WORDS``). True if added."""
    lines = [line for line in main.split("\n") if line.strip()]
    if not lines:
        return False
    first = _first_holder(root, lines[0])
    if first is None:
        return False
    order = {el: i for i, el in enumerate(root.iter())}
    start = order[first]
    heading_end = _heading_end(root, order, start, title)
    description = _norm(_description(root))
    if len(description) < MIN_STANDFIRST_CHARS:
        description = ""
    shown = shingle_set(container.text_content())
    enclosing = set(first.iterancestors())
    for el in root.iter(etree.Element):
        at = order[el]
        if at >= start:
            break
        if (heading_end is not None and at <= heading_end) or el in enclosing:
            continue
        found = _lead_lines(el, description, heading_end is not None, enclosing)
        found = [line for line in found if comparable(line) != comparable(title)]  # headline
        if found and coverage(list(shingle_set("\n".join(found))), shown) < MAX_SHOWN_SHARE:
            for line in reversed(found):
                paragraph = lxml.html.Element("p")
                paragraph.text = line
                container.insert(0, paragraph)
            return True
    return False


def _first_holder(root: etree._Element, line: str) -> etree._Element | None:
    """Where the page prints the line: the first holder of its start whose paragraph holds its
    first words too (not a headline that opens with the same name, not a link to it)."""
    found = holders(root, line)
    want = _norm(line)[:_FIRST_CHARS]
    for el in found:
        block = el
        while block.tag in _INLINE and block.getparent() is not None:
            block = block.getparent()
        if want in _norm(block.text_content()):
            return el
    return found[0] if found else None


def _heading_end(
    root: etree._Element, order: dict[etree._Element, int], start: int, title: str
) -> int | None:
    """Where the headline above the text ends: the last ``<h1>`` before ``start``, else the
    last element printing ``title``; None when neither is there."""
    headings = [h for h in root.iter("h1") if order[h] < start]
    if headings:  # a headline printed twice (two layouts): the lead follows the first
        last = _norm(headings[-1].text_content())
        headings = [next(h for h in headings if _norm(h.text_content()) == last)]
    if not headings and title:
        wanted = _norm(title)
        body = root.find(".//body")
        headings = [
            el
            for el in (body if body is not None else root).iter(etree.Element)
            if order[el] < start and _norm(el.text_content()) == wanted
        ]
    if not headings:
        return None
    return max(order[d] for d in headings[-1].iter())


def _lead_lines(
    el: etree._Element, description: str, headed: bool, enclosing: set[etree._Element]
) -> list[str]:
    """The lines of ``el`` when it is the standfirst ([] when not): the description printed,
    a labelled lead, or a block the page marks as its lead (``headed``: after a headline).
    ``enclosing``: the text's own ancestors (an ASP.NET page sets all of it in a ``<form>``)."""
    if any(
        (a.tag in _NOT_LEAD and a not in enclosing) or _hidden(a) for a in (el, *el.iterancestors())
    ):
        return []
    text = _norm(el.text_content())
    if not text:
        return []
    if el.tag in _DESCRIBED and description and _same_words(text, description):
        return [text]
    if not headed or len(text) > MAX_MARKED_SIZE:
        return []
    if el.tag in _DESCRIBED and _LABELLED_LEAD.match(text) and len(text) >= MIN_STANDFIRST_CHARS:
        return [text]
    if el.tag in _CONTAINERS or not _marked(el) or _link_share(el, text) > MAX_LINK_SHARE:
        return []
    found = [
        line
        for line in (_norm(x) for x in spaced_text(_unpictured(el), _LINES).split("\n"))
        if _size(line) >= MIN_MARKED_LINE and not (is_boilerplate(line) or is_call_to_action(line))
    ]
    return found if sum(map(_size, found)) >= MIN_MARKED_SIZE else []


def _marked(el: etree._Element) -> bool:
    """True when the element's class, id or a data-* value names it a lead, and none names
    it something else (``_OTHER_WORDS``; "sub-title" is a lead's name, "title" is not)."""
    values = [el.get("class", ""), el.get("id", "")]
    values += [v for k, v in el.attrib.items() if k.startswith("data-")]
    words = [w for v in values for w in _words(v)]
    subs = {i + 1 for i, w in enumerate(words[:-1]) if w == "sub" and words[i + 1] in _SUB_WORDS}
    if any(w in _OTHER_WORDS for i, w in enumerate(words) if i not in subs):
        return False
    return bool(subs) or any(w in _LEAD_WORDS for w in words)


def _unpictured(el: etree._Element) -> etree._Element:
    """A copy of the element without its pictures and their captions (a lead photo's box)."""
    copied = copy.deepcopy(el)
    copied.tail = None
    for d in list(copied.iter(etree.Element)):
        pictured = d.tag in _PICTURES or not _PICTURE_WORDS.isdisjoint(_words(d.get("class", "")))
        if pictured and d is not copied and d.getparent() is not None:
            d.getparent().remove(d)
        elif pictured:
            return lxml.html.Element("div")
    return copied


def _words(value: str) -> list[str]:
    """The words of an attribute value, camel case split: "teaserText" -> teaser, text."""
    return [w.lower() for w in _NOT_LETTER.split(_CAMEL.sub(" ", value)) if w]


def _hidden(el: etree._Element) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN.search(el.get("style", "")))
    )


def _link_share(el: etree._Element, text: str) -> float:
    linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
    return linked / len(text)


def _size(text: str) -> int:
    """Length that weighs a CJK character like two Latin letters."""
    return len(text) + len(_WIDE.findall(text))


def _description(root: etree._Element) -> str:
    for name in ("og:description", "description", "twitter:description"):
        found = root.xpath("//meta[@property=$n or @name=$n]/@content", n=name)
        if found and found[0].strip():
            return str(found[0])
    return ""


def _same_words(text: str, description: str) -> bool:
    """True when a printed paragraph is the description, the description cut short ("…"),
    the description behind a dateline ("Berlin. " + description) or before the site's name
    ("… - Anadolu Ajansı")."""
    cut = description.rstrip(".… ")
    if text == description or (len(cut) >= 0.8 * len(text) and text.startswith(cut)):
        return True
    if abs(len(text) - len(description)) > _AFFIX_CHARS:
        return False
    return text.endswith(description) or description.startswith(text)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
