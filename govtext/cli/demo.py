"""``govtext demo``: metadata and top keywords of each report (the sample by default).

The keywords are those of :func:`govtext.keywords` (and ``govtext keywords``).
"""

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
    from govtext.cli._common import load_input, tokenizer_for
    from govtext.stats.keywords import keywords

    if not args.paths:
        args.sample = True
    corpus = load_input(args)
    kw = keywords(corpus, top=args.top, tokenizer=tokenizer_for(args, corpus))
    terms = {d: list(g["term"]) for d, g in kw.groupby("report", sort=False)}
    for r in corpus:
        meta = r.meta
        print(
            f"{r.name}\n  year={meta.get('year')} level={meta.get('level')} region={meta.get('region')} "
            f"speaker={meta.get('speaker')} date={meta.get('date')}\n"
            f"  keywords: {' '.join(terms.get(r.name, []))}"
        )
    return 0
