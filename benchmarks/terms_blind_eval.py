"""Blind evaluation of govtext's policy vocabulary on annotated reports nobody tuned on.

Usage::

    python benchmarks/terms_blind_eval.py [--corpus CORPUS_DIR] [--data BLIND_DIR] [--fit]

``BLIND_DIR`` (default ``tests/data/terms_blind``) holds ``<set>_<name>.tsv`` (``a_``, ``b_``, ``c_`` …)
files (``term<TAB>category``, header line) annotated without reading govtext's code or
lexicon (see the ``NOTES_*.md`` there). The text of ``<x>_<name>.tsv`` is
``CORPUS_DIR/<name>.txt`` or ``BLIND_DIR/texts/<name>.txt``; a set whose text is in
neither is skipped (the bundled sample, the default corpus, holds none of the real ones:
the project runs this on ``../shared/corpus``). The script never prints annotated terms,
only counts, so it can be run without unblinding the sets.

Measures (Markdown on stdout):

* **Term wholeness.** Occurrences are the non-overlapping leftmost-longest matches of the
  report's annotated terms in the normalised text (``gt.normalize``). An occurrence is
  *whole* if no token boundary lies inside it, except where a shorter annotated term of
  the same report starts or ends inside it. It is *straddled* if a token crosses one of
  its edges and ends (or starts) inside it; *absorbed* if it lies strictly inside a longer
  token (``推进乡村振兴`` holds 乡村振兴: whole, but not a token of its own). The older
  benchmark (term_wholeness.py) counted straddled + absorbed as "straddled". Tokenizers:
  a fresh ``jieba.Tokenizer()`` (baseline), ``gt.PolicyTokenizer().cut`` and, with
  ``--fit``, a ``PolicyTokenizer`` fitted on every report of ``CORPUS_DIR``. Per report,
  per category, and split into terms in the packaged lexicon (the ``term`` column of
  ``govtext/tokenize/lexicon/policy_terms.tsv``) and terms not in it.
* **Keywords.** The top 20 of ``gt.keywords(report)`` (genre idf, as ``govtext keywords``
  does for one report): how many are annotated terms of the report (any category), and
  how many are *generic words*: the 100 tokens (``PolicyTokenizer().tokenize``) with the
  highest document frequency in ``CORPUS_DIR`` (ties by term), listed in the output.
* **Networks.** ``gt.cooccurrence_graph(report)`` with its defaults: nodes, share of
  nodes that are annotated terms, generic words among the nodes.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DATA = REPO / "tests" / "data" / "terms_blind"
TOP_KEYWORDS = 20
N_GENERIC = 100


# ---------------------------------------------------------------- annotations
def set_source(name: str, corpus_dir: Path, data: Path) -> Path | None:
    """The text of a blind set: the corpus report of that name, else the set's own copy."""
    for p in (corpus_dir / f"{name}.txt", data / "texts" / f"{name}.txt"):
        if p.is_file():
            return p
    return None


def read_terms(path: Path, normalize: Any) -> dict[str, str]:
    """``{normalised term: category}`` of one annotation file (first category wins)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or [h.strip().lstrip("\ufeff") for h in header[:2]] != [
            "term",
            "category",
        ]:
            raise SystemExit(f"{path}: expected a header 'term<TAB>category'")
        for row in rows:
            if not row or not row[0].strip():
                continue
            term = normalize(row[0].strip())
            cat = row[1].strip() if len(row) > 1 else "?"
            out.setdefault(term, cat)
    return out


def leftmost_longest(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping leftmost-longest matches of ``terms`` in ``text``."""
    by_first: dict[str, list[str]] = {}
    for t in sorted(set(terms), key=len, reverse=True):
        if t:
            by_first.setdefault(t[0], []).append(t)
    out = []
    i, n = 0, len(text)
    while i < n:
        for t in by_first.get(text[i], ()):
            if text.startswith(t, i):
                out.append((i, i + len(t)))
                i += len(t)
                break
        else:
            i += 1
    return out


def all_occurrences(text: str, terms: list[str]) -> dict[int, list[int]]:
    """Every (possibly overlapping) occurrence of every term: ``{start: [ends]}``."""
    out: dict[int, list[int]] = {}
    for t in set(terms):
        if not t:
            continue
        i = text.find(t)
        while i >= 0:
            out.setdefault(i, []).append(i + len(t))
            i = text.find(t, i + 1)
    return out


