"""Topic models of reports: NMF or LDA, coherence, prevalence by year and region.

Reports are long and few (a national series has one report a year), so by default the
model is fitted on **paragraphs** (lines of the report; over-long lines are cut at sentence
ends) and each report's topic shares are the paragraph shares averaged with the
paragraphs' token counts as weights. Paragraphs are far more uniform in subject than
whole reports, which gives sharper, more coherent topics (measured in
``benchmarks/topics_vs_gensim.py`` and ``docs/topics.md``).

The default method is NMF on sublinear TF-IDF of the paragraph counts (deterministic
``nndsvd`` start), with each topic's words ranked by *FREX*-style weight: the harmonic mean
of how strongly a word loads on the topic and how exclusive it is to it, so that verbs
that every topic uses (加强, 推进, ...) do not crowd out the words that tell topics apart.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.models.coherence import coherence, topic_diversity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["TopicModel", "fit_topics", "choose_k", "coherence", "topic_diversity", "paragraph_dtm"]

_SENT_END = frozenset("。！？；!?;")
_UNITS = ("paragraph", "section", "report")
# jieba part-of-speech tags of function words: conjunctions, adverbs (incl. adverbial
# adjectives such as 积极, 切实), numerals, prepositions, classifiers, pronouns, time words,
# particles, interjections, onomatopoeia. They carry no subject matter.
FUNCTION_POS = ("c", "d", "ad", "m", "p", "q", "r", "t", "u", "y", "e", "o", "zg")


# --------------------------------------------------------------------------- units
def _split_pieces(pieces: list[str], max_chars: int) -> list[list[str]]:
    """Group cut pieces into paragraphs: break at newlines; cut over-long ones at sentence ends."""
    paras: list[list[str]] = []
    cur: list[str] = []
    size = 0
    for p in pieces:
        if "\n" in p:
            if cur:
                paras.append(cur)
            cur, size = [], 0
            continue
        cur.append(p)
        size += len(p)
        if size >= max_chars and p in _SENT_END:
            paras.append(cur)
            cur, size = [], 0
    if cur:
        paras.append(cur)
    return paras


def _section_texts(report: Any) -> list[str]:
    """The report's text cut at every heading start (any level), preamble included."""
    from govtext.text.structure import walk

    starts = sorted({int(sec.start) for sec in walk(report.sections)} | {0})
    ends = [*starts[1:], len(report.text)]
    return [report.text[a:b] for a, b in zip(starts, ends) if b > a]


