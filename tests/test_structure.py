"""Tests for govtext.text.structure: headings, section kinds, spans and targets statements."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.errors import InputError
from govtext.text.structure import (
    KINDS,
    Section,
    classify_heading,
    kind_lookup,
    parse_sections,
    section_at,
    section_spans,
    section_text,
    walk,
)
from govtext.text.targets_spans import targets_spans

BODY = (
    "这是一段足够长的正文，用来把标题和段落分开，内容是关于经济社会发展的具体工作安排和措施，"
    "真实报告的段落通常有一两百字，这里再多写几句，使它像一个真正的段落。"
)


def _check_tree(text: str, secs: list[Section]) -> None:
    """Invariants every parse must satisfy."""
    nodes = list(walk(secs))
    for s in nodes:
        assert 0 <= s.start < s.heading_end <= s.end <= len(text)
        # the title is in the heading (a heading broken inside quotes loses its line break)
        assert s.title.replace("\n", "") in text[s.start : s.heading_end].replace("\n", "")
        assert text.count("\n", 0, s.start) + 1 == s.line
        assert s.kind in KINDS
        for c in s.children:
            assert c.level == s.level + 1
            assert s.heading_end <= c.start and c.end <= s.end
            assert c.kind == s.kind
        for a, b in zip(s.children, s.children[1:]):
            assert a.end == b.start
    for a, b in zip(secs, secs[1:]):
        assert a.end == b.start
    if secs:
        assert secs[-1].end == len(text)
        assert all(s.level == 1 for s in secs)
    starts = [s.start for s in nodes]
    assert starts == sorted(starts)


# ---------------------------------------------------------------------------- heading styles


def test_every_numbered_style_nests_in_order_of_appearance():
    text = (
        "政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
        "一、2023年工作回顾\n" + BODY + "\n"
        "（一）经济运行\n" + BODY + "\n"
        "1.工业生产\n" + BODY + "\n"
        "（1）规模以上工业\n" + BODY + "\n"
        "（2）中小企业\n" + BODY + "\n"
        "2.农业生产\n" + BODY + "\n"
        "（二）民生保障\n" + BODY + "\n"
        "二、2024年工作安排\n" + BODY + "\n"
        "①稳住工业\n" + BODY + "\n"
        "②扩大消费\n" + BODY + "\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [(s.title, s.level) for s in walk(secs)] == [
        ("2023年工作回顾", 1),
        ("经济运行", 2),
        ("工业生产", 3),
        ("规模以上工业", 4),
        ("中小企业", 4),
        ("农业生产", 3),
        ("民生保障", 2),
        ("2024年工作安排", 1),
        ("稳住工业", 2),
        ("扩大消费", 2),
    ]
    styles = {s.title: (s.style, s.marker, s.number) for s in walk(secs)}
    assert styles["经济运行"] == ("paren_cn", "（一）", 1)
    assert styles["农业生产"] == ("arabic", "2.", 2)
    assert styles["中小企业"] == ("paren_arabic", "（2）", 2)
    assert styles["扩大消费"] == ("circled", "②", 2)
    # every heading's offsets point at its marker
    for s in walk(secs):
        assert text[s.start : s.start + len(s.marker)] == s.marker
        assert text[s.start : s.heading_end] == s.marker + s.title


def test_paragraph_opening_heading_title_is_first_sentence():
    text = (
        "各位代表：\n三、2024年政府工作任务\n"
        "（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用，"
        "以科技创新推动产业创新，加快推进新型工业化。\n"
        "（二）深入实施科教兴国战略，强化高质量发展的基础支撑。坚持教育强国、科技强国、"
        "人才强国建设一体统筹推进。\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    subs = secs[0].children
    assert [s.title for s in subs] == [
        "大力推进现代化产业体系建设，加快发展新质生产力",
        "深入实施科教兴国战略，强化高质量发展的基础支撑",
    ]
    # heading_end is just after the first sentence, inside the paragraph
    assert text[subs[0].heading_end - 1] == "。"
    assert text[subs[0].heading_end : subs[0].heading_end + 4] == "充分发挥"


def test_unnumbered_headings_between_paragraphs():
    text = (
        "1983年政府工作报告\n各位代表：\n我代表国务院，向大会作政府工作报告，请予审议。\n"
        "过去五年的回顾\n" + BODY + "\n" + BODY + "\n"
        "今后五年的主要任务\n" + BODY + "\n"
        "（一）关于经济建设\n" + BODY + "\n"
        "（二）关于外交工作\n" + BODY + "\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [(s.title, s.style, s.kind) for s in secs] == [
        ("过去五年的回顾", "plain", "review"),
        ("今后五年的主要任务", "plain", "tasks"),
    ]
    assert [c.title for c in secs[1].children] == ["关于经济建设", "关于外交工作"]


def test_short_lines_that_are_not_headings():
    text = (
        "各位代表：\n一、2025年工作安排\n" + BODY + "\n"
        # a sentence broken over three lines around a bold phrase
        "2026年是开局之年，开好局十分重要。今年经济社会发展的\n主要预期目标\n"
        "是：地区生产总值增长5%左右。\n"
        # items of a list announced by a colon
        "存在的问题主要是：\n经济总量不大\n结构不够优\n"
        # a short line that ends a sentence
        "我们一定能够完成任务。\n" + BODY + "\n"
        # a split number
        "PM\n2.5\n平均浓度下降。\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [s.title for s in walk(secs)] == ["2025年工作安排"]


def test_ordinal_and_lone_numeral_headings():
    text = (
        "各位代表：\n" + BODY + "\n一\n" + BODY + "\n二\n" + BODY + "\n"
        "第一，全国动员，大办农业\n" + BODY + "\n"
        "第二，加快发展基础工业\n" + BODY + "\n"
        # 一是 opening a long paragraph is an enumeration, not a heading
        "一是加大宏观调控力度，推动经济运行持续好转。" + BODY + BODY + "\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [(s.title, s.level, s.style) for s in walk(secs)] == [
        ("一", 1, "cn"),
        ("二", 1, "cn"),
        ("全国动员，大办农业", 2, "ordinal"),
        ("加快发展基础工业", 2, "ordinal"),
    ]


def test_heading_whose_number_was_lost_stays_a_sibling():
    text = (
        "各位代表：\n一、过去一年工作回顾\n" + BODY + "\n"
        "（一）坚持人民至上，在疫情防控上持续发力\n" + BODY + "\n"
        "坚持守正创新，在推动高质量发展上持续发力\n" + BODY + "\n"
        "（三）厚植生态优势，在城乡一体化上持续发力\n" + BODY + "\n"
        "二、全力做好2023年重点工作\n为实现上述目标，要抓好以下重点工作：\n"
        "抓产业、谋创新，高质量发展再提速\n" + BODY + "\n"
        "（二）抓生态、优环境，宜居宜业再提升\n" + BODY + "\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [len(s.children) for s in secs] == [3, 2]
    assert all(c.level == 2 for s in secs for c in s.children)
    assert secs[0].children[1].style == "plain"


def test_nested_list_restarting_at_one_stays_nested():
    text = (
        "各位代表：\n一、总任务\n" + BODY + "\n三、若干问题\n（一）基本建设问题\n"
        "一、开垦宜于耕种的荒地。我国的人口很多，但已耕的土地还很少，必须积极地有计划地开垦。\n"
        "二、兴修水利。水利建设，既能够扩大灌溉面积，又能够防止水旱灾害，避免农作物的减产。\n"
        "三、各有关方面必须协同工作。\n"
        "四、国家机关经常对工程的质量进行检查。\n"
        "四、为完成五年计划而奋斗\n" + BODY + "\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [s.title for s in secs] == ["总任务", "若干问题", "为完成五年计划而奋斗"]
    assert len(secs[1].children[0].children) == 4


def test_offsets_are_into_the_raw_text():
    # BOM-less raw text with CRLF, ideographic-space indentation and full-width digits
    text = (
        "政府工作报告\r\n各位代表：\r\n\u3000\u3000一、２０２３年工作回顾\r\n\u3000\u3000"
        + BODY
        + "\r\n"
    )
    text += "\u3000\u3000二、２０２４年工作安排\r\n\u3000\u3000" + BODY + "\r\n"
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [s.kind for s in secs] == ["review", "tasks"]
    assert text[secs[0].start : secs[0].start + 2] == "一、"
    assert text[secs[1].start - 2 : secs[1].start] == "\u3000\u3000"
    assert secs[0].line == 3


def test_heading_broken_inside_quotation_marks():
    text = "各位代表：\n二、“十四五\n”时期发展的总体思路和重点任务。" + BODY + "\n"
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert secs[0].title == "“十四五”时期发展的总体思路和重点任务"
    assert secs[0].kind == "tasks"


def test_notes_section_is_top_level_other():
    text = (
        "各位代表：\n一、2021年工作回顾\n" + BODY + "\n二、2022年工作安排\n"
        "（一）抓项目\n" + BODY + "\n※注释※\n[1]“双千工程”：每年招商引资1000个项目。\n"
    )
    secs = parse_sections(text)
    _check_tree(text, secs)
    assert [(s.title, s.level, s.kind) for s in secs][-1] == ("注释", 1, "other")


def test_no_headings():
    text = "各位代表！\n" + BODY + "\n" + BODY + "\n"
    assert parse_sections(text) == []
    assert section_spans(text) == [("preamble", 0, len(text))]
    assert section_text(text, "tasks") == ""


def test_wrong_input_type():
    with pytest.raises(InputError, match="str"):
        parse_sections(b"bytes")  # type: ignore[arg-type]


def test_results_are_fresh_copies():
    text = "各位代表：\n一、2023年工作回顾\n" + BODY + "\n"
    first = parse_sections(text)
    first[0].title = "changed"
    first[0].children.append(first[0])
    again = parse_sections(text)
    assert again[0].title == "2023年工作回顾" and again[0].children == []


# ---------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    "title, kind",
    [
        ("2023年工作回顾", "review"),
        ("过去五年工作回顾", "review"),
        ("“十三五”时期经济社会发展回顾", "review"),
        ("一九八九年的回顾", "review"),
        ("改革开放和现代化建设取得伟大成就的五年", "review"),
        ("2024年经济社会发展总体要求和政策取向", "targets"),
        ("2009年工作的总体要求和主要目标", "targets"),
        ("2014年工作总体部署", "targets"),
        ("今后五年的指导思想和奋斗目标", "targets"),
        ("2024年政府工作任务", "tasks"),
        ("全力做好2023年重点工作", "tasks"),
        ("2022年目标要求和重点任务", "tasks"),
        ("“十五五”时期主要目标任务", "tasks"),
        ("对今年政府工作的建议", "tasks"),
        ("今后五年政府工作总体安排", "tasks"),
        ("加强政府自身建设", "self_building"),
        ("努力建设人民满意的服务型政府", "self_building"),
        ("努力提升政府工作效能和水平", "self_building"),
        ("全面提升政府治理效能", "self_building"),
        ("关于国际形势和外交工作", "other"),
        ("积极推进祖国和平统一大业", "other"),
        ("名词解释", "other"),
    ],
)
def test_classify_heading(title, kind):
    assert classify_heading(title) == kind


def test_classify_heading_uses_the_report_year():
    assert classify_heading("关于2014年政府工作", report_year=2015) == "review"
    assert classify_heading("2015年经济社会发展", report_year=2015) == "tasks"


def test_topic_sections_after_the_plan_are_tasks():
    text = (
        "——2009年1月在某市人民代表大会上\n各位代表：\n"
        "一、2008年工作回顾\n" + BODY + "\n"
        "二、2009年工作总体安排\n今年经济社会发展的主要预期目标是：生产总值增长10%以上。\n"
        "三、千方百计推进经济平稳较快增长\n" + BODY + "\n"
        "四、加快推进城镇化进程\n" + BODY + "\n"
        "五、加强政府自身建设\n" + BODY + "\n"
    )
    assert [k for k, _, _ in section_spans(text)] == [
        "preamble",
        "review",
        "targets",
        "tasks",
        "tasks",
        "self_building",
    ]


# ---------------------------------------------------------------------------- spans and lookups

TWO_PARTS = (
    "政府工作报告\n各位代表：\n一、2023年工作回顾\n过去一年，生产总值增长5.2%。\n"
    "二、2024年工作任务\n今年主要预期目标是：生产总值增长5%左右。\n"
)


def test_section_spans_cover_the_text():
    spans = section_spans(TWO_PARTS)
    assert [k for k, _, _ in spans] == ["preamble", "review", "tasks"]
    assert spans[0][1] == 0 and spans[-1][2] == len(TWO_PARTS)
    assert all(a[2] == b[1] for a, b in zip(spans, spans[1:]))
    assert TWO_PARTS[spans[1][1] :].startswith("一、2023年工作回顾")


def test_kind_lookup_and_section_at_agree():
    kind_at = kind_lookup(TWO_PARTS)
    offsets = [TWO_PARTS.index(w) for w in ("各位代表", "5.2%", "5%左右")]
    assert [kind_at(o) for o in offsets] == ["preamble", "review", "tasks"]
    assert kind_at.many(offsets) == [section_at(TWO_PARTS, o) for o in offsets]
    assert kind_at(len(TWO_PARTS)) == "tasks"
    with pytest.raises(IndexError):
        kind_at(len(TWO_PARTS) + 1)


def test_section_text():
    tasks = section_text(TWO_PARTS, "tasks")
    assert tasks.startswith("二、2024年工作任务") and "5%左右" in tasks and "5.2%" not in tasks
    assert "5.2%" in section_text(TWO_PARTS, "review")
    assert section_text(TWO_PARTS, "preamble").startswith("政府工作报告")
    assert section_text(TWO_PARTS, "self_building") == ""
    with pytest.raises(InputError, match="unknown section kind"):
        section_text(TWO_PARTS, "budget")


# ---------------------------------------------------------------------------- targets statements


def test_targets_spans_inside_tasks_section():
    text = (
        "各位代表：\n一、2023年工作回顾\n全年经济社会发展主要目标任务圆满完成，生产总值增长5.2%。\n"
        "二、2024年政府工作任务\n做好今年工作意义重大。今年发展主要预期目标是：国内生产总值增长5%左右；"
        "城镇新增就业1200万人以上。提出上述预期目标，综合考虑了各方面因素。\n"
    )
    spans = targets_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。"
    ]
    assert section_at(text, spans[0][0]) == "tasks"


def test_targets_spans_over_broken_lines_and_lists():
    text = (
        "2026年是开局之年。今年经济社会发展的\n主要预期目标\n是：地区生产总值增长4.5%—5%；"
        "地方一般公共预算收入增长3%左右。\n"
        "今年经济社会发展的主要预期目标是：\n——生产总值增长6%；\n——财政收入增长5%。\n"
        "为实现上述目标，重点做好以下工作。\n"
        "1981年国民经济计划主要指标安排如下。\n工农业总产值增长5.5%。\n劳动就业，在城镇安排600万人。\n"
        "一、关于工业\n"
    )
    got = [text[s:e] for s, e in targets_spans(text)]
    assert got[0].startswith("今年经济社会发展的\n主要预期目标\n是：") and got[0].endswith(
        "3%左右。"
    )
    assert got[1].endswith("——财政收入增长5%。")
    assert got[2].startswith("1981年") and got[2].endswith("安排600万人。")
    assert len(got) == 3


def test_targets_spans_horizon():
    text = (
        "“十四五”时期主要目标是：生产总值年均增长6%。\n今后五年的奋斗目标是：到2025年翻一番。\n"
        "今年经济增长预期目标为5%左右。\n"
    )
    year = [text[s:e] for s, e in targets_spans(text, horizon="year")]
    plan = [text[s:e] for s, e in targets_spans(text, horizon="plan")]
    assert year == ["今年经济增长预期目标为5%左右。"]
    assert len(plan) == 2 and all("年均" in p or "翻一番" in p for p in plan)
    with pytest.raises(InputError, match="horizon"):
        targets_spans(text, horizon="month")


# ---------------------------------------------------------------------------- real reports


@pytest.fixture(scope="module")
def sample():
    return gt.datasets.load_sample()


def test_sample_reports_invariants_and_coverage(sample):
    for r in sample:
        secs = parse_sections(r.text)
        _check_tree(r.text, secs)
        kinds = {s.kind for s in secs}
        # every bundled report (2015-2026) reviews the past and plans the coming year
        assert {"review", "tasks"} <= kinds, r.name
        assert targets_spans(r.text), r.name
    # a mid-year report (July 2021) states only five-year targets
    no_year = [r.name for r in sample if not targets_spans(r.text, horizon="year")]
    assert no_year == ["2021_county_河北省保定市顺平县"]


def test_known_sections_of_the_2024_national_report(sample):
    r = sample["2024_national_中国"]
    secs = r.sections
    assert [(s.marker, s.title, s.kind) for s in secs] == [
        ("一、", "2023年工作回顾", "review"),
        ("二、", "2024年经济社会发展总体要求和政策取向", "targets"),
        ("三、", "2024年政府工作任务", "tasks"),
    ]
    assert [s.line for s in secs] == [6, 27, 37]
    tasks = secs[2]
    assert len(tasks.children) == 10
    assert tasks.children[0].title == "大力推进现代化产业体系建设，加快发展新质生产力"
    targets = r.section("targets")
    assert "国内生产总值增长5%左右" in targets
    assert "国内生产总值增长5%左右" not in r.section("review")
    (s, e), *_ = targets_spans(r.text, horizon="year")
    assert r.text[s:e].startswith("今年发展主要预期目标是：国内生产总值增长5%左右")


def test_known_sections_of_the_township_and_county_reports(sample):
    town = sample["2023_township_天津市津南区北闸口镇"]
    assert [(s.title, s.kind) for s in town.sections] == [
        ("过去一年工作回顾", "review"),
        ("全力做好2023年重点工作", "tasks"),
        ("努力提升政府工作效能和水平", "self_building"),
    ]
    assert all(len(s.children) >= 3 for s in town.sections)
    (s, e), *_ = targets_spans(town.text, horizon="year")
    assert "一般公共预算收入增长7%" in town.text[s:e]
    assert section_at(town.text, s) == "tasks"
    county = sample["2022_county_河北省保定市易县"]
    assert [(s.title, s.kind) for s in county.sections] == [
        ("2021年工作回顾", "review"),
        ("2022年目标要求和重点任务", "tasks"),
        ("注释", "other"),
    ]


def test_bold_phrase_broken_over_lines_in_the_guangdong_report(sample):
    r = sample["2026_province_广东省"]
    titles = [s.title for s in walk(r.sections)]
    assert "主要预期目标" not in titles and "主要目标" not in titles
    year = [r.text[s:e] for s, e in targets_spans(r.text, horizon="year")]
    assert any("地区生产总值增长4.5%—5%" in t for t in year)
    plan = [r.text[s:e] for s, e in targets_spans(r.text, horizon="plan")]
    assert any("年均增长5%左右" in t for t in plan)


def test_kind_lookup_is_fast_for_many_offsets(sample):
    import time

    r = sample["2025_national_中国"]
    kind_at = kind_lookup(r.text)
    offsets = list(range(0, len(r.text), 3))
    t0 = time.perf_counter()
    kinds = kind_at.many(offsets)
    assert time.perf_counter() - t0 < 1.0
    assert kinds[0] == "preamble" and set(kinds) >= {"review", "targets", "tasks"}


# ---------------------------------------------------------------------------- property

_LINE = st.one_of(
    st.sampled_from(
        [
            "一、2023年工作回顾",
            "二、2024年工作安排",
            "（一）抓项目",
            "（二）抓民生",
            "1.工业",
            "2.农业",
            "（1）小项",
            "加强政府自身建设",
            "各位代表！",
            "",
            "名词解释",
            "一",
            "第一，抓农业",
        ]
    ),
    st.text(alphabet="经济发展工作。，：；是的年1%　 ", min_size=0, max_size=80),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=0, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_any_text_gives_a_consistent_tree(lines, sep):
    text = sep.join(lines)
    secs = parse_sections(text)
    _check_tree(text, secs)
    spans = section_spans(text)
    if text.strip():
        assert spans[-1][2] == len(text)
    assert all(a[2] == b[1] for a, b in zip(spans, spans[1:]))
    for s, e in targets_spans(text):
        assert 0 <= s < e <= len(text)
