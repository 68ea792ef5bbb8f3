"""Which words a topic model uses, and how it ranks them within a topic.

- :func:`vocab_mask`: words found in at least ``min_df`` and at most ``max_df`` units,
  minus function words by their jieba part-of-speech tag (:data:`FUNCTION_POS`).
- :func:`frex_order`: each topic's words ordered by *frequency* (the default: the word's
  expected count in the topic, the units' tokens shared out by their topic shares,
  among the words the topic holds more of than an even share), by weight, or by *FREX*,
  the harmonic mean of how strongly a word loads on the topic and how exclusive it is to
  it (as in R's stm) — for when exclusivity is asked for: it favours rare words found in
  one topic only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from govtext.features.matrix import DocumentTermMatrix

__all__ = ["FUNCTION_POS", "frex_order", "pos_tags", "vocab_mask"]

# jieba part-of-speech tags of function words: conjunctions, adverbs (incl. adverbial
# adjectives such as 积极, 切实), numerals, prepositions, classifiers, pronouns, time words,
# particles, interjections, onomatopoeia. They carry no subject matter.
FUNCTION_POS = ("c", "d", "ad", "m", "p", "q", "r", "t", "u", "y", "e", "o", "zg")


def pos_tags(tokenizer: Any, words: Sequence[str]) -> list[str]:
    """Dictionary part-of-speech tag of each word (``"x"`` when unknown).

    Examples
    --------
    >>> import govtext as gt
    >>> pos_tags(gt.PolicyTokenizer(), ["进一步", "没有这个词"])
    ['d', 'x']
    """
    from govtext.tokenize.kinds import pos_table
    from govtext.tokenize.policy import PolicyTokenizer

    tok = tokenizer if tokenizer is not None else PolicyTokenizer()
    engine = getattr(tok, "engine", None)
    if engine is None:  # pragma: no cover - a foreign tokenizer
        return ["x"] * len(words)
    table = pos_table(engine)
    return [table.get(w, "x") for w in words]


def _bound(value: int | float, n: int, rounding: Any) -> int:
    """A count bound given as a number of units (int) or as a share of ``n`` (float)."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    return int(rounding(value * n))


def vocab_mask(
    units: DocumentTermMatrix,
    *,
    min_df: int | float,
    max_df: int | float,
    drop_pos: Sequence[str] | None,
    tokenizer: Any,
    k: int,
    drop_words: Any = (),
) -> np.ndarray:
    """Boolean mask of the columns of ``units`` a ``k``-topic model should use.

    Words in ``drop_words`` are left out too. A small corpus that leaves fewer than ``k``
    words relaxes the bounds (every word found at least once, ``drop_words`` still out if
    that leaves ``k``) rather than fail. ``tokenizer`` supplies the part-of-speech
    dictionary when ``drop_pos`` is given.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 营商环境", "乡村振兴 数字经济"]))
    >>> keep = vocab_mask(m, min_df=2, max_df=1.0, drop_pos=None, tokenizer=None, k=1)
    >>> [w for w, ok in zip(m.vocab, keep) if ok]
    ['乡村振兴']
    """
    n = units.shape[0]
    df = units.doc_freq()
    lo = _bound(min_df, n, np.ceil)
    hi = _bound(max_df, n, np.floor)
    keep = (df >= lo) & (df <= max(hi, lo))
    if drop_pos:
        tags = pos_tags(tokenizer, units.vocab)
        pos = tuple(drop_pos)
        keep &= np.array([t not in pos for t in tags])
    dropped = frozenset(drop_words)
    out = np.array([w not in dropped for w in units.vocab], dtype=bool)
    keep &= out
    if keep.sum() < k:
        # small corpora: relax the bounds rather than fail
        keep = (df >= 1) & out
        if keep.sum() < k:
            keep = df >= 1
    return keep


def frex_order(
    components: np.ndarray,
    *,
    ranking: str,
    frex_weight: float,
    topic_counts: np.ndarray | None = None,
) -> np.ndarray:
    """Word order per topic (best first), shape ``(k, n_terms)``.

    Parameters
    ----------
    components : ndarray, (k, n_terms)
        Non-negative topic-term weights.
    ranking : {"frequency", "frex", "weight"}
        ``"frequency"`` needs ``topic_counts``: words by expected count in the topic, those
        with more than an even share of their count in the topic first.
    frex_weight : float
        Share given to exclusivity in the FREX harmonic mean.
    topic_counts : ndarray, (k, n_terms), optional
        Expected count of each word in each topic (for ``"frequency"``).

    Examples
    --------
    Word 1 weighs less than word 0 in topic 0 but belongs to it alone:

    >>> W = np.array([[3.0, 2.0, 0.0, 1.0], [3.0, 0.0, 1.0, 0.0]])
    >>> frex_order(W, ranking="weight", frex_weight=0.5)[0].tolist()
    [0, 1, 3, 2]
    >>> frex_order(W, ranking="frex", frex_weight=0.5)[0].tolist()
    [1, 0, 3, 2]
    >>> C = np.array([[30.0, 2.0, 1.0, 9.0], [30.0, 0.0, 9.0, 1.0]])
    >>> frex_order(W, ranking="frequency", frex_weight=0.5, topic_counts=C)[0].tolist()
    [3, 1, 0, 2]
    """
    if ranking == "frequency" and topic_counts is not None:
        C = np.asarray(topic_counts, dtype=np.float64)
        share = C / np.maximum(C.sum(axis=0, keepdims=True), 1e-300)
        score = np.where(share * C.shape[0] > 1.0 + 1e-9, C, -1.0 / (1.0 + C))
        return np.argsort(-score, axis=1, kind="stable")
    W = components
    if ranking == "weight" or W.shape[0] == 1:
        return np.argsort(-W, axis=1, kind="stable")
    col = W.sum(axis=0)
    col[col == 0] = 1.0
    excl = W / col

    # ECDF ranks within each topic (1 = best), as in stm's FREX
    def ecdf(a: np.ndarray) -> np.ndarray:
        r = np.argsort(np.argsort(a, axis=1, kind="stable"), axis=1, kind="stable")
        return (r + 1) / a.shape[1]

    fr = ecdf(W)
    ex = ecdf(excl)
    w = frex_weight
    score = 1.0 / (w / ex + (1 - w) / fr)
    score[W <= 0] = -1.0
    return np.argsort(-score, axis=1, kind="stable")
