"""Where sentences end, as the extraction rules read them: one module, so that a closing quote
or bracket added to one rule is added to all.

Two readings of a line's end: ``ENDS_MARKED`` (a sentence's mark or a closing quote or bracket:
"…说。", "(AP)", a quotation closing a paragraph) tells prose from a menu item or a label;
``ENDS_SENTENCE`` (a sentence's mark, then any closers: "…lag.“", "…了。」") tells a finished
sentence from a truncated teaser. ``SENTENCE_BREAK`` finds the breaks inside a text.
"""

from __future__ import annotations

import re

ENDS_MARKED = re.compile(r"[.!?。！？…\"”’'）)」』]\s*$")
ENDS_SENTENCE = re.compile(r"[.!?。！？…][\"'”’」』)）]*\s*$")
SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s|[。！？][」』）]*")
