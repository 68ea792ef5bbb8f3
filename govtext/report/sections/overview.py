"""Report section "overview": the corpus at a glance."""

from __future__ import annotations

from typing import Any

from govtext.errors import GovtextError
from govtext.report.blocks import Block, PageSection, table_block
from govtext.report.context import ReportContext


# ------------------------------------------------------------------------- sections
def build_overview(ctx: ReportContext) -> PageSection:
    import pandas as pd

    sec = PageSection(
        "overview",
        "Corpus overview",
        "One row per report: read down the table to see which regions, levels and years are "
        "compared, who gave each report, how long it is and which parts (review, targets, "
        "tasks, government self-building) were recognised.",
        "govtext.load_corpus / Corpus.meta; sections from govtext.parse_sections",
    )
    meta = ctx.corpus.meta
    found: list[str] = []
    for r in ctx.corpus:
        try:
            kinds = _section_kinds(r)
        except GovtextError:
            kinds = []
        found.append("、".join(kinds))
    df = pd.DataFrame(
        {
            "name": list(meta.index),
            "region": meta.get("region"),
            "level": meta.get("level"),
            "year": meta.get("year"),
            "speaker": meta.get("speaker"),
            "chars": meta.get("chars"),
            "tokens": ctx.dtm.doc_lengths(),
        }
    )
    if "cleaned" in meta:  # text from web pages (govtext.text.webclean): what was done
        df["cleaned"] = [", ".join(v) if isinstance(v, list) else "" for v in meta["cleaned"]]
    df["sections"] = found
    if "year_note" in meta and meta["year_note"].notna().any():  # header's year won
        df["year_note"] = list(meta["year_note"])
    df = df.reset_index(drop=True)
    link = ctx.write_csv("overview", df)
    sec.files.append(link)
    sec.blocks.append(table_block(df, f"{len(df)} reports", link, max_rows=500))
    skipped = getattr(ctx.corpus, "skipped", [])
    if skipped:  # load_corpus(on_error="skip") / --skip-bad
        listing = "; ".join(reason for _, reason in skipped)
        sec.blocks.append(
            Block("note", text=f"{len(skipped)} bad file(s) skipped (--skip-bad): {listing}")
        )

    # reports per year, stacked by level
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    if years:
        levels = sorted({str(v) for v in meta["level"].dropna()}) or ["?"]
        counts = [
            [int(((meta["year"] == y) & (meta["level"] == lev)).sum()) for lev in levels]
            for y in years
        ]
        from govtext.viz.figures import bar_chart

        fig = bar_chart(
            [str(y) for y in years],
            counts,
            title="每年的报告数（按层级）",
            xlabel="报告数",
            horizontal=False,
            stacked_labels=levels,
        )
        sec.blocks.append(
            ctx.figure(
                "overview_years",
                fig,
                alt="Reports per year",
                caption="Reports per year, stacked by level.",
            )
        )
    return sec


def _section_kinds(report: Any) -> list[str]:
    secs = report.sections
    kinds: list[str] = []
    items = getattr(secs, "children", None)
    if items is None:
        items = secs if isinstance(secs, (list, tuple)) else []
    for s in items:
        k = getattr(s, "kind", None)
        if k is None and isinstance(s, dict):
            k = s.get("kind")
        if k and k != "other" and k not in kinds:
            kinds.append(str(k))
    return kinds
