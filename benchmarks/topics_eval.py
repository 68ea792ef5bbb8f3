"""Topic quality of govtext's defaults on the State Council's reports (issue 14, point 4).

Usage::

    python benchmarks/topics_eval.py --corpus /work/shared/corpus [--years 1978-2025] [-k 10]

Five fits, all with ``random_state=0``:

* **report matrix**: ``gt.fit_topics(gt.dtm(reports), k)`` — the matrix's reports cut
  into paragraphs again (its default), with ``ranking="frequency"``, and with
  ``unit="report"`` (its rows as they are);
* **paragraph default**: ``gt.fit_topics(reports, k)`` — paragraphs as units, and with
  ``procedural=True``.

Measure: the project's own paragraph NPMI
(:func:`govtext.models.coherence.coherence`, top 10 words of each topic, reference = the
paragraphs of the reports as cut by :func:`govtext.models.units.paragraph_dtm`). Also
printed: each topic's top 10 words, how many of them are *generic words* (the genre's 100
most frequent: :func:`govtext.stats.keywords.genre_generic`), and whether a topic is
*procedural* (two or more of 审议 感谢 请予 代表 委员 政协 意见 in its top 10).
The reports listed in ``benchmarks/data/heldout_reports.txt`` are left out.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PROCEDURAL_WORDS = frozenset("审议 感谢 请予 代表 委员 政协 意见 列席 敬意 问候".split())


def heldout() -> set[str]:
    path = HERE / "data" / "heldout_reports.txt"
    return {
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    }


def load(corpus_dir: str, years: tuple[int, int], level: str):  # noqa: ANN201
    import govtext as gt

    skip = {Path(n).stem for n in heldout()}
    corpus = gt.load_corpus(corpus_dir)
    keep = [
        r
        for r in corpus
        if r.meta.get("level") == level
        and years[0] <= int(r.meta.get("year") or 0) <= years[1]
        and r.name not in skip
    ]
    return gt.Corpus(sorted(keep, key=lambda r: (int(r.meta["year"]), r.name)))


def describe(name: str, model, ref, generic: frozenset[str]) -> dict:  # noqa: ANN001
    from govtext.models.coherence import coherence
    from govtext.stats.keywords import genre_generic

    top = model.top_terms(10)
    npmi = coherence(top, ref, measure="npmi")["npmi"].to_numpy()
    n_generic = [sum(w in generic for w in t) for t in top]
    wider = [genre_generic(n) for n in (200, 300)]
    n_wider = [max(sum(w in g for w in t) for t in top) for g in wider]
    procedural = [sum(w in PROCEDURAL_WORDS for w in t) >= 2 for t in top]
    print(f"\n## {name}\n")
    print(
        f"mean paragraph NPMI {np.mean(npmi):.3f} (min {np.min(npmi):.3f}); "
        f"generic words per topic: max {max(n_generic)}, total {sum(n_generic)} "
        f"(among the genre's 200 / 300 most frequent: max {n_wider[0]} / {n_wider[1]}); "
        f"procedural topics: {sum(procedural)}\n"
    )
    for i, (t, s, g) in enumerate(zip(top, npmi, n_generic)):
        print(f"{i:2d} {s:6.3f} g={g} {' '.join(t)}")
    return {
        "npmi": float(np.mean(npmi)),
        "max_generic": max(n_generic),
        "procedural": sum(procedural),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--years", default="1978-2025")
    ap.add_argument("--level", default="national")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--skip-paragraph", action="store_true")
    args = ap.parse_args(argv)
    import govtext as gt
    from govtext.models.units import paragraph_dtm
    from govtext.stats.keywords import genre_generic

    lo, hi = (int(y) for y in args.years.split("-"))
    t0 = time.process_time()
    corpus = load(args.corpus, (lo, hi), args.level)
    tok = gt.PolicyTokenizer()
    hub = gt.TokenizedCorpus(corpus, tok)
    ref = paragraph_dtm(hub, procedural=True)
    generic = genre_generic(100)
    print(
        f"{len(corpus)} {args.level} reports {lo}-{hi}, {ref.shape[0]} reference paragraphs, k={args.k}"
    )
    m = gt.dtm(corpus, tokenizer=tok)
    runs = [
        ("report matrix: gt.fit_topics(gt.dtm(reports), k) (its paragraphs)", m, {}),
        ("report matrix, ranking='frequency'", m, {"ranking": "frequency"}),
        ("report matrix, rows as they are: unit='report'", m, {"unit": "report"}),
    ]
    if not args.skip_paragraph:
        runs += [
            ("paragraph default: gt.fit_topics(reports, k)", hub, {}),
            ("paragraphs, procedural=True", hub, {"procedural": True}),
        ]
    for name, data, extra in runs:
        describe(name, gt.fit_topics(data, k=args.k, **extra), ref, generic)
    print(f"\nCPU time: {time.process_time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
