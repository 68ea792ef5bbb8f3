"""Nested cores: count a term together with the longer tokens built on it.

A segmenter that keeps 高质量发展 whole counts 高质量 only where it stands alone, so a
comparison of years can call 高质量 "new" when it is the same phrase cut differently.
The rule used by :func:`govtext.emerging_terms`: a term's *nested count* is its own count
plus the counts of the tokens of the same matrix that begin or end with it (高质量 in
高质量发展, 乡村振兴 in 乡村振兴示范村) or that the tokenizer builds on it
(``PolicyTokenizer.cores``, where the tokenizer has it: 文明城市 in 全国文明城市).
Only terms of two characters or more are cores; the comparison is made on the
tokenizer's own output, the same way for every year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["nesting_matrix", "nested_counts"]


def nesting_matrix(vocab: list[str], tokenizer: Any = None) -> sp.csr_matrix:
    """``C`` with ``C[j, i] = 1`` when term ``i`` is term ``j`` or a core nested in it.

    Examples
    --------
    >>> nesting_matrix(["发展", "高质量", "高质量发展"]).toarray().tolist()
    [[1, 0, 0], [0, 1, 0], [1, 1, 1]]
    """
    import scipy.sparse as sp

    index = {t: i for i, t in enumerate(vocab)}
    cores_of = getattr(tokenizer, "cores", None)
    rows, cols = [], []
    for j, t in enumerate(vocab):
        found = {j}
        for k in range(2, len(t)):
            for piece in (t[:k], t[-k:]):
                i = index.get(piece)
                if i is not None:
                    found.add(i)
        if cores_of is not None and len(t) > 2:
            found.update(index[c] for c in cores_of(t) if c in index)
        rows.extend([j] * len(found))
        cols.extend(sorted(found))
    n = len(vocab)
    return sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n, n))


def nested_counts(m: Any, tokenizer: Any = None) -> sp.csr_matrix:
    """Counts of each term of ``m`` with the tokens nested on it (documents × terms).

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(["高质量发展 高质量", "高质量"], gt.PolicyTokenizer(lexicon=False))
    >>> dict(zip(m.vocab, nested_counts(m).toarray()[0].tolist()))["高质量"]
    2
    """
    return (m.matrix @ nesting_matrix(list(m.vocab), tokenizer)).tocsr()
