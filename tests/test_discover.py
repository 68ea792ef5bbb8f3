"""discover_terms: recurring phrases by PMI and branching entropy."""

from __future__ import annotations

import pandas as pd
import pytest

import govtext as gt
from govtext.errors import InputError
from govtext.tokenize.discover import candidate_ok, discover_terms

TEXTS = [
    "今年实施桃溪锦带工程，桃溪锦带初见成效，群众满意。",
    "推进桃溪锦带建设，打造桃溪锦带样板，带动增收。",
    "桃溪锦带项目开工，沿线村庄受益，桃溪锦带成为名片。",
]


def test_finds_a_repeated_local_phrase():
    df = discover_terms(TEXTS, min_count=3, min_doc_freq=2, min_pmi=1.0, min_entropy=0.5)
    assert list(df.columns) == [
        "term",
        "count",
        "doc_freq",
        "pmi",
        "left_entropy",
        "right_entropy",
        "score",
    ]
    row = df[df["term"] == "桃溪锦带"]
    assert len(row) == 1
    assert int(row["count"].iloc[0]) == 6 and int(row["doc_freq"].iloc[0]) == 3
    # a fragment with a fixed neighbour has zero branching entropy on that side
    assert "桃溪锦" not in set(df["term"])


def test_thresholds_are_respected_on_the_sample():
    df = discover_terms(gt.datasets.load_sample(), min_count=10, min_doc_freq=3)
    assert len(df) > 50
    assert (df["count"] >= 10).all() and (df["doc_freq"] >= 3).all()
    assert (df["pmi"] >= 3.0).all()
    assert (df[["left_entropy", "right_entropy"]].min(axis=1) >= 1.0).all()
    assert df["score"].is_monotonic_decreasing
    assert all(candidate_ok(t) for t in df["term"])


def test_deterministic():
    a = discover_terms(TEXTS * 2, min_count=2)
    b = discover_terms(TEXTS * 2, min_count=2)
    assert a.equals(b)


def test_candidate_shape_filter():
    assert candidate_ok("三区一城")
    assert not candidate_ok("推进乡村振兴")
    assert not candidate_ok("的发展")
    assert not candidate_ok("乡村振兴工作")


def test_bad_input_raises():
    with pytest.raises(InputError):
        discover_terms("一个字符串")
    with pytest.raises(InputError):
        discover_terms(["", ""])
    with pytest.raises(InputError):
        discover_terms(TEXTS, min_len=1)


def test_phrases_always_between_boundaries():
    # every occurrence sits between punctuation: all neighbours are boundaries
    texts = ["桃溪锦带，桃溪锦带。桃溪锦带；"] * 2
    df = discover_terms(texts, min_count=3, min_doc_freq=2, min_pmi=0.0, min_entropy=0.5)
    assert "桃溪锦带" in set(df["term"])
    row = df[df["term"] == "桃溪锦带"].iloc[0]
    assert row["left_entropy"] > 1.5 and row["right_entropy"] > 1.5


def test_fit_keeps_no_adverb_or_subject_led_phrase():
    # 逐步解决 / 我代表 recur as often as the local term 桃溪锦带, with free edges: mined,
    # they would become words no reference table knows and top every keyword list
    from govtext.tokenize.mining import nominal_phrases

    texts = [
        "我代表县政府，逐步解决桃溪锦带的难题。",
        "我代表大家，逐步解决供水问题，建设桃溪锦带。",
        "我代表全县，逐步解决就业问题，打造桃溪锦带。",
    ] * 3
    tok = gt.PolicyTokenizer().fit(texts, min_count=3, min_pmi=0.5, min_entropy=0.3)
    assert "桃溪锦带" in tok.discovered_
    assert not {"我代表", "逐步解决"} & set(tok.discovered_)
    assert nominal_phrases(tok, ["严格落实", "牢牢守住", "比上年增加", "河道治理"]) == ["河道治理"]


def _fit_texts() -> list[str]:
    # 桃溪锦带: a local programme of three reports; 青山画廊: wording of every report
    out = []
    for i in range(30):
        local = "打造桃溪锦带，桃溪锦带见效。" if i < 3 else "推进乡村振兴。"
        out.append(f"贯彻落实部署，建设青山画廊，{local}我们贯彻落实任务，完善青山画廊。")
    return out


