"""``PolicyTokenizer(backend="rjieba")`` gives exactly the pieces of the jieba backend.

The hand-written strings reproduce the places where jieba-rs departed from jieba on the
reference corpus (see the notes above ``_FastEngine`` in govtext/tokenize/policy.py); each of them
was cut differently by the two backends before the fix.
"""

from __future__ import annotations

import random
import sys

import pytest

import govtext as gt
from govtext import MissingExtraError, PolicyTokenizer


@pytest.fixture(scope="module")
def pairs() -> dict[str, tuple[PolicyTokenizer, PolicyTokenizer]]:
    out = {}
    for name, kw in {"policy": {}, "fine": {"mode": "fine"}, "no_hmm": {"hmm": False}}.items():
        out[name] = (PolicyTokenizer(**kw), PolicyTokenizer(backend="rjieba", **kw))
    return out


def test_same_pieces_on_the_whole_bundled_sample(pairs):
    slow, fast = pairs["policy"]
    sample = gt.datasets.load_sample()
    for r in sample:
        assert fast.cut(r.text) == slow.cut(r.text), r.name


def test_same_pieces_on_the_bundled_sample_in_fine_mode_without_hmm():
    slow = PolicyTokenizer(mode="fine", hmm=False)
    fast = PolicyTokenizer(mode="fine", hmm=False, backend="rjieba")
    for r in list(gt.datasets.load_sample())[:10]:
        assert fast.cut(r.text) == slow.cut(r.text), r.name


# jieba adds every added word's frequency to its total (even for a word already in the
# dictionary); jieba-rs replaced the old frequency. The smaller total flipped near-ties.
TOTAL_CASES = [
    ("夏粮减产一成以上。", "一成"),  # 1980 national report: jieba 一成, jieba-rs 一|成
    ("汲取蓝天立等案件的沉痛教训", "立等"),  # 2026 Guangxi: jieba 立等, jieba-rs 立|等
    ("全国有县卫生院三百零九所，", "九所"),  # 1954 national: jieba 零|九所, jieba-rs 零九所
]

# jieba's HMM splits letters/digits with [a-zA-Z0-9]+(?:\.\d+)?%?; jieba-rs joined them
# across - _ . (U-Key, AR-E, M_M); and jieba-rs took CJK-extension characters into Han
# blocks, where jieba yields each alone.
BLOCK_CASES = [
    "免费税务U-Key以及",  # 2022 Dingxing county
    "垂直起降飞行器AR-E3000成功首飞",  # 2026 Jiangxi
    "增长13.3_M_M_；",  # 2008 Shunping county (a conversion artefact)
    "版本1.2.3和a.b.c以及x-y.5%z",
    "䶮䶮、𠮷𠮷、鿖鿗与㐀㐁",
    "a-b䶮c",
]


@pytest.mark.parametrize(("text", "piece"), TOTAL_CASES)
def test_dictionary_total_is_the_same_in_both_engines(pairs, text, piece):
    slow, fast = pairs["policy"]
    assert piece in slow.cut(text)  # what jieba does with the policy lexicon
    assert fast.cut(text) == slow.cut(text)


@pytest.mark.parametrize("text", BLOCK_CASES)
@pytest.mark.parametrize("kind", ["policy", "fine", "no_hmm"])
def test_blocks_where_jieba_rs_differs_are_cut_like_jieba(pairs, kind, text):
    slow, fast = pairs[kind]
    assert fast.cut(text) == slow.cut(text)
    assert "".join(fast.cut(text)) == gt.normalize(text)


def test_letters_around_a_hyphen_stay_apart_as_in_jieba(pairs):
    fast = pairs["policy"][1]
    assert fast.cut("免费税务U-Key以及")[2:5] == ["U", "-", "Key"]
    assert "M_M" not in fast.cut("增长13.3_M_M_；")


def test_words_added_after_the_first_cut_keep_the_totals_equal():
    # re-adding a word that is in the dictionary grows jieba's total by its whole
    # frequency but jieba-rs's only by the difference: the pad must follow
    slow, fast = PolicyTokenizer(mode="fine"), PolicyTokenizer(mode="fine", backend="rjieba")
    text = "夏粮减产一成以上，汲取蓝天立等案件的教训"
    assert fast.cut(text) == slow.cut(text)
    for tok in (slow, fast):
        for _ in range(10):  # jieba's total: +10 M; jieba-rs's own: +0.7 M
            tok.add_words(["的"], freq=1_000_000)
        tok.add_words(["闸口力量"])
    assert slow.cut(text) != PolicyTokenizer(mode="fine").cut(text)  # the change matters
    assert fast.cut(text) == slow.cut(text)
    assert "闸口力量" in fast.cut("体现了闸口力量")


def test_random_mixtures_of_han_latin_digits_and_symbols(pairs):
    rng = random.Random(8)
    alphabet = list(
        "推进乡村振兴一成立等零九所税务以及蓝天AaBbMkUE0123456789-_.+#&%  \n，。、（）“”"
    )
    alphabet += ["䶮", "鿖", "𠮷", "\u3000", "Ⅱ", "—", "\r\n", "4.7亿元", "十四五"]
    for _ in range(1500):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        for slow, fast in pairs.values():
            assert fast.cut(s) == slow.cut(s), s


def test_a_frequency_jieba_rs_cannot_mirror_falls_back_to_jieba():
    import rjieba

    from govtext.tokenize.engines import _FastEngine

    eng = _FastEngine(rjieba, {"乡村": 10, "乡": 0, "振兴": 5})
    assert eng.exact
    eng.add_word("乡村振兴", 100, None)
    eng.align(10 + 5 + 100 + 7)
    assert eng.exact and eng._pad == 7
    eng.add_word("乡村", 0, None)  # jieba: force-split, which jieba-rs has not
    assert not eng.exact


def test_missing_rjieba_names_the_fast_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba -> ImportError
    with pytest.raises(MissingExtraError, match=r"govtext\[fast\]") as err:
        PolicyTokenizer(backend="rjieba")
    assert "rjieba" in str(err.value)
    assert isinstance(err.value, ImportError)
    assert PolicyTokenizer().cut("推进乡村振兴") == ["推进", "乡村振兴"]  # jieba still works


def test_auto_backend_is_rjieba_when_installed_else_jieba(monkeypatch):
    assert PolicyTokenizer(backend="auto").backend == "rjieba"  # rjieba: test extra
    monkeypatch.setitem(sys.modules, "rjieba", None)  # as if not installed
    tok = PolicyTokenizer(backend="auto")
    assert tok.backend == "jieba"
    assert tok.cut("推进乡村振兴") == ["推进", "乡村振兴"]


def test_report_tokenizer_defaults_to_auto(sample, tmp_path, monkeypatch):
    import govtext as gt
    from govtext.report import context

    seen = []

    def spy(cls, corpus, out, **kw):
        seen.append(kw["tokenizer"])
        raise RuntimeError("stop here")

    monkeypatch.setattr(context.ReportContext, "create", classmethod(spy))
    with pytest.raises(Exception, match="stop here"):
        gt.build_report(sample, tmp_path / "out", progress=False, cache_dir=False)
    assert [t.backend for t in seen] == ["rjieba"]
