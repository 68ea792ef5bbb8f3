"""Report section "topics": topic prevalence by year and by region."""

from __future__ import annotations

from typing import Any

from govtext.report.blocks import (
    Block,
    PageSection,
    _clip,
    _group_heatmap,
    short_region,
    table_block,
)
from govtext.report.context import ReportContext, fit_default_k


def _n_topics(ctx: ReportContext) -> int:
    if ctx.n_topics is not None:
        return int(ctx.n_topics)
    return int(min(12, max(3, len(ctx.corpus) // 3 + 2)))


def build_topics(ctx: ReportContext) -> PageSection:
    import pandas as pd

    from govtext.models.topics import fit_topics

    k = _n_topics(ctx)
    model, k_asked = None, k
    if ctx.n_topics is None:  # the default k: lowered to what the reports allow
        model, k = fit_default_k(
            lambda k: fit_topics(
                ctx.corpus, k=k, random_state=ctx.random_state, tokenizer=ctx.tokenizer
            ),
            k,
            option="--topics (n_topics)",
        )
    sec = PageSection(
        "topics",
        "Topic prevalence by year and by region",
        "The share of a group's text that the topic model assigns to each topic. By year, "
        "within each level (the State Council's reports, the provinces', the counties' ... "
        "each their own lines, so that many reports of one level in one year do not drive "
        "the others' shifts), a line broken where a level has no report; by region, a "
        "heatmap (columns sum to one).",
        f"govtext.fit_topics(corpus, k={k}, method='nmf', unit='paragraph', random_state={ctx.random_state}); "
        "TopicModel.prevalence(['level', 'year']), TopicModel.prevalence('region')",
    )
    if k < k_asked:
        sec.blocks.append(
            Block(
                "note",
                text=f"{k} topics instead of the default {k_asked}: the reports have too few "
                "words or paragraphs for more (--topics / n_topics sets the number).",
            )
        )
    if model is None:
        model = fit_topics(ctx.corpus, k=k, random_state=ctx.random_state, tokenizer=ctx.tokenizer)
    topics = model.topics
    tlink = ctx.write_csv("topics", topics)
    sec.files.append(tlink)
    labels = [f"{i}: {_clip(lab, 14)}" for i, lab in enumerate(model.labels_)]
    top = model.top_terms(8)
    sec.blocks.append(
        table_block(
            pd.DataFrame({"topic": list(range(k)), "top words": ["  ".join(t) for t in top]}),
            f"{k} topics (FREX-ranked words; weights in the CSV)",
            tlink,
        )
    )
    dt = model.document_topics() if callable(getattr(model, "document_topics", None)) else None
    if dt is not None:
        sec.files.append(ctx.write_csv("document_topics", dt.reset_index()))

    _prevalence_by_year(ctx, sec, model, labels)
    by = "region"
    if by not in ctx.corpus.meta.columns or ctx.corpus.meta[by].isna().all():
        sec.blocks.append(Block("note", text=f"No {by} metadata: no prevalence by {by}."))
        return sec
    prev = model.prevalence(by)
    link = ctx.write_csv(f"topic_prevalence_by_{by}", prev.reset_index())
    sec.files.append(link)
    fig = _group_heatmap(
        prev.to_numpy(),
        [short_region(v) for v in prev.index],
        labels,
        title="主题占比（按地区）",
        cmap="YlGnBu",
        colorbar_label="share of text",
        fmt="{:.2f}",
        vmin=0,
    )
    sec.blocks.append(
        ctx.figure(
            f"topic_prevalence_by_{by}",
            fig,
            alt=f"Topic prevalence by {by}",
            caption=f"Topic prevalence by {by} ({len(prev)} groups).",
            data=link,
        )
    )
    return sec


def _prevalence_by_year(
    ctx: ReportContext, sec: PageSection, model: Any, labels: list[str]
) -> None:
    """Prevalence by year within each level: one panel of lines per level with several
    years, each line broken where the level has no report (NaN at the missing years)."""
    meta = ctx.corpus.meta
    if "year" not in meta.columns or meta["year"].isna().all():
        sec.blocks.append(Block("note", text="No year metadata: no prevalence by year."))
        return
    has_level = "level" in meta.columns and meta["level"].notna().any()
    prev = model.prevalence(["level", "year"] if has_level else "year")
    table = prev.reset_index()
    if not has_level:
        table.insert(0, "level", "")
    link = ctx.write_csv("topic_prevalence_by_year", table)
    sec.files.append(link)
    panels, single = [], []
    from govtext.network.groups import level_order

    for level in reversed(level_order(table["level"].astype(str).unique())):
        rows = table[table["level"].astype(str) == level]
        (panels if len(rows) >= 2 else single).append(level)
    if single:
        one = "; ".join(
            f"{lev} ({int(table.loc[table['level'].astype(str) == lev, 'year'].iloc[0])})"
            for lev in single
        )
        sec.blocks.append(
            Block("note", text=f"One year only, so no line over time: {one} (shares in the CSV).")
        )
    if not panels:
        return
    fig = _year_lines(table, panels, labels)
    sec.blocks.append(
        ctx.figure(
            "topic_prevalence_by_year",
            fig,
            alt="Topic prevalence by year, one panel per level",
            caption="Topic prevalence by year within each level (shares of the level's text "
            "that year); a line is broken where the level has no report, so no change is "
            "drawn across missing years; dots are the years with reports.",
            data=link,
        )
    )


def _year_lines(table: Any, panels: list[str], labels: list[str]) -> Any:
    """One axes per level: a line per topic over every year of its span, NaN where none."""
    import numpy as np

    from govtext.viz.figures import pyplot

    plt = pyplot()
    k = len(labels)
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(9.0, 0.6 + 2.4 * len(panels)), squeeze=False, sharey=True
    )
    cmap = plt.get_cmap("tab20")
    for ax, level in zip(axes[:, 0], panels):
        rows = table[table["level"].astype(str) == level].set_index("year")
        years = np.arange(int(rows.index.min()), int(rows.index.max()) + 1)
        full = rows.reindex(years)  # NaN at the years without a report: the line breaks
        for t in range(k):
            ax.plot(
                years,
                full[t].to_numpy(dtype=float),
                color=cmap(t % 20),
                lw=1.4,
                marker="o",
                markersize=3,
                label=labels[t],
            )
        ax.set_title(
            f"{level or 'all reports'}: {len(rows)} years with reports", fontsize=9, loc="left"
        )
        ax.set_ylabel("share of text", fontsize=8)
        ax.tick_params(labelsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(bottom=0)
    axes[0, 0].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.suptitle("主题占比（按年份，各层级分开）")
    fig.tight_layout()
    return fig
