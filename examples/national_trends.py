"""National trends: how the State Council's work report changed its vocabulary year by year.

Uses the national reports (level ``national``) of a corpus, from ``--from-year`` (1978 by
default: the reform era) to the latest, and writes:

* ``trends.csv`` — occurrences per 10,000 analysis tokens of a list of policy terms, one
  row per year (``--terms`` to choose your own);
* ``first_appearance.csv`` — the first year each term of the list occurs, and the first
  year of every term occurring at least 3 times that year;
* ``emerging.csv`` — terms rising or falling in the two latest years against the three years
  before them (rate ratio and log-odds z, see :func:`govtext.emerging_terms`);
* ``keyness_latest.csv`` — what the latest report says more than the one before it;
* ``trends.png`` — the trend lines (needs the ``plot`` extra);
* ``summary.md`` — the years covered and the main findings, in words.

Usage::

    python examples/national_trends.py OUT [--corpus FOLDER] [--from-year 1978]

Without ``--corpus`` the bundled sample is used, which holds the national reports of
2015–2025 only; point ``--corpus`` at a folder with all national reports (for example
the project's full corpus) to follow 1978–2025.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import govtext as gt
from govtext._runtime.files import atomic_write_text

TERMS = [
    "改革开放",
    "社会主义市场经济",
    "小康社会",
    "科学发展观",
    "供给侧结构性改革",
    "新发展理念",
    "高质量发展",
    "新质生产力",
    "乡村振兴",
    "脱贫攻坚",
    "生态文明",
    "营商环境",
    "一带一路",
    "数字经济",
    "共同富裕",
    "碳达峰",
]


def load(corpus: str | None) -> gt.Corpus:
    """The bundled sample, or a folder of reports (with its manifest.csv if it has one)."""
    if corpus is None:
        return gt.datasets.load_sample()
    folder = Path(corpus)
    manifest = folder / "manifest.csv"
    return gt.load_corpus(folder, metadata=manifest if manifest.is_file() else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--corpus", help="folder of reports (default: the bundled sample)")
    parser.add_argument("--from-year", type=int, default=1978, help="first year (default 1978)")
    parser.add_argument("--to-year", type=int, default=None, help="last year (default: latest)")
    parser.add_argument(
        "--terms", help="comma-separated terms to follow (default: a built-in list)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    terms = [t.strip() for t in args.terms.split(",") if t.strip()] if args.terms else TERMS

    corpus = load(args.corpus)
    meta = corpus.meta
    keep = (meta["level"] == "national") & (meta["year"] >= args.from_year)
    if args.to_year is not None:
        keep &= meta["year"] <= args.to_year
    national = corpus[keep.fillna(False).to_numpy(dtype=bool)]
    years = sorted(int(y) for y in national.meta["year"].dropna().unique())
    if len(years) < 2:
        raise SystemExit(f"need national reports of at least two years from {args.from_year}")

    tok = gt.PolicyTokenizer()
    tok.add_words(terms)  # follow the listed terms even if the lexicon lacks one
    m = gt.dtm(national, tokenizer=tok)

    # trends() is long (term, year, count, rate); one column per term for the CSV and chart
    long = gt.trends(m, "year", terms)
    trend = long.pivot(index="year", columns="term", values="rate")[terms]
    trend.columns.name = None
    atomic_write_text(out / "trends.csv", trend.round(4).to_csv())

    first_listed = gt.first_appearance(m, terms=terms).set_index("term")
    first_all = gt.first_appearance(m, min_count=3).set_index("term")
    first_all = first_all[first_all["first"] > years[0]]  # "new" only after the first year
    first = (
        first_listed.assign(listed=True)
        .combine_first(first_all.assign(listed=False))
        .sort_values(["listed", "first"], ascending=[False, True], kind="stable")
    )
    atomic_write_text(out / "first_appearance.csv", first.to_csv())

    recent = 2 if len(years) > 2 else 1
    baseline = min(3, len(years) - recent)
    emerging = gt.emerging_terms(m, "year", recent=recent, baseline=baseline, min_count=3)
    atomic_write_text(out / "emerging.csv", emerging.to_csv(index=False))

    latest, before = years[-1], years[-2]
    k = gt.keyness(m, f"year == {latest}", f"year == {before}", min_count=3)
    atomic_write_text(out / "keyness_latest.csv", k.to_csv(index=False))

    try:
        from govtext.viz.figures import line_chart, save

        shown = [t for t in terms if trend[t].sum() > 0]
        fig = line_chart(
            [int(y) for y in trend.index],
            {t: trend[t].tolist() for t in shown},
            title=f"国务院政府工作报告 {years[0]}–{years[-1]}：每万词出现次数",
            xlabel="年份",
            ylabel="每万词",
        )
        save(fig, out / "trends.png")
    except gt.MissingExtraError as err:  # figures are optional
        print(f"no figure: {err}", file=sys.stderr)

    peak = {t: int(trend[t].idxmax()) for t in terms if trend[t].sum() > 0}
    absent = [t for t in terms if trend[t].sum() == 0]
    rising = emerging[emerging["direction"] == "emerging"]["term"].head(10).tolist()
    lines = [
        "# National trends",
        "",
        f"{len(national)} national reports, {years[0]}–{years[-1]} "
        f"({len(years)} years); {m.shape[1]} terms.",
        "",
        "Peak year of each listed term (per 10,000 tokens): "
        + "; ".join(f"{t} {y}" for t, y in peak.items()),
        "",
        "Listed terms absent from these years: " + ("、".join(absent) or "none"),
        "",
        f"Rising in {latest} against the {baseline} years before: " + ("、".join(rising) or "none"),
        "",
        f"Said more in {latest} than in {before}: " + "、".join(k["term"].head(10)),
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
