"""Report section "emerging": emerging and fading terms."""

from __future__ import annotations

from govtext.report.blocks import NotApplicable, PageSection, short_region, table_block
from govtext.report.context import ReportContext
from govtext.report.sections.shown import PageTerms


def build_emerging(ctx: ReportContext) -> PageSection:
    import pandas as pd

    from govtext.stats.trends import emerging_terms, trends

    sec = PageSection(
        "emerging",
        "Emerging and fading terms",
        "For each region with reports over at least three years, the terms whose rate per "
        "10,000 words in the latest year is at least twice (emerging) or at most half "
        "(fading) that of the three years before, with |z| ≥ 2.58; the lists show whole terms "
        "as keywords do, without the genre's 100 most frequent words (the CSV has every "
        "word); the chart follows the strongest ones over time.",
        "govtext.emerging_terms(dtm, by='year', recent=1, baseline=3); govtext.trends",
    )
    meta = ctx.dtm.meta
    if "region" not in meta or "year" not in meta:
        raise NotApplicable(
            "Emerging terms need year and region metadata; these reports have none."
        )
    parts, rows = [], []
    shown = PageTerms(ctx)
    pages = {}
    best: tuple[int, str] | None = None
    for reg in sorted({str(r) for r in meta["region"].dropna()}):
        mask = (meta["region"] == reg).fillna(False).to_numpy(dtype=bool)
        years = sorted({int(y) for y in meta.loc[mask, "year"].dropna()})
        if len(years) < 3:
            continue
        sub = ctx.dtm.subset(mask)
        e = emerging_terms(sub, "year", recent=1, baseline=3)
        e = e.copy()
        e.insert(0, "baseline_years", "、".join(map(str, years[-4:-1])))  # recent=1, baseline=3
        e.insert(0, "recent_year", years[-1])
        e.insert(0, "region", reg)
        parts.append(e)
        page = pages[reg] = shown.filter(e, ctx.top)  # whole terms, not the commonest words
        em = page[page["direction"] == "emerging"]["term"].head(ctx.top).tolist()
        fa = page[page["direction"] == "fading"]["term"].head(ctx.top).tolist()
        rows.append(
            [
                short_region(reg),
                f"{years[-1]} vs {e['baseline_years'].iloc[0] if len(e) else '、'.join(map(str, years[-4:-1]))}",
                "  ".join(em),
                "  ".join(fa),
            ]
        )
        if best is None or len(years) > best[0]:
            best = (len(years), reg)
    if not parts:
        sec.note = "No region has reports for three or more years, so no trend can be measured."
        return sec
    allp = pd.concat(parts, ignore_index=True)
    link = ctx.write_csv("emerging_terms", allp)
    sec.files.append(link)
    table = pd.DataFrame(
        rows,
        columns=[
            "region",
            "years compared",
            f"emerging (top {ctx.top})",
            f"fading (top {ctx.top})",
        ],
    )
    sec.blocks.append(table_block(table, "Strongest emerging and fading terms per region", link))
    if best is not None:
        reg = best[1]
        sub_e = pages[reg]
        terms = sub_e[sub_e["direction"] == "emerging"]["term"].head(5).tolist()
        terms += sub_e[sub_e["direction"] == "fading"]["term"].head(3).tolist()
        if terms:
            mask = (meta["region"] == reg).fillna(False).to_numpy(dtype=bool)
            long = trends(ctx.dtm.subset(mask), "year", terms)  # term, year, count, rate
            tr = long.pivot(index="year", columns="term", values="rate")[terms]
            tr.columns.name = None
            tlink = ctx.write_csv("trends", tr.reset_index())
            sec.files.append(tlink)
            from govtext.viz.figures import line_chart

            fig = line_chart(
                [int(v) for v in tr.index],
                {t: tr[t].tolist() for t in terms},
                title=f"{short_region(reg)}：新兴与衰退词的频率（每万词）",
                xlabel="年份",
                ylabel="每万词出现次数",
            )
            sec.blocks.append(
                ctx.figure(
                    "trends",
                    fig,
                    alt="Term trends",
                    caption=f"Rate per 10,000 words of the strongest emerging and fading terms of {reg} over its years.",
                    data=tlink,
                )
            )
    return sec
