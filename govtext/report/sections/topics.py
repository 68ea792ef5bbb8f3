"""Report section "topics": topic prevalence by year and by region."""

from __future__ import annotations

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
        "Each cell is the share of a year's (or region's) text that the topic model assigns "
        "to a topic (columns sum to one); read a row across to see attention to one topic "
        "rise or fall.",
        f"govtext.fit_topics(corpus, k={k}, method='nmf', unit='paragraph', random_state={ctx.random_state}); TopicModel.prevalence",
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

    for by in ("year", "region"):
        if by not in ctx.corpus.meta.columns or ctx.corpus.meta[by].isna().all():
            sec.blocks.append(Block("note", text=f"No {by} metadata: no prevalence by {by}."))
            continue
        prev = model.prevalence(by)
        link = ctx.write_csv(f"topic_prevalence_by_{by}", prev.reset_index())
        sec.files.append(link)
        cols = [str(v) if by == "year" else short_region(v) for v in prev.index]
        fig = _group_heatmap(
            prev.to_numpy(),
            cols,
            labels,
            title=f"主题占比（按{'年份' if by == 'year' else '地区'}）",
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
