"""Rebuild ``govtext/stats/reference/reference_df.tsv``: document frequencies and counts of this genre.

The table plays the part of jieba's ``idf.txt`` for government work reports: for each
analysis token it gives the number of reports it occurs in (``df``) and its number of
occurrences (``count``). ``govtext.keywords`` compares a report with it (log-odds with an
informative Dirichlet prior, the genre's counts as the prior), so that a single report
gets keywords without a corpus and words every report uses (工作, 推进, 加强 ...) score
near zero whatever the boilerplate list says.

How it is built (see ``govtext/stats/reference/README.md``):

* every ``*.txt`` report under CORPUS_DIR (default ``../shared/corpus``), one document each;
* tokens from ``PolicyTokenizer(boilerplate=False)``: the package lexicon and stopwords,
  but the boilerplate list is *not* applied, so generic words get their true (high) df;
* a term's df is the number of reports containing it at least once, its count the number
  of its occurrences; terms in fewer than ``--min-df`` reports (default 2) are left out (a
  term missing from the table counts as df = 0, count = 0); the header line ``n_tokens``
  gives the number of analysis tokens of all reports (pruned terms included);
* rows sorted by df (descending) then term; a header of ``#`` lines records the number of
  documents, the tokenizer config hash and the corpus manifest hash.

Usage::

    python benchmarks/build_reference_df.py [CORPUS_DIR] [-o govtext/stats/reference/reference_df.tsv]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
DEFAULT_OUT = HERE.parent / "govtext" / "stats" / "reference" / "reference_df.tsv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    ap.add_argument("--min-df", type=int, default=2)
    args = ap.parse_args(argv)

    import numpy as np

    import govtext as gt
    from govtext._runtime.files import atomic_write_text

    t0 = time.perf_counter()
    corpus = gt.load_corpus(args.corpus_dir)
    tok = gt.PolicyTokenizer(boilerplate=False)
    m = gt.dtm(corpus, tokenizer=tok)
    df = m.doc_freq()
    counts = m.term_counts()
    keep = np.flatnonzero(df >= args.min_df)
    order = sorted(keep, key=lambda i: (-int(df[i]), m.vocab[i]))
    manifest = Path(args.corpus_dir) / "manifest.csv"
    mhash = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.exists() else "none"
    levels = corpus.meta["level"].value_counts().sort_index()
    years = corpus.meta["year"].dropna()
    lines = [
        "# govtext reference document frequencies for government work reports",
        f"# n_docs={len(corpus)}",
        f"# n_tokens={int(counts.sum())}",
        f"# min_df={args.min_df}",
        f"# years={int(years.min())}-{int(years.max())}",
        "# levels=" + ",".join(f"{k}:{v}" for k, v in levels.items()),
        f"# tokenizer=PolicyTokenizer(boilerplate=False) config_hash={tok.config_hash[:16]}",
        f"# manifest_sha256={mhash}",
        "term\tdf\tcount",
    ]
    lines += [f"{m.vocab[i]}\t{int(df[i])}\t{int(counts[i])}" for i in order]
    atomic_write_text(args.out, "\n".join(lines) + "\n")
    os.chmod(args.out, 0o644)  # package data: readable by everyone (mkstemp makes 0600)
    print(
        f"{len(corpus)} reports, {m.shape[1]} terms, {len(order)} kept with df >= {args.min_df}; "
        f"wrote {args.out} in {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
