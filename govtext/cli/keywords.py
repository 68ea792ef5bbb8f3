"""``govtext keywords``: the top keywords of each report (log-odds against the genre)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_output_args(p: argparse.ArgumentParser) -> None:
    """``--csv``, ``-o/--output`` and ``--no-escape-formulas`` (shared by keywords, compare
    and kwic)."""
    from govtext.cli._common import add_csv_args

    p.add_argument("--csv", action="store_true", help="print CSV instead of a readable table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the table as CSV to FILE")
    add_csv_args(p)


def emit_table(df: Any, args: argparse.Namespace) -> None:
    """Print ``df`` as CSV or a readable table, or write it as CSV to ``args.output``."""
    import pandas as pd

    from govtext.cli._common import csv_of

    if getattr(args, "output", None):
        from govtext._runtime.files import atomic_write_text

        atomic_write_text(args.output, csv_of(df, args))
        print(f"wrote {len(df)} rows to {args.output}", file=sys.stderr)
        return
    if args.csv:
        sys.stdout.write(csv_of(df, args))
        return
    with pd.option_context(
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        200,
        "display.unicode.east_asian_width",
        True,
        "display.float_format",
        "{:.4g}".format,
    ):
        print(df.to_string(index=False))


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_input_args, add_perf_args

    p = sub.add_parser(
        "keywords",
        help="top keywords of each report",
        description=(
            "Top keywords of each report: its whole terms used far more than in government "
            "work reports generally (log-odds with an informative Dirichlet prior against "
            "govtext's reference counts of the genre, so one report works on its own and "
            "gets the same list alone or among others); the report's own region and its "
            "parts are left out unless --keep-region."
        ),
        epilog=(
            "examples:\n"
            "  govtext keywords --sample --doc 2023_township_天津市津南区北闸口镇\n"
            "  govtext keywords report.txt --top 30 --csv > keywords.csv\n"
            "  govtext keywords reports/ --keep-region -o keywords.csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument("--top", type=int, default=20, help="keywords per report (default 20)")
    p.add_argument("--doc", action="append", metavar="NAME", help="only this report (repeatable)")
    p.add_argument(
        "--keep-region",
        action="store_true",
        help="keep the report's own region and its parts (towns, villages) among the keywords",
    )
    # removed: keywords no longer depend on the other input reports (warns, ignored)
    p.add_argument("--idf", choices=("genre", "corpus"), help=argparse.SUPPRESS)
    p.add_argument(
        "--wide", action="store_true", help="one line per report with its keywords in order"
    )
    add_output_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from govtext.cli._common import check_output_file, load_input, tokenizer_for
    from govtext.corpus.reports import Corpus
    from govtext.errors import InputError
    from govtext.stats.keywords import keywords

    check_output_file(args)
    corpus = load_input(args)
    if args.doc:
        missing = [d for d in args.doc if d not in corpus.names]
        if missing:
            raise InputError(f"--doc: no report named {', '.join(missing)}")
        corpus = Corpus(corpus[d] for d in args.doc)
    if args.idf is not None:
        print(
            "govtext: warning: --idf is ignored (keywords are scored against the genre's "
            "reference counts whatever the other reports) and will be removed",
            file=sys.stderr,
        )
    kw = keywords(
        corpus, top=args.top, keep_region=args.keep_region, tokenizer=tokenizer_for(args, corpus)
    )
    if args.wide:
        kw = pd.DataFrame(
            [(d, " ".join(g["term"])) for d, g in kw.groupby("report", sort=False)],
            columns=["report", "keywords"],
        )
    emit_table(kw, args)
    return 0
