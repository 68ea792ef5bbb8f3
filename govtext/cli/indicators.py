"""``govtext indicators``: every numeric indicator of the reports as one CSV table."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_csv_args, add_input_args

    p = sub.add_parser(
        "indicators",
        help="extract numeric indicators (values, units, targets) to CSV",
        description=(
            "Extract every numeric indicator (增长7%左右, 4.7亿元, 新增就业1302人 ...) of each report "
            "into one CSV table: the report name followed by the columns of "
            "govtext.extract_indicators (indicator, value_low, value_high, unit, value_base, unit_base, "
            "kind, status, qualifier, surface, line_no, start, end, section)."
        ),
        epilog="example:\n  govtext indicators reports/ -o indicators.csv\n  govtext indicators --sample -o ind.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    p.add_argument(
        "-o", "--output", metavar="FILE", help="CSV file to write (default: print to stdout)"
    )
    add_csv_args(p)
    p.add_argument(
        "--status", choices=["target", "actual", "estimate"], help="keep only rows of this status"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    import pandas as pd

    from govtext._runtime.files import atomic_write_text
    from govtext.cli._common import check_output_file, csv_of, load_input
    from govtext.indicators.extract import COLUMNS, extract_indicators

    check_output_file(args)
    corpus = load_input(args)
    frames = []
    for r in corpus:
        df = extract_indicators(r)
        df.insert(0, "report", r.name)
        frames.append(df)
    out = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["report", *COLUMNS])
    )
    if args.status:
        out = out[out["status"] == args.status]
    csv = csv_of(out, args)
    if args.output:
        atomic_write_text(args.output, csv)
        n, m = len(out), len(corpus)
        print(
            f"{n} indicator{'' if n == 1 else 's'} from {m} report{'' if m == 1 else 's'}"
            f" -> {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(csv)
    return 0
