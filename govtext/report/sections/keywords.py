"""Report section "keywords": top keywords per report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govtext.errors import GovtextError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from govtext.report.blocks import PageSection, _api, _has, table_block
from govtext.report.context import ReportContext


def build_keywords(ctx: ReportContext) -> PageSection:
    import numpy as np
    import pandas as pd

    sec = PageSection(
        "keywords",
        "Top keywords per report",
        "Each row lists the words that set one report apart (TF-IDF: frequent in this "
        "report, rare in government work reports generally, using the shipped reference "
        "document frequencies plus this corpus); read across a row for a report's themes.",
        f"govtext.keywords(dtm, top={ctx.top})",
    )
    if _has("keywords"):
        kw = _api("keywords")(ctx.dtm, top=ctx.top)
        long = _keywords_long(kw, ctx)
    else:
        sec.produced_by = (
            "DocumentTermMatrix.tfidf (fallback: govtext.keywords is not in this version)"
        )
        w = ctx.dtm.tfidf()
        rows = []
        for i, name in enumerate(ctx.dtm.docs):
            row = w.getrow(i)
            order = np.lexsort((row.indices, -row.data))[: ctx.top]
            for rank, j in enumerate(order, 1):
                rows.append((name, rank, ctx.dtm.vocab[row.indices[j]], float(row.data[j])))
        long = pd.DataFrame(rows, columns=["report", "rank", "term", "score"])
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


def _keywords_long(kw: Any, ctx: ReportContext) -> pd.DataFrame:
    """Normalise the result of ``govtext.keywords`` to columns report, rank, term, score."""
    import pandas as pd

    df = kw if isinstance(kw, pd.DataFrame) else pd.DataFrame(kw)
    cols = {c.lower(): c for c in map(str, df.columns)}
    rep = next((cols[c] for c in ("report", "doc", "document", "name") if c in cols), None)
    term = next((cols[c] for c in ("term", "keyword", "word") if c in cols), None)
    score = next((cols[c] for c in ("score", "tfidf", "weight", "value") if c in cols), None)
    if rep is None and term is not None:
        df = df.reset_index()
        rep = str(df.columns[0])
    if rep is None or term is None:
        raise GovtextError(f"unexpected result of govtext.keywords: columns {list(df.columns)}")
    out = pd.DataFrame({"report": df[rep].astype(str), "term": df[term].astype(str)})
    out["score"] = df[score].astype(float).to_numpy() if score else float("nan")
    if "rank" in cols:
        out["rank"] = df[cols["rank"]].astype(int).to_numpy()
    else:
        out["rank"] = out.groupby("report", sort=False).cumcount() + 1
    return out[["report", "rank", "term", "score"]]
