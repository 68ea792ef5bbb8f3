"""What keeps ``govtext report`` linear in the number of reports (issue 17).

* :func:`govtext.stats.similarity.neighbours` and :func:`group_similarity` give what the
  full ``n × n`` matrix gives (nearest reports, mean similarity between groups) without it;
* the similarity section above ``MAX_MATRIX_REPORTS`` writes neighbours and group means,
  never the full matrix, with the same group means as below;
* the explorer's compact document (above ``MAX_FULL_DOCS`` reports) gives the same rates
  by year and level and the same most-using reports as the full one, and stays within
  ``MAX_PAIRS`` by raising the vocabulary floor.

The thresholds are lowered here so that a handful of reports takes the large-corpus paths.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import govtext as gt
from govtext.errors import InputError
from govtext.report.context import ReportContext
from govtext.report.sections import explorer as explorer_section
from govtext.report.sections import run_builder
from govtext.report.sections import similarity as similarity_section
from govtext.stats.similarity import group_similarity, neighbours, similarity

WORDS = [
    "乡村振兴", "营商环境", "科技创新", "数字经济", "生态环境", "产业园区", "集体经济",
    "现代农业", "民生保障", "城市更新", "对外开放", "乡村治理",
]  # fmt: skip


def synthetic_corpus(n: int = 12, seed: int = 0) -> gt.Corpus:
    """``n`` small reports over four years and two levels, words drawn unevenly."""
    rng = np.random.default_rng(seed)
    reports = []
    for i in range(n):
        year = 2020 + i % 4
        level = "county" if i % 3 else "city"
        p = rng.dirichlet(np.full(len(WORDS), 0.5))
        words = rng.choice(WORDS, size=int(rng.integers(8, 30)), p=p)
        text = "各位代表：" + "。".join(f"全面推进{w}" for w in words) + "。"
        name = f"{year}_{level}_地区{i:02d}"
        meta = {"year": year, "level": level, "region": f"地区{i:02d}"}
        reports.append(gt.Report.from_text(text, name=name, meta=meta))
    return gt.Corpus(reports)


@pytest.fixture(scope="module")
def corpus() -> gt.Corpus:
    return synthetic_corpus()


@pytest.fixture(scope="module")
def matrix(corpus):
    return gt.dtm(corpus)


def make_context(corpus: gt.Corpus, out) -> ReportContext:
    out.mkdir(parents=True, exist_ok=True)
    return ReportContext.create(
        corpus, out, by="year", tokenizer=None, top=5, n_topics=None, max_groups=12,
        random_state=0,
    )  # fmt: skip


@pytest.mark.parametrize("dense_terms", [0, 3, 2048])  # all sparse, split, all dense
def test_neighbours_are_the_top_of_the_full_matrix(matrix, dense_terms, monkeypatch):
    import govtext.stats.similarity as similarity_module

    monkeypatch.setattr(similarity_module, "DENSE_TERMS", dense_terms)
    full = similarity(matrix)
    got = neighbours(matrix, k=3, block=5)  # blocks smaller than the corpus
    assert len(got) == 3 * len(full)
    for name, rows in got.groupby("report", sort=False):
        s = full[name].drop(index=name)
        want = sorted(s.index, key=lambda d: (-round(s[d], 9), d))[:3]
        assert rows["neighbour"].tolist() == want
        assert rows["rank"].tolist() == [1, 2, 3]
        assert np.allclose(rows["similarity"], s.loc[want].to_numpy(), atol=1e-9)
    assert (got["report"] != got["neighbour"]).all()


def test_neighbours_of_a_tiny_corpus_and_bad_arguments(matrix):
    two = gt.dtm(gt.corpus_from_texts(["乡村振兴 营商环境", "乡村振兴"]))
    assert neighbours(two, k=5)["neighbour"].tolist() == ["doc1", "doc0"]
    with pytest.raises(InputError, match="k must be"):
        neighbours(matrix, k=0)
    with pytest.raises(InputError, match="block must be"):
        neighbours(matrix, block=0)


def test_group_similarity_is_the_mean_of_the_blocks(matrix):
    full = similarity(matrix).to_numpy()
    groups = [[0, 4, 8], [1, 5], [2], [3, 7, 11, 6]]
    got = group_similarity(matrix, groups)
    for a, ga in enumerate(groups):
        for b, gb in enumerate(groups):
            if a == b:
                pairs = [full[i, j] for i in ga for j in ga if i != j]
                want = np.mean(pairs) if pairs else np.nan
            else:
                want = full[np.ix_(ga, gb)].mean()
            assert got[a, b] == pytest.approx(want, abs=1e-9, nan_ok=True)
    with pytest.raises(InputError, match="row 99"):
        group_similarity(matrix, [[0, 99]])


def test_similarity_section_above_the_matrix_limit(tmp_path, corpus, monkeypatch):
    small = make_context(corpus, tmp_path / "small")
    monkeypatch.setattr(similarity_section, "MAX_SIMILARITY_LABELS", 2)
    assert run_builder("similarity", similarity_section.build_similarity, small).status == "ok"
    monkeypatch.setattr(similarity_section, "MAX_MATRIX_REPORTS", 5)
    big = make_context(corpus, tmp_path / "big")
    sec = run_builder("similarity", similarity_section.build_similarity, big)
    assert sec.status == "ok"
    data = tmp_path / "big" / "data"
    assert not (data / "similarity.csv").exists()  # never the n × n matrix
    near = pd.read_csv(data / "similarity_neighbours.csv")
    assert list(near.columns) == ["report", "rank", "neighbour", "similarity"]
    assert len(near) == similarity_section.NEIGHBOURS * len(corpus)
    # the same group means as the full-matrix path
    want = pd.read_csv(tmp_path / "small" / "data" / "similarity_by_year.csv", index_col=0)
    got = pd.read_csv(data / "similarity_by_year.csv", index_col=0)
    assert np.allclose(got.to_numpy(), want.to_numpy(), atol=1e-5, equal_nan=True)
    # the page's table: the most similar pairs, each once, most similar first
    table = next(b for b in sec.blocks if b.kind == "table")
    cos = [float(r[2]) for r in table.rows]
    assert cos == sorted(cos, reverse=True) and cos[0] == pytest.approx(
        near.similarity.max(), abs=1e-3
    )
    pairs = [frozenset(r[:2]) for r in table.rows]
    assert len(set(pairs)) == len(pairs)
    assert "data/similarity_neighbours.csv" in sec.files


def both_documents(corpus, matrix, monkeypatch, top_docs=3):
    links = [f"texts/r{i}.html" for i in range(len(corpus))]
    full = explorer_section.explorer_data(corpus, matrix, links, min_count=1)
    monkeypatch.setattr(explorer_section, "TOP_DOCS", top_docs)
    compact = explorer_section.explorer_data(corpus, matrix, links, min_count=1, max_full_docs=5)
    return full, compact


def top_reports(data, term, k):
    """The page's list: reports by rate, then count, then position (as explorer.js)."""
    terms = data["terms"].split("\t")
    pairs = data["counts"][terms.index(term)]
    rows = []
    for d, c in zip(pairs[::2], pairs[1::2]):
        tokens = data["docs"][d][3]
        rows.append((-(c / tokens * data["per"] if tokens else 0.0), -c, d))
    return [d for _, _, d in sorted(rows)][:k]


