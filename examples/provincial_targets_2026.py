"""Provincial targets 2026: the main expected targets each province set for 2026.

Reads the province-level reports of one year (2026 by default), extracts their numeric
targets with :func:`govtext.targets` and writes:

* ``targets.csv`` — one row per province and canonical indicator: the value(s), unit,
  qualifier (左右 "around", 以上 "at least", 以下 "at most" …) and where the target sits in
  the report (line number and character offsets), so each value can be checked;
* ``targets_wide.csv`` — provinces × indicators, each cell the target as written
  (``5%左右``, ``4.5–5%``);
* ``gdp_growth.csv`` and ``gdp_growth.png`` — the GDP growth targets side by side (the
  figure needs the ``plot`` extra);
* ``check.csv`` — only with ``--check CSV``: the extracted GDP targets against a
  reference table with columns ``region, target_low, target_high`` (for example a
  hand-checked table of the 31 provinces), and whether they agree;
* ``summary.md`` — the findings in words.

Usage::

    python examples/provincial_targets_2026.py OUT [--corpus FOLDER] [--year 2026] [--check CSV]

Without ``--corpus`` the bundled sample is used (北京市, 河北省 and 广东省); a folder with
the reports of all 31 provinces gives the full cross-section.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import govtext as gt
from govtext._runtime.files import atomic_write_text


def load(corpus: str | None) -> gt.Corpus:
    """The bundled sample, or a folder of reports (with its manifest.csv if it has one)."""
    if corpus is None:
        return gt.datasets.load_sample()
    folder = Path(corpus)
    manifest = folder / "manifest.csv"
    return gt.load_corpus(folder, metadata=manifest if manifest.is_file() else None)


def as_written(row) -> str:
    """A target as a short string: ``5%左右``, ``4.5–5%``, ``not set``."""
    if row["status"] != "target":
        return str(row["status"])
    low, high = row["value_low"], row["value_high"]
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    qual = row["qualifier"] if isinstance(row["qualifier"], str) else ""
    fmt = "{:g}".format
    value = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    return f"{value}{unit}{qual}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--corpus", help="folder of reports (default: the bundled sample)")
    parser.add_argument("--year", type=int, default=2026, help="year of the reports (default 2026)")
    parser.add_argument("--check", type=Path, help="reference CSV: region, target_low, target_high")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    import pandas as pd

    corpus = load(args.corpus).filter(level="province", year=args.year)
    if len(corpus) == 0:
        raise SystemExit(f"no province-level reports of {args.year} in the corpus")

    t = gt.targets(corpus)
    t = t.sort_values(["region", "canonical"], kind="stable").reset_index(drop=True)
    atomic_write_text(out / "targets.csv", t.to_csv(index=False))

    written = t.assign(target=t.apply(as_written, axis=1))
    wide = written.pivot(index="region", columns="canonical", values="target").fillna("")
    wide = wide.reindex(sorted(corpus.meta["region"].unique()), fill_value="")
    atomic_write_text(out / "targets_wide.csv", wide.to_csv())

    gdp = t[t["canonical"] == "gdp"][["region", "status", "value_low", "value_high", "qualifier"]]
    gdp = (
        pd.DataFrame({"region": sorted(corpus.meta["region"].unique())})
        .merge(gdp, on="region", how="left")
        .assign(mid=lambda d: (d["value_low"] + d["value_high"]) / 2)
    )
    atomic_write_text(out / "gdp_growth.csv", gdp.to_csv(index=False))
    found = gdp.dropna(subset=["mid"]).sort_values(["mid", "region"], kind="stable")

    try:
        from govtext.viz.figures import bar_chart, save

        if len(found):
            fig = bar_chart(
                [f"{r.region}（{r.value_low:g}–{r.value_high:g}%{r.qualifier or ''}）" if r.value_low != r.value_high
                 else f"{r.region}（{r.value_low:g}%{r.qualifier or ''}）" for r in found.itertuples()],
                found["mid"].tolist(),
                title=f"{args.year} 年各省地区生产总值增长目标（区间取中值）",
                xlabel="%",
            )  # fmt: skip
            save(fig, out / "gdp_growth.png")
    except gt.MissingExtraError as err:  # figures are optional
        print(f"no figure: {err}", file=sys.stderr)

    lines = [
        f"# Provincial targets {args.year}",
        "",
        f"{len(corpus)} province-level reports; {len(t)} targets of "
        f"{t['canonical'].nunique()} indicators extracted.",
        "",
        f"GDP growth target found for {len(found)} of {len(gdp)} provinces"
        + (
            f"; from {found['mid'].min():g}% ({'、'.join(found[found['mid'] == found['mid'].min()]['region'])}) "
            f"to {found['mid'].max():g}% ({'、'.join(found[found['mid'] == found['mid'].max()]['region'])})."
            if len(found)
            else "."
        ),
        "",
        "Indicators most often targeted: "
        + "; ".join(f"{k} {v}" for k, v in t["canonical"].value_counts().head(8).items()),
        "",
    ]
    missing = gdp[gdp["mid"].isna()]["region"].tolist()
    if missing:
        lines += ["No GDP target extracted for: " + "、".join(missing), ""]

    if args.check is not None:
        ref = pd.read_csv(args.check)
        if "year" in ref.columns:
            ref = ref[ref["year"] == args.year]
        both = ref[["region", "target_low", "target_high"]].merge(
            gdp[["region", "value_low", "value_high"]], on="region", how="left"
        )
        both["agree"] = (both["target_low"] == both["value_low"]) & (
            both["target_high"] == both["value_high"]
        )
        atomic_write_text(out / "check.csv", both.to_csv(index=False))
        covered = both["region"].isin(corpus.meta["region"])
        lines += [
            f"Check against {args.check.name}: {int(both[covered]['agree'].sum())} of "
            f"{int(covered.sum())} provinces in the corpus agree "
            f"({len(both)} rows in the reference).",
            "",
        ]

    atomic_write_text(out / "summary.md", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except gt.GovtextError as err:  # a user error: one line, no traceback
        sys.exit(f"{Path(sys.argv[0]).name}: error: {err}")
