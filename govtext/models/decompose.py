"""The matrix factorisation under a topic model: NMF on sublinear TF-IDF, or LDA on counts.

:func:`fit_decomposition` fits scikit-learn's ``NMF`` (deterministic ``nndsvd`` start)
or ``LatentDirichletAllocation`` (batch variational Bayes) on the units chosen by
:func:`fitting_rows`; :func:`unit_shares` applies the fitted weighting and model to any
unit counts without refitting anything.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from govtext.errors import InputError
from govtext.models.units import rows_to_simplex

__all__ = ["check_counts", "fit_decomposition", "fitting_rows", "unit_shares"]


def fitting_rows(lengths: np.ndarray, min_unit_tokens: int, k: int) -> np.ndarray:
    """Units to fit on: those with at least ``min_unit_tokens`` tokens (any with words if
    fewer than ``k`` have that many).

    Examples
    --------
    >>> fitting_rows(np.array([9, 1, 0, 7]), 5, 2).tolist()
    [True, False, False, True]
    >>> fitting_rows(np.array([9, 1, 0, 2]), 5, 2).tolist()
    [True, True, False, True]
    """
    rows = lengths >= min_unit_tokens
    if rows.sum() < k:
        rows = lengths > 0
    if rows.sum() < k:
        raise InputError(f"only {int(rows.sum())} documents with words for k={k} topics; lower k")
    return rows


def check_counts(matrix: Any, method: str) -> None:
    """NMF weights counts by ``1 + log(count)``: refuse values between 0 and 1 for it."""
    data = matrix.data
    if method == "nmf" and ((data > 0) & (data < 1)).any():
        raise InputError(
            "method='nmf' weights counts by 1 + log(count): a matrix with values between "
            "0 and 1 is not a count matrix (use method='lda', or counts)"
        )


def fit_decomposition(
    counts: Any,
    rows: np.ndarray,
    *,
    method: str,
    k: int,
    random_state: Any,
    max_iter: int,
) -> tuple[Any, Any]:
    """Fit NMF (on sublinear TF-IDF) or LDA (on counts) on ``counts[rows]``.

    Returns
    -------
    (estimator, TfidfTransformer or None)
        The fitted scikit-learn model and, for NMF, the TF-IDF weighting learned on the
        same rows.
    """
    import scipy.sparse as sp

    if method == "nmf":
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfTransformer

        tfidf = TfidfTransformer(sublinear_tf=True).fit(counts[rows])
        est = NMF(
            n_components=k, init="nndsvd", random_state=random_state, max_iter=max_iter, tol=1e-4
        )
        est.fit(tfidf.transform(counts[rows]))
        return est, tfidf
    from sklearn.decomposition import LatentDirichletAllocation

    est = LatentDirichletAllocation(
        n_components=k,
        learning_method="batch",
        max_iter=min(max_iter, 100),
        random_state=random_state,
    )
    est.fit(sp.csr_matrix(counts[rows]))
    return est, None


def unit_shares(estimator: Any, tfidf: Any, counts: Any) -> np.ndarray:
    """Topic shares (rows sum to one) of unit counts, with the fitted weighting and model."""
    X = counts if tfidf is None else tfidf.transform(counts)
    return rows_to_simplex(np.asarray(estimator.transform(X), dtype=np.float64))
