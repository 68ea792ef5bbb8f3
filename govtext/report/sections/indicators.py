"""Report section "indicators": indicators, targets and targets vs actuals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govtext.report.blocks import (
    Block,
    PageSection,
    _is_missing,
    short_region,
    table_block,
)
from govtext.report.context import ReportContext


def build_indicators(ctx: ReportContext) -> PageSection:
    from govtext.indicators.extract import known_extractions

    sec = PageSection(
        "indicators",
        "Indicators, targets and targets vs actuals",
        "Every number with a unit that a report gives for a named indicator (value, unit, "
        "whether it is an actual, an estimate or a target, and the sentence it comes from); "
        "the figure sets each target against the actual reported a year later, coloured by whether it was met.",
        "govtext.extract_indicators; govtext.targets; govtext.target_panel",
    )
    reports = list(ctx.corpus)
    tables = ctx.indicator_tables()  # per report: in workers or on the cluster
    with known_extractions(reports, tables):  # targets() and target_panel() reuse them
        return _build_indicators(ctx, sec, tables)


def _build_indicators(ctx: ReportContext, sec: PageSection, tables: list[Any]) -> PageSection:
    import pandas as pd

    parts = []
    for r, table in zip(ctx.corpus, tables):
        df = table.copy()
        df.insert(0, "report", r.name)
        parts.append(df)
    allind = pd.concat(parts, ignore_index=True)
    link = ctx.write_csv("indicators", allind)
    sec.files.append(link)
    counts = allind.groupby(["report", "status"]).size().unstack(fill_value=0)
    counts = counts.reindex(ctx.docs, fill_value=0)  # (the words of the reports: not needed)
    label = dict(zip(ctx.docs, ctx.labels))
    ctab = counts.reset_index().rename(columns={"index": "report"})
    ctab.insert(1, "label", [label.get(n, n) for n in ctab["report"]])
    sec.blocks.append(
        table_block(ctab, "Indicators found per report, by status", link, max_rows=500)
    )
    from govtext.indicators.targets import target_panel, targets

    t = targets(ctx.corpus)
    tlink = ctx.write_csv("targets", t)
    sec.files.append(tlink)
    if len(t):
        cols = ["region", "year", "canonical", "indicator", "status", "value_low",
                "value_high", "unit", "qualifier", "surface"]  # fmt: skip
        show = t[[c for c in cols if c in t.columns]].copy()
        if "region" in show:
            show["region"] = [short_region(r) for r in show["region"]]
        sec.blocks.append(
            table_block(show, "Main expected targets of each report (govtext.targets)", tlink)
        )
    else:
        sec.blocks.append(Block("note", text="No statement of main targets found."))
    _targets_vs_actuals(ctx, sec, target_panel)
    return sec


def _targets_vs_actuals(
    ctx: ReportContext, sec: PageSection, target_panel: Callable[..., Any]
) -> None:
    # target_panel needs region and year (it pairs a region's year Y with its year Y+1)
    keep = [not _is_missing(r.meta.get("region")) and not _is_missing(r.meta.get("year"))
            for r in ctx.corpus]  # fmt: skip
    if not any(keep):
        sec.blocks.append(Block("note", text=(
            "Targets vs actuals: no report has both a region and a year, so no target can be "
            "paired with its actual.")))  # fmt: skip
        return
    if not all(keep):
        sec.blocks.append(Block("note", text=(
            f"Targets vs actuals: {keep.count(False)} report(s) without region or year left out.")))  # fmt: skip
    panel = target_panel(ctx.corpus[keep])
    link = ctx.write_csv("target_panel", panel)
    sec.files.append(link)
    paired = panel.dropna(subset=["actual", "target_low"])
    if paired.empty:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    "Targets vs actuals: no target has its actual value in these reports (the actual "
                    "for year Y is read from the report of the same region for Y+1)."
                ),
            )
        )
        return
    cols = ["region", "year", "canonical", "direction", "target_low", "target_high", "unit",
            "target_qualifier", "actual", "actual_status", "met", "parent_region",
            "parent_target_low"]  # fmt: skip
    t = paired[[c for c in cols if c in paired.columns]].copy()
    t["region"] = [short_region(r) for r in t["region"]]
    sec.blocks.append(table_block(t, "Targets with the actual value reported a year later", link))
    _excluded_actuals(sec, panel, link)
    from govtext.viz.targets import target_actual_figure

    fig = target_actual_figure(
        paired, labels=[f"{short_region(r)} {y}" for r, y in zip(paired["region"], paired["year"])]
    )
    sec.blocks.append(
        ctx.figure(
            "targets_vs_actuals",
            fig,
            alt="Targets vs actuals",
            caption=(
                "Each point is a target (x; of a range, the end that decides whether it is "
                "met) against the actual reported a year later (y), one panel per indicator. "
                "Green: target met; red: missed. The "
                "shaded side of the diagonal is where a target is met: above it for floor "
                "targets (growth, jobs, output: higher is better), below it for ceiling targets "
                "(prices, unemployment, energy intensity: lower is better); each panel's title "
                "says which. Decreases are negative (能耗下降3% is -3). Values far from the rest "
                "sit on the panel's edge as triangles and are named under it; labels that would "
                "overlap are left out. Multi-year figures (比2002年, 五年来, 累计, 年均) are "
                "never paired with a one-year target."
            ),
            data=link,
        )
    )


def _excluded_actuals(sec: PageSection, panel: Any, link: str) -> None:
    """Table of the values found for a target's year but never paired with it."""
    ex = panel[panel["excluded_reason"].fillna("") != ""] if "excluded_reason" in panel else []
    if len(ex) == 0:
        return
    cols = ["region", "year", "canonical", "target_low", "unit", "excluded_actual",
            "excluded_reason", "actual_source"]  # fmt: skip
    t = ex[cols].copy()
    t["region"] = [short_region(r) for r in t["region"]]
    sec.blocks.append(
        table_block(
            t,
            "Values not paired with a one-year target: they cover several years (cumulative, "
            "average, multi-year) or use another unit",
            link,
        )
    )
