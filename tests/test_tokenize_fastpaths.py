"""The fast paths of the policy tokenizer give exactly what the plain ways give.

Each optimisation of issue 17 replaces a simple computation by a faster one; these tests
compare the two on inputs built to hit their edge cases.
"""

from __future__ import annotations

import random
import re

from govtext.tokenize.rules import _trie_regex


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_trie_regex_matches_like_a_longest_first_alternation_on_many_words():
    rng = random.Random(7)
    chars = [chr(0x4E00 + i) for i in range(200)] + list("、+（）AB12")
    words = {"".join(rng.choice(chars) for _ in range(rng.randint(1, 7))) for _ in range(2500)}
    words |= {"乡村", "乡村振兴", "乡村振兴示范村"}  # nested words: the longest wins
    trie = re.compile(_trie_regex(sorted(words)))
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    text = "".join(rng.choice(chars) for _ in range(30_000)) + "推进乡村振兴示范村建设"
    got = _spans(trie, text)
    assert got == _spans(plain, text)
    assert len(got) > 100
    assert text[got[-1][0] : got[-1][1]] == "乡村振兴示范村"


def test_normalize_for_cut_equals_normalize():
    from govtext.datasets import load_sample
    from govtext.text.normalize import normalize
    from govtext.tokenize.prenorm import normalize_for_cut

    rng = random.Random(11)
    alphabet = list("政府工作报告乡村振兴 \n\r\t　１２３4５．.％%（）()〔〕【】「」－-―") + [
        "\u200b",
        "\ufeff",
        "\u00ad",
        "\u2028",
        "ａ",
        "Ｚ",
        "\u3400",
    ]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(500)]
    texts += ["政 府 工 作 报 告", "1 9 9 8 年 ", "４．７亿元　\r\n", "", " ", "a \n"]
    texts += [r.text for r in load_sample()]
    for t in texts:
        assert normalize_for_cut(t) == normalize(t), t


def test_quoted_term_occurrences_match_the_alternation_for_few_and_many_terms():
    from govtext.tokenize.rules import _occurrences

    rng = random.Random(5)
    chars = "乡村振兴示范区两个维护“”，"
    text = "".join(rng.choice(chars) for _ in range(30_000)) + "哈哈哈哈哈"
    for terms in [
        {"乡村", "乡村振兴", "振兴示范", "哈哈"},
        {"".join(rng.choice(chars) for _ in range(rng.randint(2, 5))) for _ in range(200)},
    ]:
        plain = re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
        got = _occurrences(text, terms)
        assert got == _spans(plain, text)
        assert got


def _compose_reference(pieces, is_term, is_place):
    """compose() as it was before issue 17 (one flush per trigger piece)."""
    from itertools import compress

    from govtext.tokenize.compose import (
        _DESIGNATION_ENDS,
        _HEAD_PREFIXES,
        _TRIGGERS,
        MAX_LEN,
        PLACE_HEADS,
        SCOPES,
        _head_at,
    )

    n = len(pieces)
    hits = list(compress(range(n), map(_TRIGGERS.__contains__, pieces)))
    out: list[str] = []
    pos = 0
    composed = False
    for h in hits:
        if h < pos:
            continue
        if h > pos:
            out.extend(pieces[pos:h])
            pos = h
            composed = False
        p = pieces[h]
        nxt = pieces[h + 1] if h + 1 < n else ""
        if p in SCOPES and len(nxt) >= 3 and nxt.endswith(_DESIGNATION_ENDS) and is_term(nxt):
            out.append(p + nxt)
            pos = h + 2
            composed = True
            continue
        if not out or p not in _HEAD_PREFIXES or not (composed or is_term(out[-1])):
            continue
        j = _head_at(pieces, h)
        if j and not composed and is_place(out[-1]) and "".join(pieces[h:j]) not in PLACE_HEADS:
            continue
        if j and len(out[-1]) + sum(map(len, pieces[h:j])) <= MAX_LEN:
            out[-1] += "".join(pieces[h:j])
            pos = j
            composed = True
    out.extend(pieces[pos:])
    return out


def test_compose_equals_the_reference_on_random_pieces():
    from govtext.tokenize.compose import compose

    rng = random.Random(2)
    vocab = (
        "乡村振兴 保定 徐水区 全国 文明城市 国家级 经济技术开发区 示范 村 示范村 建设 体系 行动 "
        "计划 产业 集群 园 改革 试点 的 和 推进 加强 一 体化 标准 化 先行区 强 省 ， 。 工程 "
        "创建 清单 平台 高地 国家 中国 名镇"
    ).split()
    terms = {"乡村振兴", "文明城市", "经济技术开发区", "保定", "徐水区", "名镇", "示范村"}
    places = {"保定", "徐水区"}
    for _ in range(400):
        pieces = [rng.choice(vocab) for _ in range(rng.randint(0, 60))]
        want = _compose_reference(pieces, terms.__contains__, places.__contains__)
        assert compose(pieces, terms.__contains__, places.__contains__) == want
        split = ({"乡村振兴", "保定"}, terms - {"乡村振兴", "保定"})
        assert compose(pieces, terms.__contains__, places.__contains__, split) == want
        assert "".join(want) == "".join(pieces)


