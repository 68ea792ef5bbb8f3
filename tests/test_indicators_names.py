"""Indicator names: one test per error type fixed in govtext.indicators.names (hand-written)."""

from __future__ import annotations

import govtext as gt


def names(text: str) -> list[tuple[str, str, float]]:
    df = gt.extract_indicators(text, section=False)
    return [(r.indicator, r.kind, r.value_low) for r in df.itertuples()]


def test_ranking_clause_is_not_a_name():
    got = names("全市生产总值达到820亿元、位居全省第三、增长6.1%。")
    assert got == [("全市生产总值", "level", 820.0), ("全市生产总值", "growth", 6.1)]


def test_modal_and_comparable_tails_are_cut():
    assert names("二氧化硫排放量都要减少2%。")[0][0] == "二氧化硫排放量"
    assert names("一般公共预算收入可比增长6%。")[0][0] == "一般公共预算收入"
    assert names("村集体收入全部突破10万元。")[0][0] == "村集体收入"
    assert names("高新技术企业数量实现翻番、达到360家。")[0][0] == "高新技术企业数量"


def test_adverbs_after_a_counted_noun_are_cut():
    assert names("推动12个续建项目早日竣工。")[0][0] == "续建项目"
    assert names("推动30个谋划项目更多纳入省级盘子。")[0][0] == "谋划项目"
    assert names("6.5%左右的增速可以实现比较充分的就业。")[0][0] == "增速"
    # who benefits: the beneficiaries, not the bare noun
    assert names("减税政策使2600户企业受益。")[0][0] == "受益企业"


def test_dangling_comparison_is_cut_but_ratios_stay():
    assert names("PM2.5平均浓度较去年下降8.2%。")[0][:2] == ("PM2.5平均浓度", "growth")
    assert names("存贷比较上年提高3个百分点。")[0][0] == "存贷比"
    assert names("工业投资总额比较2019年增加了96%。")[0][:2] == ("工业投资总额", "growth")


def test_list_enumerators_are_cut():
    assert names("三是新增城区供热面积50万平方米。")[0][0] == "新增城区供热面积"
    assert names("⑤投资800万元，完成县医院改造。")[0][0] == "投资"
    # 第一产业 is a name, not an enumerator
    assert names("第一产业增加值增长3.5%。")[0][0] == "第一产业增加值"


def test_share_of_units_is_named_by_what_they_satisfy():
    got = names("全县60%以上的村（社区）实现分红。")
    assert got == [("实现分红的村（社区）", "share", 60.0)]
    assert names("70%的乡镇有标准化卫生院。")[0][0] == "有标准化卫生院的乡镇"
    assert names("80%的企业初步建立现代企业制度。")[0][0] == "建立现代企业制度的企业"


def test_list_verb_carries_its_modifier():
    got = names("淘汰落后的造纸产能20万吨、印染产能5万吨。")
    assert [g[0] for g in got] == ["淘汰落后的造纸产能", "淘汰落后的印染产能"]


def test_verbs_before_an_investment_total_are_cut():
    got = names("抓好总投资80亿元、25个重点项目建设。")
    assert [g[0] for g in got] == ["总投资", "重点项目"]
    assert names("启动投资1.2亿元的污水处理厂。")[0][0] == "投资"
    # a noun before 投资 stays
    assert names("基本建设投资120亿元。")[0][0] == "基本建设投资"


def test_funds_obtained_keep_the_action():
    assert names("争取上级资金3.2亿元。")[0][0] == "争取上级资金"
    assert names("力争全年争取新增债券5亿元。")[0][0] == "新增债券"


def test_generic_measure_word_takes_its_subject():
    assert names("经营主体持续壮大。总量达到35万户。")[0][0] == "经营主体"
    got = names("地区生产总值迈上千亿台阶、五年增量超过300亿元。")
    assert got == [("地区生产总值", "count_change", 300.0)]


