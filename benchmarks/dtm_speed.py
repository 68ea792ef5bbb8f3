"""Cost of ``govtext.dtm`` relative to tokenization alone.

Acceptance (issue 3, point 4): building the document-term matrix of a corpus costs at
most 1.3 × tokenizing it (the counting on top of the tokenizer must be cheap). Both are
timed with the same, already initialised ``PolicyTokenizer``; each is run ``--repeat``
times, alternating, and the fastest run of each is compared (the machine is shared).

Usage::

    python benchmarks/dtm_speed.py                      # bundled sample
    python benchmarks/dtm_speed.py ../shared/corpus     # CORPUS_DIR
"""

from __future__ import annotations

import argparse
import sys
import time


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
    t_tok, t_dtm = [], []
    m = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_tokens = sum(len(tok.tokenize(t)) for t in texts)
        t_tok.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        m = gt.dtm(corpus, tokenizer=tok)
        t_dtm.append(time.perf_counter() - t0)
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} reports, {chars:,} characters, {n_tokens:,} analysis tokens")
    print(f"matrix: {m}")
    print("run  tokenize_s  dtm_s")
    for i, (a, b) in enumerate(zip(t_tok, t_dtm), 1):
        print(f"{i:>3}  {a:10.2f}  {b:6.2f}")
    ratio = min(t_dtm) / min(t_tok)
    print(
        f"best tokenize {min(t_tok):.2f} s, best dtm {min(t_dtm):.2f} s, ratio {ratio:.3f} "
        f"({'PASS' if ratio <= 1.3 else 'FAIL'}: <= 1.3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
