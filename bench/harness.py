"""How ``bench/run.py`` measures a phase, keeps the best round and clears up after itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], cwd: Path, server: psutil.Process) -> dict:
    """Run ``cmd``: wall time, CPU of it and its reaped children (wait4), peak RSS of the tree,
    the main process's own CPU (last sample), and the server's CPU meanwhile."""
    server_cpu = sum(server.cpu_times()[:2])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, cpu, done, err = [0], {}, threading.Event(), []

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                total = 0
                for p in [root, *root.children(recursive=True)]:
                    try:
                        with p.oneshot():
                            total += p.memory_info().rss
                            cpu[p.pid] = sum(p.cpu_times()[:2])
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                done.wait(0.05)
        except psutil.Error:
            pass

    def drain() -> None:
        err.append(proc.stderr.read().decode("utf-8", "replace"))

    threads = [threading.Thread(target=fn, daemon=True) for fn in (sample, drain)]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    for thread in threads:
        thread.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "main_process_cpu_s": round(cpu.get(proc.pid, 0.0), 3),
        "peak_rss_mb": round(peak[0] / 2**20, 1),
        "server_cpu_s": round(sum(server.cpu_times()[:2]) - server_cpu, 3),
        "exit": proc.returncode,
        "stderr_tail": "".join(err).strip().splitlines()[-2:],
    }


def best(runs: list[dict], articles: int) -> dict:
    """The fastest of a phase's runs (the least disturbed by other jobs); the highest peak RSS."""
    phase = dict(min(runs, key=lambda r: r["wall_s"]))
    phase.update(
        walls_s=[r["wall_s"] for r in runs],
        peak_rss_mb=max(r["peak_rss_mb"] for r in runs),
        articles_per_s=round(articles / phase["wall_s"], 2),
        cpu_s_per_article=round(phase["cpu_s"] / articles, 4),
        server_cpu_share=round(phase["server_cpu_s"] / phase["wall_s"], 3),
    )
    return phase


SETTLE_S = 30
_DELETED_STAMP = ".deleted-at"


def discard(folders: list[Path], out: Path) -> None:
    """Delete the folders, write the deletion to disk and note when.

    ext4 skips inodes freed in the last 30 s when it allocates new ones (``recently_deleted``
    in a kernel profile), for 5 minutes more while their inode table is not yet written back:
    a crawl that follows the deletion of ~10,000 files pays for it in system time.
    """
    if not folders:
        return
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    os.sync()
    (out / _DELETED_STAMP).write_text(str(time.time()))


def settle(out: Path) -> None:
    """Wait until SETTLE_S have passed since the last ``discard`` (this run's or an earlier's)."""
    stamp = out / _DELETED_STAMP
    if stamp.is_file():
        time.sleep(max(0.0, float(stamp.read_text()) + SETTLE_S - time.time()))


def site_definition(out: Path) -> Path:
    """The bundled OFweek definition with its article URLs on 127.0.0.1: same selectors."""
    data = yaml.safe_load((ROOT / "archiver" / "sites" / "ofweek.yaml").read_text(encoding="utf-8"))
    data.update(
        site="ofweek",
        start_urls=[],
        allowed_domains=["127.0.0.1"],
        article_urls=[r"^http://127\.0\.0\.1(?::\d+)?/\d{4}-\d{2}/ART-\d+-\d+-\d+\.html$"],
    )
    path = out / "bench-site.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
