"""Report section "similarity": similarity between reports."""

from __future__ import annotations

from typing import Any

from govtext.report.blocks import MAX_SIMILARITY_LABELS, PageSection, short_region
from govtext.report.context import ReportContext


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
        glabels = [str(g) for g in groups]
        gdf = pd.DataFrame(gm, index=glabels, columns=glabels)
        glink = ctx.write_csv(f"similarity_by_{ctx.by}", gdf, index=True)
        sec.files.append(glink)
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
            f"Mean similarity between groups of reports by {ctx.by} ({len(names)} reports); "
            "the diagonal is the mean over pairs of different reports of a group (blank for "
            f"a group of one report); the colours run from the lowest ({lo:.2f}) to the "
            f"highest ({hi:.2f}) mean."
        )
    sec.blocks.append(
        ctx.figure("similarity", fig, alt="Similarity heatmap", caption=cap, data=link)
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
