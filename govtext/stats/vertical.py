"""Vertical comparison: each report against the report one administrative level above it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from govtext.errors import InputError
from govtext.stats.keyness import keyness
from govtext.stats.similarity import find_parent, shingle_reuse

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["compare_vertical", "VerticalComparison"]


@dataclass
class VerticalComparison:
    """Result of :func:`compare_vertical`.

    Attributes
    ----------
    pairs : pandas.DataFrame
        One row per child with a parent: ``child, parent, child_level, parent_level,
        child_year, parent_year, reuse`` (share of the child's shingles found in the
        parent) and ``reuse_parent`` (share of the parent's shingles found in the child).
    keyness : pandas.DataFrame
        Keyness of each child against its parent (``child`` column + :func:`keyness`
        columns), the ``top`` terms the child uses more than its parent.
    """

    pairs: pd.DataFrame
    keyness: pd.DataFrame


def compare_vertical(
    corpus: Corpus,
    child: str | Sequence[str] | None = None,
    *,
    n: int = 8,
    measure: str = "log_odds",
    top: int = 20,
    tokenizer: PolicyTokenizer | None = None,
    dtm: DocumentTermMatrix | None = None,
    max_year_gap: int = 1,
) -> VerticalComparison:
    """Compare reports with the report one level above them (see :func:`find_parent`).

    Parameters
    ----------
    corpus : Corpus
    child : str or list of str, optional
        Report name(s); default every report that has a parent in ``corpus``.
    n : int, default 8
        Shingle length for :func:`shingle_reuse`.
    measure : str, default "log_odds"
        Keyness measure of child against parent.
    top : int, default 20
        Keyness terms kept per child.
    tokenizer : PolicyTokenizer, optional
    dtm : DocumentTermMatrix, optional
        A matrix of ``corpus`` already built (rows named like the reports), to save time.
    max_year_gap : int, default 1

    Returns
    -------
    VerticalComparison

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.datasets.load_sample()
    >>> v = gt.compare_vertical(c, "2022_county_河北省保定市顺平县", top=5)
    >>> v.pairs[["child", "parent"]].values.tolist()
    [['2022_county_河北省保定市顺平县', '2022_city_河北省保定市']]
    >>> bool(0 < v.pairs["reuse"].iloc[0] < 1)
    True
    """
    import pandas as pd

    from govtext.corpus.reports import Corpus as _Corpus

    if not isinstance(corpus, _Corpus):
        raise InputError(f"compare_vertical needs a Corpus, not {type(corpus).__name__}")
    names = corpus.names if child is None else ([child] if isinstance(child, str) else list(child))
    pairs = []
    for c in names:
        p = find_parent(corpus, c, max_year_gap=max_year_gap)
        if p is None:
            if child is not None:
                raise InputError(f"no parent report for {c!r} in the corpus")
            continue
        pairs.append((c, p))
    cols = ["child", "parent", "child_level", "parent_level", "child_year", "parent_year"]
    kcols = ["child", "term", "score", "target_count", "reference_count"]
    if not pairs:
        return VerticalComparison(
            pd.DataFrame(columns=[*cols, "reuse", "reuse_parent"]), pd.DataFrame(columns=kcols)
        )
    involved = sorted({x for pr in pairs for x in pr}, key=corpus.names.index)
    if dtm is None:
        from govtext.features.dtm import dtm as _dtm

        dtm = _dtm(_Corpus(corpus[x] for x in involved), tokenizer=tokenizer)
    rows, ks = [], []
    meta = corpus.meta
    for c, p in pairs:
        rc, rp = corpus[c], corpus[p]
        rows.append(
            (
                c,
                p,
                meta.loc[c, "level"],
                meta.loc[p, "level"],
                meta.loc[c, "year"],
                meta.loc[p, "year"],
                shingle_reuse(rc, rp, n),
                shingle_reuse(rp, rc, n),
            )
        )
        t = np.asarray(dtm.meta.index == c)
        r = np.asarray(dtm.meta.index == p)
        k = keyness(dtm, t, r, measure, prior="pooled", top=top)
        k.insert(0, "child", c)
        ks.append(k)
    out = pd.DataFrame(rows, columns=[*cols, "reuse", "reuse_parent"])
    return VerticalComparison(out, pd.concat(ks, ignore_index=True))