def paragraph_dtm(
    corpus: Corpus | Iterable[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    unit: str = "paragraph",
    max_chars: int = 600,
) -> DocumentTermMatrix:
    """Document-term matrix with one row per paragraph (or per report).

    Each report is cut once (so a term defined in quotes stays whole throughout the
    report), then split at line breaks; a line longer than ``max_chars`` characters is cut
    further at sentence ends. The metadata holds the report's metadata plus ``report``
    (its name), ``paragraph`` (number within the report) and ``chars``.

    Parameters
    ----------
    corpus : Corpus or iterable of str
    tokenizer : PolicyTokenizer, optional
        Default: ``PolicyTokenizer()``.
    unit : {"paragraph", "section", "report"}
        ``"section"``: the text between consecutive headings found by
        :func:`govtext.parse_sections` (a report without headings is one unit).
    max_chars : int, default 600

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> import govtext as gt
    >>> m = paragraph_dtm(gt.corpus_from_texts(["乡村振兴。\\n营商环境。", "数字经济"]))
    >>> m.meta["report"].tolist(), m.meta["paragraph"].tolist()
    (['doc0', 'doc0', 'doc1'], [0, 1, 0])
    """
    import pandas as pd
    from sklearn.feature_extraction.text import CountVectorizer

    from govtext.corpus.reports import Corpus, corpus_from_texts
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

    if unit not in _UNITS:
        raise InputError(f"unit must be 'paragraph', 'section' or 'report', not {unit!r}")
    if not isinstance(corpus, Corpus):
        corpus = corpus_from_texts(list(corpus))
    if len(corpus) == 0:
        raise InputError("the corpus is empty")
    tok = tokenizer or PolicyTokenizer()
    rmeta = corpus.meta
    tokens: list[list[str]] = []
    rows: list[dict[str, Any]] = []
    for r in corpus:
        if unit == "section":
            groups = [tok.cut(part) for part in _section_texts(r)]
        else:
            pieces = tok.cut(r.text)
            groups = _split_pieces(pieces, max_chars) if unit == "paragraph" else [pieces]
        i = 0
        for g in groups:
            text_len = sum(len(p.strip()) for p in g)
            if text_len == 0:
                continue
            tokens.append(tok.filter(g))
            rows.append({"report": r.name, "paragraph": i, "chars": text_len})
            i += 1
    if not any(tokens):
        raise InputError("no paragraph has any analysis token after filtering")
    vec = CountVectorizer(analyzer=lambda x: x, dtype=np.int64)
    X = vec.fit_transform(tokens).tocsr()
    meta = pd.DataFrame(rows)
    extra = rmeta.drop(columns=[c for c in ("name", "chars") if c in rmeta.columns])
    meta = meta.join(extra, on="report")
    meta.index = [f"{r}#{p}" for r, p in zip(meta["report"], meta["paragraph"])]
    out = DocumentTermMatrix(X, list(vec.get_feature_names_out()), meta)
    out._unit_tokens = tokens  # type: ignore[attr-defined]  # text order, for sliding windows
    return out


# ---------------------------------------------------------------------- the model
class TopicModel:
    """Topic model fitted on paragraphs (or reports), aggregated back to reports.

    Follows scikit-learn's conventions: parameters in ``__init__``, :meth:`fit` /
    :meth:`transform`, learned attributes ending in ``_``.

    Parameters
    ----------
    k : int, default 10
        Number of topics.
    method : {"nmf", "lda"}, default "nmf"
        NMF on sublinear TF-IDF (scikit-learn ``NMF``, ``nndsvd`` start) or LDA on counts
        (scikit-learn ``LatentDirichletAllocation``, batch variational Bayes).
    unit : {"paragraph", "section", "report"}, default "paragraph"
        Modelling unit when fitting a corpus. A :class:`DocumentTermMatrix` is modelled row
        by row; if its metadata has a ``report`` column, rows are aggregated by it.
    random_state : int, default 0
    tokenizer : PolicyTokenizer, optional
        Used when fitting a corpus (default ``PolicyTokenizer()``).
    min_df : int or float, default 5
        Keep words found in at least this many units (or this share of units).
    max_df : float or int, default 0.2
        Drop words found in more than this share (or number) of units: a word present in
        one paragraph out of five (发展, 建设, 改革 ...) says little about any one subject.
        Lower values (0.05) give slightly higher coherence on long series but leave one
        large catch-all topic on short ones (see ``docs/topics.md``).
    min_unit_tokens : int, default 5
        Units with fewer analysis tokens (headings, greetings) are not used to fit the
        model (they still count, by their length, in report shares).
    ranking : {"frex", "weight"}, default "frex"
        How :meth:`top_terms` orders words: ``"weight"`` by topic weight; ``"frex"`` by the
        harmonic mean of the weight's rank and the word's exclusivity rank
        (weight in this topic / weight in all topics), as in R's stm.
    frex_weight : float, default 0.5
        Share given to exclusivity in the FREX harmonic mean.
    drop_pos : sequence of str or None, default ``FUNCTION_POS``
        Leave out words whose jieba part-of-speech tag (from the tokenizer's dictionary) is
        one of these: conjunctions, adverbs, numerals, pronouns, time words, particles ...
        (由于, 进一步, 积极, 一些, 目前). Words unknown to the dictionary are kept. ``None``
        keeps all.
    max_iter : int, default 1000

    Attributes
    ----------
    vocab_ : list of str
    components_ : ndarray, (k, n_terms)
        Non-negative topic-term weights.
    topic_term_ : ndarray, (k, n_terms)
        ``components_`` with rows summing to one.
    unit_dtm_ : DocumentTermMatrix
        Counts of the modelling units, restricted to ``vocab_`` (metadata: ``report``).
    unit_topic_ : ndarray, (n_units, k)
        Topic shares of each unit (rows sum to one).
    doc_topic_ : ndarray, (n_reports, k)
        Topic shares of each report (rows sum to one): unit shares weighted by token counts.
    doc_lengths_ : ndarray
        Analysis tokens (in ``vocab_``) per report.
    meta_ : pandas.DataFrame
        One row per report, aligned with ``doc_topic_``.
    labels_ : list of str
        Short label per topic: its top three words joined by ``/``.
    """

    def __init__(
        self,
        k: int = 10,
        method: str = "nmf",
        unit: str = "paragraph",
        random_state: int | None = 0,
        tokenizer: PolicyTokenizer | None = None,
        min_df: int | float = 5,
        max_df: int | float = 0.2,
        min_unit_tokens: int = 5,
        ranking: str = "frex",
        frex_weight: float = 0.5,
        drop_pos: Sequence[str] | None = FUNCTION_POS,
        max_iter: int = 1000,
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

    # ----------------------------------------------------------------- fitting
    def _check(self) -> None:
        if not isinstance(self.k, (int, np.integer)) or self.k < 1:
            raise InputError(f"k must be a positive integer, not {self.k!r}")
        if self.method not in ("nmf", "lda"):
            raise InputError(f"method must be 'nmf' or 'lda', not {self.method!r}")
        if self.unit not in _UNITS:
            raise InputError(f"unit must be 'paragraph', 'section' or 'report', not {self.unit!r}")
        if self.ranking not in ("frex", "weight"):
            raise InputError(f"ranking must be 'frex' or 'weight', not {self.ranking!r}")
        if not 0.0 <= self.frex_weight <= 1.0:
            raise InputError(f"frex_weight must be between 0 and 1, not {self.frex_weight!r}")

    def _units(self, X: Any) -> DocumentTermMatrix:
        from govtext.features.dtm import DocumentTermMatrix

        if isinstance(X, DocumentTermMatrix):
            return X
        return paragraph_dtm(X, self._tok(), unit=self.unit)

    def _tok(self) -> Any:
        """The tokenizer in use (a default ``PolicyTokenizer`` built once per model)."""
        if self.tokenizer is not None:
            return self.tokenizer
        if getattr(self, "_default_tok", None) is None:
            from govtext.tokenize.policy import PolicyTokenizer

            self._default_tok = PolicyTokenizer()
        return self._default_tok

    def fit(self, X: Any, y: Any = None) -> TopicModel:
        """Fit on a corpus (split into units) or a document-term matrix.

        Parameters
        ----------
        X : Corpus, iterable of str, or DocumentTermMatrix
        y : ignored

        Returns
        -------
        TopicModel
            ``self``.
        """
        self._check()
        units = self._units(X)
        return self._fit_units(units)

    def _vocab_mask(self, units: DocumentTermMatrix) -> np.ndarray:
        n = units.shape[0]
        df = units.doc_freq()
        lo = (
            self.min_df
            if isinstance(self.min_df, (int, np.integer))
            else int(np.ceil(self.min_df * n))
        )
        hi = (
            self.max_df
            if isinstance(self.max_df, (int, np.integer))
            else int(np.floor(self.max_df * n))
        )
        keep = (df >= lo) & (df <= max(hi, lo))
        if self.drop_pos:
            tags = _pos_tags(self._tok(), units.vocab)
            pos = tuple(self.drop_pos)
            keep &= np.array([t not in pos for t in tags])
        if keep.sum() < self.k:
            # small corpora: relax the bounds rather than fail
            keep = df >= 1
        return keep

    def _fit_units(self, units: DocumentTermMatrix) -> TopicModel:
        import scipy.sparse as sp

        n_units = units.shape[0]
        if n_units == 0:
            raise InputError("nothing to model: no documents")
        keep = self._vocab_mask(units)
        if int(keep.sum()) < self.k:
            raise InputError(
                f"only {int(keep.sum())} distinct words for k={self.k} topics; lower k"
            )
        U = units.select_terms(keep)
        lengths = U.doc_lengths()
        fit_rows = lengths >= self.min_unit_tokens
        if fit_rows.sum() < self.k:
            fit_rows = lengths > 0
        if fit_rows.sum() < self.k:
            raise InputError(
                f"only {int(fit_rows.sum())} documents with words for k={self.k} topics; lower k"
            )
        counts = U.matrix.astype(np.float64)
        if self.method == "nmf":
            from sklearn.decomposition import NMF
            from sklearn.feature_extraction.text import TfidfTransformer

            tfidf = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
            est = NMF(
                n_components=self.k,
                init="nndsvd",
                random_state=self.random_state,
                max_iter=self.max_iter,
                tol=1e-4,
            )
            est.fit(tfidf.transform(counts[fit_rows]))
            W = est.transform(tfidf.transform(counts))
            comps = est.components_
        else:
            from sklearn.decomposition import LatentDirichletAllocation

            est = LatentDirichletAllocation(
                n_components=self.k,
                learning_method="batch",
                max_iter=min(self.max_iter, 100),
                random_state=self.random_state,
            )
            est.fit(sp.csr_matrix(counts[fit_rows]))
            W = est.transform(counts)
            comps = est.components_
        self.estimator_ = est
        self.vocab_ = list(U.vocab)
        self.components_ = np.asarray(comps, dtype=np.float64)
        tot = self.components_.sum(axis=1, keepdims=True)
        tot[tot == 0] = 1.0
        self.topic_term_ = self.components_ / tot
        self.unit_topic_ = _rows_to_simplex(np.asarray(W, dtype=np.float64))
        self.unit_dtm_ = U
        self._unit_tokens = getattr(units, "_unit_tokens", None)
        self.unit_lengths_ = lengths.astype(np.float64)
        self._aggregate()
        self.labels_ = [_label(t) for t in self.top_terms(3)]
        self.term_frequency_ = U.term_counts()
        return self

    def _aggregate(self) -> None:
        import pandas as pd
        import scipy.sparse as sp

        meta = self.unit_dtm_.meta
        if "report" in meta.columns:
            names = meta["report"].astype(str).tolist()
            order = list(dict.fromkeys(names))
            pos = {n: i for i, n in enumerate(order)}
            rows = np.array([pos[n] for n in names])
            agg = sp.csr_matrix(
                (self.unit_lengths_, (rows, np.arange(len(names)))), shape=(len(order), len(names))
            )
            mass = agg @ self.unit_topic_
            self.doc_lengths_ = np.asarray(agg.sum(axis=1)).ravel()
            first = pd.Series(np.arange(len(names))).groupby(rows).first().to_numpy()
            rmeta = meta.iloc[first].drop(columns=["paragraph", "chars"], errors="ignore")
            rmeta.index = order
        else:
            mass = self.unit_topic_ * self.unit_lengths_[:, None]
            self.doc_lengths_ = self.unit_lengths_.copy()
            rmeta = meta.copy()
        self.doc_topic_ = _rows_to_simplex(np.asarray(mass))
        self.meta_ = rmeta

    def transform(self, X: Any) -> np.ndarray:
        """Topic shares (rows sum to one) of new reports, or of a matrix's rows.

        A corpus is split into units like the training data and aggregated to reports;
        a :class:`DocumentTermMatrix` is transformed row by row (words outside ``vocab_``
        are ignored).

        Returns
        -------
        numpy.ndarray
            ``(n_reports, k)``.
        """
        self._fitted()
        units = self._units(X)
        U = units.select_terms(self.vocab_)
        if U.shape[1] != len(self.vocab_):  # some training words absent: pad columns
            U = _align(units, self.vocab_)
        counts = U.matrix.astype(np.float64)
        if self.method == "nmf":
            from sklearn.feature_extraction.text import TfidfTransformer

            # idf of the training units
            train = self.unit_dtm_.matrix.astype(np.float64)
            fit_rows = self.unit_lengths_ >= self.min_unit_tokens
            if fit_rows.sum() < self.k:
                fit_rows = self.unit_lengths_ > 0
            tf = TfidfTransformer(sublinear_tf=True).fit(train[fit_rows])
            W = self.estimator_.transform(tf.transform(counts))
        else:
            W = self.estimator_.transform(counts)
        W = _rows_to_simplex(np.asarray(W, dtype=np.float64))
        lengths = U.doc_lengths().astype(np.float64)
        if "report" in U.meta.columns:
            import pandas as pd

            codes, uniq = pd.factorize(U.meta["report"].astype(str))
            mass = np.zeros((len(uniq), self.k))
            np.add.at(mass, codes, W * lengths[:, None])
            return _rows_to_simplex(mass)
        return W

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        """:meth:`fit`, then return ``doc_topic_``."""
        return self.fit(X).doc_topic_

    def _fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise InputError("this TopicModel is not fitted yet; call fit() or use fit_topics()")

    # -------------------------------------------------------------- inspection
    def _order(self) -> np.ndarray:
        """Word order per topic (best first), shape (k, n_terms)."""
        W = self.components_
        if self.ranking == "weight" or self.k == 1:
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
        w = self.frex_weight
        score = 1.0 / (w / ex + (1 - w) / fr)
        score[W <= 0] = -1.0
        return np.argsort(-score, axis=1, kind="stable")

    def top_terms(self, n: int = 10) -> list[list[str]]:
        """The ``n`` best words of each topic (see ``ranking``).

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.fit_topics(gt.datasets.load_sample()[:3], k=2)
        >>> [len(t) for t in m.top_terms(5)]
        [5, 5]
        """
        self._fitted()
        order = self._order()[:, :n]
        return [[self.vocab_[j] for j in row] for row in order]

    @property
    def topics(self) -> pd.DataFrame:
        """Top ten words of every topic: ``topic, label, rank, term, weight`` (weight sums to one per topic)."""
        import pandas as pd

        self._fitted()
        order = self._order()[:, :10]
        rows = []
        for t in range(self.k):
            for r, j in enumerate(order[t]):
                rows.append(
                    (t, self.labels_[t], r + 1, self.vocab_[j], float(self.topic_term_[t, j]))
                )
        return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])

    def prevalence(
        self, by: str | Sequence[str] = "year", *, weights: str = "length"
    ) -> pd.DataFrame:
        """Topic shares per metadata group (rows sum to one).

        Parameters
        ----------
        by : str or list of str
            Metadata column(s) of the reports: ``"year"``, ``"region"``, ``"level"``, ...
        weights : {"length", "equal"}
            ``"length"``: a group's share of text devoted to each topic (reports weighted by
            their token counts); ``"equal"``: the plain mean of its reports' shares.

        Returns
        -------
        pandas.DataFrame
            Index: the group values; columns: topics ``0 .. k-1`` (see ``labels_``).

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.fit_topics(gt.datasets.load_sample()[:4], k=2)
        >>> bool(np.allclose(m.prevalence("year").sum(axis=1), 1))
        True
        """
        import pandas as pd

        self._fitted()
        cols = [by] if isinstance(by, str) else list(by)
        for c in cols:
            if c not in self.meta_.columns:
                raise InputError(
                    f"cannot compute prevalence by {c!r}: no such metadata column; columns are "
                    f"{', '.join(map(str, self.meta_.columns))}"
                )
        if weights not in ("length", "equal"):
            raise InputError(f"weights must be 'length' or 'equal', not {weights!r}")
        w = self.doc_lengths_ if weights == "length" else np.ones(len(self.meta_))
        mass = pd.DataFrame(self.doc_topic_ * w[:, None], columns=range(self.k))
        keys = self.meta_[cols].reset_index(drop=True)
        ok = ~keys.isna().any(axis=1)
        if not ok.any():
            raise InputError(f"no report has a value for {', '.join(cols)}")
        g = mass[ok.to_numpy()].groupby([keys.loc[ok, c] for c in cols], sort=True).sum()
        g = g.div(g.sum(axis=1).replace(0, 1.0), axis=0)
        g.columns.name = "topic"
        return g

    def top_reports(self, topic: int, n: int = 5) -> pd.DataFrame:
        """The ``n`` reports giving the largest share to ``topic``.

        Returns
        -------
        pandas.DataFrame
            ``report, share`` plus ``year, level, region`` when known.
        """
        import pandas as pd

        self._fitted()
        if not 0 <= int(topic) < self.k:
            raise InputError(f"topic must be between 0 and {self.k - 1}, not {topic!r}")
        share = self.doc_topic_[:, int(topic)]
        order = np.argsort(-share, kind="stable")[:n]
        out = pd.DataFrame(
            {"report": [str(self.meta_.index[i]) for i in order], "share": share[order]}
        )
        for c in ("year", "level", "region"):
            if c in self.meta_.columns:
                out[c] = self.meta_[c].iloc[order].to_numpy()
        return out

    def coherence(
        self,
        n: int = 10,
        *,
        window: int | None = None,
        measure: str | Sequence[str] = ("npmi", "umass"),
    ) -> pd.DataFrame:
        """NPMI and UMass of each topic's top ``n`` words on the modelling units.

        Parameters
        ----------
        n : int, default 10
        window : int, optional
            Use sliding windows of this many analysis tokens (within each unit, in text
            order) instead of whole units. Needs a model fitted on a corpus or on
            :func:`paragraph_dtm`.

        Returns
        -------
        pandas.DataFrame
            ``topic, label, npmi, umass``; ``.attrs["mean"]`` and ``.attrs["diversity"]``.
        """
        self._fitted()
        top = self.top_terms(n)
        if window is None:
            ref: Any = self.unit_dtm_
        else:
            ref = getattr(self, "_unit_tokens", None)
            if ref is None:
                raise InputError(
                    "sliding-window coherence needs the token order: fit the model on a corpus "
                    "(or on govtext.topics.paragraph_dtm(...)), not on a document-term matrix"
                )
        t = coherence(top, ref, measure=measure, window=window)
        t.insert(1, "label", self.labels_)
        t.attrs["diversity"] = topic_diversity(top)
        return t

    # ----------------------------------------------------------------- export
    def to_pyldavis(self) -> dict[str, Any]:
        """The fitted model as the keyword arguments of ``pyLDAvis.prepare``.

        Returns
        -------
        dict
            ``topic_term_dists`` (k × terms, rows sum to one), ``doc_topic_dists``
            (reports × k), ``doc_lengths``, ``vocab``, ``term_frequency`` (lists, JSON-able).
            Use ``pyLDAvis.prepare(**model.to_pyldavis())`` (pyLDAvis is not required).
        """
        self._fitted()
        tf = np.asarray(self.term_frequency_, dtype=np.float64)
        return {
            "topic_term_dists": np.round(self.topic_term_, 12).tolist(),
            "doc_topic_dists": np.round(self.doc_topic_, 12).tolist(),
            "doc_lengths": [int(x) for x in np.rint(self.doc_lengths_)],
            "vocab": list(self.vocab_),
            "term_frequency": [int(x) for x in tf],
        }

    def save(self, folder: str | os.PathLike[str], *, by: Sequence[str] = ("year",)) -> list[Path]:
        """Write ``topics.csv``, ``doc_topic.csv``, ``prevalence_<by>.csv``, ``coherence.csv``
        and ``pyldavis.json`` into ``folder`` (byte-identical for the same model).

        Returns
        -------
        list of Path
            The files written.
        """
        from govtext._runtime.files import atomic_write_text

        self._fitted()
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = [
            atomic_write_text(
                out / "topics.csv", self.topics.to_csv(index=False, float_format="%.6g")
            )
        ]
        dt = self.document_topics()
        written.append(atomic_write_text(out / "doc_topic.csv", dt.to_csv(float_format="%.6g")))
        for b in by:
            if b in self.meta_.columns and self.meta_[b].notna().any():
                p = self.prevalence(b)
                p.columns = [f"{c}:{self.labels_[c]}" for c in p.columns]
                written.append(
                    atomic_write_text(out / f"prevalence_{b}.csv", p.to_csv(float_format="%.6g"))
                )
        coh = self.coherence()
        written.append(
            atomic_write_text(out / "coherence.csv", coh.to_csv(index=False, float_format="%.6g"))
        )
        payload = {
            "params": self.get_params(),
            "labels": self.labels_,
            "top_terms": self.top_terms(10),
            **self.to_pyldavis(),
        }
        written.append(
            atomic_write_text(
                out / "pyldavis.json",
                json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n",
            )
        )
        return written

    def document_topics(self) -> pd.DataFrame:
        """``doc_topic_`` as a DataFrame (reports × topic labels)."""
        import pandas as pd

        self._fitted()
        return pd.DataFrame(
            self.doc_topic_,
            index=self.meta_.index,
            columns=[f"{i}:{lab}" for i, lab in enumerate(self.labels_)],
        )

    def get_params(self, deep: bool = False) -> dict[str, Any]:
        """Parameters (JSON-able; the tokenizer by its configuration hash)."""
        tok = self.tokenizer
        return {
            "k": int(self.k),
            "method": self.method,
            "unit": self.unit,
            "random_state": self.random_state,
            "tokenizer": None if tok is None else getattr(tok, "config_hash", repr(tok)),
            "min_df": self.min_df,
            "max_df": self.max_df,
            "min_unit_tokens": self.min_unit_tokens,
            "ranking": self.ranking,
            "frex_weight": self.frex_weight,
            "drop_pos": None if self.drop_pos is None else list(self.drop_pos),
            "max_iter": self.max_iter,
        }

    # ------------------------------------------------------------------ figures
    def plot_prevalence(
        self,
        by: str = "year",
        *,
        kind: str | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> Any:
        """Figure of topic prevalence: lines over years or a heatmap (groups × topics).

        Parameters
        ----------
        by : str, default "year"
        kind : {"lines", "heatmap"}, optional
            Default: lines for ``year``, a heatmap otherwise.
        path : path, optional
            Save the figure there (PNG or SVG, reproducible bytes) and close it.

        Returns
        -------
        matplotlib.figure.Figure or pathlib.Path
            The figure, or the written path when ``path`` is given.
        """
        from govtext.viz.figures import pyplot, save

        prev = self.prevalence(by)
        kind = kind or ("lines" if by == "year" else "heatmap")
        if kind not in ("lines", "heatmap"):
            raise InputError(f"kind must be 'lines' or 'heatmap', not {kind!r}")
        plt = pyplot()
        labels = [f"{i} {lab}" for i, lab in enumerate(self.labels_)]
        if kind == "lines":
            fig, ax = plt.subplots(figsize=(9, 5))
            import pandas as pd

            numeric = pd.api.types.is_numeric_dtype(prev.index.dtype)
            x = [float(v) for v in prev.index] if numeric else [str(v) for v in prev.index]
            cmap = plt.get_cmap("tab20")
            for t in range(self.k):
                ax.plot(x, prev[t].to_numpy(), label=labels[t], color=cmap(t % 20), lw=1.6)
            if numeric:
                from matplotlib.ticker import MaxNLocator

                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(by)
            ax.set_ylabel("share of text")
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
            ax.set_title(f"topic prevalence by {by}")
        else:
            fig, ax = plt.subplots(
                figsize=(max(6, 0.55 * self.k + 3), max(3, 0.3 * len(prev) + 1.5))
            )
            im = ax.imshow(prev.to_numpy(), aspect="auto", cmap="viridis")
            ax.set_yticks(range(len(prev)))
            ax.set_yticklabels([str(v) for v in prev.index], fontsize=7)
            ax.set_xticks(range(self.k))
            ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=7)
            fig.colorbar(im, ax=ax, label="share of text")
            ax.set_title(f"topic prevalence by {by}")
        if path is not None:
            return save(fig, path)
        return fig

    def __repr__(self) -> str:
        state = (
            f", fitted on {self.unit_dtm_.shape[0]} units" if hasattr(self, "components_") else ""
        )
        return f"TopicModel(k={self.k}, method={self.method!r}, unit={self.unit!r}{state})"


