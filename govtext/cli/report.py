"""``govtext report``: one HTML page (plus CSV, GEXF/JSON and PNG files) comparing every report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXAMPLES = """examples:
  govtext report --sample -o govtext-sample          # the bundled sample corpus
  govtext report reports/ -o out/ --by region        # your own folder of .txt reports
  govtext report reports/ -o out/ --metadata meta.csv --force --quiet
  govtext report reports/ -o out/ --jobs 2 --no-cache  # 2 processes, no cache
  govtext report reports/ -o out/ --scheduler tcp://10.0.0.5:8786  # on a dask cluster

Results are cached (words of each report, finished sections and figures) in the user
cache folder: a second run on the same reports with the same options reuses them and
writes the same files; any changed report, option or govtext version recomputes.
The output is the same bytes for any --jobs and with or without --scheduler.

Open OUT/index.html in a browser; it works from disk with no network. Tables are in
OUT/data/*.csv, figures in OUT/fig/*.png, co-occurrence graphs in OUT/network/.
"""


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import add_csv_args, add_input_args, add_perf_args, add_random_state

    p = sub.add_parser(
        "report",
        help="write one HTML page comparing every report (with figures and CSV data)",
        description=(
            "Compare every report in one HTML page: corpus overview, keywords, keyness,\n"
            "emerging terms, topics, co-occurrence networks, indicators and targets,\n"
            "similarity and policy-attention scores. The data behind every table and\n"
            "figure is written next to the page."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the per-report steps (reading, cutting into words, indicators) on the "
        "dask.distributed cluster of this scheduler (e.g. tcp://10.0.0.5:8786; needs the "
        "dask extra, and the report files at the same path on every worker); the "
        "output is the same bytes as on this machine (see docs/scale.md)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help="output folder (created; must be empty unless --force)",
    )
    p.add_argument(
        "--by",
        choices=["year", "region", "level"],
        default="year",
        help="group reports by this metadata for networks, similarity and dictionary "
        "scores (default: year)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty output folder, overwriting files of the same name",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="when a section fails, write the page with that section marked as failed "
        "(default: stop with an error and write no page)",
    )
    add_csv_args(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--top", type=int, default=10, help="keywords per report (default 10)")
    p.add_argument(
        "--topics",
        type=int,
        default=None,
        metavar="K",
        help="number of topics (default: chosen from the corpus size)",
    )
    add_random_state(p, "seed of every stochastic step (default 0)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govtext.cli._common import cache_dir, input_outside, load_input, output_folder
    from govtext.errors import InputError

    if args.top < 1:
        raise InputError(f"--top must be at least 1, not {args.top}")
    if args.topics is not None and args.topics < 2:
        raise InputError(f"--topics must be at least 2, not {args.topics}")
    # refuse a non-empty or unwritable folder before the (slow) loading; once made, the
    # folder is marked as output, so that loading never reads it back as input
    folder = cache_dir(args)
    input_outside(args.output, args)
    client = None
    if args.scheduler is not None:  # an unreachable scheduler: an error before any work
        from govtext._runtime.parallel import connect

        client = connect(args.scheduler, option="--scheduler")
    try:
        with output_folder(args.output, force=args.force) as out:
            corpus = load_input(args, client=client)
            stats: dict[str, int] = {}
            page = _build(args, corpus, out, folder, stats, client)
    finally:
        if client is not None:
            client.close()
    if folder is not None and not args.quiet:
        print(
            f"cache: {stats.get('sections_reused', 0)} of "
            f"{stats.get('sections_reused', 0) + stats.get('sections_computed', 0)} sections "
            f"reused from {folder} (--no-cache to recompute)",
            file=sys.stderr,
        )
    print(page)
    sys.stdout.flush()
    return 0


def _build(
    args: argparse.Namespace, corpus: Any, out: Any, folder: Any, stats: dict, client: Any
) -> Any:
    from govtext._runtime.parallel import auto_jobs
    from govtext.report.build import build_report

    return build_report(
        corpus,
        out,
        by=args.by,
        top=args.top,
        n_topics=args.topics,
        random_state=args.random_state,
        force=True,
        progress=False if args.quiet else None,
        cache_dir=folder if folder is not None else False,
        n_jobs=args.jobs if args.jobs is not None else auto_jobs(),  # both cores by default
        scheduler=client,
        stats=stats,
        keep_going=args.keep_going,
        escape_formulas=args.escape_formulas,
    )
