"""PolicyTokenizer: lossless cut, policy terms whole, rules, isolation, threads, pickling."""

from __future__ import annotations

import pickle
import threading

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.errors import InputError
from govtext.tokenize.policy import PolicyTokenizer
from govtext.tokenize.rules import is_number_token


@pytest.fixture(scope="module")
def tok() -> PolicyTokenizer:
    return PolicyTokenizer()


@pytest.fixture(scope="module")
def sample():
    return gt.datasets.load_sample()


def test_cut_is_lossless_on_real_reports(tok, sample):
    for r in list(sample)[:6]:
        assert "".join(tok.cut(r.text)) == gt.normalize(r.text)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("乡村振兴“”（）4.7亿元%％ 　\n、，十四五两个维护abc１２")),
        max_size=40,
    )
)
def test_cut_is_lossless_on_hostile_strings(tok, s):
    assert "".join(tok.cut(s)) == gt.normalize(s)


@pytest.mark.parametrize(
    "text, piece",
    [
        ("全面推进乡村振兴", "乡村振兴"),
        ("加快发展新质生产力", "新质生产力"),
        ("持续优化营商环境", "营商环境"),
        ("推动高质量发展", "高质量发展"),
        ("实现碳达峰碳中和", "碳达峰"),
        ("培育专精特新企业", "专精特新"),
        ("深化放管服改革", "放管服"),
        ("做到两个维护", "两个维护"),
        ("一般公共预算收入增长5%", "一般公共预算收入"),
        ("全面推行河（湖）长制", "河（湖）长制"),
    ],
)
def test_policy_terms_stay_whole(tok, text, piece):
    # whole: a piece of its own, or the core of a composed piece (放管服 in 放管服改革)
    pieces = tok.cut(text)
    assert piece in pieces or any(piece in tok.cores(p) for p in pieces), pieces


@pytest.mark.parametrize(
    "text, piece",
    [
        ("税收完成4.7亿元", "4.7亿元"),
        ("增长7%左右", "7%"),
        ("接待游客463万人次", "463万人次"),
        ("增长７．５％", "7.5%"),
        ("深刻领悟两个确立", "两个确立"),
        ("增强四个意识", "四个意识"),
        ("打好用好“三张好牌”", "三张好牌"),
        ("做好六稳六保工作", "六稳六保"),
        ("十四五规划", "十四五"),
        ("学习贯彻二十届三中全会精神", "二十届三中全会"),
    ],
)
def test_rules_keep_numbers_and_formulas_whole(tok, text, piece):
    assert piece in tok.cut(text)


def test_numbers_do_not_swallow_neighbours(tok):
    pieces = tok.cut("2023年全县生产总值增长5.5%，达到120亿元。")
    assert "5.5%" in pieces and "120亿元" in pieces
    assert not any(p.startswith("5.5%") and len(p) > 4 for p in pieces)


def test_quoted_term_defined_once_is_reused_in_the_same_text(tok):
    text = "实施“闸口速度”行动。以闸口速度推进项目。"
    assert tok.cut(text).count("闸口速度") == 2
    assert "闸口速度" not in tok.cut("以闸口速度推进项目。")  # not leaked to other texts


def test_tokenize_filters(tok):
    out = tok.tokenize("我们要坚持推进高质量发展，完成7%的目标。")
    assert "高质量发展" in out
    for w in ("我们", "坚持", "推进", "的", "7%", "，"):
        assert w not in out
    keep = PolicyTokenizer(boilerplate=False, keep_numbers=True).tokenize("坚持推进增长7%")
    assert "坚持" in keep and "7%" in keep


def test_extra_stopwords_and_canonical():
    tok = PolicyTokenizer(extra_stopwords=["税收"])
    assert "税收" not in tok.tokenize("税收增长")
    assert "河湖长制" in PolicyTokenizer().tokenize("全面推行河（湖）长制")
    assert "河（湖）长制" in PolicyTokenizer(canonical=False).tokenize("全面推行河（湖）长制")


