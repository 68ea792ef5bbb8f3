"""What a fitted topic model tells: top words, shares by report and group, coherence, files.

:class:`TopicResults` holds the methods of :class:`~govtext.models.topics.TopicModel`
that read a fitted model (scikit-learn keeps such shared behaviour in mixins too); they
use only the fitted attributes (``components_``, ``doc_topic_``, ``meta_`` ...) and the
parameters ``k``, ``ranking`` and ``frex_weight``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.models.coherence import coherence as _coherence
from govtext.models.coherence import topic_diversity
from govtext.models.export import pyldavis_data, save_model
from govtext.models.words import frex_order

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TopicResults"]


class TopicResults:
    """Methods that read a fitted topic model (mixed into :class:`govtext.TopicModel`)."""

    k: int
    ranking: str
    frex_weight: float

    def _fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise InputError("this TopicModel is not fitted yet; call fit() or use fit_topics()")

    def _order(self) -> np.ndarray:
        return frex_order(
            self.components_,
            ranking=getattr(self, "ranking_", None) or self.ranking or "frex",
            frex_weight=self.frex_weight,
            topic_counts=getattr(self, "topic_counts_", None),
        )

    def top_terms(self, top: int = 10) -> list[list[str]]:
        """The ``top`` best words of each topic (see ``ranking``).

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.fit_topics(gt.datasets.load_sample()[:3], k=2)
        >>> [len(t) for t in m.top_terms(5)]
        [5, 5]
        """
        self._fitted()
        order = self._order()[:, :top]
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
        meta = self.meta_
        cols = [by] if isinstance(by, str) else list(by)
        for c in cols:
            if c not in meta.columns:
                raise InputError(
                    f"cannot compute prevalence by {c!r}: no such metadata column; columns are "
                    f"{', '.join(map(str, meta.columns))}"
                )
        if weights not in ("length", "equal"):
            raise InputError(f"weights must be 'length' or 'equal', not {weights!r}")
        w = self.doc_lengths_ if weights == "length" else np.ones(len(meta))
        mass = pd.DataFrame(self.doc_topic_ * w[:, None], columns=range(self.k))
        keys = meta[cols].reset_index(drop=True)
        ok = ~keys.isna().any(axis=1)
        if not ok.any():
            raise InputError(f"no report has a value for {', '.join(cols)}")
        g = mass[ok.to_numpy()].groupby([keys.loc[ok, c] for c in cols], sort=True).sum()
        g = g.div(g.sum(axis=1).replace(0, 1.0), axis=0)
        g.columns.name = "topic"
        return g

    def top_reports(self, topic: int, top: int = 5) -> pd.DataFrame:
        """The ``top`` reports giving the largest share to ``topic``.

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
        order = np.argsort(-share, kind="stable")[:top]
        meta = self.meta_
        out = pd.DataFrame({"report": [str(meta.index[i]) for i in order], "share": share[order]})
        for c in ("year", "level", "region"):
            if c in meta.columns:
                out[c] = meta[c].iloc[order].to_numpy()
        return out

    def coherence(
        self,
        top: int = 10,
        *,
        window: int | None = None,
        measure: str | Sequence[str] = ("npmi", "umass"),
    ) -> pd.DataFrame:
        """NPMI and UMass of each topic's ``top`` best words on the modelling units.

        Parameters
        ----------
        top : int, default 10
        window : int, optional
            Use sliding windows of this many analysis tokens (within each unit, in text
            order) instead of whole units. Needs a model fitted on a corpus or on
            :func:`~govtext.models.units.paragraph_dtm`.

        Returns
        -------
        pandas.DataFrame
            ``topic, label, npmi, umass``; ``.attrs["mean"]`` and ``.attrs["diversity"]``.
        """
        self._fitted()
        words = self.top_terms(top)
        if window is None:
            ref: Any = self.unit_dtm_
        else:
            ref = getattr(self, "_unit_tokens", None)
            if ref is None:
                raise InputError(
                    "sliding-window coherence needs the token order: fit the model on a corpus "
                    "(or on govtext.models.units.paragraph_dtm(...) or a govtext.dtm matrix), "
                    "not on the rows of a document-term matrix"
                )
        t = _coherence(words, ref, measure=measure, window=window)
        t.insert(1, "label", self.labels_)
        t.attrs["diversity"] = topic_diversity(words)
        return t

    def document_topics(self) -> pd.DataFrame:
        """``doc_topic_`` as a DataFrame (reports × topic labels)."""
        import pandas as pd

        self._fitted()
        return pd.DataFrame(
            self.doc_topic_,
            index=self.meta_.index,
            columns=[f"{i}:{lab}" for i, lab in enumerate(self.labels_)],
        )

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
        return pyldavis_data(self)

    def save(self, folder: str | os.PathLike[str], *, by: Sequence[str] = ("year",)) -> list[Path]:
        """Write ``topics.csv``, ``doc_topic.csv``, ``prevalence_<by>.csv``, ``coherence.csv``
        and ``pyldavis.json`` into ``folder`` (byte-identical for the same model).

        Returns
        -------
        list of Path
            The files written.
        """
        self._fitted()
        return save_model(self, folder, by=by)
