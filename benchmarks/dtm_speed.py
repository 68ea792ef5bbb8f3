"""Cost of ``govtext.dtm`` relative to tokenization alone.

Acceptance (issue 3, point 4): building the document-term matrix of a corpus costs at
most 1.3 × tokenizing it (the counting on top of the tokenizer must be cheap). Both are
timed with the same, already initialised ``PolicyTokenizer``; each is run ``--repeat``
times, alternating, and the fastest run of each is compared. Both wall-clock and CPU
time of this process are reported; on a shared machine CPU time is the steadier figure.

Usage::

    python benchmarks/dtm_speed.py                      # bundled sample
    python benchmarks/dtm_speed.py ../shared/corpus     # CORPUS_DIR

:func:`measure` (used by ``run_suite.py``) gives medians instead, for tokenizing alone and
for ``gt.dtm`` with 1 and 2 worker processes (``n_jobs``) and with the rjieba backend.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import alternate, median, ratio  # noqa: E402


def measure(
    folder: str | Path | None = None, repeat: int = 3, workers: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Median seconds of tokenizing a folder and of ``gt.dtm`` on it (1 and 2 workers).

    Rows: ``step, workers, repeats, median_s, vs_tokenize`` (this step's time / tokenizing
    alone, same run) and ``nnz``; every matrix is checked equal to the 1-worker one.
    """
    import govtext as gt

    corpus = gt.load_corpus(folder) if folder else gt.datasets.load_sample()
    texts = corpus.texts
    tok = gt.PolicyTokenizer()
    tok.tokenize("预热：推进乡村振兴")
    fns: dict[str, Any] = {
        "tokenize each report (jieba backend)": lambda: [tok.tokenize(t) for t in texts]
    }
    nw = {"tokenize each report (jieba backend)": 1}
    for n in workers:
        fns[f"gt.dtm(n_jobs={n})"] = lambda n=n: gt.dtm(corpus, tokenizer=tok, n_jobs=n)
        nw[f"gt.dtm(n_jobs={n})"] = n
    try:
        fast = gt.PolicyTokenizer(backend="rjieba")
        fast.tokenize("预热")
        fns["gt.dtm(n_jobs=1), rjieba backend"] = lambda: gt.dtm(corpus, tokenizer=fast)
        nw["gt.dtm(n_jobs=1), rjieba backend"] = 1
    except gt.MissingExtraError:
        pass
    times, out = alternate(fns, repeat)
    ref = out[f"gt.dtm(n_jobs={workers[0]})"]
    base = median(times["tokenize each report (jieba backend)"])
    rows = []
    for name, ts in times.items():
        m = out[name]
        equal = None
        if name.startswith("gt.dtm"):
            equal = m.vocab == ref.vocab and (m.matrix != ref.matrix).nnz == 0
        rows.append(
            {
                "step": name,
                "workers": nw[name],
                "repeats": len(ts),
                "median_s": median(ts),
                "vs_tokenize": ratio(median(ts), base),
                "nnz": int(m.matrix.nnz) if equal is not None else None,
                "same_matrix": equal,
            }
        )
    return {
        "reports": len(texts),
        "chars": sum(map(len, texts)),
        "terms": len(ref.vocab),
        "repeat": repeat,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", nargs="?", default=None, help="default: the bundled sample")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import govtext as gt

    corpus = gt.load_corpus(args.corpus_dir) if args.corpus_dir else gt.datasets.load_sample()
    texts = corpus.texts
    tok = gt.PolicyTokenizer()
    tok.tokenize("预热：推进乡村振兴")  # build the private jieba dictionary first
    t_tok, t_dtm, c_tok, c_dtm = [], [], [], []
    m = None
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        n_tokens = sum(len(tok.tokenize(t)) for t in texts)
        t_tok.append(time.perf_counter() - t0)
        c_tok.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        m = gt.dtm(corpus, tokenizer=tok)
        t_dtm.append(time.perf_counter() - t0)
        c_dtm.append(time.process_time() - c0)
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} reports, {chars:,} characters, {n_tokens:,} analysis tokens")
    print(f"matrix: {m}")
    print("run  tokenize_wall_s  dtm_wall_s  tokenize_cpu_s  dtm_cpu_s")
    for i, row in enumerate(zip(t_tok, t_dtm, c_tok, c_dtm), 1):
        print(f"{i:>3}  {row[0]:15.2f}  {row[1]:10.2f}  {row[2]:14.2f}  {row[3]:9.2f}")
    for label, a, b in (("wall", t_tok, t_dtm), ("cpu", c_tok, c_dtm)):
        ratio = min(b) / min(a)
        print(
            f"{label}: best tokenize {min(a):.2f} s, best dtm {min(b):.2f} s, ratio {ratio:.3f} "
            f"({'PASS' if ratio <= 1.3 else 'FAIL'}: <= 1.3)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
