"""Where the time of ``PolicyTokenizer(backend="rjieba").cut`` goes, stage by stage.

Usage::

    python benchmarks/tokenize_parts.py [CORPUS_DIR] [--repeat 3]

Each stage of ``cut`` is timed on its own over every report of the corpus (CPU seconds of
this process, the median of ``--repeat`` rounds, so the table holds on a shared machine),
and shown as a multiple of plain ``rjieba.cut`` on the normalised texts (the issue-17
yardstick: ``cut`` must take at most 2x of it). The stages are run on the inputs ``cut``
hands them (the normalised text, its protected spans, the engine's pieces), so they add up
to ``cut`` up to the small glue between them (the last row).

``--in-flow`` adds a second table: the same stages timed *inside* one pass of ``cut``
(a copy of ``PolicyTokenizer.cut_normalized`` with a clock between its steps, checked to
give the same pieces), where the engine's pieces are fresh strings (compose hashes each
one) and the rules' Python work runs between engine calls; and a floor: the C-level scans
alone (every regex pass of the rules drained, the ``str.find`` of the quoted terms, the
normalisation), which no rewrite of the Python around them removes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _cpu(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def _prepared(folder: str | Path) -> tuple[list[str], object, list[str]]:
    """The reports of ``folder``, a warmed rjieba-backed tokenizer and the normalised texts."""
    import govtext as gt
    from govtext.tokenize.prenorm import normalize_for_cut

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    tok = gt.PolicyTokenizer(backend="rjieba")
    tok.cut("预热")
    return texts, tok, [normalize_for_cut(t, simplify=tok.simplify) for t in texts]


def measure(folder: str | Path, repeat: int = 3) -> list[tuple[str, float]]:
    """``[(stage, median CPU seconds)]`` over the reports of ``folder``.

    Examples
    --------
    >>> rows = measure("../shared/corpus", repeat=1)  # doctest: +SKIP
    >>> rows[0][0]
    'rjieba.cut (normalised text)'
    """
    import rjieba

    from govtext.tokenize import places, rules
    from govtext.tokenize.compose import compose
    from govtext.tokenize.policy import _SENTINEL, _with_sentinels
    from govtext.tokenize.prenorm import normalize_for_cut
    from govtext.tokenize.rules import is_number_token

    texts, tok, norm = _prepared(folder)
    spans = [tok._rule_spans(x) for x in norm]
    sent = [_with_sentinels(x, s) for x, s in zip(norm, spans)]
    engine = tok.engine
    fast = tok._fast

    def engine_cut() -> list[list[str]]:
        from govtext.tokenize.engines import segment

        return [segment(engine, fast, x, tok.hmm) for x in sent]

    raw_pieces = engine_cut()
    names = tok._names

    def quoted(x: str) -> set[str]:  # as rules._rule_spans
        return {
            q
            for q in set(rules._QUOTED_SCAN.findall(x))
            if rules._good_quote(q) and (q in names or not rules._glued(q, names))
        }

    qs = [quoted(x) for x in norm]

    def restore() -> list[list[str]]:
        out = []
        for x, sp, pcs in zip(norm, spans, raw_pieces):
            pieces = list(pcs)
            at = -1
            for s, e, _ in sp:
                at = pieces.index(_SENTINEL, at + 1)
                pieces[at] = x[s:e]
            out.append(pieces)
        return out

    restored = restore()
    divisions, short = places._divisions()[0], places.place_short_forms()
    table = tok._type_table

    def composing() -> None:
        for x, sp, pieces in zip(norm, spans, restored):
            maybe = {x[s:e] for s, e, num in sp if not num}
            kept = {p for p in maybe if not is_number_token(p)}
            compose(
                pieces,
                lambda p, kept=kept: (
                    p in kept or p in names or p in table or p in divisions or p in short
                ),
                lambda p: p not in names and p not in table and places.is_place(p),
                (kept, names, table, divisions, short),
            )

    def all_rules(x: str) -> Any:
        return tok._rule_spans(x)

    stages: list[tuple[str, Callable[[], Any]]] = [
        ("rjieba.cut (normalised text)", lambda: [rjieba.cut(x) for x in norm]),
        ("PolicyTokenizer.cut (all)", lambda: [tok.cut(t) for t in texts]),
        ("normalize_for_cut", lambda: [normalize_for_cut(t, simplify=tok.simplify) for t in texts]),
        ("protected spans, all rules", lambda: [all_rules(x) for x in norm]),
        ("  place names (place_spans)", lambda: [places.place_spans(x) for x in norm]),
        ("  quoted terms: scan + filter", lambda: [quoted(x) for x in norm]),
        (
            "  quoted terms: occurrences",
            lambda: [rules._occurrences(x, q) for x, q in zip(norm, qs)],
        ),
        (
            "  special terms (anchored)",
            lambda: [rules._anchored_finditer(tok._special, tok._anchors, x) for x in norm],
        ),
        ("  numbers (_NUMBER_SCAN)", lambda: [list(rules._NUMBER_SCAN.finditer(x)) for x in norm]),
        ("  formulas", lambda: [rules._formulas(x) for x in norm]),
        ("spans -> sentinels", lambda: [_with_sentinels(x, s) for x, s in zip(norm, spans)]),
        ("engine on the sentinel text", engine_cut),
        ("sentinels -> spans", restore),
        ("compose (+ term sets)", composing),
    ]
    return [(name, _cpu(fn, repeat)) for name, fn in stages]


def in_flow(folder: str | Path, repeat: int = 3) -> list[tuple[str, float]]:
    """``[(step, median CPU seconds)]`` of the steps of ``cut`` timed inside one pass.

    Examples
    --------
    >>> rows = in_flow("../shared/corpus", repeat=1)  # doctest: +SKIP
    >>> rows[0][0]
    'rjieba.cut (normalised text)'
    """
    from collections import deque

    import rjieba

    from govtext.tokenize import places, rules
    from govtext.tokenize.compose import compose
    from govtext.tokenize.policy import _SENTINEL, _with_sentinels, is_place_piece
    from govtext.tokenize.prenorm import normalize_for_cut

    texts, tok, norm = _prepared(folder)
    names, table = tok._names, tok._type_table
    divisions, short = places._divisions()[0], places.place_short_forms()
    clock = time.process_time

    def one(x: str, acc: dict[str, float]) -> list[str]:  # policy.cut_normalized, clocked
        t0 = clock()
        spans = tok._rule_spans(x)
        t1 = clock()
        protected = [x[s:e] for s, e, _ in spans]
        sent = _with_sentinels(x, spans)
        t2 = clock()
        pieces = tok._jieba_cut(sent)
        t3 = clock()
        at = -1
        for piece in protected:
            at = pieces.index(_SENTINEL, at + 1)
            pieces[at] = piece
        maybe = {p for p, (_, _, num) in zip(protected, spans) if not num}
        kept = {p for p in maybe if not rules.is_number_token(p)}
        t4 = clock()
        out = compose(
            pieces,
            lambda p: p in kept or p in names or p in table or p in divisions or p in short,
            lambda p: p not in names and p not in table and is_place_piece(p, kept),
            (kept, names, table, divisions, short),
        )
        t5 = clock()
        for k, d in (("spans", t1 - t0), ("sent", t2 - t1), ("engine", t3 - t2)):
            acc[k] += d
        acc["back"] += t4 - t3
        acc["compose"] += t5 - t4
        return out

    check = {"spans": 0.0, "sent": 0.0, "engine": 0.0, "back": 0.0, "compose": 0.0}
    assert [one(x, check) for x in norm] == [tok.cut(t) for t in texts], "copy out of date"
    rounds: list[dict[str, float]] = []
    for _ in range(repeat):
        acc = dict.fromkeys(check, 0.0)
        t0 = clock()
        for t in texts:
            one(normalize_for_cut(t, simplify=tok.simplify), acc)
        acc["all"] = clock() - t0
        t0 = clock()
        for t in texts:
            normalize_for_cut(t, simplify=tok.simplify)
        acc["norm"] = clock() - t0
        t0 = clock()
        for x in norm:
            rjieba.cut(x)
        acc["rjieba"] = clock() - t0
        rounds.append(acc)

    quoted = [{q for q in set(rules._QUOTED_SCAN.findall(x)) if rules._good_quote(q)} for x in norm]
    scans = [
        rules._NUMBER_SCAN,
        rules._PLUS_SCAN,
        rules._FORMULA_SCAN,
        rules._QUOTED_SCAN,
        tok._anchors[0] if tok._anchors else rules._QUOTED_SCAN,
        places._suffix_ends(),
        places._VILLAGE_SUFFIX,
    ]
    if places._SHORT_FACILITY is not None:
        scans.append(places._SHORT_FACILITY)

    def floor() -> None:
        for x, qs in zip(norm, quoted):
            for rx in scans:
                deque(rx.finditer(x), 0)
            for q in qs:
                find = x.find
                i = find(q)
                while i >= 0:
                    i = find(q, i + 1)

    floor_s = _cpu(floor, repeat)

    def med(k: str) -> float:
        return statistics.median(r[k] for r in rounds)

    return [
        ("rjieba.cut (normalised text)", med("rjieba")),
        ("normalize_for_cut + cut_normalized", med("all")),
        ("normalize_for_cut", med("norm")),
        ("protected spans (_rule_spans)", med("spans")),
        ("spans -> sentinels", med("sent")),
        ("engine (segment) on the sentinel text", med("engine")),
        ("sentinels -> spans, kept terms", med("back")),
        ("compose (fresh pieces)", med("compose")),
        ("floor: the rules' C-level scans alone", floor_s),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--in-flow", action="store_true", help="also time the steps inside cut")
    args = ap.parse_args(argv)
    import os

    rows = measure(args.corpus, args.repeat)
    base = rows[0][1]
    print(f"load average before: {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'stage':34s} {'cpu s':>7s} {'x rjieba':>9s}")
    for name, sec in rows:
        print(f"{name:34s} {sec:7.3f} {sec / base:9.2f}")
    top = [sec for name, sec in rows[2:] if not name.startswith("  ")]
    print(
        f"{'glue (all - stages)':34s} {rows[1][1] - sum(top):7.3f} "
        f"{(rows[1][1] - sum(top)) / base:9.2f}"
    )
    print(f"ratio rjieba / cut: {base / rows[1][1]:.3f}")
    if args.in_flow:
        flow = in_flow(args.corpus, args.repeat)
        base = flow[0][1]
        print(f"\n{'step inside cut':40s} {'cpu s':>7s} {'x rjieba':>9s}")
        for name, sec in flow:
            print(f"{name:40s} {sec:7.3f} {sec / base:9.2f}")
        print(f"ratio rjieba / cut (this table): {base / flow[1][1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
