"""Speed of ``PolicyTokenizer.cut`` against plain ``jieba.Tokenizer().lcut``.

Usage::

    python benchmarks/tokenize_speed.py [CORPUS_DIR] [--repeat 5]

CORPUS_DIR defaults to the bundled sample; the project measures on ../shared/corpus.
Both tokenizers are built and warmed up first (dictionary loading is not timed); every
run cuts every report of the corpus once, alternating between the two tokenizers, and
the table shows the median over ``--repeat`` runs. Plain jieba cuts the normalised text
(the same input the policy tokenizer sees after normalisation); the policy tokenizer's
time includes normalisation. Target: throughput ratio (jieba time / govtext time) >= 0.8.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "corpus", nargs="?", default=None, help="folder of reports (default: bundled sample)"
    )
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    import jieba

    import govtext as gt
    from govtext.datasets import sample_path

    jieba.setLogLevel(logging.WARNING)
    folder = Path(args.corpus) if args.corpus else sample_path()
    raw = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    norm = [gt.normalize(t) for t in raw]
    n_chars = sum(map(len, norm))
    plain = jieba.Tokenizer()
    plain.initialize()
    tok = gt.PolicyTokenizer()
    tok.cut("预热")
    t_j, t_g = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in norm:
            plain.lcut(t)
        t_j.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in raw:
            tok.cut(t)
        t_g.append(time.perf_counter() - t0)
    fast = None
    try:
        fast = gt.PolicyTokenizer(backend="rjieba")
        fast.cut("预热")
    except gt.MissingExtraError:
        pass
    t_f = []
    if fast is not None:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for t in raw:
                fast.cut(t)
            t_f.append(time.perf_counter() - t0)
    mj, mg = statistics.median(t_j), statistics.median(t_g)
    print(f"{folder}: {len(raw)} reports, {n_chars:,} characters, {args.repeat} runs (median)\n")
    print(f"{'tokenizer':<28}{'seconds':>10}{'chars/s':>14}")
    print(f"{'jieba.Tokenizer().lcut':<28}{mj:>10.2f}{n_chars / mj:>14,.0f}")
    print(f"{'PolicyTokenizer().cut':<28}{mg:>10.2f}{n_chars / mg:>14,.0f}")
    if t_f:
        mf = statistics.median(t_f)
        print(f"{'PolicyTokenizer(rjieba).cut':<28}{mf:>10.2f}{n_chars / mf:>14,.0f}")
    print(f"\nthroughput ratio (govtext / jieba): {mj / mg:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
