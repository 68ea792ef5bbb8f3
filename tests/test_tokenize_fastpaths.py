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