def test_compact_explorer_gives_the_same_rates_and_top_reports(corpus, matrix, monkeypatch):
    full, compact = both_documents(corpus, matrix, monkeypatch)
    n = len(corpus)
    assert compact["n_docs"] == n and compact["docs"][:n] == full["docs"]
    assert compact["terms"] == full["terms"] and "n_docs" not in full
    groups = compact["docs"][n:]
    assert groups and all(g[3] == 0 and g[4] == "" for g in groups)
    # per term: at most TOP_DOCS reports of its own, the rest in group entries
    assert all(sum(d < n for d in c[::2]) <= 3 for c in compact["counts"])
    assert any(d >= n for c in compact["counts"] for d in c[::2])
    for i, term in enumerate(full["terms"].split("\t")):
        for by in ("year", "level"):
            pd.testing.assert_frame_equal(
                explorer_section.term_rates(compact, term, by),
                explorer_section.term_rates(full, term, by),
            )
        assert top_reports(compact, term, 3) == top_reports(full, term, 3)
        assert compact["df"][i] == len(full["counts"][i]) // 2
        docs = compact["counts"][i][::2]
        assert docs == sorted(docs)  # ascending, group entries last
    links = explorer_section.explorer_links(json.dumps(compact, ensure_ascii=False))
    assert links == [x for i in range(n) for x in (f"texts/r{i}.html", f"texts/r{i}.js")]


def test_compact_explorer_raises_the_floor_to_fit(corpus, matrix, monkeypatch):
    full, _ = both_documents(corpus, matrix, monkeypatch)
    monkeypatch.setattr(explorer_section, "MAX_PAIRS", 20)
    _, compact = both_documents(corpus, matrix, monkeypatch)
    assert sum(len(c) // 2 for c in compact["counts"]) <= 20
    totals = dict(
        zip(full["terms"].split("\t"), (sum(c[1::2]) for c in full["counts"]), strict=True)
    )
    kept = compact["terms"].split("\t")
    floor = compact["min_count"]
    assert 1 < floor and kept
    assert all(totals[t] >= floor for t in kept)
    assert all(totals[t] < floor for t in totals if t not in kept)


def test_similarity_groups_stay_bounded_by_region(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(similarity_section, "MAX_MATRIX_REPORTS", 5)
    monkeypatch.setattr(similarity_section, "MAX_SIMILARITY_LABELS", 3)
    tmp_path.mkdir(exist_ok=True)
    ctx = ReportContext.create(
        corpus, tmp_path, by="region", tokenizer=None, top=5, n_topics=None, max_groups=12,
        random_state=0,
    )  # fmt: skip
    sec = run_builder("similarity", similarity_section.build_similarity, ctx)
    assert sec.status == "ok"
    grouped = pd.read_csv(tmp_path / "data" / "similarity_by_region.csv", index_col=0)
    assert grouped.shape == (5, 5)  # 12 regions: the 5 largest in the CSV
    figure = next(b for b in sec.blocks if b.kind == "figure")
    assert "3 of the 5 groups" in figure.caption and "5 largest of the 12 groups" in figure.caption
