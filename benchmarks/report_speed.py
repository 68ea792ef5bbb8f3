"""Wall-clock time of ``govtext report`` on the bundled sample and on a corpus folder.

Usage::

    python benchmarks/report_speed.py                      # the bundled sample only
    python benchmarks/report_speed.py --corpus ../shared/corpus
    python benchmarks/report_speed.py --corpus ../shared/corpus --sections

For each corpus it runs the real command (``python -m govtext report ... -o TMP --quiet``)
in a fresh process, so imports, jieba's dictionary and writing every file are included,
and prints the wall-clock and CPU time next to the goal (sample < 60 s, 178 reports
< 180 s wall clock); CPU time shows what a quiet machine would take. With
``--sections`` it also times each section builder in this process. Also prints the load
average, as other work on the machine slows the run down.

:func:`cold_warm` (used by ``run_suite.py``) runs the command twice on one corpus with the
same fresh, empty token cache folder (``--cache-dir``): the first run is cold (tokenises
and fills the cache), the second warm (reads the tokens back). If this version of the CLI
has no ``--cache-dir`` option, only the cold run is made and ``cache_option`` is False.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_cli(args: list[str]) -> tuple[float, float, int, str]:
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cmd = [sys.executable, "-m", "govtext", "report", *args, "-o", str(out), "--quiet"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        n_files = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        return dt, cpu, proc.returncode, f"{n_files} files"


def has_cache_option() -> bool:
    """Whether ``govtext report --help`` lists ``--cache-dir``."""
    proc = subprocess.run(
        [sys.executable, "-m", "govtext", "report", "--help"], capture_output=True, text=True
    )
    return "--cache-dir" in proc.stdout


def cold_warm(corpus: str | None = None, warm_runs: int = 1) -> dict:
    """Wall and CPU seconds of ``govtext report`` on ``corpus`` (default: ``--sample``), cold
    then warm, with one fresh cache folder (also set as ``GOVTEXT_CACHE_DIR``, so the user's
    own cache is never read).

    Returns ``{"cache_option", "runs": [{"run", "wall_s", "cpu_s", "exit", "files"}],
    "speed_up"}`` where ``speed_up`` = cold wall / median warm wall (None without a cache).
    """
    import statistics

    src = ["--sample"] if corpus is None else [str(corpus)]
    opt = has_cache_option()
    runs = []
    with tempfile.TemporaryDirectory() as cache:
        env_old = os.environ.get("GOVTEXT_CACHE_DIR")
        os.environ["GOVTEXT_CACHE_DIR"] = cache
        try:
            extra = ["--cache-dir", cache] if opt else []
            for i in range(1 + (warm_runs if opt else 0)):
                dt, cpu, code, files = run_cli([*src, *extra])
                runs.append(
                    {
                        "run": "cold" if i == 0 else f"warm {i}",
                        "wall_s": dt,
                        "cpu_s": cpu,
                        "exit": code,
                        "files": files,
                    }
                )
        finally:
            if env_old is None:
                os.environ.pop("GOVTEXT_CACHE_DIR", None)
            else:
                os.environ["GOVTEXT_CACHE_DIR"] = env_old
    warm = [r["wall_s"] for r in runs[1:]]
    return {
        "cache_option": opt,
        "runs": runs,
        "speed_up": runs[0]["wall_s"] / statistics.median(warm) if warm else None,
    }


def time_sections(corpus_arg: str | None) -> None:
    import govtext as gt
    from govtext import reportsections as rs

    corpus = gt.datasets.load_sample() if corpus_arg is None else gt.load_corpus(corpus_arg)
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        ctx = rs.ReportContext.create(
            corpus, Path(tmp), by="year", tokenizer=None, top=10, n_topics=None,
            max_groups=12, random_state=0,
        )  # fmt: skip
        print(
            f"  {'tokenize+DTM':<12} {time.perf_counter() - t0:7.1f} s wall {time.process_time() - c0:7.1f} s CPU"
        )
        for key, builder in rs.SECTION_BUILDERS:
            t0, c0 = time.perf_counter(), time.process_time()
            sec = rs.run_builder(key, builder, ctx)
            print(
                f"  {key:<12} {time.perf_counter() - t0:7.1f} s wall {time.process_time() - c0:7.1f} s CPU  {sec.status}"
            )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", help="folder of reports (default: only the bundled sample)")
    ap.add_argument("--sections", action="store_true", help="also time each section builder")
    ns = ap.parse_args()
    runs = [("bundled sample (30 reports)", ["--sample"], 60.0, None)]
    if ns.corpus:
        n = sum(1 for p in Path(ns.corpus).rglob("*.txt"))
        runs.append((f"{ns.corpus} ({n} reports)", [ns.corpus], 180.0, ns.corpus))
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'corpus':<45} {'wall s':>8} {'CPU s':>7} {'goal':>6}  result")
    for label, args, goal, path in runs:
        dt, cpu, code, files = run_cli(args)
        ok = "ok" if code == 0 and dt < goal else ("FAILED" if code else "too slow")
        print(
            f"{label:<45} {dt:8.1f} {cpu:7.1f} {goal:6.0f}  {ok} (exit {code}, {files}, "
            f"load {os.getloadavg()[0]:.1f})"
        )
        if ns.sections:
            time_sections(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
