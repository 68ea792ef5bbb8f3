"""Recover published GDP growth targets from the report texts.

Usage::

    python benchmarks/targets_eval.py [CORPUS_DIR] [EVAL_DIR]

CORPUS_DIR defaults to the bundled sample; EVAL_DIR to ../shared/eval next to the repository
(the folder holding ``targets/national_gdp_growth_targets_2008_2022.csv`` and
``targets/yqcao_provincial_gdp_targets_2026.csv``). A row is recovered when the report of
that region and year is in the corpus and ``govtext.targets`` gives its GDP target with the
same low and high values and the same qualifier (``区间`` = a range, ``未设定`` = an explicit
"not set"). Rows whose report is missing from the corpus count as not recovered.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

import govtext as gt


def _qual(row) -> str:
    if row["status"] == "not set":
        return "未设定"
    if row["value_high"] > row["value_low"]:
        return "区间"
    return row["qualifier"] or ""


def _same(a: float, b: float) -> bool:
    if (a is None or (isinstance(a, float) and math.isnan(a))) and (b is None or pd.isna(b)):
        return True
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def evaluate(corpus, eval_dir: Path) -> pd.DataFrame:
    t = gt.targets(corpus)
    gdp = t[t.canonical == "gdp"]
    found = {(r.region, int(r.year)): r._asdict() for r in gdp.itertuples()}
    have = {(r.meta.get("region"), r.meta.get("year")) for r in corpus}
    out = []
    for name, fn, region_map in (
        ("national 2008-2022", "national_gdp_growth_targets_2008_2022.csv", {"全国": "中国"}),
        ("provincial 2026", "yqcao_provincial_gdp_targets_2026.csv", {}),
    ):
        ev = pd.read_csv(eval_dir / "targets" / fn, dtype={"qualifier": str})
        for row in ev.to_dict("records"):
            region = region_map.get(row["region"], row["region"])
            year = int(row["year"])
            got = found.get((region, year))
            exp_q = row["qualifier"] if isinstance(row["qualifier"], str) else ""
            rec = {
                "set": name,
                "region": row["region"],
                "year": year,
                "in_corpus": (region, year) in have,
                "expected": f"{row['target_low']}-{row['target_high']} {exp_q}".strip(),
                "found": ""
                if got is None
                else f"{got['value_low']}-{got['value_high']} {_qual(got)}".strip(),
                "scored": row.get("status") != "sentence_missing_in_corpus",
            }
            if got is None:
                rec["ok"] = False
            else:
                rec["ok"] = (
                    _same(got["value_low"], row["target_low"])
                    and _same(got["value_high"], row["target_high"])
                    and _qual(got) == exp_q
                )
            out.append(rec)
    return pd.DataFrame(out)


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    corpus_dir = argv[0] if argv else None
    eval_dir = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "eval"
    corpus = gt.load_corpus(corpus_dir) if corpus_dir else gt.datasets.load_sample()
    res = evaluate(corpus, eval_dir)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 200)
    print(res.to_string(index=False))
    print()
    for name, g in res.groupby("set", sort=False):
        sc = g[g.scored]
        print(
            f"{name}: recovered {int(sc.ok.sum())}/{len(sc)} = {sc.ok.mean():.3f} "
            f"(reports in corpus: {int(sc.in_corpus.sum())}; on those: "
            f"{sc[sc.in_corpus].ok.mean() if sc.in_corpus.any() else float('nan'):.3f})"
        )
        un = g[~g.scored]
        for r in un.itertuples():
            print(
                f"  unscored (no sentence in the eval file): {r.region} {r.year}: found {r.found or 'nothing'}"
            )
    sc = res[res.scored]
    print(f"all: recovered {int(sc.ok.sum())}/{len(sc)} = {sc.ok.mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