def classify(
    occ: list[tuple[int, int]], allocc: dict[int, list[int]], tokens: list[str], text: str
) -> list[tuple[bool, str]]:
    """For each occurrence: (whole, edge), edge ``"straddled"``, ``"absorbed"`` or ``""``.

    whole: no token boundary inside, except where a shorter annotated term starts or ends;
    straddled: a token starts before the occurrence and ends inside it, or starts inside
    and ends after it; absorbed: one token holds the occurrence and more.
    """
    if "".join(tokens) != text:
        raise AssertionError("tokens must join back to the normalised text")
    tok_start = [0] * len(text)  # start and end of the token holding each character
    tok_end = [0] * len(text)
    bounds = set()
    pos = 0
    for t in tokens:
        bounds.add(pos)
        for i in range(pos, pos + len(t)):
            tok_start[i] = pos
            tok_end[i] = pos + len(t)
        pos += len(t)
    out = []
    for s, e in occ:
        tolerated = set()
        for a in range(s, e):
            for b in allocc.get(a, ()):
                if b <= e and (a, b) != (s, e):
                    tolerated.update((a, b))
        whole = not any(b in bounds and b not in tolerated for b in range(s + 1, e))
        ts, te = tok_start[s], tok_end[e - 1]
        if tok_start[e - 1] == ts:  # one token holds the whole occurrence
            edge = "absorbed" if ts < s or te > e else ""
        else:
            edge = "straddled" if ts < s or te > e else ""
        out.append((whole, edge))
    return out


# ---------------------------------------------------------------- reporting
def _pct(k: int, n: int) -> str:
    return f"{k / n:.3f}" if n else "–"


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row(r) for r in rows]
    return "\n".join(lines)


def _wholeness_rows(label: str, labels: list[tuple[bool, str]]) -> list[Any]:
    n = len(labels)
    whole = sum(w for w, _ in labels)
    c = Counter(edge for _, edge in labels)
    return [label, n, _pct(whole, n), _pct(c["straddled"], n), _pct(c["absorbed"], n)]