# ----------------------------------------------------------------------- helpers
def _rows_to_simplex(W: np.ndarray) -> np.ndarray:
    W = np.clip(W, 0.0, None)
    s = W.sum(axis=1, keepdims=True)
    out = np.divide(W, s, out=np.full_like(W, 1.0 / W.shape[1]), where=s > 0)
    return out


_POS_TABLES: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def _pos_tags(tokenizer: Any, words: Sequence[str]) -> list[str]:
    """Dictionary part-of-speech tag of each word (``"x"`` when unknown)."""
    import jieba.posseg

    from govtext.tokenize.policy import PolicyTokenizer

    tok = tokenizer if tokenizer is not None else PolicyTokenizer()
    engine = getattr(tok, "engine", None)
    if engine is None:  # pragma: no cover - a foreign tokenizer
        return ["x"] * len(words)
    table = _POS_TABLES.get(engine)
    if table is None:
        table = jieba.posseg.POSTokenizer(engine).word_tag_tab
        _POS_TABLES[engine] = table
    return [table.get(w, "x") for w in words]


def _label(terms: list[str]) -> str:
    return "/".join(terms)


def _align(units: DocumentTermMatrix, vocab: list[str]) -> DocumentTermMatrix:
    import scipy.sparse as sp

    from govtext.features.dtm import DocumentTermMatrix

    ti = units.term_index
    src = np.array([ti.get(w, -1) for w in vocab])
    ok = src >= 0
    sub = units.matrix[:, src[ok]]
    k = int(ok.sum())
    expand = sp.csr_matrix((np.ones(k), (np.arange(k), np.flatnonzero(ok))), shape=(k, len(vocab)))
    return DocumentTermMatrix((sub @ expand).tocsr().astype(np.int64), list(vocab), units.meta)


