"""Report section "dictionary": policy-attention dictionary scores."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govtext.report.blocks import (
    Block,
    PageSection,
    _group_heatmap,
    short_region,
    table_block,
)
from govtext.report.context import ReportContext
from govtext.stats.dictionary import unmatched_terms

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _wide(long: pd.DataFrame, rows: list[str]) -> pd.DataFrame:
    """The long ``dictionary_scores`` table as rows × categories (dictionary order)."""
    cats = list(dict.fromkeys(long["category"]))
    wide = long.pivot(index="report", columns="category", values="score").loc[rows, cats]
    return wide.rename_axis(index=None, columns=None)


def build_dictionary(ctx: ReportContext) -> PageSection:
    import pandas as pd

    from govtext.stats.dictionary import dictionary_scores

    sec = PageSection(
        "dictionary",
        "Policy-attention dictionary scores",
        "Occurrences of each policy category's dictionary terms per 1,000 analysis words: "
        "compare a row across reports (or groups) to see which areas get more attention.",
        "govtext.dictionary_scores(dtm, 'policy', per=1000)",
    )
    scores = _wide(dictionary_scores(ctx.dtm, "policy", per=1000), list(ctx.dtm.docs))
    missing = unmatched_terms(ctx.dtm, "policy")
    link = ctx.write_csv("dictionary_scores", scores.rename_axis("report").reset_index())
    sec.files.append(link)
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    table = scores.copy()
    table.insert(0, "report", [label.get(str(n), str(n)) for n in table.index])
    sec.blocks.append(
        table_block(table, "Per 1,000 analysis words, by report", link, digits=2, max_rows=500)
    )
    groups = ctx.groups()
    if groups:
        g = ctx.dtm.group_by(ctx.by)
        gs = _wide(dictionary_scores(g, "policy", per=1000), list(g.docs))
        gvals = g.meta[ctx.by].tolist()
        rank = {str(v): i for i, v in enumerate(groups)}  # natural order (levels: township first)
        order = sorted(range(len(gvals)), key=lambda i: (rank.get(str(gvals[i]), len(rank)), i))
        gs = gs.iloc[order]
        gvals = [gvals[i] for i in order]
        glink = ctx.write_csv(
            f"dictionary_scores_by_{ctx.by}",
            pd.DataFrame(
                gs.to_numpy(), columns=list(gs.columns), index=pd.Index(gvals, name=ctx.by)
            ).reset_index(),
        )
        sec.files.append(glink)

        cols = [short_region(v) if ctx.by == "region" else str(v) for v in gvals]
        fig = _group_heatmap(
            gs.to_numpy(),
            cols,
            [str(c) for c in gs.columns],
            title=f"政策注意力（每千词，按 {ctx.by}）",
            cmap="OrRd",
            colorbar_label="per 1,000 words",
            fmt="{:.0f}",
            vmin=0,
        )
        sec.blocks.append(
            ctx.figure(
                f"dictionary_by_{ctx.by}",
                fig,
                alt="Dictionary scores heatmap",
                caption=f"Policy attention by {ctx.by}.",
                data=glink,
            )
        )
    if missing:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    f"{len(missing)} dictionary terms never occur as a word in these reports "
                    f"(listed in report.json)."
                ),
            )
        )
        ctx.cache["dictionary_missing"] = list(missing)
    return sec
