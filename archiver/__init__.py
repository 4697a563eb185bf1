"""techmedia-archiver: archive tech-media articles into plain files that read offline."""

__version__ = "0.1.0"
