"""Evaluate ``govtext.text.structure``: top-level section kinds against a hand-checked sample.

Two measurements:

1. **Classification accuracy** on ``benchmarks/data/structure_handcheck.csv`` (columns
   ``file, title, expected_kind, set, note``; ``set`` is ``dev`` for the reports read
   while the rules were written, ``holdout`` for reports labelled afterwards and never
   used to change the rules): for every top-level heading a person read in a
   report, the kind ``parse_sections`` gives the top-level section with that title. A
   heading that the parser does not find as a top-level section counts as wrong
   ("missed"). Rows whose file is not under CORPUS_DIR are skipped (the count is printed).
   Top-level sections the parser reports in the checked files but the sample does not list
   are counted as "spurious".
2. **Coverage** over every report under CORPUS_DIR: share of reports with at least one
   heading, one review / targets / tasks / self-building section, and one targets
   statement (``targets_spans``), by level and period; plus parsing speed.

Usage::

    python benchmarks/structure_eval.py [CORPUS_DIR] [--handcheck CSV] [--errors]

CORPUS_DIR defaults to the bundled sample (``govtext.datasets.sample_path()``); the
hand-checked sample covers ``../shared/corpus`` (178 reports), so run it there for the
full figures.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_HANDCHECK = HERE / "data" / "structure_handcheck.csv"


def _clean(s: str) -> str:
    s = re.sub(r"[\s\u3000]+", "", str(s))
    return s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _match(hand: str, parsed: str) -> bool:
    a, b = _clean(hand), _clean(parsed)
    if not a or not b:
        return False
    return a == b or (
        len(a) >= 4
        and (b.startswith(a) or a.startswith(b))
        and min(len(a), len(b)) >= 0.6 * max(len(a), len(b))
    )


def _period(year) -> str:
    try:
        y = int(year)
    except (TypeError, ValueError):
        return "?"
    if y < 1980:
        return "1954-1979"
    if y < 2000:
        return "1980-1999"
    if y < 2015:
        return "2000-2014"
    return "2015-2026"


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    import govtext as gt
    from govtext.text.structure import parse_sections
    from govtext.text.targets_spans import targets_spans

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", nargs="?", default=None)
    ap.add_argument("--handcheck", default=str(DEFAULT_HANDCHECK))
    ap.add_argument("--errors", action="store_true", help="list every wrong or missed row")
    args = ap.parse_args(argv)
    corpus_dir = Path(args.corpus_dir) if args.corpus_dir else Path(gt.datasets.sample_path())
    corpus = gt.load_corpus(corpus_dir)
    by_file = {Path(r.path).name: r for r in corpus if r.path}
    print(f"corpus: {corpus_dir} ({len(corpus)} reports)\n")

    # ------------------------------------------------------------ 1. hand-checked sample
    hand = pd.read_csv(args.handcheck, dtype=str, keep_default_na=False)
    rows = []
    spurious = 0
    skipped = 0
    for fname, grp in hand.groupby("file", sort=False):
        rep = by_file.get(fname)
        if rep is None:
            skipped += len(grp)
            continue
        secs = parse_sections(rep.text)
        used = set()
        for _, h in grp.iterrows():
            hit = next(
                (i for i, s in enumerate(secs) if i not in used and _match(h["title"], s.title)),
                None,
            )
            got = "(missed)" if hit is None else secs[hit].kind
            if hit is not None:
                used.add(hit)
            rows.append(
                {
                    "file": fname,
                    "level": rep.meta.get("level"),
                    "period": _period(rep.meta.get("year")),
                    "set": h.get("set", "") or "all",
                    "title": h["title"],
                    "expected": h["expected_kind"],
                    "got": got,
                    "ok": got == h["expected_kind"],
                }
            )
        spurious += sum(1 for i, s in enumerate(secs) if i not in used)
    if rows:
        df = pd.DataFrame(rows)
        n = len(df)
        print("1. Top-level section kinds vs hand-checked sample")
        print(
            f"   headings checked: {n} in {df.file.nunique()} reports (skipped {skipped} rows: file not in corpus)"
        )
        print(f"   accuracy: {df.ok.mean():.3f} ({df.ok.sum()}/{n})")
        print(
            f"   missed (heading not found as a top-level section): {(df.got == '(missed)').sum()}"
        )
        print(f"   spurious top-level sections in these reports: {spurious}")
        if df["set"].nunique() > 1:
            print(
                "\n   by sample (dev: read while writing the rules; holdout: labelled afterwards,"
            )
            print("   never used to change them):")
            print(df.groupby("set").ok.agg(["mean", "sum", "count"]).round(3).to_string())
            print()
        per_report = df.groupby("file").ok.all()
        print(f"   reports with every top-level kind right: {per_report.sum()}/{len(per_report)}")
        print("\n   by level:")
        print(df.groupby("level").ok.agg(["mean", "sum", "count"]).round(3).to_string())
        print("\n   by period:")
        print(df.groupby("period").ok.agg(["mean", "sum", "count"]).round(3).to_string())
        print("\n   by expected kind:")
        print(df.groupby("expected").ok.agg(["mean", "sum", "count"]).round(3).to_string())
        print("\n   confusion (rows expected, columns got):")
        print(pd.crosstab(df.expected, df.got).to_string())
        if args.errors:
            print("\n   errors:")
            for r in df[~df.ok].itertuples():
                print(f"   {r.file}: {r.title[:40]} expected {r.expected}, got {r.got}")
    else:
        print(f"1. no hand-checked file under {corpus_dir} (skipped {skipped} rows)")

    # ------------------------------------------------------------ 2. coverage
    t0 = time.perf_counter()
    cov = []
    for r in corpus:
        secs = parse_sections(r.text)
        kinds = Counter(s.kind for s in secs)
        cov.append(
            {
                "level": r.meta.get("level"),
                "period": _period(r.meta.get("year")),
                "headings": bool(secs),
                "review": kinds["review"] > 0,
                "targets_section": kinds["targets"] > 0,
                "tasks": kinds["tasks"] > 0,
                "self_building": kinds["self_building"] > 0,
                "targets_statement": bool(targets_spans(r.text, horizon="year")),
                "review+tasks": kinds["review"] > 0 and kinds["tasks"] > 0,
            }
        )
    dt = time.perf_counter() - t0
    cv = pd.DataFrame(cov)
    cols = [
        "headings",
        "review",
        "tasks",
        "review+tasks",
        "targets_section",
        "targets_statement",
        "self_building",
    ]
    print(f"\n2. Coverage over {len(cv)} reports (share with at least one)")
    print("   all: " + ", ".join(f"{c} {cv[c].mean():.2f} ({cv[c].sum()})" for c in cols))
    print("\n   by level:")
    print(
        cv.groupby("level")[cols].mean().round(2).assign(n=cv.groupby("level").size()).to_string()
    )
    print("\n   by period:")
    print(
        cv.groupby("period")[cols].mean().round(2).assign(n=cv.groupby("period").size()).to_string()
    )
    chars = sum(len(r.text) for r in corpus)
    print(f"\n   parse_sections + targets_spans: {dt:.2f} s for {chars / 1e6:.2f} M characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