def test_is_number_token():
    assert is_number_token("4.7亿元") and is_number_token("7%") and is_number_token("2023")
    assert not is_number_token("乡村振兴") and not is_number_token("十四五")


def test_private_dictionary_does_not_leak():
    before = jieba.lcut("闸口速度很快")
    a = PolicyTokenizer().add_words(["闸口速度"])
    b = PolicyTokenizer()
    assert "闸口速度" in a.cut("闸口速度很快")
    assert "闸口速度" not in b.cut("闸口速度很快")
    assert jieba.lcut("闸口速度很快") == before
    assert "新质生产力" not in jieba.lcut("发展新质生产力")


def test_fine_mode_keeps_jieba_granularity():
    fine = PolicyTokenizer(mode="fine")
    plain = jieba.Tokenizer()
    for s in ("全面推进乡村振兴战略", "增长4.7亿元", "做到两个维护"):
        assert fine.cut(s) == plain.lcut(gt.normalize(s))


def test_threads_give_the_same_tokens(sample):
    texts = [r.text for r in list(sample)[:8]]
    tok = PolicyTokenizer()
    expected = [tok.cut(t) for t in texts]
    fresh = PolicyTokenizer()
    results: dict[int, list[list[str]]] = {}

    def work(i: int) -> None:
        results[i] = [fresh.cut(t) for t in texts]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(results[i] == expected for i in range(4))


def test_pickle_round_trip_and_config_hash():
    tok = PolicyTokenizer().add_words(["闸口速度"])
    tok2 = pickle.loads(pickle.dumps(tok))
    assert tok2.cut("体现闸口速度") == tok.cut("体现闸口速度")
    assert tok2.config_hash == tok.config_hash
    assert PolicyTokenizer().config_hash != tok.config_hash
    assert PolicyTokenizer(mode="fine").config_hash != PolicyTokenizer().config_hash


def test_spans_point_into_the_original_text(tok):
    text = "增长７％，达４.７亿元"
    for piece, s, e in tok.spans(text):
        assert gt.normalize(text[s:e]) == piece


