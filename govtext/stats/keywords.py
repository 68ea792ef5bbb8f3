"""Keywords of each report: its policy terms, by keyness against the genre of work reports.

One method serves the library (:func:`keywords`), ``govtext demo``, ``govtext keywords``,
the report page and the default node selection of co-occurrence graphs
(:func:`genre_keyness`):

* **candidates** (:func:`candidate_mask`) are whole terms: two characters or more, no
  numbers, no stopwords or boilerplate, no function words, time words or adjectives by
  their part of speech (下半年, 不振, 进一步) unless the policy lexicon lists them, and
  not the report's own region or its parts (:func:`~govtext.stats.regions.region_parts`);
* **ranking** is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
  & Quinn 2008) of the report against the shipped reference counts of the genre
  (:func:`reference_counts`, 178 reports): a term's z-score grows with how much more often
  the report uses it than the genre does *and* with how often it uses it, so one-off
  rare words do not win; a keyword must occur at least ``min_count`` (2) times and at
  least twice as often as in the genre (``min_ratio``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.stats._common import as_dtm
from govtext.stats.genre import (
    _reference_total,
    fitted_counts,
    reference_counts,
    reference_df,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "candidate_mask",
    "fitted_counts",
    "genre_generic",
    "genre_keyness",
    "keywords",
    "rank_terms",
    "reference_counts",
    "reference_df",
]

# jieba part-of-speech tags that are not subject matter: function words (as in topic
# models: conjunctions, adverbs, numerals, prepositions, classifiers, pronouns, time
# words, particles, interjections, onomatopoeia) plus adjectives and status words
# (不振, 显著, 良好). Terms of the policy lexicon are candidates whatever their tag.
NON_TERM_POS = (
    *("c", "d", "ad", "m", "mq", "p", "q", "r", "rr", "rz", "t", "tg", "u", "ud", "ug", "uj"),
    *("ul", "uv", "uz", "y", "e", "o", "zg", "a", "ag", "b", "z", "f", "s"),
)


@functools.lru_cache(maxsize=4)
def _lexicon_terms() -> frozenset[str]:
    from govtext.tokenize.lexicon import load_policy_terms

    return frozenset(t for e in load_policy_terms() for t in (e.term, e.canonical))


def candidate_mask(
    vocab: list[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    drop: Any = (),
    counts: Any = None,
    reference: Mapping[str, int] | None = None,
) -> np.ndarray:
    """Which terms of ``vocab`` can be keywords (or default graph nodes).

    A candidate has two characters or more, is not a number (token type ``number_unit``
    covers counts in Chinese numerals: 二十五个, 三十二年), a stopword or a policy
    boilerplate word, nor in ``drop``; its type, where the tokenizer gives token types, is
    not a function word, punctuation or a number; and its jieba part-of-speech tag (in
    the tokenizer's dictionary) is not one of :data:`NON_TERM_POS` (function words, time
    words like 下半年, adjectives like 不振) unless it is a term of the policy lexicon or
    of a policy type. A word neither in jieba's dictionary nor in the genre's reference
    table (most often a fragment left by the segmenter: 由大县, 之变) needs a count of 3 in
    ``counts`` (when given).

    Examples
    --------
    >>> candidate_mask(["下半年", "不振", "乡村振兴", "1.5%", "两重", "工作", "涞源"], drop={"涞源"}).tolist()
    [False, False, True, False, True, False, False]
    >>> candidate_mask(["一百四十一个", "九五三年", "三点三倍", "一万五千", "两会", "十四五"]).tolist()
    [False, False, False, False, True, True]
    """
    from govtext.tokenize.lexicon import load_boilerplate, load_stopwords
    from govtext.tokenize.rules import is_number_token

    lexicon = _lexicon_terms()
    generic = load_stopwords() | load_boilerplate() | frozenset(drop)
    if tokenizer is not None:
        generic = generic | frozenset(getattr(tokenizer, "extra_stopwords", ()))
    tags = pos_tags(tokenizer, vocab)
    kinds = _token_types(tokenizer, vocab)
    ref = reference_counts()[1] if reference is None else reference
    cnt = np.full(len(vocab), np.inf) if counts is None else np.asarray(counts).ravel()
    bad = frozenset(NON_TERM_POS)
    out = np.zeros(len(vocab), dtype=bool)
    for j, (w, tag, kind) in enumerate(zip(vocab, tags, kinds)):
        if len(w) < 2 or w in generic or kind in _NON_TERM_TYPES or is_number_token(w):
            continue
        term = w in lexicon or kind in _TERM_TYPES
        if not term and tag in bad:
            continue
        if not term and tag == "x" and w not in ref and cnt[j] < 3:
            continue
        out[j] = True
    return out


_NON_TERM_TYPES = frozenset({"function", "punct", "number_unit"})
_TERM_TYPES = frozenset({"policy", "indicator", "organisation", "facility", "place"})


def _typed_terms(vocab: list[str], tokenizer: Any) -> np.ndarray:
    """Which words are terms of the policy lexicon or of a term type."""
    lexicon = _lexicon_terms()
    kinds = _token_types(tokenizer, vocab)
    return np.array([w in lexicon or k in _TERM_TYPES for w, k in zip(vocab, kinds)], dtype=bool)


def _token_types(tokenizer: Any, vocab: list[str]) -> list[str]:
    """Token types from the tokenizer's ``types`` where it has them, else ``""``.

    Each term's answer is remembered for as long as the tokenizer keeps its dictionary
    (a tokenizer rebuilds it when words are added or fitted, and is then asked again):
    keywords, keyness and networks of one report ask about many of the same terms."""
    tok = tokenizer if tokenizer is not None else _default_tokenizer()
    types = getattr(tok, "types", None)
    if types is None:
        return [""] * len(vocab)
    engine = getattr(tok, "engine", None)
    hit = _TYPE_MEMO.get(id(tok))
    if hit is None or hit[0] is not tok or hit[1] is not engine:
        if len(_TYPE_MEMO) >= 4:  # a few tokenizers at a time
            _TYPE_MEMO.pop(next(iter(_TYPE_MEMO)))
        hit = _TYPE_MEMO[id(tok)] = (tok, engine, {})
    memo = hit[2]
    ask = [w for w in dict.fromkeys(vocab) if w not in memo]
    if ask:
        memo.update(zip(ask, types(ask)))
    return [memo[w] for w in vocab]


#: id(tokenizer) -> (tokenizer, its dictionary when asked, {term: type})
_TYPE_MEMO: dict[int, tuple[Any, Any, dict[str, str]]] = {}


def pos_tags(tokenizer: Any, words: list[str]) -> list[str]:
    """Dictionary part-of-speech tag of each word in the tokenizer's jieba (``"x"`` if unknown).

    Examples
    --------
    >>> pos_tags(None, ["进一步", "没有这个词"])
    ['d', 'x']
    """
    from govtext.tokenize.kinds import pos_table
    from govtext.tokenize.policy import PolicyTokenizer

    tok = tokenizer if tokenizer is not None else _default_tokenizer()
    engine = getattr(tok, "engine", None) if isinstance(tok, PolicyTokenizer) else None
    if engine is None:  # pragma: no cover - a foreign tokenizer
        return ["x"] * len(words)
    table = pos_table(engine)
    return [table.get(w, "x") for w in words]


@functools.lru_cache(maxsize=1)
def _default_tokenizer() -> PolicyTokenizer:
    from govtext.tokenize.policy import PolicyTokenizer

    return PolicyTokenizer()


def genre_keyness(
    counts: Any,
    lengths: Any,
    vocab: list[str],
    *,
    reference: Mapping[str, int] | None = None,
    prior_mass: float = 1000.0,
    tokenizer: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds (and its z-score) of each count against the genre's reference counts.

    With a report's count ``y`` of a term and its ``n`` tokens, the genre's count ``r``
    of the term and its ``N`` tokens, the genre's share of the term
    ``π = (r + 0.5) / (N + 0.5)`` is an informative Dirichlet prior of ``prior_mass``
    pseudo-tokens (Monroe, Colaresi & Quinn 2008, with the genre as the background):
    ``δ = ln((y + α) / (n + α0 − y − α)) − ln(π / (1 − π))`` with ``α = α0 · π``, and
    ``z = δ · √(y + α)`` (the genre, a million tokens, is taken as known). Words the
    genre uses as much as the report get δ ≈ 0; a term met once gets a z a few times
    smaller than a term the report uses ten times more than the genre does.

    Parameters
    ----------
    counts : scipy.sparse matrix or array, (n_docs, n_terms)
        Counts of each report (or group of reports).
    lengths : array, (n_docs,)
        Tokens of each report (the row sums, or more).
    vocab : list of str
    reference : {term: count}, optional
        Default: :func:`reference_counts` (the shipped genre table).
    prior_mass : float, default 1000
        α0, in tokens.
    tokenizer : PolicyTokenizer, optional
        A tokenizer fitted on a corpus (:meth:`~govtext.PolicyTokenizer.fit`): a phrase it
        discovered and typed as wording, which the shipped reference does not know, gets
        as genre count its count in that corpus, scaled to the reference's size
        (:func:`fitted_counts`), not 0 — so a phrase used across the fitted corpus
        (总投资) is not a keyword of every report, while a report's own programme still
        is. Ignored when ``reference`` is given.

    Returns
    -------
    (delta, z) : scipy.sparse.csr_matrix, twice
        Same shape and non-zeros as ``counts``.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> X = sp.csr_matrix(np.array([[40, 1, 150]]))  # a report of 10,000 tokens
    >>> d, z = genre_keyness(X, [10_000], ["新质生产力", "哈哈", "发展"])
    >>> z.toarray()[0] > [15, 0, -5], z.toarray()[0] < [25, 5, 0]  # frequent and specific first
    (array([ True,  True,  True]), array([ True,  True,  True]))
    """
    import scipy.sparse as sp

    if reference is None:
        n_ref, ref = reference_counts()
    else:
        ref, n_ref = reference, int(sum(reference.values()))
    X = sp.csr_matrix(counts, dtype=np.float64)
    N = _reference_total(vocab, ref, n_ref) if reference is None else float(n_ref)
    extra = fitted_counts(tokenizer) if reference is None else {}
    r = np.array([ref.get(w, 0) or extra.get(w, 0) for w in vocab], dtype=np.float64)
    pi = (r + 0.5) / (N + 0.5)
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    n = np.asarray(lengths, dtype=np.float64).ravel()[rows]
    y = X.data
    p = pi[X.indices]
    alpha = prior_mass * p
    delta = np.log((y + alpha) / (n + prior_mass - y - alpha)) - np.log(p / (1.0 - p))
    z = delta * np.sqrt(y + alpha)
    D = sp.csr_matrix((delta, X.indices, X.indptr), shape=X.shape)
    Z = sp.csr_matrix((z, X.indices, X.indptr), shape=X.shape)
    return D, Z


