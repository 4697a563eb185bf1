"""The exit status of a command stopped before it began (SPEC §3), one mapping for all.

2: bad input (arguments, settings, a site definition); 75 (EX_TEMPFAIL): another run holds
the archive, or the blog, so cron should simply try later; 1: the state cannot be used.
"""

from __future__ import annotations

from scrapy.exceptions import UsageError

from archiver.archive import ArchiveLocked
from archiver.extract.rules import SiteDefinitionError
from archiver.state import StateError

EX_TEMPFAIL = 75
START_ERRORS = (UsageError, SiteDefinitionError, ArchiveLocked, StateError)


def exit_status(exc: Exception) -> int:
    """The status for one of ``START_ERRORS``."""
    if isinstance(exc, ArchiveLocked):
        return EX_TEMPFAIL
    return 1 if isinstance(exc, StateError) else 2
