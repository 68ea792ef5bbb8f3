"""Word F1 on the SIGHAN 2005 PKU test set (no regression on general text).

Usage::

    python benchmarks/sighan_f1.py DATA_DIR      # e.g. ../shared/eval/sighan2005

DATA_DIR holds ``pku_test.utf8`` and ``pku_test_gold.utf8`` (research use only: never
copy them into this repository). Each line is normalised with ``govtext.normalize``; the
gold words are normalised the same way and scored on word boundaries (a word is correct
when both its start and end offsets match the gold). Rows: plain jieba on the raw text,
plain jieba on the normalised text, ``PolicyTokenizer()`` (default mode) and
``PolicyTokenizer(mode="fine")``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path


def spans(words: list[str]) -> set[tuple[int, int]]:
    out = set()
    pos = 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def prf(pred_lines: list[list[str]], gold_lines: list[list[str]]) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for p, g in zip(pred_lines, gold_lines):
        p = [w for w in p if w.strip()]
        g = [w for w in g if w.strip()]
        sp, sg = spans(p), spans(g)
        tp += len(sp & sg)
        n_pred += len(sp)
        n_gold += len(sg)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f


def read_gold(data: Path) -> tuple[list[list[str]], list[list[str]]] | None:
    """The PKU gold words of ``data`` as printed and normalised (``gt.normalize``), or
    None (with a message) if the folder has no gold file."""
    import govtext as gt

    if not (data / "pku_test_gold.utf8").is_file():
        print(f"{data}: pku_test_gold.utf8 not found", file=sys.stderr)
        return None
    gold_raw = [
        ln.split() for ln in (data / "pku_test_gold.utf8").read_text(encoding="utf-8").splitlines()
    ]
    gold_raw = [g for g in gold_raw if g]
    norm_words = [[gt.normalize(w) for w in g] for g in gold_raw]
    norm_words = [[w for w in g if w] for g in norm_words]
    return gold_raw, norm_words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", help="folder with pku_test.utf8 and pku_test_gold.utf8")
    args = ap.parse_args(argv)
    gold = read_gold(Path(args.data))
    if gold is None:
        return 1
    import jieba

    import govtext as gt

    jieba.setLogLevel(logging.WARNING)
    gold_raw, norm_words = gold
    raw = ["".join(g) for g in gold_raw]
    norm = ["".join(g) for g in norm_words]
    assert all(gt.normalize(r) == n for r, n in zip(raw, norm)), "normalisation is not word-local"
    plain = jieba.Tokenizer()
    plain.initialize()
    rows = []
    t0 = time.perf_counter()
    rows.append(
        ("jieba, raw text", prf([plain.lcut(s) for s in raw], gold_raw), time.perf_counter() - t0)
    )
    t0 = time.perf_counter()
    rows.append(
        (
            "jieba, normalised text",
            prf([plain.lcut(s) for s in norm], norm_words),
            time.perf_counter() - t0,
        )
    )
    for name, tok in (
        ("govtext default", gt.PolicyTokenizer()),
        ("govtext fine", gt.PolicyTokenizer(mode="fine")),
    ):
        tok.cut("预热")
        t0 = time.perf_counter()
        rows.append(
            (name, prf([tok.cut_normalized(s) for s in norm], norm_words), time.perf_counter() - t0)
        )
    print(f"SIGHAN 2005 PKU test: {len(gold_raw)} lines, {sum(map(len, gold_raw))} gold words\n")
    print(f"{'segmenter':<26}{'P':>8}{'R':>8}{'F1':>8}{'secs':>8}")
    for name, (p, r, f), secs in rows:
        print(f"{name:<26}{p:>8.4f}{r:>8.4f}{f:>8.4f}{secs:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
