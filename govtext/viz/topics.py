"""Figures of a fitted topic model: prevalence over years (lines) or groups (heatmap)."""

from __future__ import annotations

import os
from typing import Any

from govtext.errors import InputError

__all__ = ["plot_prevalence"]


def plot_prevalence(
    model: Any,
    by: str = "year",
    *,
    kind: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Any:
    """Figure of a topic model's prevalence: lines over years or a heatmap (groups × topics).

    Parameters
    ----------
    model : TopicModel
        A fitted :class:`govtext.TopicModel`; the figure shows ``model.prevalence(by)``.
    by : str, default "year"
        Metadata column of the reports.
    kind : {"lines", "heatmap"}, optional
        Default: lines for ``year``, a heatmap otherwise.
    path : path, optional
        Save the figure there (PNG or SVG, reproducible bytes) and close it.

    Returns
    -------
    matplotlib.figure.Figure or pathlib.Path
        The figure, or the written path when ``path`` is given.

    Examples
    --------
    >>> import govtext as gt
    >>> model = gt.fit_topics(gt.datasets.load_sample()[:4], k=2)
    >>> fig = gt.plot_prevalence(model, "year")
    >>> len(fig.axes[0].get_lines())
    2
    >>> gt.plot_prevalence(model, "region", kind="heatmap").axes[0].get_title()
    'topic prevalence by region'
    """
    import pandas as pd

    from govtext.viz.figures import pyplot, save

    prev = model.prevalence(by)
    kind = kind or ("lines" if by == "year" else "heatmap")
    if kind not in ("lines", "heatmap"):
        raise InputError(f"kind must be 'lines' or 'heatmap', not {kind!r}")
    plt = pyplot()
    k = prev.shape[1]
    labels = [f"{i} {lab}" for i, lab in enumerate(model.labels_)]
    if kind == "lines":
        fig, ax = plt.subplots(figsize=(9, 5))
        numeric = pd.api.types.is_numeric_dtype(prev.index.dtype)
        x = [float(v) for v in prev.index] if numeric else [str(v) for v in prev.index]
        cmap = plt.get_cmap("tab20")
        for t in range(k):
            ax.plot(x, prev[t].to_numpy(), label=labels[t], color=cmap(t % 20), lw=1.6)
        if numeric:
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(by)
        ax.set_ylabel("share of text")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    else:
        fig, ax = plt.subplots(figsize=(max(6, 0.55 * k + 3), max(3, 0.3 * len(prev) + 1.5)))
        im = ax.imshow(prev.to_numpy(), aspect="auto", cmap="viridis")
        ax.set_yticks(range(len(prev)))
        ax.set_yticklabels([str(v) for v in prev.index], fontsize=7)
        ax.set_xticks(range(k))
        ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=7)
        fig.colorbar(im, ax=ax, label="share of text")
    ax.set_title(f"topic prevalence by {by}")
    if path is not None:
        return save(fig, path)
    return fig
