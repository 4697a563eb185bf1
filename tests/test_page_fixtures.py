"""Golden page-parsing cases (`tests/fixtures/pages/`): each page parses to its expected fields.

The OFweek and e-paper inputs are the recorded copies the crawl tests serve, so their parsing
is checked here in-process, without a crawl; the generic cases are real pages. After an
intended change, `python tests/fixtures/pages regen` rewrites the expectations (review the diff).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "pages"))

from cases import case_names, expected, parse_case  # noqa: E402


@pytest.mark.parametrize("name", case_names())
def test_page_parses_to_its_golden_fields(name):
    assert parse_case(name) == expected(name)
