"""Do policy terms stay whole? Share of term occurrences with no token boundary inside.

Usage::

    python benchmarks/term_wholeness.py [CORPUS_DIR] [--eval EVAL_DIR] [--no-fit]

CORPUS_DIR (default: the bundled sample) must hold the held-out reports listed in
``benchmarks/data/heldout_reports.txt`` (reports that were *not* used to build the
packaged lexicon); the sample holds two of them, ../shared/corpus holds all ten. The
held-out terms are the hand-collected list ``benchmarks/data/heldout_terms.txt``; every
occurrence of every term in those reports (normalised text) is scored:

* **whole**: no token boundary inside the occurrence, except where a shorter listed term
  occurring inside it starts or ends (``乡村振兴|战略`` when 乡村振兴 is listed);
* **straddled**: a token crosses the start or the end of the occurrence
  (the token ``推进乡村振兴`` straddles 乡村振兴).

Annotated occurrences are maximal: a listed term inside a longer listed term occurring
there (三保障 inside 两不愁三保障) only tolerates boundaries, and occurrences inside the
strings of ``data/heldout_not_terms.txt`` (三保 inside 三保障) are not counted. The
"unseen" columns repeat the scores for the terms that are not in the packaged lexicon.

Tokenizers: plain ``jieba.Tokenizer``; jieba plus every public lexicon of
``EVAL_DIR/lexicons`` (default: ``CORPUS_DIR/../eval``, skipped if missing); govtext's
default ``PolicyTokenizer``; and ``PolicyTokenizer().fit(CORPUS_DIR)`` (fitted on every
report of CORPUS_DIR, as the project's checker does).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in out:
            out.append(line)
    return out


NOT_TERMS = (
    _lines(DATA / "heldout_not_terms.txt") if (DATA / "heldout_not_terms.txt").is_file() else []
)


def occurrences(text: str, terms: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Annotated occurrences (maximal spans) and every occurrence (for the tolerance rule).

    An annotator marks the longest listed term (两不愁三保障, not 三保 inside it); a
    shorter listed term inside it only tolerates a boundary where it starts or ends.
    """
    occ = set()
    for t in terms:
        for m in re.finditer("(?=" + re.escape(t) + ")", text):
            occ.add((m.start(), m.start() + len(t)))
    allocc = sorted(occ)
    # an occurrence inside a listed non-term (三保 inside 三保障, 三公 inside 三公里) is no occurrence
    skip = [
        (m.start(), m.start() + len(x)) for x in NOT_TERMS for m in re.finditer(re.escape(x), text)
    ]
    allocc = [(s, e) for s, e in allocc if not any(a <= s and e <= b for a, b in skip)]
    maximal = [
        (s, e)
        for s, e in allocc
        if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in allocc if a <= s < b)
    ]
    return maximal, allocc


