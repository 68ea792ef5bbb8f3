"""Issue 18: township reports as found on web pages (govtext.text.webclean, corpus/township)."""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.corpus.reports import Report
from govtext.corpus.township import meta_from_township_text
from govtext.text import webclean
from govtext.text.webclean import (
    clean_web_text,
    drop_furniture,
    has_placeholders,
    is_placeholder,
    looks_traditional,
    remove_pinyin,
)

WEB = Path(__file__).parent / "data" / "web_township"


# ------------------------------------------------------------------ pinyin and zhuyin
def test_pinyin_after_characters_is_removed():
    text = "鎮(zhèn)長(zhǎng)工作報(bào)告\n現(xiàn)在，我代表鎮(zhèn)人民政府"
    out, n = remove_pinyin(text)
    assert out == "鎮長工作報告\n現在，我代表鎮人民政府"
    assert n == 5


def test_full_width_brackets_tone_numbers_and_spaces():
    text = "现（xiàn）在，镇 (zhen4) 长(zhang3)，乡（xiāng）村（cūn）"
    assert remove_pinyin(text) == ("现在，镇长，乡村", 5)


def test_toneless_pinyin_only_once_the_page_is_annotated():
    annotated = "鎮(zhèn)長(zhǎng)報(bào)告，我們(men)"
    assert remove_pinyin(annotated)[0] == "鎮長報告，我們"
    # a lone toneless bracket is an abbreviation, not an annotation
    assert remove_pinyin("县政府(xzf)和我们(men)")[0] == "县政府(xzf)和我们(men)"
    assert remove_pinyin("我们(men)", strict=False)[0] == "我们"


def test_ruby_text_and_zhuyin():
    # <ruby>鎮<rt>zhèn</rt></ruby> reduced to text, and bopomofo annotations
    assert remove_pinyin("鎮zhèn長zhǎng報bào告")[0] == "鎮長報告"
    assert remove_pinyin("镇ㄓㄣˋ长ㄓㄤˇ政（ㄓㄥˋ）府")[0] == "镇长政府"


def test_a_space_of_the_text_stays():
    assert remove_pinyin("鎮(zhèn)長(zhǎng) 張三，現(xiàn)在")[0] == "鎮長 張三，現在"


def test_spaced_pinyin_without_brackets():
    assert remove_pinyin("鎮 zhèn 長 zhǎng 報 bào 告，GDP 增长") == ("鎮長報告，GDP 增长", 3)


def test_noise_tokens():
    assert [webclean.is_noise_token(t) for t in ["XX", "zhèn", "ǎ", "ㄓㄣˋ"]] == [True] * 4
    assert not any(webclean.is_noise_token(t) for t in ["GDP", "5G", "乡村振兴", "app"])


def test_what_is_not_pinyin_stays():
    text = "国内生产总值(GDP)增长5%，PPP项目(3个)，APP(app)上线，糃（táng）古同糖"
    out, n = remove_pinyin(text)
    assert (out, n) == (text, 0)


# ------------------------------------------------------------------ traditional script
def test_traditional_detected_and_converted():
    assert looks_traditional("寺家莊鎮人民政府鎮長工作報告")
    assert not looks_traditional("寺家庄镇人民政府镇长工作报告")
    # a simplified report quoting one traditional name is left alone
    assert not looks_traditional("全面推进乡村振兴。" * 40 + "臺灣同胞")
    text, done = clean_web_text("寺家莊鎮政府工作報告\n現在，我代表鎮人民政府，向大會報告工作。")
    assert text == "寺家庄镇政府工作报告\n现在，我代表镇人民政府，向大会报告工作。"
    assert done == ["t2s"]


def test_without_opencc_one_warning_names_the_extra(monkeypatch):
    monkeypatch.setattr(webclean, "_t2s", None)
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc fails
    raw = "寺家莊鎮政府工作報告\n現在，我代表鎮人民政府，向大會報告工作。"
    with pytest.warns(UserWarning, match=r"govtext\[zh\]"):
        text, done = clean_web_text(raw)
    assert text == raw and "t2s" not in done


