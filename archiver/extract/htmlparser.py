"""lxml's HTML parser without lxml.html's per-element class lookup in Python.

lxml.html gives form fields classes of their own by running a Python method for every element
a walk touches; nothing here uses them, and parsing and walking a page cost 3-5% (a third of a
small body's parse) less with every element a plain ``HtmlElement``.
"""

from __future__ import annotations

from typing import Any

import lxml.html
from lxml import etree


def html_parser(**options: Any) -> lxml.html.HTMLParser:
    """lxml.html's parser, set up with ``options``, whose elements are all ``HtmlElement``."""
    parser = lxml.html.HTMLParser(**options)
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser
