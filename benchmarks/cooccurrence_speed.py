"""Speed and memory of ``govtext.cooccurrence`` against a naive pair-counting loop.

Usage::

    python benchmarks/cooccurrence_speed.py [CORPUS_DIR] [--repeat 3] [--naive-repeat 1]
        [--windows-cache FILE] [--cntext-python PATH --cntext-reports 10]

CORPUS_DIR defaults to the bundled sample. The reports are tokenised once (not timed);
then, for sentence and paragraph windows, the same token windows go to

* ``govtext.cooccurrence(windows)`` — binary window × term matrix ``X``, one product Xᵀ·X
  (row blocks of it on as many threads as this process has CPUs, shown in the header);
* a naive reference — a ``Counter`` over the sorted pairs of each window's distinct terms
  (``itertools.combinations``), plus a ``Counter`` of terms for the diagonal.

Both results are checked to be equal entry by entry; times are the best of ``--repeat``
runs (``--naive-repeat`` for the naive loop), as wall-clock seconds and as CPU seconds of
this process (on a shared machine the wall clock also counts other programs' turns);
peak memory is measured in a separate run of each under ``tracemalloc``.

With ``--cntext-python``, cntext's ``co_occurrence_matrix`` (a dense pandas frame; it
segments with the global jieba and counts a sliding window of 2 tokens) is timed on the
first ``--cntext-reports`` county reports in that interpreter (cntext is not a govtext
dependency; install it in its own virtual environment), next to
``govtext.cooccurrence(texts, window="report", distance=2)`` on the same reports,
tokenisation included for both.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import pickle
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np

import govtext as gt
from govtext._runtime.sparse import cpu_threads
from govtext.network.windows import split_windows

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import alternate, median  # noqa: E402


def naive(windows):
    single: Counter = Counter()
    pairs: Counter = Counter()
    for w in windows:
        terms = sorted(set(w))
        single.update(terms)
        pairs.update(itertools.combinations(terms, 2))
    return single, pairs


def same(c, single, pairs) -> bool:
    if c.vocab != sorted(single):
        return False
    ti = c.term_index
    if not np.array_equal(c.window_count, np.array([single[t] for t in c.vocab])):
        return False
    import scipy.sparse as sp

    up = sp.triu(c.matrix, k=1).tocoo()
    if up.nnz != len(pairs):
        return False
    got = dict(zip(zip(up.row.tolist(), up.col.tolist()), up.data.tolist()))
    return all(got.get((ti[a], ti[b])) == n for (a, b), n in pairs.items())


def best_time(fn, repeat):
    """Best wall-clock and best CPU time (this process) of ``repeat`` runs, and the result.

    CPU time is reported too because a shared machine stretches wall time."""
    best = cpu = float("inf")
    out = None
    for _ in range(repeat):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return best, cpu, out


def peak_mib(fn):
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


CNTEXT_SCRIPT = r"""
import json, sys, time, resource, warnings
warnings.filterwarnings("ignore")
texts = json.load(open(sys.argv[1], encoding="utf-8"))
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 1
import cntext as ct
ct.co_occurrence_matrix(["预热：推进乡村振兴。"], window_size=2, lang="chinese")  # load jieba
times = []
for _ in range(repeat):
    t = time.perf_counter()
    df = ct.co_occurrence_matrix(texts, window_size=2, lang="chinese")
    times.append(time.perf_counter() - t)