def _terms_of(occ: list[tuple[int, int]], sets: list[Any], key: str) -> list[str]:
    """The text of each occurrence of set ``key``."""
    text = next(t for k, _, t, _ in sets if k == key)
    return [text[s:e] for s, e in occ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=None, help="folder of reports (default: bundled sample)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="folder of blind annotation sets")
    ap.add_argument("--fit", action="store_true", help="also a tokenizer fitted on the corpus")
    args = ap.parse_args(argv)

    import jieba

    import govtext as gt
    from govtext.tokenize.lexicon import load_policy_terms

    jieba.setLogLevel(logging.WARNING)
    if args.corpus is None:
        from govtext.datasets import sample_path

        corpus_dir = Path(sample_path())
    else:
        corpus_dir = Path(args.corpus)
    data = Path(args.data)
    t_start = time.perf_counter()

    # ---- the sets and their texts
    sets = []  # (set name, report name, report, normalised text, {term: category})
    skipped = []
    for tsv in sorted(data.glob("[a-z]_*.tsv")):
        name = tsv.stem[2:]
        src = set_source(name, corpus_dir, data)
        if src is None:
            skipped.append(tsv.name)
            continue
        report = gt.load_corpus([str(src)])[0]
        terms = read_terms(tsv, gt.normalize)
        sets.append((tsv.stem, report, gt.normalize(report.text), terms))
    if not sets:
        print(f"no blind set has its text in {corpus_dir} or {data / 'texts'}", file=sys.stderr)
        return 1
    lex = {gt.normalize(t.term) for t in load_policy_terms()}

    occs = {}
    for key, _, text, terms in sets:
        occ = leftmost_longest(text, list(terms))
        occs[key] = (occ, all_occurrences(text, list(terms)))

    # ---- tokenizers
    tokenizers: dict[str, Any] = {}
    plain = jieba.Tokenizer()
    tokenizers["jieba (plain)"] = plain.lcut
    default = gt.PolicyTokenizer()
    tokenizers["PolicyTokenizer()"] = default.cut
    corpus = gt.load_corpus(str(corpus_dir))
    fitted = None
    fit_note = ""
    if args.fit:
        t0 = time.perf_counter()
        fitted = gt.PolicyTokenizer().fit(corpus)
        fit_note = (
            f"`PolicyTokenizer().fit(corpus)` on {len(corpus)} reports of `{corpus_dir}`: "
            f"{len(fitted.discovered_)} phrases in {time.perf_counter() - t0:.0f} s."
        )
        tokenizers["PolicyTokenizer().fit(corpus)"] = fitted.cut

    # ---- generic words: document frequency of default analysis tokens over the corpus
    df: Counter[str] = Counter()
    for r in corpus:
        df.update(set(default.tokenize(r.text)))
    generic = [t for t, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:N_GENERIC]]
    generic_set = set(generic)

    out = []
    p = out.append
    p(f"Corpus: `{corpus_dir}` ({len(corpus)} reports). Blind sets: `{data}`.")
    if skipped:
        p(f"Skipped (text not found): {', '.join(skipped)}.")
    if fit_note:
        p(fit_note)
    p("")
    p("### The sets")
    p("")
    rows = []
    cats_all: set[str] = set()
    for key, _report, text, terms in sets:
        occ = occs[key][0]
        c = Counter(terms[text[s:e]] for s, e in occ)
        cats_all |= set(c)
        in_lex = sum(text[s:e] in lex for s, e in occ)
        rows.append(
            [
                key,
                len(text),
                len(terms),
                len(occ),
                in_lex,
                ", ".join(f"{k} {v}" for k, v in sorted(c.items())),
            ]
        )
    tot_occ = sum(r[3] for r in rows)
    tot_lex = sum(r[4] for r in rows)
    rows.append(["**all**", sum(r[1] for r in rows), sum(r[2] for r in rows), tot_occ, tot_lex, ""])
    p(_table(["set", "chars", "terms", "occurrences", "in lexicon", "by category"], rows))
    p("")

    # ---- wholeness
    labels: dict[str, dict[str, list[tuple[str, str, bool]]]] = {}
    for tname, cut in tokenizers.items():
        labels[tname] = {}
        for key, _, text, terms in sets:
            occ, allocc = occs[key]
            got = classify(occ, allocc, list(cut(text)), text)
            labels[tname][key] = [
                (lab, terms[text[s:e]], text[s:e] in lex) for lab, (s, e) in zip(got, occ)
            ]
    p("### Term wholeness")
    p("")
    p(
        "whole = no token boundary inside (a boundary where a shorter annotated term starts "
        "or ends is tolerated); straddled = a token crosses an edge of the occurrence and "
        "ends or starts inside it; absorbed = whole, but inside a longer token (counted in "
        "whole, not in straddled)."
    )
    p("")
    p("**Overall**")
    p("")
    rows = []
    for tname, per in labels.items():
        allv = [x for v in per.values() for x in v]
        lab = [x[0] for x in allv]
        inl = [x[0] for x in allv if x[2]]
        notl = [x[0] for x in allv if not x[2]]
        r = _wholeness_rows(tname, lab)
        r += [
            _pct(sum(w for w, _ in inl), len(inl)),
            _pct(sum(w for w, _ in notl), len(notl)),
            _pct(sum(edge == "straddled" for _, edge in notl), len(notl)),
        ]
        rows.append(r)
    p(
        _table(
            [
                "tokenizer",
                "occurrences",
                "whole",
                "straddled",
                "absorbed",
                f"whole, in lexicon (n={tot_lex})",
                f"whole, not in lexicon (n={tot_occ - tot_lex})",
                "straddled, not in lexicon",
            ],
            rows,
        )
    )
    p("")
    # terms in any packaged list (lexicon, indicator names, gazetteer) or in none of them
    try:
        from govtext.tokenize.lexicon import load_indicators
        from govtext.tokenize.places import is_place

        packaged = lex | {gt.normalize(t.term) for t in load_indicators()}
    except ImportError:  # before issue 14's term layer
        packaged, is_place = lex, lambda _t: False  # noqa: E731
    p(
        "**Packaged lists** (whole / straddled): terms in the lexicon, the indicator names "
        "or the gazetteer's division names, and terms in none of them"
    )
    p("")
    rows = []
    for tname, per in labels.items():
        allv = [
            (x, t) for key, v in per.items() for x, t in zip(v, _terms_of(occs[key][0], sets, key))
        ]
        inp = [x[0] for x, t in allv if t in packaged or is_place(t)]
        outp = [x[0] for x, t in allv if not (t in packaged or is_place(t))]
        a, b = _wholeness_rows("", inp), _wholeness_rows("", outp)
        rows.append([tname, f"{a[2]} / {a[3]} (n={a[1]})", f"{b[2]} / {b[3]} (n={b[1]})"])
    p(_table(["tokenizer", "in a packaged list", "in none"], rows))
    p("")
    p("**Per report** (whole / straddled)")
    p("")
    rows = []
    for key, *_ in sets:
        r = [key, len(occs[key][0])]
        for tname in labels:
            lab = [x[0] for x in labels[tname][key]]
            rr = _wholeness_rows(tname, lab)
            r.append(f"{rr[2]} / {rr[3]}")
        rows.append(r)
    p(_table(["set", "occurrences"] + list(labels), rows))
    p("")
    p("**Per category** (whole / straddled; all sets)")
    p("")
    rows = []
    for cat in sorted(cats_all):
        n = sum(1 for x in next(iter(labels.values())).values() for y in x if y[1] == cat)
        r = [cat, n]
        for tname, per in labels.items():
            lab = [y[0] for x in per.values() for y in x if y[1] == cat]
            rr = _wholeness_rows(tname, lab)
            r.append(f"{rr[2]} / {rr[3]}")
        rows.append(r)
    p(_table(["category", "occurrences"] + list(labels), rows))
    p("")
    p("**Per report and category** (whole / straddled)")
    p("")
    rows = []
    for key, *_ in sets:
        for cat in sorted(cats_all):
            n = sum(1 for y in labels["jieba (plain)"][key] if y[1] == cat)
            if not n:
                continue
            r = [key, cat, n]
            for tname, per in labels.items():
                rr = _wholeness_rows(tname, [y[0] for y in per[key] if y[1] == cat])
                r.append(f"{rr[2]} / {rr[3]}")
            rows.append(r)
    p(_table(["set", "category", "occurrences"] + list(labels), rows))
    p("")

    # ---- keywords and networks
    analysed = {"PolicyTokenizer()": default}
    if fitted is not None:
        analysed["PolicyTokenizer().fit(corpus)"] = fitted
    p(f"### Keywords (top {TOP_KEYWORDS} of `gt.keywords(report)`, genre idf)")
    p("")
    kw_rows = []
    net_rows = []
    for key, report, _, terms in sets:
        kr = [key]
        nr = [key]
        for tok in analysed.values():
            kw = gt.keywords(report, top=TOP_KEYWORDS, tokenizer=tok)
            words = list(kw["term"])
            kr.append(
                f"{sum(w in terms for w in words)} / {sum(w in generic_set for w in words)}"
                f" (of {len(words)})"
            )
            g = gt.cooccurrence_graph(report, tokenizer=tok)
            nodes = list(g.nodes)
            n_term = sum(v in terms for v in nodes)
            nr.append(
                f"{len(nodes)} / {_pct(n_term, len(nodes))} / {sum(v in generic_set for v in nodes)}"
            )
        kw_rows.append(kr)
        net_rows.append(nr)
    p("annotated terms / generic words among the top 20 (precision = annotated / 20)")
    p("")
    p(_table(["set"] + list(analysed), kw_rows))
    p("")
    p("### Networks (`gt.cooccurrence_graph(report)`, defaults)")
    p("")
    p("nodes / share of nodes that are annotated terms / generic words among the nodes")
    p("")
    p(_table(["set"] + list(analysed), net_rows))
    p("")
    p(
        f"### Generic words ({N_GENERIC} highest document frequency of "
        f"`PolicyTokenizer().tokenize` over the {len(corpus)} reports of `{corpus_dir}`)"
    )
    p("")
    p(" ".join(f"{w}({df[w]})" for w in generic))
    p("")
    p(f"Run time: {time.perf_counter() - t_start:.0f} s.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
