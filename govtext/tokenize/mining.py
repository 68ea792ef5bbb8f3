"""Distant supervision for mined phrases: keep a phrase only where the known vocabulary
agrees with its edges.

:func:`govtext.tokenize.discover.discover_terms` scores character n-grams by cohesion
(PMI) and free edges (branching entropy). Alone, it also proposes phrases that cut across
a known term (发展新质 from 发展|新质生产力) or across ordinary words: keeping those whole
would make tokens straddle the edges of real terms. :func:`supervised_phrases` cuts the
corpus with the tokenizer *before* the phrases are added and keeps a phrase only if

* at least ``min_agreement`` of its occurrences start and end at a token boundary
  (the edges of a real phrase are word edges), and
* no occurrence has an edge inside a term piece (a lexicon term, a place, an indicator,
  a composed compound): the lexicon serves as distant supervision.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["supervised_phrases", "nominal_phrases", "untyped_phrases"]

_TERM_TYPES = frozenset({"policy", "place", "facility", "organisation", "indicator"})


def supervised_phrases(
    tokenizer: Any,
    texts: Iterable[str],
    phrases: Sequence[str],
    min_agreement: float = 0.9,
) -> list[str]:
    """The ``phrases`` whose corpus occurrences agree with ``tokenizer``'s edges.

    Parameters
    ----------
    tokenizer : PolicyTokenizer
        The tokenizer before the phrases are added.
    texts : iterable of str
        The corpus the phrases were mined from.
    phrases : sequence of str
    min_agreement : float, default 0.9
        Share of a phrase's occurrences that must start and end at token boundaries.

    Returns
    -------
    list of str
        The phrases kept, in their given order.

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> texts = ["加快发展新质生产力，建设桃溪锦带。"] * 3
    >>> supervised_phrases(PolicyTokenizer(), texts, ["发展新质", "桃溪锦带"])
    ['桃溪锦带']
    """
    from govtext.text.normalize import normalize
    from govtext.tokenize.rules import _trie_regex

    phrases = [p for p in phrases if p]
    if not phrases:
        return []
    pat = re.compile(_trie_regex(sorted(set(phrases), key=len, reverse=True)))
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    crossed: Counter[str] = Counter()
    kinds: dict[str, bool] = {}
    for text in texts:
        norm = normalize(text, simplify=getattr(tokenizer, "simplify", False))
        pieces = tokenizer.cut_normalized(norm)
        bounds = set()
        inside = bytearray(len(norm) + 1)  # 1 strictly inside a term piece
        pos = 0
        for p in pieces:
            bounds.add(pos)
            end = pos + len(p)
            if len(p) > 1:
                is_term = kinds.get(p)
                if is_term is None:
                    is_term = kinds[p] = tokenizer.token_type(p) in _TERM_TYPES
                if is_term:
                    inside[pos + 1 : end] = b"\x01" * (end - pos - 1)
            pos = end
        bounds.add(pos)
        for m in pat.finditer(norm):
            s, e = m.span()
            w = m.group()
            total[w] += 1
            agree[w] += s in bounds and e in bounds
            crossed[w] += inside[s] or inside[e]
    return [
        p for p in phrases if total[p] and agree[p] >= min_agreement * total[p] and not crossed[p]
    ]


# jieba part-of-speech tags a policy term does not start with: adverbs (逐步, 牢牢, 严格),
# pronouns (我, 他们), prepositions (比, 同, 关于), conjunctions and particles
_NOT_FIRST = frozenset({"d", "ad", "r", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "y"})
# ... nor ends with: prepositions, conjunctions and particles
_NOT_LAST = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "y"})


def nominal_phrases(tokenizer: Any, phrases: Sequence[str]) -> list[str]:
    """The ``phrases`` that do not start with an adverb, a pronoun, a preposition or a
    conjunction, nor end with a preposition, conjunction or particle, by the
    tokenizer's dictionary tag (:func:`govtext.tokenize.kinds.pos_table`) of their first
    and last piece as ``tokenizer`` cuts them (pieces the dictionary does not know pass).

    Mined phrases such as 严格落实, 逐步解决, 自觉接受, 我代表 or 比上年增加 are cohesive and
    recur, but they are an adverb or a subject glued onto a verb, not terms: kept whole,
    they become words no reference table knows, and rank as keywords of every report.

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> nominal_phrases(PolicyTokenizer(), ["逐步解决", "我代表", "桃溪锦带", "河道治理"])
    ['桃溪锦带', '河道治理']
    """
    from govtext.tokenize.kinds import pos_table

    tags = pos_table(tokenizer.engine)
    kept = []
    for phrase in phrases:
        pieces = tokenizer.cut(phrase)
        if len(pieces) > 1 and (
            tags.get(pieces[0], "x") in _NOT_FIRST or tags.get(pieces[-1], "x") in _NOT_LAST
        ):
            continue
        kept.append(phrase)
    return kept


# ... and what a phrase typed as a policy term does not end with: verbs, adjectives,
# adverbs, numerals, time words, suffixes (准确把握, 抓落实, 吸引更多, 连续五年, 同志们)
_NOT_TERM_LAST = frozenset({"v", "vd", "vi", "a", "ad", "d", "m", "mq", "t", "k", "f"})
# a verb before one of these is a ranking, not a term (占全国, 获评全省, 位居全市前列)
_SCOPE_AFTER_VERB = frozenset({"全国", "全省", "全市", "全县", "全区", "全镇"})


def untyped_phrases(tokenizer: Any, phrases: Sequence[str]) -> set[str]:
    """The ``phrases`` that are wording, not terms: kept whole, but typed ``"word"``.

    A phrase ends with a verb, an adjective, an adverb, a numeral or a time word, or is
    a verb before 全国/全省/全市 …, by the dictionary tags of its pieces as ``tokenizer``
    cuts it (:func:`govtext.tokenize.kinds.pos_table`). 封关运作 (…|运作, a verbal
    noun) and 污水处理厂 stay terms.

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> sorted(untyped_phrases(PolicyTokenizer(), ["准确把握", "获评全省", "封关运作", "市民热线"]))
    ['准确把握', '获评全省']
    """
    from govtext.tokenize.kinds import pos_table

    tags = pos_table(tokenizer.engine)
    out = set()
    for phrase in phrases:
        pieces = tokenizer.cut(phrase)
        if len(pieces) < 2:
            continue
        if tags.get(pieces[-1], "x") in _NOT_TERM_LAST or (
            tags.get(pieces[0], "x") == "v" and pieces[1] in _SCOPE_AFTER_VERB
        ):
            out.add(phrase)
    return out
