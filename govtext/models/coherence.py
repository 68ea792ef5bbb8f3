"""Topic coherence (NPMI, UMass) and diversity, computed on the corpus itself.

The reference is a set of documents: the modelling units (paragraphs by default) or
sliding windows of ``window`` tokens over them. Counting is sparse matrix algebra: a
binary units × words matrix ``B`` restricted to the topics' words, ``B.T @ B`` for the
co-document counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse as sp

__all__ = ["coherence", "topic_diversity", "occurrence_matrix"]


def topic_diversity(top_terms: Sequence[Sequence[str]]) -> float:
    """Share of unique words among all topics' top words (1.0 = no word repeated).

    Examples
    --------
    >>> topic_diversity([["乡村振兴", "农业"], ["农业", "工业"]])
    0.75
    """
    words = [w for t in top_terms for w in t]
    if not words:
        raise InputError("top_terms is empty")
    return len(set(words)) / len(words)


def occurrence_matrix(
    reference: Any, words: Sequence[str], window: int | None = None
) -> tuple[sp.csr_matrix, dict[str, int]]:
    """Binary reference-documents × words matrix for ``words``.

    Parameters
    ----------
    reference : DocumentTermMatrix, scipy sparse matrix with ``vocab``, or list of token lists
        A :class:`~govtext.matrix.DocumentTermMatrix` (its rows are the reference documents)
        or token lists (one per unit, in order; needed for sliding windows).
    words : sequence of str
    window : int, optional
        Sliding window of this many tokens over each token list; each window is one
        reference document. Requires token lists.

    Returns
    -------
    (scipy.sparse.csr_matrix, dict)
        The matrix (float64, 0/1) and the column of each word.
    """
    import scipy.sparse as sp

    uniq = sorted(set(words))
    col = {w: i for i, w in enumerate(uniq)}
    if hasattr(reference, "matrix") and hasattr(reference, "vocab"):
        if window is not None:
            raise InputError("a sliding window needs token lists as the reference, not a matrix")
        ti = reference.term_index
        cols = np.array([ti.get(w, -1) for w in uniq])
        present = cols >= 0
        sub = reference.matrix[:, cols[present]]
        B = (sub > 0).astype(np.float64)
        # scatter the present columns into the full word set (absent words: empty columns)
        k = int(present.sum())
        expand = sp.csr_matrix(
            (np.ones(k), (np.arange(k), np.flatnonzero(present))), shape=(k, len(uniq))
        )
        return (B @ expand).tocsr(), col
    docs = list(reference)
    if docs and isinstance(docs[0], str):
        raise InputError(
            "reference must be token lists (list of list of str), not a list of strings"
        )
    rows: list[np.ndarray] = []
    cols_l: list[np.ndarray] = []
    n_ref = 0
    for toks in docs:
        ids = np.array([col.get(t, -1) for t in toks], dtype=np.int64)
        n = len(ids)
        if window is None:
            hit = np.unique(ids[ids >= 0])
            rows.append(np.full(len(hit), n_ref))
            cols_l.append(hit)
            n_ref += 1
            continue
        n_win = max(n - window + 1, 1)
        pos = np.flatnonzero(ids >= 0)
        if len(pos):
            # token at position p is in windows max(0, p-window+1) .. min(p, n_win-1)
            starts = np.maximum(pos - window + 1, 0)
            ends = np.minimum(pos, n_win - 1)
            reps = ends - starts + 1
            win = np.repeat(starts, reps) + (
                np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
            )
            rows.append(win + n_ref)
            cols_l.append(np.repeat(ids[pos], reps))
        n_ref += n_win
    if n_ref == 0:
        raise InputError("the coherence reference has no documents")
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols_l) if cols_l else np.zeros(0, dtype=np.int64)
    B = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(n_ref, len(uniq)))
    B.data[:] = 1.0  # duplicates summed by the constructor
    B.sum_duplicates()
    B.data[:] = 1.0
    return B, col


def _pair_scores(top: list[int], co: np.ndarray, df: np.ndarray, n: int, measure: str) -> float:
    vals = []
    for a in range(1, len(top)):
        for b in range(a):
            i, j = top[a], top[b]  # i ranked below j
            nij = co[i, j]
            if measure == "umass":
                if df[j] == 0:
                    continue
                vals.append(np.log((nij + 1.0) / df[j]))
                continue
            if nij == 0 or df[i] == 0 or df[j] == 0:
                vals.append(-1.0)
                continue
            pij = nij / n
            if pij >= 1.0:
                vals.append(0.0 if df[i] == n and df[j] == n else 1.0)
                continue
            vals.append(np.log(pij / ((df[i] / n) * (df[j] / n))) / -np.log(pij))
    return float(np.mean(vals)) if vals else float("nan")


def coherence(
    top_terms: Sequence[Sequence[str]],
    reference: Any,
    *,
    measure: str | Sequence[str] = ("npmi", "umass"),
    window: int | None = None,
) -> pd.DataFrame:
    """Coherence of each topic's top words against a reference corpus.

    Parameters
    ----------
    top_terms : list of list of str
        Each topic's words, best first (e.g. ``model.top_terms(10)``).
    reference : DocumentTermMatrix or list of token lists
        The reference documents: usually the modelling units (paragraphs), e.g.
        ``model.unit_dtm_``; token lists allow a sliding ``window``.
    measure : "npmi", "umass" or both
        NPMI (normalised pointwise mutual information, in [-1, 1]; a pair that never
        co-occurs counts -1) averaged over word pairs; UMass (Mimno et al. 2011,
        ``log((D(wi, wj) + 1) / D(wj))`` for each word ``wi`` ranked below ``wj``), averaged.
    window : int, optional
        Use sliding windows of this many tokens as reference documents.

    Returns
    -------
    pandas.DataFrame
        One row per topic (``topic``, one column per measure); ``.attrs["mean"]`` holds the
        mean of each measure.

    Examples
    --------
    >>> docs = [["乡村振兴", "农业"], ["乡村振兴", "农业"], ["工业", "制造业"], ["工业", "制造业"]]
    >>> t = coherence([["乡村振兴", "农业"], ["乡村振兴", "工业"]], docs)
    >>> t["npmi"].round(2).tolist()
    [1.0, -1.0]
    """
    import pandas as pd

    measures = [measure] if isinstance(measure, str) else list(measure)
    for m in measures:
        if m not in ("npmi", "umass"):
            raise InputError(f"measure must be 'npmi' or 'umass', not {m!r}")
    topics = [list(t) for t in top_terms]
    if not topics or not any(topics):
        raise InputError("top_terms is empty")
    if window is not None and window < 2:
        raise InputError(f"window must be at least 2 tokens, not {window}")
    B, col = occurrence_matrix(reference, [w for t in topics for w in t], window=window)
    n = B.shape[0]
    co = (B.T @ B).toarray()
    df = np.diag(co).copy()
    data: dict[str, list[float]] = {m: [] for m in measures}
    for t in topics:
        ids = [col[w] for w in t]
        for m in measures:
            data[m].append(_pair_scores(ids, co, df, n, m))
    out = pd.DataFrame({"topic": np.arange(len(topics)), **data})
    out.attrs["mean"] = {m: float(np.nanmean(data[m])) for m in measures}
    return out
