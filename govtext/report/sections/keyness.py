"""Report section "keyness": consecutive years and regions of the same year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from govtext.report.blocks import Block, NotApplicable, PageSection, short_region, table_block
from govtext.report.context import ReportContext
from govtext.report.sections.shown import PageTerms, beyond_genre


def _gap(a: int, b: int) -> str:
    """The years strictly between ``a`` and ``b``: ``"2023–2025"``, ``"2023"`` or ``""``."""
    if b - a < 2:
        return ""
    return str(a + 1) if b - a == 2 else f"{a + 1}–{b - 1}"


def _pairs_consecutive_years(ctx: ReportContext) -> list[tuple[Any, Any, int, int]]:
    """(level, region, earlier year, later year): each year of a region (of one level)
    against its previous available year."""
    meta = ctx.corpus.meta
    out: list[tuple[Any, Any, int, int]] = []
    if "region" not in meta or "year" not in meta:
        return out
    from govtext.network.groups import level_order

    lev = meta["level"] if "level" in meta else None
    levels = level_order(lev.dropna().astype(str)) if lev is not None else [None]
    for level in levels:
        sub = meta if level is None else meta[lev == level]
        for reg in sorted({str(r) for r in sub["region"].dropna()}):
            years = sorted({int(y) for y in sub.loc[sub["region"] == reg, "year"].dropna()})
            for a, b in zip(years, years[1:]):
                out.append((level, reg, a, b))
    return out


def _pairs_same_year(ctx: ReportContext) -> list[tuple[str, Any, Any, Any]]:
    """(kind, year, level, region) for each region against the other regions of its level and year."""
    meta = ctx.corpus.meta
    out = []
    if "region" not in meta or "year" not in meta:
        return out
    lev_col = meta["level"] if "level" in meta else None
    for y in sorted({int(v) for v in meta["year"].dropna()}):
        sub = meta[meta["year"] == y]
        levels = sorted({str(v) for v in sub["level"].dropna()}) if lev_col is not None else [None]
        for lev in levels:
            s2 = sub if lev is None else sub[sub["level"] == lev]
            regions = sorted({str(r) for r in s2["region"].dropna()})
            if len(regions) < 2:
                continue
            for reg in regions:
                out.append(("regions", y, lev, reg))
    return out


class _Places:
    """Which terms name places: typed ``place`` by the tokenizer (where it has token
    types) or among the names and parts of the corpus's regions; asked term by term (only
    the terms that would be shown), remembered."""

    def __init__(self, ctx: ReportContext) -> None:
        from govtext.stats.regions import region_parts

        self.tokenizer = ctx.tokenizer
        self.known: dict[str, bool] = {}
        self.parts: set[str] = set()
        meta = ctx.corpus.meta
        if "region" in meta:
            levels = meta["level"] if "level" in meta else [None] * len(meta)
            for r, lv in dict.fromkeys(zip(meta["region"], levels)):
                if isinstance(r, str):
                    self.parts |= region_parts(r, level=lv if isinstance(lv, str) else None)

    def drop(self, k: pd.DataFrame, top: int) -> pd.DataFrame:
        """``k`` without place names among the rows that could be shown or written."""
        import pandas as pd

        from govtext.stats.keywords import _token_types

        ends = pd.concat([k.head(4 * top + 100), k.tail(4 * top + 100)])
        ask = [t for t in dict.fromkeys(ends["term"]) if t not in self.known]
        kinds = _token_types(self.tokenizer, ask) if ask else []
        for t, kind in zip(ask, kinds):
            self.known[t] = kind == "place" or t in self.parts
        out = k[[not self.known.get(t, t in self.parts) for t in k["term"]]]
        return out.reset_index(drop=True)


def _keyness_lists(
    k: pd.DataFrame, top: int, tokenizer: Any = None, term_weight: float = 2.0
) -> tuple[list[str], list[str]]:
    """The terms each side uses more, best first, by score; terms of the lexicon or of a
    term type (policy, place, organisation, indicator: the tokenizer's types) ranked as
    if their score were ``term_weight`` times larger, as keywords do (between a few
    reports, a plain word's z reflects style as much as policy: 力争, 合理, 加速 topped
    the lists)."""
    import numpy as np

    from govtext.stats.keywords import _typed_terms

    typed = _typed_terms(list(k["term"]), tokenizer) if len(k) else np.zeros(0, bool)
    k = k.assign(_rank=np.where(typed, term_weight, 1.0) * k["score"].to_numpy(dtype=float))
    pos = k[k["score"] > 0].sort_values(["_rank", "term"], ascending=[False, True])
    neg = k[k["score"] < 0].sort_values(["_rank", "term"], ascending=[True, True])
    return pos.head(top)["term"].tolist(), neg.head(top)["term"].tolist()


# long: one pass builds both tables (consecutive years, regions of a year) through run()
def build_keyness(ctx: ReportContext) -> PageSection:
    import numpy as np
    import pandas as pd

    from govtext.stats.keyness import keyness

    sec = PageSection(
        "keyness",
        "Keyness: consecutive years and regions of the same year",
        "Each row compares a target with a reference: 'more in target' lists the terms the "
        "target uses significantly more often (log-odds z-score with an informative "
        "Dirichlet prior, highest first), 'less in target' the terms it uses less; the "
        "lists show whole terms as keywords do, without the genre's 100 most frequent "
        "words (the CSV has every word).",
        "govtext.keyness(dtm, target, reference, measure='log_odds')",
    )
    meta = ctx.dtm.meta
    region = meta["region"].astype(object) if "region" in meta else None
    year = meta["year"] if "year" in meta else None
    if region is None or year is None:
        raise NotApplicable("Keyness pairs need year and region metadata; these reports have none.")
    long_parts = []
    rows_years, rows_regions = [], []
    shown = PageTerms(ctx)
    lengths = np.asarray(ctx.dtm.doc_lengths(), dtype=float)

    def run(
        kind: str,
        target: Any,
        reference: Any,
        tname: str,
        rname: str,
        show: tuple[str, ...],
        drop: _Places | None = None,
    ) -> None:
        if not np.any(target) or not np.any(reference):
            return
        k = keyness(ctx.dtm, target, reference, "log_odds", min_count=2)
        if drop is not None:  # place names out (region against region)
            k = drop.drop(k, ctx.top)
        page = shown.filter(k, ctx.top)
        if drop is not None:  # the page's rows may come from further down the table
            page = drop.drop(page, ctx.top)
        page = beyond_genre(
            page, lengths[target].sum(), lengths[reference].sum(), ctx.tokenizer, ctx.dtm.vocab
        )
        more, less = _keyness_lists(page, ctx.top, ctx.tokenizer)
        on_page = k[k["term"].isin(more + less)]  # the CSV holds every term the page shows
        part = pd.concat([k[k["score"] > 0].head(50), on_page, k[k["score"] < 0].tail(50)])
        part = part.drop_duplicates("term").sort_values(["score", "term"], ascending=[False, True])
        part.insert(0, "reference", rname)
        part.insert(0, "target", tname)
        part.insert(0, "comparison", kind)
        long_parts.append(part)
        row = [*show, "  ".join(more), "  ".join(less)]
        (rows_years if kind == "consecutive years" else rows_regions).append(row)

    reg = region.to_numpy()
    yr = year.to_numpy(dtype=float, na_value=np.nan)
    lev = meta["level"].astype(object).to_numpy() if "level" in meta else None
    for level, r, a, b in _pairs_consecutive_years(ctx):
        same = (reg == r) & ((lev == level) if lev is not None and level is not None else True)
        gap = _gap(a, b)
        label = f"{short_region(r)} {b} vs {a}" + (f" (no report for {gap})" if gap else "")
        run(
            "consecutive years",
            same & (yr == b),
            same & (yr == a),
            f"{r} {b}",
            f"{r} {a}",
            (label,),
        )
    places = _Places(ctx)
    for _, y, level, r in _pairs_same_year(ctx):
        same = (yr == y) & ((lev == level) if lev is not None else True)
        t = same & (reg == r)
        ref = same & (reg != r)
        run(
            "regions of the same year",
            t,
            ref,
            f"{r} {y}",
            f"other {level or ''} regions {y}".replace("  ", " "),
            (f"{short_region(r)} {y}", f"other {level or ''} regions {y}".replace("  ", " ")),
            drop=places,
        )
    cols = [
        "target",
        "reference",
        f"more in target (top {ctx.top})",
        f"less in target (top {ctx.top})",
    ]
    if long_parts:
        link = ctx.write_csv("keyness", pd.concat(long_parts, ignore_index=True))
        sec.files.append(link)
    else:
        link = ""
        sec.note = (
            "No pair to compare: the corpus has no region with two years and no year with "
            "two regions of the same level."
        )
    sec.blocks.append(Block("heading", text="Consecutive years of the same region"))
    if rows_years:
        sec.blocks.append(
            table_block(
                pd.DataFrame(rows_years, columns=["comparison", *cols[2:]]),
                "Each year of a region (target) against its previous year with a report of "
                "the same region and level (reference); the years skipped are named",
                link,
                max_rows=200,
            )
        )
    else:
        sec.blocks.append(Block("note", text="No region has reports for two or more years."))
    sec.blocks.append(Block("heading", text="Regions of the same year (and level)"))
    if rows_regions:
        sec.blocks.append(
            table_block(
                pd.DataFrame(rows_regions, columns=cols),
                "Each region (target) against the other regions of its level that year; "
                "place names are left out (the tokenizer's places, and every region's own "
                "names and parts), since each region names its own towns and villages",
                link,
                max_rows=200,
            )
        )
    else:
        sec.blocks.append(
            Block("note", text="No year has reports from two or more regions of the same level.")
        )
    return sec
