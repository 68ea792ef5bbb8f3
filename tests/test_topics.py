"""Topic models: units, aggregation, prevalence, coherence, determinism, export, CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import govtext as gt
from govtext.errors import InputError
from govtext.models.coherence import coherence, topic_diversity
from govtext.models.topics import TopicModel
from govtext.models.units import paragraph_dtm


@pytest.fixture(scope="module")
def national(sample):
    return sample.filter(level="national")


@pytest.fixture(scope="module")
def units(national, tok):
    return paragraph_dtm(national, tok)


@pytest.fixture(scope="module")
def model(units, tok):
    return TopicModel(k=6, tokenizer=tok)._fit_units(units)


# ------------------------------------------------------------------------ units
def test_paragraph_dtm_splits_lines_and_keeps_report_map(tok):
    texts = ["全面推进乡村振兴。\n\n营商环境持续优化。\n", "数字经济加快发展。"]
    m = paragraph_dtm(gt.corpus_from_texts(texts), tok)
    assert m.meta["report"].tolist() == ["doc0", "doc0", "doc1"]
    assert m.meta["paragraph"].tolist() == [0, 1, 0]
    row = dict(zip(m.vocab, m.matrix[0].toarray().ravel()))
    assert row.get("乡村振兴") == 1 and "营商环境" not in {t for t, c in row.items() if c}


def test_paragraph_dtm_cuts_long_lines_at_sentence_ends(tok):
    line = "推进乡村振兴。" * 200  # one 1400-character line
    m = paragraph_dtm(gt.corpus_from_texts([line]), tok, max_chars=100)
    assert m.shape[0] >= 10
    assert (m.meta["chars"] <= 100 + len("推进乡村振兴。")).all()
    assert int(m.matrix[:, m.term_index["乡村振兴"]].sum()) == 200


def test_section_units_partition_the_report(national, tok):
    from govtext.models.units import _section_texts

    r = national[0]
    parts = _section_texts(r)
    assert "".join(parts) == r.text and len(parts) > 3
    m = paragraph_dtm(national[:1], tok, unit="section")
    assert m.shape[0] == sum(1 for p in parts if p.strip())
    whole = paragraph_dtm(national[:1], tok, unit="report")
    # the report is cut once: its sections' counts add up to the report's, word for word
    assert m.vocab == whole.vocab
    assert np.array_equal(np.asarray(m.matrix.sum(axis=0)), whole.matrix.toarray())


def test_units_come_from_the_token_hub(national, tok):
    hub = gt.TokenizedCorpus(national[:3], tok)
    for unit in ("paragraph", "section", "report"):
        a = paragraph_dtm(hub, unit=unit)
        b = paragraph_dtm(national[:3], tok, unit=unit)
        assert a.vocab == b.vocab and (a.matrix != b.matrix).nnz == 0
        assert a.meta.equals(b.meta) and a._unit_tokens == b._unit_tokens
    # paragraphs are the hub's paragraphs (lines) when none is longer than max_chars
    p = paragraph_dtm(hub, unit="paragraph", max_chars=10**9, procedural=True)
    assert p._unit_tokens == hub.windows("paragraph", drop_empty=False)
    assert gt.fit_topics(hub, k=3).unit_dtm_.shape[0] == paragraph_dtm(hub).shape[0]
    with pytest.raises(InputError, match="own tokenizer"):
        paragraph_dtm(hub, gt.PolicyTokenizer())


def test_report_unit_gives_one_row_per_report(national, tok):
    m = paragraph_dtm(national[:2], tok, unit="report")
    assert m.shape[0] == 2 and m.meta["report"].tolist() == national.names[:2]


# ------------------------------------------------------------------- the model
def test_shapes_and_simplex(model, national):
    assert model.doc_topic_.shape == (len(national), 6)
    assert np.allclose(model.doc_topic_.sum(axis=1), 1)
    assert np.allclose(model.unit_topic_.sum(axis=1), 1)
    assert (model.doc_topic_ >= 0).all()
    assert list(model.meta_.index) == national.names
    assert np.allclose(model.topic_term_.sum(axis=1), 1)


def test_report_shares_are_length_weighted_paragraph_shares(model):
    meta = model.unit_dtm_.meta
    for i, name in enumerate(model.meta_.index[:3]):
        rows = np.flatnonzero(meta["report"].to_numpy() == name)
        w = model.unit_lengths_[rows]
        expect = (model.unit_topic_[rows] * w[:, None]).sum(axis=0) / w.sum()
        assert np.allclose(model.doc_topic_[i], expect)
        assert model.doc_lengths_[i] == w.sum()


def test_top_terms_labels_and_topics_table(model):
    top = model.top_terms(10)
    assert len(top) == 6 and all(len(t) == 10 for t in top)
    assert all(isinstance(w, str) for t in top for w in t)
    assert model.labels_ == ["/".join(t[:3]) for t in top]
    tab = model.topics
    assert list(tab.columns) == ["topic", "label", "rank", "term", "weight"]
    assert tab.groupby("topic")["term"].apply(list).tolist() == top
    assert (tab["weight"] > 0).all()


def test_weight_ranking_orders_by_weight(units, tok):
    m = TopicModel(k=4, ranking="weight", tokenizer=tok)._fit_units(units)
    for t, words in enumerate(m.top_terms(5)):
        w = [m.components_[t, m.vocab_.index(x)] for x in words]
        assert w == sorted(w, reverse=True)
        assert w[0] == m.components_[t].max()


def test_function_words_are_left_out(model):
    vocab = set(model.vocab_)
    for w in ("进一步", "积极", "由于", "我们", "目前"):
        assert w not in vocab


def test_max_df_drops_ubiquitous_words(model):
    df = model.unit_dtm_.doc_freq()
    assert df.max() <= 0.2 * model.unit_dtm_.shape[0]  # the paragraph default of max_df
    assert "发展" not in model.vocab_


def test_prevalence_by_year_sums_to_one_on_the_sample(sample, tok):
    m = gt.fit_topics(sample, k=5, tokenizer=tok)
    prev = m.prevalence("year")
    assert sorted(prev.index.tolist()) == sorted(set(sample.meta["year"].tolist()))
    assert np.allclose(prev.sum(axis=1), 1)
    assert (prev.to_numpy() >= 0).all()
    # a year with one report: its prevalence is that report's shares
    one = sample.meta["year"].value_counts()
    year = int(one[one == 1].index[0])
    i = list(m.meta_["year"]).index(year)
    assert np.allclose(prev.loc[year].to_numpy(), m.doc_topic_[i])
    by_region = m.prevalence("region", weights="equal")
    assert np.allclose(by_region.sum(axis=1), 1)
    assert len(by_region) == sample.meta["region"].nunique()


def test_prevalence_errors(model):
    with pytest.raises(InputError, match="no such metadata column"):
        model.prevalence("colour")
    with pytest.raises(InputError, match="weights"):
        model.prevalence("year", weights="odd")


def test_top_reports_sorted(model):
    tr = model.top_reports(2, top=3)
    assert len(tr) == 3
    assert tr["share"].is_monotonic_decreasing
    assert math.isclose(tr["share"].iloc[0], model.doc_topic_[:, 2].max())
    with pytest.raises(InputError, match="topic must be"):
        model.top_reports(6)


def test_transform_of_training_corpus_matches(model, national, tok):
    m2 = TopicModel(k=6, tokenizer=tok).fit(national[:3])
    again = m2.transform(national[:3])
    assert np.allclose(again, m2.doc_topic_, atol=1e-6)


def test_fit_on_a_report_dtm_and_lda(national, tok):
    d = gt.dtm(national, tokenizer=tok)
    m = gt.fit_topics(d, k=3, min_df=2, max_df=0.9)
    assert m.doc_topic_.shape == (len(national), 3)
    lda = gt.fit_topics(national[:3], k=3, method="lda", max_iter=10, tokenizer=tok)
    assert np.allclose(lda.doc_topic_.sum(axis=1), 1)
    assert lda.estimator_.__class__.__name__ == "LatentDirichletAllocation"


def test_bad_parameters_raise_input_error(national):
    with pytest.raises(InputError, match="method"):
        gt.fit_topics(national[:1], k=2, method="plsa")
    with pytest.raises(InputError, match="k must be"):
        gt.fit_topics(national[:1], k=0)
    with pytest.raises(InputError, match="unit"):
        gt.fit_topics(national[:1], k=2, unit="chapter")
    with pytest.raises(InputError, match="not fitted"):
        TopicModel().top_terms()
    with pytest.raises(InputError, match="lower k"):
        gt.fit_topics(gt.corpus_from_texts(["乡村振兴。营商环境。"]), k=5)


# ------------------------------------------------------------------ determinism
def test_same_inputs_same_topics_and_files(national, tok, tmp_path):
    a = gt.fit_topics(national[:4], k=4, random_state=3, tokenizer=tok)
    b = gt.fit_topics(national[:4], k=4, random_state=3, tokenizer=gt.PolicyTokenizer())
    assert a.top_terms(10) == b.top_terms(10)
    assert np.array_equal(a.components_, b.components_)
    assert np.array_equal(a.doc_topic_, b.doc_topic_)
    assert (a.unit_dtm_.matrix != b.unit_dtm_.matrix).nnz == 0
    fa = a.save(tmp_path / "a")
    fb = b.save(tmp_path / "b")
    assert [p.name for p in fa] == [p.name for p in fb]
    for x, y in zip(fa, fb):
        assert x.read_bytes() == y.read_bytes(), x.name
    la = gt.fit_topics(national[:3], k=3, method="lda", random_state=1, max_iter=10, tokenizer=tok)
    lb = gt.fit_topics(national[:3], k=3, method="lda", random_state=1, max_iter=10, tokenizer=tok)
    assert np.array_equal(la.doc_topic_, lb.doc_topic_)


# ------------------------------------------------------------------- coherence
def test_npmi_and_umass_by_hand():
    docs = [["a", "b"], ["a", "b"], ["a", "c"], ["d"]]
    t = coherence([["a", "b"], ["b", "c"]], docs)
    # P(a)=3/4, P(b)=1/2, P(a,b)=1/2: npmi = ln(0.5/(0.375)) / -ln(0.5)
    assert math.isclose(t["npmi"].iloc[0], math.log(0.5 / 0.375) / -math.log(0.5))
    assert t["npmi"].iloc[1] == -1.0  # b and c never together
    # umass: log((D(b,a)+1)/D(a)) = log(3/3)
    assert math.isclose(t["umass"].iloc[0], 0.0, abs_tol=1e-12)
    assert math.isclose(t["umass"].iloc[1], math.log(1 / 2))
    assert math.isclose(t.attrs["mean"]["npmi"], (t["npmi"].iloc[0] - 1) / 2)


def test_sliding_window_coherence():
    docs = [["a", "b", "x", "x", "x", "c"]]
    t = coherence([["a", "b"], ["a", "c"]], docs, window=2, measure="npmi")
    # 5 windows: P(a) = P(a, b) = 1/5, P(b) = 2/5
    assert math.isclose(t["npmi"].iloc[0], math.log(2.5) / math.log(5))
    assert t["npmi"].iloc[1] == -1.0  # a and c are never within 2 tokens
    whole = coherence([["a", "c"]], docs + [["x"]], measure="npmi")
    assert whole["npmi"].iloc[0] == 1.0  # without windows they share the only document
    with pytest.raises(InputError, match="window"):
        coherence([["a", "b"]], docs, window=1)


def test_coherence_on_matrix_equals_token_lists(model):
    from govtext.models.units import token_lists

    top = model.top_terms(10)[:3]
    a = coherence(top, model.unit_dtm_)
    b = coherence(top, token_lists(model.unit_dtm_))
    assert np.allclose(a["npmi"], b["npmi"]) and np.allclose(a["umass"], b["umass"])
    c = model.coherence()
    assert set(c.columns) == {"topic", "label", "npmi", "umass"}
    assert -1 <= c["npmi"].min() and c["npmi"].max() <= 1
    assert c.attrs["diversity"] == topic_diversity(model.top_terms(10))


def test_window_coherence_uses_text_order(model, national, tok):
    assert model._unit_tokens is not None and len(model._unit_tokens) == model.unit_dtm_.shape[0]
    text = "优化营商环境。推进乡村振兴。\n发展数字经济。"
    m = paragraph_dtm(gt.corpus_from_texts([text]), tok)
    first, second = text.split("\n")
    assert m._unit_tokens == [tok.tokenize(first), tok.tokenize(second)]
    assert len(m._unit_tokens[0]) >= 2
    w = model.coherence(window=10)
    assert len(w) == model.k and ((w["npmi"] >= -1) & (w["npmi"] <= 1)).all()
    d = gt.fit_topics(gt.dtm(national[:3], tokenizer=tok), k=2, min_df=1, unit="report")
    with pytest.raises(InputError, match="token order"):
        d.coherence(window=10)


def test_topic_diversity():
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert topic_diversity([["a", "b"], ["a", "b"]]) == 0.5


def test_choose_k_table(national, tok):
    t = gt.choose_k(national[:4], ks=[3, 5], tokenizer=tok)
    assert t["k"].tolist() == [3, 5]
    assert ((t["diversity"] > 0) & (t["diversity"] <= 1)).all()
    assert ((t["npmi"] >= -1) & (t["npmi"] <= 1)).all()
    assert (t["umass"] <= 0).all()


# ---------------------------------------------------------------------- export
def test_pyldavis_export_is_consistent(model):
    d = model.to_pyldavis()
    assert set(d) == {
        "topic_term_dists",
        "doc_topic_dists",
        "doc_lengths",
        "vocab",
        "term_frequency",
    }
    ttd = np.array(d["topic_term_dists"])
    assert ttd.shape == (6, len(d["vocab"]))
    assert np.allclose(ttd.sum(axis=1), 1)
    assert np.array(d["doc_topic_dists"]).shape == (len(d["doc_lengths"]), 6)
    assert len(d["term_frequency"]) == len(d["vocab"])
    assert sum(d["term_frequency"]) == sum(d["doc_lengths"])
    json.dumps(d)  # JSON-able


def test_plot_prevalence_files(model, tmp_path):
    pytest.importorskip("matplotlib")
    p1 = gt.plot_prevalence(model, "year", path=tmp_path / "y.png")
    p2 = gt.plot_prevalence(model, "year", path=tmp_path / "y2.png")
    assert p1.read_bytes() == p2.read_bytes() and p1.stat().st_size > 1000
    p3 = gt.plot_prevalence(model, "region", path=tmp_path / "r.png")
    assert p3.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(InputError, match="kind"):
        gt.plot_prevalence(model, "year", kind="pie")
    assert not hasattr(model, "plot_prevalence")  # drawing lives in govtext.viz


# ------------------------------------------------------------------------- CLI
def test_cli_topics(tmp_path, capsys):
    from govtext.cli.main import main

    out = tmp_path / "out"
    assert (
        main(["topics", "--sample", "-k", "4", "--top", "5", "-o", str(out), "--no-figures"]) == 0
    )
    text = capsys.readouterr().out
    assert "4 topics" in text and "mean NPMI" in text
    assert (out / "topics.csv").exists() and (out / "prevalence_year.csv").exists()
    payload = json.loads((out / "pyldavis.json").read_text(encoding="utf-8"))
    assert len(payload["top_terms"]) == 4
    assert main(["topics", "--sample", "-k", "0"]) == 2
    assert "-k must be" in capsys.readouterr().err


# ------------------------------------------------------------ scikit-learn API
def test_clone_and_get_params_round_trip(tok):
    from sklearn.base import clone

    m = TopicModel(k=4, method="lda", random_state=7, tokenizer=tok, drop_pos=("c", "d"))
    params = m.get_params()
    assert params == {
        "k": 4,
        "method": "lda",
        "unit": "paragraph",
        "random_state": 7,
        "tokenizer": tok,
        "min_df": 5,
        "max_df": None,
        "min_unit_tokens": 5,
        "ranking": None,
        "frex_weight": 0.5,
        "drop_pos": ("c", "d"),
        "max_iter": 1000,
        "drop_generic": 100,
        "procedural": False,
    }
    twin = clone(m)
    assert type(twin) is TopicModel and twin is not m
    assert {k: v for k, v in twin.get_params().items() if k != "tokenizer"} == {
        k: v for k, v in params.items() if k != "tokenizer"
    }
    assert twin.tokenizer.config_hash == tok.config_hash  # a copy of the same configuration
    assert TopicModel(**params).get_params() == params
    assert m.set_params(k=6, random_state=None) is m
    assert (m.k, m.random_state) == (6, None)
    with pytest.raises(ValueError, match="Invalid parameter"):
        m.set_params(seed=1)


def test_clone_of_a_fitted_model_is_unfitted(model):
    from sklearn.base import clone

    twin = clone(model)
    assert twin.get_params(deep=False).keys() == model.get_params(deep=False).keys()
    assert not hasattr(twin, "components_") and not hasattr(twin, "tfidf_")
    with pytest.raises(InputError, match="not fitted"):
        twin.transform(["乡村振兴"])


def test_transform_does_not_refit(national, tok):
    m = TopicModel(k=4, tokenizer=tok)
    shares = m.fit_transform(national[:3])
    tfidf, est, comps = m.tfidf_, m.estimator_, m.components_.copy()
    idf = tfidf.idf_.copy()
    a = m.transform(national[:3])
    b = m.transform(national[1:3])
    c = m.transform(national[:3])
    assert m.tfidf_ is tfidf and m.estimator_ is est  # same fitted objects
    assert np.array_equal(m.tfidf_.idf_, idf) and np.array_equal(m.components_, comps)
    assert np.array_equal(a, c)
    assert np.array_equal(a[1:], b)  # a report's shares do not depend on the others
    assert np.array_equal(a, shares)  # fit then transform == fit_transform
    # a second model: fit(), then transform() gives fit_transform()'s result bit for bit
    m2 = TopicModel(k=4, tokenizer=tok).fit(national[:3])
    assert np.array_equal(m2.transform(national[:3]), shares)
    lda = TopicModel(k=3, method="lda", max_iter=10, tokenizer=tok)
    assert np.array_equal(lda.fit_transform(national[:2]), lda.transform(national[:2]))
    assert lda.tfidf_ is None


def test_fit_and_transform_a_plain_count_matrix():
    rng = np.random.RandomState(0)
    X = rng.poisson(0.3, size=(30, 12))
    X[:10, :4] += 3  # three blocks of words: three clear topics
    X[10:20, 4:8] += 3
    X[20:, 8:] += 3
    m = TopicModel(k=3, min_df=1, max_df=1.0, min_unit_tokens=1)
    shares = m.fit_transform(X)
    assert shares.shape == (30, 3) and np.allclose(shares.sum(axis=1), 1)
    assert m.n_features_in_ == 12 and set(m.vocab_) <= {str(j) for j in range(12)}
    assert np.array_equal(m.transform(X), shares)
    with pytest.raises(InputError, match="12 columns"):
        m.transform(X[:, :5])
    with pytest.raises(InputError, match="non-negative"):
        m.fit(-X)


def test_sklearn_estimator_checks(tok):
    from sklearn.utils import estimator_checks as ec

    model = TopicModel(k=2, method="lda", min_df=1, max_df=1.0, min_unit_tokens=1, drop_pos=None)
    for check in (
        ec.check_get_params_invariance,
        ec.check_set_params,
        ec.check_no_attributes_set_in_init,
        ec.check_parameters_default_constructible,
        ec.check_dont_overwrite_parameters,  # fits on 20 x 3 fractional values: LDA
    ):
        check("TopicModel", model)
    with pytest.raises(InputError, match="not a count matrix"):
        TopicModel(k=2).fit(np.full((4, 3), 0.5))
    # the same on text: fit() leaves the parameters untouched (same objects)
    m = TopicModel(k=2, tokenizer=tok, min_df=1)
    before = dict(vars(m))
    m.fit(gt.corpus_from_texts(["乡村振兴战略。营商环境优化。\n数字经济发展。", "乡村振兴"]))
    assert all(vars(m)[k] is v for k, v in before.items())
    added = set(vars(m)) - set(before)
    assert added and all(a.endswith("_") or a.startswith("_") for a in added)


# ------------------------------------------------- issue 14: representative terms
def test_report_rows_rank_terms_by_frequency_not_exclusivity(national, tok):
    from govtext.stats.keywords import genre_generic

    m = gt.dtm(national, tok)
    model = gt.fit_topics(m, k=3, unit="report")
    assert model.ranking_ == "frequency"
    words = model.top_terms(10)
    generic = genre_generic(100)
    assert all(sum(w in generic for w in t) <= 1 for t in words)
    # each topic's words are frequent: their expected counts in the topic lead its row
    for k, t in enumerate(words):
        counts = model.topic_counts_[k, [model.vocab_.index(w) for w in t]]
        assert (np.diff(counts) <= 1e-9).all()
    frex = gt.fit_topics(m, k=3, ranking="frex", unit="report")
    assert frex.ranking_ == "frex"
    tf = dict(zip(model.vocab_, model.term_frequency_))
    mean_tf = np.mean([tf[w] for t in words for w in t])
    assert mean_tf > np.mean([tf[w] for t in frex.top_terms(10) for w in t])


def test_procedural_paragraphs_left_out_by_default(national, tok):
    from govtext.models.units import is_procedural

    hub = gt.TokenizedCorpus(national[:3], tok)
    default = paragraph_dtm(hub)
    kept = paragraph_dtm(hub, procedural=True)
    assert 3 <= kept.shape[0] - default.shape[0] <= 12  # an opening and a closing each
    n_ask = kept.counts("请予").to_numpy().sum()  # 请予审议: the opening's request
    assert n_ask >= 3 and (
        "请予" not in default.vocab or default.counts("请予").to_numpy().sum() == 0
    )
    assert is_procedural("向全国各族人民表示诚挚感谢！") and not is_procedural("推进乡村振兴")
    model = gt.fit_topics(hub, k=4)
    assert model.ranking_ == "frex"
    assert not any({"请予", "审议", "感谢"} & set(t) for t in model.top_terms(10))


# ------------------------------------- issue 14: a report matrix is fitted on paragraphs
def test_report_matrix_from_a_corpus_is_fitted_on_its_paragraphs(national, tok):
    m = gt.dtm(national, tok)
    via_matrix = gt.fit_topics(m, k=4)
    via_corpus = gt.fit_topics(national, k=4, tokenizer=tok)
    assert via_matrix.unit_dtm_.shape[0] > 5 * len(national)  # paragraphs, not reports
    assert via_matrix.top_terms(10) == via_corpus.top_terms(10)
    assert np.allclose(via_matrix.doc_topic_, via_corpus.doc_topic_)
    assert list(via_matrix.meta_.index) == m.docs and via_matrix.ranking_ == "frex"
    assert np.allclose(via_matrix.transform(m), via_matrix.doc_topic_, atol=1e-6)
    rows = gt.fit_topics(m, k=4, unit="report")
    assert rows.unit_dtm_.shape[0] == len(national)


def test_report_matrix_keeps_its_corpus_through_subset_and_select(national, tok):
    m = gt.dtm(national, tok, max_features=300)
    later = m.subset(m.meta["year"] >= 2020)
    assert 1 <= later.shape[0] < m.shape[0]
    model = gt.fit_topics(later, k=2, min_df=2)
    assert list(model.meta_.index) == later.docs
    assert set(model.vocab_) <= set(m.vocab)  # the matrix's words only
    assert model.unit_dtm_.shape[0] > later.shape[0]
    few = m.select(m.vocab[:150])
    on_few = gt.fit_topics(few, k=2, min_df=2)
    assert set(on_few.vocab_) <= set(m.vocab[:150]) and on_few.unit_dtm_.shape[0] > few.shape[0]
    by_year = m.group_by("year")  # rows are no longer reports: fitted row by row
    assert gt.fit_topics(by_year, k=2, min_df=1).unit_dtm_.shape[0] == by_year.shape[0]
    with pytest.raises(InputError, match="tokenizer differs"):
        gt.fit_topics(m, k=2, tokenizer=gt.PolicyTokenizer(lexicon=False))
    same = gt.fit_topics(m, k=2, tokenizer=gt.PolicyTokenizer())  # same config: accepted
    assert same.unit_dtm_.shape[0] > m.shape[0]


def test_report_matrix_rows_keep_their_order_metadata_and_reports_without_units(national, tok):
    import pickle

    opening = "现在，我代表国务院，向大会报告政府工作，请予审议。"  # procedural only: no unit
    texts = [r.text for r in national[:3]] + [opening]
    c = gt.corpus_from_texts(texts)
    m = gt.dtm(c, tok)
    m.meta["score"] = [1.0, 2.0, 3.0, 4.0]
    model = gt.fit_topics(m, k=2, min_df=1)
    assert model.doc_topic_.shape == (4, 2) and list(model.meta_.index) == m.docs
    assert model.meta_["score"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert np.allclose(model.doc_topic_[3], 0.5) and model.doc_lengths_[3] == 0
    assert np.allclose(model.transform(m), model.doc_topic_, atol=1e-6)
    again = pickle.loads(pickle.dumps(m))  # a copy's tokenizer is another object
    assert np.allclose(model.transform(again), model.doc_topic_, atol=1e-6)
    # a model fitted on rows transforms a corpus matrix row by row, as before
    rows = gt.fit_topics(m, k=2, min_df=1, unit="report")
    plain = gt.fit_topics(gt.stream_dtm(list(c)), k=2, min_df=1)
    assert rows.transform(m).shape == (4, 2)
    assert np.allclose(plain.transform(m), plain.transform(gt.stream_dtm(list(c))))


def test_changed_tokenizer_or_renamed_rows_fall_back_to_rows_with_a_warning(national):
    tok = gt.PolicyTokenizer()
    m = gt.dtm(national[:3], tok)
    tok.add_words(["桃溪锦带"])
    with pytest.warns(UserWarning, match="tokenizer was changed"):
        model = gt.fit_topics(m, k=2, min_df=1)
    assert model.unit_dtm_.shape[0] == 3
    fresh = gt.dtm(national[:3], gt.PolicyTokenizer())
    fresh.meta.index = ["x", "y", "z"]
    with pytest.warns(UserWarning, match="no longer name"):
        assert gt.fit_topics(fresh, k=2, min_df=1).unit_dtm_.shape[0] == 3