# ------------------------------------------------------------------ page furniture
def test_furniture_of_sharing_sites_is_dropped():
    body = ["寺家庄镇政府工作报告", "各位代表：", "现在，我代表镇人民政府，向大会报告工作。"]
    page = [
        "寺家庄镇政府工作报告 - 百度文库",
        "首页 > 行业资料 > 政府/行政 > 寺家庄镇政府工作报告",
        "上传者：user123 上传时间：2023-02-01",
        "页数：3页",
        "1256阅读 87下载 举报",
        body[0],
        body[1],
        "第1页 共3页",
        "- 2 -",
        "寺家庄镇政府工作报告",  # the title repeated on the next page
        body[2],
        "XX文库",
        "本文档由用户上传，如有侵权请联系删除。",
        "下载文档 收藏 分享",
    ]
    text, n = drop_furniture("\n".join(page))
    assert text.split("\n") == body
    assert n == len(page) - len(body) + 1  # 11 lines dropped, the page title shortened


def test_furniture_of_government_sites_is_dropped():
    page = "\n".join(
        [
            "当前位置：首页 > 政务公开 > 政府工作报告",
            "发布时间：2023-01-20 来源：柳河乡人民政府 浏览次数：1086",
            "【字体：大 中 小】",
            "各位代表：",
            "打印本页 关闭窗口",
            "上一篇：柳河乡2021年政府工作报告",
        ]
    )
    assert drop_furniture(page)[0] == "各位代表："


def test_body_lines_that_mention_downloads_stay():
    text = "推进政务服务“一网通办”，群众可在首页下载办事指南。\n新建基站12座，下载速率明显提升。"
    assert drop_furniture(text) == (text, 0)


def test_number_lines_stay_without_other_furniture():
    # a bare number line may be a table's row number (a county's project table)
    text = "序号\n1\n国家药用植物园项目\n2\n研发中心项目\n政府工作报告\n政府工作报告"
    assert drop_furniture(text) == (text, 0)


# ------------------------------------------------------------------ placeholders
@pytest.mark.parametrize(
    "token", ["XX", "XXX", "XXXX", "**", "×××", "某镇", "某某", "X月", "X日", "X.X亿元", "XX镇"]
)
def test_placeholders(token):
    assert is_placeholder(token)


@pytest.mark.parametrize("token", ["3x3", "GDP", "某些", "镇党委", "X光机", "5G", "PM2.5", "XXL码"])
def test_not_placeholders(token):
    assert not is_placeholder(token)


def test_placeholders_are_never_tokens_and_cut_stays_lossless():
    tok = gt.PolicyTokenizer()
    text = "XX镇政府工作报告\n镇长 XX\n按照镇党委“XXX、XXX”的工作思路，某某同志X月X日完成X.X亿元。"
    pieces = tok.cut(text)
    assert "".join(pieces) == gt.normalize(text)
    assert {"XX", "XXX"} <= set(pieces)
    tokens = tok.tokenize(text)
    assert tokens and not [t for t in tokens if is_placeholder(t) or "X" in t]
    assert {"镇长", "镇党委", "工作思路"} <= set(tokens)


def test_placeholders_stay_in_the_text():
    raw = "XX镇政府工作报告\n镇长 XX\n按照镇党委“XXX、XXX”的工作思路，X月X日完成X.X亿元。"
    text, done = clean_web_text(raw)
    assert text == raw and done == ["placeholders"]
    assert has_placeholders(raw) and not has_placeholders("镇长 王某，某些方面")


# ------------------------------------------------------------------ metadata from the text
def test_township_metadata_after_conversion():
    raw = "寺家莊鎮政府工作報告\n鎮長 王某\n各位代表：\n現在，我代表鎮人民政府，向大會報告工作。"
    r = Report.from_text(raw, name="web", clean="auto")
    assert (r.meta["level"], r.meta["region"]) == ("township", "寺家庄镇")
    assert r.meta["cleaned"] == ["t2s"]
    assert r.meta["year"] is None  # no date, no year in the title: not guessed


def test_placeholder_name_gives_no_region():
    raw = "XX镇政府工作报告\n——20XX年X月X日在XX镇第X届人民代表大会第X次会议上\n镇长 XX\n各位代表："
    r = Report.from_text(raw, name="template", clean="auto")
    assert r.meta["level"] == "township"
    assert r.meta["region"] is None and r.meta["speaker"] is None and r.meta["year"] is None
    r2 = Report.from_text(
        "——2023年1月5日在某镇第五届人民代表大会第二次会议上\n各位代表：", name="x"
    )
    assert r2.meta["region"] is None and r2.meta["level"] == "township"


def test_streets_and_their_officials():
    m = meta_from_township_text("东风街道办事处主任　赵志刚\n各位代表：")
    assert m == {"level": "township", "region": "东风街道"}
    m = meta_from_township_text(
        "政府工作报告\n乡长 李某\n各位代表：\n现在，我代表乡人民政府，向大会报告工作。"
    )
    assert m == {"level": "township"}


