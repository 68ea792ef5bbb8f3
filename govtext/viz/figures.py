"""Figures with Chinese labels (``plot`` extra: matplotlib + the Noto Sans CJK font).

Use :func:`pyplot` to get ``matplotlib.pyplot`` configured with a CJK font on the Agg
backend, and :func:`save` to write a figure atomically and deterministically (no
timestamps in PNG/SVG metadata), so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "pyplot",
    "cjk_font_name",
    "save",
    "heatmap",
    "line_chart",
    "bar_chart",
]


@lru_cache(maxsize=1)
def cjk_font_name() -> str:
    """Register the packaged Noto Sans CJK font with matplotlib and return its family name.

    Raises
    ------
    MissingExtraError
        If matplotlib or the font package (``plot`` extra) is missing.
    """
    from govtext.errors import MissingExtraError, require

    require("matplotlib", "plot", "drawing figures")
    from matplotlib import font_manager as fm

    try:
        import noto_cjk_sans_otc

        font_file = str(noto_cjk_sans_otc.FONT_PATH)
    except ImportError:
        raise MissingExtraError(
            "figures with Chinese labels need the font package 'noto-cjk-sans-otc'; "
            "install it with: pip install 'govtext[plot]'"
        ) from None
    fm.fontManager.addfont(font_file)
    return "Noto Sans CJK SC"


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg backend with the CJK font as default family.

    Examples
    --------
    >>> plt = pyplot()
    >>> plt.rcParams["font.family"]
    ['Noto Sans CJK SC']
    """
    from govtext.errors import require

    matplotlib = require("matplotlib", "plot", "drawing figures")
    if matplotlib.get_backend().lower() != "agg":
        matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    name = cjk_font_name()
    plt.rcParams["font.family"] = [name]
    plt.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "govtext"
    plt.rcParams["svg.fonttype"] = "path"
    return plt


def save(fig: Any, path: str | os.PathLike[str], *, dpi: int = 120) -> Path:
    """Save a figure atomically with reproducible bytes (PNG or SVG by suffix), then close it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> plt = pyplot()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("乡村振兴")
    >>> save(fig, pathlib.Path(tempfile.mkdtemp()) / "a.png").suffix
    '.png'
    """
    from govtext._runtime.files import atomic_write_bytes

    p = Path(path)
    fmt = p.suffix.lstrip(".").lower() or "png"
    buf = io.BytesIO()
    metadata = (
        {"Software": None}
        if fmt == "png"
        else {"Date": None, "Creator": None}
        if fmt == "svg"
        else None
    )
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return atomic_write_bytes(p, buf.getvalue())


# ---------------------------------------------------------------------------------------
# Chart helpers used by the HTML report. Each returns a matplotlib Figure; write it with
# :func:`save`. Sizes grow with the number of labels so that nothing overlaps. The targets
# figure is in govtext/viz/targets.py.


def _fontsize(n: int, base: float = 10.0, lo: float = 6.5) -> float:
    """Label font size that shrinks as labels get more numerous."""
    if n <= 15:
        return base
    return max(lo, base * 15 / n)


