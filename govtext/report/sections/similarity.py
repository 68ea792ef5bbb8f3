"""Report section "similarity": similarity between reports.

Up to :data:`MAX_MATRIX_REPORTS` reports, the section writes the full report × report
matrix (``data/similarity.csv``); above, where ``n²`` numbers would take gigabytes (10,000
reports: 10⁸ cells), it writes each report's :data:`NEIGHBOURS` most similar reports
(``data/similarity_neighbours.csv``, from :func:`govtext.stats.similarity.neighbours`)
and shows the most similar pairs in a table, with the mean similarity between groups
computed from group sums (:func:`govtext.stats.similarity.group_similarity`): memory
linear in the number of reports.
"""

from __future__ import annotations

from typing import Any

from govtext.report.blocks import MAX_SIMILARITY_LABELS, PageSection, short_region, table_block
from govtext.report.context import ReportContext

#: Above this many reports, no full matrix: nearest neighbours and group means only.
MAX_MATRIX_REPORTS = 500
#: Neighbours per report written above :data:`MAX_MATRIX_REPORTS`.
NEIGHBOURS = 5
#: Most similar pairs shown on the page above :data:`MAX_MATRIX_REPORTS`.
TOP_PAIRS = 30


def build_similarity(ctx: ReportContext) -> PageSection:
    import numpy as np
    import pandas as pd

    sec = PageSection(
        "similarity",
        "Similarity between reports",
        "Each cell is the cosine similarity of two reports' TF-IDF vectors, from 0 (no shared "
        "vocabulary) to 1 (identical word use); bright blocks are groups of reports that "
        "speak alike.",
        "govtext.similarity",
    )
    if len(ctx.dtm.docs) > MAX_MATRIX_REPORTS:
        return _build_large(ctx, sec)
    from govtext.stats.similarity import similarity

    sim = similarity(ctx.dtm)
    mat = np.asarray(getattr(sim, "to_numpy", lambda: sim)(), dtype=float)
    names = ctx.dtm.docs
    df = pd.DataFrame(mat, index=names, columns=names)
    link = ctx.write_csv("similarity", df, index=True)
    sec.files.append(link)
    from govtext.viz.figures import heatmap

    if len(names) <= MAX_SIMILARITY_LABELS:
        # colours span the similarities between different reports (the diagonal, 1, would
        # squeeze them into a few shades of a 0-1 scale); the diagonal is left blank
        diagonal = np.eye(len(names), dtype=bool)
        lo, hi = _colour_range(mat[~diagonal])
        fig = heatmap(
            np.where(diagonal, np.nan, mat),
            ctx.labels,
            ctx.labels,
            title="报告相似度（TF-IDF 余弦）",
            vmin=lo,
            vmax=hi,
            colorbar_label=f"余弦相似度（色标 {lo:.2f}–{hi:.2f}）",
            annotate=len(names) <= 14,
        )
        cap = (
            f"Report × report similarity; the colours run from the lowest ({lo:.2f}) to the "
            f"highest ({hi:.2f}) similarity of two different reports; the diagonal (a report "
            "with itself, 1) is left blank."
        )
    else:  # too many reports to label: average within groups of `by`
        keys = ctx.group_keys()
        groups = ctx.groups()
        idx = [[i for i, k in enumerate(keys) if k == g] for g in groups]

        def block_mean(a: list[int], b: list[int]) -> float:
            if a is b:  # within a group: pairs of different reports only
                if len(a) < 2:
                    return float("nan")
                sub = mat[np.ix_(a, a)]
                return float((sub.sum() - np.trace(sub)) / (len(a) * (len(a) - 1)))
            return float(mat[np.ix_(a, b)].mean())

        gm = np.array([[block_mean(a, b) for b in idx] for a in idx])
        fig, cap, glink = _group_figure(ctx, groups, gm, len(names))
        sec.files.append(glink)
    sec.blocks.append(
        ctx.figure("similarity", fig, alt="Similarity heatmap", caption=cap, data=link)
    )
    return sec


