"""How far can joining tokens lift term wholeness, and what does it cost on general text?

Usage::

    python benchmarks/wholeness_tradeoff.py SIGHAN_DIR [--corpus CORPUS_DIR] [--data BLIND_DIR]

Issue 14 asks for two things of one tokenizer: at least 0.90 of annotated term
occurrences whole with at most 0.02 cut across (``terms_blind_eval.py``), and a word F1
of at least 0.81 on the SIGHAN 2005 PKU test in the default mode (``sighan_f1.py``).
The annotated terms are mostly compositional noun phrases (居民人均可支配收入, 湿地保护,
农村环境综合整治) that a word segmenter splits. This script joins the tokens of
``PolicyTokenizer().cut`` after the fact, in increasingly greedy ways, and prints for each
way the wholeness and straddling on the blind sets (counts only, never terms) and the PKU
F1 of the same joining applied to the PKU test:

* ``policy head``: nominal pieces (jieba tags n, nz, vn, ns, nt, j, or a term type) before
  a policy head of :data:`govtext.tokenize.compose.POLICY_HEADS` (人才|工程 → 人才工程),
  at most three pieces before it;
* ``nominal runs ≤ L``: every run of two or more nominal pieces (tags n, nz, ns, nt, vn,
  plus an, j, ng, b in the wider set) joined when it has at most L characters;
* ``+ verbs``: the same with verbs (v) counted as nominal;
* ``+ verbs, adjectives, adverbs``: nearly every run between function words and
  punctuation.

None of these is what govtext does; they bound what a rule layer on top of the word cut
can reach. SIGHAN data are research-use only: pass their folder, never copy them here.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sighan_f1  # noqa: E402
import terms_blind_eval as tb  # noqa: E402

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_TERM_TYPES = frozenset({"policy", "place", "organisation", "indicator", "facility"})
NARROW = frozenset({"n", "nz", "ns", "nt", "vn"})
WIDE = NARROW | {"an", "j", "ng", "b"}


def nominal_test(tok: object, tags: dict[str, str], allowed: frozenset[str]) -> Callable:
    """A test for pieces that may join: Han pieces of a term type or an allowed tag."""
    cache: dict[str, bool] = {}

    def ok(piece: str) -> bool:
        got = cache.get(piece)
        if got is None:
            if not _HAN.match(piece):
                got = False
            elif tok.token_type(piece) in _TERM_TYPES:  # type: ignore[attr-defined]
                got = True
            else:
                tag = tags.get(piece)
                got = len(piece) >= 2 if tag is None else tag in allowed
            cache[piece] = got
        return got

    return ok


def join_runs(pieces: list[str], ok: Callable, max_len: int) -> list[str]:
    """Join every run of two or more ``ok`` pieces of at most ``max_len`` characters."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 and sum(map(len, run)) <= max_len:
            out.append("".join(run))
        else:
            out.extend(run)
        run.clear()

    for p in pieces:
        if ok(p):
            run.append(p)
        else:
            flush()
            out.append(p)
    flush()
    return out


def join_heads(pieces: list[str], ok: Callable, heads: frozenset[str], max_len: int) -> list[str]:
    """Join up to three ``ok`` pieces before a policy head with it."""
    out: list[str] = []
    for p in pieces:
        if p in heads and out and ok(out[-1]):
            k = len(out)
            while (
                k > 0
                and ok(out[k - 1])
                and len(out) - k < 3
                and sum(map(len, out[k - 1 :])) + len(p) <= max_len
            ):
                k -= 1
            out[k:] = ["".join(out[k:]) + p]
        else:
            out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sighan", help="folder with pku_test.utf8 and pku_test_gold.utf8")
    ap.add_argument("--corpus", default=None, help="folder of reports holding set texts")
    ap.add_argument("--data", default=str(tb.DEFAULT_DATA), help="folder of blind sets")
    args = ap.parse_args(argv)
    pku = sighan_f1.read_gold(Path(args.sighan))
    if pku is None:
        return 1
    import jieba

    import govtext as gt
    from govtext.tokenize.compose import POLICY_HEADS
    from govtext.tokenize.kinds import pos_table

    jieba.setLogLevel(logging.WARNING)
    corpus_dir = Path(args.corpus) if args.corpus else Path(gt.datasets.sample_path())
    data = Path(args.data)
    sets = []
    for tsv in sorted(data.glob("[a-z]_*.tsv")):
        src = tb.set_source(tsv.stem[2:], corpus_dir, data)
        if src is None:
            continue
        text = gt.normalize(src.read_text(encoding="utf-8"))
        terms = list(tb.read_terms(tsv, gt.normalize))
        sets.append((text, tb.leftmost_longest(text, terms), tb.all_occurrences(text, terms)))
    if not sets:
        print(f"no blind set has its text in {corpus_dir} or {data / 'texts'}", file=sys.stderr)
        return 1
    gold = pku[1]
    pku_text = ["".join(g) for g in gold]

    tok = gt.PolicyTokenizer()
    tags = pos_table(tok.engine)
    cuts = [tok.cut(text) for text, _, _ in sets]
    pku_cuts = [tok.cut(s) for s in pku_text]
    heads = frozenset(POLICY_HEADS)
    ways: list[tuple[str, Callable[[list[str]], list[str]]]] = [("none (PolicyTokenizer())", list)]
    narrow = nominal_test(tok, tags, NARROW | {"j"})
    ways.append(("policy head, ≤ 12 chars", lambda p: join_heads(p, narrow, heads, 12)))
    for name, allowed in (
        ("nominal runs (n nz ns nt vn)", NARROW),
        ("nominal runs, wider (+ an j ng b)", WIDE),
        ("+ verbs", NARROW | {"v"}),
        ("+ verbs, adjectives, adverbs", WIDE | {"v", "a", "d"}),
    ):
        ok = nominal_test(tok, tags, frozenset(allowed))
        for max_len in (8, 16):
            ways.append(
                (f"{name}, ≤ {max_len} chars", lambda p, o=ok, m=max_len: join_runs(p, o, m))
            )

    print(f"Blind sets: {len(sets)} reports, {sum(len(o) for _, o, _ in sets)} occurrences")
    print("SIGHAN 2005 PKU test, word F1 on normalised text (govtext default: `sighan_f1.py`)\n")
    print("| joining | whole | straddled | PKU F1 |")
    print("| --- | --- | --- | --- |")
    for name, way in ways:
        n = whole = straddled = 0
        for (text, occ, allocc), pieces in zip(sets, cuts):
            labels = tb.classify(occ, allocc, way(pieces), text)
            n += len(labels)
            whole += sum(w for w, _ in labels)
            straddled += sum(e == "straddled" for _, e in labels)
        _, _, f1 = sighan_f1.prf([way(p) for p in pku_cuts], gold)
        print(f"| {name} | {whole / n:.3f} | {straddled / n:.3f} | {f1:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
