"""``govtext graph``: keyword co-occurrence network(s) written as GEXF, JSON and PNG."""

from __future__ import annotations

import argparse
from typing import Any

EPILOG = """examples:
  govtext graph reports/ -o out/
  govtext graph --sample -o out/ --top 80 --measure npmi --max-edges 150
  govtext graph reports/ -o out/ --by year      # one graph per year + changes between years
  govtext graph big_corpus/ -o out/ --measure count --min-count 1 --backbone disparity

files written (NAME = network, or network_<group> with --by):
  NAME.gexf     Gephi (positions, sizes and community colours included)
  NAME.json     node-link JSON for D3
  NAME.png      the drawing (Chinese labels, seeded layout)
  NAME.graphml  with --graphml
  changes_<a>_<b>.csv, nodes_<a>_<b>.csv   with --by: edges and centrality ranks between
                comparable groups (see govtext.compare_graphs): with --by year, consecutive
                available years of the same level (changes_<level>_<a>_<b>.csv); --by
                region, consecutive years of the same region; --by level, neighbouring
                levels in the order township < county < district < city < province <
                national. Each side of a change is the mean of its reports' graphs on the
                shared terms (govtext.network.groups.mean_graphs), so a group with more
                reports does not gain links for that reason.
"""


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import (
        add_csv_args,
        add_input_args,
        add_old_spelling,
        add_perf_args,
        add_random_state,
    )

    p = sub.add_parser(
        "graph",
        help="keyword co-occurrence network (GEXF, JSON, PNG)",
        description="Build keyword co-occurrence networks of the reports and write them for Gephi "
        "(GEXF), D3 (JSON) and as a figure (PNG).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created)")
    p.add_argument(
        "--window",
        choices=["sentence", "paragraph", "report"],
        default="sentence",
        help="co-occurrence window (default sentence)",
    )
    p.add_argument("--top", type=int, default=60, help="number of terms (default 60)")
    add_old_spelling(p, "--top-n", "--top", "top", type=int)
    p.add_argument(
        "--measure",
        choices=["count", "pmi", "npmi", "jaccard", "dice", "conditional", "g2"],
        default="jaccard",
        help="edge weight (default jaccard)",
    )
    p.add_argument(
        "--min-count",
        type=int,
        default=None,
        help="fewest co-occurrences for an edge (default: 1 for one report, 2 for several)",
    )
    p.add_argument(
        "--keep-region",
        action="store_true",
        help="keep a report's own region, its parents and their government bodies as nodes "
        "(left out by default), and place names in group graphs",
    )
    p.add_argument("--min-weight", type=float, default=None, help="smallest edge weight")
    p.add_argument(
        "--max-edges",
        type=int,
        default=120,
        help="keep only the strongest edges (default 120, so that the figure stays readable; "
        "0 = all)",
    )
    p.add_argument(
        "--backbone",
        choices=["none", "disparity"],
        default="none",
        help="disparity-filter backbone (default none)",
    )
    p.add_argument(
        "--alpha", type=float, default=0.05, help="significance of the backbone (default 0.05)"
    )
    p.add_argument(
        "--by", metavar="COLUMN", help="one graph per value of this metadata column (e.g. year)"
    )
    add_random_state(p, "seed of communities and layout (default 0)")
    p.add_argument("--graphml", action="store_true", help="also write GraphML")
    add_csv_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govtext.cli._common import input_outside, load_input, output_folder, tokenizer_for
    from govtext.errors import InputError
    from govtext.network.graph import cooccurrence_graph, graphs_by
    from govtext.network.groups import align_graphs, community_names
    from govtext.readwrite.graphs import write_gexf, write_graphml, write_json
    from govtext.report.context import file_slugs
    from govtext.report.sections.network import draw_on_map
    from govtext.viz.figures import save

    for name, v in (("--top", args.top), ("--min-count", args.min_count)):
        if v is not None and v < 1:
            raise InputError(f"{name} must be at least 1, not {v}")
    if args.max_edges < 0:
        raise InputError(f"--max-edges must be 0 (all) or more, not {args.max_edges}")
    # before the loading: a usable folder, marked so that it is never read back as input
    input_outside(args.output, args)
    with output_folder(args.output, force=True) as out:  # removed if the loading fails
        corpus = load_input(args)
    opts = dict(
        window=args.window,
        top=args.top,
        measure=args.measure,
        min_count=args.min_count,
        keep_region=args.keep_region,
        min_weight=args.min_weight,
        max_edges=args.max_edges or None,
        backbone=None if args.backbone == "none" else args.backbone,
        alpha=args.alpha,
        random_state=args.random_state,
        tokenizer=tokenizer_for(args, corpus),
    )
    slugs: dict[object, str] = {}
    if args.by:
        by_group = graphs_by(corpus, args.by, **opts)
        if args.by == "level":  # administrative order, township up to national
            from govtext.network.groups import level_order

            by_group = {k: by_group[k] for k in level_order(by_group)}
        slugs = file_slugs(by_group)  # distinct files for 甲 县 / 甲'县 / 甲_县
        graphs = {f"network_{slugs[k]}": (k, g) for k, g in by_group.items()}
    else:
        graphs = {"network": (None, cooccurrence_graph(corpus, **opts))}
    if args.by:  # one map: every term at the same place, with the same colour, in each graph
        union = align_graphs({k: g for k, g in graphs.values()}, random_state=args.random_state)
    else:  # one graph: its own layout and communities
        union = graphs["network"][1]
    names = community_names(union)
    written = []
    for name, (key, G) in graphs.items():
        title = f"{args.by} = {key}" if args.by else f"{len(corpus)} report(s)"
        written.append(write_gexf(G, out / f"{name}.gexf"))
        written.append(write_json(G, out / f"{name}.json"))
        fig = draw_on_map(
            G,
            union,
            names,
            title=title,
            random_state=args.random_state,
            figsize=(9.0, 9.0),
            font_size=9.0,
        )
        written.append(save(fig, out / f"{name}.png"))
        if args.graphml:
            written.append(write_graphml(G, out / f"{name}.graphml"))
        print(f"{name}: {G.number_of_nodes()} terms, {G.number_of_edges()} edges")
    if args.by:
        written += _write_changes(args, corpus, graphs, opts, out)
    print(f"wrote {len(written)} files to {out}")
    return 0


