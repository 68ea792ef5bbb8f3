"""Targets against actuals: one small scatter per indicator that says what it encodes.

Each panel puts a target (x; of a range, the lower end for a floor target and the upper end
for a ceiling target) against the actual reported a year later (y), in the panel's most
common unit. The half of the panel where an actual meets its target is shaded: above the
diagonal for a **floor** target (growth, jobs, output: higher is better), below it for a
**ceiling** target (prices, unemployment, energy intensity: lower is better).
Points are green where the target was met and red where it was missed; a legend under the
panels says so. Labels never overlap: each is tried at a few places around its point and
dropped when none is free. Values far outside the bulk of a panel are drawn on its edge as
triangles and named under it; level indicators spanning more than two orders of magnitude
(national 万人 beside county 人) get log axes.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

__all__ = ["target_actual_figure", "MET_COLOURS"]

#: colours of the points: target met, target missed
MET_COLOURS = {"met": "#2e7d32", "missed": "#c62828"}
_BETTER = "#e8f5e9"
_DIRECTION_TEXT = {"floor": "floor: higher is better", "ceiling": "ceiling: lower is better"}
_UNIT = re.compile(r"^((?:[十百万亿]|千(?![瓦米克]))*)(.*)$")
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# label positions tried around a point, in points: (dx, dy, ha, va)
_SPOTS = [
    (4, 3, "left", "bottom"), (4, -3, "left", "top"), (-4, 3, "right", "bottom"),
    (-4, -3, "right", "top"), (6, 0, "left", "center"), (-6, 0, "right", "center"),
    (0, 6, "center", "bottom"), (0, -6, "center", "top"),
]  # fmt: skip


def _in_unit(values: Any, units: Any) -> tuple[Any, Any, str]:
    """Values converted to the panel's most common unit (``3500`` ``人`` -> 0.35 ``万人``).

    Returns the values, a mask of those whose unit shares the common unit's base (the
    others cannot be converted) and the common unit.
    """
    import numpy as np

    def split(u: Any) -> tuple[float, str]:
        m = _UNIT.match(u if isinstance(u, str) else "")
        assert m is not None  # the pattern matches every string
        f = 1.0
        for ch in m.group(1):
            f *= _MULT[ch]
        return f, m.group(2)

    units = [u if isinstance(u, str) else "" for u in units]
    common = max(sorted(set(units)), key=units.count) if units else ""
    cf, cbase = split(common)
    out, ok = [], []
    for v, u in zip(values, units):
        f, base = split(u)
        out.append(float(v) * f / cf)
        ok.append(base == cbase)
    return np.asarray(out, dtype=float), np.asarray(ok, dtype=bool), common


def _limits(v: Any) -> tuple[float, float]:
    """Axis range holding the bulk of ``v``: quartiles widened by 3 interquartile ranges."""
    import numpy as np

    q1, q3 = np.percentile(v, [25, 75])
    iqr = q3 - q1
    if len(v) < 8 or iqr <= 0:
        lo, hi = float(v.min()), float(v.max())
    else:
        lo, hi = max(float(v.min()), q1 - 3 * iqr), min(float(v.max()), q3 + 3 * iqr)
    pad = (hi - lo) * 0.08 or max(abs(hi) * 0.1, 1.0)
    return lo - pad, hi + pad


def _place_labels(fig: Any, ax: Any, xy: Any, labels: list[str], order: list[int]) -> int:
    """Write labels beside their points where they overlap nothing; return how many were dropped."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    pts = ax.transData.transform(xy)
    taken = [
        Bbox.from_extents(px - 3, py - 3, px + 3, py + 3) for px, py in pts
    ]  # the points themselves
    dropped = 0
    for i in order:
        if not labels[i]:
            continue
        for dx, dy, ha, va in _SPOTS:
            t = ax.annotate(
                labels[i], tuple(xy[i]), xytext=(dx, dy), textcoords="offset points",
                fontsize=6.5, ha=ha, va=va, color="#333333",
            )  # fmt: skip
            bb = t.get_window_extent(renderer)
            own = taken[i]
            inside = (
                frame.x0 <= bb.x0 and bb.x1 <= frame.x1 and frame.y0 <= bb.y0 and bb.y1 <= frame.y1
            )
            if inside and not any(bb.overlaps(b) for b in taken if b is not own):
                taken.append(bb)
                break
            t.remove()
        else:
            dropped += 1
    return dropped


