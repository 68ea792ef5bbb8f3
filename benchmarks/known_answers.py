"""Known answers on the national series of government work reports.

Acceptance (issue 3, point 2), on the national reports of CORPUS_DIR:

* keyness of 2020 against 2019 ranks 疫情 (or a compound containing it) in the top 10,
  for each measure;
* ``first_appearance(min_count=1)`` gives 2016 for 供给侧结构性改革 and 2024 for 新质生产力.

The package tokenizer is used as shipped. ``--add-words`` adds the two terms to the
tokenizer (a last resort, reported in the output) if the lexicon does not keep them whole.

Usage::

    python benchmarks/known_answers.py                    # bundled sample (2015-2025)
    python benchmarks/known_answers.py ../shared/corpus   # CORPUS_DIR
"""

from __future__ import annotations

import argparse
import sys

TERMS = {"供给侧结构性改革": 2016, "新质生产力": 2024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", nargs="?", default=None, help="default: the bundled sample")
    ap.add_argument("--add-words", action="store_true", help="add the known terms (last resort)")
    args = ap.parse_args(argv)

    import govtext as gt

    corpus = gt.load_corpus(args.corpus_dir) if args.corpus_dir else gt.datasets.load_sample()
    national = corpus.filter(level="national")
    tok = gt.PolicyTokenizer()
    if args.add_words:
        tok.add_words(list(TERMS))
        print("NOTE: --add-words: the known terms were added to the tokenizer")
    for term in TERMS:
        print(f"tokenizer: {term} -> {' / '.join(tok.cut(term))}")
    m = gt.dtm(national, tokenizer=tok)
    years = sorted(int(y) for y in m.meta["year"].dropna())
    print(f"national reports: {len(m)} ({years[0]}-{years[-1]}), {m.shape[1]} terms")
    ok = True
    for measure in ("log_odds", "chi2", "g2", "pmi"):
        kw = {"min_count": 5} if measure == "pmi" else {}
        k = gt.keyness(m, "year == 2020", "year == 2019", measure, **kw)
        top = k["term"].head(10).tolist()
        hit = [i + 1 for i, t in enumerate(top) if "疫情" in t]
        good = bool(hit)
        if measure != "pmi":
            ok &= good
        print(
            f"keyness 2020 vs 2019 [{measure}{', min_count=5' if kw else ''}] top 10: "
            f"{' '.join(top)}  -> 疫情 rank {hit[0] if hit else '>10'} "
            f"{'PASS' if good else 'FAIL'}"
        )
    fa = gt.first_appearance(m, "year", min_count=1, terms=list(TERMS)).set_index("term")
    for term, want in TERMS.items():
        got = fa.loc[term, "first"]
        good = str(got) == str(want)
        ok &= good
        print(f"first_appearance({term}) = {got} (expected {want}) {'PASS' if good else 'FAIL'}")
    print("ALL PASS" if ok else "SOME FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