def score(
    tokens: list[str],
    text: str,
    occ: list[tuple[int, int]],
    allocc: list[tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """(whole, straddled) counts for the occurrences ``occ`` given the tokens of ``text``."""
    assert "".join(tokens) == text, "tokens must join back to the text"
    starts, ends = [], []
    pos = 0
    for t in tokens:
        starts.append(pos)
        pos += len(t)
        ends.append(pos)
    bounds = set(starts)
    tok_at = {}  # char position -> (token start, token end)
    for s, e in zip(starts, ends):
        for i in range(s, e):
            tok_at[i] = (s, e)
    by_start: dict[int, list[tuple[int, int]]] = {}
    for s, e in allocc if allocc is not None else occ:
        by_start.setdefault(s, []).append((s, e))
    whole = straddled = 0
    for s, e in occ:
        tolerated = set()
        for s2 in range(s, e):
            for a, b in by_start.get(s2, ()):
                if b <= e and (a, b) != (s, e):
                    tolerated.update((a, b))
        inside = [b for b in range(s + 1, e) if b in bounds and b not in tolerated]
        whole += not inside
        ts, te = tok_at[s]
        us, ue = tok_at[e - 1]
        straddled += ts < s or ue > e
    return whole, straddled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "corpus", nargs="?", default=None, help="folder of reports (default: bundled sample)"
    )
    ap.add_argument("--eval", default=None, help="folder with lexicons/ (default: CORPUS/../eval)")
    ap.add_argument("--no-fit", action="store_true", help="skip the fitted tokenizer")
    ap.add_argument(
        "--show", type=int, default=0, help="print this many broken occurrences per tokenizer"
    )
    args = ap.parse_args(argv)

    import jieba

    import govtext as gt

    jieba.setLogLevel(logging.WARNING)
    if args.corpus is None:
        from govtext.datasets import sample_path

        corpus_dir = Path(sample_path())
    else:
        corpus_dir = Path(args.corpus)
    held = [n for n in _lines(DATA / "heldout_reports.txt") if (corpus_dir / n).is_file()]
    if not held:
        print(f"no held-out report found in {corpus_dir}", file=sys.stderr)
        return 1
    terms = _lines(DATA / "heldout_terms.txt")
    terms = [gt.normalize(t) for t in terms]
    texts = {n: gt.normalize((corpus_dir / n).read_text(encoding="utf-8")) for n in held}
    both = {n: occurrences(t, terms) for n, t in texts.items()}
    occ = {n: v[0] for n, v in both.items()}
    allocc = {n: v[1] for n, v in both.items()}
    n_occ = sum(len(o) for o in occ.values())
    found = {t for n in held for (s, e) in occ[n] for t in [texts[n][s:e]]}
    print(
        f"held-out reports: {len(held)} of {len(_lines(DATA / 'heldout_reports.txt'))}; "
        f"terms listed: {len(terms)}, found: {len(found)}; occurrences: {n_occ}"
    )

    tokenizers = {}
    plain = jieba.Tokenizer()
    tokenizers["jieba"] = plain.lcut
    eval_dir = Path(args.eval) if args.eval else corpus_dir.parent / "eval"
    lex_dir = eval_dir / "lexicons"
    if lex_dir.is_dir():
        pub = jieba.Tokenizer()
        pub.initialize()
        n_words = 0
        for f in sorted(lex_dir.glob("*.tsv")):
            for line in f.read_text(encoding="utf-8").splitlines():
                w = line.split("\t")[0].strip().lstrip("\ufeff")
                if w:
                    pub.add_word(w)
                    n_words += 1
        tokenizers["jieba + public lexicons"] = pub.lcut
    tok = gt.PolicyTokenizer()
    tokenizers["govtext default"] = tok.cut
    if not args.no_fit:
        t0 = time.perf_counter()
        fitted = gt.PolicyTokenizer().fit(gt.load_corpus(str(corpus_dir)))
        print(
            f"fit on {corpus_dir}: {len(fitted.discovered_)} phrases in {time.perf_counter() - t0:.1f} s"
        )
        tokenizers["govtext fit(corpus)"] = fitted.cut

    from govtext.tokenize.lexicon import load_policy_terms

    lex = {t.term for t in load_policy_terms()}
    unseen = {n: [o for o in occ[n] if texts[n][o[0] : o[1]] not in lex] for n in held}
    n_unseen = sum(len(v) for v in unseen.values())
    print(f"occurrences of terms not in the packaged lexicon: {n_unseen}")
    print(
        f"\n{'tokenizer':<26}{'occurrences':>12}{'whole':>8}{'straddled':>11}"
        f"{'unseen whole':>14}{'unseen strad.':>15}"
    )
    for name, cut in tokenizers.items():
        w = s = uw = us = 0
        bad = []
        for n in held:
            toks = cut(texts[n])
            w1, s1 = score(toks, texts[n], occ[n], allocc[n])
            w += w1
            s += s1
            w2, s2 = score(toks, texts[n], unseen[n], allocc[n])
            uw += w2
            us += s2
            if args.show:
                for o in occ[n]:
                    a, b = score(toks, texts[n], [o], allocc[n])
                    if not a or b:
                        lo, hi = max(0, o[0] - 4), o[1] + 4
                        pos = 0
                        seg = []
                        for t in toks:
                            if pos + len(t) > lo and pos < hi:
                                seg.append(t)
                            pos += len(t)
                        bad.append(f"{texts[n][o[0] : o[1]]}: {'|'.join(seg)}")
        nu = max(n_unseen, 1)
        print(
            f"{name:<26}{n_occ:>12}{w / n_occ:>8.3f}{s / n_occ:>11.3f}{uw / nu:>14.3f}{us / nu:>15.3f}"
        )
        for b in bad[: args.show]:
            print("    ", b)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