def heatmap(
    values: Any,
    row_labels: list[str],
    col_labels: list[str],
    *,
    title: str = "",
    cmap: str = "viridis",
    colorbar_label: str = "",
    annotate: bool | None = None,
    fmt: str = "{:.2f}",
    vmin: float | None = None,
    vmax: float | None = None,
) -> Any:
    """A labelled heatmap (rows × columns) with a colour bar.

    Parameters
    ----------
    values : array-like, shape (n_rows, n_cols)
    row_labels, col_labels : list of str
    title, cmap, colorbar_label : str
    annotate : bool, optional
        Write each value in its cell (default: only when the grid has at most 200 cells).
    fmt : str
        Format of the annotations.
    vmin, vmax : float, optional
        Colour scale limits.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = heatmap([[1, 0.5], [0.5, 1]], ["甲县", "乙县"], ["甲县", "乙县"], title="相似度")
    >>> fig.axes[0].get_title()
    '相似度'
    >>> pyplot().close(fig)
    """
    import numpy as np

    plt = pyplot()
    arr = np.asarray(values, dtype=float)
    nr, nc = arr.shape
    fs_r, fs_c = _fontsize(nr), _fontsize(nc)
    longest_r = max((len(str(s)) for s in row_labels), default=1)
    longest_c = max((len(str(s)) for s in col_labels), default=1)
    width = min(22.0, max(5.0, 0.42 * nc * fs_c / 10 + 0.14 * longest_r * fs_r / 10 * 1.8 + 2.0))
    height = min(22.0, max(3.0, 0.36 * nr * fs_r / 10 + 0.12 * longest_c * fs_c / 10 * 1.8 + 1.5))
    fig, ax = plt.subplots(figsize=(width, height))
    finite = arr[np.isfinite(arr)]
    im = ax.imshow(
        np.ma.masked_invalid(arr),
        aspect="auto",
        cmap=cmap,
        vmin=vmin if vmin is not None else (float(finite.min()) if finite.size else 0.0),
        vmax=vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0),
        interpolation="nearest",
    )
    ax.set_xticks(range(nc))
    ax.set_xticklabels([str(s) for s in col_labels], rotation=60, ha="right", fontsize=fs_c)
    ax.set_yticks(range(nr))
    ax.set_yticklabels([str(s) for s in row_labels], fontsize=fs_r)
    if title:
        ax.set_title(title)
    cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    if colorbar_label:
        cb.set_label(colorbar_label)
    if annotate is None:
        annotate = nr * nc <= 200
    if annotate and finite.size:
        for i in range(nr):
            for j in range(nc):
                v = arr[i, j]
                if np.isfinite(v):
                    r, g, b, _ = im.cmap(im.norm(v))
                    dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
                    ax.text(
                        j,
                        i,
                        fmt.format(v),
                        ha="center",
                        va="center",
                        fontsize=min(fs_r, fs_c) * 0.8,
                        color="white" if dark else "black",
                    )
    fig.tight_layout()
    return fig


def line_chart(
    x: list[Any],
    series: dict[str, list[float]],
    *,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
) -> Any:
    """Several named series over a common x axis, with a legend outside the plot.

    Examples
    --------
    >>> fig = line_chart([2022, 2023], {"乡村振兴": [1.0, 2.0]}, title="趋势")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['乡村振兴']
    >>> pyplot().close(fig)
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for name in series:
        ax.plot(
            list(x), list(series[name]), marker="o", markersize=3, linewidth=1.4, label=str(name)
        )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    if series:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def bar_chart(
    labels: list[str],
    values: Any,
    *,
    title: str = "",
    xlabel: str = "",
    horizontal: bool = True,
    stacked_labels: list[str] | None = None,
) -> Any:
    """A bar chart; ``values`` may be 2-D (bars × stacks) with ``stacked_labels`` for the legend.

    Examples
    --------
    >>> fig = bar_chart(["甲", "乙"], [3, 1], title="数量")
    >>> len(fig.axes[0].patches)
    2
    >>> pyplot().close(fig)
    """
    import numpy as np

    plt = pyplot()
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    n = arr.shape[0]
    fs = _fontsize(n)
    if horizontal:
        fig, ax = plt.subplots(figsize=(8, max(2.5, 0.28 * n * fs / 10 + 1.2)))
    else:
        fig, ax = plt.subplots(figsize=(max(7.0, min(22.0, 0.3 * n * fs / 10 + 2)), 3.4))
    pos = np.arange(n)
    left = np.zeros(n)
    for j in range(arr.shape[1]):
        lab = stacked_labels[j] if stacked_labels else None
        if horizontal:
            ax.barh(pos, arr[:, j], left=left, label=lab)
        else:
            ax.bar(pos, arr[:, j], bottom=left, label=lab)
        left = left + arr[:, j]
    if horizontal:
        ax.set_yticks(pos)
        ax.set_yticklabels([str(s) for s in labels], fontsize=fs)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
    else:
        ax.set_xticks(pos)
        ax.set_xticklabels([str(s) for s in labels], fontsize=fs, rotation=90 if n > 12 else 0)
        ax.set_ylabel(xlabel)
    ax.set_title(title)
    if stacked_labels:
        ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