def test_division_suffix_filter_finds_every_suffix_that_ends_a_name():
    from govtext.datasets import load_sample
    from govtext.tokenize.places import _DIV_SUFFIX, _divisions, _suffix_ends

    ends = _divisions()[2]
    texts = [r.text for r in load_sample()] + ["北闸口镇撒莲镇街道苏木市区县区乡镇", "市"]
    for t in texts:
        want = [m.end() for m in _DIV_SUFFIX.finditer(t) if t[m.end() - 2 : m.end()] in ends]
        assert [m.end() for m in _suffix_ends().finditer(t)] == want


def _long_text(punct: bool) -> str:
    import unicodedata

    from govtext.datasets import load_sample

    text = "".join(r.text for r in load_sample())
    if not punct:  # one run of Han characters, letters and digits
        text = "".join(c for c in text if unicodedata.category(c)[0] not in "PZC")
    return text[:60_000]


def test_a_long_text_is_cut_in_chunks_exactly_as_in_one_pass(monkeypatch):
    import govtext.tokenize.engines as eng
    from govtext import PolicyTokenizer

    for backend in ("jieba", "rjieba"):
        tok = PolicyTokenizer(backend=backend)
        tok.cut("预热")
        for punct in (True, False):
            text = _long_text(punct)
            whole = eng._segment(tok.engine, tok._fast, text, True)
            monkeypatch.setattr(eng, "_CHUNK", 500)
            chunks = eng._chunks(tok.engine, text)
            got = eng.segment(tok.engine, tok._fast, text, True)
            monkeypatch.undo()
            assert len(chunks) > 40
            assert got == whole
            assert max(e - s for s, e in chunks) < 2_000


def test_an_exact_split_ends_a_word_where_no_word_spans():
    import govtext.tokenize.engines as eng
    from govtext import PolicyTokenizer

    tok = PolicyTokenizer()
    text = _long_text(False)[:3000]
    i = eng._exact_split(tok.engine, text, 1000, 2000)
    assert i is not None and not eng._spanned(tok.engine, text, i)
    left = eng._segment(tok.engine, None, text[:i], True)
    assert left + eng._segment(tok.engine, None, text[i:], True) == eng._segment(
        tok.engine, None, text, True
    )


def test_longest_term_at_each_place_across_blocks():
    from govtext.tokenize.rules import _longest_at, _occurrences

    rng = random.Random(9)
    chars = "乡村振兴示范区两个维护𠀀a"
    text = "".join(rng.choice(chars) for _ in range(5_000))
    terms = {"".join(rng.choice(chars) for _ in range(rng.randint(2, 12))) for _ in range(300)}
    terms |= {"乡村", "乡村振兴示范区两个维护"}
    plain = re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
    want = _spans(plain, text)
    assert _occurrences(text, terms) == want  # the numpy path (many terms)
    small = sorted(_longest_at(text, terms, block=97))
    big = sorted(_longest_at(text, terms))
    assert small == big and len(big) >= len(want) > 50


def test_a_text_holding_the_sentinel_is_cut_stretch_by_stretch_on_both_backends():
    from govtext import PolicyTokenizer
    from govtext.tokenize.policy import _SENTINEL

    text = f"全面推进乡村振兴{_SENTINEL}税收完成4.7亿元，打好“三张好牌”{_SENTINEL}"
    slow, fast = PolicyTokenizer(), PolicyTokenizer(backend="rjieba")
    got = slow.cut(text)
    assert got == fast.cut(text)
    assert "".join(got) == text
    assert {"乡村振兴", "4.7亿元", "三张好牌", _SENTINEL} <= set(got)
    assert got[: got.index(_SENTINEL)] == slow.cut("全面推进乡村振兴")


def test_reduplicated_slogans_found_across_numpy_blocks():
    from govtext.tokenize.rules import _REDUPLICATED, _reduplicated

    rng = random.Random(1)
    text = "".join(rng.choice("宜居业游可看学x") for _ in range(140_000))
    got = [m.span() for m in _reduplicated(text)]
    assert got == [m.span() for m in _REDUPLICATED.finditer(text)]
    assert len(got) > 100


def test_one_class_led_scan_finds_the_blocks_jieba_rs_would_cut_differently():
    import itertools

    from govtext.tokenize.engines import _RJ_ANY_UNSAFE, _RJ_UNSAFE

    alphabet = list("aZ09+#&._%-中文 \n，") + ["\u3400", "\u9fd6", "\uf900", "\U00020000"]
    texts = ["".join(t) for n in (1, 2, 3) for t in itertools.product(alphabet, repeat=n)]
    rng = random.Random(5)
    texts += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 14))) for _ in range(20000)
    ]
    texts += ["建设U-Key平台", "增长4.7%", "M_M", "中文", "A--", "--B", "a+-#b"]
    unsafe = [t for t in texts if _RJ_UNSAFE.search(t) is not None]
    assert [t for t in texts if _RJ_ANY_UNSAFE.search(t) is not None] == unsafe
    assert "建设U-Key平台" in unsafe and "--B" not in unsafe and len(unsafe) > 1000
