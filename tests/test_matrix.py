"""DocumentTermMatrix and dtm(): counts, selection, grouping, weighting."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

import govtext as gt
from govtext.errors import InputError


@pytest.fixture(scope="module")
def m(sample, tok):
    return gt.dtm(sample, tokenizer=tok)


def test_counts_match_the_tokenizer(sample, tok, m):
    assert sp.isspmatrix_csr(m.matrix) and m.matrix.dtype == np.int64
    assert m.shape == (len(sample), len(m.vocab)) and m.vocab == sorted(m.vocab)
    assert m.docs == sample.names
    r = sample["2023_township_天津市津南区北闸口镇"]
    want = Counter(tok.tokenize(r.text))
    row = m.subset(m.meta.index == r.name)
    got = {m.vocab[j]: int(v) for j, v in zip(row.matrix.indices, row.matrix.data)}
    assert got == dict(want)
    assert int(m.doc_lengths()[m.docs.index(r.name)]) == sum(want.values())


def test_small_texts_and_bounds(tok):
    texts = ["乡村振兴 乡村振兴 营商环境", "营商环境 专精特新", "营商环境"]
    m = gt.dtm(texts, tokenizer=tok)
    assert m.vocab == ["专精特新", "乡村振兴", "营商环境"]
    assert m.matrix.toarray().tolist() == [[0, 2, 1], [1, 0, 1], [0, 0, 1]]
    assert gt.dtm(texts, tok, min_df=2).vocab == ["营商环境"]
    assert gt.dtm(texts, tok, max_df=0.5).vocab == ["专精特新", "乡村振兴"]
    fixed = gt.dtm(texts, tok, vocabulary=["营商环境", "新质生产力"])
    assert fixed.vocab == ["营商环境", "新质生产力"]
    assert fixed.matrix.toarray()[:, 1].sum() == 0
    assert m.doc_freq().tolist() == [1, 1, 3] and m.term_counts().tolist() == [1, 2, 3]


def test_selection_by_query_dict_mask_and_series(m):
    q = m.mask("year == 2022 and level == 'county'")
    d = m.mask({"year": 2022, "level": "county"})
    assert q.sum() == 9 and (q == d).all()
    s = m.mask(m.meta["year"] == 2022)  # nullable Int64 column: a BooleanArray
    assert s.dtype == bool and s.sum() == 12
    sub = m.subset({"level": ["province", "city"]})
    assert set(sub.meta["level"]) == {"province", "city"} and len(sub) == 5
    assert sub.matrix.shape == (5, len(m.vocab))
    assert m.mask(None).all()
    with pytest.raises(InputError, match="no metadata column"):
        m.mask({"colour": "red"})
    with pytest.raises(InputError, match="cannot evaluate"):
        m.mask("year ==")
    with pytest.raises(InputError, match="booleans"):
        m.mask([True, False])


def test_group_by_sums_rows(m):
    g = m.group_by("year")
    assert g.meta["year"].tolist() == sorted(set(m.meta["year"]))
    y2022 = m.subset("year == 2022")
    row = g.meta["year"].tolist().index(2022)
    assert (g.matrix[row].toarray() == np.asarray(y2022.matrix.sum(axis=0))).all()
    assert int(g.meta.loc[g.meta.index[row], "n_docs"]) == 12
    assert g.matrix.sum() == m.matrix.sum()
    two = m.group_by(["level", "year"])
    assert two.meta.columns.tolist() == ["level", "year", "n_docs"]
    with pytest.raises(InputError, match="cannot group by"):
        m.group_by("colour")


def test_tfidf_and_frames(m, tok):
    w = m.tfidf()
    assert w.shape == m.shape
    norms = np.sqrt(np.asarray(w.multiply(w).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    small = gt.dtm(["乡村振兴 乡村振兴 营商环境", "营商环境"], tok)
    f = small.to_frame("relative")
    assert f.loc["doc0", "乡村振兴"] == pytest.approx(2 / 3)
    assert small.to_frame().loc["doc1"].tolist() == [0, 1]
    with pytest.raises(InputError, match="weights"):
        small.to_frame("binary")
    assert small.counts("营商环境")["营商环境"].tolist() == [1, 1]


def test_errors(tok):
    with pytest.raises(InputError, match="single str"):
        gt.dtm("乡村振兴", tok)
    with pytest.raises(InputError, match="empty"):
        gt.dtm([], tok)
    with pytest.raises(InputError, match="no report has any analysis token"):
        gt.dtm(["的了和"], tok)
    with pytest.raises(InputError, match="shape"):
        gt.DocumentTermMatrix(sp.csr_matrix((2, 2)), ["a"], gt.dtm(["乡村振兴"], tok).meta)


@pytest.mark.parametrize(
    "bounds",
    [
        {},
        {"min_df": 2},
        {"max_df": 0.5},
        {"min_df": 0.1, "max_df": 0.9},
        {"max_features": 200},
        {"max_features": 50, "min_df": 3},
        {"vocabulary": ["乡村振兴", "新质生产力", "不存在", "营商环境"]},
    ],
)
def test_bounds_are_countvectorizers(sample, tok, bounds):
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=tok.tokenize, dtype=np.int64, **bounds)
    want = vec.fit_transform(sample.texts)
    got = gt.dtm(sample, tok, **bounds)
    assert got.vocab == list(vec.get_feature_names_out())
    assert (got.matrix != want).nnz == 0 and got.matrix.dtype == np.int64


def test_bad_bounds(tok):
    texts = ["乡村振兴 营商环境", "营商环境"]
    for bad in ({"min_df": -1}, {"max_df": 1.5}, {"max_features": 0}):
        with pytest.raises(InputError, match="cannot build the document-term matrix"):
            gt.dtm(texts, tok, **bad)
    with pytest.raises(InputError, match="max_df corresponds"):
        gt.dtm(texts, tok, min_df=2, max_df=1)
    with pytest.raises(InputError, match="no terms remain"):
        gt.dtm(texts, tok, min_df=3, max_df=3)
    with pytest.raises(InputError, match="repeats"):
        gt.dtm(texts, tok, vocabulary=["营商环境", "营商环境"])