print(json.dumps({"seconds": min(times), "times": times, "shape": list(df.shape),
                  "frame_mib": float(df.memory_usage(deep=True).sum()) / 2**20,
                  "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "version": getattr(ct, "__version__", "?")}))
"""


def cntext_measure(python: str, corpus, n: int, tok, repeat: int = 1) -> dict:
    """cntext's ``co_occurrence_matrix`` (in ``python``) and govtext on the first ``n``
    county reports, tokenisation included for both, ``repeat`` runs each (medians).

    Returns ``{"ok": False, "why": ...}`` when cntext cannot run with that interpreter."""
    import statistics
    import tempfile

    counties = [r for r in corpus if r.meta.get("level") == "county"][:n]
    if not counties:
        return {"ok": False, "why": "no county reports in the corpus"}
    texts = [r.text for r in counties]
    chars = sum(map(len, texts))
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "texts.json"
        src.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        script = Path(d) / "run_cntext.py"
        script.write_text(CNTEXT_SCRIPT, encoding="utf-8")
        try:
            proc = subprocess.run(
                [python, str(script), str(src), str(repeat)], capture_output=True, text=True
            )
        except OSError as e:
            return {"ok": False, "why": f"cannot start {python}: {e}"}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"ok": False, "why": f"did not run with {python}: {tail}"}
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        c = gt.cooccurrence(texts, tokenizer=tok, window="report", distance=2)
        times.append(time.perf_counter() - t)
    mat_mib = (c.matrix.data.nbytes + c.matrix.indices.nbytes + c.matrix.indptr.nbytes) / 2**20
    return {
        "ok": True,
        "reports": len(texts),
        "chars": chars,
        "cntext_version": res.get("version", "?"),
        "cntext_s": statistics.median(res.get("times", [res["seconds"]])),
        "cntext_shape": res["shape"],
        "cntext_frame_mib": res["frame_mib"],
        "cntext_rss_mib": res["max_rss_mib"],
        "govtext_s": statistics.median(times),
        "govtext_terms": len(c.vocab),
        "govtext_nnz": int(c.matrix.nnz),
        "govtext_mib": mat_mib,
        "repeat": repeat,
    }


def run_cntext(python: str, corpus, n: int, tok) -> None:
    res = cntext_measure(python, corpus, n, tok)
    if not res["ok"]:
        print(f"cntext: {res['why']}")
        return
    print(
        f"\n## cntext vs govtext on {res['reports']} county reports ({res['chars']:,} chars), "
        "tokenisation included\n"
    )
    print("| tool | seconds | matrix | memory |")
    print("|---|---:|---|---:|")
    print(
        f"| cntext co_occurrence_matrix(window_size=2) | {res['cntext_s']:.2f} | dense "
        f"{res['cntext_shape'][0]:,} × {res['cntext_shape'][1]:,} DataFrame | frame "
        f"{res['cntext_frame_mib']:.1f} MiB, process max RSS {res['cntext_rss_mib']:.0f} MiB |"
    )
    print(
        f"| govtext cooccurrence(distance=2) | {res['govtext_s']:.2f} | sparse "
        f"{res['govtext_terms']:,} × {res['govtext_terms']:,}, {res['govtext_nnz']:,} non-zeros "
        f"| matrix {res['govtext_mib']:.1f} MiB |"
    )
    print(
        "\n(cntext keeps every jieba token, punctuation and stopwords included; govtext's tokens "
        "are filtered, so the vocabularies differ.)"
    )


def measure(
    folder=None,
    repeat: int = 3,
    naive_repeat: int = 1,
    cntext_python: str | None = None,
    cntext_reports: int = 10,
) -> dict:
    """Median seconds of ``gt.cooccurrence`` and of the naive loop on the same windows.

    The corpus is tokenised once (timed separately, not part of either); each round runs
    both on sentence and on paragraph windows and checks that the counts are equal.
    Rows: ``windows, count, terms, nnz, govtext_s, naive_s, speed_up, equal, repeats``.
    """
    corpus = gt.load_corpus(folder) if folder else gt.datasets.load_sample()
    tok = gt.PolicyTokenizer()
    tok.cut("预热")
    t = time.perf_counter()
    pieces = [tok.cut(r.text) for r in corpus]
    all_windows = {
        kind: [w for p in pieces for w in split_windows(p, kind, tok)]
        for kind in ("sentence", "paragraph")
    }
    t_cut = time.perf_counter() - t
    rows = []
    for kind, windows in all_windows.items():
        times, out = alternate(
            {"govtext": lambda w=windows: gt.cooccurrence(w), "naive": lambda w=windows: naive(w)},
            max(repeat, naive_repeat),
            {"govtext": repeat, "naive": naive_repeat},
        )
        c = out["govtext"]
        ok = same(c, *out["naive"])
        del out
        rows.append(
            {
                "windows": kind,
                "count": len(windows),
                "tokens": sum(map(len, windows)),
                "terms": len(c.vocab),
                "nnz": int(c.matrix.nnz),
                "govtext_s": median(times["govtext"]),
                "naive_s": median(times["naive"]),
                "speed_up": median(times["naive"]) / median(times["govtext"]),
                "equal": ok,
                "repeats": f"{len(times['govtext'])} / {len(times['naive'])}",
            }
        )
    res = {
        "reports": len(corpus),
        "chars": sum(len(r.text) for r in corpus),
        "tokenize_s": t_cut,
        "threads": cpu_threads(),
        "rows": rows,
    }
    if cntext_python:
        res["cntext"] = cntext_measure(cntext_python, corpus, cntext_reports, tok, repeat)
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", help="folder of reports (default: the bundled sample)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of govtext (best counts)")
    ap.add_argument("--naive-repeat", type=int, default=1, help="runs of the naive loop")
    ap.add_argument("--windows-cache", help="pickle of the token windows (made if missing)")
    ap.add_argument("--backend", default="jieba", choices=["jieba", "rjieba"])
    ap.add_argument("--cntext-python", help="python of a virtual environment with cntext installed")
    ap.add_argument("--cntext-reports", type=int, default=10)
    args = ap.parse_args(argv)

    corpus = gt.load_corpus(args.corpus) if args.corpus else gt.datasets.load_sample()
    chars = sum(len(r.text) for r in corpus)
    tok = gt.PolicyTokenizer(backend=args.backend)
    cache = Path(args.windows_cache) if args.windows_cache else None
    t = time.perf_counter()
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            all_windows = pickle.load(f)
        how = f"read from {cache}"
    else:
        pieces = [tok.cut(r.text) for r in corpus]
        all_windows = {
            kind: [w for p in pieces for w in split_windows(p, kind, tok)]
            for kind in ("sentence", "paragraph")
        }
        if cache is not None:
            with cache.open("wb") as f:
                pickle.dump(all_windows, f)
        how = "cut + split_windows"
    t_cut = time.perf_counter() - t
    print(f"# co-occurrence speed: {len(corpus)} reports, {chars:,} characters")
    print(f"tokenisation ({how}, not timed below): {t_cut:.1f} s")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"threads for the product: {cpu_threads()}; load average before timing: {load}\n")
    print(
        "| windows | count | tokens | terms | non-zeros | density | govtext s (CPU s) "
        "| naive s (CPU s) | speed-up wall (CPU) | equal | govtext peak MiB | naive peak MiB "
        "| dense would be MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for kind in ("sentence", "paragraph"):
        windows = all_windows[kind]
        n_tok = sum(map(len, windows))
        t_fast, c_fast, c = best_time(lambda w=windows: gt.cooccurrence(w), args.repeat)
        t_naive, c_naive, (single, pairs) = best_time(lambda w=windows: naive(w), args.naive_repeat)
        ok = same(c, single, pairs)
        del single, pairs
        m_fast = peak_mib(lambda w=windows: gt.cooccurrence(w))
        m_naive = peak_mib(lambda w=windows: naive(w))
        n = len(c.vocab)
        print(
            f"| {kind} | {len(windows):,} | {n_tok:,} | {n:,} | {c.matrix.nnz:,} | "
            f"{c.matrix.nnz / max(n * n, 1):.4f} | {t_fast:.3f} ({c_fast:.3f}) | "
            f"{t_naive:.2f} ({c_naive:.2f}) | {t_naive / t_fast:.1f}× ({c_naive / c_fast:.1f}×) | "
            f"{ok} | {m_fast:.1f} | {m_naive:.1f} | {n * n * 8 / 2**20:,.0f} |",
            flush=True,
        )
    if args.cntext_python:
        run_cntext(args.cntext_python, corpus, args.cntext_reports, tok)
    return 0


if __name__ == "__main__":
    sys.exit(main())
