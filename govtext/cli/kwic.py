"""``govtext kwic``: every occurrence of a term with its context and offsets."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_input_args, add_perf_args
    from govtext.cli.keywords import add_output_args

    p = sub.add_parser(
        "kwic",
        help="keyword in context: each occurrence of a term with its context",
        description=(
            "Keyword in context: each occurrence of TERM with WINDOW characters either side "
            "and its start/end offsets in the original file text."
        ),
        epilog=(
            "examples:\n"
            "  govtext kwic 新质生产力 --sample\n"
            "  govtext kwic 疫情 reports/ --window 20 --csv > 疫情.csv\n"
            "  govtext kwic '数字[经济化]' reports/ --regex"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("term", metavar="TERM", help="text (or --regex pattern) to find")
    add_input_args(p)
    add_perf_args(p)
    p.add_argument("--window", type=int, default=15, help="characters of context (default 15)")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    p.add_argument("--tokens", action="store_true", help="only whole tokens of the PolicyTokenizer")
    p.add_argument("--count", action="store_true", help="print only the count per report")
    add_output_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govtext.cli._common import check_output_file, load_input, tokenizer_for
    from govtext.cli.keywords import emit_table
    from govtext.stats.kwic import kwic

    check_output_file(args)
    corpus = load_input(args)
    tok = tokenizer_for(args, corpus) if args.tokens else None
    k = kwic(
        corpus, args.term, window=args.window, regex=args.regex, tokens=args.tokens, tokenizer=tok
    )
    if k.empty and not (args.csv or args.output):  # one line, not pandas' "Empty DataFrame"
        how = "pattern" if args.regex else "whole token" if args.tokens else "text"
        n = len(corpus)
        print(f"no match for {how} {args.term!r} in {n} report{'' if n == 1 else 's'}")
        return 0
    if args.count:
        k = k.groupby("doc", sort=False).size().rename("count").reset_index()
    emit_table(k, args)
    return 0
