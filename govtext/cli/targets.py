"""``govtext targets``: the main expected targets of each report (GDP, budget revenue ...)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_csv_args, add_input_args

    p = sub.add_parser(
        "targets",
        help="main expected targets of each report (GDP growth, budget revenue, CPI ...)",
        description=(
            "Print the main expected targets of each report with canonical indicator names "
            "(gdp, budget_revenue, fixed_asset_investment, retail_sales, disposable_income, cpi, "
            "new_urban_jobs, surveyed_unemployment, energy_intensity ...); 'not set' where a report "
            "says no growth target was set. With --panel, each target beside the actual reported "
            "a year later and the parent level's target of the same year."
        ),
        epilog="example:\n  govtext targets reports/\n  govtext targets --sample --panel -o panel.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    p.add_argument(
        "--panel", action="store_true", help="targets beside actuals and parent-level targets"
    )
    p.add_argument("--indicator", metavar="NAME", help="keep one canonical indicator (e.g. gdp)")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write CSV here instead of printing a table"
    )
    add_csv_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    import pandas as pd

    from govtext._runtime.files import atomic_write_text
    from govtext.cli._common import check_output_file, csv_of, load_input
    from govtext.indicators.targets import target_panel, targets

    check_output_file(args)
    corpus = load_input(args)
    df = target_panel(corpus) if args.panel else targets(corpus)
    if args.indicator:
        df = df[df["canonical"] == args.indicator]
    if args.output:
        atomic_write_text(args.output, csv_of(df, args))
        print(f"{len(df)} rows -> {args.output}", file=sys.stderr)
        return 0
    if not args.panel:
        df = df[
            [
                "report",
                "canonical",
                "indicator",
                "status",
                "value_low",
                "value_high",
                "unit",
                "qualifier",
            ]
        ]
    with pd.option_context(
        "display.width", 200, "display.max_rows", None, "display.max_columns", None
    ):
        print(df.to_string(index=False))
    return 0
