"""Tests for govtext.targets and govtext.target_panel (and the ``govtext targets`` command)."""

from __future__ import annotations

import math

import pytest

import govtext as gt
from govtext.indicators.targets import (
    CANONICAL,
    PANEL_COLUMNS,
    TARGET_COLUMNS,
    canonical_indicator,
)


@pytest.fixture(scope="module")
def sample():
    return gt.datasets.load_sample()


@pytest.fixture(scope="module")
def sample_targets(sample):
    return gt.targets(sample)


@pytest.fixture(scope="module")
def sample_panel(sample):
    return gt.target_panel(sample)


def _gdp(t, name):
    rows = t[(t.report == name) & (t.canonical == "gdp")]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("生产总值", "gdp"),
        ("地区生产总值", "gdp"),
        ("全市生产总值", "gdp"),
        ("GDP", "gdp"),
        ("国内生产总值", "gdp"),
        ("经济增长", "gdp"),
        ("一般公共预算收入", "budget_revenue"),
        ("地方一般公共预算收入", "budget_revenue"),
        ("固定资产投资", "fixed_asset_investment"),
        ("社会消费品零售总额", "retail_sales"),
        ("居民人均可支配收入", "disposable_income"),
        ("城镇居民人均可支配收入", "urban_income"),
        ("居民消费价格涨幅", "cpi"),
        ("城镇新增就业", "new_urban_jobs"),
        ("城镇调查失业率", "surveyed_unemployment"),
        ("单位GDP能耗", "energy_intensity"),
        ("单位国内生产总值能耗", "energy_intensity"),
        ("规模以上工业增加值", "industrial_value_added"),
        ("高技术制造业增加值", None),
    ],
)
def test_canonical_names(name, canonical):
    assert canonical_indicator(name) == canonical


def test_canonical_checks_kind():
    assert canonical_indicator("地区生产总值", "growth") == "gdp"
    assert canonical_indicator("地区生产总值", "level") is None
    assert canonical_indicator("城镇调查失业率", "share") == "surveyed_unemployment"


def test_targets_columns_and_one_row_per_indicator(sample_targets):
    t = sample_targets
    assert list(t.columns) == TARGET_COLUMNS
    assert not t.duplicated(["report", "canonical"]).any()
    assert set(t.status) <= {"target", "not set"}


def test_national_targets(sample_targets):
    t = sample_targets
    r = _gdp(t, "2022_national_中国")
    assert (r.value_low, r.value_high, r.qualifier, r.status) == (5.5, 5.5, "左右", "target")
    r = _gdp(t, "2016_national_中国")
    assert (r.value_low, r.value_high) == (6.5, 7.0)  # a range
    r = _gdp(t, "2021_national_中国")
    assert (r.value_low, r.qualifier) == (6.0, "以上")
    jobs = t[(t.report == "2023_national_中国") & (t.canonical == "new_urban_jobs")].iloc[0]
    assert (jobs.value_low, jobs.unit, jobs.qualifier) == (1200.0, "万人", "左右")
    cpi = t[(t.report == "2023_national_中国") & (t.canonical == "cpi")].iloc[0]
    assert (cpi.value_low, cpi.qualifier) == (3.0, "左右")


def test_2020_gdp_target_not_set(sample_targets):
    r = _gdp(sample_targets, "2020_national_中国")
    assert r.status == "not set"
    assert math.isnan(r.value_low)
    assert "没有提出" in r.surface
    # the other 2020 targets are still found
    t = sample_targets
    jobs = t[(t.report == "2020_national_中国") & (t.canonical == "new_urban_jobs")].iloc[0]
    assert (jobs.value_low, jobs.qualifier) == (900.0, "以上")


def test_province_targets_skip_five_year_plan(sample_targets):
    r = _gdp(sample_targets, "2026_province_广东省")
    assert (r.value_low, r.value_high) == (4.5, 5.0)  # not the 年均增长5%左右 of the 15th plan
    r = _gdp(sample_targets, "2026_province_北京市")
    assert (r.value_low, r.qualifier) == (5.0, "左右")


def test_targets_surface_points_into_text(sample, sample_targets):
    for row in sample_targets.itertuples():
        text = sample[row.report].text
        assert text[row.start : row.end] == row.surface
        assert text.count("\n", 0, row.start) + 1 == row.line_no


