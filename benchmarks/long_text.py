"""Time and peak memory of ``PolicyTokenizer.cut`` on one long text, against its corpus rate.

Usage::

    python benchmarks/long_text.py [SIZE_MB ...] [--corpus DIR] [--backend rjieba jieba]
                                   [--punct both|yes|no]

Defaults: sizes 1 and 5 (MB of UTF-8), backend rjieba, both kinds of text: about a minute.
The project's table (benchmarks/RESULTS_tokenize_speed.md) uses sizes 1 5 20 and both
backends.

A long text is made by concatenating the corpus reports (normalised; those of
``benchmarks/data/heldout_reports.txt`` left out) until it holds SIZE_MB megabytes of UTF-8.
"Without punctuation" drops every punctuation, space and control character (line breaks
too): one run-on line, the case where a sentence-based split finds no end.

Each (size, kind, backend) runs in a fresh subprocess: build the tokenizer and warm it up
on every report (the gazetteer and village tables are loaded once, whatever the text's
size), read the peak RSS (``resource.getrusage`` max RSS), cut the text once,
and read the peak RSS again; "+RSS" is the increase, also as a multiple of the text's UTF-8
size (target < 10x). The "corpus" row cuts every report of the corpus once in its own
subprocess: the chars/s a long text should come close to. Times are CPU seconds of the
subprocess (steadier than wall time on a shared machine); the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def reports(corpus: Path) -> list[str]:
    """The normalised corpus reports, held-out ones left out, in file name order."""
    import govtext as gt

    held = set((HERE / "data" / "heldout_reports.txt").read_text(encoding="utf-8").split())
    paths = [p for p in sorted(corpus.glob("*.txt")) if p.name not in held]
    return [gt.normalize(p.read_text(encoding="utf-8")) for p in paths]


def long_text(corpus: Path, mb: float, punct: bool) -> str:
    """Reports concatenated up to ``mb`` megabytes of UTF-8 (without punctuation if not ``punct``)."""
    texts = reports(corpus)
    parts: list[str] = []
    size = 0
    i = 0
    while size < mb * 1e6:
        t = texts[i % len(texts)]
        i += 1
        if not punct:
            t = "".join(c for c in t if unicodedata.category(c)[0] not in "PZC")
        parts.append(t)
        size += len(t.encode("utf-8"))
    return "".join(parts)


def child(spec: dict) -> dict:
    """One measurement (run in a subprocess)."""
    import logging
    import resource
    import time

    import jieba

    import govtext as gt

    jieba.setLogLevel(logging.WARNING)
    corpus = Path(spec["corpus"])
    tok = gt.PolicyTokenizer(backend=spec["backend"])
    for t in reports(corpus):  # loads every table a text can need (gazetteer, villages)
        tok.cut(t)
    if spec["mb"] is None:
        texts = reports(corpus)
    else:
        texts = [long_text(corpus, spec["mb"], spec["punct"])]
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0 = time.process_time()
    n_pieces = sum(len(tok.cut(t)) for t in texts)
    cpu = time.process_time() - c0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    chars = sum(map(len, texts))
    return {
        **spec,
        "chars": chars,
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "pieces": n_pieces,
        "cpu_s": cpu,
        "chars_per_s": chars / cpu,
        "rss_before_mb": rss0 / 1024,
        "rss_increase_mb": (rss1 - rss0) / 1024,  # ru_maxrss is in KiB on Linux
    }


def run(spec: dict) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=float, default=[1.0, 5.0], help="MB of UTF-8")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of reports")
    ap.add_argument("--backend", nargs="+", default=["rjieba"], choices=["rjieba", "jieba"])
    ap.add_argument("--punct", default="both", choices=["both", "yes", "no"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    if not Path(args.corpus).is_dir():
        ap.error(f"--corpus {args.corpus}: not a folder")
    kinds = {"both": [True, False], "yes": [True], "no": [False]}[args.punct]
    print("load average (1/5/15 min): " + "/".join(f"{x:.2f}" for x in os.getloadavg()))
    head = f"{'backend':<8}{'text':<22}{'chars':>11}{'MB':>7}{'CPU s':>8}{'Mchar/s':>9}"
    print(head + f"{'vs corpus':>10}{'+RSS MB':>9}{'x text':>8}")
    for backend in args.backend:
        base = run({"corpus": args.corpus, "backend": backend, "mb": None, "punct": True})
        rows = [("corpus (each report)", base)]
        for mb in args.sizes:
            for punct in kinds:
                spec = {"corpus": args.corpus, "backend": backend, "mb": mb, "punct": punct}
                rows.append(
                    (f"{mb:g} MB, " + ("punctuation" if punct else "no punctuation"), run(spec))
                )
        for label, r in rows:
            print(
                f"{backend:<8}{label:<22}{r['chars']:>11,}{r['bytes'] / 1e6:>7.1f}{r['cpu_s']:>8.2f}"
                f"{r['chars_per_s'] / 1e6:>9.2f}{r['chars_per_s'] / base['chars_per_s']:>10.2f}"
                f"{r['rss_increase_mb']:>9.0f}{r['rss_increase_mb'] * 2**20 / r['bytes']:>8.1f}"
            )
    print("load average (1/5/15 min): " + "/".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
