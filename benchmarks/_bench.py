"""Helpers shared by the benchmark scripts and ``run_suite.py`` (not part of the package).

* :func:`alternate` times several callables in turn, ``repeat`` rounds, so that every tool
  sees the same state of a shared machine; :func:`median` and :func:`ratio` summarise.
* :func:`md_table` renders rows (dicts) as a Markdown table with formatted numbers.
* :func:`machine` describes the machine, the interpreter and the library versions.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def alternate(
    fns: dict[str, Callable[[], Any]], repeat: int, repeats: dict[str, int] | None = None
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Wall-clock seconds of each callable over ``repeat`` rounds, called in turn each round.

    ``repeats`` may lower the number of rounds of a slow callable (it then runs in the
    first rounds only). Returns the times per name and the last result of each.

    Examples
    --------
    >>> times, out = alternate({"a": lambda: 1, "b": lambda: 2}, 3)
    >>> [len(times["a"]), out["b"]]
    [3, 2]
    """
    times: dict[str, list[float]] = {k: [] for k in fns}
    out: dict[str, Any] = {}
    repeats = repeats or {}
    for i in range(repeat):
        for name, fn in fns.items():
            if i >= repeats.get(name, repeat):
                continue
            gc.collect()
            t = time.perf_counter()
            out[name] = fn()
            times[name].append(time.perf_counter() - t)
    return times, out


def median(xs: Sequence[float]) -> float:
    """Median of a non-empty sequence (``nan`` if empty)."""
    return statistics.median(xs) if xs else float("nan")


def ratio(a: float, b: float) -> float:
    """``a / b``, ``nan`` when ``b`` is 0 or not a number."""
    try:
        return a / b if b else float("nan")
    except TypeError:
        return float("nan")


def fmt(v: Any) -> str:
    """One table cell: floats to 3 significant digits (>= 100 as integers with commas).

    Examples
    --------
    >>> [fmt(0.012345), fmt(2.5), fmt(1234.5), fmt(12000), fmt(True), fmt(None)]
    ['0.0123', '2.50', '1,234', '12,000', 'yes', '']
    """
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v != v:
            return "n/a"
        a = abs(v)
        if a >= 100:
            return f"{v:,.0f}"
        if a >= 10:
            return f"{v:.1f}"
        if a >= 1:
            return f"{v:.2f}"
        if a == 0:
            return "0"
        return f"{v:#.3g}"
    return str(v).replace("|", "\\|").replace("\n", " ")


def md_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Markdown table of ``rows``; numeric columns right-aligned.

    Examples
    --------
    >>> print(md_table([{"tool": "a", "s": 1.5}, {"tool": "b", "s": 0.25}]))
    | tool | s |
    |---|---:|
    | a | 1.50 |
    | b | 0.250 |
    """
    if not rows:
        return "(no rows)"
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))

    def numeric(c: str) -> bool:
        vals = [r.get(c) for r in rows if r.get(c) is not None]
        return bool(vals) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals
        )

    head = "| " + " | ".join(columns) + " |"
    sep = "|" + "|".join("---:" if numeric(c) else "---" for c in columns) + "|"
    body = ["| " + " | ".join(fmt(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join([head, sep, *body])


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def version(dist: str) -> str:
    """Installed version of a distribution, or ``"not installed"``."""
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def load() -> str:
    """The 1, 5 and 15 minute load averages (``?`` where unknown)."""
    if hasattr(os, "getloadavg"):
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    return "?"


def machine() -> dict[str, str]:
    """Machine, interpreter and library versions as ``{label: value}``."""
    import sys

    osr = ""
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osr = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    info = {
        "CPU": _cpu_model(),
        "cores (os.cpu_count)": str(os.cpu_count()),
        "RAM": f"{_ram_gib():.1f} GiB",
        "OS": f"{osr or platform.system()} ({platform.platform()})",
        "Python": f"{platform.python_version()} ({sys.executable})",
    }
    for dist in (
        "govtext",
        "jieba",
        "rjieba",
        "scikit-learn",
        "scipy",
        "numpy",
        "gensim",
        "networkx",
        "dask",
        "distributed",
        "joblib",
    ):
        info[dist] = version(dist)
    return info


def git_commit() -> str:
    """Commit of the working tree (``+dirty`` when tracked files differ from it)."""
    sha = _run(["git", "-C", str(REPO), "rev-parse", "HEAD"])
    if not sha:
        return "unknown"
    dirty = _run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"])
    return sha + (" (+ uncommitted changes)" if dirty else "")
