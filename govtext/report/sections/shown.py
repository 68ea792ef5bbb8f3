"""Which words a report page's term lists show: whole terms, beyond the genre's rate.

Shared by the keyness and emerging-terms sections; the CSV files keep every word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.report.context import ReportContext

__all__ = ["PageTerms", "beyond_genre"]


def beyond_genre(
    k: pd.DataFrame,
    n_target: float,
    n_reference: float,
    tokenizer: Any,
    vocab: Any = None,
    min_ratio: float = 2.0,
) -> pd.DataFrame:
    """The rows of ``k`` whose side uses the term at least ``min_ratio`` times as often as
    the genre does (the target for a positive score, the reference for a negative one),
    by the shipped reference counts (:func:`govtext.stats.keywords.reference_counts`;
    a fitted tokenizer's phrases by :func:`~govtext.stats.keywords.fitted_counts`).

    Words every report uses about as much as the genre (力争, 合理, 依靠) differ between
    two small groups by chance; the lists keep the terms that set a side apart from the
    genre as well as from the other side. ``vocab``, the matrix's vocabulary, tells
    whether its token counts hold boilerplate words (the genre's total is then taken
    with them, else without: :func:`govtext.stats.keywords.genre_keyness` does the same).
    """
    import numpy as np

    from govtext.stats.genre import _reference_total, fitted_counts, reference_counts

    n_ref, ref = reference_counts()
    n_ref = _reference_total(k["term"] if vocab is None else vocab, ref, n_ref)
    extra = fitted_counts(tokenizer)
    genre = np.array(
        [((ref.get(t, 0) or extra.get(t, 0)) + 0.5) / (n_ref + 0.5) for t in k["term"]], dtype=float
    )
    pos = k["score"].to_numpy() > 0
    rate = np.where(
        pos,
        k["target_count"].to_numpy(dtype=float) / max(n_target, 1.0),
        k["reference_count"].to_numpy(dtype=float) / max(n_reference, 1.0),
    )
    return k[rate >= min_ratio * genre].reset_index(drop=True)


class PageTerms:
    """Which words the page's term lists (keyness, emerging terms) may show: keyword
    candidates (whole terms, no function, time or adjective words, no fragments; see
    :func:`govtext.stats.keywords.candidate_mask`) that are not among the genre's 100
    most frequent words (发展, 建设, 更加 …: they shift with a report's length and style,
    not with its policies). Only the words at the two ends of a table are asked about
    (tagging the whole vocabulary took ~2 s on the corpus), and the answers are
    remembered. The CSV keeps every word."""

    def __init__(self, ctx: ReportContext) -> None:
        from govtext.stats.keywords import genre_generic

        self.ctx = ctx
        self.generic = genre_generic(100)
        self.known: dict[str, bool] = {}
        self.counts = ctx.dtm.term_counts()

    def filter(self, k: pd.DataFrame, top: int) -> pd.DataFrame:
        """The rows of ``k`` the lists may show, among its first and last ``4 * top + 100``."""
        import pandas as pd

        from govtext.stats.keywords import candidate_mask

        ends = pd.concat([k.head(4 * top + 100), k.tail(4 * top + 100)])
        ask = [t for t in dict.fromkeys(ends["term"]) if t not in self.known]
        if ask:
            index = self.ctx.dtm.term_index
            counts = [self.counts[index[t]] if t in index else 0 for t in ask]
            ok = candidate_mask(ask, self.ctx.tokenizer, counts=counts)
            self.known.update((t, bool(keep) and t not in self.generic) for t, keep in zip(ask, ok))
        keep = pd.Series([self.known.get(t, False) for t in ends["term"]], index=ends.index)
        return ends[keep.astype(bool)].drop_duplicates().reset_index(drop=True)
