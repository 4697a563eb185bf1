"""Exports: the archive's articles written into other tools' formats (a Hexo blog, ...).

Exports read the archive only through ``archiver.folder`` and ``archiver.frontmatter`` and
never write into it.
"""
