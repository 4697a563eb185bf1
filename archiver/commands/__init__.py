"""Subcommands of the ``archiver`` console script, one module each (see archiver.cli)."""
