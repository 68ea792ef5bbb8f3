"""Default co-occurrence graphs of single reports: what their nodes are (issue 14, point 3).

Usage::

    python benchmarks/network_eval.py --corpus /work/shared/corpus [--blind tests/data/terms_blind]

For every blind annotation set whose text is in the corpus (``terms_blind_eval.py``'s
sets), ``gt.cooccurrence_graph(report)`` with its defaults: number of nodes, share of
nodes that are annotated terms of the report, generic words among the nodes (the 100
default analysis tokens of highest document frequency in the corpus, as
``terms_blind_eval.py`` counts them). Only counts are printed, never a term of the sets.
Running it makes the network figure of the sets no longer blind for whoever tunes on it.

With ``--show N`` it also prints the nodes of N corpus reports (not held out, not blind
sets), one per level, for reading.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--blind", default=str(HERE.parent / "tests" / "data" / "terms_blind"))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)

    from terms_blind_eval import read_terms, set_source

    import govtext as gt

    t0 = time.process_time()
    corpus_dir = Path(args.corpus)
    corpus = gt.load_corpus(str(corpus_dir))
    tok = gt.PolicyTokenizer()
    df: Counter[str] = Counter()
    for r in corpus:
        df.update(set(tok.tokenize(r.text)))
    generic = {t for t, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:100]}
    print("| set | nodes | annotated share | generic |")
    print("| --- | --- | --- | --- |")
    shares = []
    blind = Path(args.blind)
    for tsv in sorted(blind.glob("[ab]_*.tsv")):
        name = tsv.stem[2:]
        src = set_source(name, corpus_dir, blind)
        if src is None:
            continue
        report = gt.load_corpus([str(src)])[0]
        terms = read_terms(tsv, gt.normalize)
        nodes = list(gt.cooccurrence_graph(report, tokenizer=tok).nodes)
        share = sum(v in terms for v in nodes) / max(len(nodes), 1)
        shares.append(share)
        print(f"| {tsv.stem} | {len(nodes)} | {share:.3f} | {sum(v in generic for v in nodes)} |")
    if shares:
        print(
            f"\nsets >= 0.5: {sum(s >= 0.5 for s in shares)} of {len(shares)}; "
            f"min {min(shares):.3f}, mean {sum(shares) / len(shares):.3f}"
        )
    if args.show:
        held = (HERE / "data" / "heldout_reports.txt").read_text(encoding="utf-8").split()
        skip = {Path(n).stem for n in held} | {p.stem[2:] for p in blind.glob("[ab]_*.tsv")}
        seen: Counter[str] = Counter()
        for r in corpus:
            lev = str(r.meta.get("level"))
            if r.name in skip or seen[lev] >= args.show:
                continue
            seen[lev] += 1
            nodes = list(gt.cooccurrence_graph(r, tokenizer=tok).nodes)
            print(f"\n{r.name} ({len(nodes)} nodes; generic {sum(v in generic for v in nodes)}):")
            print("  " + " ".join(nodes))
    print(f"\nCPU time: {time.process_time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
