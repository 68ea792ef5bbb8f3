"""Report section "network": co-occurrence networks per group and their change."""

from __future__ import annotations

from typing import Any

from govtext.report.blocks import (
    Block,
    NotApplicable,
    PageSection,
    short_region,
    table_block,
)
from govtext.report.context import ReportContext, file_slugs


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


def _spread_layout(G: Any) -> None:
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


_NODE_COLUMNS = ("frequency", "community", "degree", "strength", "degree_centrality", "betweenness")
_CHANGE_COLUMNS = [
    "change",
    "links gained",
    "links lost",
    "strengthened",
    "weakened",
    "edge Jaccard",
    "strongest gained",
    "strongest lost",
]


def build_network(ctx: ReportContext) -> PageSection:
    import pandas as pd

    from govtext.network.compare import compare_graphs
    from govtext.network.graph import graphs_by

    sec = PageSection(
        "network",
        f"Co-occurrence networks by {ctx.by} and their change",
        "Two words are linked when they occur in the same sentences at least twice (weight: "
        "Jaccard coefficient, sentences with both / sentences with either; thicker = "
        "stronger; colours = Louvain communities); every group uses the same 40 terms, the "
        "policy terms most distinctive of each group against government work reports "
        "generally (keyness as for keywords; never one of the genre's 100 most frequent "
        "words), taken in turn from every group, so the change table can count the links "
        "gained and lost from one group to the next.",
        f"govtext.graphs_by(corpus, by={ctx.by!r}, top=40, measure='jaccard'); "
        "govtext.compare_graphs; govtext.draw_network",
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
    gs = graphs_by(sub, ctx.by, tokenizer=ctx.tokenizer, top=40, random_state=ctx.random_state)
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
    node_rows, edge_rows = [], []
    order = [g for g in groups if g in gs]  # natural order (levels: township → national)
    slugs = file_slugs(order)  # distinct files for 甲 县 / 甲'县 / 甲_县
    for g in order:
        _draw_group(ctx, sec, g, gs[g], n_docs=sum(1 for k in keys if k == g), slug=slugs[g])
        nodes, edges = _graph_rows(g, gs[g])
        node_rows += nodes
        edge_rows += edges
    sec.files.append(ctx.write_csv("network_nodes", pd.DataFrame(node_rows)))
    sec.files.append(ctx.write_csv("network_edges", pd.DataFrame(edge_rows)))
    _add_changes(ctx, sec, order, gs, compare_graphs)
    return sec


def _draw_group(
    ctx: ReportContext, sec: PageSection, g: Any, G: Any, *, n_docs: int, slug: str
) -> None:
    """Write one group's graph (GEXF, JSON) and add its figure to the section."""
    from govtext.readwrite.graphs import to_gexf, to_json
    from govtext.viz.network import draw_network

    base = f"network/{ctx.by}_{slug}"
    ctx.write_file(f"{base}.gexf", to_gexf(G))
    ctx.write_file(f"{base}.json", to_json(G))
    gexf = f"{base}.gexf"
    sec.files.extend([gexf, f"{base}.json"])
    label = str(g) if ctx.by != "region" else short_region(g)
    title = f"{label}（{n_docs} 篇报告）"
    linked = G.subgraph(sorted((n for n in G.nodes if G.degree(n) > 0), key=str)).copy()
    _spread_layout(linked)  # deterministic: no random_state
    fig = draw_network(
        linked, title=title, random_state=ctx.random_state, figsize=(7.0, 6.2), font_size=10.5
    )
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


def _graph_rows(g: Any, G: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge rows of one group's graph, in a stable order."""
    nodes = [
        {"group": g, "term": n, **{c: _plain(G.nodes[n].get(c)) for c in _NODE_COLUMNS}}
        for n in sorted(G.nodes, key=str)
    ]
    edges = [
        {
            "group": g,
            "source": u,
            "target": v,
            "count": _plain(d.get("count")),
            "weight": _plain(d.get("weight")),
        }
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ]
    return nodes, edges


def _add_changes(
    ctx: ReportContext, sec: PageSection, order: list[Any], gs: dict[Any, Any], compare_graphs: Any
) -> None:
    """The table of links gained and lost between consecutive groups (and its CSV)."""
    import pandas as pd

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
    if not summ:
        sec.blocks.append(Block("note", text=f"Only one group by {ctx.by}: no change to show."))
        return
    link = ctx.write_csv("network_changes", pd.concat(changes, ignore_index=True))
    sec.files.append(link)
    table = pd.DataFrame(summ, columns=_CHANGE_COLUMNS)
    sec.blocks.append(Block("heading", text=f"Change between consecutive groups ({ctx.by})"))
    sec.blocks.append(
        table_block(table, "Edge Jaccard = share of links the two groups have in common", link)
    )
