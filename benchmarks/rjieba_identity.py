"""Identity and speed of ``PolicyTokenizer(backend="rjieba")`` against the jieba backend.

Usage::

    python benchmarks/rjieba_identity.py [CORPUS_DIR] [--repeat 5] [--examples 10]

CORPUS_DIR defaults to the bundled sample; the project verifies on ../shared/corpus.
Acceptance (issue 8, point 1): identical pieces on every report, and >= 4x the jieba
backend's throughput measured in the same run.

Both tokenizers are built and warmed up first (dictionary loading is reported, not timed).
Every report is cut with both backends and compared piece by piece; a differing boundary
is a character offset where one backend ends a piece and the other does not (examples are
printed with the pieces around them). Then each timed run cuts every report once with
each backend, alternating which goes first; the table shows the median of ``--repeat``
runs (at least 3), wall-clock (the target) and CPU time of this process (steadier on a
shared machine). The jieba dictionary is read once per process, by the first tokenizer
built, so "build s" of the second is only its own copy and engine. ``cut`` is what the
backend changes: ``tokenize`` only filters its pieces, so identical pieces mean identical
tokens. Exit code 1 if any report differs.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path


def _ends(pieces: list[str]) -> list[int]:
    out, pos = [], 0
    for p in pieces:
        pos += len(p)
        out.append(pos)
    return out


def _around(pieces: list[str], ends: list[int], at: int, width: int = 3) -> str:
    """The pieces around character offset ``at``, joined by ``|``."""
    i = next((k for k, e in enumerate(ends) if e >= at), len(pieces) - 1)
    return "|".join(pieces[max(i - width, 0) : i + width + 1]).replace("\n", "\\n")


def compare(texts: dict[str, str], slow, fast, examples: int = 10) -> dict:
    """Cut every text with both tokenizers; count pieces and differing boundaries."""
    n_pieces = n_diff_reports = n_diff_bounds = 0
    shown: list[str] = []
    for name, text in texts.items():
        a, b = slow.cut(text), fast.cut(text)
        n_pieces += len(a)
        if a == b:
            continue
        n_diff_reports += 1
        ea, eb = _ends(a), _ends(b)
        diff = sorted(set(ea) ^ set(eb))
        n_diff_bounds += len(diff)
        for at in diff:
            if len(shown) < examples:
                shown.append(
                    f"  {name} @{at}\n    jieba : {_around(a, ea, at)}\n"
                    f"    rjieba: {_around(b, eb, at)}"
                )
    return {
        "pieces": n_pieces,
        "diff_reports": n_diff_reports,
        "diff_boundaries": n_diff_bounds,
        "examples": shown,
    }


def time_both(texts: list[str], slow, fast, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds per run over all ``texts`` for each tokenizer, alternating."""

    def run(tok) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            tok.cut(t)
        return time.perf_counter() - t0, time.process_time() - c0

    runs: dict[str, list[tuple[float, float]]] = {"jieba": [], "rjieba": []}
    for i in range(repeat):
        order = (("jieba", slow), ("rjieba", fast))
        for name, tok in order if i % 2 == 0 else order[::-1]:
            runs[name].append(run(tok))
    return runs


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "corpus", nargs="?", default=None, help="folder of reports (default: bundled sample)"
    )
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per backend (>= 3)")
    ap.add_argument("--examples", type=int, default=10, help="differences to print")
    args = ap.parse_args(argv)
    if args.repeat < 3:
        ap.error("--repeat must be at least 3")
    import jieba

    import govtext as gt
    from govtext.datasets import sample_path

    jieba.setLogLevel(logging.WARNING)
    folder = Path(args.corpus) if args.corpus else sample_path()
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        print(f"{folder}: no .txt reports", file=sys.stderr)
        return 2
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    n_chars = sum(len(gt.normalize(t)) for t in texts.values())

    t0 = time.perf_counter()
    slow = gt.PolicyTokenizer()
    slow.cut("预热")
    build_slow = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = gt.PolicyTokenizer(backend="rjieba")
    fast.cut("预热")
    build_fast = time.perf_counter() - t0

    load_before = os.getloadavg()
    res = compare(texts, slow, fast, args.examples)
    runs = time_both(list(texts.values()), slow, fast, args.repeat)
    load_after = os.getloadavg()
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    build = {"jieba": build_slow, "rjieba": build_fast}

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, jieba {_version('jieba')}, rjieba {_version('rjieba')}"
    )
    print(
        "load average (1/5/15 min): before "
        + "/".join(f"{x:.2f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.2f}" for x in load_after)
    )
    print(f"{folder}: {len(texts)} reports, {n_chars:,} characters, {res['pieces']:,} pieces\n")
    print("identity (PolicyTokenizer().cut vs PolicyTokenizer(backend='rjieba').cut)")
    print(f"  reports that differ:   {res['diff_reports']} of {len(texts)}")
    print(f"  boundaries that differ: {res['diff_boundaries']} of ~{res['pieces']:,}")
    if res["examples"]:
        print("\n".join(res["examples"]))
    print(f"\nthroughput ({args.repeat} runs each, alternating; median)")
    print(
        f"  {'backend':<10}{'build s':>9}{'wall s':>9}{'CPU s':>8}{'chars/s':>12}{'pieces/s':>12}"
    )
    for name in ("jieba", "rjieba"):
        w = wall[name]
        print(
            f"  {name:<10}{build[name]:>9.2f}{w:>9.2f}{cpu[name]:>8.2f}"
            f"{n_chars / w:>12,.0f}{res['pieces'] / w:>12,.0f}"
        )
    for name in ("jieba", "rjieba"):
        print(f"  {name} runs (wall s): " + " ".join(f"{w:.2f}" for w, _ in runs[name]))
    ratio = wall["jieba"] / wall["rjieba"]
    print(f"\nthroughput ratio rjieba / jieba: {ratio:.2f}x wall (target >= 4x), ", end="")
    print(f"{cpu['jieba'] / cpu['rjieba']:.2f}x CPU time")
    ok = res["diff_reports"] == 0
    print(
        "identical: "
        + ("yes" if ok else "NO")
        + "; speed target: "
        + ("met" if ratio >= 4 else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