def test_targets_from_hand_written_reports():
    c = gt.corpus_from_texts(
        [
            "一、过去一年工作回顾\n全县生产总值增长6%。\n二、今年工作安排\n"
            "今年主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5%以上。\n",
            "各位代表：\n需要说明的是，我们没有提出全年经济增速具体目标。\n",
        ],
        names=["2022_county_甲县", "2020_county_乙县"],
    )
    t = gt.targets(c)
    got = {(r.report, r.canonical): (r.status, r.value_low, r.qualifier) for r in t.itertuples()}
    assert got[("2022_county_甲县", "gdp")] == ("target", 6.5, "左右")
    assert got[("2022_county_甲县", "budget_revenue")] == ("target", 5.0, "以上")
    assert got[("2020_county_乙县", "gdp")][0] == "not set"


def test_targets_rejects_bad_input():
    with pytest.raises(gt.InputError):
        gt.targets(42)


# ---------------------------------------------------------------- panel


def test_panel_columns(sample_panel):
    assert list(sample_panel.columns) == PANEL_COLUMNS
    assert not sample_panel.duplicated(["region", "year", "canonical"]).any()


def test_panel_target_beside_next_year_actual(sample_panel):
    p = sample_panel
    r = p[(p.region == "中国") & (p.year == 2021) & (p.canonical == "gdp")].iloc[0]
    assert (r.target_low, r.actual, r.actual_report) == (6.0, 8.1, "2022_national_中国")
    r = p[(p.region == "中国") & (p.year == 2016) & (p.canonical == "gdp")].iloc[0]
    assert (r.target_low, r.target_high, r.actual) == (6.5, 7.0, 6.7)
    r = p[(p.region == "中国") & (p.year == 2020) & (p.canonical == "gdp")].iloc[0]
    assert r.target_status == "not set" and r.actual == 2.3
    r = p[(p.region == "中国") & (p.year == 2025) & (p.canonical == "gdp")].iloc[0]
    assert math.isnan(r.actual)  # no 2026 national report in the sample


def test_panel_parent_levels(sample_panel):
    p = sample_panel
    county = p[(p.region == "河北省保定市顺平县") & (p.year == 2022) & (p.canonical == "gdp")].iloc[
        0
    ]
    assert (county.parent_region, county.parent_level) == ("河北省保定市", "city")
    assert (county.parent_target_low, county.parent_qualifier) == (8.0, "以上")
    city = p[(p.region == "河北省保定市") & (p.year == 2022) & (p.canonical == "gdp")].iloc[0]
    assert (city.parent_region, city.parent_target_low) == ("河北省", 6.5)
    prov = p[(p.region == "河北省") & (p.year == 2022) & (p.canonical == "gdp")].iloc[0]
    assert (prov.parent_region, prov.parent_level, prov.parent_target_low) == (
        "中国",
        "national",
        5.5,
    )
    nat = p[(p.region == "中国") & (p.year == 2022) & (p.canonical == "gdp")].iloc[0]
    assert nat.parent_region == ""


# ---------------------------------------------------------------- CLI


def test_cli_targets_prints_table(capsys):
    from govtext.cli.main import main

    assert main(["targets", "--sample", "--indicator", "gdp"]) == 0
    out = capsys.readouterr().out
    assert "2020_national_中国" in out and "not set" in out
    assert "2022_national_中国" in out


