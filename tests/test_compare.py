"""keywords, trends, first_appearance, emerging_terms, similarity, nearest, vertical."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import govtext as gt
from govtext.errors import InputError
from govtext.stats.keywords import candidate_mask, genre_generic, reference_counts, reference_df
from govtext.stats.nested import nested_counts
from govtext.stats.regions import region_parts
from govtext.stats.similarity import find_parent

# fixed list, independent of the package's boilerplate list (as in the benchmark)
FILLERS = set(
    "工作 推进 加强 坚持 持续 提升 做好 推动 完成 加快 落实 实施 开展 全面 深入 不断 进一步".split()
)


@pytest.fixture(scope="module")
def national(sample, tok):
    return gt.dtm(sample.filter(level="national"), tok)


@pytest.fixture(scope="module")
def raw_tok():
    return gt.PolicyTokenizer(boilerplate=False)


def test_reference_table_is_genre_wide():
    n, df = reference_df()
    assert n >= 150
    assert all(df[w] >= 0.9 * n for w in ("工作", "加强", "坚持"))  # generic: in ~every report
    assert df.get("新质生产力", 0) < 0.5 * n  # recent term (2024-): in far fewer reports
    n_tokens, counts = reference_counts()
    assert counts["发展"] > counts["新质生产力"] > 0 and sum(counts.values()) <= n_tokens
    assert set(counts) == set(df)


COUNTY = "2023_county_河北省保定市顺平县"


def test_keywords_are_whole_terms_not_fillers_or_place_names(sample, raw_tok):
    # boilerplate NOT removed by the tokenizer: the genre prior alone must push fillers out
    kw = gt.keywords(sample[COUNTY], top=20, tokenizer=raw_tok)
    assert len(kw) == 20 and kw["rank"].tolist() == list(range(1, 21))
    assert sum(t in FILLERS for t in kw["term"]) <= 2
    assert (kw["count"] >= 2).all()
    plain = gt.keywords(sample[COUNTY], top=20, tokenizer=raw_tok, term_weight=1)
    assert (plain["score"].diff().dropna() <= 0).all()  # z-scores, best first
    assert not set(kw["term"]) & region_parts("河北省保定市顺平县")  # its own places left out
    assert not set(kw["term"]) & genre_generic(50)
    kept = gt.keywords(sample[COUNTY], top=20, tokenizer=raw_tok, keep_region=True)
    assert set(kept["term"]) & region_parts("河北省保定市顺平县")  # ... unless asked for


def test_candidates_leave_out_function_time_words_and_adjectives(tok):
    words = ["下半年", "不振", "进一步", "一些", "乡村振兴", "两重", "4.7亿元", "营商环境", "镇"]
    ok = candidate_mask(words, tok)
    assert [w for w, k in zip(words, ok) if k] == ["乡村振兴", "两重", "营商环境"]


def test_keywords_resist_one_off_rare_words_and_score_formula(raw_tok):
    text = (
        "推进推进推进工作工作工作加强加强。小站稻种植基地扩建，小站稻品牌推广，小站稻走出去。"
        "厢房修缮一处。"
    )
    kw = gt.keywords(text, top=5, tokenizer=raw_tok, term_weight=1)
    assert kw["term"].iloc[0] == "小站稻" and kw.set_index("term").loc["小站稻", "count"] == 3
    assert "推进" not in set(kw["term"]) and "工作" not in set(kw["term"])
    if "厢房" in set(kw["term"]):  # met once: after every term met twice or more
        assert kw["term"].tolist().index("厢房") > kw["term"].tolist().index("小站稻")
    # z = delta * sqrt(y + alpha), the genre as prior (Monroe et al. 2008)
    n_ref, counts = reference_counts()
    toks = raw_tok.tokenize(text)
    y, n = toks.count("小站稻"), len(toks)
    pi = (counts.get("小站稻", 0) + 0.5) / (n_ref + 0.5)
    a = 1000 * pi
    delta = np.log((y + a) / (n + 1000 - y - a)) - np.log(pi / (1 - pi))
    assert kw["score"].iloc[0] == pytest.approx(delta * np.sqrt(y + a))


def test_keywords_of_corpus_and_dtm(sample, tok, national):
    kw = gt.keywords(national, top=5)
    assert kw.groupby("report").size().eq(5).all() and set(kw["report"]) == set(national.docs)
    assert "疫情" in set(kw[kw["report"] == "2020_national_中国"]["term"])
    # one report gets the same keywords alone or in a corpus
    alone = gt.keywords(sample["2020_national_中国"], top=5, tokenizer=tok)
    assert alone["term"].tolist() == kw[kw["report"] == "2020_national_中国"]["term"].tolist()
    with pytest.warns(FutureWarning, match="idf"):
        kc = gt.keywords(national, top=5, idf="corpus")
    assert kc.equals(kw)
    with pytest.raises(InputError, match="top"):
        gt.keywords(national, top=0)
    with pytest.raises(InputError, match="expected"):
        gt.keywords(42)


def test_demo_and_cli_keywords_are_the_library_keywords(sample, tok, capsys, tmp_path):
    from govtext.cli.main import main

    r = sample["2016_national_中国"]
    path = tmp_path / f"{r.name}.txt"
    path.write_text(r.text, encoding="utf-8")
    want = gt.keywords(gt.read_report(path), top=10)["term"].tolist()
    assert main(["demo", str(path), "--top", "10"]) == 0
    assert capsys.readouterr().out.split("keywords: ")[1].split() == want
    assert main(["keywords", str(path), "--top", "10", "--wide"]) == 0
    assert " ".join(want) in capsys.readouterr().out
    assert main(["keywords", str(path), "--top", "10", "--idf", "corpus", "--wide"]) == 0
    got = capsys.readouterr()
    assert " ".join(want) in got.out and "--idf is ignored" in got.err


def test_region_parts_from_the_gazetteer():
    parts = region_parts("河北省保定市涞源县")
    assert {"河北", "河北省", "保定", "保定市", "涞源", "涞源县", "银坊镇", "银坊"} <= parts
    assert "发展" not in parts and region_parts(None) == frozenset()
    assert {"新疆", "乌鲁木齐市"} <= region_parts("新疆维吾尔自治区")
    assert {"徐水", "徐水县"} <= region_parts("河北省保定市徐水县")  # renamed a district since
    # autonomous prefectures by their short names, the people's name left out
    gansu = region_parts("甘肃省", level="province")
    assert {"甘南", "临夏", "甘南藏族自治州"} <= gansu
    assert {"伊犁", "博尔塔拉", "巴音郭楞"} <= region_parts("新疆维吾尔自治区")


def test_trends_per_10000(national):
    t = gt.trends(national, "year", ["疫情", "不存在的词"])
    y = national.subset("year == 2020")
    n_2020 = y.counts("疫情").to_numpy().sum()
    want = n_2020 / y.doc_lengths().sum() * 10_000
    rate = t.set_index(["term", "year"])["rate"]
    assert rate[("疫情", 2020)] == pytest.approx(want)
    assert t.set_index(["term", "year"]).loc[("疫情", 2020), "count"] == n_2020
    assert (t.loc[t["term"] == "不存在的词", ["count", "rate"]] == 0).all().all()
    years = sorted(set(national.meta["year"]))
    # term-major: every year (sorted) of the first term, then of the second
    assert t["year"].tolist() == years * 2
    assert t["term"].tolist() == ["疫情"] * len(years) + ["不存在的词"] * len(years)
    # the wide table is one pivot away, and the rates sum back to the counts
    wide = t.pivot(index="year", columns="term", values="rate")
    assert wide.loc[2020, "疫情"] == pytest.approx(want)
    # a metadata column named like a result column cannot be the grouping
    odd = gt.DocumentTermMatrix(
        sp.csr_matrix(np.ones((2, 1), dtype=np.int64)), ["a"], pd.DataFrame({"rate": [1, 2]})
    )
    with pytest.raises(InputError, match="clash"):
        gt.trends(odd, "rate")


def test_first_appearance(national):
    fa = gt.first_appearance(national, "year", terms=["新质生产力", "从未出现"])
    assert fa["term"].tolist() == ["新质生产力", "从未出现"]  # never reached: last
    fa = fa.set_index("term")
    assert fa.loc["新质生产力", "first"] == 2024
    assert fa.loc["新质生产力", "total"] == national.counts("新质生产力").to_numpy().sum()
    assert pd.isna(fa.loc["从未出现", "first"])
    # min_count: the first year with at least 2 occurrences of 新质生产力 is not before 2024
    fa2 = gt.first_appearance(national, "year", min_count=2, terms="新质生产力").set_index("term")
    assert pd.isna(fa2.loc["新质生产力", "first"]) or fa2.loc["新质生产力", "first"] >= 2024


def test_emerging_and_fading_criterion():
    # term a: steady; b: new in the last year; c: gone in the last year
    rows = [[50, 0, 30], [50, 0, 30], [50, 0, 30], [50, 30, 0]]
    mat = sp.csr_matrix(np.array(rows, dtype=np.int64))
    meta = pd.DataFrame({"year": [2020, 2021, 2022, 2023]}, index=list("wxyz"))
    m = gt.DocumentTermMatrix(mat, ["a", "b", "c"], meta)
    e = gt.emerging_terms(m, "year", recent=1, baseline=3)
    assert e.set_index("term")["direction"].to_dict() == {"b": "emerging", "c": "fading"}
    b = e.set_index("term").loc["b"]
    assert b["recent_rate"] == pytest.approx(30 / 80 * 10_000)
    # raise the bar above what the data can reach: nothing qualifies
    assert gt.emerging_terms(m, "year", min_count=91).empty
    with pytest.raises(InputError, match="groups"):
        gt.emerging_terms(m.subset("year == 2020"), "year")


def test_emerging_terms_count_nested_cores():
    # 高质量 stands alone only in the last year; before, the segmenter kept it inside
    # 高质量发展: not a new term (issue 14), unless nested=False
    rows = [[40, 0, 30, 50], [40, 0, 30, 50], [40, 0, 30, 50], [40, 30, 0, 50]]
    mat = sp.csr_matrix(np.array(rows, dtype=np.int64))
    meta = pd.DataFrame({"year": [2020, 2021, 2022, 2023]}, index=list("wxyz"))
    m = gt.DocumentTermMatrix(mat, ["发展", "高质量", "高质量发展", "乡村"], meta)
    plain = gt.emerging_terms(m, "year", nested=False).set_index("term")["direction"]
    assert plain.get("高质量") == "emerging"
    nested = gt.emerging_terms(m, "year").set_index("term")["direction"]
    assert "高质量" not in nested and nested.get("高质量发展") == "fading"
    assert nested_counts(m).toarray()[0].tolist() == [70, 30, 30, 50]


def test_similarity_and_nearest(tok):
    m = gt.dtm(["乡村振兴 营商环境", "乡村振兴", "专精特新"], tok)
    s = gt.similarity(m, weights="count")
    x = m.matrix.toarray().astype(float)
    want = x[0] @ x[1] / np.linalg.norm(x[0]) / np.linalg.norm(x[1])
    assert s.loc["doc0", "doc1"] == pytest.approx(want)
    assert np.allclose(s.to_numpy(), s.to_numpy().T) and np.allclose(np.diag(s), 1)
    assert gt.nearest(m, "doc1", n=2)["report"].tolist() == ["doc0", "doc2"]
    with pytest.raises(InputError, match="metric"):
        gt.similarity(m, "euclid")
    with pytest.raises(InputError, match="no report"):
        gt.nearest(m, "doc9")


def test_nearest_on_real_reports(sample, tok):
    m = gt.dtm(sample, tok)
    near = gt.nearest(m, "2023_county_河北省保定市顺平县", n=3)
    # another year of the same county, or a county of the same city, is the closest
    assert near["region"].iloc[0].startswith("河北省保定市")


def test_shingle_reuse():
    parent = "坚持稳中求进工作总基调，全面推进乡村振兴。"
    child = "坚持稳中求进工作总基调；镇里建设小站稻基地。"
    # child shingles (n=4, punctuation removed): 坚持稳中 ... 小站稻基 ...; shared: the first 9
    a = "坚持稳中求进工作总基调镇里建设小站稻基地"
    shared = sum(
        a[i : i + 4] in "坚持稳中求进工作总基调全面推进乡村振兴" for i in range(len(a) - 3)
    )
    assert gt.shingle_reuse(child, parent, n=4) == pytest.approx(shared / (len(a) - 3))
    assert gt.shingle_reuse(parent, parent) == 1.0
    assert gt.shingle_reuse("短", parent) == 0.0
    with pytest.raises(InputError):
        gt.shingle_reuse(child, parent, n=0)


def test_vertical(sample, tok):
    assert find_parent(sample, "2022_county_河北省保定市易县") == "2022_city_河北省保定市"
    assert find_parent(sample, "2022_province_河北省") == "2022_national_中国"
    assert find_parent(sample, "2025_national_中国") is None
    v = gt.compare_vertical(
        sample, ["2022_county_河北省保定市易县", "2022_city_河北省保定市"], top=10, tokenizer=tok
    )
    assert v.pairs["parent"].tolist() == ["2022_city_河北省保定市", "2022_province_河北省"]
    p = v.pairs.iloc[0]
    assert p["reuse"] == pytest.approx(
        gt.shingle_reuse(sample["2022_county_河北省保定市易县"], sample["2022_city_河北省保定市"])
    )
    k = v.keyness[v.keyness["child"] == "2022_county_河北省保定市易县"]
    assert len(k) == 10 and (k["score"] > 0).all()
    assert "易县" in set(k["term"]) or any("易" in t for t in k["term"])
    with pytest.raises(InputError, match="no parent"):
        gt.compare_vertical(sample, "2025_national_中国")


def test_reference_table_matches_the_current_tokenizer():
    """The shipped document-frequency table must be rebuilt whenever the lexicon or the
    stopword lists change (python benchmarks/build_reference_df.py CORPUS_DIR)."""
    from pathlib import Path

    from govtext.stats.reference import __file__ as ref_init

    header = Path(ref_init).with_name("reference_df.tsv").read_text(encoding="utf-8").split("\n", 8)
    line = next(h for h in header if h.startswith("# tokenizer="))
    recorded = line.split("config_hash=")[1].strip()
    assert gt.PolicyTokenizer(boilerplate=False).config_hash.startswith(recorded)


def test_keywords_leave_out_the_regions_own_government_bodies():
    text = "各位代表：\n" + "顺平县人民政府坚持全面推进乡村振兴，顺平县委部署营商环境改革。\n" * 4
    c = gt.corpus_from_texts([text], names=["2023_county_河北省保定市顺平县"])
    terms = gt.keywords(c, top=20)["term"].tolist()
    assert "乡村振兴" in terms
    assert not any(t.startswith("顺平") for t in terms)
    kept = gt.keywords(c, top=20, keep_region=True)["term"].tolist()
    assert any(t.startswith("顺平") for t in kept)


def test_counts_in_chinese_numerals_are_numbers_not_keywords():
    # the 1950s reports write numbers in characters: 一百四十一个, 一九五三年 (九五三年 is
    # what is left where the segmenter cut 一|九五三年)
    from govtext.stats.keywords import candidate_mask

    tok = gt.PolicyTokenizer()
    counts = ["一百四十一个", "九五三年", "三点三倍", "二十五个", "一万五千"]
    assert tok.types(counts) == ["number_unit"] * len(counts)
    assert tok.types(["十四五", "二十条", "六稳六保"]) == ["policy"] * 3  # formulas, lexicon
    assert not candidate_mask(counts, tok).any()
    text = "一九五三年共建成一百四十一个项目，增长三点三倍。（热烈鼓掌）发展农业合作社。"
    words = gt.keywords(gt.corpus_from_texts([text * 3]), top=10)["term"].tolist()
    assert "农业合作社" in words
    assert not set(words) & {*counts, "热烈鼓掌", "一九五三年"}
    assert tok.types(["百年", "一号", "一批", "三个"]) == ["word"] * 4  # one numeral: no count
