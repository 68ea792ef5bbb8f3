"""Evaluate ``govtext.extract_indicators`` against a hand-checked gold set.

Usage::

    python benchmarks/indicators_eval.py [GOLD_DIR] [CORPUS_DIR]

GOLD_DIR (default ``tests/data/indicators_gold``) holds ``gold.csv`` (file, line_no,
value_low, value_high, unit, indicator, kind, status, qualifier) and ``scope.csv`` (file and
the ``;``-separated lines that were annotated in full). CORPUS_DIR (default: the bundled
sample) holds the report files. Only predictions on annotated lines are scored.

A predicted row matches a gold row when line, both numbers and unit agree (one-to-one).
Reported: precision and recall over all rows and over target rows (a predicted row with
status ``target`` is a true positive when it matches a gold row whose status is ``target``),
and, on matched rows, the share with indicator name, kind, status and qualifier right.
The indicator name is compared after removing quotes, spaces and a leading generic verb
(完成/实现/达到/累计/实施/举办/开展); ``name_exact`` compares the raw strings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

import govtext as gt

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "tests" / "data" / "indicators_gold"


def name_key(name: str) -> str:
    """Indicator name for comparison: no quotes/spaces, no leading generic verb."""
    s = re.sub(r"[“”‘’\"\s]", "", str(name))
    s = re.sub(r"^(完成|实现|达到|累计|实施|举办|开展)", "", s)
    s = re.sub(r"(指数|涨幅|增速|增幅|总水平)+$", "", s)
    return s


def _key(row) -> tuple:
    return (
        int(row["line_no"]),
        round(float(row["value_low"]), 6),
        round(float(row["value_high"]), 6),
        str(row["unit"]),
    )


def evaluate(gold_dir: Path | str = DEFAULT_GOLD, corpus_dir: Path | str | None = None) -> dict:
    """Scores of the extractor on the gold set (see module docstring)."""
    gold_dir = Path(gold_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir else gt.datasets.sample_path()
    gold = pd.read_csv(
        gold_dir / "gold.csv", dtype={"unit": str, "qualifier": str}, keep_default_na=False
    )
    scope = pd.read_csv(gold_dir / "scope.csv", dtype=str, keep_default_na=False)
    pairs = []
    preds = []
    golds = []
    files = []
    for rec in scope.to_dict("records"):
        path = corpus_dir / rec["file"]
        if not path.exists():
            continue
        files.append(rec["file"])
        lines = {int(x) for x in rec["lines"].split(";") if x}
        text = gt.read_text(path)[0]
        pred = gt.extract_indicators(text)
        pred = pred[pred["line_no"].isin(lines)].to_dict("records")
        g = gold[gold["file"] == rec["file"]].to_dict("records")
        for r in pred:
            r["file"] = rec["file"]
        preds.extend(pred)
        golds.extend(g)
        used = set()
        for grow in g:
            cands = [i for i, p in enumerate(pred) if i not in used and _key(p) == _key(grow)]
            if not cands:
                continue
            best = next(
                (i for i in cands if name_key(pred[i]["indicator"]) == name_key(grow["indicator"])),
                cands[0],
            )
            used.add(best)
            pairs.append((grow, pred[best]))
    n_pred, n_gold, n_match = len(preds), len(golds), len(pairs)
    tp_t = sum(1 for g, p in pairs if g["status"] == "target" and p["status"] == "target")
    n_pred_t = sum(1 for p in preds if p["status"] == "target")
    n_gold_t = sum(1 for g in golds if g["status"] == "target")

    def share(f) -> float:
        return sum(1 for g, p in pairs if f(g, p)) / n_match if n_match else float("nan")

    res = {
        "files": len(files),
        "gold_rows": n_gold,
        "predicted_rows": n_pred,
        "matched_rows": n_match,
        "precision": n_match / n_pred if n_pred else float("nan"),
        "recall": n_match / n_gold if n_gold else float("nan"),
        "target_gold": n_gold_t,
        "target_predicted": n_pred_t,
        "target_tp": tp_t,
        "target_precision": tp_t / n_pred_t if n_pred_t else float("nan"),
        "target_recall": tp_t / n_gold_t if n_gold_t else float("nan"),
        "name_right": share(lambda g, p: name_key(g["indicator"]) == name_key(p["indicator"])),
        "name_exact": share(lambda g, p: g["indicator"] == p["indicator"]),
        "kind_right": share(lambda g, p: g["kind"] == p["kind"]),
        "status_right": share(lambda g, p: g["status"] == p["status"]),
        "qualifier_right": share(lambda g, p: g["qualifier"] == p["qualifier"]),
        "name_kind_status_right": share(
            lambda g, p: (
                name_key(g["indicator"]) == name_key(p["indicator"])
                and g["kind"] == p["kind"]
                and g["status"] == p["status"]
            )
        ),
    }
    matched_pred = {id(p) for _, p in pairs}
    matched_gold = {id(g) for g, _ in pairs}
    res["false_positives"] = [p for p in preds if id(p) not in matched_pred]
    res["misses"] = [g for g in golds if id(g) not in matched_gold]
    res["wrong_attributes"] = [
        (g, p)
        for g, p in pairs
        if not (
            name_key(g["indicator"]) == name_key(p["indicator"])
            and g["kind"] == p["kind"]
            and g["status"] == p["status"]
        )
    ]
    return res


def main(argv: list[str]) -> int:
    gold_dir = Path(argv[0]) if argv else DEFAULT_GOLD
    corpus_dir = argv[1] if len(argv) > 1 else None
    res = evaluate(gold_dir, corpus_dir)
    for k, v in res.items():
        if isinstance(v, list):
            continue
        print(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}")
    print("\nfalse positives (predicted, not in gold):")
    for p in res["false_positives"]:
        print(f"  {p['file']}:{p['line_no']} {p['surface']} {p['indicator']} {p['status']}")
    print("misses (gold, not predicted):")
    for g in res["misses"]:
        print(f"  {g['file']}:{g['line_no']} {g['value_low']} {g['unit']} {g['indicator']}")
    print("matched with a wrong name, kind or status (gold | predicted):")
    for g, p in res["wrong_attributes"]:
        print(
            f"  {g['file']}:{g['line_no']} {g['indicator']}/{g['kind']}/{g['status']} | "
            f"{p['indicator']}/{p['kind']}/{p['status']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