def test_load_userdict(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("闸口力量 5 n\n\n三区一城\n", encoding="utf-8")
    tok = PolicyTokenizer().load_userdict(p)
    assert "闸口力量" in tok.cut("体现了闸口力量") and "三区一城" in tok.cut("建设三区一城")
    bad = tmp_path / "bad.txt"
    bad.write_text("词 x\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt"):
        PolicyTokenizer().load_userdict(bad)


def test_bad_arguments_raise_govtext_errors(tmp_path):
    with pytest.raises(InputError, match="mode"):
        PolicyTokenizer(mode="coarse")
    with pytest.raises(InputError, match="nope.txt"):
        PolicyTokenizer(userdict=tmp_path / "nope.txt")


def test_fit_keeps_discovered_phrases_whole():
    texts = ["今年实施桃溪锦带工程，桃溪锦带初见成效。"] * 3 + [
        "推进桃溪锦带建设，打造桃溪锦带样板。"
    ] * 3
    plain = PolicyTokenizer()
    assert "桃溪锦带" not in plain.cut("加快桃溪锦带建设")
    tok = PolicyTokenizer().fit(texts, min_count=3, min_doc_freq=2, min_entropy=0.5, min_pmi=1.0)
    assert "桃溪锦带" in tok.discovered_
    assert "桃溪锦带" in tok.cut("加快桃溪锦带，")
    # a fitted term is a modifier for policy heads: the long form is the token, the term its core
    assert tok.cut("加快桃溪锦带建设") == ["加快", "桃溪锦带建设"]
    assert tok.cores("桃溪锦带建设") == ["桃溪锦带"]


def test_rjieba_backend_matches_jieba_and_is_private(sample):
    import rjieba

    fast = PolicyTokenizer(backend="rjieba").add_words(["闸口力量"])
    slow = PolicyTokenizer().add_words(["闸口力量"])
    for r in list(sample)[:3]:
        a, b = slow.cut(r.text), fast.cut(r.text)
        assert "".join(b) == gt.normalize(r.text)
        assert _ends(a) == _ends(b)
    assert "闸口力量" in fast.cut("体现了闸口力量")
    assert "闸口力量" not in rjieba.cut("体现了闸口力量")
    assert "闸口力量" not in PolicyTokenizer(backend="rjieba").cut("体现了闸口力量")
    assert fast.config_hash == slow.config_hash  # the same tokens: one token cache


def _ends(pieces: list[str]) -> list[int]:
    out, pos = [], 0
    for p in pieces:
        pos += len(p)
        out.append(pos)
    return out


def test_memoized_copy_gives_the_same_pieces_and_leaves_the_original_alone():
    base = PolicyTokenizer()
    tok = base.memoized()
    text = "体现了闸口速度，推进乡村振兴"
    assert tok.cut(text) == base.cut(text)
    assert text in tok._memo and base._memo is None
    tok.add_words(["闸口速度"])  # the memo is forgotten, the original keeps its dictionary
    assert "闸口速度" in tok.cut(text)
    assert "闸口速度" not in base.cut(text)
    assert tok.config_hash != base.config_hash


def test_special_terms_are_found_where_a_plain_regex_scan_finds_them(sample):
    from govtext.tokenize.rules import _anchored_finditer

    tok = PolicyTokenizer().add_words(["AB-12工程", "一带、一路", "2+N模式"])
    assert tok.engine is not None  # builds the special-term rule
    texts = [gt.normalize(r.text) for r in sample]
    texts.append("推进AB-12工程、一带、一路和2+N模式，AB-12工程；12+N模式2+N模式")
    for t in texts:
        plain = [m.span() for m in tok._special.finditer(t)]
        assert _anchored_finditer(tok._special, tok._anchors, t) == plain
    assert tok.cut(texts[-1])[1] == "AB-12工程"


def test_filter_maps_variants_before_anything_was_cut():
    # pieces from a cache or another process: the variant -> canonical table must be there
    assert PolicyTokenizer().filter(["规模以上工业增加值"]) == ["规上工业增加值"]


def test_filter_decisions_follow_changed_settings_and_added_words():
    tok = PolicyTokenizer()
    pieces = ["推进", "乡村振兴", "7%", "，", "的", "闸口力量"]
    assert tok.filter(pieces) == ["乡村振兴", "闸口力量"]
    tok.keep_numbers = True  # a setting changed after a first filter
    assert tok.filter(pieces) == ["乡村振兴", "7%", "闸口力量"]
    tok.min_len = 5  # numbers kept by keep_numbers are exempt from min_len
    assert tok.filter(pieces) == ["7%"]
    other = PolicyTokenizer(extra_stopwords=["闸口力量"])
    assert other.filter(pieces) == ["乡村振兴"]


def test_a_pickle_without_newer_private_fields_still_loads():
    import pickle

    tok = PolicyTokenizer()
    state = tok.__getstate__()
    for name in ("_kept", "_anchors"):
        del state[name]  # as pickled by a version before these existed
    old = PolicyTokenizer.__new__(PolicyTokenizer)
    old.__setstate__(state)
    assert pickle.loads(pickle.dumps(old)).tokenize("推进乡村振兴") == ["乡村振兴"]
    assert old.cut("打好“三张好牌”") == tok.cut("打好“三张好牌”")


def test_changed_stopword_settings_reach_the_filter():
    tok = PolicyTokenizer()
    pieces = ["推进", "乡村振兴", "闸口力量"]
    assert tok.filter(pieces) == ["乡村振兴", "闸口力量"]
    tok.boilerplate = False
    assert tok.filter(pieces) == pieces
    tok.extra_stopwords = frozenset({"闸口力量"})
    assert tok.filter(pieces) == ["推进", "乡村振兴"]
