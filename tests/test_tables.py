"""The table convention (docs/api.md, "Tables"), checked on every table-returning function.

Every table is a long pandas DataFrame with a ``term`` column (where rows are terms), a
``report`` column where a row belongs to one report, group columns named after the
grouping, nothing in ``DataFrame.attrs`` and a default RangeIndex.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.api import types as ptypes

import govtext as gt


@pytest.fixture(scope="module")
def national(sample, tok):
    return gt.dtm(sample.filter(level="national"), tok)


def assert_convention(df: pd.DataFrame, columns: list[str]) -> None:
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == columns
    assert df.attrs == {}
    assert isinstance(df.index, pd.RangeIndex)
    assert df.index.start == 0 and df.index.step == 1 and df.index.name is None
    assert len(df) > 0
    for col in ("term", "report", "category"):
        if col in df.columns:
            assert df[col].map(type).eq(str).all(), col


def test_keywords_table(national):
    kw = gt.keywords(national, top=5)
    assert_convention(kw, ["report", "rank", "term", "score", "count"])
    assert set(kw["report"]) == set(national.docs)
    assert ptypes.is_integer_dtype(kw["rank"]) and ptypes.is_integer_dtype(kw["count"])
    assert ptypes.is_float_dtype(kw["score"])


def test_keyness_table(national):
    k = gt.keyness(national, "year == 2020", "year == 2019", measure="log_odds", top=10)
    assert_convention(k, ["term", "score", "target_count", "reference_count", "delta", "z", "p"])
    assert ptypes.is_integer_dtype(k["target_count"]) and ptypes.is_float_dtype(k["z"])
    # grouped: the group column is named after the grouping, first
    g = gt.keyness(national.subset({"year": [2019, 2020]}), by="year", measure="g2", top=3)
    assert_convention(g, ["year", "term", "score", "target_count", "reference_count", "p"])
    assert ptypes.is_integer_dtype(g["year"]) and set(g["year"]) == {2019, 2020}


def test_trends_table(national):
    t = gt.trends(national, "year", ["疫情", "乡村振兴"])
    assert_convention(t, ["term", "year", "count", "rate"])
    years = sorted(set(national.meta["year"]))
    assert len(t) == 2 * len(years)  # every term × every group, zeros kept
    assert ptypes.is_integer_dtype(t["year"]) and ptypes.is_integer_dtype(t["count"])
    assert ptypes.is_float_dtype(t["rate"])
    by_level = gt.trends(national, "level", "疫情")
    assert_convention(by_level, ["term", "level", "count", "rate"])


def test_first_appearance_table(national):
    fa = gt.first_appearance(national, "year", terms=["新质生产力", "从未出现"])
    assert_convention(fa, ["term", "first", "count", "total", "n_groups"])
    assert ptypes.is_integer_dtype(fa["first"])  # nullable: NA where never reached
    assert fa["first"].isna().tolist() == [False, True]
    for c in ("count", "total", "n_groups"):
        assert fa[c].dtype == "int64", c


def test_emerging_terms_table(national):
    # recent=2: with nested cores (issue 14) 2025 alone has no emerging term on the sample
    e = gt.emerging_terms(national, "year", recent=2, baseline=3, min_count=3)
    assert_convention(
        e,
        [
            "term",
            "direction",
            "recent_rate",
            "baseline_rate",
            "ratio",
            "z",
            "recent_count",
            "baseline_count",
        ],
    )
    assert set(e["direction"]) <= {"emerging", "fading"}
    assert ptypes.is_integer_dtype(e["recent_count"]) and ptypes.is_float_dtype(e["ratio"])


def test_nearest_table(national):
    near = gt.nearest(national, "2020_national_中国", n=3)
    assert_convention(near, ["report", "similarity", "year", "level", "region"])
    assert "2020_national_中国" not in set(near["report"])
    assert near["similarity"].is_monotonic_decreasing


def test_dictionary_scores_table(national):
    s = gt.dictionary_scores(national, "policy", per=1000)
    assert_convention(s, ["report", "category", "score"])
    cats = list(gt.load_dictionary("policy"))
    assert len(s) == len(national) * len(cats)
    assert s["report"].tolist() == [d for d in national.docs for _ in cats]
    assert s["category"].tolist() == cats * len(national)
    assert ptypes.is_float_dtype(s["score"])
    c = gt.dictionary_scores(national, "policy", counts=True)
    assert_convention(c, ["report", "category", "count", "tokens"])
    assert c["count"].dtype == "int64" and c["tokens"].dtype == "int64"
    # score = count / tokens × per, row for row
    want = c["count"] / c["tokens"] * 1000
    assert s["score"].to_numpy() == pytest.approx(want.to_numpy())
