"""Metadata from file names and header lines."""

from __future__ import annotations

from govtext.corpus.meta import meta_from_filename, meta_from_header
from govtext.text.numerals import chinese_to_int


def test_filename_pattern():
    assert meta_from_filename("2023_township_天津市津南区北闸口镇.txt") == {
        "year": 2023,
        "level": "township",
        "region": "天津市津南区北闸口镇",
    }
    assert meta_from_filename("2026_province_北京市") == {
        "year": 2026,
        "level": "province",
        "region": "北京市",
    }


def test_filename_not_matching_gives_nothing():
    assert meta_from_filename("report.txt") == {}
    assert meta_from_filename("2023_planet_火星.txt") == {}  # unknown level is not guessed


def test_header_split_over_two_lines_township():
    h = "政府工作报告\n\n——2023年1月12日在天津市津南区北闸口镇\n\n第十五届人民代表大会第三次会议上\n北闸口镇人民政府镇长　张明熠\n\n各位代表："
    m = meta_from_header(h)
    assert m["date"] == "2023-01-12"
    assert m["meeting"] == "天津市津南区北闸口镇第十五届人民代表大会第三次会议"
    assert m["speaker"] == "张明熠"
    assert m["speaker_title"] == "北闸口镇人民政府镇长"
    assert m["level"] == "township"


def test_header_in_brackets_county():
    h = "政府工作报告\n（2022年1月24日在米易县第十九届人民代表大会第二次会议上）\n米易县人民政府县长 代坤宏\n各位代表："
    m = meta_from_header(h)
    assert (m["date"], m["region"], m["level"]) == ("2022-01-24", "米易县", "county")
    assert (m["speaker"], m["speaker_title"]) == ("代坤宏", "米易县人民政府县长")


def test_header_national_fullwidth_digits_and_spaced_name():
    h = "政府工作报告\n——２０２４年３月５日在第十四届全国人民代表大会第二次会议上\n国务院总理李 强\n各位代表："
    m = meta_from_header(h)
    assert m["date"] == "2024-03-05"
    assert (m["level"], m["region"]) == ("national", "中国")
    assert m["speaker"] == "李强"


def test_header_chinese_numeral_date():
    m = meta_from_header("——二〇二三年一月十二日在某县第五届人民代表大会第二次会议上\n")
    assert m["date"] == "2023-01-12"


def test_city_level_not_guessed():
    # 市 may be a prefecture-level or a county-level city: left unknown
    m = meta_from_header("——2022年1月23日在保定市第十六届人民代表大会第二次会议上\n")
    assert m["region"] == "保定市" and "level" not in m


def test_no_header_gives_no_fields():
    assert meta_from_header("各位代表：\n现在，我代表县人民政府，向大会报告工作。") == {}


def test_chinese_to_int():
    assert chinese_to_int("二〇二三") == 2023
    assert chinese_to_int("十二") == 12
    assert chinese_to_int("二十四") == 24
    assert chinese_to_int("甲") is None


def test_sample_metadata(sample):
    meta = sample.meta
    row = meta.loc["2023_township_天津市津南区北闸口镇"]
    assert row["speaker"] == "张明熠" and row["date"] == "2023-01-12" and row["level"] == "township"
    # every sample report has year, level and region (from the file name)
    assert meta[["year", "level", "region"]].notna().all().all()
    # a report without a speaker line has speaker None, not a guess
    import pandas as pd

    assert pd.isna(meta.loc["2025_national_中国", "speaker"])
    assert sample["2025_national_中国"].meta["speaker"] is None