def _matrix_tokenizer(m: Any) -> Any:
    """The tokenizer a report matrix was made with, if it has not changed since."""
    source = getattr(m, "_source", None)
    if source is not None and source[1].config_hash == source[2]:
        return source[1]
    return None


def _of_region(term: str, parts: frozenset[str]) -> bool:
    """True for one of the region's own names or parts, and for one of them followed by
    an organ (上海市委, 涞源县人民政府: the region's own government, not a theme).

    Examples
    --------
    >>> parts = frozenset({"涞源县", "涞源"})
    >>> _of_region("涞源县人民政府", parts), _of_region("涞源", parts), _of_region("京雄保", parts)
    (True, True, False)
    """
    return term in _with_organs(parts)


@functools.lru_cache(maxsize=256)
def _with_organs(parts: frozenset[str]) -> frozenset[str]:
    """``parts`` and each part followed by an organ head (涞源县 → 涞源县人民政府): the
    terms :func:`_of_region` is true for, as one set to look terms up in."""
    from govtext.tokenize.places import ORGAN_HEADS

    return parts | frozenset(p + h for p in parts for h in ORGAN_HEADS)


def _regions_of(m: Any) -> list[frozenset[str]]:
    from govtext.stats.regions import region_parts

    meta = m.meta
    regions = meta["region"].tolist() if "region" in meta.columns else [None] * len(m)
    levels = meta["level"].tolist() if "level" in meta.columns else [None] * len(m)
    pairs = [
        (r if isinstance(r, str) else None, lv if isinstance(lv, str) else None)
        for r, lv in zip(regions, levels)
    ]
    parts = {p: region_parts(p[0], level=p[1]) for p in dict.fromkeys(pairs)}  # once each
    return [parts[p] for p in pairs]


