"""CSV text that is safe to open in a spreadsheet (public in ``govtext.readwrite.tables``).

A text cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is
read by Excel, LibreOffice and Google Sheets as a formula — report text, region names
and keywords come from files a user did not write, so govtext escapes such cells by
putting an apostrophe (``'``) in front, as OWASP recommends for CSV injection. Numbers
written as text (``-3.5``, ``+2%``) are left alone. ``escape_formulas=False`` writes
cells exactly as they are (for tools that read the CSV back programmatically).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["escape_formula", "csv_text"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?$")


def escape_formula(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Examples
    --------
    >>> escape_formula("=HYPERLINK(1)"), escape_formula("-3.5"), escape_formula("乡村振兴")
    ("'=HYPERLINK(1)", '-3.5', '乡村振兴')
    """
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_text(
    df: pd.DataFrame,
    *,
    index: bool = False,
    escape_formulas: bool = True,
    float_format: str | None = None,
) -> str:
    """The CSV text of ``df`` (``\\n`` line ends), with formula-like cells escaped.

    Parameters
    ----------
    df : pandas.DataFrame
    index : bool, default False
        Write the index as the first column.
    escape_formulas : bool, default True
        Escape text cells beginning with ``= + - @`` (see the module docstring); the
        column names and index labels are escaped too.
    float_format : str, optional
        Passed to :meth:`pandas.DataFrame.to_csv`.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> print(csv_text(pd.DataFrame({"term": ["=1+1", "乡村振兴"], "score": [-1.5, 2.0]})), end="")
    term,score
    '=1+1,-1.5
    乡村振兴,2.0
    """
    if escape_formulas:
        from pandas.api.types import is_numeric_dtype

        df = df.copy()
        for col in df.columns:
            if not is_numeric_dtype(df[col].dtype):
                df[col] = df[col].map(escape_formula)
        df.columns = [escape_formula(c) for c in df.columns]
        if index and not is_numeric_dtype(df.index.dtype):
            df.index = df.index.map(escape_formula)
    return df.to_csv(index=index, lineterminator="\n", float_format=float_format)