def _token_lists(m: DocumentTermMatrix) -> list[list[str]]:
    """Bag-of-words token lists of a matrix's rows (order within a row is by column)."""
    X = m.matrix.tocsr()
    vocab = np.array(m.vocab, dtype=object)
    out = []
    for i in range(X.shape[0]):
        a, b = X.indptr[i], X.indptr[i + 1]
        out.append(list(np.repeat(vocab[X.indices[a:b]], X.data[a:b])))
    return out


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
    dtm_or_corpus : Corpus, iterable of str, or DocumentTermMatrix
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


def choose_k(
    dtm_or_corpus: Any,
    ks: Iterable[int] = range(5, 31, 5),
    *,
    method: str = "nmf",
    random_state: int | None = 0,
    unit: str = "paragraph",
    n: int = 10,
    **kwargs: Any,
) -> pd.DataFrame:
    """Fit one model per ``k`` and tabulate coherence and diversity.

    The corpus is tokenized once. Pick a ``k`` with high NPMI and diversity near one; when
    several are close, the smaller ``k`` is easier to read.

    Parameters
    ----------
    dtm_or_corpus : Corpus, iterable of str, or DocumentTermMatrix
    ks : iterable of int, default 5, 10, ..., 30
    method, random_state, unit, **kwargs
        As in :func:`fit_topics`.
    n : int, default 10
        Top words per topic used for coherence and diversity.

    Returns
    -------
    pandas.DataFrame
        ``k, npmi, umass, diversity, npmi_min`` (one row per k).

    Examples
    --------
    >>> import govtext as gt
    >>> t = choose_k(gt.datasets.load_sample()[:3], ks=[2, 3])
    >>> t["k"].tolist(), list(t.columns)
    ([2, 3], ['k', 'npmi', 'umass', 'diversity', 'npmi_min'])
    """
    import pandas as pd

    ks = [int(x) for x in ks]
    if not ks:
        raise InputError("ks is empty")
    base = TopicModel(k=ks[0], method=method, unit=unit, random_state=random_state, **kwargs)
    base._check()
    units = base._units(dtm_or_corpus)
    kwargs["tokenizer"] = base._tok()  # one tokenizer (and part-of-speech table) for all k
    rows = []
    for kk in ks:
        m = TopicModel(k=kk, method=method, unit=unit, random_state=random_state, **kwargs)
        m._check()
        m._fit_units(units)
        c = m.coherence(n)
        rows.append(
            {
                "k": kk,
                "npmi": c.attrs["mean"]["npmi"],
                "umass": c.attrs["mean"]["umass"],
                "diversity": c.attrs["diversity"],
                "npmi_min": float(c["npmi"].min()),
            }
        )
    return pd.DataFrame(rows)
