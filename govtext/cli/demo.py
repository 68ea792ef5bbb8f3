"""``govtext demo``: metadata and top keywords of each report (the sample by default)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_input_args, add_perf_args

    p = sub.add_parser(
        "demo",
        help="print each report's metadata and top keywords",
        description="Print each report's metadata and top keywords (the bundled sample if no PATHS).",
        epilog="example:\n  govtext demo\n  govtext demo reports/ --top 5",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument("--top", type=int, default=10, help="keywords per report (default 10)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from govtext.cli._common import load_input, tokenizer_for
    from govtext.features.dtm import dtm

    if not args.paths:
        args.sample = True
    corpus = load_input(args)
    m = dtm(corpus, tokenizer=tokenizer_for(args, corpus))
    w = m.tfidf()
    for i, r in enumerate(corpus):
        row = w.getrow(i)
        order = np.argsort(-row.data, kind="stable")[: args.top]
        terms = [m.vocab[row.indices[j]] for j in order]
        meta = r.meta
        print(
            f"{r.name}\n  year={meta.get('year')} level={meta.get('level')} region={meta.get('region')} "
            f"speaker={meta.get('speaker')} date={meta.get('date')}\n  keywords: {' '.join(terms)}"
        )
    return 0
