"""The term layer of issue 14: gazetteer places, indicator names, compositional rules,
phrase mining with distant supervision, token types — and the invariants they must keep."""

from __future__ import annotations

import pickle

import pytest

import govtext as gt
from govtext import PolicyTokenizer
from govtext.tokenize.compose import compose, cores, head_of
from govtext.tokenize.kinds import TYPES
from govtext.tokenize.mining import supervised_phrases
from govtext.tokenize.places import is_place, place_short_forms, place_spans


@pytest.fixture(scope="module")
def tok():
    return PolicyTokenizer()


def _kinds(text):
    return [(text[s:e], k) for s, e, k in place_spans(text)]


# ---------------------------------------------------------------- places
@pytest.mark.parametrize(
    "text, expected",
    [
        ("北闸口镇召开会议", [("北闸口镇", "place")]),
        ("撒莲镇成功创建", [("撒莲镇", "place")]),
        ("河北省保定市徐水区", [("河北省", "place"), ("保定市", "place"), ("徐水区", "place")]),
        ("在涞源县委领导下", [("涞源县委", "organisation")]),
        ("我代表保定市人民政府", [("保定市人民政府", "organisation")]),
        ("加快保定南站建设", [("保定南站", "facility")]),
        ("徐水经济开发区新增投资", [("徐水经济开发区", "facility")]),
        ("新疆银行和海南大学", [("新疆银行", "organisation"), ("海南大学", "organisation")]),
    ],
)
def test_places_whole_and_typed(text, expected):
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全面推进乡村振兴",  # 乡 before 村: not a township
        "县城和县域经济",  # 县 starting another word
        "扩大城镇就业，提高城镇居民收入",  # 扩大|城镇, 提高|城镇
        "发展沿海城市",  # 沿海|城市, not 海城市
        "知识青年上山下乡",
        "建设旅游度假区和现代农业产业园",  # township-level zones named by common words
        "建设社会主义新农村和示范村",  # generic village names, no county named
        "河北大学生",  # 大学生, not 河北大学
    ],
)
def test_places_leave_ordinary_text_alone(text):
    assert place_spans(text) == []


def test_villages_only_of_the_named_county():
    # the same village name is found where its county is named in the text, not elsewhere
    county = "阜平县"
    spans = _kinds(f"{county}城南庄镇加快发展")
    assert ("城南庄镇", "place") in spans
    from govtext.tokenize.places import _divisions, _villages

    codes = _divisions()[0][county]
    joined = next(iter(_villages()[codes[0]].values()))
    village = next(v for v in joined.split("|") if v.endswith("村") and len(v) >= 4)
    with_county = _kinds(f"{county}推进{village}改造。")
    assert (village, "place") in with_county
    assert (village, "place") not in _kinds(f"推进{village}改造。")


def test_short_forms_unique_and_typed(tok):
    short = place_short_forms()
    assert "保定" in short and "徐水" in short
    assert "新建" not in short  # 新建区 exists, but 新建 is an everyday word
    assert is_place("保定") and not is_place("城区")
    assert tok.token_type("保定") == "place"


# ---------------------------------------------------------------- indicators
@pytest.mark.parametrize(
    "name",
    [
        "居民人均可支配收入",
        "城镇居民人均可支配收入",
        "规模以上工业增加值",
        "一般公共预算收入",
        "社会消费品零售总额",
        "固定资产投资",
        "地区生产总值",
        "单位GDP能耗",
        "城镇调查失业率",
        "居民消费价格",
        "粮食产量",
        "进出口总额",
        "实际利用外资",
    ],
)
def test_indicator_names_whole_and_typed(tok, name):
    pieces = tok.cut(f"全年{name}增长5%")
    assert name in pieces, pieces
    assert tok.token_type(name) == "indicator"


# ---------------------------------------------------------------- composition
@pytest.mark.parametrize(
    "text, piece",
    [
        ("打造乡村振兴示范村", "乡村振兴示范村"),
        ("成功创建全国文明城市", "全国文明城市"),
        ("学习贯彻党的二十届二中、三中全会精神", "党的二十届二中、三中全会"),
        ("学习贯彻二十届三中全会精神", "二十届三中全会"),
        ("打造宜居宜业宜养宜游城市", "宜居宜业宜养宜游"),
        ("实施乡村振兴战略", "乡村振兴战略"),
        ("打好三大攻坚战", "三大攻坚战"),
        ("构建“1+5+N”产业体系", "1+5+N"),
    ],
)
def test_compounds_stay_whole(tok, text, piece):
    assert piece in tok.cut(text)


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("加强体系建设", ["加强", "体系", "建设"]),  # a generic modifier never fuses
        ("加快保定建设", ["加快", "保定", "建设"]),  # a place joins only place heads
        ("防灾减灾救灾能力", None),  # not a reduplicated slogan
    ],
)
def test_generic_words_do_not_fuse(tok, text, pieces):
    got = tok.cut(text)
    if pieces is not None:
        assert got == pieces
    else:
        assert "灾减灾救灾能" not in "|".join(got) and "防灾减灾救灾能力" not in got


