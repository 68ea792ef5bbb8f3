"""Keywords of single reports: govtext.keywords against jieba.analyse.extract_tags.

Acceptance (issue 3, point 1): among the top 20 keywords of a report, at most 2 are
generic verbs or fillers, where jieba's TF-IDF keywords have many. The fillers are counted
with the fixed list FILLERS below, independent of govtext's own boilerplate list; and
govtext is also run with ``PolicyTokenizer(boilerplate=False)`` so that its keywords must
carry content on their own merit (genre IDF), not because the fillers were filtered out.

``--holdout`` (default on) removes each report from the reference document frequencies
before scoring it (df − 1 for its terms, N − 1), so every report is scored as one the
reference table has never seen.

Usage::

    python benchmarks/keywords_vs_jieba.py                 # bundled sample (30 reports)
    python benchmarks/keywords_vs_jieba.py ../shared/corpus  # every report of a folder

:func:`measure` (used by ``run_suite.py``) times the two on a whole folder instead:
``gt.keywords(corpus)`` (tokenising, counting and scoring every report), ``gt.keywords`` on
a matrix built beforehand (scoring only) and ``jieba.analyse.extract_tags`` on each
report's text, as medians of repeated rounds, with the mean number of fillers among each
report's top keywords (no holdout there).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import alternate, median, ratio  # noqa: E402

# Fixed list, defined here on purpose (not govtext's boilerplate list): the nine words
# named in the issue, then other generic verbs and adverbs of the genre.
CORE_FILLERS = ["工作", "推进", "加强", "坚持", "持续", "提升", "做好", "推动", "完成"]
FILLERS = set(CORE_FILLERS) | set(
    "加快 落实 实施 开展 全面 深入 不断 进一步 积极 切实 着力 扎实 强化 深化 实现 取得 有效 "
    "重点 建设 发展 我们 进行 继续 努力 更加 大力 统筹 促进 围绕 确保 推进 实现".split()
)

TOWNSHIP = "2023_township_天津市津南区北闸口镇"


def measure(folder: str | Path | None = None, repeat: int = 3, top: int = 20) -> dict[str, Any]:
    """Median seconds of govtext's and jieba's keywords over every report of ``folder``.

    Rows: ``tool, repeats, median_s, reports_per_s, speed_vs_jieba, mean_fillers``.
    """
    import jieba
    import jieba.analyse

    import govtext as gt

    jieba.setLogLevel(60)
    corpus = gt.load_corpus(folder) if folder else gt.datasets.load_sample()
    texts = corpus.texts
    tok = gt.PolicyTokenizer()
    tok.tokenize("预热")
    jieba.analyse.extract_tags("预热：推进乡村振兴", topK=1)  # load jieba's dictionary and IDF
    m = gt.dtm(corpus, tokenizer=tok)
    fns = {
        "jieba.analyse.extract_tags (per report)": lambda: [
            jieba.analyse.extract_tags(t, topK=top) for t in texts
        ],
        "gt.keywords(corpus) (tokenize + DTM + score)": lambda: gt.keywords(
            corpus, top, tokenizer=tok
        ),
        "gt.keywords(dtm) (score only)": lambda: gt.keywords(m, top),
    }
    times, out = alternate(fns, repeat)
    kw = out["gt.keywords(corpus) (tokenize + DTM + score)"]
    gov_lists = [g["term"].tolist() for _, g in kw.groupby("report", sort=False)]
    fill = {
        "jieba.analyse.extract_tags (per report)": [
            sum(k in FILLERS for k in ks) for ks in out["jieba.analyse.extract_tags (per report)"]
        ],
        "gt.keywords(corpus) (tokenize + DTM + score)": [
            sum(k in FILLERS for k in ks) for ks in gov_lists
        ],
    }
    fill["gt.keywords(dtm) (score only)"] = fill["gt.keywords(corpus) (tokenize + DTM + score)"]
    base = median(times["jieba.analyse.extract_tags (per report)"])
    rows = []
    for name, ts in times.items():
        med = median(ts)
        f = fill[name]
        rows.append(
            {
                "tool": name,
                "repeats": len(ts),
                "median_s": med,
                "reports_per_s": len(texts) / med,
                "speed_vs_jieba": ratio(base, med),
                "mean_fillers": sum(f) / len(f),
                "max_fillers": max(f),
            }
        )
    return {"reports": len(texts), "top": top, "repeat": repeat, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", nargs="?", default=None, help="default: the bundled sample")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--no-holdout", action="store_true", help="score with the full table")
    ap.add_argument("--show", nargs="*", default=None, help="reports to list side by side")
    args = ap.parse_args(argv)

    from collections import Counter

    import jieba
    import jieba.analyse
    import pandas as pd

    import govtext as gt
    from govtext.stats.keywords import reference_counts

    jieba.setLogLevel(60)
    corpus = gt.load_corpus(args.corpus_dir) if args.corpus_dir else gt.datasets.load_sample()
    n_ref, table = reference_counts()
    tok_default = gt.PolicyTokenizer()
    tok_raw = gt.PolicyTokenizer(boilerplate=False)
    t0 = time.perf_counter()
    rows = []
    lists = {}
    for r in corpus:
        ref = None
        if not args.no_holdout:
            own = Counter(tok_raw.tokenize(r.text))  # the report held out of the genre counts
            ref = {t: max(c - own.get(t, 0), 0) for t, c in table.items()}
        kw_default = gt.keywords(r, args.top, tokenizer=tok_default, reference=ref)["term"].tolist()
        kw_raw = gt.keywords(r, args.top, tokenizer=tok_raw, reference=ref)["term"].tolist()
        kw_jieba = jieba.analyse.extract_tags(r.text, topK=args.top)
        lists[r.name] = (kw_default, kw_raw, kw_jieba)

        def n_fill(kws: list[str], words: set[str]) -> int:
            return sum(k in words for k in kws)

        rows.append(
            {
                "report": r.name,
                "govtext": n_fill(kw_default, FILLERS),
                "govtext_no_boilerplate": n_fill(kw_raw, FILLERS),
                "jieba": n_fill(kw_jieba, FILLERS),
                "govtext_core9": n_fill(kw_default, set(CORE_FILLERS)),
                "govtext_no_boilerplate_core9": n_fill(kw_raw, set(CORE_FILLERS)),
                "jieba_core9": n_fill(kw_jieba, set(CORE_FILLERS)),
            }
        )
    elapsed = time.perf_counter() - t0
    df = pd.DataFrame(rows)
    show = args.show if args.show is not None else [n for n in (TOWNSHIP,) if n in lists]
    pd.set_option("display.width", 200)
    pd.set_option("display.unicode.east_asian_width", True)
    for name in show:
        if name not in lists:
            print(f"(no report {name})")
            continue
        a, b, c = lists[name]
        side = pd.DataFrame(
            {
                "rank": range(1, args.top + 1),
                "govtext": a + [""] * (args.top - len(a)),
                "govtext(boilerplate=False)": b + [""] * (args.top - len(b)),
                "jieba.extract_tags": c + [""] * (args.top - len(c)),
            }
        )
        mark = lambda w: f"*{w}" if w in FILLERS else w  # noqa: E731
        for col in side.columns[1:]:
            side[col] = side[col].map(mark)
        print(f"\n== {name} (top {args.top}; * = filler) ==")
        print(side.to_string(index=False))
    print(
        f"\nFillers among the top {args.top} keywords ({len(df)} reports; "
        f"holdout={'off' if args.no_holdout else 'on'}; {elapsed:.1f} s)"
    )
    print(f"FILLERS ({len(FILLERS)}): {' '.join(sorted(FILLERS))}")
    summary = df.drop(columns="report").agg(["mean", "max"]).T
    summary["reports_over_2"] = (df.drop(columns="report") > 2).sum()
    print(summary.round(2).to_string())
    if TOWNSHIP in set(df["report"]):
        print("\ntownship report:")
        print(df[df["report"] == TOWNSHIP].drop(columns="report").to_string(index=False))
    worst = df.sort_values("govtext_no_boilerplate", ascending=False).head(5)
    print("\nreports with the most fillers (govtext, boilerplate=False):")
    print(worst[["report", "govtext", "govtext_no_boilerplate", "jieba"]].to_string(index=False))
    ok = (df["govtext"] <= 2).all() and (df["govtext_no_boilerplate"] <= 2).all()
    print(
        f"\nacceptance (every report <= 2 fillers, both govtext columns): {'PASS' if ok else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
