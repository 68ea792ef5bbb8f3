"""kwic: offsets into the original text, normalisation, regex, whole tokens."""

from __future__ import annotations

import pytest

import govtext as gt
from govtext.errors import InputError


def test_offsets_point_into_the_original_text(sample):
    k = gt.kwic(sample, "新质生产力", window=10)
    assert len(k) > 0 and list(k.columns) == ["doc", "left", "term", "right", "start", "end"]
    for row in k.itertuples():
        text = sample[row.doc].text
        assert text[row.start : row.end] == "新质生产力"
        assert len(row.left) <= 10 and len(row.right) <= 10
    counts = k.groupby("doc").size()
    for doc, n in counts.items():
        assert n == sample[doc].text.count("新质生产力")


def test_normalised_matching_maps_back_to_raw_offsets():
    text = "目标：２０２３年增长５％左右。"
    k = gt.kwic(text, "2023年", window=3)
    assert k["start"].tolist() == [3] and k["end"].tolist() == [8]
    assert k["term"].iloc[0] == "２０２３年"
    assert k["left"].iloc[0] == "目标：" and k["right"].iloc[0] == "增长５"


def test_flatten_and_regex():
    text = "一、推进\n乡村振兴\n二、优化营商环境"
    k = gt.kwic(text, "乡村振兴", window=4)
    assert k["left"].iloc[0] == "、推进 " and k["right"].iloc[0] == " 二、优"
    assert gt.kwic(text, "乡村振兴", window=4, flatten=False)["left"].iloc[0] == "、推进\n"
    r = gt.kwic(text, "乡村振兴|营商环境", regex=True)
    assert r["term"].tolist() == ["乡村振兴", "营商环境"]
    with pytest.raises(InputError, match="regular expression"):
        gt.kwic(text, "(", regex=True)
    with pytest.raises(InputError, match="non-empty"):
        gt.kwic(text, " ")
    with pytest.raises(InputError, match="window"):
        gt.kwic(text, "乡村", window=-1)


def test_whole_tokens_agree_with_the_matrix(sample, tok):
    sub = sample.filter(level="national", year=[2024, 2025])
    k = gt.kwic(sub, "新质生产力", tokens=True, tokenizer=tok)
    m = gt.dtm(sub, tok)
    assert len(k) == int(m.counts("新质生产力").to_numpy().sum())
    # a substring of a whole token is found as a substring, not as a token
    assert len(gt.kwic("全面推进乡村振兴", "振兴")) == 1
    assert len(gt.kwic("全面推进乡村振兴", "振兴", tokens=True, tokenizer=tok)) == 0
