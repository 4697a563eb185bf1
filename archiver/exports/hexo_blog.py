"""A Hexo blog folder as the export sees it: the ``_config.yml`` keys that decide URLs and dates.

Read once and checked (``HexoBlog.load``): a folder that is not a Hexo blog raises
``BlogError`` with one line that says why, before anything is written. Defaults are Hexo
7's own (``hexo/dist/hexo/default_config.js``), and ``root`` is derived from ``url`` as Hexo
derives it when the config leaves it out.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

CONFIG_FILE = "_config.yml"
# Extensions hexo-renderer-marked renders; a post must carry the one of ``new_post_name``
# when ``post_asset_folder`` is on, or Hexo takes it for an asset.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext")


class BlogError(ValueError):
    """A folder that is not a Hexo blog, or a ``_config.yml`` Hexo itself would refuse."""


@dataclass(frozen=True)
class HexoBlog:
    """The settings of one Hexo blog that the URLs and dates of exported posts depend on."""

    folder: Path
    url: str = "http://example.com"
    root: str = "/"
    permalink: str = ":year/:month/:day/:title/"
    permalink_defaults: dict[str, Any] = field(default_factory=dict)
    post_asset_folder: bool = False
    timezone: str = ""  # an IANA zone; "" = the machine's own zone, as Hexo does
    source_dir: str = "source"
    new_post_name: str = ":title.md"
    filename_case: int = 0
    default_category: str = "uncategorized"
    category_map: dict[str, Any] = field(default_factory=dict)

    @property
    def posts_dir(self) -> Path:
        """``source/_posts``: where Hexo looks for posts."""
        return self.folder / self.source_dir / "_posts"

    @property
    def source(self) -> Path:
        """The blog's ``source`` folder: everything in it not starting with ``_`` is published."""
        return self.folder / self.source_dir

    @property
    def post_extension(self) -> str:
        """File extension of exported posts: ``new_post_name``'s when it is Markdown, else .md."""
        ext = posixpath.splitext(self.new_post_name)[1].lower()
        return ext if ext in MARKDOWN_EXTENSIONS else ".md"

    def zone(self) -> ZoneInfo | None:
        """The blog's zone, or None when Hexo uses the machine's."""
        return ZoneInfo(self.timezone) if self.timezone else None

    def fingerprint(self) -> str:
        """Changes whenever the URL or date of an exported post could change."""
        keys = {k: v for k, v in vars(self).items() if k != "folder"}
        if not self.timezone:  # dates in permalinks then follow the machine's zone
            keys["machine_zone"] = [time.tzname, time.timezone, time.altzone]
        text = json.dumps(keys, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def load(cls, folder: Path) -> HexoBlog:
        """The blog in ``folder``; BlogError (one line) when it is not one."""
        config_path = folder / CONFIG_FILE
        if not folder.is_dir():
            raise BlogError(f"{folder} is not a Hexo blog (no such folder)")
        if not config_path.is_file():
            raise BlogError(f"{folder} is not a Hexo blog (no {CONFIG_FILE}; run `hexo init`)")
        _check_package(folder)
        try:
            config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            why = " ".join(str(exc).split())
            raise BlogError(f"{config_path} does not parse: {why}") from None
        if config is None:
            config = {}
        if not isinstance(config, dict):
            raise BlogError(f"{config_path} does not parse: not a mapping of settings")
        return cls._from_config(folder, config, config_path)

    @classmethod
    def _from_config(cls, folder: Path, config: dict[str, Any], where: Path) -> HexoBlog:
        d = cls(folder=folder)
        url = config.get("url") or d.url
        if not isinstance(url, str) or not urlsplit(url).scheme:
            raise BlogError(f"{where}: url must be a URL such as https://example.com, not {url!r}")
        root = config.get("root") or urlsplit(url).path or "/"
        if not isinstance(root, str) or not root.strip():
            raise BlogError(f"{where}: root must be a path such as /, not {root!r}")
        zone = config.get("timezone") or ""
        if zone:
            try:
                ZoneInfo(str(zone))
            except (ZoneInfoNotFoundError, ValueError):
                raise BlogError(f"{where}: timezone {zone!r} is not a known zone name") from None
        permalink = config.get("permalink") or d.permalink
        if not isinstance(permalink, str):
            raise BlogError(f"{where}: permalink must be a string, not {permalink!r}")
        return cls(
            folder=folder,
            url=url.rstrip("/"),
            root=root.rstrip("/") + "/",  # Hexo trims trailing slashes to one
            permalink=permalink,
            permalink_defaults=_mapping(config.get("permalink_defaults")),
            post_asset_folder=bool(config.get("post_asset_folder", d.post_asset_folder)),
            timezone=str(zone),
            source_dir=str(config.get("source_dir") or d.source_dir).strip("/"),
            new_post_name=str(config.get("new_post_name") or d.new_post_name),
            filename_case=_int(config.get("filename_case")),
            default_category=str(config.get("default_category") or d.default_category),
            category_map=_mapping(config.get("category_map")),
        )


def _check_package(folder: Path) -> None:
    """Hexo's own test of a blog folder: a ``package.json`` with a ``hexo`` key."""
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        package = None
    if not isinstance(package, dict) or "hexo" not in package:
        raise BlogError(
            f"{folder} is not a Hexo blog (no package.json with a hexo key; run `hexo init`)"
        )


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