def test_fit_adds_no_phrase_already_whole_and_types_corpus_wide_wording_as_word():
    plain = gt.PolicyTokenizer()
    assert plain.cut("贯彻落实") == ["贯彻落实"]  # a jieba word: adding it changes no token
    assert len(plain.cut("青山画廊")) > 1 and len(plain.cut("桃溪锦带")) > 1
    tok = gt.PolicyTokenizer().fit(_fit_texts(), min_count=3, min_pmi=0.5, min_entropy=0.3)
    assert {"桃溪锦带", "青山画廊"} <= set(tok.discovered_)
    assert "贯彻落实" not in tok.discovered_
    assert tok.token_type("桃溪锦带") == "policy"
    assert tok.token_type("青山画廊") == "word"  # in all 30 reports: kept whole, not a term
    assert "青山画廊" in tok.cut("建设青山画廊")
    assert tok.discovered_counts_["青山画廊"] == 60 and tok.discovered_counts_["桃溪锦带"] == 6
    assert tok.fit_chars_ == sum(map(len, _fit_texts()))


def test_fitted_phrases_get_a_genre_count_in_keywords():
    from govtext.stats.keywords import fitted_counts, genre_keyness

    tok = gt.PolicyTokenizer().fit(_fit_texts(), min_count=3, min_pmi=0.5, min_entropy=0.3)
    prior = fitted_counts(tok)
    # the wording (in every report) gets its fitted count, scaled; the local term none
    from govtext.stats.keywords import reference_counts

    chars = sum(len(w) * c for w, c in reference_counts()[1].items())
    want = 60 * chars / sum(map(len, _fit_texts()))
    assert set(prior) == {"青山画廊"} and prior["青山画廊"] == pytest.approx(want)
    assert fitted_counts(gt.PolicyTokenizer()) == {}
    # same counts in a report: the corpus-wide wording scores lower than the local term
    _, z = genre_keyness([[5, 5]], [1000], ["桃溪锦带", "青山画廊"], tokenizer=tok)
    _, z0 = genre_keyness([[5, 5]], [1000], ["桃溪锦带", "青山画廊"])
    z, z0 = z.toarray()[0], z0.toarray()[0]
    assert z[0] > z[1] and z0[0] == pytest.approx(z0[1])
    # a report using both as often: the local term is a keyword, the wording ranks lower
    report = "建设青山画廊，打造桃溪锦带。推动产业发展，完善公共服务，改善生态环境。" * 40
    kw = list(gt.keywords(report, tokenizer=tok)["term"])
    assert "桃溪锦带" in kw and "青山画廊" not in kw
    # unfitted, the pieces of both are keywords (no reference count knows them)
    assert {"桃溪", "锦带", "青山", "画廊"} <= set(gt.keywords(report)["term"])


def test_a_phrase_in_every_report_of_one_region_stays_a_policy_term():
    # twelve reports of one county: its own programme is in all of them, yet it is the
    # county's policy, not the genre's wording (widespread counts regions, not reports)
    texts = _fit_texts()[:12]
    names = [f"{2010 + i}_county_河北省保定市顺平县" for i in range(12)]
    one_region = gt.corpus_from_texts(texts, names=names)
    tok = gt.PolicyTokenizer().fit(one_region, min_count=3, min_pmi=0.5, min_entropy=0.3)
    assert "青山画廊" in tok.discovered_ and tok.token_type("青山画廊") == "policy"
    anonymous = gt.PolicyTokenizer().fit(texts, min_count=3, min_pmi=0.5, min_entropy=0.3)
    assert anonymous.token_type("青山画廊") == "word"  # twelve reports, no regions


def test_fitting_again_gives_the_same_phrases():
    tok = gt.PolicyTokenizer()
    params = {"min_count": 3, "min_pmi": 0.5, "min_entropy": 0.3}
    first = list(tok.fit(_fit_texts(), **params).discovered_)
    types = [tok.token_type(t) for t in first]
    assert {"桃溪锦带", "青山画廊"} <= set(first)
    tok.fit(_fit_texts(), **params)  # mined again without the first fit's phrases
    assert tok.discovered_ == first and [tok.token_type(t) for t in first] == types
    assert "桃溪锦带" in tok.cut("打造桃溪锦带")
    assert "untyped" in tok.config() and "untyped" not in gt.PolicyTokenizer().config()


def test_a_one_county_fit_keeps_the_county_programme_among_its_keywords():
    texts = _fit_texts()[:12]
    names = [f"{2010 + i}_county_河北省保定市顺平县" for i in range(12)]
    county = gt.corpus_from_texts(texts, names=names)
    tok = gt.PolicyTokenizer().fit(county, min_count=3, min_pmi=0.5, min_entropy=0.3)
    m = gt.dtm(county, tokenizer=tok)
    kw = gt.keywords(m, min_count=1)
    # the report matrix knows its tokenizer: the same keywords as when it is passed
    pd.testing.assert_frame_equal(kw, gt.keywords(m, tokenizer=tok, min_count=1))
    assert "青山画廊" in set(kw[kw["report"] == names[0]]["term"])
