"""Each keyness measure against values computed by hand from a small 2 × 2 table.

Table used throughout (two documents, two terms):

    term      target (row 0)   reference (row 1)
    x              10                 5
    y              90               195
    total      Na = 100          Nb = 200          N = 300
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import govtext as gt
from govtext.errors import InputError


@pytest.fixture()
def m():
    mat = sp.csr_matrix(np.array([[10, 90], [5, 195]], dtype=np.int64))
    meta = pd.DataFrame({"year": [2023, 2022]}, index=["t", "r"])
    return gt.DocumentTermMatrix(mat, ["x", "y"], meta)


def row(df, term):
    return df.set_index("term").loc[term]


def test_chi2_by_hand(m):
    k = gt.keyness(m, "year == 2023", "year == 2022", measure="chi2")
    # expected counts: E = row total × column total / N
    e_a, e_b = 15 * 100 / 300, 15 * 200 / 300  # 5, 10
    e_c, e_d = 285 * 100 / 300, 285 * 200 / 300  # 95, 190
    chi2 = (
        (10 - e_a) ** 2 / e_a
        + (5 - e_b) ** 2 / e_b
        + (90 - e_c) ** 2 / e_c
        + (195 - e_d) ** 2 / e_d
    )
    assert chi2 == pytest.approx(5 + 2.5 + 25 / 95 + 25 / 190)  # 7.8947...
    x = row(k, "x")
    assert x["score"] == pytest.approx(chi2)  # x is over-used in the target: positive
    assert row(k, "y")["score"] == pytest.approx(-chi2)  # 2 × 2: same statistic, other sign
    assert x["p"] == pytest.approx(math.erfc(math.sqrt(chi2 / 2)))  # χ²(1) survival function
    assert (x["target_count"], x["reference_count"]) == (10, 5)
    # independent check with scipy
    from scipy.stats import chi2_contingency

    stat, p, _, _ = chi2_contingency([[10, 5], [90, 195]], correction=False)
    assert x["score"] == pytest.approx(stat) and x["p"] == pytest.approx(p)


def test_g2_by_hand(m):
    k = gt.keyness(m, np.array([True, False]), np.array([False, True]), measure="g2")
    g2 = 2 * (
        10 * math.log(10 / 5)
        + 5 * math.log(5 / 10)
        + 90 * math.log(90 / 95)
        + 195 * math.log(195 / 190)
    )
    # = 2 × (6.9315 − 3.4657 − 4.8660 + 5.0652) = 2 × 3.6649 = 7.3298
    assert g2 == pytest.approx(7.3298, abs=1e-3)
    x = row(k, "x")
    assert x["score"] == pytest.approx(g2)
    assert x["p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    from scipy.stats import chi2_contingency

    stat, _, _, _ = chi2_contingency(
        [[10, 5], [90, 195]], correction=False, lambda_="log-likelihood"
    )
    assert x["score"] == pytest.approx(stat)


def test_pmi_by_hand(m):
    k = gt.keyness(m, "year == 2023", measure="pmi")  # reference: the rest
    # PMI(x, target) = log2( P(x, target) / (P(x) P(target)) ) = log2(10·300 / (15·100)) = 1
    assert row(k, "x")["score"] == pytest.approx(1.0)
    assert row(k, "y")["score"] == pytest.approx(math.log2(90 * 300 / (285 * 100)))
    assert "p" not in k.columns


def test_log_odds_by_hand(m):
    # prior: pooled counts, α0 = 30  ->  α_x = 30 · 15/300 = 1.5, α_y = 30 · 285/300 = 28.5
    k = gt.keyness(m, "year == 2023", "year == 2022", measure="log_odds", prior_mass=30)
    a_x = 1.5
    delta = math.log((10 + a_x) / (100 + 30 - 10 - a_x)) - math.log(
        (5 + a_x) / (200 + 30 - 5 - a_x)
    )
    # = ln(11.5/118.5) − ln(6.5/223.5) = −2.3325 + 3.5377 = 1.2051
    assert delta == pytest.approx(1.2051, abs=1e-4)
    var = 1 / (10 + a_x) + 1 / (5 + a_x)  # 0.0870 + 0.1538
    z = delta / math.sqrt(var)  # 2.4558
    x = row(k, "x")
    assert x["delta"] == pytest.approx(delta)
    assert x["z"] == pytest.approx(z) and x["score"] == pytest.approx(z)
    assert x["p"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    a_y = 28.5
    delta_y = math.log((90 + a_y) / (100 + 30 - 90 - a_y)) - math.log(
        (195 + a_y) / (200 + 30 - 195 - a_y)
    )
    assert row(k, "y")["delta"] == pytest.approx(delta_y)
    assert k["term"].tolist() == ["x", "y"]  # sorted by score


def test_log_odds_default_prior_mass_is_a_tenth_of_the_data(m):
    a = gt.keyness(m, "year == 2023", measure="log_odds")
    b = gt.keyness(m, "year == 2023", measure="log_odds", prior_mass=0.1 * 300)
    assert np.allclose(a["score"], b["score"])


def test_by_group_equals_separate_calls(sample, tok):
    nat = gt.dtm(sample.filter(level="national", year=[2019, 2020, 2021]), tok)
    long = gt.keyness(nat, by="year", measure="g2", top=5)
    assert list(long.columns[:2]) == ["year", "term"]  # the group column is named by `by`
    assert long["year"].tolist() == sorted(long["year"])
    assert sorted(set(long["year"])) == [2019, 2020, 2021]
    one = gt.keyness(nat, "year == 2020", measure="g2", top=5)
    got = long[long["year"] == 2020].drop(columns="year").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, one)


def test_known_answer_on_sample(sample, tok):
    nat = gt.dtm(sample.filter(level="national"), tok)
    for measure in ("log_odds", "chi2", "g2"):
        top = gt.keyness(nat, "year == 2020", "year == 2019", measure)["term"].head(10)
        assert any("疫情" in t for t in top), measure


def test_errors(m):
    with pytest.raises(InputError, match="measure"):
        gt.keyness(m, "year == 2023", measure="tfidf")
    with pytest.raises(InputError, match="selects no report"):
        gt.keyness(m, "year == 1999")
    with pytest.raises(InputError, match="target"):
        gt.keyness(m)
    with pytest.raises(InputError, match="no metadata column"):
        gt.keyness(m, by="region")
