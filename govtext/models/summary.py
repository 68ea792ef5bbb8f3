"""Tables of a fitted topic model: top words, document shares, prevalence by group.

The functions take a fitted :class:`~govtext.models.topics.TopicModel` (they read only
its fitted attributes); the model's methods of the same names call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["document_topics", "prevalence", "top_reports", "topic_table"]


def topic_table(model: Any, top: int = 10) -> pd.DataFrame:
    """``topic, label, rank, term, weight`` for the ``top`` words of every topic."""
    import pandas as pd

    order = model._order()[:, :top]
    rows = []
    for t in range(model.k):
        for r, j in enumerate(order[t]):
            rows.append(
                (t, model.labels_[t], r + 1, model.vocab_[j], float(model.topic_term_[t, j]))
            )
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])


def document_topics(model: Any) -> pd.DataFrame:
    """``doc_topic_`` as a DataFrame (reports × topic labels)."""
    import pandas as pd

    return pd.DataFrame(
        model.doc_topic_,
        index=model.meta_.index,
        columns=[f"{i}:{lab}" for i, lab in enumerate(model.labels_)],
    )


def prevalence(
    model: Any, by: str | Sequence[str] = "year", *, weights: str = "length"
) -> pd.DataFrame:
    """Topic shares per metadata group; see :meth:`govtext.TopicModel.prevalence`."""
    import pandas as pd

    meta = model.meta_
    cols = [by] if isinstance(by, str) else list(by)
    for c in cols:
        if c not in meta.columns:
            raise InputError(
                f"cannot compute prevalence by {c!r}: no such metadata column; columns are "
                f"{', '.join(map(str, meta.columns))}"
            )
    if weights not in ("length", "equal"):
        raise InputError(f"weights must be 'length' or 'equal', not {weights!r}")
    w = model.doc_lengths_ if weights == "length" else np.ones(len(meta))
    mass = pd.DataFrame(model.doc_topic_ * w[:, None], columns=range(model.k))
    keys = meta[cols].reset_index(drop=True)
    ok = ~keys.isna().any(axis=1)
    if not ok.any():
        raise InputError(f"no report has a value for {', '.join(cols)}")
    g = mass[ok.to_numpy()].groupby([keys.loc[ok, c] for c in cols], sort=True).sum()
    g = g.div(g.sum(axis=1).replace(0, 1.0), axis=0)
    g.columns.name = "topic"
    return g


def top_reports(model: Any, topic: int, n: int = 5) -> pd.DataFrame:
    """The ``n`` reports giving the largest share to ``topic``; see :meth:`govtext.TopicModel.top_reports`."""
    import pandas as pd

    if not 0 <= int(topic) < model.k:
        raise InputError(f"topic must be between 0 and {model.k - 1}, not {topic!r}")
    share = model.doc_topic_[:, int(topic)]
    order = np.argsort(-share, kind="stable")[:n]
    meta = model.meta_
    out = pd.DataFrame({"report": [str(meta.index[i]) for i in order], "share": share[order]})
    for c in ("year", "level", "region"):
        if c in meta.columns:
            out[c] = meta[c].iloc[order].to_numpy()
    return out
