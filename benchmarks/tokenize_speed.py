"""Speed of ``PolicyTokenizer.cut`` against plain jieba and rjieba, in 1 and 2 workers.

Usage::

    python benchmarks/tokenize_speed.py [CORPUS_DIR] [--repeat 5] [--workers 1 2]

CORPUS_DIR defaults to the bundled sample; the project measures on ../shared/corpus.
Every tokenizer is built and warmed up first (dictionary loading is not timed); every
round cuts every report of the corpus once with each tool in turn, and the table shows the
median over ``--repeat`` rounds. Plain jieba (``jieba.Tokenizer().lcut``) and plain rjieba
(``rjieba.cut``) cut the normalised text (the same input the policy tokenizer sees after
normalisation); the policy tokenizer's time includes normalisation. The worker rows run
``govtext.features.tokens.tokenize_texts`` (analysis tokens: ``tokenize``, i.e. cut + filters)
with ``n_jobs`` joblib worker processes; their time includes starting the workers'
tokenizers (each worker rebuilds its private dictionary), which is what a user pays.
Targets: throughput ratio (jieba time / govtext time) >= 0.8; the policy layer on the rjieba
backend at least half of plain rjieba's throughput (rjieba time / PolicyTokenizer(backend=
"rjieba") time >= 0.5, issue 17); identical tokens on both backends (checked here on every
report). ``--workers`` with no value leaves the worker rows out (a shorter run).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import alternate, median, ratio  # noqa: E402


def measure(
    folder: str | Path | None = None,
    repeat: int = 3,
    workers: tuple[int, ...] = (1, 2),
    cut_rows: bool = True,
    clock: str = "wall",
) -> dict[str, Any]:
    """Median seconds of each tokenizer over ``repeat`` rounds on one folder of reports.

    ``clock="cpu"`` times CPU seconds of this process instead of wall-clock seconds
    (steadier on a loaded machine; only without worker rows, whose work is elsewhere).

    ``cut_rows=False`` leaves out the ``PolicyTokenizer.cut`` rows (``rjieba_identity.py``
    times those); identity is then checked on the analysis tokens of the worker rows.

    Returns ``{"reports", "chars", "repeat", "rows", "identical", "differing"}``; each row
    has ``tool, backend, workers, repeats, median_s, chars_per_s, speed_vs_jieba``
    (plain jieba's median time / this tool's, same run).
    """
    import jieba

    import govtext as gt
    from govtext.datasets import sample_path
    from govtext.features.tokens import tokenize_texts

    jieba.setLogLevel(logging.WARNING)
    folder = Path(folder) if folder else sample_path()
    raw = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    norm = [gt.normalize(t) for t in raw]
    n_chars = sum(map(len, norm))
    plain = jieba.Tokenizer()
    plain.initialize()
    tok = gt.PolicyTokenizer()
    tok.cut("预热")
    fns: dict[str, Any] = {"jieba.Tokenizer().lcut": lambda: [plain.lcut(t) for t in norm]}
    meta = {"jieba.Tokenizer().lcut": ("jieba", 1)}
    try:
        import rjieba

        rjieba.cut("预热")
        fns["rjieba.cut"] = lambda: [rjieba.cut(t) for t in norm]
        meta["rjieba.cut"] = ("rjieba", 1)
    except ImportError:
        pass
    if cut_rows:
        fns["PolicyTokenizer().cut"] = lambda: [tok.cut(t) for t in raw]
        meta["PolicyTokenizer().cut"] = ("jieba", 1)
    fast = None
    try:
        fast = gt.PolicyTokenizer(backend="rjieba")
        fast.cut("预热")
    except gt.MissingExtraError:
        pass
    if fast is not None and cut_rows:
        fns["PolicyTokenizer(backend='rjieba').cut"] = lambda: [fast.cut(t) for t in raw]
        meta["PolicyTokenizer(backend='rjieba').cut"] = ("rjieba", 1)
    for label, t in (("jieba", tok), ("rjieba", fast)):
        if t is None:
            continue
        for n in workers:
            name = f"tokenize_texts(n_jobs={n}), {label} backend"
            fns[name] = lambda t=t, n=n: tokenize_texts(raw, t, n_jobs=n)
            meta[name] = (label, n)
    if clock == "cpu":
        if workers:
            raise ValueError("clock='cpu' times this process only: leave the worker rows out")
        times, out = _alternate_cpu(fns, repeat)
    else:
        times, out = alternate(fns, repeat)
    base = median(times["jieba.Tokenizer().lcut"])
    rows = []
    for name, ts in times.items():
        m = median(ts)
        rows.append(
            {
                "tool": name,
                "backend": meta[name][0],
                "workers": meta[name][1],
                "repeats": len(ts),
                "median_s": m,
                "chars_per_s": n_chars / m,
                "speed_vs_jieba": ratio(base, m),
            }
        )
    identical = differing = None
    if fast is not None:
        if cut_rows:
            a, b = out["PolicyTokenizer().cut"], out["PolicyTokenizer(backend='rjieba').cut"]
        else:
            n = workers[0]
            a = out[f"tokenize_texts(n_jobs={n}), jieba backend"]
            b = out[f"tokenize_texts(n_jobs={n}), rjieba backend"]
        differing = [p.stem for p, x, y in zip(sorted(folder.glob("*.txt")), a, b) if x != y]
        identical = not differing
    return {
        "corpus": str(folder),
        "reports": len(raw),
        "chars": n_chars,
        "repeat": repeat,
        "rows": rows,
        "identical": identical,
        "identical_what": "cut pieces" if cut_rows else "analysis tokens",
        "differing": differing,
    }


def _alternate_cpu(
    fns: dict[str, Any], repeat: int
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """``_bench.alternate`` with CPU seconds of this process (``time.process_time``)."""
    import gc
    import time

    times: dict[str, list[float]] = {k: [] for k in fns}
    out: dict[str, Any] = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            t = time.process_time()
            out[name] = fn()
            times[name].append(time.process_time() - t)
    return times, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "corpus", nargs="?", default=None, help="folder of reports (default: bundled sample)"
    )
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--workers", type=int, nargs="*", default=[1, 2], help="worker rows (none: leave out)"
    )
    ap.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="cpu: CPU seconds of this process (needs --workers with no value)",
    )
    args = ap.parse_args(argv)
    if args.clock == "cpu" and args.workers:
        ap.error("--clock cpu times this process only: give --workers with no value")
    import os
    import platform

    load = os.getloadavg()
    res = measure(args.corpus, args.repeat, tuple(args.workers), clock=args.clock)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average (1/5/15 min) before "
        + "/".join(f"{x:.2f}" for x in load)
        + ", after "
        + "/".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(
        f"{res['corpus']}: {res['reports']} reports, {res['chars']:,} characters, "
        f"{args.repeat} runs (median), {args.clock} seconds\n"
    )
    print(f"{'tokenizer':<42}{'seconds':>10}{'chars/s':>14}{'vs jieba':>10}")
    for r in res["rows"]:
        print(
            f"{r['tool']:<42}{r['median_s']:>10.2f}{r['chars_per_s']:>14,.0f}"
            f"{r['speed_vs_jieba']:>10.2f}"
        )
    rows = {r["tool"]: r for r in res["rows"]}
    g = rows["PolicyTokenizer().cut"]
    print(f"\nthroughput ratio (govtext / jieba): {g['speed_vs_jieba']:.3f}")
    f = rows.get("PolicyTokenizer(backend='rjieba').cut")
    raw = rows.get("rjieba.cut")
    if f is not None and raw is not None:
        print(
            "policy layer on rjieba (PolicyTokenizer(backend='rjieba').cut / rjieba.cut): "
            f"{ratio(raw['median_s'], f['median_s']):.3f}"
        )
    if f is not None:
        print(
            f"rjieba backend / jieba backend: {ratio(g['median_s'], f['median_s']):.2f}x; "
            f"identical tokens on every report: {res['identical']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