def target_actual_figure(
    panel: Any, *, labels: list[str] | None = None, max_panels: int = 16
) -> Any:
    """Targets (x) against actuals (y), one panel per indicator, coloured by target met.

    Parameters
    ----------
    panel : pandas.DataFrame
        A :func:`govtext.target_panel` table: columns ``canonical``, ``target_low``,
        ``target_high``, ``actual``, and where present ``direction`` (``floor``/``ceiling``,
        default floor), ``met`` (computed from the direction when absent) and ``unit``.
        Rows without both a target and an actual are skipped.
    labels : list of str, optional
        One label per row of ``panel`` (``中国 2023``); labels that would overlap are dropped.
    max_panels : int, default 16
        The indicators with the most points are drawn (16: every canonical indicator).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from govtext.viz.figures import pyplot
    >>> p = pd.DataFrame({"canonical": ["gdp", "gdp", "cpi"], "direction": ["floor", "floor", "ceiling"],
    ...                   "target_low": [6.0, 5.5, 3.0], "target_high": [6.0, 5.5, 3.0],
    ...                   "actual": [8.1, 3.0, 0.9], "unit": ["%", "%", "%"]})
    >>> fig = target_actual_figure(p, labels=["中国 2021", "中国 2022", "中国 2021"])
    >>> [ax.get_title() for ax in fig.axes[:2]]
    ['gdp (2) · floor: higher is better', 'cpi (1) · ceiling: lower is better']
    >>> [t.get_text() for t in fig.legends[0].get_texts()][:2]
    ['target met', 'target missed']
    >>> pyplot().close(fig)
    """
    import numpy as np

    from govtext.viz.figures import pyplot

    plt = pyplot()
    df = panel.reset_index(drop=True).copy()
    df["_label"] = list(labels) if labels is not None else [""] * len(df)
    if "direction" not in df:
        df["direction"] = "floor"
    if "unit" not in df:
        df["unit"] = ""
    tl, ac = df["target_low"].astype(float), df["actual"].astype(float)
    df = df[np.isfinite(tl) & np.isfinite(ac)]
    counts = df["canonical"].value_counts()
    names = sorted(counts.index, key=lambda c: (-int(counts[c]), str(c)))[:max_panels]
    n = max(1, len(names))
    ncols = min(3, n)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols, 4.4 * nrows), squeeze=False)
    for ax in axes.ravel()[len(names) :]:
        ax.set_axis_off()
    todo = []
    for ax, name in zip(axes.ravel(), names):
        todo.append(_draw_panel(ax, df[df["canonical"] == name], name))
    _legend(fig, plt)
    fig.tight_layout(rect=(0, 0.07 if nrows == 1 else 0.04, 1, 1))
    for ax, (xy, labs, order) in zip(axes.ravel(), todo):
        dropped = _place_labels(fig, ax, xy, labs, order)
        # the last line of the x label was kept blank for this note by _draw_panel
        left_out = f"{dropped} label(s) left out (overlap)" if dropped else ""
        ax.set_xlabel(ax.get_xlabel().rsplit("\n", 1)[0] + "\n" + left_out, fontsize=8)
    return fig


def _draw_panel(ax: Any, sub: Any, name: str) -> tuple[Any, list[str], list[int]]:
    """Draw one indicator's panel; return the points, labels and label order to place."""
    import numpy as np

    direction = str(sub["direction"].iloc[0]) if len(sub) else "floor"
    # a range is drawn at the end that decides whether it is met: the lower end of a floor,
    # the upper end of a ceiling (6%-6.5% met by 6.2%: on the met side of the diagonal)
    bound = sub["target_low"].astype(float)
    if direction == "ceiling":
        bound = sub["target_high"].astype(float).fillna(bound)
    x, keep, base = _in_unit(bound.to_numpy(), sub["unit"])
    y, _, _ = _in_unit(sub["actual"].astype(float).to_numpy(), sub["unit"])
    x, y, sub = x[keep], y[keep], sub[keep]
    if "met" in sub and sub["met"].notna().all():
        met = sub["met"].astype(bool).to_numpy()
    else:
        met = y <= x if direction == "ceiling" else y >= x
    both = np.concatenate([x, y])
    log = bool(both.min() > 0 and both.max() / both.min() > 100)
    if log:
        ax.set_xscale("log")
        ax.set_yscale("log")
        lo, hi_v = both.min() / 1.6, both.max() * 1.6
    else:
        lo, hi_v = _limits(both)
    xc, yc = np.clip(x, lo, hi_v), np.clip(y, lo, hi_v)
    off = (xc != x) | (yc != y)
    diag = np.array([lo, hi_v])
    ax.fill_between(diag, diag, hi_v if direction == "floor" else lo, color=_BETTER, zorder=0)
    ax.plot(diag, diag, color="#888888", lw=1, ls="--", zorder=1)
    for mask, marker in ((~off, "o"), (off, "^")):
        colours = [MET_COLOURS["met" if m else "missed"] for m in met[mask]]
        ax.scatter(xc[mask], yc[mask], c=colours, s=28 if marker == "o" else 46, marker=marker,
                   zorder=3, edgecolors="white", linewidths=0.5)  # fmt: skip
    labs = [str(s) for s in sub["_label"]]
    named = [f"{labs[i] or '?'} {x[i]:g}→{y[i]:g}" for i in np.flatnonzero(off)]
    if len(named) > 6:
        named = [*named[:6], f"{len(named) - 6} more"]
    note = ("▲ off scale: " + ", ".join(named)) if named else ""
    unit = base or "value"
    ax.set_title(f"{name} ({len(sub)}) · {_DIRECTION_TEXT.get(direction, direction)}", fontsize=9.5)
    lines = [f"target ({unit})", *textwrap.wrap(note, 34), " "]  # last line: labels left out
    ax.set_xlabel("\n".join(lines), fontsize=8)
    ax.set_ylabel(f"actual ({unit})", fontsize=8)
    ax.set_xlim(lo, hi_v)
    ax.set_ylim(lo, hi_v)
    ax.tick_params(labelsize=7.5)
    ax.grid(True, alpha=0.3)
    # the farthest from the target first: misses and surprises keep their labels
    order = sorted(range(len(x)), key=lambda i: (-abs(float(y[i] - x[i])), labs[i]))
    for i in np.flatnonzero(off):  # named under the panel already
        labs[i] = ""
    return np.column_stack([xc, yc]), labs, order


def _legend(fig: Any, plt: Any) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="o", ls="", color=MET_COLOURS["met"], label="target met"),
        Line2D([], [], marker="o", ls="", color=MET_COLOURS["missed"], label="target missed"),
        Line2D([], [], color="#888888", ls="--", label="actual = target"),
        Patch(color=_BETTER, label="side where the target is met (floor: above, ceiling: below)"),
        Line2D(
            [], [], marker="^", ls="", color="#666666", label="off scale, named under the panel"
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
