"""The compact memo of a primed tokenizer: same pieces as cutting afresh, ids not strings."""

import govtext as gt
from govtext.features import tokens as tokens_mod
from govtext.features.tokens import CompactMemo, primed_tokenizer


def test_compact_memo_round_trip_shares_strings():
    m = CompactMemo()
    m["a"] = ["推进", "乡村振兴", "。"]
    m["b"] = ["乡村振兴", "推进"]
    m["c"] = []
    m["d"] = ["一"]
    assert m["a"] == ("推进", "乡村振兴", "。") and m.get("b") == ("乡村振兴", "推进")
    assert m.get("c") == () and m.get("d") == ("一",) and m.get("x", 0) == 0
    assert m["a"][1] is m["b"][0]  # one str per distinct piece
    assert len(m) == 4 and "a" in m and "x" not in m and sorted(m) == ["a", "b", "c", "d"]
    assert m.nbytes() == 4 * 6
    m.clear()
    assert len(m) == 0 and m.get("a") is None


def test_primed_tokenizer_blocks_give_the_same_pieces(monkeypatch):
    corpus = gt.datasets.load_sample()
    texts = corpus.texts[:9]
    monkeypatch.setattr(tokens_mod, "PRIME_BLOCK", 2)  # several rounds of workers
    tok = primed_tokenizer(texts, n_jobs=2)
    plain = gt.PolicyTokenizer()
    assert isinstance(tok._memo, CompactMemo) and len(tok._memo) == len(set(texts))
    for t in texts:
        assert tok.cut(t) == plain.cut(t)
        assert tok.tokenize(t) == plain.tokenize(t)


def test_primed_tokenizer_in_process_fills_the_compact_memo():
    texts = ["推进乡村振兴。", "优化营商环境，推进乡村振兴。"]
    tok = primed_tokenizer(texts)
    assert isinstance(tok._memo, CompactMemo) and len(tok._memo) == 2
    assert tok.cut(texts[1]) == gt.PolicyTokenizer().cut(texts[1])
