"""Time the same workload on two source trees of govtext, alternating, in one run.

Usage::

    python benchmarks/compare_trees.py OLD_TREE NEW_TREE [--corpus DIR] [--rounds 3]

Each tree is a checkout (e.g. ``git worktree add /tmp/old 2b4877f``); the workload runs
in a fresh process with ``PYTHONPATH=<tree>`` so each side imports its own govtext, with
the same installed dependencies. Steps: tokenize every report (``PolicyTokenizer.cut``,
jieba and rjieba backends), ``gt.dtm``, ``gt.keywords``, ``gt.cooccurrence_graph`` on
each report, and the whole ``govtext report`` (cold, ``--no-cache``). Rounds alternate
old/new so both see the same machine load; the table gives medians and new/old ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

WORKLOAD = r"""
import json, sys, time
import govtext as gt
corpus = gt.load_corpus(sys.argv[1]) if sys.argv[1] != "-" else gt.datasets.load_sample()
out = {}
for backend in ("jieba", "rjieba"):
    tok = gt.PolicyTokenizer(backend=backend)
    tok.cut("预热")
    t = time.perf_counter()
    for r in corpus:
        tok.cut(r.text)
    out[f"cut ({backend})"] = time.perf_counter() - t
tok = gt.PolicyTokenizer()
t = time.perf_counter(); m = gt.dtm(corpus, tokenizer=tok); out["dtm"] = time.perf_counter() - t
t = time.perf_counter(); gt.keywords(m, top=20); out["keywords"] = time.perf_counter() - t
t = time.perf_counter()
for r in list(corpus)[:10]:
    gt.cooccurrence_graph(r, tokenizer=tok)
out["cooccurrence_graph x10"] = time.perf_counter() - t
print(json.dumps(out))
"""


def _run(tree: Path, corpus: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, "-c", WORKLOAD, corpus], capture_output=True, text=True, env=env
    )
    if proc.returncode:
        raise SystemExit(f"{tree}: workload failed\n{proc.stderr[-2000:]}")
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as d:
        args = ["--sample"] if corpus == "-" else [corpus]
        import time

        t = time.perf_counter()
        rep = subprocess.run(
            [sys.executable, "-m", "govtext", "report", *args, "-o", d + "/out", "--no-cache"],
            capture_output=True,
            text=True,
            env=env,
            cwd=d,
        )
        if rep.returncode:
            raise SystemExit(f"{tree}: govtext report failed\n{rep.stderr[-2000:]}")
        times["govtext report (cold)"] = time.perf_counter() - t
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", default="-", help="folder of reports (default: the sample)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for side in ("old", "new"):
            runs[side].append(_run(getattr(args, side), args.corpus))
    steps = list(runs["old"][0])
    print(f"old: {args.old}  new: {args.new}  corpus: {args.corpus}  rounds: {args.rounds}\n")
    print("| step | old (s, median) | new (s, median) | new / old |")
    print("| --- | ---: | ---: | ---: |")
    for s in steps:
        o = statistics.median(r[s] for r in runs["old"])
        n = statistics.median(r[s] for r in runs["new"])
        print(f"| {s} | {o:.3f} | {n:.3f} | {n / o:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
