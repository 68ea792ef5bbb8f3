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
