"""Default graph nodes: a report's policy terms, not its own region (issue 14, point 3)."""

from __future__ import annotations

import pytest

import govtext as gt
from govtext.errors import InputError
from govtext.network.selection import MIN_TERMS, left_out, own_region, select_terms, typed_mask
from govtext.stats.keywords import genre_generic

YIXIAN = "2022_county_河北省保定市易县"
OWN = {"易县", "保定", "保定市", "河北", "河北省"}


@pytest.fixture(scope="module")
def yixian(sample):
    return sample[YIXIAN]


def test_own_region_and_parents_are_left_out_by_default(yixian, tok):
    kept = gt.cooccurrence_graph(yixian, tokenizer=tok, keep_region=True)
    assert set(kept.nodes) & OWN  # the option keeps them: they are key words of the report
    G = gt.cooccurrence_graph(yixian, tokenizer=tok)
    nodes = set(G.nodes)
    assert not nodes & OWN
    assert not any(n.startswith(("易县", "保定市", "河北省")) and n.endswith("政府") for n in nodes)
    assert 20 <= len(nodes) <= 60
    assert len(nodes & genre_generic(100)) <= 2
    # every node is a term (lexicon or term type): this report has more than enough
    assert typed_mask(list(nodes), tok).all()


def test_own_region_holds_the_path_not_the_subdivisions():
    parts = own_region("河北省保定市涞源县", "county")
    assert {"涞源", "涞源县", "保定", "保定市", "河北", "河北省"} <= parts
    assert "银坊镇" not in parts and "易县" not in parts  # a town of it, a neighbour
    assert own_region("") == own_region(float("nan")) == frozenset()


def test_left_out_region_organs_and_places_of_several_reports(sample, tok):
    one = sample[YIXIAN]
    vocab = ["易县", "易县人民政府", "保定市委", "乡村振兴", "阜平", "县委"]
    assert left_out(one, vocab, tok) == {"易县", "易县人民政府", "保定市委"}
    # texts carry no region: nothing is left out
    assert left_out("易县推进乡村振兴。", vocab, tok) == frozenset()
    # several reports: every place name too (阜平 is a county of the gazetteer)
    several = sample.filter(region="河北省保定市顺平县")
    out = left_out(several, vocab + ["顺平县"], tok)
    assert {"顺平县", "阜平", "易县"} <= out and "乡村振兴" not in out and "县委" not in out
    assert "阜平" not in left_out(several, vocab, tok, several=False)


def test_group_graphs_leave_place_names_out(sample, tok):
    c = sample.filter(level="county")
    places = lambda g: [n for n, k in zip(g.nodes, tok.types(list(g.nodes))) if k == "place"]  # noqa: E731
    gs = gt.graphs_by(c, "year", tokenizer=tok, top=40)
    assert all(not places(g) for g in gs.values())
    kept = gt.graphs_by(c, "year", tokenizer=tok, top=40, keep_region=True)
    assert any(places(g) for g in kept.values())  # the counties themselves are key words
    # the corpus graph too
    assert not places(gt.cooccurrence_graph(c, tokenizer=tok))


def test_min_count_default_is_one_for_a_single_report(yixian, tok):
    G = gt.cooccurrence_graph(yixian, tokenizer=tok)
    counts = [d["count"] for *_, d in G.edges(data=True)]
    assert min(counts) == 1
    G2 = gt.cooccurrence_graph(yixian, tokenizer=tok, min_count=2)
    assert min(d["count"] for *_, d in G2.edges(data=True)) == 2
    assert G2.number_of_nodes() < G.number_of_nodes()
    # token lists: each is a document of its own, the default stays 2
    windows = [["甲乙", "丙丁"], ["甲乙", "丙丁"], ["甲乙", "戊己"]]
    g = gt.cooccurrence_graph(windows, select_by="frequency")
    assert set(g.edges) == {("甲乙", "丙丁")}
    with pytest.raises(InputError, match="min_count"):
        gt.cooccurrence_graph(windows, min_count=0)


def test_plain_words_only_fill_a_small_graph():
    windows = [["数字经济", "营商环境", "面对", "桃木"]] * 3 + [["数字经济", "乡村振兴"]] * 2
    c = gt.cooccurrence(windows)
    chosen = select_terms(c, 10)
    terms = [t for t, ok in zip(chosen, typed_mask(chosen)) if ok]
    assert chosen[: len(terms)] == terms  # terms first
    assert "营商环境" in chosen and len(chosen) <= MIN_TERMS
    assert "数字经济" not in select_terms(c, 10, drop={"数字经济"})
