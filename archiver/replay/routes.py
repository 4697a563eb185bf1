"""Per-URL overrides and faults from ``SITES_DIR/HOST/_routes.yaml``, re-read when it changes."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

log = logging.getLogger(__name__)


@dataclass
class RequestRecord:
    """One request the proxy answered (CONNECTs are counted apart, in ``connects``)."""

    method: str
    url: str
    headers: dict[str, str]
    time: float
    status: int | None = None
    client: str = ""

    @property
    def referer(self) -> str | None:
        return self.header("Referer")

    def header(self, name: str) -> str | None:
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return None


@dataclass
class Route:
    """What ``_routes.yaml`` says about one path: overrides and faults (README: the keys)."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: int | bool = False
    redirect: str | None = None
    body_file: str | None = None
    body: str | None = None


class RouteTable:
    """``HOST/_routes.yaml``, re-read when its mtime changes."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Route | None:
        with self._lock:
            try:
                st = self.path.stat()
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                self._stamp, self._routes = None, {}
                return None
            if stamp != self._stamp:
                self._routes = self._load()
                self._stamp = stamp
            route = self._routes.get(key)
            if route is None:
                route = self._routes.get(unquote(key))
            return route

    def _load(self) -> dict[str, Route]:
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            log.error("replay: cannot read %s: %s", self.path, exc)
            return {}
        routes: dict[str, Route] = {}
        if not isinstance(data, dict):
            log.error("replay: %s must be a mapping of path -> options", self.path)
            return {}
        for key, opts in data.items():
            key = str(key)
            if not key.startswith("/"):
                key = "/" + key
            opts = opts or {}
            if not isinstance(opts, dict):
                log.error("replay: %s: options of %s must be a mapping", self.path, key)
                continue
            unknown = set(opts) - {
                "status",
                "headers",
                "delay",
                "drop",
                "redirect",
                "body_file",
                "body",
                "comment",
            }
            if unknown:
                log.warning("replay: %s: unknown keys for %s: %s", self.path, key, sorted(unknown))
            drop = opts.get("drop", False)
            routes[key] = Route(
                status=int(opts["status"]) if opts.get("status") is not None else None,
                headers={str(k): str(v) for k, v in (opts.get("headers") or {}).items()},
                delay=float(opts.get("delay") or 0),
                drop=drop if isinstance(drop, bool) else int(drop),
                redirect=opts.get("redirect"),
                body_file=opts.get("body_file"),
                body=opts.get("body"),
            )
        return routes