def keywords(
    x: Any,
    top: int = 20,
    *,
    tokenizer: PolicyTokenizer | None = None,
    min_count: int = 2,
    min_ratio: float = 2.0,
    keep_region: bool = False,
    reference: Mapping[str, int] | None = None,
    prior_mass: float = 1000.0,
    term_weight: float = 2.0,
    idf: str | None = None,
) -> pd.DataFrame:
    """Keywords of each report: its terms used far more than in government work reports.

    Candidates are whole terms (:func:`candidate_mask`): no one-character tokens, numbers,
    function words, time words or adjectives, and — unless ``keep_region`` — not the
    report's own region or its parts (its province, city and county names, its townships
    and villages: :func:`govtext.stats.regions.region_parts` of the ``region`` metadata).
    They are ranked by the z-score of the log-odds with an informative Dirichlet prior
    (Monroe et al. 2008) against the shipped counts of 178 government work reports
    (:func:`genre_keyness`), which favours terms both frequent in the report and
    specific to it over one-off rare words; the same single-report score whatever the
    other reports passed along, so one report gets the same keywords alone or in a corpus.

    Parameters
    ----------
    x : Report, str, Corpus or DocumentTermMatrix
        A single report works without a corpus.
    top : int, default 20
        Keywords per report.
    tokenizer : PolicyTokenizer, optional
        Used when ``x`` is text (default ``PolicyTokenizer()``), for the types and parts
        of speech of the candidates, and for the genre counts of fitted phrases
        (:func:`genre_keyness`). For a matrix made by ``gt.dtm(corpus, tokenizer=tok)``
        the default is ``tok`` itself, while it is unchanged since (else
        ``PolicyTokenizer()``).
    min_count : int, default 2
        Terms found fewer times in the report come after all the others (they only show
        in a short text with fewer than ``top`` terms found this often).
    min_ratio : float, default 2.0
        A keyword is used at least this many times as often (per token) as in the genre.
    keep_region : bool, default False
        Keep the report's own region and its parts among the candidates.
    reference : {term: count}, optional
        Your own reference counts (default :func:`reference_counts`).
    prior_mass : float, default 1000
        Pseudo-tokens of the genre prior (see :func:`genre_keyness`).
    term_weight : float, default 2.0
        Terms of the policy lexicon or of a term type (policy, place, organisation,
        indicator, facility: the tokenizer's ``types``, where it has them) are ranked as
        if their z-score were this many times larger than a plain word's (the ``score``
        column keeps the z-score); 1 ranks every candidate alike.
    idf : str, optional
        Deprecated and ignored: keywords no longer depend on the other reports of ``x``
        (``"genre"`` and ``"corpus"`` used to give different lists); warns.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per keyword of a report: ``report, rank, term, score, count``
        (``score`` = the z-score), reports in matrix order, ranks ascending.

    Examples
    --------
    >>> import govtext as gt
    >>> r = gt.datasets.load_sample()["2020_national_中国"]
    >>> kw = gt.keywords(r, top=10)
    >>> list(kw.columns)
    ['report', 'rank', 'term', 'score', 'count']
    >>> {"疫情", "疫情防控"} <= set(kw["term"].head(5)), "工作" in set(kw["term"])
    (True, False)
    """
    import pandas as pd

    if idf is not None:
        import warnings

        warnings.warn(
            "keywords(idf=...) is ignored: keywords are scored against the genre's reference "
            "counts whatever the other reports; 'idf' will be removed in the next release",
            FutureWarning,
            stacklevel=2,
        )
    if top < 1:
        raise InputError(f"top must be at least 1, not {top}")
    m = as_dtm(x, tokenizer)
    if tokenizer is None:  # a matrix of gt.dtm(corpus, tokenizer=...) knows its tokenizer
        tokenizer = _matrix_tokenizer(m)
    vocab = np.asarray(m.vocab, dtype=object)
    ok = candidate_mask(m.vocab, tokenizer, counts=m.matrix.max(axis=0).toarray())
    typed = _typed_terms(m.vocab, tokenizer) if term_weight != 1 else np.zeros(len(vocab), bool)
    prior = {"reference": reference, "prior_mass": prior_mass, "tokenizer": tokenizer}
    delta, z = genre_keyness(m.matrix, m.doc_lengths(), m.vocab, **prior)
    X = m.matrix.tocsr()
    regions = [frozenset()] * len(m) if keep_region else _regions_of(m)
    floor = np.log(min_ratio) if min_ratio > 0 else -np.inf
    rows = []
    for i, doc in enumerate(m.docs):
        lo, hi = X.indptr[i], X.indptr[i + 1]
        idx, cnt = X.indices[lo:hi], X.data[lo:hi]
        d, s = delta.data[lo:hi], z.data[lo:hi]
        keep = ok[idx] & (d >= floor)
        if regions[i]:  # (only the terms still kept are looked at)
            cand = np.flatnonzero(keep)
            own = _with_organs(regions[i])
            keep[cand] = [t not in own for t in vocab[idx[cand]]]
        idx, cnt, s = idx[keep], cnt[keep], s[keep]
        # terms under min_count only after all the others (a short text still gets some);
        # ties: higher count first, then the term itself (deterministic)
        rank_by = np.where(typed[idx], s * term_weight, s)
        order = np.lexsort((vocab[idx], -cnt, -rank_by, cnt < min_count))[:top]
        for rank, j in enumerate(order, 1):
            rows.append((doc, rank, vocab[idx[j]], float(s[j]), int(cnt[j])))
    return pd.DataFrame(rows, columns=["report", "rank", "term", "score", "count"])


