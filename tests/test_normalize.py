"""normalize: each rule on hand-written strings, offsets, and properties (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.text.normalize import normalize_with_offsets


def test_fullwidth_digits_letters_percent_to_ascii():
    assert gt.normalize("２０２３年ＧＤＰ增长５．５％") == "2023年GDP增长5.5%"


def test_fullwidth_punctuation_is_kept():
    assert gt.normalize("各位代表：现在，我代表；") == "各位代表：现在，我代表；"


def test_brackets_dashes_quotes_unified():
    assert gt.normalize("〔2023〕【一】(二)") == "（2023）（一）（二）"
    assert gt.normalize("「三张好牌」『四谷』") == "“三张好牌”‘四谷’"
    assert gt.normalize("5%―5.5%") == "5%—5.5%"
    assert gt.normalize("5%－5.5%") == "5%-5.5%"


def test_letter_spaced_cjk_and_digits_joined():
    assert gt.normalize("政 府 工 作 报 告") == "政府工作报告"
    assert gt.normalize("1 9 9 8 年3 月5 日") == "1998 年3 月5 日"


def test_spaces_between_words_kept():
    # a single space between a title and a name is not letter-spacing
    assert gt.normalize("北闸口镇人民政府镇长　张明熠") == "北闸口镇人民政府镇长 张明熠"
    assert gt.normalize("国务院总理李 强") == "国务院总理李 强"
    assert gt.normalize("12 345") == "12 345"


def test_line_endings_and_paragraph_breaks():
    assert gt.normalize("甲\r\n乙\r丙\n\n丁  \n") == "甲\n乙\n丙\n\n丁\n"


def test_zero_width_and_bom_removed():
    assert gt.normalize("\ufeff乡村\u200b振兴") == "乡村振兴"


def test_simplify_traditional():
    assert gt.normalize("政府工作報告，鄉村振興", simplify=True) == "政府工作报告，乡村振兴"


def test_offsets_map_back_to_input():
    raw = "１ 9 9 8 年\r\n政 府 工 作"
    norm, offs = normalize_with_offsets(raw)
    assert norm == gt.normalize(raw)
    assert len(offs) == len(norm)
    # every kept character comes from an input character that normalises to it
    for ch, o in zip(norm, offs):
        assert gt.normalize(raw[o]) in (ch, "") or raw[o] in "\r"


def test_type_error_on_bytes():
    import pytest

    with pytest.raises(TypeError):
        gt.normalize(b"abc")  # type: ignore[arg-type]


_texts = st.text(
    alphabet=st.sampled_from(
        list("政府工作报告乡村振兴 　\n\r\t1２3.．%％（(）)“「」—–-ＡaB\u200b\ufeff年")
    ),
    max_size=60,
) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_normalize_is_idempotent(text):
    once = gt.normalize(text)
    assert gt.normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_offsets_are_increasing_and_in_range(text):
    norm, offs = normalize_with_offsets(text)
    assert norm == gt.normalize(text)
    assert all(0 <= o < len(text) for o in offs)
    assert offs == sorted(offs) and len(set(offs)) == len(offs)
