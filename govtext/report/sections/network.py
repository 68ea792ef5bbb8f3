"""Report section "network": co-occurrence networks per group and their change."""

from __future__ import annotations

import json
import re
from typing import Any

from govtext.report.blocks import (
    Block,
    NotApplicable,
    Section,
    _api,
    _slug,
    short_region,
    table_block,
)
from govtext.report.context import ReportContext


def _gexf_bytes(G: Any) -> bytes:
    """GEXF of a graph with reproducible bytes (networkx's date stamp removed)."""
    import networkx as nx

    H = nx.Graph()
    H.graph.update(
        {k: (v if isinstance(v, (str, int, float)) else str(v)) for k, v in G.graph.items()}
    )
    for n in sorted(G.nodes, key=str):
        H.add_node(str(n), **{k: _plain(v) for k, v in sorted(G.nodes[n].items())})
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        H.add_edge(str(u), str(v), **{k: _plain(x) for k, x in sorted(d.items())})
    text = "\n".join(nx.generate_gexf(H, prettyprint=True)) + "\n"
    text = re.sub(r'\s*lastmodifieddate="[^"]*"', "", text)
    return text.encode("utf-8")


def _plain(v: Any) -> Any:
    try:
        import numpy as np

        if isinstance(v, np.generic):
            return v.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _graph_json(G: Any) -> str:
    nodes = [
        {"id": str(n), **{k: _plain(v) for k, v in sorted(G.nodes[n].items())}}
        for n in sorted(G.nodes, key=str)
    ]
    links = [
        {"source": str(u), "target": str(v), **{k: _plain(x) for k, x in sorted(d.items())}}
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ]
    graph = {k: _plain(v) for k, v in sorted(G.graph.items())}
    return (
        json.dumps(
            {"directed": False, "graph": graph, "nodes": nodes, "links": links},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        + "\n"
    )


def _spread_layout(G: Any, seed: int) -> None:
    """Set ``x``/``y`` of the drawn nodes so that labels stay readable.

    The largest connected component is laid out by Kamada-Kawai on path lengths
    (deterministic; strongly linked clusters do not collapse onto each other); smaller
    components are laid out the same way and lined up, smaller, below it.
    """
    import networkx as nx
    import numpy as np

    if G.number_of_nodes() == 0:
        return
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0]))
    )

    def unit(nodes: list[Any]) -> dict[Any, np.ndarray]:
        if len(nodes) == 1:
            return {nodes[0]: np.zeros(2)}
        if len(nodes) == 2:
            return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
        pos = nx.kamada_kawai_layout(G.subgraph(nodes), weight=None)
        arr = np.array([pos[n] for n in nodes], dtype=float)
        arr -= arr.mean(axis=0)
        arr /= max(float(np.abs(arr).max()), 1e-9)
        return {n: arr[i] for i, n in enumerate(nodes)}

    out = {n: p for n, p in unit(comps[0]).items()}
    rest = comps[1:]
    if rest:
        step = 2.4 / max(len(rest), 1)
        for i, comp in enumerate(rest):
            scale = min(0.35, step * 0.4)
            cx = -1.0 + step * (i + 0.5)
            for n, p in unit(comp).items():
                out[n] = np.array([cx + p[0] * scale, -1.35 + p[1] * scale * 0.6])
    for n, (x, y) in out.items():
        G.nodes[n]["x"] = round(float(x), 6)
        G.nodes[n]["y"] = round(float(y), 6)
    del seed  # the layout is deterministic without one


