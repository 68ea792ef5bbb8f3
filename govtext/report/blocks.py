"""Building blocks of the ``govtext report`` page: sections, blocks, formatting helpers.

A section builder whose analysis cannot run in this installation raises
:class:`Unavailable`, and the page keeps the section with a "not available in this
version" note instead of showing made-up results. Builders import the analysis functions
they call explicitly (never through ``govtext``'s lazy name map).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


MAX_TABLE_ROWS = 60
MAX_SIMILARITY_LABELS = 60  # more reports: the heatmap shows means between groups


class Unavailable(Exception):
    """The analysis behind a section is not part of this version of govtext."""


class NotApplicable(Exception):
    """The corpus lacks what a section needs (e.g. metadata); the message says what."""


@dataclass
class Block:
    """One piece of a section: ``table``, ``figure``, ``text``, ``note`` or ``heading``."""

    kind: str
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    src: str = ""
    alt: str = ""
    text: str = ""
    data: str = ""
    total_rows: int = 0
    grid: bool = False  # figures drawn side by side (small multiples)


@dataclass
class PageSection:
    """A section of the ``govtext report`` page (not :class:`govtext.Section`, a part of a
    report's text found by :func:`govtext.parse_sections`)."""

    key: str
    title: str
    how: str
    produced_by: str
    blocks: list[Block] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | unavailable | error
    note: str = ""


# ------------------------------------------------------------------------------ context
_PREFIX = re.compile(
    r"^(?:.+?(?:省|自治区|特别行政区))?(?:.+?(?:市|自治州|地区|盟))?(?=.+[县区市镇乡旗])"
)


def short_region(region: Any) -> str:
    """The last administrative unit of a region name (``河北省保定市顺平县`` → ``顺平县``).

    Examples
    --------
    >>> short_region("河北省保定市顺平县"), short_region("天津市津南区北闸口镇"), short_region("河北省")
    ('顺平县', '北闸口镇', '河北省')
    """
    if region is None or (isinstance(region, float) and math.isnan(region)):
        return "?"
    s = str(region)
    parts = re.findall(
        r".+?(?:自治区|特别行政区|自治州|自治县|省|市|地区|盟|县|区|旗|镇|乡|街道)", s
    )
    if len(parts) >= 2 and "".join(parts) == s:
        return parts[-1]
    return s


def _is_missing(v: Any) -> bool:
    """True for None, NaN and pandas' NA.

    Examples
    --------
    >>> import pandas as pd
    >>> _is_missing(None), _is_missing(float("nan")), _is_missing(pd.NA), _is_missing(0)
    (True, True, True, False)
    """
    if v is None:
        return True
    try:
        import pandas as pd

        res = pd.isna(v)
    except (TypeError, ValueError, ImportError):  # pragma: no cover
        return False
    return bool(res) if isinstance(res, (bool,)) or getattr(res, "ndim", 1) == 0 else False


def fmt(v: Any, digits: int = 3) -> str:
    """Format a table cell: floats rounded, missing values as an empty string.

    Examples
    --------
    >>> fmt(0.123456), fmt(None), fmt(2023), fmt("乡村振兴")
    ('0.123', '', '2023', '乡村振兴')
    """
    if _is_missing(v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    try:
        import numpy as np

        if isinstance(v, np.generic):
            v = v.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.{digits}f}"
    if isinstance(v, (list, tuple)):
        return "、".join(fmt(x, digits) for x in v)
    return str(v)


def _clip(s: Any, n: int) -> str:
    """Shorten a label to ``n`` characters with an ellipsis.

    Examples
    --------
    >>> _clip("规上工业增加值/社会消费品零售总额", 8)
    '规上工业增加值…'
    """
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, (int, float)):
        return (0, v)
    return (1, str(v))


def table_block(
    df: pd.DataFrame, caption: str, data: str, *, max_rows: int = MAX_TABLE_ROWS, digits: int = 3
) -> Block:
    """A table block from a DataFrame (cells formatted as text; at most ``max_rows`` shown)."""
    cols = [str(c) for c in df.columns]
    rows = [[fmt(v, digits) for v in rec] for rec in df.head(max_rows).itertuples(index=False)]
    return Block("table", caption=caption, columns=cols, rows=rows, data=data, total_rows=len(df))


def _group_heatmap(values: Any, groups: list[str], items: list[str], **kw: Any) -> Any:
    """Heatmap of groups × items: groups as columns when few, as rows when many (> 20)."""
    import numpy as np

    from govtext.viz.figures import heatmap

    arr = np.asarray(values, dtype=float)
    if len(groups) > 20:
        return heatmap(arr, groups, items, **kw)
    return heatmap(arr.T, items, groups, **kw)
