"""Tests for govtext.extract_indicators: number forms, exclusions, kinds, status, offsets."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.indicators.extract import COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def rows(text: str, **kw) -> list[dict]:
    return gt.extract_indicators(text, section=False, **kw).to_dict("records")


def one(text: str) -> dict:
    r = rows(text)
    assert len(r) == 1, r
    return r[0]


# ---------------------------------------------------------------- columns and basics


def test_columns_and_empty_text():
    df = gt.extract_indicators("各位代表：今年工作很重要。")
    assert list(df.columns) == COLUMNS
    assert len(df) == 0


def test_report_object_and_sections():
    r = gt.Report.from_text(
        "一、过去一年工作回顾\n全县生产总值增长6%。\n二、今年工作安排\n生产总值增长7%左右。\n",
        name="2022_county_甲县",
    )
    df = gt.extract_indicators(r)
    assert df["status"].tolist() == ["actual", "target"]
    assert df["section"].tolist()[1] in {"targets", "tasks"}
    assert df["section"].tolist()[0] == "review"


def test_rejects_non_text():
    with pytest.raises(gt.InputError, match="extract_indicators"):
        gt.extract_indicators(42)


# ---------------------------------------------------------------- number forms


def test_single_value_multiplier_and_base():
    r = one("全镇税收完成4.7亿元。")
    assert (r["indicator"], r["value_low"], r["value_high"], r["unit"]) == (
        "全镇税收",
        4.7,
        4.7,
        "亿元",
    )
    assert r["value_base"] == pytest.approx(4.7e8) and r["unit_base"] == "元"
    assert r["kind"] == "level" and r["surface"] == "4.7亿元"


def test_multiplier_kept_in_unit():
    r = one("接待游客463万人次。")
    assert (
        r["unit"] == "万人次" and r["value_low"] == 463 and r["value_base"] == pytest.approx(4.63e6)
    )
    r = one("经济总量达到4.4万亿元。")
    assert r["unit"] == "万亿元" and r["value_base"] == pytest.approx(4.4e12)


def test_percentage_point_unit():
    r = one("城镇化率提高1.2个百分点。")
    assert r["unit"] == "个百分点" and r["value_low"] == 1.2 and r["kind"] == "count_change"


@pytest.mark.parametrize(
    "text, low, high, surface",
    [
        ("地区生产总值增长5%—5.5%。", 5.0, 5.5, "5%—5.5%"),
        ("地区生产总值增长5—5.5%。", 5.0, 5.5, "5—5.5%"),
        ("国内生产总值增长6%－6.5%。", 6.0, 6.5, "6%－6.5%"),
        ("地区生产总值增长4.5-5%。", 4.5, 5.0, "4.5-5%"),
    ],
)
def test_ranges(text, low, high, surface):
    r = one(text)
    assert (r["value_low"], r["value_high"], r["unit"], r["surface"]) == (low, high, "%", surface)
    assert r["kind"] == "growth"


def test_chinese_numerals():
    r = one("居民收入增长百分之七。")
    assert (r["value_low"], r["unit"], r["surface"]) == (7.0, "%", "百分之七")
    r = one("全年召开招商推介会两次。")
    assert (r["value_low"], r["unit"], r["surface"]) == (2.0, "次", "两次")
    r = one("新建学校十二所。")
    assert r["value_low"] == 12.0 and r["unit"] == "所"


def test_large_chinese_numerals_and_ranges():
    r = one("磷肥十九万六千吨。")
    assert (r["value_low"], r["unit"], r["surface"]) == (196000.0, "吨", "十九万六千吨")
    r = one("原油一亿三千八百八十万至一亿三千九百三十万吨。")
    assert (r["value_low"], r["value_high"], r["unit"]) == (13880.0, 13930.0, "万吨")
    assert r["value_base"] == pytest.approx(1.388e8)
    r = one("发电量二百八十万到三百万千瓦。")
    assert (r["value_low"], r["value_high"], r["unit"]) == (280.0, 300.0, "万千瓦")
    r = one("打造3—5个千万级销售单品。")
    assert (r["value_low"], r["value_high"], r["unit"], r["indicator"]) == (
        3.0,
        5.0,
        "个",
        "打造千万级销售单品",
    )


def test_parse_cn_number():
    from govtext.indicators.extract import parse_cn_number

    assert parse_cn_number("两") == 2
    assert parse_cn_number("一百零五") == 105
    assert parse_cn_number("三千二百") == 3200
    with pytest.raises(ValueError):
        parse_cn_number("五a")


def test_decreases_stay_positive():
    r = one("单位地区生产总值能耗下降2.7%。")
    assert r["value_low"] == 2.7 and r["kind"] == "growth"
    assert r["indicator"] == "单位地区生产总值能耗"


@pytest.mark.parametrize(
    "text, unit, qualifier, surface",
    [
        ("全人群疫苗接种达到16.2万余剂次。", "万剂次", "余", "16.2万余剂次"),
        ("设置临时售卖点20余个。", "个", "余", "20余个"),
        ("服务群众1000多万人。", "万人", "多", "1000多万人"),
        ("缓税缓费7500多亿元。", "亿元", "多", "7500多亿元"),
    ],
)
def test_approximate_markers_go_to_qualifier(text, unit, qualifier, surface):
    r = one(text)
    assert (r["unit"], r["qualifier"], r["surface"]) == (unit, qualifier, surface)


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("地区生产总值增长5%左右。", "左右"),
        ("城镇新增就业1100万人以上。", "以上"),
        ("城镇调查失业率控制在5.5%以内。", "以下"),
        ("能耗强度在3%以下。", "以下"),
        ("惠及群众近2000人次。", "近"),
        ("接近3000人次受益。", "近"),
        ("工业产值约30亿元。", "约"),
        ("财政收入突破6亿元。", "超"),
        ("留抵退税超过2.4万亿元。", "超"),
        ("地区生产总值增长7.5%。", ""),
    ],
)
def test_qualifiers_outside_surface(text, qualifier):
    r = one(text)
    assert r["qualifier"] == qualifier
    assert not any(
        q in r["surface"] for q in ("左右", "以上", "以内", "以下", "近", "约", "突破", "超")
    )


def test_list_shares_qualifier_and_pairs_names():
    r = rows("城镇、农村居民人均可支配收入分别增长8.5%、10%以上。")
    assert [(x["indicator"], x["value_low"], x["qualifier"]) for x in r] == [
        ("城镇居民人均可支配收入", 8.5, "以上"),
        ("农村居民人均可支配收入", 10.0, "以上"),
    ]
    r = rows("一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。")
    assert [x["qualifier"] for x in r] == ["左右", "以上", "左右"]
    assert [x["indicator"] for x in r] == ["一产增加值", "二产增加值", "三产增加值"]


def test_coordinated_modifiers_sharing_a_head():
    r = rows("高技术制造业、装备制造业增加值分别增长10.1%和12%。")
    assert [x["indicator"] for x in r] == ["高技术制造业增加值", "装备制造业增加值"]
    assert [x["value_low"] for x in r] == [10.1, 12.0]
    r = rows("新一代信息技术、高端装备产业增加值分别增长13.6%、9.8%。")
    assert [x["indicator"] for x in r] == ["新一代信息技术产业增加值", "高端装备产业增加值"]
    r = rows("高技术制造业、装备制造业增加值均增长9%。")
    assert [x["indicator"] for x in r] == ["高技术制造业增加值", "装备制造业增加值"]
    assert r[0]["start"] == r[1]["start"]


def test_one_number_for_two_indicators():
    r = rows("12345热线办复率、满意率均达100%。")
    assert [x["indicator"] for x in r] == ["12345热线办复率", "满意率"]
    assert all(x["value_low"] == 100 and x["kind"] == "share" for x in r)


def test_at_least_and_at_most_map_to_qualifiers():
    assert one("10亿元以上项目不少于5个。")["qualifier"] == "以上"
    assert one("一般性支出压减不低于10%。")["qualifier"] == "以上"
    assert one("三公经费支出不超过500万元。")["qualifier"] == "以下"


def test_noun_after_a_classifier_names_the_count():
    r = rows("建成投产3个露天煤矿和15个井工煤矿，深化20项民心工程。")
    assert [(x["indicator"], x["value_low"]) for x in r] == [
        ("露天煤矿", 3.0),
        ("井工煤矿", 15.0),
        ("民心工程", 20.0),
    ]
    assert one("新建学校3所。")["indicator"] == "新建学校"


def test_growth_clause_inherits_indicator():
    r = rows("国内生产总值达到114万亿元，增长8.1%。")
    assert [(x["indicator"], x["kind"]) for x in r] == [
        ("国内生产总值", "level"),
        ("国内生产总值", "growth"),
    ]


# ---------------------------------------------------------------- indicator names


@pytest.mark.parametrize(
    "text, name",
    [
        ("全镇税收预计完成4.7亿元。", "全镇税收"),
        ("全年新增就业1302人。", "新增就业"),
        ("全镇种植面积近1.3万亩。", "全镇种植面积"),
        ("减免商户房屋租金390余万元。", "减免商户房屋租金"),
        ("改造农村危房6户。", "改造农村危房"),
        ("固定资产投资累计完成6.53亿元。", "固定资产投资"),
        ("新增3家企业。", "新增企业"),
    ],
)
def test_indicator_names(text, name):
    assert one(text)["indicator"] == name


# ---------------------------------------------------------------- kinds and status


@pytest.mark.parametrize(
    "text, kind",
    [
        ("居民消费价格涨幅3%左右。", "growth"),
        ("规模以上工业增加值增速达到8%。", "growth"),
        ("森林覆盖率达到35%。", "share"),
        ("服务业增加值占生产总值比重上升到51.6%。", "share"),
        ("城镇调查失业率5.5%左右。", "share"),
        ("行政村实现5G网络100%覆盖。", "share"),
        ("市场主体比上年增加2997户。", "count_change"),
        ("城乡居民基础养老金最低标准再提高30元。", "count_change"),
        ("城镇新增就业1100万人以上。", "level"),
        ("新建中小学校5所。", "level"),
        ("粮食产量保持在1.3万亿斤以上。", "level"),
    ],
)
def test_kinds(text, kind):
    assert rows(text)[-1]["kind"] == kind


def test_estimate_covers_the_sentence():
    r = rows("预计全年完成生产总值87.6亿元，增长7.4%；全部财政收入9.6亿元。新增就业1302人。")
    assert [x["status"] for x in r] == ["estimate", "estimate", "estimate", "actual"]


def test_targets_in_plan_sections_of_a_real_report():
    c = gt.datasets.load_sample()
    df = gt.extract_indicators(c["2023_national_中国"])
    gdp = df[(df.indicator == "国内生产总值") & (df.kind == "growth")]
    assert set(gdp.status) == {"actual", "target"}
    tgt = gdp[gdp.status == "target"].iloc[0]
    assert (tgt.value_low, tgt.qualifier) == (5.0, "左右")
    assert tgt.section in {"targets", "tasks"}


# ---------------------------------------------------------------- exclusions


@pytest.mark.parametrize(
    "text",
    [
        "2023年1月12日在镇人民代表大会第三次会议上。",  # dates, sessions
        "——2022年，我们迎来建党100周年。",  # anniversary
        "到2025年底前完成改造。",  # deadline
        "力争用3年时间建成示范区。",  # deadline
        "排名全市第3，位居全省前10。",  # ranks and ordinals
        "第十五届人民代表大会第二次会议。",  # sessions
        "打好三张好牌，做好“十四五”规划。",  # slogans and programme names
        "建设15分钟养老服务圈。",  # programme name
        "实施安全生产三年行动。",  # programme name
        "改造G227国道，PM2.5浓度持续改善。",  # codes and grades
        "建成5G基站，创建4A级景区。",  # codes and grades
        "建成110千伏输变电工程。",  # voltage grade
        "逐步形成四区带动、城乡一体的格局，一城两翼三区。",  # structure slogans
        "纳税千万元以上企业稳步增加。",  # threshold in a definition
        "亿元以上项目加快建设。",  # threshold in a definition
        "连续5年保持全省先进。",  # streak
        "实施创新、协调、绿色、开放、共享5个专项行动。",  # sums up a list given in full
        "建成一批重点项目，谋划一系列工程。",  # vague numerals
        "坚持“两个毫不动摇”，落实“四个不摘”。",  # slogans
        "市十二次党代会胜利召开。",  # session
        "机车车辆制造工业的投资限额为一千万元。",  # threshold of a definition
    ],
)
def test_exclusions(text):
    assert rows(text) == [], rows(text)


def test_exclusions_do_not_hide_neighbours():
    r = rows("连续5年保持增长，地区生产总值增长6.5%。")
    assert [x["value_low"] for x in r] == [6.5]
    r = rows("新增亿元以上项目30个。")
    assert [x["value_low"] for x in r] == [30.0]


# ---------------------------------------------------------------- offsets


def test_offsets_into_raw_text_with_fullwidth_and_crlf():
    text = "各位代表：\r\n\r\n全县生产总值增长５．５％左右，\r\n新增就业１３０２人。"
    df = gt.extract_indicators(text, section=False)
    assert df["value_low"].tolist() == [5.5, 1302.0]
    for r in df.itertuples():
        assert text[r.start : r.end] == r.surface
    assert df["line_no"].tolist() == [3, 4]  # blank lines counted


def test_offsets_and_lines_on_every_sample_report():
    for rep in gt.datasets.load_sample():
        df = gt.extract_indicators(rep)
        text = rep.text
        assert len(df) > 0, rep.name
        for r in df.itertuples():
            assert text[r.start : r.end] == r.surface
            assert text.count("\n", 0, r.start) + 1 == r.line_no
        assert set(df["status"]) <= {"estimate", "target", "actual"}
        assert set(df["kind"]) <= {"growth", "share", "count_change", "level"}
        assert set(df["qualifier"]) <= {"", "左右", "以上", "以下", "近", "约", "余", "超", "多"}


_SAMPLE_TEXTS = [r.text for r in gt.datasets.load_sample()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_surface_equals_slice_on_random_slices(data):
    text = data.draw(st.sampled_from(_SAMPLE_TEXTS))
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, min(len(text), a + 1500)))
    piece = text[a:b]
    df = gt.extract_indicators(piece)
    for r in df.itertuples():
        assert piece[r.start : r.end] == r.surface
        assert 0 <= r.start < r.end <= len(piece)
        assert piece.count("\n", 0, r.start) + 1 == r.line_no
        assert not math.isnan(r.value_low) and r.value_low <= r.value_high


def test_deterministic():
    rep = gt.datasets.load_sample()["2022_province_河北省"]
    a = gt.extract_indicators(rep).to_csv(index=False)
    b = gt.extract_indicators(rep).to_csv(index=False)
    assert a == b


# ---------------------------------------------------------------- gold set


def _load_eval():
    spec = importlib.util.spec_from_file_location(
        "indicators_eval", ROOT / "benchmarks" / "indicators_eval.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gold_set_thresholds_on_bundled_sample():
    ev = _load_eval()
    res = ev.evaluate(ROOT / "tests" / "data" / "indicators_gold")
    assert res["files"] == 8 and res["gold_rows"] >= 100
    assert res["target_precision"] >= 0.90
    assert res["target_recall"] >= 0.85
    assert res["name_kind_status_right"] >= 0.85
    assert res["precision"] >= 0.85 and res["recall"] >= 0.85


# ---------------------------------------------------------------- CLI


def test_cli_indicators_writes_csv(tmp_path):
    from govtext.cli.main import main

    d = tmp_path / "in"
    d.mkdir()
    (d / "2023_county_甲县.txt").write_text(
        "各位代表：\n全县生产总值增长6%，新增就业1302人。\n", encoding="utf-8"
    )
    out = tmp_path / "ind.csv"
    assert main(["indicators", str(d), "-o", str(out)]) == 0
    first = out.read_bytes()
    lines = first.decode("utf-8").splitlines()
    assert lines[0].split(",") == ["report", *COLUMNS]
    assert len(lines) == 3 and "2023_county_甲县" in lines[1]
    assert main(["indicators", str(d), "-o", str(out)]) == 0
    assert out.read_bytes() == first


def test_cli_indicators_error_without_input(capsys):
    from govtext.cli.main import main

    assert main(["indicators"]) == 2
    assert "no input" in capsys.readouterr().err


# ---------------------------------------------------------------- name boundaries (issue 6 follow-up)
def names(text: str) -> list[tuple[str, str, float]]:
    return [(r["indicator"], r["kind"], r["value_low"]) for r in rows(text)]


def test_comparison_after_a_value_takes_the_measured_noun():
    got = names("社会消费品零售总额增长7.2%，高于全省平均水平0.8个百分点。")
    assert got == [
        ("社会消费品零售总额", "growth", 7.2),
        ("社会消费品零售总额", "count_change", 0.8),
    ]
    got = names("固定资产投资增长9%，快于全国3个百分点。")
    assert got[1][0] == "固定资产投资"


def test_comparison_inside_the_name_ends_it():
    assert names("细颗粒物平均浓度较2015年下降31%。")[0][0] == "细颗粒物平均浓度"
    assert names("进出口总额增速高于全国平均水平4.1个百分点。")[0][0] == "进出口总额增速"
    # 比重/占比 are not comparisons
    assert names("研发投入比重比上年提高0.3个百分点。")[0][0] == "研发投入比重"


def test_total_after_a_milestone_and_step_is_not_a_unit():
    got = rows("全市地区生产总值迈上3000亿元台阶，总量接近3100亿元。")
    assert [(r["indicator"], r["unit"]) for r in got] == [
        ("全市地区生产总值", "亿元"),
        ("全市地区生产总值", "亿元"),
    ]
    got = rows("全省经济总量迈上6万亿台阶。")
    assert got[0]["unit"] == "万亿" and got[0]["surface"] == "6万亿"


def test_connectives_and_trailing_verbs_are_stripped():
    assert names("尤其是税收收入增长6%。")[0][0] == "税收收入"
    assert names("财政赤字率下降到2.5%左右。")[0][0] == "财政赤字率"
    assert names("今年拟安排地方政府专项债券2.5万亿元。")[0][0] == "地方政府专项债券"
    assert names("社会融资规模预期增长9%。")[0][0] == "社会融资规模"
    assert names("省级预算内投资安排80亿元。")[0][0] == "省级预算内投资"


def test_rank_phrase_before_a_list_comma_is_not_a_name():
    assert names("民营企业数量稳居全省第一方阵、达到12万户。")[0][0] == "民营企业数量"


def test_clause_with_a_verb_before_the_list_comma_is_not_merged():
    assert names("推动在建项目加快投产、新开工项目80个。")[0][0] == "新开工项目"


def test_shared_leading_verb_carries_to_list_items():
    got = names("新增规上工业企业31家、国家级专精特新企业4家。")
    assert got == [
        ("新增规上工业企业", "count_change", 31.0),
        ("新增国家级专精特新企业", "count_change", 4.0),
    ]
    got = names("关停燃煤小锅炉120台、砖瓦窑15座。")
    assert [g[0] for g in got] == ["关停燃煤小锅炉", "关停砖瓦窑"]
    # no carry onto a share or onto an item with its own verb
    got = names("新增造林面积5万亩、森林覆盖率达到40%。")
    assert got[1][0] == "森林覆盖率"
    got = names("新增停车位3000个、改造老旧管网50公里。")
    assert got[1][0] == "改造老旧管网"


def test_new_with_a_classifier_or_capacity_is_count_change():
    assert names("新增普惠托位1200个。")[0][1] == "count_change"
    assert names("新增护理型床位800张。")[0][1] == "count_change"
    assert names("新增光伏装机容量50万千瓦。")[0][1] == "count_change"
    assert names("新增存款增量120亿元。")[0][1] == "count_change"
    # named flow statistics stay levels
    assert names("新增城镇就业5600人。")[0][1] == "level"
    assert names("新增耕地1200亩。")[0][1] == "level"


def test_share_of_units_is_kept_and_its_threshold_excluded():
    got = rows("80%以上的社区集体收入达到20万元以上。")
    assert [(r["value_low"], r["unit"], r["qualifier"], r["kind"]) for r in got] == [
        (80.0, "%", "以上", "share")
    ]
    # a threshold of a definition is still excluded without a share
    assert rows("培育亿元以上企业10家。")[0]["value_low"] == 10.0


def test_bare_growth_after_a_noun_clause_takes_that_clause():
    got = names("农村居民用于教育、医疗等方面的人均支出，分别增长12%、9%。")
    assert [g[0] for g in got] == ["农村居民用于教育方面的人均支出", "医疗方面的人均支出"]
    got = names("税收收入剔除留抵退税因素，增长5.5%。")
    assert got[0][0] == "税收收入"


def test_leading_plan_verb_does_not_break_a_list_of_names():
    got = names("力争全年工业、服务业投资分别达300亿元、200亿元。")
    assert [g[0] for g in got] == ["工业投资", "服务业投资"]
    got = names("确保猪、禽出栏量分别稳定在20万头和300万只左右。")
    assert [g[0] for g in got] == ["猪出栏量", "禽出栏量"]


def test_year_on_year_is_not_a_comparison_cut():
    assert names("地下水位同比回升0.8米。")[0][0] == "地下水位"
    assert names("累计使用外资比上年增长12%。")[0][0] == "使用外资"


def test_time_and_effort_words_before_the_name_are_stripped():
    got = names("年内力争新增省级创新平台5个、市级创新平台12个。")
    assert got == [
        ("新增省级创新平台", "count_change", 5.0),
        ("新增市级创新平台", "count_change", 12.0),
    ]
    assert names("全力推进总投资88亿元。")[0][0] == "总投资"


def test_numbered_modifier_before_the_counted_noun_is_dropped():
    got = rows("总投资32亿元的续建项目14个全部复工。")
    assert [(r["indicator"], r["unit"]) for r in got] == [("续建项目", "个")]


def test_increase_with_a_classifier_is_count_change():
    assert names("增加普惠托位150个。")[0][1] == "count_change"


def test_company_name_with_numeral_and_classifier_is_not_a_count():
    got = rows("三棵树公司纳税超过4500万元。")
    assert [r["surface"] for r in got] == ["4500万元"]


def test_milestones_adjustments_and_new_persons():
    got = names("经济总量连跨2000亿元、3000亿元两个台阶。")
    assert [g[0] for g in got] == ["经济总量", "经济总量"]
    assert names("企业退休人员基本养老金上调2%。")[0][:2] == ("企业退休人员基本养老金", "growth")
    assert names("新增省级人才计划入选者58人。")[0][1] == "count_change"
    assert names("新增转移农村劳动力2100人。")[0][1] == "level"


def test_from_to_base_periods_keep_the_measured_noun():
    got = names("存贷比从2015年的62%提高到2020年的71%。")
    assert got == [("存贷比", "share", 62.0), ("存贷比", "share", 71.0)]
    got = names("专项补助资金从2018年的120亿元增加到2022年的310亿元。")
    assert [g[0] for g in got] == ["专项补助资金", "专项补助资金"]
    got = names("残疾人两项补贴标准由2019年每人每月60元提高到现在的90元。")
    assert [g[0] for g in got] == ["残疾人两项补贴标准", "残疾人两项补贴标准"]


def test_target_phrasing_and_base_budget_comparison():
    assert names("今年经济增长预期目标定为6%左右。")[0][:2] == ("经济增长", "growth")
    assert names("社会融资规模预期增长目标拟定为9%。")[0][:2] == ("社会融资规模", "growth")
    got = names("财政赤字9000亿元，比去年预算增加1500亿元。")
    assert got[1] == ("财政赤字", "count_change", 1500.0)
    assert names("把城镇登记失业率控制在4.5%以内。")[0][0] == "城镇登记失业率"
    assert names("残疾人生活补贴继续提高5%。")[0][:2] == ("残疾人生活补贴", "growth")
    assert names("国家财政科技支出五年累计2.1万亿元。")[0][0] == "国家财政科技支出"


def test_levels_sharing_one_head_after_a_count():
    got = rows("总投资85亿元的16个省、市重点项目全部开工。")
    assert [(r["indicator"], r["unit"]) for r in got] == [
        ("总投资", "亿元"),
        ("省、市重点项目", "个"),
    ]


def test_streaks_net_increase_and_session_lists():
    assert names("粮食总产量连续5年稳定在500亿斤以上。")[0][0] == "粮食总产量"
    assert names("林地面积净增3万亩。")[0][:2] == ("林地面积", "count_change")
    assert names("经济年均增长6%左右。")[0][0] == "经济增长"
    assert rows("贯彻市委十二届五次、六次全会精神。") == []


def test_counted_nouns_after_classifiers_in_a_list():
    got = names("建成12个示范区、300个和美乡村。")
    assert [g[0] for g in got] == ["建成示范区", "建成和美乡村"]
    got = names("新培育15家省级“两业”融合标杆企业。")
    assert got[0][0] == "新培育省级“两业”融合标杆企业"
    assert names("推动70%以上的乡镇卫生院达到服务能力标准。")[0][1] == "share"


def test_target_wording_streak_and_years_ago_are_stripped():
    assert names("经济增长预期目标为6%左右。")[0][:2] == ("经济增长", "growth")
    assert names("全市生产总值连续跨越4000亿元。")[0][0] == "全市生产总值"
    got = names("城镇化率已经由十年前的35%提高到52%。")
    assert [g[0] for g in got] == ["城镇化率", "城镇化率"]


def test_durations_and_pairs_joined_by_he():
    got = rows("用3个月时间完成征地1500亩。")
    assert [(r["indicator"], r["surface"]) for r in got] == [("征地", "1500亩")]
    got = names("综合指数和PM10平均浓度分别下降8%和12%。")
    assert [g[0] for g in got] == ["综合指数", "PM10平均浓度"]


def test_per_person_and_per_month_wording_is_stripped():
    got = names("城乡低保标准分别提高到每人650元/月和480元/月。")
    assert [g[0] for g in got] == ["城乡低保标准", "城乡低保标准"]
    assert names("水稻亩产再度突破800公斤。")[0][0] == "水稻亩产"


def test_national_report_wordings():
    got = names("专项资金从2016年的20亿元增加到 2021年的55亿元。")
    assert [g[0] for g in got] == ["专项资金", "专项资金"]
    got = names("新增发电装机1.2亿千瓦，其中风电3000万千瓦。")
    assert got[1][0] == "风电"
    got = names("研究与试验发展经费支出占国内生产总值比重达到2.5%。")
    assert [g[0] for g in got] == ["研究与试验发展经费支出占国内生产总值比重"]


def test_trailing_new_and_from_to_counts():
    assert names("城市轨道交通里程新增45公里。")[0][:2] == ("城市轨道交通里程", "count_change")
    got = names("每万人口发明专利拥有量从12.5件增加到20件。")
    assert got == [
        ("每万人口发明专利拥有量", "level", 12.5),
        ("每万人口发明专利拥有量", "level", 20.0),
    ]
    got = names("重点项目完成投资800亿元，120个新投产项目增加产值300亿元。")
    assert got[1][0] == "新投产项目"


def test_results_are_shared_but_never_aliased():
    text = "全镇税收预计完成4.7亿元，增长7%左右。"
    first = gt.extract_indicators(text)
    first.loc[:, "indicator"] = "changed"
    second = gt.extract_indicators(text)
    assert "changed" not in set(second["indicator"]) and len(second) == len(first)


def test_sentences_are_those_of_the_one_segmenter():
    """indicators cut sentences with text.segment's rule (； ends a sentence); the scope of a
    status cue is the one documented local rule: a statement continued over ；."""
    from govtext.indicators.scope import SENTENCE_STOP, STATEMENT_END
    from govtext.text.segment import SENTENCE_END

    assert set(SENTENCE_STOP) == SENTENCE_END | {"\n"}
    assert set(STATEMENT_END) == (SENTENCE_END - {"；", ";"}) | {"\n"}
    # a name carries over a clause of the same sentence, not over ；
    df = gt.extract_indicators("国内生产总值达到114万亿元，增长8.1%。", section=False)
    assert df["indicator"].tolist() == ["国内生产总值", "国内生产总值"]
    df = gt.extract_indicators("国内生产总值达到114万亿元；增长8.1%。", section=False)
    assert df["indicator"].tolist() == ["国内生产总值", "增长"]
    # 预计 opens a statement: it covers the clause after ；, not the next sentence
    df = gt.extract_indicators(
        "预计全年地区生产总值增长5%；一般公共预算收入增长6%。城镇新增就业1万人。", section=False
    )
    assert df["status"].tolist() == ["estimate", "estimate", "actual"]


def test_period_column_flags_values_over_several_years():
    """Issue 15: rows stay in the table, flagged by the years they cover."""
    text = (
        "这五年，城镇新增就业5771万人。2010年，国内生产总值达到39.8万亿元，比2005年增长"
        "69.9%，年均增长11.2%。全年城镇新增就业1168万人，全年累计完成投资120亿元。"
    )
    df = gt.extract_indicators(text, section=False)
    got = dict(zip(df["surface"], df["period"]))
    assert got["5771万人"] == "multi-year"
    assert got["69.9%"] == "cumulative" and got["11.2%"] == "average"
    assert got["1168万人"] == "" and got["120亿元"] == ""
    assert set(df["period"]) <= {"", "average", "cumulative", "multi-year"}


def test_middle_dot_is_a_decimal_point_before_a_percent_sign():
    """1999 national report: ``全社会固定资产投资增长14·1％`` is 14.1 (the panel paired 1.0)."""
    df = gt.extract_indicators("全社会固定资产投资增长14·1％。", section=False)
    assert df[["indicator", "value_low", "surface"]].values.tolist() == [
        ["全社会固定资产投资", 14.1, "14·1％"]
    ]
    # a date or a slogan with a middle dot is no number
    none = gt.extract_indicators("“5·12”汶川特大地震，落实“30·60”行动。", section=False)
    assert not none["surface"].str.contains("·").any()
