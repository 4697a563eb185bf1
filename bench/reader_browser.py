"""The browser half of ``bench/reader.py``: the reader from ``file://`` and Pagefind over HTTP.

Times are taken inside the page (``performance.now()``), from the moment a query is
submitted to the moment its first hit is on screen (ours: a row with its title drawn;
Pagefind: the first result's data loaded, what its UI waits for before drawing a row).
A query that does not finish within ``TIMEOUT_MS`` is reported with the time waited.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import psutil

from archiver.reader.serve import ReaderHandler, make_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = [  # also tests/test_browser.py's
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 60_000
# Ours: state set by static/index.js; the list says which query its rows belong to.
_FIRST_HIT = """q => {
  const list = document.getElementById('list');
  if (list.dataset.shownFor !== q) return false;
  return performance.now() - window.__asked;
}"""
_DONE = """q => document.body.dataset.state === 'done'
  || Number(document.getElementById('count').dataset.shown) >= 20"""


def _p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)], 1)


def _renderer_mb() -> float:
    """PSS of the biggest Chromium renderer started from this process: the tab's process
    (the others are Chromium's spare and blank ones, 20-50 MB each)."""
    sizes = [0]
    for proc in psutil.Process().children(recursive=True):
        try:
            if "--type=renderer" in proc.cmdline():
                sizes.append(proc.memory_full_info().pss)
        except psutil.Error:
            pass
    return round(max(sizes) / 2**20, 1)


def browser_figures(root: Path, queries: tuple[str, ...]) -> dict:
    """Index ready, first hit per query, and tab memory, in headless Chromium over file://."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out: dict = {"browser_queries": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((root / "index.html").as_uri(), wait_until="commit")
        page.wait_for_function(
            "() => document.body.dataset.state === 'ready'"
            " && document.getElementById('list').dataset.shownFor === ''",
            polling="raf",
            timeout=TIMEOUT_MS,
        )
        out["browser_ready_ms"] = round(page.evaluate("performance.now()"), 1)
        firsts = []
        for query in queries:
            page.evaluate(
                "q => { document.getElementById('q').value = q; window.__asked = performance.now();"
                " document.getElementById('search').requestSubmit(); }",
                query,
            )
            entry: dict = {}
            try:
                handle = page.wait_for_function(
                    _FIRST_HIT, arg=query, polling="raf", timeout=TIMEOUT_MS
                )
                entry["first_hit_ms"] = round(handle.json_value(), 1)
                firsts.append(entry["first_hit_ms"])
                page.wait_for_function(_DONE, arg=query, polling="raf", timeout=TIMEOUT_MS)
                entry["page_ms"] = round(page.evaluate("performance.now() - window.__asked"), 1)
            except PlaywrightError:
                waited = page.evaluate("performance.now() - window.__asked")
                entry["timed_out_after_ms"] = round(waited, 1)
                firsts.append(waited)
            entry["count"] = page.inner_text("#count")
            entry["rows"] = page.locator(".row:not(.pending)").count()
            out["browser_queries"][query] = entry
        out["browser_first_hit_p95_ms"] = _p95(firsts)
        out["tab_mb"] = _renderer_mb()
        heap = page.evaluate("performance.memory ? performance.memory.totalJSHeapSize : 0")
        out["tab_js_heap_mb"] = round(heap / 2**20, 1)
        out["browser_errors"] = errors[:5]
        browser.close()
    return out


def _pagefind(out: Path) -> Path:
    """The Pagefind binary, installed with npm under ``bench/out/pagefind`` if missing."""
    binary = out / "pagefind" / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        (out / "pagefind").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(out / "pagefind"),
                "pagefind@1",
            ],
            check=True,
            capture_output=True,
        )
    return binary


_PAGEFIND_READY = """async () => {
  const t = performance.now();
  window.pf = await import('/pagefind/pagefind.js');
  await window.pf.init();
  return performance.now() - t;
}"""
_PAGEFIND_QUERY = """async q => {
  const t = performance.now();
  const found = await window.pf.search(q);
  if (found.results.length) await found.results[0].data();
  return [performance.now() - t, found.results.length];
}"""


class _PagefindHandler(ReaderHandler):
    """archiver serve, with no CSP on Pagefind's files: its worker fetches and runs wasm."""

    def end_headers(self) -> None:
        if self.path.startswith("/pagefind/"):
            self.send_header("Cache-Control", "no-cache")
            super(ReaderHandler, self).end_headers()
        else:
            super().end_headers()


def pagefind_figures(root: Path, queries: tuple[str, ...], out: Path, run: Callable) -> dict:
    """Pagefind over the same article pages (their ``<article>``), served by archiver serve.

    ``run(cmd)`` runs its indexer and measures it (``reader.sampled``: wall time, peak memory
    of the process tree, the last lines it printed)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    bundle = root / "pagefind"
    shutil.rmtree(bundle, ignore_errors=True)
    indexed = run([str(_pagefind(out)), "--site", str(root), "--root-selector", "article"])
    result: dict = {
        "index_s": indexed["wall_s"],
        "index_peak_mb": indexed["peak_pss_mb"],
        "exit": indexed["exit"],
    }
    if indexed["exit"]:
        result["error"] = indexed["out"]
        return result
    result["index_mb"] = round(
        sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 1e6, 1
    )
    server = make_server(root, 0, _PagefindHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    firsts: list[float] = []
    result["queries"] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = browser.new_context(bypass_csp=True)  # Pagefind needs wasm, our CSP has none
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(base + "pagefind/")
            result["ready_ms"] = round(page.evaluate(_PAGEFIND_READY), 1)
            for query in queries:
                try:
                    ms, hits = page.evaluate(_PAGEFIND_QUERY, query)
                    result["queries"][query] = {"first_hit_ms": round(ms, 1), "hits": hits}
                    firsts.append(ms)
                except PlaywrightError as exc:
                    result["queries"][query] = {"error": str(exc)[:200]}
            result["tab_mb"] = _renderer_mb()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(bundle, ignore_errors=True)
    result["first_hit_p95_ms"] = _p95(firsts)
    return result
