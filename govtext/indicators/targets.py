"""Main expected targets of each report, and a panel of targets beside actuals.

``targets(corpus)`` reads the statement of the year's main expected targets
(``今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上……``) of every
report and returns one row per canonical indicator (:data:`CANONICAL`), with an explicit
``not set`` row where a report says that no growth target was set (the 2020 national report).

``target_panel(corpus)`` puts each region's target for year Y beside the actual value for
Y reported a year later (the review of the report of Y+1) and beside the target of the
parent level for the same year (county → city → province → national) where the corpus
holds those reports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govtext.indicators.extract import extract_indicators, scope_memo
from govtext.indicators.numbers import mult_value
from govtext.indicators.period import change_sign
from govtext.indicators.scope import clause_start, sentence_start, year_targets_spans

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus, Report

__all__ = [
    "targets",
    "target_panel",
    "canonical_indicator",
    "CANONICAL",
    "DIRECTION",
    "TARGET_COLUMNS",
    "PANEL_COLUMNS",
]

# canonical name -> (pattern on the indicator phrase, expected kinds), first match wins
CANONICAL: dict[str, tuple[str, tuple[str, ...]]] = {
    "energy_intensity": (
        r"单位.{0,6}(生产总值|GDP).{0,4}(能耗|能源消耗)|能耗强度|能源消耗强度|万元.{0,4}生产总值能耗",
        ("growth",),
    ),
    "co2_intensity": (r"单位.{0,6}(生产总值|GDP).{0,4}二氧化碳|碳排放强度", ("growth",)),
    "gdp": (
        r"^(全国|全省|全市|全县|全区|全镇|全旗|全州|全盟)?(县域|市域|区域|镇域)?(地区|国内)?生产总值$|^GDP$|^经济增长$|^经济增速$|^(国民)?经济$|^地区生产总值增速$",
        ("growth",),
    ),
    "budget_revenue": (
        r"一般公共预算收入|公共财政预算收入|财政收入|地方财政收入|全部财政收入",
        ("growth",),
    ),
    "fixed_asset_investment": (r"固定资产投资|^固投$", ("growth",)),
    "retail_sales": (r"社会消费品零售总额|社消零", ("growth",)),
    "industrial_value_added": (r"规模以上工业增加值|规上工业增加值|规模工业增加值", ("growth",)),
    "foreign_trade": (r"进出口(总额|总值)?$|外贸进出口", ("growth",)),
    "urban_income": (r"城镇(常住)?居民人均可支配收入|城镇居民收入", ("growth",)),
    "rural_income": (
        r"农村(常住)?居民人均可支配收入|农民人均纯收入|农村居民收入|农民收入",
        ("growth",),
    ),
    "disposable_income": (r"(全体|城乡)?居民人均可支配收入|^居民收入$", ("growth",)),
    "cpi": (r"居民消费价格|CPI|消费价格|物价", ("growth",)),
    "new_urban_jobs": (r"城镇新增就业|新增城镇就业|^新增就业$", ("level",)),
    "surveyed_unemployment": (r"调查失业率", ("share",)),
    "registered_unemployment": (r"登记失业率", ("share",)),
    "grain_output": (r"粮食(总)?产量", ("level",)),
}
_CANON_RE = {k: re.compile(p) for k, (p, _) in CANONICAL.items()}

TARGET_COLUMNS = [
    "report", "year", "level", "region", "canonical", "indicator", "kind", "status", "value_low",
    "value_high", "unit", "qualifier", "surface", "line_no", "start", "end",
]  # fmt: skip
PANEL_COLUMNS = [
    "region", "level", "year", "canonical", "direction", "target_low", "target_high", "unit",
    "target_qualifier", "target_status", "actual", "actual_status", "met", "excluded_actual",
    "excluded_reason", "actual_report", "actual_source", "parent_region", "parent_level",
    "parent_target_low", "parent_target_high", "parent_qualifier",
]  # fmt: skip

_NOT_SET = re.compile(
    r"(没有提出|不提出|未提出|不设定|未设定|不设|没有设定)[^。；\n]{0,16}"
    r"(经济增速|经济增长|增长|GDP|生产总值|增速)[^。；\n]{0,8}目标"
)
_TARGET_LEAD = re.compile(r"(主要预期目标|主要目标|预期目标|发展目标|主要指标)")
_LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3, "township": 4}


def canonical_indicator(name: str, kind: str | None = None) -> str | None:
    """Canonical name of an indicator phrase (``地区生产总值`` / ``GDP`` / ``经济增长`` -> ``gdp``).

    Parameters
    ----------
    name : str
        Indicator phrase as returned by :func:`govtext.extract_indicators`.
    kind : str, optional
        When given, the phrase maps only if the kind fits the canonical indicator
        (a growth rate for ``gdp``, a level for ``new_urban_jobs`` ...).

    Returns
    -------
    str or None

    Examples
    --------
    >>> [canonical_indicator(n) for n in ["地区生产总值", "GDP", "国内生产总值", "经济增长", "新增就业"]]
    ['gdp', 'gdp', 'gdp', 'gdp', 'new_urban_jobs']
    >>> canonical_indicator("单位地区生产总值能耗"), canonical_indicator("地区生产总值", "level")
    ('energy_intensity', None)
    """
    name = re.sub(r"[“”‘’\s]", "", name or "")
    for key, rx in _CANON_RE.items():
        if rx.search(name):
            if kind is not None and kind not in CANONICAL[key][1]:
                return None
            return key
    return None


def _as_reports(corpus: Any) -> list[Report]:
    from govtext.corpus.reports import Corpus, Report
    from govtext.errors import InputError

    if isinstance(corpus, Report):
        return [corpus]
    if isinstance(corpus, Corpus):
        return list(corpus)
    if isinstance(corpus, str):
        from govtext.corpus.loading import load_corpus

        return list(load_corpus(corpus))
    if isinstance(corpus, Iterable):
        out = list(corpus)
        if all(isinstance(r, Report) for r in out):
            return out
    raise InputError(f"expected a Corpus, a Report or a path, not {type(corpus).__name__}")


def _pick(rows: Any, key: str) -> Any:
    kinds = CANONICAL[key][1]
    for r in rows:
        if r["canonical"] == key and r["kind"] in kinds:
            return r
    return None


def _report_targets(report: Report) -> list[dict[str, Any]]:
    memo = scope_memo()  # targets() and target_panel() of one analysis: found once
    if memo is None:
        return _find_report_targets(report)
    meta = report.meta
    key = ("targets", report.name, report.text, *(meta.get(k) for k in ("year", "level", "region")))
    if key not in memo:
        memo[key] = _find_report_targets(report)
    return [dict(row) for row in memo[key]]


def _find_report_targets(report: Report) -> list[dict[str, Any]]:
    text = report.text
    df = extract_indicators(report)
    meta = report.meta
    base = {
        "report": report.name,
        "year": meta.get("year"),
        "level": meta.get("level"),
        "region": meta.get("region"),
    }
    if df.empty:
        recs: list[dict[str, Any]] = []
    else:
        df = df[df["status"] == "target"]
        recs = df.to_dict("records")
    for r in recs:
        r["canonical"] = canonical_indicator(r["indicator"], r["kind"])
        if re.search(r"年均|每年|五年|累计", text[max(0, r["start"] - 12) : r["start"]]):
            r["canonical"] = None  # a multi-year plan's rate, not the year's target
    spans = year_targets_spans(text)
    in_span = [r for r in recs if any(a <= r["start"] < b for a, b in spans)]
    in_sec = [r for r in recs if r["section"] == "targets"]
    # sentences that announce targets anywhere in the plan sections (older reports)
    lead = [r for r in recs if _TARGET_LEAD.search(text[max(0, r["start"] - 300) : r["start"]])]
    out = []
    for key in CANONICAL:
        hit = _pick(in_span, key) or _pick(in_sec, key) or _pick(lead, key)
        if hit is not None:
            out.append({**base, **{c: hit[c] for c in (
                "canonical", "indicator", "kind", "value_low", "value_high", "unit", "qualifier",
                "surface", "line_no", "start", "end")}, "status": "target"})  # fmt: skip
        elif key == "gdp":
            m = _NOT_SET.search(text)
            if m:
                start = m.start()
                out.append({**base, "canonical": "gdp", "indicator": "", "kind": "growth", "status": "not set",
                            "value_low": math.nan, "value_high": math.nan, "unit": "%", "qualifier": "",
                            "surface": m.group(0), "line_no": text.count("\n", 0, start) + 1,
                            "start": start, "end": m.end()})  # fmt: skip
    return out


def targets(corpus: Corpus | Iterable[Report] | Report | str) -> pd.DataFrame:
    """Main expected targets of each report, one row per report and canonical indicator.

    Parameters
    ----------
    corpus : Corpus, list of Report, Report or path
        The reports.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_COLUMNS`: the report and its year/level/region, the canonical
        indicator (keys of :data:`CANONICAL`), the indicator as written, ``status``
        (``target``, or ``not set`` where the report says no target was set; values NaN),
        the values, unit and qualifier, and where the target sits in the text.

        The table follows govtext's convention (docs/api.md, "Tables"): long, one row per
        ``report`` and ``canonical`` indicator (reports in corpus order, indicators in
        :data:`CANONICAL` order); ``canonical`` is the key column naming what is measured
        (the part ``term`` plays in a table of terms) and ``indicator`` the phrase as the
        report writes it (as in :func:`govtext.extract_indicators`); ``year``, ``level``
        and ``region`` are the report's metadata; nothing in ``attrs``; a default
        RangeIndex. A wide view is one pivot away:
        ``t.pivot(index="report", columns="canonical", values="value_low")``.

    Examples
    --------
    >>> import govtext as gt
    >>> t = gt.targets(gt.datasets.load_sample().filter(level="national", year=[2020, 2022]))
    >>> t[t.canonical == "gdp"][["year", "status", "value_low", "qualifier"]].values.tolist()
    [[2020, 'not set', nan, ''], [2022, 'target', 5.5, '左右']]
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for r in _as_reports(corpus):
        rows.extend(_report_targets(r))
    df = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    if not df.empty:
        df["year"] = pd.array(df["year"], dtype="Int64")
    return df.reset_index(drop=True)


#: which side of its target an actual should fall: a ``floor`` target is met by an actual
#: at or above it (growth, jobs, output), a ``ceiling`` target by one at or below it
#: (prices, unemployment, energy and carbon intensity). Changes are signed in the panel
#: (``能耗下降3%`` is -3), so a cut of 5.6% meets a ceiling of -3.
DIRECTION: dict[str, str] = {
    "energy_intensity": "ceiling", "co2_intensity": "ceiling", "gdp": "floor",
    "budget_revenue": "floor", "fixed_asset_investment": "floor", "retail_sales": "floor",
    "industrial_value_added": "floor", "foreign_trade": "floor", "urban_income": "floor",
    "rural_income": "floor", "disposable_income": "floor", "cpi": "ceiling",
    "new_urban_jobs": "floor", "surveyed_unemployment": "ceiling",
    "registered_unemployment": "ceiling", "grain_output": "floor",
}  # fmt: skip

_RESTATED = re.compile(r"目标|年初确定|年初提出|没有实现|未能实现|未实现|未完成")
_UNIT = re.compile(r"^((?:[十百万亿]|千(?![瓦米克]))*)(.*)$")


def _split_unit(unit: str) -> tuple[float, str]:
    """(multiplier, base unit) of a unit as written: ``万人`` -> (10000.0, ``人``)."""
    m = _UNIT.match(unit or "")
    assert m is not None  # the pattern matches every string
    return mult_value(m.group(1)), m.group(2)


def _signed(low: float, high: float, sign: int) -> tuple[float, float]:
    return (low, high) if sign > 0 else (-high, -low)


def _source(text: str, start: int, end: int, width: int = 90) -> str:
    """The sentence up to the end of a value, its last ``width`` characters."""
    s = text[sentence_start(text, start) : end].strip()
    return s if len(s) <= width else "…" + s[-width:]


def _candidates(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Actual and estimated values of a report by canonical indicator, review section first."""
    df = extract_indicators(report)
    out: dict[str, list[dict[str, Any]]] = {}
    if df.empty:
        return out
    df = df[df["status"].isin(["actual", "estimate"])]
    rev = df["section"].isin(["review", "preamble"]).to_numpy()
    for part in (df[rev], df[~rev]):
        for rec in part.to_dict("records"):
            key = canonical_indicator(rec["indicator"], rec["kind"])
            if key is not None:
                out.setdefault(key, []).append(rec)
    return out


def _actual_for(
    report: Report, key: str, unit: str, candidates: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The actual of a canonical indicator in the review part of a report, as panel columns.

    The first value of the indicator (review section first) that covers one year and has a
    unit convertible to the target's ``unit`` is the actual (converted to that unit, signed
    for a change). A value covering several years (``period`` of
    :func:`govtext.extract_indicators`: 比2002年, 五年来, 累计, 年均 …) or in another unit is
    never paired: when no value qualifies, the first of those is returned as
    ``excluded_actual`` with the reason. ``candidates`` is :func:`_candidates` of the report.
    """
    text = report.text
    tmult, tbase = _split_unit(unit)
    excluded: dict[str, Any] = {}
    for rec in candidates.get(key, []):
        start, end = int(rec["start"]), int(rec["end"])
        if _RESTATED.search(text[clause_start(text, start) : start]):
            continue  # 没有实现年初确定的……降低4%: the target again, not the actual
        value = float(rec["value_low"]) * (
            change_sign(text, start) if rec["kind"] == "growth" else 1
        )
        amult, abase = _split_unit(rec["unit"])
        reason = rec["period"] or ("unit" if abase != tbase else "")
        if not reason:
            return {
                "actual": value * amult / tmult, "actual_status": str(rec["status"]),
                "actual_report": report.name, "actual_source": _source(text, start, end),
            }  # fmt: skip
        if not excluded:
            excluded = {
                "excluded_actual": value, "excluded_reason": reason,
                "actual_report": report.name, "actual_source": _source(text, start, end),
            }  # fmt: skip
    return excluded


def _met(direction: str, low: float, high: float, actual: float) -> bool | None:
    """Whether ``actual`` meets the target ``low``–``high`` (None when one is missing)."""
    if math.isnan(actual) or math.isnan(low):
        return None
    if direction == "ceiling":
        return actual <= (low if math.isnan(high) else high)
    return actual >= low


def _parents(region: str, level: str | None, candidates: dict[str, str]) -> list[str]:
    """Ancestor regions present in ``candidates`` (region -> level), nearest first."""
    out = []
    for reg, lev in candidates.items():
        if reg == region:
            continue
        if _LEVEL_RANK.get(lev, 9) >= _LEVEL_RANK.get(level or "", 9):
            continue
        if lev == "national" or (region.startswith(reg)):
            out.append(reg)
    out.sort(key=lambda r: -_LEVEL_RANK.get(candidates[r], 0))
    return out


def _signed_target(row: Any, texts: dict[str, str]) -> tuple[float, float]:
    """A targets row's (low, high), negative for a planned decrease (能耗下降3% -> -3)."""
    low, high = float(row.value_low), float(row.value_high)
    if row.kind != "growth" or math.isnan(low) or row.report not in texts:
        return low, high
    return _signed(low, high, change_sign(texts[row.report], int(row.start)))


def target_panel(corpus: Corpus | Iterable[Report] | str) -> pd.DataFrame:
    """Targets for year Y beside the actual for Y and the parent level's target for Y.

    Parameters
    ----------
    corpus : Corpus, list of Report or path
        Reports with ``year``, ``level`` and ``region`` metadata.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PANEL_COLUMNS`, one row per region, year and canonical indicator with
        a target (or an explicit ``not set``):

        - ``direction``: ``floor`` (an actual at or above the target meets it) or
          ``ceiling`` (at or below: prices, unemployment, energy intensity), from
          :data:`DIRECTION`;
        - ``target_*``, ``actual``, ``parent_target_*``: changes are signed (``下降3%`` is
          -3) and the actual is converted to the target's ``unit`` (``万人``);
        - ``actual``: the value the report of Y+1 gives for year Y, NaN when the corpus
          lacks that report or states no one-year value; ``actual_status`` says whether it
          was an estimate; ``met``: whether it meets the target (NA without both);
        - ``excluded_actual``, ``excluded_reason``: a value found for Y that is never paired
          with a one-year target because it covers several years (``cumulative``:
          比2002年增长65.5%, 累计; ``average``: 年均; ``multi-year``: 五年来, 十三五期间)
          or is in another unit (``unit``);
        - ``actual_report``, ``actual_source``: where the actual (or the excluded value)
          was read, and the end of its sentence;
        - ``parent_*``: the target of the nearest higher level present in the corpus for
          the same year.

    Examples
    --------
    >>> import govtext as gt
    >>> p = gt.target_panel(gt.datasets.load_sample().filter(level="national", year=[2021, 2022]))
    >>> p[p.canonical == "gdp"][["year", "direction", "target_low", "actual", "met"]].values.tolist()
    [[2021, 'floor', 6.0, 8.1, True], [2022, 'floor', 5.5, nan, <NA>]]
    >>> p[p.canonical == "cpi"][["year", "direction", "target_low", "actual", "met"]].values.tolist()
    [[2021, 'ceiling', 3.0, 0.9, True], [2022, 'ceiling', 3.0, nan, <NA>]]
    """
    import pandas as pd

    reports = _as_reports(corpus)
    t = targets(reports)
    texts = {r.name: r.text for r in reports}
    by_key = {(r.meta.get("region"), r.meta.get("year")): r for r in reports}
    levels = {r.meta.get("region"): r.meta.get("level") for r in reports if r.meta.get("region")}
    tidx = {(row.region, row.year, row.canonical): row for row in t.itertuples()}
    frames: dict[str, dict[str, list[dict[str, Any]]]] = {}
    rows = []
    for row in t.itertuples():
        low, high = _signed_target(row, texts)
        rec: dict[str, Any] = {
            "region": row.region, "level": row.level, "year": row.year, "canonical": row.canonical,
            "direction": DIRECTION.get(row.canonical, "floor"), "target_low": low,
            "target_high": high, "unit": row.unit, "target_qualifier": row.qualifier,
            "target_status": row.status,
            "actual": math.nan, "actual_status": "", "met": None, "excluded_actual": math.nan,
            "excluded_reason": "", "actual_report": "", "actual_source": "",
            "parent_region": "", "parent_level": "", "parent_target_low": math.nan,
            "parent_target_high": math.nan, "parent_qualifier": "",
        }  # fmt: skip
        nxt = by_key.get((row.region, None if pd.isna(row.year) else int(row.year) + 1))
        if nxt is not None:
            if nxt.name not in frames:
                frames[nxt.name] = _candidates(nxt)
            rec.update(_actual_for(nxt, row.canonical, row.unit, frames[nxt.name]))
            rec["met"] = _met(rec["direction"], low, high, rec["actual"])
        if isinstance(row.region, str) and row.region:
            for par in _parents(row.region, row.level, levels):
                prow = tidx.get((par, row.year, row.canonical))
                if prow is not None:
                    plow, phigh = _signed_target(prow, texts)
                    rec.update(
                        parent_region=par, parent_level=levels[par], parent_target_low=plow,
                        parent_target_high=phigh, parent_qualifier=prow.qualifier,
                    )  # fmt: skip
                    break
        rows.append(rec)
    df = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    df["met"] = pd.array(df["met"], dtype="boolean")
    if not df.empty:
        df["year"] = pd.array(df["year"], dtype="Int64")
        df = df.sort_values(["region", "canonical", "year"], kind="stable").reset_index(drop=True)
    return df
