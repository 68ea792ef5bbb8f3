"""Topic models of reports: NMF or LDA, coherence, prevalence by year and region.

By default the model is fitted on **paragraphs** (see :mod:`govtext.models.units`) and
each report's topic shares are the paragraph shares averaged with the paragraphs' token
counts as weights. Paragraphs are far more uniform in subject than whole reports, which
gives sharper, more coherent topics (measured in ``benchmarks/topics_vs_gensim.py`` and
``docs/topics.md``).

The default method is NMF on sublinear TF-IDF of the paragraph counts (deterministic
``nndsvd`` start), with each topic's words ranked by FREX (frequency and exclusivity) for
paragraph units and by frequency — their expected count in the topic — for whole
reports (:mod:`govtext.models.words`). A report matrix made by :func:`govtext.dtm` is
fitted on its reports' paragraphs (``unit="report"`` fits its rows). The
procedural opening and closing paragraphs (请予审议, 表示诚挚感谢 …) are left out. :class:`TopicModel` is a scikit-learn estimator:
``sklearn.base.clone`` works, ``get_params``/``set_params`` return the constructor
arguments, and ``transform`` uses the TF-IDF weighting learned in ``fit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator

from govtext.errors import InputError
from govtext.models.decompose import check_counts, fit_decomposition, fitting_rows, unit_shares
from govtext.models.summary import TopicResults
from govtext.models.units import (
    align,
    check_unit,
    matrix_units,
    paragraph_dtm,
    to_reports,
)
from govtext.models.words import FUNCTION_POS, vocab_mask

if TYPE_CHECKING:  # pragma: no cover
    from govtext.features.matrix import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["TopicModel", "fit_topics"]


class TopicModel(TopicResults, BaseEstimator):
    """Topic model fitted on paragraphs (or reports), aggregated back to reports.

    A scikit-learn estimator: parameters are the constructor arguments (checked in
    :meth:`fit`, not before), :meth:`fit` / :meth:`transform` / :meth:`fit_transform`,
    learned attributes end in ``_``, and ``sklearn.base.clone`` gives an unfitted copy.
    The number of topics keeps govtext's name ``k`` (scikit-learn's decompositions call
    it ``n_components``): it is the name of ``fit_topics``, ``choose_k`` and the CLI.

    Parameters
    ----------
    k : int, default 10
        Number of topics.
    method : {"nmf", "lda"}, default "nmf"
        NMF on sublinear TF-IDF (scikit-learn ``NMF``, ``nndsvd`` start) or LDA on counts
        (scikit-learn ``LatentDirichletAllocation``, batch variational Bayes).
    unit : {"paragraph", "section", "report"}, default "paragraph"
        Modelling unit when fitting a corpus. A report matrix made from a corpus
        (:func:`govtext.dtm`, kept through ``subset`` and ``select``) is a corpus too: its
        reports are cut into these units again, restricted to the matrix's words, and the
        unit shares are aggregated back to its rows (``unit="report"`` fits its rows as
        they are). Any other :class:`DocumentTermMatrix` is modelled row by row; if its
        metadata has a ``report`` column, rows are aggregated by it.
    random_state : int, numpy RandomState or None, default 0
        Seed of NMF / LDA.
    tokenizer : PolicyTokenizer, optional
        Used when fitting a corpus (default ``PolicyTokenizer()``).
    min_df : int or float, default 5
        Keep words found in at least this many units (or this share of units).
    max_df : float or int, optional
        Drop words found in more than this share (or number) of units. Default: 0.2 for
        paragraph or section units — a word present in one paragraph out of five (发展,
        建设, 改革 ...) says little about any one subject; lower values (0.05) give slightly
        higher coherence on long series but leave one large catch-all topic on short ones
        (see ``docs/topics.md``) — and 1.0 for whole reports (``unit="report"``, or a
        matrix modelled row by row without a ``report`` column), where a subject's words are in many
        reports and ``drop_generic`` removes the words of every report.
    drop_generic : int or None, default 100
        Leave out the genre's this many most frequent words (发展, 建设, 改革 …:
        :func:`govtext.stats.keywords.genre_generic`); ``None`` keeps them.
    procedural : bool, default False
        Keep the procedural opening and closing paragraphs (请予审议, 列席, 表示诚挚感谢 …:
        :func:`govtext.models.units.is_procedural`) among the units of a corpus.
    min_unit_tokens : int, default 5
        Units with fewer analysis tokens (headings, greetings) are not used to fit the
        model (they still count, by their length, in report shares).
    ranking : {"frequency", "weight", "frex"}, optional
        How :meth:`top_terms` orders words (the choice made is ``ranking_``). Default:
        ``"frequency"`` for whole reports, ``"frex"`` for paragraph or section units, whose
        exclusive words are also their most coherent ones (mean paragraph NPMI 0.44
        against 0.29 for ``"frequency"`` on the State Council's reports 1978–2025, k=10;
        see ``docs/topics.md``). ``"frequency"`` by the word's expected count in
        the topic (each unit's counts shared out by its topic shares), the words the topic
        holds more of than an even share first — representative, frequent words;
        ``"weight"`` by topic weight; ``"frex"`` (exclusivity) by the harmonic mean of the
        weight's rank and the word's exclusivity rank (weight in this topic / weight in
        all topics), as in R's stm — it favours words found in one topic only, often rare.
    frex_weight : float, default 0.5
        Share given to exclusivity in the FREX harmonic mean.
    drop_pos : sequence of str or None, default ``FUNCTION_POS``
        Leave out words whose jieba part-of-speech tag (from the tokenizer's dictionary) is
        one of these: conjunctions, adverbs, numerals, pronouns, time words, particles ...
        (由于, 进一步, 积极, 一些, 目前). Words unknown to the dictionary are kept. ``None``
        keeps all. Not applied to a plain count matrix (its columns are numbers).
    max_iter : int, default 1000

    Attributes
    ----------
    vocab_ : list of str
    components_ : ndarray, (k, n_terms)
        Non-negative topic-term weights.
    topic_term_ : ndarray, (k, n_terms)
        ``components_`` with rows summing to one.
    estimator_ : sklearn.decomposition.NMF or LatentDirichletAllocation
        The fitted scikit-learn model.
    tfidf_ : sklearn.feature_extraction.text.TfidfTransformer or None
        The TF-IDF weighting learned on the fitting units (NMF; ``None`` for LDA), reused
        by :meth:`transform`.
    unit_dtm_ : DocumentTermMatrix
        Counts of the modelling units, restricted to ``vocab_`` (metadata: ``report``).
    unit_topic_ : ndarray, (n_units, k)
        Topic shares of each unit (rows sum to one).
    unit_lengths_ : ndarray, (n_units,)
        Analysis tokens (in ``vocab_``) per unit.
    doc_topic_ : ndarray, (n_reports, k)
        Topic shares of each report (rows sum to one): unit shares weighted by token counts.
    doc_lengths_ : ndarray
        Analysis tokens (in ``vocab_``) per report.
    meta_ : pandas.DataFrame
        One row per report, aligned with ``doc_topic_``.
    labels_ : list of str
        Short label per topic: its top three words joined by ``/``.
    term_frequency_ : ndarray
        Count of each word of ``vocab_`` over all units.
    ranking_ : str
        The ranking in use (``ranking``, or the default chosen for the units).
    topic_counts_ : ndarray, (k, n_terms)
        Expected count of each word in each topic: ``unit_topic_.T @ counts``.
    n_features_in_ : int
        Columns of the count matrix seen in ``fit`` (only when fitted on a plain matrix).

    Examples
    --------
    >>> import govtext as gt
    >>> from sklearn.base import clone
    >>> model = gt.TopicModel(k=3, random_state=1)
    >>> twin = clone(model)
    >>> twin.get_params()["k"], twin.get_params()["random_state"]
    (3, 1)
    >>> shares = model.fit_transform(gt.datasets.load_sample()[:3])
    >>> shares.shape, bool(np.allclose(model.transform(gt.datasets.load_sample()[:3]), shares))
    ((3, 3), True)
    """

    def __init__(
        self,
        k: int = 10,
        method: str = "nmf",
        unit: str = "paragraph",
        random_state: int | np.random.RandomState | None = 0,
        tokenizer: PolicyTokenizer | None = None,
        min_df: int | float = 5,
        max_df: int | float | None = None,
        min_unit_tokens: int = 5,
        ranking: str | None = None,
        frex_weight: float = 0.5,
        drop_pos: Sequence[str] | None = FUNCTION_POS,
        max_iter: int = 1000,
        drop_generic: int | None = 100,
        procedural: bool = False,
    ) -> None:
        self.k = k
        self.method = method
        self.unit = unit
        self.random_state = random_state
        self.tokenizer = tokenizer
        self.min_df = min_df
        self.max_df = max_df
        self.min_unit_tokens = min_unit_tokens
        self.ranking = ranking
        self.frex_weight = frex_weight
        self.drop_pos = drop_pos
        self.max_iter = max_iter
        self.drop_generic = drop_generic
        self.procedural = procedural

    # ----------------------------------------------------------------- fitting
    def _check(self) -> None:
        if not isinstance(self.k, (int, np.integer)) or self.k < 1:
            raise InputError(f"k must be a positive integer, not {self.k!r}")
        if self.method not in ("nmf", "lda"):
            raise InputError(f"method must be 'nmf' or 'lda', not {self.method!r}")
        check_unit(self.unit)
        if self.ranking not in (None, "frequency", "frex", "weight"):
            raise InputError(
                f"ranking must be 'frequency', 'frex' or 'weight', not {self.ranking!r}"
            )
        if not 0.0 <= self.frex_weight <= 1.0:
            raise InputError(f"frex_weight must be between 0 and 1, not {self.frex_weight!r}")

    def _units(self, X: Any, fitting: bool = True) -> tuple[DocumentTermMatrix, bool]:
        """The modelling units of ``X`` and whether ``X`` was a plain count matrix."""
        import scipy.sparse as sp

        from govtext.features.hub import TokenizedCorpus
        from govtext.features.matrix import DocumentTermMatrix

        if isinstance(X, DocumentTermMatrix):
            return self._matrix_units(X, fitting), False
        if isinstance(X, np.ndarray) or sp.issparse(X):
            return matrix_units(X), True
        if isinstance(X, TokenizedCorpus):  # already cut: use it and its tokenizer
            if self.tokenizer is not None and self.tokenizer is not X.tokenizer:
                raise InputError("a TokenizedCorpus brings its own tokenizer: set tokenizer=None")
            self._default_tok = X.tokenizer
            return paragraph_dtm(X, unit=self.unit, procedural=self.procedural), False
        return paragraph_dtm(X, self._tok(), unit=self.unit, procedural=self.procedural), False

    def _matrix_units(self, X: DocumentTermMatrix, fitting: bool) -> DocumentTermMatrix:
        """The units of a document-term matrix: the paragraphs (sections) of its reports
        when it is a report matrix made from a corpus (:func:`govtext.dtm`), ``unit`` is
        not ``"report"`` and (in :meth:`transform`) the model was fitted that way,
        restricted to its words; otherwise its rows."""
        import warnings

        from govtext.corpus.reports import Corpus

        if not fitting and not getattr(self, "_source_fit", False):
            return X  # a model fitted on rows transforms rows
        source = X._source
        if source is None or self.unit == "report" or "report" in X.meta.columns:
            return X
        corpus, tok, config = source
        by_name = {r.name: r for r in corpus}
        names = X.docs
        why = None
        if not names or any(n not in by_name for n in names):
            why = "its rows no longer name the reports of its corpus"
        elif tok.config_hash != config:
            why = "its tokenizer was changed (fit, add_words ...) after the matrix was made"
        if why is not None:
            warnings.warn(
                f"the document-term matrix is fitted row by row (whole reports), not on its "
                f"reports' {self.unit}s: {why}",
                UserWarning,
                stacklevel=4,
            )
            return X
        if fitting:
            mine = self.tokenizer
            if mine is not None and mine is not tok and mine.config_hash != config:
                raise InputError(
                    "tokenizer differs from the one the document-term matrix was made with: "
                    "set tokenizer=None (the matrix's own is used)"
                )
            self._default_tok = tok
            self._source_fit = True
        units = paragraph_dtm(
            Corpus([by_name[n] for n in names]), tok, unit=self.unit, procedural=self.procedural
        )
        kept = units.select(X.vocab)
        kept._unit_tokens = getattr(units, "_unit_tokens", None)  # type: ignore[attr-defined]
        kept._rows = X.meta  # type: ignore[attr-defined]  # the rows results follow
        return kept

    def _tok(self) -> Any:
        """The tokenizer in use (a default ``PolicyTokenizer`` built once per model)."""
        if self.tokenizer is not None:
            return self.tokenizer
        if getattr(self, "_default_tok", None) is None:
            from govtext.tokenize.policy import PolicyTokenizer

            self._default_tok = PolicyTokenizer()
        return self._default_tok

    def fit(self, X: Any, y: Any = None) -> TopicModel:
        """Fit on a corpus (split into units), a document-term matrix or a count matrix.

        Parameters
        ----------
        X : Corpus, TokenizedCorpus, iterable of str, DocumentTermMatrix, or array / sparse matrix
            A plain matrix holds non-negative counts, one row per document (``"lda"``
            also takes fractional values); its columns are named ``"0"``, ``"1"``, ... in
            ``vocab_``.
        y : ignored

        Returns
        -------
        TopicModel
            ``self``.
        """
        self._check()
        self._source_fit = False
        units, plain = self._units(X)
        if plain:
            check_counts(units.matrix, self.method)
        n_features = units.shape[1]
        self.__dict__.pop("n_features_in_", None)
        box = [units]
        del units  # _fit_box lets the units go once their selected columns are taken
        self._fit_box(box, pos=not plain)
        if plain:
            self.n_features_in_ = n_features
        return self

    def _fit_units(self, units: DocumentTermMatrix, *, pos: bool = True) -> TopicModel:
        return self._fit_box([units], pos=pos)

    def _fit_box(self, box: list[DocumentTermMatrix], *, pos: bool = True) -> TopicModel:
        """Fit on the units held (alone) by ``box``: they are dropped from memory as soon
        as the columns kept are taken (the paragraph matrix over every word is the
        largest object of a fit on a big corpus), before the decomposition runs."""
        units = box.pop()
        n_units = units.shape[0]
        if n_units == 0:
            raise InputError("nothing to model: no documents")
        max_df = self.max_df
        whole = self.unit == "report" or "report" not in units.meta.columns
        self.ranking_ = self.ranking or ("frequency" if whole else "frex")
        if max_df is None:  # whole reports: a subject's words are in many of them
            max_df = 1.0 if whole else 0.2
        common: frozenset[str] = frozenset()
        if pos and self.drop_generic:
            from govtext.stats.keywords import genre_generic

            common = genre_generic(int(self.drop_generic))
        keep = vocab_mask(
            units,
            min_df=self.min_df,
            max_df=max_df,
            drop_pos=self.drop_pos if pos else None,
            tokenizer=self._tok() if pos and self.drop_pos else None,
            k=self.k,
            drop_words=common,
        )
        if int(keep.sum()) < self.k:
            raise InputError(
                f"only {int(keep.sum())} distinct words for k={self.k} topics; lower k"
            )
        U = units.select(keep)
        unit_tokens = getattr(units, "_unit_tokens", None)
        rows = getattr(units, "_rows", None)
        del units
        lengths = U.doc_lengths()
        counts = U.matrix.astype(np.float64)
        self.estimator_, self.tfidf_ = fit_decomposition(
            counts,
            fitting_rows(lengths, self.min_unit_tokens, self.k),
            method=self.method,
            k=self.k,
            random_state=self.random_state,
            max_iter=self.max_iter,
        )
        self.vocab_ = list(U.vocab)
        self.components_ = np.asarray(self.estimator_.components_, dtype=np.float64)
        tot = self.components_.sum(axis=1, keepdims=True)
        tot[tot == 0] = 1.0
        self.topic_term_ = self.components_ / tot
        self.unit_topic_ = self._unit_shares(counts)
        self.topic_counts_ = np.asarray(counts.T @ self.unit_topic_, dtype=np.float64).T
        self.unit_dtm_ = U
        self._unit_tokens = unit_tokens
        self.unit_lengths_ = lengths.astype(np.float64)
        self.doc_topic_, self.doc_lengths_, self.meta_ = _as_rows(
            *to_reports(self.unit_topic_, self.unit_lengths_, U.meta), rows
        )
        self.labels_ = ["/".join(t) for t in self.top_terms(3)]
        self.term_frequency_ = U.term_counts()
        return self

    def _unit_shares(self, counts: Any) -> np.ndarray:
        return unit_shares(self.estimator_, self.tfidf_, counts)

    def transform(self, X: Any) -> np.ndarray:
        """Topic shares (rows sum to one) of new reports, or of a matrix's rows.

        A corpus is split into units like the training data and aggregated to reports.
        A report matrix made from a corpus is split into its reports' units too when the
        model was fitted on such a matrix's units (one row per matrix row); any other
        :class:`DocumentTermMatrix` is transformed row by row and aggregated by its
        ``report`` column if it has one (words outside ``vocab_`` are ignored). Nothing
        is refitted: the TF-IDF weighting and the topics are those learned in
        :meth:`fit`, so ``transform`` of the training data equals :meth:`fit_transform`.

        Returns
        -------
        numpy.ndarray
            ``(n_reports, k)``.
        """
        self._fitted()
        units, plain = self._units(X, fitting=False)
        n_in = getattr(self, "n_features_in_", None)
        if plain and units.shape[1] != n_in:
            raise InputError(
                f"a count matrix of {units.shape[1]} columns, but the model was fitted on "
                + ("words" if n_in is None else f"{n_in} columns")
            )
        U = units.select(self.vocab_)
        if U.shape[1] != len(self.vocab_):  # some training words absent: pad columns
            U = align(units, self.vocab_)
        W = self._unit_shares(U.matrix.astype(np.float64))
        shares = to_reports(W, U.doc_lengths().astype(np.float64), U.meta)
        return _as_rows(*shares, getattr(units, "_rows", None))[0]

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        """:meth:`fit`, then return ``doc_topic_``."""
        return self.fit(X).doc_topic_

    def __repr__(self) -> str:  # type: ignore[override]  # short, not BaseEstimator's
        state = (
            f", fitted on {self.unit_dtm_.shape[0]} units" if hasattr(self, "components_") else ""
        )
        return f"TopicModel(k={self.k}, method={self.method!r}, unit={self.unit!r}{state})"


def _as_rows(
    shares: np.ndarray, lengths: np.ndarray, meta: Any, rows: Any
) -> tuple[np.ndarray, np.ndarray, Any]:
    """Report shares, lengths and metadata in the order of a matrix's rows, with its
    metadata ``rows`` (``None``: as they are): a report without any unit to model gets
    even shares and length 0."""
    if rows is None:
        return shares, lengths, meta
    names = [str(n) for n in rows.index]
    pos = {str(n): i for i, n in enumerate(meta.index)}
    k = shares.shape[1]
    out = np.full((len(names), k), 1.0 / k)
    out_len = np.zeros(len(names))
    for i, n in enumerate(names):
        j = pos.get(n)
        if j is not None:
            out[i], out_len[i] = shares[j], lengths[j]
    return out, out_len, rows.copy()


# ---------------------------------------------------------------- public functions
def fit_topics(
    dtm_or_corpus: Any,
    k: int = 10,
    method: str = "nmf",
    random_state: int | None = 0,
    unit: str = "paragraph",
    **kwargs: Any,
) -> TopicModel:
    """Fit a topic model on a corpus (paragraphs by default) or a document-term matrix.

    Parameters
    ----------
    dtm_or_corpus : Corpus, TokenizedCorpus, iterable of str, or DocumentTermMatrix
        (or a plain count matrix, see :meth:`TopicModel.fit`)
    k : int, default 10
    method : {"nmf", "lda"}, default "nmf"
    random_state : int, default 0
    unit : {"paragraph", "section", "report"}, default "paragraph"
    **kwargs
        Other :class:`TopicModel` parameters (``tokenizer``, ``min_df``, ``max_df``,
        ``ranking``, ...).

    Returns
    -------
    TopicModel

    Examples
    --------
    >>> import govtext as gt
    >>> corpus = gt.datasets.load_sample().filter(level="national")
    >>> model = gt.fit_topics(corpus[:3], k=3)
    >>> model.doc_topic_.shape, bool(np.allclose(model.doc_topic_.sum(axis=1), 1))
    ((3, 3), True)
    >>> len(model.labels_[0].split("/"))
    3
    """
    return TopicModel(k=k, method=method, unit=unit, random_state=random_state, **kwargs).fit(
        dtm_or_corpus
    )
