"""A county's network across years: how the links between its key terms changed.

Builds one keyword co-occurrence graph per year for one region (河北省保定市顺平县 by
default) on a shared vocabulary — the ``--top`` most frequent terms over all its
reports — so that graphs of different years can be compared node for node
(:func:`govtext.graphs_by`), then compares each year with the one before
(:func:`govtext.compare_graphs`). Edges are weighted by the Jaccard coefficient of the
sentences two terms occur in (KH Coder's default). Writes:

* ``nodes.csv`` — per year and term: frequency, degree, weighted degree, centralities
  and Louvain community;
* ``edges.csv`` — per year, every edge with its co-occurrence count and weight;
* ``changes.csv`` — per pair of consecutive years, the graph-level summary (edges
  gained, lost, strengthened, weakened, edge Jaccard overlap, density);
* ``edge_changes.csv`` and ``rank_changes.csv`` — the edges that changed most and the
  terms whose centrality rank moved most between consecutive years;
* ``network_<year>.gexf`` — each graph for Gephi, with positions and community colours;
* ``network_<first>.png`` and ``network_<last>.png`` — pictures of the first and last
  year (need the ``plot`` extra);
* ``summary.md`` — the findings in words.

Usage::

    python examples/county_network.py OUT [--corpus FOLDER] [--region REGION] [--top 40]

Without ``--corpus`` the bundled sample is used (顺平县, 2020–2024).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import govtext as gt
from govtext._runtime.files import atomic_write_text

NODE_COLUMNS = [
    "frequency",
    "window_count",
    "degree",
    "strength",
    "degree_centrality",
    "betweenness",
    "eigenvector",
    "community",
]


def load(corpus: str | None) -> gt.Corpus:
    """The bundled sample, or a folder of reports (with its manifest.csv if it has one)."""
    if corpus is None:
        return gt.datasets.load_sample()
    folder = Path(corpus)
    manifest = folder / "manifest.csv"
    return gt.load_corpus(folder, metadata=manifest if manifest.is_file() else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--corpus", help="folder of reports (default: the bundled sample)")
    parser.add_argument(
        "--region", default="河北省保定市顺平县", help="region as in the metadata (default 顺平县)"
    )
    parser.add_argument("--top", type=int, default=40, help="terms in the network (default 40)")
    parser.add_argument("--seed", type=int, default=0, help="random_state of communities/layout")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    import pandas as pd

    corpus = load(args.corpus).filter(region=args.region)
    years = sorted(int(y) for y in corpus.meta["year"].dropna().unique())
    if len(years) < 2:
        raise SystemExit(f"need reports of {args.region} for at least two years, found {years}")

    graphs = gt.graphs_by(corpus, "year", top=args.top, measure="jaccard", random_state=args.seed)

    node_rows, edge_rows = [], []
    for year, G in graphs.items():
        for term, d in G.nodes(data=True):
            node_rows.append({"year": year, "term": term, **{c: d.get(c) for c in NODE_COLUMNS}})
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
            edge_rows.append(
                {"year": year, "source": u, "target": v, "count": d["count"], "weight": d["weight"]}
            )
    nodes = pd.DataFrame(node_rows).sort_values(["year", "degree_centrality", "term"],
                                                ascending=[True, False, True], kind="stable")  # fmt: skip
    atomic_write_text(out / "nodes.csv", nodes.round(6).to_csv(index=False))
    atomic_write_text(out / "edges.csv", pd.DataFrame(edge_rows).round(6).to_csv(index=False))

    summaries, edge_changes, rank_changes = [], [], []
    for y1, y2 in zip(years, years[1:]):
        cmp = gt.compare_graphs(graphs[y1], graphs[y2])
        summaries.append({"from": y1, "to": y2, **cmp.summary.to_dict()})
        edge_changes.append(cmp.edges[cmp.edges["status"] != "unchanged"].head(20).assign(
            **{"from": y1, "to": y2}))  # fmt: skip
        moved = cmp.nodes.dropna(subset=["rank_change"])
        moved = moved.reindex(
            moved["rank_change"].abs().sort_values(ascending=False, kind="stable").index
        )
        rank_changes.append(moved.head(10).assign(**{"from": y1, "to": y2}))
    changes = pd.DataFrame(summaries)
    atomic_write_text(out / "changes.csv", changes.round(6).to_csv(index=False))
    front = ["from", "to"]
    ec = pd.concat(edge_changes, ignore_index=True)
    rc = pd.concat(rank_changes, ignore_index=True)
    atomic_write_text(
        out / "edge_changes.csv",
        ec[front + [c for c in ec.columns if c not in front]].round(6).to_csv(index=False),
    )
    atomic_write_text(
        out / "rank_changes.csv",
        rc[front + [c for c in rc.columns if c not in front]].round(6).to_csv(index=False),
    )

    from govtext.readwrite.graphs import write_gexf

    for year, G in graphs.items():
        write_gexf(G, out / f"network_{year}.gexf")

    try:
        from govtext.viz.network import draw_network

        for year in (years[0], years[-1]):
            G = graphs[year].copy()
            G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
            draw_network(
                G, out / f"network_{year}.png", title=f"{args.region} {year}：关键词共现网络"
            )
    except gt.MissingExtraError as err:  # figures are optional
        print(f"no figure: {err}", file=sys.stderr)

    first, last = years[0], years[-1]
    top_first = nodes[nodes["year"] == first]["term"].head(8).tolist()
    top_last = nodes[nodes["year"] == last]["term"].head(8).tolist()
    lines = [
        f"# {args.region}: co-occurrence networks {first}–{last}",
        "",
        f"{len(corpus)} reports ({', '.join(map(str, years))}); {args.top} shared terms; "
        "edges weighted by the Jaccard coefficient of the sentences the two terms occur in.",
        "",
        f"Most central terms in {first}: " + "、".join(top_first),
        "",
        f"Most central terms in {last}: " + "、".join(top_last),
        "",
        "Year-on-year change (edges gained / lost, edge Jaccard overlap): "
        + "; ".join(
            f"{r['from']}→{r['to']} +{int(r['gained'])}/−{int(r['lost'])}, {r['edge_jaccard']:.2f}"
            for r in summaries
        ),
        "",
    ]
    atomic_write_text(out / "summary.md", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except gt.GovtextError as err:  # a user error: one line, no traceback
        sys.exit(f"{Path(sys.argv[0]).name}: error: {err}")
