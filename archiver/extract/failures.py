"""How a page-parsing pass that raised is told: one warning line, its traceback at DEBUG.

Parsing never lets an exception out (the next pass decides), yet a failing pass is a bug
worth knowing about; cron mails every warning, so the warning names the error in one line
and the traceback waits for ``-L DEBUG``.
"""

from __future__ import annotations

import logging
import sys


def log_failed_pass(log: logging.Logger, message: str, *args: object) -> None:
    """Log the exception being handled: ``message % args``, then the error, on one line."""
    error = sys.exc_info()[1]
    detail = " ".join(f"{type(error).__name__}: {error}".split()) if error else "unknown error"
    log.warning(message + " (%s)", *args, detail[:300])
    log.debug("The traceback of that failure:", exc_info=True)