def _write_changes(
    args: argparse.Namespace, corpus: Any, graphs: dict[str, Any], opts: dict[str, Any], out: Any
) -> list[Any]:
    """The change files between comparable groups (one line printed per pair)."""
    from govtext._runtime.files import atomic_write_text
    from govtext.cli._common import csv_of
    from govtext.network.compare import compare_graphs
    from govtext.network.groups import comparable_pairs, mean_graphs, pair_masks
    from govtext.report.context import file_slugs

    meta = corpus.meta
    pairs = [p for _, p in comparable_pairs(meta, args.by).iterrows()]
    terms = list(next(iter(graphs.values()))[1].nodes) if graphs else []
    sides = {}
    for k, p in enumerate(pairs):
        sides[(k, 0)], sides[(k, 1)] = pair_masks(meta, p)
    mean = mean_graphs(
        corpus,
        sides,
        terms,
        tokenizer=opts["tokenizer"],
        window=opts["window"],
        measure=opts["measure"],
        min_count=2 if opts["min_count"] is None else opts["min_count"],
        max_edges=opts["max_edges"],
        random_state=opts["random_state"],
    )
    slug = file_slugs([v for p in pairs for v in (p["value"], p["from"], p["to"])])
    written = []
    for k, p in enumerate(pairs):
        cmp = compare_graphs(mean[(k, 0)], mean[(k, 1)])
        stem = "_".join(slug[v] for v in (p["value"], p["from"], p["to"]) if v != "")
        written.append(atomic_write_text(out / f"changes_{stem}.csv", csv_of(cmp.edges, args)))
        written.append(atomic_write_text(out / f"nodes_{stem}.csv", csv_of(cmp.nodes, args)))
        s = cmp.summary
        held = f"{p['value']} " if p["held"] else ""
        gap = f" (no report for {p['gap']})" if p["gap"] else ""
        print(
            f"{held}{p['from']} -> {p['to']}{gap} ({p['n_from']} -> {p['n_to']} reports): "
            f"{int(s['gained'])} edges gained, {int(s['lost'])} lost, "
            f"{int(s['strengthened'])} strengthened, {int(s['weakened'])} weakened, "
            f"edge Jaccard {s['edge_jaccard']:.3f}"
        )
    return written