def test_county_and_city_reports_are_not_townships():
    assert meta_from_township_text("甲县政府工作报告\n甲县人民政府县长　王某\n各位代表：") == {}
    text = "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n加强乡镇人民政府建设。"
    assert meta_from_township_text(text) == {}


# ------------------------------------------------------------------ loading
def test_load_corpus_cleans_by_default_and_clean_false_keeps_the_text(tmp_path):
    raw = "寺家莊鎮(zhèn)政府工作報(bào)告(gào)\n現(xiàn)在，我代表鎮人民政府，向大會報告工作。"
    (tmp_path / "web.txt").write_text(raw, encoding="utf-8")
    r = gt.load_corpus(tmp_path)["web"]
    assert r.text == "寺家庄镇政府工作报告\n现在，我代表镇人民政府，向大会报告工作。"
    assert r.meta["cleaned"] == ["pinyin", "t2s"]
    kept = gt.load_corpus(tmp_path, clean=False)["web"]
    assert kept.text == raw and "cleaned" not in kept.meta
    assert kept.meta["level"] == "township"  # read from 鎮人民政府 even uncleaned
    with pytest.raises(gt.InputError, match="clean must be"):
        gt.load_corpus(tmp_path, clean="yes")


def test_clean_reports_are_left_alone():
    corpus = gt.load_corpus(gt.datasets.sample_path())
    assert "cleaned" not in corpus.meta.columns
    for r in corpus:
        assert clean_web_text(r.text) == (r.text, [])


# ------------------------------------------------------------------ property
_SIMPLE_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(
    lambda c: c not in webclean._TRADITIONAL and (webclean.to_simplified(c) or c) == c
)
_PUNCT = st.sampled_from(list("，。、；：“”（）《》！？"))
_LINE = st.lists(st.one_of(_SIMPLE_HAN, _SIMPLE_HAN, _SIMPLE_HAN, _PUNCT), min_size=1, max_size=60)
_FURNITURE = [
    "上传者：abc 上传时间：2023-01-01",
    "页数：5页",
    "第2页 共5页",
    "356阅读 12下载 举报",
    "XX文库",
    "首页 > 政务公开 > 政府工作报告",
    "- 3 -",
]
_PINYIN = ["(zhèn)", "（xiàn）", "(zhang3)", "(bào)", "ㄓㄣˋ"]
_PLACEHOLDERS = ["XX", "×××", "**", "某镇", "X月X日"]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(_LINE, min_size=1, max_size=12),
    seed=st.randoms(use_true_random=False),
)
def test_cleaning_never_drops_a_chinese_character_of_the_body(lines, seed):
    body_lines = ["".join(ln) for ln in lines]
    out_lines: list[str] = []
    for ln in body_lines:
        if seed.random() < 0.4:
            out_lines.append(seed.choice(_FURNITURE))
        chars = []
        for ch in ln:
            chars.append(ch)
            r = seed.random()
            if "\u4e00" <= ch <= "\u9fff" and r < 0.3:
                chars.append(seed.choice(_PINYIN))
            elif r > 0.95:
                chars.append(seed.choice(_PLACEHOLDERS))
        out_lines.append("".join(chars))
    noisy = "\n".join(out_lines)
    cleaned, _ = clean_web_text(noisy, clean=True)
    body_han = [c for c in "".join(body_lines) if "\u4e00" <= c <= "\u9fff"]
    it = iter(cleaned)
    assert all(c in it for c in body_han)  # every body character, in order


# ------------------------------------------------------------------ acceptance
_PINYIN_FRAGMENT = re.compile(r"^[a-zA-Zü\u00c0-\u024f\u0300-\u036f]+[1-5]?$")


def _policy_terms() -> set[str]:
    from govtext.tokenize.lexicon import load_policy_terms

    return {t.term for t in load_policy_terms()}


@pytest.fixture(scope="module")
def web_corpus():
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # OpenCC is installed: no warning
        return gt.load_corpus(WEB)


def test_fixtures_are_realistic_in_size(web_corpus):
    assert len(web_corpus) == 4
    for f in WEB.iterdir():
        assert 1400 <= len(f.read_text(encoding="utf-8")) <= 6000, f.name


