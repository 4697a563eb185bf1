"""CSS selectors on lxml trees, translated to XPath once per process rather than per call.

``el.cssselect(s)`` translates ``s`` on every call; with a site's dozen selectors applied to
every page that translation cost as much as the queries themselves.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from lxml.cssselect import LxmlHTMLTranslator

_CSS = LxmlHTMLTranslator()


@lru_cache(maxsize=1024)
def _xpath(selector: str) -> str:
    return _CSS.css_to_xpath(selector)


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """``root.cssselect(selector)``, with the translation cached.

    The XPath object is made anew each time, as ``cssselect`` does: a reused one loses track
    of the ``:contains()`` extension function (lxml 6.1).
    """
    return etree.XPath(_xpath(selector))(root)