@functools.lru_cache(maxsize=4)
def genre_generic(n: int = 100) -> frozenset[str]:
    """The genre's ``n`` most common words: highest document frequency in the reference
    table (ties by term), stopwords and policy boilerplate aside (they are dropped anyway).

    Examples
    --------
    >>> {"发展", "建设"} <= genre_generic(100) and "新质生产力" not in genre_generic(100)
    True
    """
    from govtext.tokenize.lexicon import load_boilerplate, load_stopwords

    _, dfs = reference_df()
    skip = load_stopwords() | load_boilerplate()
    ranked = sorted((w for w in dfs if w not in skip), key=lambda w: (-dfs[w], w))
    return frozenset(ranked[:n])


def rank_terms(
    counts: Any,
    vocab: list[str],
    *,
    tokenizer: PolicyTokenizer | None = None,
    min_count: int = 2,
    min_ratio: float = 2.0,
    drop: Any = (),
    generic: int = 100,
    terms_first: bool = False,
) -> np.ndarray:
    """Rows of ``counts`` (groups × terms) ranked like :func:`keywords`: best terms first.

    Returns a list per row of the column indices of its candidate terms by z-score
    (descending; ties by count, then term), as an object array. The genre's ``generic``
    most frequent words (:func:`genre_generic`) are never candidates. With
    ``terms_first``, terms of the policy lexicon or of a term type (policy, place,
    organisation, indicator, facility: the tokenizer's ``types``, where it has them) come
    before plain words. Used for the default nodes of co-occurrence graphs.

    Examples
    --------
    >>> import numpy as np
    >>> order = rank_terms(np.array([[30, 5, 60, 1]]), ["发展", "新质生产力", "数字经济", "哈哈"])
    >>> [["发展", "新质生产力", "数字经济", "哈哈"][j] for j in order[0]]
    ['数字经济', '新质生产力']
    """
    import scipy.sparse as sp

    X = sp.csr_matrix(counts, dtype=np.float64)
    common = genre_generic(generic) if generic else frozenset()
    ok = candidate_mask(vocab, tokenizer, drop=set(drop) | common, counts=X.max(axis=0).toarray())
    # terms of the lexicon or of a term type before plain words
    typed = _typed_terms(vocab, tokenizer) if terms_first else np.zeros(len(vocab), bool)
    delta, z = genre_keyness(X, np.asarray(X.sum(axis=1)).ravel(), vocab, tokenizer=tokenizer)
    floor = np.log(min_ratio) if min_ratio > 0 else -np.inf
    words = np.asarray(vocab, dtype=object)
    out = np.empty(X.shape[0], dtype=object)
    for i in range(X.shape[0]):
        lo, hi = X.indptr[i], X.indptr[i + 1]
        idx, cnt, d, s = X.indices[lo:hi], X.data[lo:hi], delta.data[lo:hi], z.data[lo:hi]
        keep = ok[idx] & (cnt >= min_count) & (d >= floor)
        idx, cnt, s = idx[keep], cnt[keep], s[keep]
        out[i] = idx[np.lexsort((words[idx], -cnt, -s, ~typed[idx]))].tolist()
    return out