def test_nested_cores_rule(tok):
    # the long form is the token; cores() gives what it is built on, outermost first
    assert tok.cores("乡村振兴示范村建设") == ["乡村振兴示范村", "乡村振兴"]
    assert tok.cores("全国文明城市") == ["文明城市"]
    assert tok.cores("乡村振兴") == []
    assert tok.cores("加强体系") == []
    assert head_of("乡村振兴示范村") == ("乡村振兴", "示范村")
    assert cores("X示范村", {"Y"}.__contains__) == []


def test_compose_is_lossless_and_only_joins():
    pieces = ["推进", "乡村振兴", "示范", "村", "，", "加强", "体系", "建设"]
    got = compose(pieces, {"乡村振兴"}.__contains__)
    assert "".join(got) == "".join(pieces)
    assert got == ["推进", "乡村振兴示范村", "，", "加强", "体系", "建设"]


# ---------------------------------------------------------------- types
def test_every_piece_has_one_of_the_types(tok):
    text = "北闸口镇居民人均可支配收入增长5%，涞源县委加快保定南站和乡村振兴示范村建设的步伐。"
    pieces = tok.cut(text)
    types = tok.types(pieces)
    assert len(types) == len(pieces) and set(types) <= set(TYPES)
    got = dict(zip(pieces, types))
    assert got["北闸口镇"] == "place"
    assert got["居民人均可支配收入"] == "indicator"
    assert got["5%"] == "number_unit"
    assert got["涞源县委"] == "organisation"
    assert got["保定南站"] == "facility"
    assert got["乡村振兴示范村建设"] == "policy"
    assert got["的"] == "function" and got["，"] == "punct"
    # analyses select on types
    assert [p for p, k in zip(pieces, types) if k == "indicator"] == ["居民人均可支配收入"]


def test_types_do_not_depend_on_context(tok):
    a = tok.types(tok.cut("撒莲镇"))
    b = tok.types([p for p in tok.cut("推进撒莲镇发展") if p == "撒莲镇"])
    assert a == b == ["place"]


# ---------------------------------------------------------------- mining
def test_supervision_drops_phrases_that_cross_a_known_term():
    texts = ["加快发展新质生产力，建设桃溪锦带。", "发展新质生产力，打造桃溪锦带。"] * 3
    kept = supervised_phrases(PolicyTokenizer(), texts, ["发展新质", "桃溪锦带"])
    assert kept == ["桃溪锦带"]


def test_fit_with_supervision_keeps_local_phrases():
    texts = ["今年实施桃溪锦带工程，桃溪锦带初见成效。"] * 3 + [
        "推进桃溪锦带，打造桃溪锦带样板。"
    ] * 3
    params = dict(min_count=3, min_doc_freq=2, min_entropy=0.5, min_pmi=1.0)
    on = PolicyTokenizer().fit(texts, **params)
    off = PolicyTokenizer().fit(texts, min_agreement=None, **params)
    assert "桃溪锦带" in on.discovered_
    assert set(on.discovered_) <= set(off.discovered_)
    assert on.token_type("桃溪锦带") == "policy"


# ---------------------------------------------------------------- invariants
SAMPLE_TEXTS = [
    "学习贯彻党的二十届二中、三中全会精神，打造宜居宜业宜养宜游城市。",
    "北闸口镇东石桥村、撒莲镇：居民人均可支配收入增长5.2%，全国文明城市。",
    "保定市人民政府、涞源县委；保定南站，徐水经济开发区",
    "“三张好牌”\n\n  乡村振兴示范村建设  ",
]


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_cut_lossless_deterministic_isolated(text):
    import jieba

    before = jieba.lcut(text)
    a, b = PolicyTokenizer(), PolicyTokenizer()
    pa = a.cut(text)
    assert "".join(pa) == gt.normalize(text)
    assert pa == b.cut(text) == pickle.loads(pickle.dumps(a)).cut(text)
    assert jieba.lcut(text) == before


def test_cut_lossless_on_the_sample():
    tok = PolicyTokenizer()
    for report in gt.datasets.load_sample():
        norm = gt.normalize(report.text)
        assert "".join(tok.cut_normalized(norm)) == norm


def test_fine_mode_has_no_term_layer():
    fine = PolicyTokenizer(mode="fine")
    assert "北闸口镇" not in fine.cut("北闸口镇乡村振兴示范村")


def test_config_hash_names_the_term_layer(tok):
    cfg = tok.config()
    assert cfg["version"] == 3 and cfg["places"] and cfg["indicators"]


def test_memoized_copy_keeps_its_own_types():
    base = PolicyTokenizer()
    base.cut("热身")
    copy = base.memoized().add_words(["桃溪锦带"])
    assert copy.token_type("桃溪锦带") == "policy"
    assert base.token_type("桃溪锦带") == "word"


def test_tokenize_keeps_selected_types():
    text = "北闸口镇居民人均可支配收入增长5%，加快乡村振兴示范村建设和苹果种植。"
    only = PolicyTokenizer(keep_types={"policy", "indicator"})
    assert only.tokenize(text) == ["居民人均可支配收入", "乡村振兴示范村建设"]
    assert PolicyTokenizer(keep_types=["place"]).tokenize(text) == ["北闸口镇"]
    assert "苹果" in PolicyTokenizer().tokenize(text)
    assert only.config()["keep_types"] == ("indicator", "policy")
    with pytest.raises(gt.InputError):
        PolicyTokenizer(keep_types=["places"])
