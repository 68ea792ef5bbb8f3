"""Report section "network": co-occurrence networks per group and their change."""

from __future__ import annotations

from collections.abc import Sequence
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


_NODE_COLUMNS = ("frequency", "community", "degree", "strength", "degree_centrality", "betweenness")
_CHANGE_COLUMNS = [
    "change",
    "reports",
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

    from govtext.features.hub import TokenizedCorpus
    from govtext.network.graph import graphs_by
    from govtext.network.groups import align_graphs, community_names, mean_graphs

    sec = PageSection(
        "network",
        f"Co-occurrence networks by {ctx.by} and their change",
        "Two terms are linked when they occur in the same paragraph of a report (weight: "
        "Jaccard coefficient, paragraphs with both / paragraphs with either; thicker = "
        "stronger); a group's graph is the mean of its reports' graphs, with its "
        f"{MAX_LINKS} strongest links, so a group of many reports is not denser for that "
        "reason. Every group uses the same 40 terms, the policy terms most distinctive of "
        "each group against government work reports generally (keyness as for keywords; "
        "never one of the genre's 100 most frequent words), taken in turn from every group; "
        "each term has the same place and colour in every figure (layout and Louvain "
        "communities of all the groups together, named in the legend by their strongest "
        "terms; in grey, terms the group uses without a link; terms it never uses are not "
        "shown), and the change table compares only like with like.",
        f"govtext.graphs_by(corpus, by={ctx.by!r}, top=40, measure='jaccard') (terms); "
        f"govtext.network.groups.mean_graphs(..., window={WINDOW!r}, min_count=1, "
        f"max_edges={MAX_LINKS}), align_graphs, "
        "comparable_pairs; govtext.compare_graphs; govtext.draw_network",
    )
    groups = ctx.groups(limit=ctx.max_groups)
    all_groups = ctx.groups()
    if not groups:
        raise NotApplicable(
            f"Networks by {ctx.by} need {ctx.by} metadata; no report has a {ctx.by}."
        )
    keys = ctx.group_keys()
    chosen = set(groups)
    sub = TokenizedCorpus(ctx.corpus[[k in chosen for k in keys]], ctx.tokenizer)  # cut once
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
    order = [g for g in groups if g in gs]  # natural order (levels: township → national)
    terms = list(gs[order[0]].nodes) if order else []  # the shared terms of graphs_by
    sub_keys = [k for k in keys if k in chosen]
    pairs = _pairs(ctx, sub.corpus.meta, set(order))
    sides = {("pair", *_side(p, k)): ms[k] for p, ms in pairs for k in (0, 1)}
    wanted = {("group", g): [k == g for k in sub_keys] for g in order} | sides
    mean = mean_graphs(
        sub,
        wanted,
        terms,
        tokenizer=ctx.tokenizer,
        window=WINDOW,
        min_count=1,
        max_edges=MAX_LINKS,
        random_state=ctx.random_state,
    )
    drawn = {g: mean[("group", g)] for g in order}
    union = align_graphs(drawn, random_state=ctx.random_state)
    names = community_names(union)
    node_rows, edge_rows = [], []
    slugs = file_slugs(order)  # distinct files for 甲 县 / 甲'县 / 甲_县
    box = map_extent(union)
    for g in order:
        _draw_group(
            ctx,
            sec,
            g,
            drawn[g],
            n_docs=sum(1 for k in keys if k == g),
            slug=slugs[g],
            names=names,
            box=box,
            union=union,
        )
        nodes, edges = _graph_rows(g, drawn[g])
        node_rows += nodes
        edge_rows += edges
    sec.files.append(ctx.write_csv("network_nodes", pd.DataFrame(node_rows)))
    sec.files.append(ctx.write_csv("network_edges", pd.DataFrame(edge_rows)))
    _add_changes(ctx, sec, pairs, mean)
    return sec


#: links kept in every group's graph (the same number for all, so that no group gains
#: links for having more reports; ≤ 60 terms and 60 links stay readable in a figure)
MAX_LINKS = 60
#: the window of a link in the report's group graphs: a report names a policy term a few
#: times, seldom twice in a sentence with another, so sentence links leave the graphs of
#: years with few reports empty; a paragraph is one topic of the report
WINDOW = "paragraph"


def _pairs(ctx: ReportContext, meta: Any, drawn: set[Any]) -> list[tuple[Any, Any]]:
    """The comparable pairs among the drawn groups, with the report masks of each side."""
    from govtext.network.groups import comparable_pairs, pair_masks

    table = comparable_pairs(meta, ctx.by)
    out = []
    for _, p in table.iterrows():
        if ctx.by in ("year", "level") and not {_key(p["from"]), _key(p["to"])} <= drawn:
            continue
        if ctx.by == "region" and p["value"] not in drawn:
            continue
        out.append((p, pair_masks(meta, p)))
    return out


def _key(v: Any) -> Any:
    try:
        return int(v) if float(v) == int(v) else v
    except (TypeError, ValueError):
        return v


def _side(p: Any, k: int) -> tuple[Any, Any]:
    return (p["value"], _key(p["from" if k == 0 else "to"]))


def _pair_label(ctx: ReportContext, p: Any) -> str:
    """``national 2015 → 2016``, ``河北省 2022 → 2026 (no report for 2023–2025)``."""
    a, b = _key(p["from"]), _key(p["to"])
    held = p["value"]
    if p["held"] == "region":
        held = short_region(held)
    text = f"{held} {a} → {b}" if p["held"] else f"{a} → {b}"
    if p["gap"]:
        text += f" (no report for {p['gap']})"
    return text


def map_extent(union: Any) -> tuple[float, float, float, float]:
    """``(x min, x max, y min, y max)`` of the nodes placed on a map (``x``/``y``)."""
    xs = [float(d["x"]) for _, d in union.nodes(data=True) if "x" in d] or [0.0]
    ys = [float(d["y"]) for _, d in union.nodes(data=True) if "y" in d] or [0.0]
    return min(xs), max(xs), min(ys), max(ys)


def _draw_group(
    ctx: ReportContext,
    sec: PageSection,
    g: Any,
    G: Any,
    *,
    n_docs: int,
    slug: str,
    names: dict[int, str],
    box: tuple[float, float, float, float],
    union: Any,
) -> None:
    """Write one group's graph (GEXF, JSON) and add its figure to the section."""
    from govtext.readwrite.graphs import to_gexf, to_json

    base = f"network/{ctx.by}_{slug}"
    ctx.write_file(f"{base}.gexf", to_gexf(G))
    ctx.write_file(f"{base}.json", to_json(G))
    gexf = f"{base}.gexf"
    sec.files.extend([gexf, f"{base}.json"])
    label = str(g) if ctx.by != "region" else short_region(g)
    title = f"{label}（{n_docs} 篇报告）"
    fig = draw_on_map(G, union, names, title=title, random_state=ctx.random_state, box=box)
    sec.blocks.append(
        ctx.figure(
            f"network_{ctx.by}_{slug}",
            fig,
            alt=f"Co-occurrence network, {ctx.by} = {g}",
            caption=f"{ctx.by} = {g}: {G.number_of_edges()} links (mean of {n_docs} "
            f"report{'s' if n_docs != 1 else ''}); grey: terms used here without a link",
            data=gexf,
            grid=True,
        )
    )


def draw_on_map(
    G: Any,
    union: Any,
    names: dict[int, str],
    *,
    title: str | None = None,
    random_state: int = 0,
    box: tuple[float, float, float, float] | None = None,
    figsize: tuple[float, float] = (7.0, 7.0),
    font_size: float = 10.5,
) -> Any:
    """Draw one of several compared graphs on their shared map (see ``align_graphs``).

    The terms with links in ``G`` are drawn by :func:`govtext.draw_network` at their
    places of the map ``union``, the terms ``G`` has without a link (or with ``frequency``
    0: not shown) and the map's terms ``G`` lacks in light grey, in the frame
    ``box`` (default: the map's extent), with the legend of :func:`community_legend`.

    Examples
    --------
    >>> import networkx as nx
    >>> from govtext.network.groups import align_graphs, community_names
    >>> a = nx.Graph([("乡村振兴", "产业", {"weight": 1.0})])
    >>> b = nx.Graph([("营商环境", "科技创新", {"weight": 1.0})])
    >>> U = align_graphs({"a": a, "b": b})
    >>> fig = draw_on_map(a, U, community_names(U), title="a")
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['乡村振兴', '产业', '科技创新', '营商环境']
    """
    from govtext.viz.network import draw_network

    linked = G.subgraph(sorted((n for n in G.nodes if G.degree(n) > 0), key=str)).copy()
    fig = draw_network(
        linked, title=title, random_state=random_state, figsize=figsize, font_size=font_size
    )
    absent = sorted(
        (
            n
            for n in union.nodes
            if n not in linked
            and "x" in union.nodes[n]
            and (n not in G or G.nodes[n].get("frequency", 1))  # used here, without a link
        ),
        key=str,
    )
    community_legend(
        fig.axes[0],
        linked,
        names,
        box=box or map_extent(union),
        absent=[(n, union.nodes[n]) for n in absent],
    )
    return fig


def community_legend(
    ax: Any,
    G: Any,
    names: dict[int, str],
    *,
    box: tuple[float, float, float, float] | None = None,
    absent: Sequence[tuple[Any, dict[str, Any]]] = (),
) -> None:
    """Name the colours of a network drawing and fix its frame.

    Adds a legend below the axes (one entry per community of ``G``'s drawn nodes, named
    by ``names``: the community's strongest terms), writes the ``absent`` terms in light
    grey at their places, and, with ``box`` (x and y ranges of the shared map), gives
    every figure the same frame, so a term sits at the same point in each of them.

    Examples
    --------
    >>> import networkx as nx
    >>> from govtext.viz.network import draw_network
    >>> G = nx.Graph([("乡村振兴", "产业")])
    >>> nx.set_node_attributes(G, 0, "community")
    >>> fig = draw_network(G)
    >>> community_legend(fig.axes[0], G, {0: "乡村振兴 · 产业"}, box=(-1, 1, -1, 1))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['乡村振兴 · 产业']
    """
    from matplotlib.lines import Line2D

    from govtext.network.communities import community_colour

    for n, d in absent:
        ax.text(
            float(d["x"]),
            float(d["y"]),
            str(n),
            fontsize=7.5,
            color="#b0b0b0",
            ha="center",
            va="center",
            zorder=0,
        )
    if box is not None:
        x0, x1, y0, y1 = box
        px, py = 0.08 * max(x1 - x0, 1e-9) + 0.05, 0.08 * max(y1 - y0, 1e-9) + 0.05
        ax.set_xlim(x0 - px, x1 + px)
        ax.set_ylim(y0 - py, y1 + py)
    present = sorted({int(d.get("community", -1)) for _, d in G.nodes(data=True)} - {-1})
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            color=community_colour(k),
            label=names.get(k, str(k)),
        )
        for k in present
    ]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.01),
            ncol=2,
            fontsize=8.5,
            frameon=False,
            title="社群（最强的词）",
            title_fontsize=8.5,
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
            "reports": _plain(d.get("reports")),
            "weight": _plain(d.get("weight")),
        }
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ]
    return nodes, edges