def test_cli_targets_panel_csv(tmp_path):
    import pandas as pd

    from govtext.cli.main import main

    out = tmp_path / "panel.csv"
    assert main(["targets", "--sample", "--panel", "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert list(df.columns) == PANEL_COLUMNS
    assert (df.canonical == "gdp").sum() >= 20


def test_panel_skips_multi_year_values_as_actuals():
    """The 2018 national report reviews five years (城镇新增就业6600万人以上 over 2013-2017):
    that cumulative figure is not 2017's actual; the single-year 1351万 from its text is."""
    import govtext as gt

    c = gt.datasets.load_sample().filter(level="national", year=[2017, 2018])
    p = gt.target_panel(c)
    jobs = p[(p.canonical == "new_urban_jobs") & (p.year == 2017)]
    assert jobs["actual"].tolist() == [1351.0]
    energy = p[(p.canonical == "energy_intensity") & (p.year == 2017)]
    assert energy["actual"].isna().all()  # only a five-year 20% is stated


def test_panel_tolerates_reports_without_region():
    import govtext as gt

    r = gt.Report.from_text(
        "各位代表：\n今年主要预期目标是：地区生产总值增长6%左右。\n", name="noregion"
    )
    r.meta["year"] = 2023
    p = gt.target_panel([r])
    assert (p["canonical"] == "gdp").any() and (p["parent_region"] == "").all()


def test_targets_follow_the_table_convention(sample, sample_targets):
    """Long table (one row per report and canonical indicator), ``report`` column, the
    canonical indicator as the key column, ``indicator`` the phrase as written, group
    columns ``year``/``level``/``region``, nothing in ``attrs``, default RangeIndex."""
    import pandas as pd

    t = sample_targets
    assert list(t.columns) == TARGET_COLUMNS
    assert TARGET_COLUMNS[:6] == ["report", "year", "level", "region", "canonical", "indicator"]
    assert t.attrs == {}
    assert isinstance(t.index, pd.RangeIndex) and t.index.start == 0 and t.index.name is None
    assert not t.duplicated(["report", "canonical"]).any()
    assert t["report"].map(type).eq(str).all() and t["canonical"].map(type).eq(str).all()
    assert set(t["canonical"]) <= set(CANONICAL)
    # rows in corpus order, canonical indicators in CANONICAL order within a report
    order = {name: i for i, name in enumerate(sample.names)}
    keys = list(CANONICAL)
    pos = list(zip(t["report"].map(order), t["canonical"].map(keys.index)))
    assert pos == sorted(pos)
    # the group columns are the corpus's metadata of the row's report
    meta = sample.meta.set_index("name").loc[t["report"]]
    assert t["year"].astype(int).tolist() == meta["year"].astype(int).tolist()
    assert t["level"].tolist() == meta["level"].tolist()
    assert t["region"].tolist() == meta["region"].tolist()
    # a wide view is one pivot away
    wide = t[t.status == "target"].pivot(index="report", columns="canonical", values="value_low")
    assert wide.loc[t.loc[t.canonical == "gdp", "report"].iloc[0], "gdp"] > 0


# ---------------------------------------------------------------- issue 15: names, periods, direction


def test_county_domain_gdp_target_maps_to_gdp():
    """定兴县 2022: ``县域生产总值增长10%`` is the county's GDP target."""
    line = (
        "全县经济社会发展的主要目标是：县域生产总值增长10%，规模以上工业增加值增长10%以上，"
        "固定资产投资增长8%以上。"
    )
    assert canonical_indicator("县域生产总值", "growth") == "gdp"
    c = gt.corpus_from_texts([f"各位代表：\n{line}\n"], names=["2022_county_河北省保定市定兴县"])
    got = gt.targets(c).set_index("canonical")
    assert (got.loc["gdp", "indicator"], got.loc["gdp", "value_low"]) == ("县域生产总值", 10.0)
    assert got.loc["gdp", "surface"] == "10%"


def test_2004_state_council_growth_target_named_and_mapped():
    """2004 national: ``中央提出今年经济增长预期目标为７％左右`` is the GDP target (name 经济增长)."""
    sentence = (
        "今年经济工作的基本着眼点，是实现经济平稳较快发展。中央提出今年经济增长预期目标为７％左右，"
        "既考虑了保持宏观调控目标的连续性，也考虑了经济增长速度与实际条件的衔接。"
    )
    df = gt.extract_indicators(sentence, section=False)
    assert df[["indicator", "value_low", "qualifier", "status"]].values.tolist() == [
        ["经济增长", 7.0, "左右", "target"]
    ]
    assert canonical_indicator(df.indicator[0], df.kind[0]) == "gdp"
    c = gt.corpus_from_texts([f"各位代表：\n{sentence}\n"], names=["2004_national_中国"])
    gdp = _gdp(gt.targets(c), "2004_national_中国")
    assert (gdp.value_low, gdp.qualifier, gdp.surface) == (7.0, "左右", "７％")


@pytest.mark.parametrize(
    "text, value, year, period",
    [
        # 2008 national report on 2007: the 2002-07 growth, then the annual average
        (
            "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。",
            "65.5",
            2007,
            "cumulative",
        ),
        (
            "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。",
            "10.6",
            2007,
            "average",
        ),
        # 2011 national report: a paragraph opened by 这五年 states five-year totals
        (
            "这五年，各项社会事业加快发展。城镇新增就业5771万人，转移农业劳动力4500万人。",
            "5771",
            2010,
            "multi-year",
        ),
        # 清苑区 2021 report: the 十三五 review, one paragraph per theme
        (
            "——五年来，我们戮力改善民生。保障体系更加完善。新增城镇就业18049人。",
            "18049",
            2020,
            "multi-year",
        ),
        ("累计办结民生实事94件。", "94", 2020, "cumulative"),
        ("“十三五”期间，地区生产总值增长40%。", "40", 2020, "multi-year"),
        ("过去五年，粮食产量稳定在1.3万亿斤以上。", "1.3", 2022, "multi-year"),
        # one year
        ("全年累计完成固定资产投资120亿元，比上年增长6%。", "120", 2022, ""),
        ("国内生产总值比2021年增长3%。", "3%", 2022, ""),
        ("今年以来，城镇新增就业1206万人。", "1206", 2022, ""),
        ("这五年经济年均增长6.6%，2022年增长3%。", "3%", 2022, ""),
        ("——五年来成绩显著。2020年，地区生产总值增长3.9%。", "3.9", 2020, ""),
    ],
)
def test_value_period(text, value, year, period):
    from govtext.indicators.period import value_period

    assert value_period(text, text.index(value), year) == period


def test_extracted_rows_keep_multi_year_values_flagged():
    text = "各位代表：\n2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。\n"
    r = gt.Report.from_text(text, name="2008_national_中国")
    df = gt.extract_indicators(r)
    assert df.set_index("surface").loc[["65.5%", "10.6%"], "period"].tolist() == [
        "cumulative",
        "average",
    ]


def _two_years(first: str, second: str, region: str = "河北省保定市清苑区", year: int = 2020):
    return gt.corpus_from_texts(
        [f"各位代表：\n{first}\n", f"各位代表：\n{second}\n"],
        names=[f"{year}_district_{region}", f"{year + 1}_district_{region}"],
    )


def test_panel_never_pairs_a_multi_year_actual():
    """清苑区: the 2020 jobs target (3,500) is not paired with the five-year 18,049."""
    c = _two_years(
        "全区经济社会发展的主要预期目标是：生产总值增长7%，城镇新增就业3500人。",
        "一、“十三五”时期经济社会发展回顾\n——五年来，我们戮力改善民生。新增城镇就业18049人。",
    )
    p = gt.target_panel(c).set_index("canonical")
    jobs = p.loc["new_urban_jobs"]
    assert math.isnan(jobs.actual) and jobs.met is pd_NA()
    assert (jobs.excluded_actual, jobs.excluded_reason) == (18049.0, "multi-year")
    assert jobs.actual_source.endswith("新增城镇就业18049人")


def test_panel_takes_the_one_year_value_beside_a_cumulative_one():
    c = _two_years(
        "今年主要预期目标是：地区生产总值增长8%左右。",
        "2020年，地区生产总值达到200亿元，比2015年增长40%。全年地区生产总值增长3.9%。",
    )
    gdp = gt.target_panel(c).set_index("canonical").loc["gdp"]
    assert (gdp.actual, gdp.met, gdp.excluded_reason) == (3.9, False, "")


def pd_NA():
    import pandas as pd

    return pd.NA


def test_panel_direction_floor_and_ceiling(sample_panel):
    p = sample_panel
    assert set(p.direction) == {"floor", "ceiling"}
    cpi = p[(p.region == "中国") & (p.year == 2021) & (p.canonical == "cpi")].iloc[0]
    # CPI 3%左右 is a ceiling: 0.9 is below it, so the target is met
    assert (cpi.direction, cpi.target_low, cpi.actual, cpi.met) == ("ceiling", 3.0, 0.9, True)
    un = p[(p.region == "中国") & (p.canonical == "surveyed_unemployment") & p.actual.notna()]
    assert len(un) and (un.direction == "ceiling").all()
    assert (un.met == (un.actual <= un.target_high)).all()
    gdp = p[(p.region == "中国") & (p.canonical == "gdp") & p.actual.notna()]
    assert (gdp.met == (gdp.actual >= gdp.target_low)).all()
    assert not gdp[gdp.year == 2022].met.iloc[0]  # 3.0 < 5.5


def test_panel_signs_changes_and_converts_units():
    c = _two_years(
        "今年主要预期目标是：单位生产总值能耗下降3%，社会消费品零售总额增长9%，城镇新增就业1.2万人。",
        "全年单位生产总值能耗下降5.6%，社会消费品零售总额下降1.2%，城镇新增就业13000人。",
    )
    p = gt.target_panel(c).set_index("canonical")
    e, r, j = p.loc["energy_intensity"], p.loc["retail_sales"], p.loc["new_urban_jobs"]
    assert (e.direction, e.target_low, e.actual, e.met) == ("ceiling", -3.0, -5.6, True)
    assert (r.direction, r.target_low, r.actual, r.met) == ("floor", 9.0, -1.2, False)
    assert (j.target_low, j.actual, j.met) == (1.2, 1.3, True)  # 13000人 in 万人


def test_panel_leaves_a_restated_target_out():
    c = _two_years(
        "今年主要预期目标是：单位生产总值能耗降低4%。",
        "但是，没有实现年初确定的单位生产总值能耗降低4%的目标。",
    )
    e = gt.target_panel(c).set_index("canonical").loc["energy_intensity"]
    assert math.isnan(e.actual) and e.actual_source == ""


# ---------------------------------------------------------------- the targets figure


def _figure_panel():
    import pandas as pd

    rows = [("gdp", "floor", 6.0, 8.1, "%"), ("gdp", "floor", 5.5, 3.0, "%"),
            ("gdp", "floor", 5.0, 5.2, "%"), ("gdp", "floor", 5.0, 5.0, "%"),
            ("gdp", "floor", 6.5, 6.6, "%"), ("gdp", "floor", 6.5, 6.7, "%"),
            ("gdp", "floor", 7.0, 6.9, "%"), ("gdp", "floor", 8.0, 65.5, "%"),
            ("cpi", "ceiling", 3.0, 0.9, "%"), ("cpi", "ceiling", 3.0, 4.8, "%"),
            ("new_urban_jobs", "floor", 1100, 1206, "万人"),
            ("new_urban_jobs", "floor", 3500, 4100, "人")]  # fmt: skip
    p = pd.DataFrame(rows, columns=["canonical", "direction", "target_low", "actual", "unit"])
    p["target_high"] = p["target_low"]
    p["met"] = [
        (a <= t) if d == "ceiling" else (a >= t)
        for d, t, a in zip(p.direction, p.target_low, p.actual)
    ]
    labels = ["中国 2021", "中国 2022", "中国 2023", "中国 2024", "中国 2017", "中国 2016",
              "中国 2015", "中国 2007", "中国 2021", "中国 2007", "中国 2022", "某县 2022"]  # fmt: skip
    return p, labels


def test_figure_colours_follow_met_and_direction():
    from matplotlib.colors import to_hex

    from govtext.viz.figures import pyplot
    from govtext.viz.targets import MET_COLOURS, target_actual_figure

    p, labels = _figure_panel()
    fig = target_actual_figure(p, labels=labels)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:3] == [
        "gdp (8) · floor: higher is better",
        "cpi (2) · ceiling: lower is better",
        "new_urban_jobs (2) · floor: higher is better",
    ]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:3] == ["target met", "target missed", "actual = target"]
    assert any("floor: above, ceiling: below" in s for s in legend)
    cpi = fig.axes[1]
    pts = {
        tuple(xy): to_hex(c)
        for coll in cpi.collections
        if coll.get_offsets().shape[0]
        for xy, c in zip(coll.get_offsets().tolist(), coll.get_facecolors())
    }
    # the ceiling met by a lower actual is green, the one exceeded is red
    assert pts[(3.0, 0.9)] == MET_COLOURS["met"] and pts[(3.0, 4.8)] == MET_COLOURS["missed"]
    pyplot().close(fig)


def test_figure_labels_do_not_overlap_and_outliers_are_named():
    from govtext.viz.figures import pyplot
    from govtext.viz.targets import target_actual_figure

    p, labels = _figure_panel()
    fig = target_actual_figure(p, labels=labels)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes[:3]:
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        for i, a in enumerate(boxes):
            assert not any(a.overlaps(b) for b in boxes[i + 1 :]), ax.get_title()
    gdp = fig.axes[0]
    # 65.5 (a cumulative figure, were it ever paired) is off the scale and named
    assert gdp.get_ylim()[1] < 20
    assert "中国 2007 8→65.5" in gdp.get_xlabel().replace("\n", "")
    # jobs of a county in 人 and of the nation in 万人 share one unit (万人), log axes
    jobs = fig.axes[2]
    assert jobs.get_xlabel().startswith("target (万人)") and jobs.get_xscale() == "log"
    pyplot().close(fig)