def _group_figure(
    ctx: ReportContext, groups: list[Any], gm: Any, n: int, *, limit: int | None = None
) -> tuple[Any, str, str]:
    """The heatmap of the mean similarity between groups, its caption and its CSV's link
    (the CSV has every group given; with ``limit``, the heatmap shows at most that many: the
    latest years or the largest groups)."""
    import numpy as np
    import pandas as pd

    from govtext.viz.figures import heatmap

    glabels = [str(g) for g in groups]
    gdf = pd.DataFrame(gm, index=glabels, columns=glabels)
    glink = ctx.write_csv(f"similarity_by_{ctx.by}", gdf, index=True)
    more = ""
    if limit is not None and len(groups) > limit:
        keep = set(ctx.groups(limit=limit))
        pick = [i for i, g in enumerate(groups) if g in keep]
        more = (
            f" The heatmap shows {len(pick)} of the {len(groups)} groups (the "
            f"{'latest' if ctx.by == 'year' else 'largest'}); the CSV has more."
        )
        groups = [groups[i] for i in pick]
        gm = np.asarray(gm)[np.ix_(pick, pick)]
        glabels = [str(g) for g in groups]
    shown = [short_region(g) for g in groups] if ctx.by == "region" else glabels
    lo, hi = _colour_range(gm)
    fig = heatmap(
        gm,
        shown,
        shown,
        title=f"平均相似度（按 {ctx.by}）",
        vmin=lo,
        vmax=hi,
        colorbar_label=f"平均余弦相似度（色标 {lo:.2f}–{hi:.2f}）",
    )
    cap = (
        f"Mean similarity between groups of reports by {ctx.by} ({n} reports); "
        "the diagonal is the mean over pairs of different reports of a group (blank for "
        f"a group of one report); the colours run from the lowest ({lo:.2f}) to the "
        f"highest ({hi:.2f}) mean."
    ) + more
    return fig, cap, glink


def _build_large(ctx: ReportContext, sec: PageSection) -> PageSection:
    """Many reports: nearest neighbours, the most similar pairs and group means, never the
    ``n × n`` matrix."""
    from govtext.stats.similarity import group_similarity, neighbours

    names = [str(d) for d in ctx.dtm.docs]
    near = neighbours(ctx.dtm, NEIGHBOURS)
    link = ctx.write_csv("similarity_neighbours", near)
    sec.files.append(link)
    keys = ctx.group_keys()
    groups = ctx.groups()
    n_groups = len(groups)
    if n_groups > MAX_MATRIX_REPORTS:  # (by region) a group × group table stays bounded
        groups = ctx.groups(limit=MAX_MATRIX_REPORTS)
    pos: dict[Any, list[int]] = {g: [] for g in groups}
    for i, k in enumerate(keys):
        if k in pos:
            pos[k].append(i)
    gm = group_similarity(ctx.dtm, [pos[g] for g in groups])
    fig, cap, glink = _group_figure(ctx, groups, gm, len(names), limit=MAX_SIMILARITY_LABELS)
    if n_groups > len(groups):
        kind = "latest" if ctx.by == "year" else "largest"
        cap += f" The CSV has the {len(groups)} {kind} of the {n_groups} groups."
    sec.files.append(glink)
    sec.blocks.append(
        ctx.figure("similarity", fig, alt="Similarity heatmap", caption=cap, data=glink)
    )
    label = dict(zip(names, ctx.labels))
    seen: set[tuple[str, str]] = set()
    pairs = []
    for a, b, v in near.sort_values(
        ["similarity", "report", "neighbour"], ascending=[False, True, True], kind="stable"
    )[["report", "neighbour", "similarity"]].itertuples(index=False):
        key = (a, b) if a < b else (b, a)
        if key in seen:
            continue
        seen.add(key)
        pairs.append({"report": label[key[0]], "most similar to": label[key[1]], "cosine": v})
        if len(pairs) >= TOP_PAIRS:
            break
    import pandas as pd

    sec.blocks.append(
        table_block(
            pd.DataFrame(pairs, columns=["report", "most similar to", "cosine"]),
            f"The {len(pairs)} most similar pairs of reports (TF-IDF cosine) of {len(names):,}; "
            f"each report's {NEIGHBOURS} nearest reports are in the CSV (no full matrix "
            f"above {MAX_MATRIX_REPORTS:,} reports).",
            link,
        )
    )
    return sec


def _colour_range(values: Any) -> tuple[float, float]:
    """The colour scale of a similarity heatmap: the observed range of the finite
    ``values``, rounded outwards to 0.01 (0-1 when there is no spread to show)."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return 0.0, 1.0
    lo, hi = np.floor(v.min() * 100) / 100, np.ceil(v.max() * 100) / 100
    return (0.0, 1.0) if hi - lo < 0.01 else (float(lo), float(hi))
