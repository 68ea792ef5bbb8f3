"""Numeric indicators of a government work report as a table.

``extract_indicators(text_or_report)`` finds every stated quantity (``全镇税收预计完成4.7亿元``,
``地区生产总值增长5%左右``, ``新增就业1302人``) and returns one row per quantity and indicator:

========== ==============================================================================
column     meaning
========== ==============================================================================
indicator  shortest phrase naming what is measured (generic verbs stripped)
value_low  number as written (ranges: lower end; decreases stay positive)
value_high upper end of a range, else equal to ``value_low``
unit       what follows the number, multiplier kept (``万人次``, ``亿元``, ``个百分点``)
value_base value with the multiplier resolved (``4.7亿元`` -> 470000000), else NaN
unit_base  unit without the multiplier (``元``)
kind       growth | share | count_change | level
status     estimate | target | actual
qualifier  '' | 左右 | 以上 | 以下 | 近 | 约 | 余 | 超 | 多
surface    ``text[start:end]``: first character of the number to the last of the unit
line_no    1-based line of the input text (blank lines counted)
start, end character offsets into the input text
section    review | targets | tasks | self_building | other | preamble
period     '' (one year) | average | cumulative | multi-year (年均, 比2002年, 五年来 ...)
========== ==============================================================================

Not indicators: dates, years, anniversaries and deadlines; ordinals, sessions and ranks;
numbered slogans and programme names (``三张好牌``, ``十四五``, ``15分钟养老圈``,
``三年行动``); codes and grades (``G227``, ``PM2.5``, ``5G``, ``4A``); thresholds inside a
definition (``纳税千万以上企业``); streaks (``连续5年``); counts that only sum up a list given
in full (``5个专项行动``); vague numerals (``一批``).

The extraction is rule-based (regular expressions and a short list of cue words) and runs
on the normalised text; offsets are mapped back to the input with
:func:`govtext.normalize_with_offsets`, so ``text[start:end] == surface`` always holds.
It runs in four steps, one module each: :mod:`~govtext.indicators.numbers` (a number with
its unit and value), :mod:`~govtext.indicators.quantities` (which numbers are indicators,
grouped into lists, and their kind), :mod:`~govtext.indicators.naming` with
:mod:`~govtext.indicators.phrases` (the indicator each number measures), and this module
(one row per quantity, with status and section from :mod:`~govtext.indicators.scope`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govtext.indicators.naming import NamingState, name_group
from govtext.indicators.numbers import STRONG_UNITS, mult_value, parse_cn_number
from govtext.indicators.period import value_period
from govtext.indicators.quantities import (
    classify_kind,
    find_quantities,
    group_lists,
)
from govtext.indicators.scope import (
    STATEMENT_END,
    clause_start,
    line_starts,
    section_of,
    section_spans,
    year_targets_spans,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["extract_indicators", "COLUMNS", "parse_cn_number"]

COLUMNS = [
    "indicator",
    "value_low",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "kind",
    "status",
    "qualifier",
    "surface",
    "line_no",
    "start",
    "end",
    "section",
    "period",
]

_ESTIMATE = re.compile(r"(预计|初步预计|初步测算|预测)")

_TARGET_CUE = re.compile(r"(预期目标|主要目标|目标是|目标为|力争|确保|计划)")


def extract_indicators(text_or_report: Any, *, section: bool = True) -> pd.DataFrame:
    """Extract every numeric indicator of a report as a table (one row per quantity).

    Parameters
    ----------
    text_or_report : str or Report
        The report text (as read; offsets refer to it) or a :class:`govtext.Report` (its
        ``year`` tells whether ``比2002年增长65.5%`` spans several years: column ``period``).
    section : bool, default True
        Classify each row by the top-level section it sits in (status ``target`` for the
        plan sections ``targets``/``tasks``). With ``False`` every row gets section ``''``
        and status is read from cue words only.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``text[start:end] == surface`` for every row.

    Raises
    ------
    InputError
        If the argument is neither a string nor a report.

    Examples
    --------
    >>> df = extract_indicators("全镇税收预计完成4.7亿元。新增就业1302人。")
    >>> df[["indicator", "value_low", "unit", "value_base", "status"]].values.tolist()
    [['全镇税收', 4.7, '亿元', 470000000.0, 'estimate'], ['新增就业', 1302.0, '人', 1302.0, 'actual']]
    >>> df = extract_indicators("地区生产总值增长5%—5.5%，居民消费价格涨幅3%左右。", section=False)
    >>> df[["indicator", "value_low", "value_high", "kind", "qualifier"]].values.tolist()
    [['地区生产总值', 5.0, 5.5, 'growth', ''], ['居民消费价格涨幅', 3.0, 3.0, 'growth', '左右']]
    """

    from govtext.errors import InputError

    text = getattr(text_or_report, "text", text_or_report)
    if not isinstance(text, str):
        raise InputError(
            f"extract_indicators() expects a report text (str) or a Report, not {type(text_or_report).__name__}"
        )
    year = getattr(text_or_report, "meta", {}).get("year")
    try:
        year = int(year) if year is not None else None
    except (TypeError, ValueError):
        year = None
    # the table is a pure function of (text, section, year): several analyses of one report
    # (targets, target_panel, the HTML report) share one extraction
    known = _KNOWN.get((text, section, year))
    if known is not None:
        return known.copy()
    return _extract_cached(text, section, year).copy()


#: extractions made elsewhere (worker processes, a dask cluster) for the time of a
#: :func:`known_extractions` block, keyed by (text, section, year)
_KNOWN: dict[tuple[str, bool, int | None], pd.DataFrame] = {}


def _key(report: Any) -> tuple[str, bool, int | None]:
    year = getattr(report, "meta", {}).get("year")
    try:
        year = int(year) if year is not None else None
    except (TypeError, ValueError):
        year = None
    return getattr(report, "text", report), True, year


def report_indicators(report: Any) -> pd.DataFrame:
    """``extract_indicators(report)``: the per-report step :func:`known_extractions` takes
    (a module-level function, so it can run in a worker process or on a dask cluster).

    Examples
    --------
    >>> report_indicators("新增就业1302人。")["value_low"].tolist()
    [1302.0]
    """
    return extract_indicators(report)


@contextmanager
def known_extractions(reports: Sequence[Any], tables: Sequence[pd.DataFrame]) -> Iterator[None]:
    """Inside the block, :func:`extract_indicators` of one of ``reports`` returns (a copy
    of) its table in ``tables`` instead of extracting again.

    The tables are :func:`report_indicators` of the reports, made anywhere (in worker
    processes with :func:`govtext._runtime.parallel.map_reports`, on a dask cluster), so
    that :func:`govtext.targets` and :func:`govtext.target_panel` of a large corpus never
    extract a report twice (the in-process cache keeps the last 64 reports only).

    Examples
    --------
    >>> import govtext as gt
    >>> reports = gt.datasets.load_sample()[:2]
    >>> with known_extractions(reports, [report_indicators(r) for r in reports]):
    ...     n = len(gt.targets(reports))
    >>> n == len(gt.targets(reports))
    True
    """
    added = []
    for r, df in zip(reports, tables):
        key = _key(r)
        if key not in _KNOWN:
            _KNOWN[key] = df
            added.append(key)
    _SCOPES.append({})
    try:
        yield
    finally:
        _SCOPES.pop()
        for key in added:
            _KNOWN.pop(key, None)


#: one dict per open :func:`known_extractions` block, for results derived from the
#: extractions (a report's targets) that several analyses in the block share
_SCOPES: list[dict[Any, Any]] = []


def scope_memo() -> dict[Any, Any] | None:
    """The memo of the innermost :func:`known_extractions` block (None outside one)."""
    return _SCOPES[-1] if _SCOPES else None


@functools.lru_cache(maxsize=64)
def _extract_cached(text: str, section: bool, year: int | None = None) -> pd.DataFrame:
    import pandas as pd

    from govtext.text.normalize import normalize_with_offsets

    nt, off = normalize_with_offsets(text)
    quants = find_quantities(nt)
    st = NamingState(nt, quants)
    ctx = _RowContext(
        text,
        off,
        section_spans(text) if section else [],
        year_targets_spans(text) if section else [],
        line_starts(text),
        section,
        year,
    )
    rows: list[dict[str, Any]] = []
    for g in group_lists(nt, quants):
        names, kind_of, raw = name_group(st, g)
        rows.extend(_group_rows(st, ctx, g, names, kind_of, raw))
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype(
        {
            "value_low": float,
            "value_high": float,
            "value_base": float,
            "line_no": int,
            "start": int,
            "end": int,
        }
    )


@dataclass
class _RowContext:
    """The input text and what places a row in it (offsets, sections, targets spans)."""

    text: str
    off: list[int]
    sections: list[tuple[str, int, int]]
    tspans: list[tuple[int, int]]
    lines: list[int]
    section: bool
    year: int | None = None


def _group_rows(
    st: NamingState,
    ctx: _RowContext,
    g: list[int],
    names: list[str],
    kind_of: dict[str, str],
    raw: str,
) -> list[dict[str, Any]]:
    """One row per quantity of the list and indicator name."""
    nt, quants = st.nt, st.quants
    s0 = quants[g[0]].s
    last_qual = quants[g[-1]].qual
    # a status cue (预计, 力争) covers the whole statement, over ；
    sentence = nt[clause_start(nt, s0, STATEMENT_END) : s0]
    rows = []
    for j, qi in enumerate(g):
        q = quants[qi]
        qual = q.qual or (last_qual if len(g) > 1 else "")
        if len(names) == len(g):
            inds = [names[j]]
        elif len(g) == 1:
            inds = names
        else:
            inds = [names[0]] if len(names) == 1 else [names[min(j, len(names) - 1)]]
        clause = nt[clause_start(nt, s0) : s0] if j == 0 else raw
        start = ctx.off[q.s]
        end = ctx.off[q.e - 1] + 1
        sec = section_of(ctx.sections, start) if ctx.section else ""
        if _ESTIMATE.search(sentence):
            status = "estimate"
        elif sec in ("targets", "tasks") or any(a <= start < b for a, b in ctx.tspans):
            status = "target"
        elif not ctx.section and _TARGET_CUE.search(sentence):
            status = "target"
        else:
            status = "actual"
        base = q.base
        vb = q.v1 * mult_value(q.mult) if base and q.mult else (q.v1 if base else math.nan)
        if base in STRONG_UNITS:
            vb = q.v1
        # the year the value is for: the plan's year for a target, else the reviewed year
        ref = None if ctx.year is None else ctx.year - (status != "target")
        period = value_period(nt, q.s, ref)
        for ind in inds:
            rows.append(
                {
                    "indicator": ind,
                    "value_low": q.v1,
                    "value_high": q.v2,
                    "unit": q.unit_full,
                    "value_base": float(vb),
                    "unit_base": base,
                    "kind": classify_kind(kind_of.get(ind, ind), raw, clause, base, nt, q.s),
                    "status": status,
                    "qualifier": qual,
                    "surface": ctx.text[start:end],
                    "line_no": bisect.bisect_right(ctx.lines, start),
                    "start": start,
                    "end": end,
                    "section": sec,
                    "period": period,
                }
            )
    return rows
