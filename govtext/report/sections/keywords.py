"""Report section "keywords": top keywords per report."""

from __future__ import annotations

from govtext.report.blocks import PageSection, table_block
from govtext.report.context import ReportContext


def build_keywords(ctx: ReportContext) -> PageSection:
    import pandas as pd

    sec = PageSection(
        "keywords",
        "Top keywords per report",
        "Each row lists the terms that set one report apart: whole terms it uses at least "
        "twice and far more often than government work reports generally (log-odds with an "
        "informative Dirichlet prior against govtext's reference counts of the genre; the "
        "report's own region and its towns and villages left out); read across a row for "
        "a report's themes.",
        f"govtext.keywords(dtm, top={ctx.top})",
    )
    from govtext.stats.keywords import keywords

    kw = keywords(ctx.dtm, top=ctx.top, tokenizer=ctx.tokenizer)
    long = kw[["report", "rank", "term", "score"]]  # keywords() is long already
    link = ctx.write_csv("keywords", long)
    sec.files.append(link)
    wide = (
        long.sort_values(["report", "rank"], kind="stable")
        .groupby("report", sort=False)["term"]
        .agg(lambda s: "  ".join(map(str, s)))
    )
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    table = pd.DataFrame(
        {
            "report": [label.get(n, n) for n in ctx.dtm.docs],
            f"top {ctx.top} keywords": [wide.get(n, "") for n in ctx.dtm.docs],
        }
    )
    sec.blocks.append(
        table_block(table, "Keywords per report (scores in the CSV)", link, max_rows=500)
    )
    return sec