def test_beneficiaries_and_coverage_expansion():
    got = names("改造老旧小区12个、惠及3600户居民。")
    assert [g[0] for g in got] == ["改造老旧小区", "惠及居民"]
    # without a noun after the number the verb names it (no name borrowed from before)
    assert names("发放救助资金1.2亿元、惠及46万人次。")[1][0] == "惠及"
    assert names("城乡居民养老保险扩面1500人。")[0][1] == "count_change"


def test_named_flow_statistic_does_not_lend_its_verb():
    got = names("新增城镇就业3200人、农民工返乡创业800人。")
    assert got == [("新增城镇就业", "level", 3200.0), ("农民工返乡创业", "level", 800.0)]


def test_duration_before_a_growth_rate_is_not_a_name():
    got = names("财政收入达到135亿元，3年增长28.6%。")
    assert got == [("财政收入", "level", 135.0), ("财政收入", "growth", 28.6)]


def test_coordinated_pollutants_share_the_emission_head():
    got = names("二氧化硫、氮氧化物排放量分别下降3%、4%。")
    assert [g[0] for g in got] == ["二氧化硫排放量", "氮氧化物排放量"]


def test_target_year_and_year_end_are_cut():
    assert names("到2030年全社会研发投入强度达到3.2%左右。")[0][0] == "全社会研发投入强度"
    assert names("年底力争完成产值190亿元。")[0][0] == "产值"
    got = names("农村居民人均纯收入年均递增10%，达11814元。")
    assert got == [("农村居民人均纯收入", "growth", 10.0), ("农村居民人均纯收入", "level", 11814.0)]


def test_three_sectors_are_not_a_count():
    assert names("推动三次产业协调发展。") == []


def test_industry_before_a_shared_head_takes_the_head():
    got = names("制造业、普惠小微贷款余额分别增长10.7%、13.3%。")
    assert [g[0] for g in got] == ["制造业贷款余额", "普惠小微贷款余额"]
    # a suffix shared with the head still wins: 工业和手工业总产值
    assert names("工业和手工业总产值增长12%。")[0][0] == "工业总产值"


def test_share_of_a_total_names_both_sides():
    got = names("工业企业纳税总额达5.7亿元，占全部财政收入的56.4%。")
    assert got[1] == ("工业企业纳税总额占全部财政收入比重", "share", 56.4)


def test_urban_rural_pair_is_written_out():
    got = names("城乡低保标准分别提高9.9%、13.2%。")
    assert [g[0] for g in got] == ["城镇低保标准", "农村低保标准"]


def test_completion_rate_keeps_its_verb():
    assert names("年度完成率为139.4%。")[0][0] == "年度完成率"


def test_totals_keep_their_measure_word_or_borrow_the_subject():
    assert names("信访总量下降3.8%。")[0][0] == "信访总量"
    got = names("新增挂牌上市企业3家，总数达到11家。")
    assert got == [("新增挂牌上市企业", "count_change", 3.0), ("挂牌上市企业", "level", 11.0)]
    assert names("国内生产总值增长6.6%，总量突破90万亿元。")[1][0] == "国内生产总值"


def test_reduced_to_inherits_the_name():
    got = names("钢铁产能由2.39亿吨减至1.9亿吨。")
    assert [g[0] for g in got] == ["钢铁产能", "钢铁产能"]


def test_quoted_names_are_not_split_at_he():
    assert names("创建8个省级“和美乡村”。")[0][0] == "创建省级“和美乡村”"


def test_bare_zhan_becomes_a_share_name():
    assert names("全区10万元以上村占47%。")[0][:2] == ("全区10万元以上村占比", "share")


def test_completion_of_a_plan_is_named_by_the_plan():
    assert names("重点项目完成年度投资计划的140%。")[0][:2] == ("年度投资计划", "share")
    # two rates of two named quantities keep their own names
    got = names("新增就业、新增发放创业担保贷款分别完成年计划的118.2%、248.5%。")
    assert all(g[0] != "年计划" for g in got)


def test_year_before_respectively_inherits_the_previous_clause():
    got = names("农民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元。")
    assert [g[0] for g in got] == ["农民人均纯收入", "城镇居民人均可支配收入"]