@pytest.mark.parametrize(
    "name, cleaned",
    [
        ("shimenqiao_traditional_pinyin", ["pinyin", "t2s"]),
        ("template_anonymised", ["placeholders"]),
        ("dongfeng_wenku", ["furniture"]),
        ("liuhe_page", ["furniture"]),
    ],
)
def test_acceptance_on_web_township_texts(web_corpus, name, cleaned):
    r = web_corpus[name]
    assert r.meta["cleaned"] == cleaned
    assert r.meta["level"] == "township"
    top = gt.keywords(r, top=12)["term"].tolist()
    assert len(top) == 12
    assert not [t for t in top if _PINYIN_FRAGMENT.match(t)], top
    assert not [t for t in top if is_placeholder(t) or re.search("[Xx×*＊]", t)], top
    assert not [t for t in top if any(c in webclean._TRADITIONAL for c in t)], top


@pytest.mark.parametrize(
    "name",
    [
        "shimenqiao_traditional_pinyin",
        "dongfeng_wenku",
        "liuhe_page",
        "template_anonymised",
    ],
)
def test_acceptance_a_policy_term_among_the_top_keywords(web_corpus, name):
    r = web_corpus[name]
    top = gt.keywords(r, top=12)["term"].tolist()
    in_text = {t for t in _policy_terms() if t in r.text}
    assert in_text & set(top), (top, sorted(in_text)[:20])


def test_acceptance_metadata(web_corpus):
    m = web_corpus.meta
    assert m.loc["shimenqiao_traditional_pinyin", "region"] == "石门桥镇"
    assert m.loc["shimenqiao_traditional_pinyin", "date"] == "2023-01-06"
    assert m.loc["dongfeng_wenku", "region"] == "东风街道"
    assert m.loc["dongfeng_wenku", "speaker"] == "赵志刚"
    assert m.loc["liuhe_page", "meeting"] == "柳河乡第十七届人民代表大会第一次会议"
    assert m.loc["liuhe_page", "encoding"] == "utf-8+html"
    assert (
        m.loc["template_anonymised", "region"] is None or m["region"].isna()["template_anonymised"]
    )
    text = web_corpus["dongfeng_wenku"].text
    assert (
        "百度文库" not in text
        and "第1页" not in text
        and text.count("东风街道2024年政府工作报告") == 1
    )


def test_report_overview_shows_what_was_cleaned(web_corpus, tmp_path):
    import pandas as pd

    from govtext.report.context import ReportContext
    from govtext.report.sections.overview import build_overview

    ctx = ReportContext(web_corpus, tmp_path, by="year")
    build_overview(ctx)
    table = pd.read_csv(tmp_path / "data" / "overview.csv", keep_default_na=False)
    assert dict(zip(table["name"], table["cleaned"])) == {
        "dongfeng_wenku": "furniture",
        "liuhe_page": "furniture",
        "shimenqiao_traditional_pinyin": "pinyin, t2s",
        "template_anonymised": "placeholders",
    }
    assert dict(zip(table["name"], table["level"])) == dict.fromkeys(table["name"], "township")


def test_cli_cleans_by_default_and_no_clean_keeps_the_text(tmp_path, capsys):
    from govtext.cli.main import main

    src = Path(__file__).parent / "data" / "web_township" / "shimenqiao_traditional_pinyin.txt"
    f = tmp_path / src.name
    f.write_bytes(src.read_bytes())
    assert main(["kwic", "镇长", str(f), "--csv"]) == 0
    cleaned = capsys.readouterr().out
    assert main(["kwic", "鎮", str(f), "--csv", "--no-clean"]) == 0
    raw = capsys.readouterr().out
    assert "镇长" in cleaned and "(zh" not in cleaned
    assert "鎮" in raw


def test_plain_report_title_with_its_subtitle_on_one_line_is_left_whole(tmp_path):
    # a title and its meeting subtitle on one line is not a web page's <title> + site name
    head = "甲县政府工作报告 ——2024年1月5日在甲县第十七届人民代表大会第三次会议上"
    body = "各位代表：\n（二）市场价格：总体平稳\n全民阅读 20场\n全面推进乡村振兴。"
    f = tmp_path / "2024_county_甲县.txt"
    f.write_text(head + "\n" + body, encoding="utf-8")
    r = gt.load_corpus(f)[0]
    assert r.text == head + "\n" + body
    assert "cleaned" not in r.meta or not r.meta["cleaned"]
    assert r.meta["date"] == "2024-01-05" and r.meta["meeting"]


def test_body_lines_like_counters_stay_on_a_furnished_page():
    text = "甲镇政府工作报告 - 百度文库\n上传者：abc 页数：5页\n（二）市场价格：总体平稳\n全民阅读 20场"
    out, _ = webclean.drop_furniture(text)
    assert "（二）市场价格：总体平稳" in out and "全民阅读 20场" in out and "上传者" not in out