def _add_changes(
    ctx: ReportContext, sec: PageSection, pairs: list[tuple[Any, Any]], mean: dict[Any, Any]
) -> None:
    """The table of links gained and lost between comparable groups (and its CSV)."""
    import pandas as pd

    from govtext.network.compare import compare_graphs

    summ, changes = [], []
    for p, _ in pairs:
        g1, g2 = mean[("pair", *_side(p, 0))], mean[("pair", *_side(p, 1))]
        cmp = compare_graphs(g1, g2)
        s = cmp.summary
        gained = cmp.edges[cmp.edges["status"] == "gained"].head(5)
        lost = cmp.edges[cmp.edges["status"] == "lost"].head(5)
        summ.append(
            [
                _pair_label(ctx, p),
                f"{int(p['n_from'])} → {int(p['n_to'])}",
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
        for k, (col, val) in enumerate(
            (
                ("held", p["held"]),
                ("value", p["value"]),
                ("from", _key(p["from"])),
                ("to", _key(p["to"])),
                ("gap", p["gap"]),
            )
        ):
            e.insert(k, col, val)
        changes.append(e)
    what = _COMPARABLE.get(ctx.by, f"consecutive values of {ctx.by}")
    if not summ:
        sec.blocks.append(
            Block("note", text=f"No two comparable groups ({what}): no change to show.")
        )
        return
    link = ctx.write_csv("network_changes", pd.concat(changes, ignore_index=True))
    sec.files.append(link)
    table = pd.DataFrame(summ, columns=_CHANGE_COLUMNS)
    sec.blocks.append(Block("heading", text=f"Change between comparable groups ({what})"))
    sec.blocks.append(
        table_block(
            table,
            "Each side is the mean of its reports' graphs, with its "
            f"{MAX_LINKS} strongest links, so a side with more reports does not gain links "
            "for that reason; edge Jaccard = share of links the two sides have in common",
            link,
        )
    )


_COMPARABLE = {
    "year": "consecutive available years of the same level",
    "level": "neighbouring levels: township < county < district < city < province < national",
    "region": "consecutive available years of the same region",
}