def test_subject_before_a_colon_or_a_milestone():
    got = names("粮食：达到3856亿斤，增长17.6%。\n棉花：达到3270万担，增长25.4%。")
    assert [g[0] for g in got] == ["粮食", "粮食", "棉花", "棉花"]
    got = names("城镇居民人均可支配收入突破万元，达到10300元，增长13%。")
    assert {g[0] for g in got} == {"城镇居民人均可支配收入"}


def test_spaced_ranks_and_comparisons():
    assert names("固定资产投资增长20.5%，全市第 1 位。") == [("固定资产投资", "growth", 20.5)]
    got = names("信访件次、人次比 2011 年分别下降 84.21%和 81.11%。")
    assert [g[0] for g in got] == ["信访件次", "人次"]


def test_quoted_names_are_not_cut_at_verbs():
    assert names("立项培育10所省级“双高建设”学校。")[0][0] == "培育省级“双高建设”学校"


def test_bare_verb_takes_its_counted_object():
    assert names("用好1800亿元引导基金。")[0][0] == "用好引导基金"
    assert names("营养改善计划惠及3600万农村学生。")[0][0] == "营养改善计划惠及农村学生"
    # an action after the number is not an object
    assert names("投入2.74亿元加强开发区建设。")[0][0] == "投入"


def test_conjunctions_per_and_object_markers_are_cut():
    assert names("但财政用于民生的比例达到70%以上。")[0][0] == "财政用于民生的比例"
    assert names("小麦最低收购价每50公斤提高7元。")[1][:2] == ("小麦最低收购价", "count_change")
    got = names("对小微企业年应纳税所得额100万元至300万元部分减半征收。")
    assert got[0][0] == "小微企业年应纳税所得额"
    # 对 belongs to the name of a contribution rate
    assert names("对全球经济增长的贡献率超过30%。")[0][0] == "对全球经济增长的贡献率"


def test_year_completed_inherits_and_index_value_is_not_a_name():
    got = names("全社会消费品零售总额稳定增长，2017年完成94.8亿元，同比增长9.8%。")
    assert {g[0] for g in got} == {"全社会消费品零售总额"}
    assert names("空气质量综合指数5.94，同比下降13.16%。")[0][0] == "空气质量综合指数"
    # a count with its own noun after the classifier does not inherit
    got = names("投资960万元完成四座农村危桥改造。")
    assert got[1][:1] == ("农村危桥改造",)


def test_units_with_their_parenthesised_kinds():
    assert names("2147个县（市、区）参加试点。")[0][0] == "县（市、区）"


def test_thresholds_and_durations_are_not_quantities():
    got = names("年内谋划投资过5亿元项目不少于7个，过10亿元项目不少于6个。")
    assert [g[2] for g in got] == [7.0, 6.0]
    assert names("用37天实现本地日新增检测能力。") == []


def test_events_counted_in_changci():
    got = gt.extract_indicators("举办体育赛事活动20余场次。", section=False)
    assert got[["unit", "qualifier"]].values.tolist() == [["场次", "余"]]


def test_more_than_n_percentage_points_and_footnotes():
    got = gt.extract_indicators("市场份额比上年提高2个多百分点。", section=False)
    assert got[["unit", "qualifier", "kind"]].values.tolist() == [
        ["个百分点", "多", "count_change"]
    ]
    assert names("关停“散乱污”企业〔31〕374家。")[0][0] == "关停“散乱污”企业"


def test_per_day_takes_the_subject_and_lists_below_are_not_counts():
    got = names("新登记注册企业增长21.6%，平均每天新增1.2万户。")
    assert got[1] == ("新登记注册企业", "count_change", 1.2)
    assert names("要突出抓好以下5个方面工作：") == []


def test_working_days_are_a_unit_not_a_name():
    got = names("企业开办时间压缩到1个工作日，企业投资项目审批缩减到45个工作日。")
    assert [g[0] for g in got] == ["企业开办时间", "企业投资项目审批"]


