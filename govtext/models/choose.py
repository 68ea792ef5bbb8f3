"""Choosing the number of topics: one model per ``k``, coherence and diversity side by side."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError
from govtext.models.topics import TopicModel

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["choose_k"]


def choose_k(
    dtm_or_corpus: Any,
    ks: Iterable[int] = range(5, 31, 5),
    *,
    method: str = "nmf",
    random_state: int | None = 0,
    unit: str = "paragraph",
    top: int = 10,
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
        As in :func:`govtext.fit_topics`.
    top : int, default 10
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
    units, plain = base._units(dtm_or_corpus)
    kwargs["tokenizer"] = base._tok()  # one tokenizer (and part-of-speech table) for all k
    rows = []
    for kk in ks:
        m = TopicModel(k=kk, method=method, unit=unit, random_state=random_state, **kwargs)
        m._check()
        m._fit_units(units, pos=not plain)
        c = m.coherence(top)
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