def build_network(ctx: ReportContext) -> Section:
    import pandas as pd

    graphs_by = _api("graphs_by")
    compare_graphs = _api("compare_graphs")
    _api("cooccurrence_graph")
    sec = Section(
        "network",
        f"Co-occurrence networks by {ctx.by} and their change",
        "Two words are linked when they occur in the same sentences at least twice (weight: "
        "Jaccard coefficient, sentences with both / sentences with either; thicker = "
        "stronger; colours = Louvain communities); every group uses the same 40 words, the "
        "most frequent in the corpus, so the change table can count the links gained and "
        "lost from one group to the next.",
        f"govtext.graphs_by(corpus, by={ctx.by!r}, top_n=40, measure='jaccard'); "
        "govtext.compare_graphs; govtext.netplot.draw_network",
    )
    groups = ctx.groups(limit=ctx.max_groups)
    all_groups = ctx.groups()
    if not groups:
        raise NotApplicable(
            f"Networks by {ctx.by} need {ctx.by} metadata; no report has a {ctx.by}."
        )
    keys = ctx.group_keys()
    chosen = set(groups)
    sub = ctx.corpus[[k in chosen for k in keys]]
    gs = graphs_by(sub, ctx.by, tokenizer=ctx.tokenizer, top_n=40, random_state=ctx.random_state)
    if len(all_groups) > len(groups):
        sec.blocks.append(
            Block(
                "note",
                text=(
                    f"{len(all_groups)} groups by {ctx.by}; the {len(groups)} "
                    f"{'latest' if ctx.by == 'year' else 'with the most reports'} are drawn "
                    f"(max_groups={ctx.max_groups})."
                ),
            )
        )
    try:  # drawing and export of govtext.network (netplot); the plot module as fallback
        from govtext.viz.network import draw_network, write_gexf, write_json
    except ImportError:  # pragma: no cover - older versions
        draw_network = write_gexf = write_json = None  # type: ignore[assignment]
    from govtext.viz.figures import network_figure

    node_rows, edge_rows = [], []
    order = [g for g in groups if g in gs]  # natural order (levels: township → national)
    for g in order:
        G = gs[g]
        slug = _slug(g)
        base = f"network/{ctx.by}_{slug}"
        if write_gexf is not None and write_json is not None:
            write_gexf(G, ctx.out / f"{base}.gexf")
            write_json(G, ctx.out / f"{base}.json")
        else:  # pragma: no cover
            ctx.write_file(f"{base}.gexf", _gexf_bytes(G))
            ctx.write_file(f"{base}.json", _graph_json(G))
        gexf = f"{base}.gexf"
        sec.files.extend([gexf, f"{base}.json"])
        label = str(g) if ctx.by != "region" else short_region(g)
        n_docs = sum(1 for k in keys if k == g)
        title = f"{label}（{n_docs} 篇报告）"
        linked = G.subgraph(sorted((n for n in G.nodes if G.degree(n) > 0), key=str)).copy()
        _spread_layout(linked, ctx.random_state)
        if draw_network is not None:
            fig = draw_network(
                linked, title=title, seed=ctx.random_state, figsize=(7.0, 6.2), font_size=10.5
            )
        else:  # pragma: no cover
            fig = network_figure(linked, title=title, seed=ctx.random_state)
        sec.blocks.append(
            ctx.figure(
                f"network_{ctx.by}_{slug}",
                fig,
                alt=f"Co-occurrence network, {ctx.by} = {g}",
                caption=f"{ctx.by} = {g}: {G.number_of_edges()} links",
                data=gexf,
                grid=True,
            )
        )
        for n in sorted(G.nodes, key=str):
            d = G.nodes[n]
            node_rows.append(
                {
                    "group": g,
                    "term": n,
                    **{
                        c: _plain(d.get(c))
                        for c in (
                            "frequency",
                            "community",
                            "degree",
                            "strength",
                            "degree_centrality",
                            "betweenness",
                        )
                    },
                }
            )
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            edge_rows.append(
                {
                    "group": g,
                    "source": u,
                    "target": v,
                    "count": _plain(d.get("count")),
                    "weight": _plain(d.get("weight")),
                }
            )
    sec.files.append(ctx.write_csv("network_nodes", pd.DataFrame(node_rows)))
    sec.files.append(ctx.write_csv("network_edges", pd.DataFrame(edge_rows)))
    summ, changes = [], []
    for a, b in zip(order, order[1:]):
        cmp = compare_graphs(gs[a], gs[b])
        s = cmp.summary
        gained = cmp.edges[cmp.edges["status"] == "gained"].head(5)
        lost = cmp.edges[cmp.edges["status"] == "lost"].head(5)
        summ.append(
            [
                f"{a} → {b}",
                int(s["gained"]),
                int(s["lost"]),
                int(s["strengthened"]),
                int(s["weakened"]),
                float(s["edge_jaccard"]),
                "  ".join(f"{x}–{y}" for x, y in zip(gained["source"], gained["target"])),
                "  ".join(f"{x}–{y}" for x, y in zip(lost["source"], lost["target"])),
            ]
        )
        e = cmp.edges.copy()
        e.insert(0, "to", b)
        e.insert(0, "from", a)
        changes.append(e)
    if summ:
        link = ctx.write_csv("network_changes", pd.concat(changes, ignore_index=True))
        sec.files.append(link)
        table = pd.DataFrame(
            summ,
            columns=[
                "change",
                "links gained",
                "links lost",
                "strengthened",
                "weakened",
                "edge Jaccard",
                "strongest gained",
                "strongest lost",
            ],
        )
        sec.blocks.append(Block("heading", text=f"Change between consecutive groups ({ctx.by})"))
        sec.blocks.append(
            table_block(table, "Edge Jaccard = share of links the two groups have in common", link)
        )
    else:
        sec.blocks.append(Block("note", text=f"Only one group by {ctx.by}: no change to show."))
    return sec