def test_cue_words_inside_listed_names_do_not_split_a_total():
    # 三都 is a county: one total, one row
    got = names("在册亨、罗甸、三都、关岭等8个重点县建设露地冬春果菜基地6.2万亩。")
    assert [g[2] for g in got].count(6.2) == 1
    # 各级博物馆、纪念馆: one combined count
    assert len(names("各级博物馆、纪念馆接待观众4500余万人次。")) == 1
    assert len(names("办复率、满意率均达100%。")) == 2


def test_one_investment_or_combined_total_is_one_row():
    assert names("集中攻坚、压茬推进总投资9.64亿元的10条道路。")[0][0] == "总投资"
    got = names("投资2.25亿元的新希望养殖基地、投资2.21亿元的宝凯电器。")
    assert [g[:1] for g in got if g[2] == 2.21] == [("投资",)]
    got = names("畜牧、蔬菜、果品三大支柱产业占农业总产值比重达70.2%。")
    assert len(got) == 1 and got[0][1] == "share"
    # with a cue each listed name keeps its own number
    got = names("利用外资、投资分别增长45%、20%。")
    assert [g[0] for g in got] == ["利用外资", "投资"]


def test_recent_years_duration_and_energy_pairs():
    got = names("建成面积占永久基本农田比例达到66.25%，近3年提升21个百分点。")
    assert got[1] == ("建成面积占永久基本农田比例", "count_change", 21.0)
    got = names("万元生产总值综合能耗和二氧化碳排放量分别下降3%。")
    assert [g[0] for g in got] == ["万元生产总值综合能耗", "二氧化碳排放量"]
    assert len(names("研究与实验经费投入强度达到2.3%。")) == 1
    assert gt.extract_indicators("硬化农村街道8.8万平米。", section=False)["unit"].tolist() == [
        "万平米"
    ]


def test_bracketed_footnotes_and_level_ranges():
    got = names("2017年，完成地方生产总值[1]202亿元，同比增长9%。")
    assert [g[0] for g in got] == ["地方生产总值", "地方生产总值"]
    assert names("新建25—30家省级及以上企业技术中心。")[0][0] == "新建省级及以上企业技术中心"
    got = gt.extract_indicators("累计出动机械设备1560台次。", section=False)
    assert got["unit"].tolist() == ["台次"]


def test_a_milestone_is_not_inherited():
    got = names("地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长19.8%。")
    assert [g[0] for g in got if g[2] in (1.5, 19.8)] == ["地区生产总值", "地区生产总值"]


def test_among_and_full_coverage_are_cut_from_counted_nouns():
    assert names("实现367个行政村全覆盖。")[0][0] == "行政村"
    assert names("在本年的45种主要工业产品中，有37种完成计划。")[0][0] == "主要工业产品"
    # 高中 is a word, not 高 + 中
    assert names("新建2所普通高中。")[0][0] == "新建普通高中"


def test_pairs_sharing_a_head_with_and():
    got = names("城乡居民基本养老保险和基本医疗保险参保率分别达到98%和96%以上。")
    assert [g[0] for g in got] == ["城乡居民基本养老保险参保率", "基本医疗保险参保率"]
    got = names("全省接待游客人次和旅游收入分别增长17.6%、16.8%。")
    assert [g[0] for g in got] == ["接待游客人次", "旅游收入"]
    # no shared head found: one name for both
    got = names("交通部直属的内河和沿海运输企业的货物周转量分别增长21.4%和29.2%。")
    assert {g[0] for g in got} == {"交通部直属的内河和沿海运输企业的货物周转量"}


def test_a_net_increase_verb_is_not_lent_to_a_total():
    got = names("累计净增各类经营主体155万户、总量达474万户。")
    assert got[1] == ("各类经营主体", "level", 474.0)


def test_examples_with_deng_are_one_total_unless_a_cue_follows():
    got = names("推动商洛电厂二期、店头电厂二期等402万千瓦机组建成投运。")
    assert got == [("商洛电厂二期、店头电厂二期", "level", 402.0)]
    got = names("烤烟、桑蚕茧、猪牛羊肉等都增长50%以上。")
    assert [g[0] for g in got] == ["烤烟", "桑蚕茧", "猪牛羊肉"]
