"""DTM at scale on synthetic corpora made by resampling paragraphs of real reports (seeded).

Each synthetic report draws its number of paragraphs from the real reports' paragraph
counts and its paragraphs uniformly from all real paragraphs (lines of >= 20 characters).
Two figures per size, each in a fresh subprocess so peak memory (VmHWM) is its own:

* ``stream``: :func:`govtext.features.dtm.stream_dtm` over the synthetic reports with every
  report tokenized in full (real work; slow, run for the smaller sizes only);
* ``memo``: the same counts, tokenizing each distinct paragraph once and assembling report
  rows as sums of paragraph rows (sparse product), which is what a token cache gives on a
  corpus of repeated paragraphs. Paragraphs are tokenized independently here, so a term
  quoted in one paragraph is kept whole only within that paragraph, and the counts differ
  slightly from full-report tokenization (the token totals of both are printed): ``memo``
  measures the cost of counting and assembling at scale, ``stream`` the full pipeline.
  Its time is split into ``paragraph_s`` (tokenizing and counting the distinct paragraphs,
  the same work at every size) and ``assemble_s`` (building the report rows).

Usage: python benchmarks/scale.py [CORPUS_DIR] [--sizes 1000 10000 100000] [--stream-max 1000]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time

import numpy as np


def paragraphs(corpus_dir: str) -> tuple[list[str], list[int]]:
    import govtext as gt

    paras, counts = [], []
    for r in gt.load_corpus(corpus_dir):
        ps = [ln.strip() for ln in gt.normalize(r.text).splitlines() if len(ln.strip()) >= 20]
        paras.extend(ps)
        counts.append(len(ps))
    return paras, counts


def synth(n: int, n_paras: int, counts: list[int], seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    lengths = rng.choice(np.asarray(counts), size=n)
    return [rng.integers(0, n_paras, size=k) for k in lengths]


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    ``VmHWM`` from ``/proc/self/status`` where there is one: on Linux ``ru_maxrss`` survives
    ``fork`` + ``exec``, so a child started by a big parent would report the parent's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(corpus_dir: str, n: int, how: str, seed: int) -> dict:
    import scipy.sparse as sp

    import govtext as gt
    from govtext.features.dtm import stream_dtm
    from govtext.features.tokens import count_chunks, merge_counts

    paras, counts = paragraphs(corpus_dir)
    docs = synth(n, len(paras), counts, seed)
    tok = gt.PolicyTokenizer()
    tok.tokenize("预热")
    t = time.perf_counter()
    if how == "stream":
        m = stream_dtm(("\n".join(paras[i] for i in d) for d in docs), tok, chunksize=64)
        mat, vocab = m.matrix, m.vocab
    else:
        vocab, P = merge_counts(count_chunks(paras, tok, chunksize=256))
        t_paras = time.perf_counter() - t
        rows = np.repeat(np.arange(n), [len(d) for d in docs])
        cols = np.concatenate(docs)
        A = sp.csr_matrix((np.ones(len(cols), dtype=np.int64), (rows, cols)), shape=(n, len(paras)))
        mat = (A @ P).tocsr()
    secs = time.perf_counter() - t
    if how == "stream":
        t_paras = None
    chars = sum(len(paras[i]) for d in docs for i in d)
    return {
        "n": n,
        "how": how,
        "seconds": secs,
        "paragraph_s": t_paras,
        "assemble_s": None if t_paras is None else secs - t_paras,
        "chars": chars,
        "nnz": int(mat.nnz),
        "terms": len(vocab),
        "peak_rss_mb": peak_rss_mb(),
        "checksum": int(mat.sum()),
    }


def run_sub(corpus_dir: str, n: int, how: str, seed: int = 0) -> dict:
    """:func:`run_one` in a fresh interpreter, so ``peak_rss_mb`` is that run's own."""
    out = subprocess.run(
        [sys.executable, __file__, corpus_dir, "--one", str(n), how, "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def fit_line(results: list[dict], key: str = "seconds") -> dict | None:
    """Least-squares line ``key`` seconds = a + b * reports over ``results`` (>= 2 sizes).

    Returns ``{"intercept_s", "slope_s_per_1000", "r2", "max_rel_residual"}``.
    """
    if len(results) < 2:
        return None
    x = np.array([r["n"] for r in results], dtype=float)
    y = np.array([r[key] for r in results], dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    fitted = intercept + slope * x
    ss_res = float(((y - fitted) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    return {
        "intercept_s": float(intercept),
        "slope_s_per_1000": float(slope * 1000),
        "r2": 1 - ss_res / ss_tot if ss_tot else float("nan"),
        "max_rel_residual": float(np.max(np.abs(y - fitted) / y)),
    }


def measure(
    corpus_dir: str | None = None,
    sizes: tuple[int, ...] = (1000, 10000, 100000),
    stream_max: int = 1000,
    seed: int = 0,
    progress: bool = False,
) -> dict:
    """Every size in ``memo`` mode and sizes up to ``stream_max`` in ``stream`` mode, each in
    its own subprocess; with the least-squares line of time against reports per mode."""
    if corpus_dir is None:
        import govtext as gt

        corpus_dir = str(gt.datasets.sample_path())
    results = []
    for n in sizes:
        for how in ("stream", "memo"):
            if how == "stream" and n > stream_max:
                continue
            results.append(run_sub(corpus_dir, n, how, seed))
            if progress:
                print(f"# done {n} {how}", file=sys.stderr, flush=True)
    return {
        "results": results,
        "memo_fit": fit_line([r for r in results if r["how"] == "memo"]),
        "memo_assemble_fit": fit_line([r for r in results if r["how"] == "memo"], "assemble_s"),
        "stream_fit": fit_line([r for r in results if r["how"] == "stream"]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "corpus", nargs="?", default=None, help="folder of reports (default: the bundled sample)"
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument(
        "--stream-max", type=int, default=1000, help="largest size also run with full tokenization"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", nargs=2, metavar=("N", "HOW"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.corpus is None:
        import govtext as gt

        args.corpus = str(gt.datasets.sample_path())
    if args.one:
        print(json.dumps(run_one(args.corpus, int(args.one[0]), args.one[1], args.seed)))
        return
    res = measure(args.corpus, tuple(args.sizes), args.stream_max, args.seed, progress=True)
    results = res["results"]
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, python {platform.python_version()}"
    )
    print(
        "\n| reports | method | chars | seconds | terms | non-zeros | peak RSS MB |\n|---|---|---|---|---|---|---|"
    )
    for r in results:
        print(
            f"| {r['n']} | {r['how']} | {r['chars']:,} | {r['seconds']:.2f} | {r['terms']} | {r['nnz']:,} | {r['peak_rss_mb']:.0f} |"
        )
    fit = res["memo_fit"]
    if fit:
        print(
            f"\nmemo: time ≈ {fit['intercept_s']:.2f} s + {fit['slope_s_per_1000']:.4f} s per 1,000 "
            f"reports (least squares over {sum(r['how'] == 'memo' for r in results)} sizes, "
            f"R² {fit['r2']:.4f})"
        )
    fit = res["memo_assemble_fit"]
    if fit:
        print(
            f"memo, assembling only: ≈ {fit['intercept_s']:.2f} s + {fit['slope_s_per_1000']:.4f} s "
            f"per 1,000 reports (R² {fit['r2']:.4f})"
        )
    same = {(r["n"]): r["checksum"] for r in results if r["how"] == "stream"}
    for r in results:
        if r["how"] == "memo" and r["n"] in same:
            print(f"n={r['n']}: token total stream {same[r['n']]:,}, memo {r['checksum']:,}")


if __name__ == "__main__":
    main()
