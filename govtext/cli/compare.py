"""``govtext compare``: what one report or group says more than another (keyness)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_input_args, add_perf_args
    from govtext.cli.keywords import add_output_args

    p = sub.add_parser(
        "compare",
        help="keyness: terms over-used by one report or group against another",
        description=(
            "Compare two reports (two files: the first against the second), or groups of "
            "reports given as metadata conditions (--target/--reference, pandas query syntax "
            "over year, level, region ...), or every group of a column against the rest "
            "(--by). Also: --similarity (report × report cosine) and --vertical (each report "
            "against the report one administrative level above it)."
        ),
        epilog=(
            "examples:\n"
            "  govtext compare 2024_county_甲县.txt 2023_county_甲县.txt\n"
            "  govtext compare --sample --target 'year == 2020' --reference 'year == 2019 and "
            'level == "national"\'\n'
            "  govtext compare reports/ --by year --top 10 --csv > keyness.csv\n"
            "  govtext compare --sample --vertical"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument("--target", metavar="COND", help='target reports, e.g. "year == 2023"')
    p.add_argument("--reference", metavar="COND", help="reference reports (default: the rest)")
    p.add_argument("--by", metavar="COLUMN", help="each group of COLUMN against the rest")
    p.add_argument(
        "--measure",
        choices=("log_odds", "chi2", "g2", "pmi"),
        default="log_odds",
        help="keyness measure (default log_odds)",
    )
    p.add_argument("--top", type=int, default=20, help="terms to show (per group; default 20)")
    p.add_argument("--min-count", type=int, default=3, help="minimum count (default 3)")
    p.add_argument("--similarity", action="store_true", help="report × report cosine similarity")
    p.add_argument("--vertical", action="store_true", help="each report against its parent level")
    add_output_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    import numpy as np

    from govtext.cli._common import check_output_file, load_input, tokenizer_for
    from govtext.cli.keywords import emit_table
    from govtext.errors import InputError
    from govtext.features.dtm import dtm
    from govtext.stats.keyness import keyness
    from govtext.stats.similarity import similarity
    from govtext.stats.vertical import compare_vertical

    check_output_file(args)
    corpus = load_input(args)
    tok = tokenizer_for(args, corpus)
    if args.vertical:
        v = compare_vertical(corpus, top=args.top, measure=args.measure, tokenizer=tok)
        emit_table(v.pairs, args)
        return 0
    m = dtm(corpus, tokenizer=tok)
    if args.similarity:
        s = similarity(m).round(4)
        s.insert(0, "report", s.index)
        emit_table(s, args)
        return 0
    two_files = len(args.paths) == 2 and all(Path(x).is_file() for x in args.paths) and len(m) == 2
    if args.by:
        out = keyness(m, by=args.by, measure=args.measure, min_count=args.min_count, top=args.top)
    elif args.target:
        out = keyness(
            m, args.target, args.reference, args.measure, min_count=args.min_count, top=args.top
        )
    elif two_files:
        t = np.array([True, False])
        out = keyness(m, t, ~t, args.measure, min_count=args.min_count, top=args.top)
    else:
        raise InputError(
            "say what to compare: two report files, --target COND [--reference COND], "
            "--by COLUMN, --similarity or --vertical"
        )
    emit_table(out, args)
    return 0
