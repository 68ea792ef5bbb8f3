"""Township vs county: what a township's report says that county reports do not.

Compares every township report with the county and district reports of the corpus:

* ``keyness.csv`` — log-odds ratio with an informative Dirichlet prior (Monroe et al.
  2008) of township against county wording: positive z = more typical of the township,
  negative = more typical of the counties;
* ``keyness_g2.csv`` — the same comparison with Dunning's log-likelihood G²;
* ``keywords.csv`` — the top TF-IDF keywords of each township report and of the county
  report most similar to it;
* ``nearest.csv`` — the county reports most similar to each township report (cosine of
  TF-IDF vectors);
* ``keyness.png`` — the most distinctive terms of each side (needs the ``plot`` extra);
* ``summary.md`` — what was compared and the top terms, in words.

Usage::

    python examples/township_vs_county.py OUT [--corpus FOLDER]

OUT is created if needed. Without ``--corpus`` the bundled sample is used (one township
report, 天津市津南区北闸口镇 2023, against 13 county reports of 河北省保定市).
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--corpus", help="folder of reports (default: the bundled sample)")
    parser.add_argument("--top", type=int, default=20, help="terms per side (default 20)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    corpus = load(args.corpus)
    levels = corpus.meta["level"]
    keep = levels.isin(["township", "county", "district"]).to_numpy()
    sub = corpus[keep]
    n_town = int((sub.meta["level"] == "township").sum())
    n_county = len(sub) - n_town
    if n_town == 0 or n_county == 0:
        raise SystemExit("the corpus needs at least one township and one county/district report")

    tok = gt.PolicyTokenizer()
    m = gt.dtm(sub, tokenizer=tok)
    town = {"level": "township"}
    county = {"level": ["county", "district"]}

    k = gt.keyness(m, target=town, reference=county, measure="log_odds", min_count=3)
    atomic_write_text(out / "keyness.csv", k.to_csv(index=False))
    g2 = gt.keyness(m, target=town, reference=county, measure="g2", min_count=3)
    atomic_write_text(out / "keyness_g2.csv", g2.to_csv(index=False))

    # Keywords of each township report and of its most similar county report.
    sim = gt.similarity(m)
    towns = sub.meta.index[sub.meta["level"] == "township"].tolist()
    counties = sub.meta.index[sub.meta["level"] != "township"].tolist()
    rows = []
    for t in towns:
        ranked = sim.loc[t, counties].sort_values(ascending=False, kind="stable")
        for rank, (name, value) in enumerate(ranked.items(), 1):
            rows.append({"township": t, "rank": rank, "county": name, "cosine": round(value, 6)})
    import pandas as pd

    nearest = pd.DataFrame(rows)
    atomic_write_text(out / "nearest.csv", nearest.to_csv(index=False))
    closest = nearest[nearest["rank"] == 1]["county"].tolist()
    kw = gt.keywords(m.subset(m.meta.index.isin(towns + closest)), top=args.top)
    atomic_write_text(out / "keywords.csv", kw.to_csv(index=False))

    more_town = k.head(args.top)
    more_county = k.sort_values("score", kind="stable").head(args.top)

    try:
        from govtext.viz.figures import bar_chart, save

        n = min(
            args.top, 15
        )  # strongest township terms on top, strongest county terms at the bottom
        labels = more_town["term"].tolist()[:n] + more_county["term"].tolist()[:n][::-1]
        values = more_town["score"].tolist()[:n] + more_county["score"].tolist()[:n][::-1]
        fig = bar_chart(
            labels,
            values,
            title=f"乡镇 vs 县区：log-odds z（{n_town} 份乡镇报告，{n_county} 份县区报告）",
            xlabel="z > 0: 乡镇更常用；z < 0: 县区更常用",
        )
        save(fig, out / "keyness.png")
    except gt.MissingExtraError as err:  # figures are optional
        print(f"no figure: {err}", file=sys.stderr)

    lines = [
        "# Township vs county",
        "",
        f"{n_town} township report(s) against {n_county} county/district report(s); "
        f"{m.shape[1]} terms; log-odds ratio with an informative Dirichlet prior "
        "(Monroe, Colaresi & Quinn 2008), terms with at least 3 occurrences.",
        "",
        "More typical of the township: " + "、".join(more_town["term"].head(10)),
        "",
        "More typical of the counties: " + "、".join(more_county["term"].head(10)),
        "",
        "Most similar county report to each township report: "
        + "; ".join(f"{t} → {c}" for t, c in zip(towns, closest)),
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
