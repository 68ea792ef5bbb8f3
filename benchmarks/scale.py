"""DTM at scale on synthetic corpora made by resampling paragraphs of real reports (seeded).

Each synthetic report draws its number of paragraphs from the real reports' paragraph
counts and its paragraphs uniformly from all real paragraphs (lines of >= 20 characters).
Two figures per size, each in a fresh subprocess so peak memory (ru_maxrss) is its own:

* ``stream``: :func:`govtext.parallel.stream_dtm` over the synthetic reports with every
  report tokenized in full (real work; slow, run for the smaller sizes only);
* ``memo``: the same counts, tokenizing each distinct paragraph once and assembling report
  rows as sums of paragraph rows (sparse product), which is what a token cache gives on a
  corpus of repeated paragraphs. Paragraphs are tokenized independently here, so a term
  quoted in one paragraph is kept whole only within that paragraph, and the counts differ
  slightly from full-report tokenization (the token totals of both are printed): ``memo``
  measures the cost of counting and assembling at scale, ``stream`` the full pipeline.

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


def run_one(corpus_dir: str, n: int, how: str, seed: int) -> dict:
    import scipy.sparse as sp

    import govtext as gt
    from govtext.parallel import count_chunks, merge_counts, stream_dtm

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
        rows = np.repeat(np.arange(n), [len(d) for d in docs])
        cols = np.concatenate(docs)
        A = sp.csr_matrix((np.ones(len(cols), dtype=np.int64), (rows, cols)), shape=(n, len(paras)))
        mat = (A @ P).tocsr()
    secs = time.perf_counter() - t
    chars = sum(len(paras[i]) for d in docs for i in d)
    return {
        "n": n,
        "how": how,
        "seconds": secs,
        "chars": chars,
        "nnz": int(mat.nnz),
        "terms": len(vocab),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "checksum": int(mat.sum()),
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
    results = []
    for n in args.sizes:
        for how in ("stream", "memo"):
            if how == "stream" and n > args.stream_max:
                continue
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    args.corpus,
                    "--one",
                    str(n),
                    how,
                    "--seed",
                    str(args.seed),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"# done {n} {how}", file=sys.stderr)
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
    memo = [r for r in results if r["how"] == "memo"]
    if len(memo) >= 2:
        x = np.array([r["n"] for r in memo], dtype=float)
        y = np.array([r["seconds"] for r in memo])
        slope, intercept = np.polyfit(x, y, 1)
        print(
            f"\nmemo: time ≈ {intercept:.2f} s + {slope * 1000:.4f} s per 1,000 reports (least squares over {len(memo)} sizes)"
        )
    same = {(r["n"]): r["checksum"] for r in results if r["how"] == "stream"}
    for r in memo:
        if r["n"] in same:
            print(f"n={r['n']}: token total stream {same[r['n']]:,}, memo {r['checksum']:,}")


if __name__ == "__main__":
    main()
