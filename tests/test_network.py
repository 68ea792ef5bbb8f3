"""Co-occurrence counts, association measures, disparity filter, graphs and comparison."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
from govtext.errors import InputError
from govtext.network.association import association
from govtext.network.backbone import disparity_filter
from govtext.network.layout import layout
from govtext.network.windows import split_windows

# ----------------------------------------------------------------- naive references


def naive_window_counts(windows):
    """Reference: Counter over sorted pairs of each window's distinct terms (+ diagonal)."""
    pairs = Counter()
    single = Counter()
    for w in windows:
        terms = sorted(set(w))
        single.update(terms)
        pairs.update(itertools.combinations(terms, 2))
    return single, pairs


def naive_distance_counts(windows, k):
    pairs = Counter()
    freq = Counter()
    for w in windows:
        freq.update(w)
        for i in range(len(w)):
            for j in range(i + 1, min(i + k + 1, len(w))):
                if w[i] != w[j]:
                    pairs[tuple(sorted((w[i], w[j])))] += 1
    return freq, pairs


tokens = st.sampled_from(["乡村振兴", "产业", "人才", "生态", "a", "b", "c", "d", "e"])
windows_st = st.lists(st.lists(tokens, min_size=0, max_size=12), min_size=0, max_size=25)


# -------------------------------------------------------------- acceptance 1: exact
@settings(max_examples=150, deadline=None)
@given(windows_st)
def test_cooccurrence_equals_naive_count(windows):
    c = gt.cooccurrence(windows)
    single, pairs = naive_window_counts(windows)
    assert c.vocab == sorted(single)
    assert c.n_windows == len(windows)
    M = c.matrix.toarray()
    assert (M == M.T).all()
    for i, a in enumerate(c.vocab):
        assert M[i, i] == single[a]
        for j in range(i + 1, len(c.vocab)):
            assert M[i, j] == pairs.get((a, c.vocab[j]), 0)
    assert c.frequency.tolist() == [sum(w.count(t) for w in windows) for t in c.vocab]


@settings(max_examples=100, deadline=None)
@given(windows_st, st.sets(tokens, max_size=6), st.integers(1, 4))
def test_cooccurrence_vocab_and_min_count_equal_naive(windows, vocab, min_count):
    vocab = sorted(vocab)
    c = gt.cooccurrence(windows, vocab=vocab, min_count=min_count)
    single, pairs = naive_window_counts([[t for t in w if t in vocab] for w in windows])
    # a given vocabulary fixes the columns: min_count=1 keeps absent terms as zero rows
    kept = [t for t in vocab if single[t] >= min_count or min_count == 1]
    assert c.vocab == kept
    M = c.matrix.toarray()
    for i, a in enumerate(kept):
        assert M[i, i] == single[a]
        for j, b in enumerate(kept):
            if i < j:
                assert M[i, j] == M[j, i] == pairs.get((a, b), 0)


@settings(max_examples=100, deadline=None)
@given(windows_st, st.integers(1, 5))
def test_sliding_window_equals_naive_pairs(windows, k):
    c = gt.cooccurrence(windows, distance=k)
    freq, pairs = naive_distance_counts(windows, k)
    M = c.matrix.toarray()
    assert c.n_windows == sum(len(w) for w in windows)
    assert (M == M.T).all()
    for i, a in enumerate(c.vocab):
        assert M[i, i] == freq[a]
        for j in range(i + 1, len(c.vocab)):
            assert M[i, j] == pairs.get((a, c.vocab[j]), 0)


def test_sliding_window_hand_example():
    # a b c a, distance 1: pairs (a,b) (b,c) (c,a); distance 2 adds (a,c) and (b,a)
    c1 = gt.cooccurrence([["a", "b", "c", "a"]], distance=1)
    assert (c1.count("a", "b"), c1.count("b", "c"), c1.count("a", "c")) == (1, 1, 1)
    c2 = gt.cooccurrence([["a", "b", "c", "a"]], distance=2)
    assert (c2.count("a", "b"), c2.count("b", "c"), c2.count("a", "c")) == (2, 1, 2)
    assert c2.count("a", "a") == 2  # diagonal = token count
    # never across windows
    c3 = gt.cooccurrence([["a", "b"], ["c", "d"]], distance=3)
    assert c3.count("b", "c") == 0


def test_matrix_is_sparse_int_and_sorted():
    c = gt.cooccurrence([["b", "a"], ["c"]])
    import scipy.sparse as sp

    assert sp.issparse(c.matrix) and np.issubdtype(c.matrix.dtype, np.integer)
    assert c.vocab == ["a", "b", "c"]
    assert c.pairs().values.tolist() == [["a", "b", 1]]


# ----------------------------------------------------------- acceptance 3: measures
# Five windows: {a,b} {a,c} {a,b} {d} {b,c}; N = 5.
# Window counts n_a = 3, n_b = 3, n_c = 2, n_d = 1; pairs a_ab = 2, a_ac = 1, a_bc = 1.
HAND = [["a", "b"], ["a", "c"], ["a", "b"], ["d"], ["b", "c"]]


@pytest.fixture(scope="module")
def hand():
    c = gt.cooccurrence(HAND)
    assert c.vocab == ["a", "b", "c", "d"]
    return c


def val(m, i, j):
    return float(m.toarray()[i, j])


def test_count(hand):
    m = association(hand, "count")
    assert val(m, 0, 1) == 2 and val(m, 0, 2) == 1 and val(m, 1, 2) == 1
    assert val(m, 0, 0) == 0  # diagonal left empty
    assert val(m, 0, 3) == 0


def test_pmi(hand):
    m = association(hand, "pmi")
    # ln(a·N / (n_a·n_b)) = ln(2·5 / (3·3)) = ln(10/9) = 0.10536
    assert val(m, 0, 1) == pytest.approx(0.1053605157)
    # a,c: ln(1·5 / (3·2)) = ln(5/6) = -0.18232
    assert val(m, 0, 2) == pytest.approx(-0.1823215568)


def test_npmi(hand):
    m = association(hand, "npmi")
    # ln(10/9) / -ln(2/5) = 0.1053605 / 0.9162907 = 0.1149859
    assert val(m, 0, 1) == pytest.approx(0.1149859, abs=1e-7)
    # b,c: ln(1·5/(3·2)) / -ln(1/5) = -0.1823216 / 1.6094379 = -0.1132827
    assert val(m, 1, 2) == pytest.approx(-0.1132827, abs=1e-7)
    # a pair in every window has NPMI 1
    assert val(association(gt.cooccurrence([["x", "y"], ["x", "y"]]), "npmi"), 0, 1) == 1.0


def test_jaccard_dice(hand):
    j = association(hand, "jaccard")
    d = association(hand, "dice")
    assert val(j, 0, 1) == pytest.approx(2 / (3 + 3 - 2))  # 0.5
    assert val(j, 0, 2) == pytest.approx(1 / (3 + 2 - 1))  # 0.25
    assert val(d, 0, 1) == pytest.approx(2 * 2 / (3 + 3))  # 0.6667
    assert val(d, 1, 2) == pytest.approx(2 * 1 / (3 + 2))  # 0.4


def test_conditional(hand):
    m = association(hand, "conditional")
    assert val(m, 0, 1) == pytest.approx(2 / 3)  # P(b | a) = a_ab / n_a
    assert val(m, 0, 2) == pytest.approx(1 / 3)  # P(c | a) = 1 / 3
    assert val(m, 2, 0) == pytest.approx(1 / 2)  # P(a | c) = 1 / 2: not symmetric


def test_g2(hand):
    m = association(hand, "g2")
    # a,b: O = [[2, 1], [1, 1]], rows (3, 2), columns (3, 2), N = 5
    # E = [[1.8, 1.2], [1.2, 0.8]]
    # G² = 2·(2 ln(2/1.8) + ln(1/1.2) + ln(1/1.2) + ln(1/0.8))
    #    = 2·(0.2107210 - 0.1823216 - 0.1823216 + 0.2231436) = 2·0.0692215 = 0.138443
    expect = 2 * (2 * math.log(2 / 1.8) + 2 * math.log(1 / 1.2) + math.log(1 / 0.8))
    assert expect == pytest.approx(0.138443, abs=1e-6)
    assert val(m, 0, 1) == pytest.approx(expect)
    # cross-check every pair against scipy's log-likelihood statistic
    from scipy.stats import chi2_contingency

    M = hand.matrix.toarray()
    for i, k in [(0, 1), (0, 2), (1, 2)]:
        a, ni, nk = M[i, k], M[i, i], M[k, k]
        table = np.array([[a, ni - a], [nk - a, 5 - ni - nk + a]])
        g, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert val(m, i, k) == pytest.approx(g)


def test_measures_are_symmetric_except_conditional(hand):
    for measure in ("count", "pmi", "npmi", "jaccard", "dice", "g2"):
        A = association(hand, measure).toarray()
        assert np.allclose(A, A.T), measure


def test_bad_measure(hand):
    with pytest.raises(InputError, match="measure"):
        association(hand, "cosine")


# -------------------------------------------------------- acceptance 3: disparity
def disparity_example():
    # strengths: a = 10+1+1 = 12, b = 10+1 = 11, c = 1+1 = 2, d = 1
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 10), ("a", "c", 1), ("a", "d", 1), ("b", "c", 1)])
    return G


def test_disparity_filter_hand_computed():
    G = disparity_example()
    # a-b: from a (1 - 10/12)^(3-1) = 1/36 = 0.0278; from b (1 - 10/11)^(2-1) = 0.0909
    # a-c: from a (1 - 1/12)^2 = 0.8403;         from c (1 - 1/2)^1 = 0.5
    # a-d: from a 0.8403;                         from d degree 1 -> 1
    # b-c: from b (1 - 1/11)^1 = 0.9091;          from c (1 - 1/2)^1 = 0.5
    expect = {("a", "b"): 1 / 36, ("a", "c"): 0.5, ("a", "d"): (11 / 12) ** 2, ("b", "c"): 0.5}
    H = disparity_filter(G, alpha=1.0)
    got = {tuple(sorted((u, v))): d["alpha"] for u, v, d in H.edges(data=True)}
    assert got.keys() == expect.keys()
    for k, v in expect.items():
        assert got[k] == pytest.approx(v)
    assert sorted(disparity_filter(G, alpha=0.05).edges()) == [("a", "b")]
    assert sorted(map(sorted, disparity_filter(G, alpha=0.6).edges())) == [
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
    ]
    assert disparity_filter(G, alpha=0.05).number_of_nodes() == 4
    assert disparity_filter(G, alpha=0.05, keep_nodes=False).number_of_nodes() == 2


def test_disparity_filter_rejects_bad_weights():
    G = nx.Graph([("a", "b", {"weight": -1.0}), ("b", "c", {"weight": 1.0})])
    with pytest.raises(InputError, match="positive"):
        disparity_filter(G)
    with pytest.raises(InputError, match="alpha"):
        disparity_filter(disparity_example(), alpha=0)


# --------------------------------------------------------------- windows from text
def test_split_windows_on_pieces(tok):
    pieces = ["乡村振兴", "。", "营商环境", "！", "高质量发展", "？", "数字乡村", "；", "绿色发展",
              "\n", "生态环境", "，", "共同富裕"]  # fmt: skip
    s = split_windows(pieces, "sentence", tok)
    p = split_windows(pieces, "paragraph", tok)
    r = split_windows(pieces, "report", tok)
    assert len(s) == 6 and s[-1] == tok.filter(["生态环境", "共同富裕"])
    assert len(p) == 2
    assert len(r) == 1
    assert sum(map(len, s)) == sum(map(len, p)) == len(r[0])
    with pytest.raises(InputError, match="window"):
        split_windows(pieces, "page", tok)


def test_cooccurrence_of_texts_matches_manual_windows(tok):
    text = "推进乡村振兴，发展产业。乡村振兴要靠人才！\n生态环境持续改善"
    c = gt.cooccurrence(text, tokenizer=tok)
    manual = [
        tok.tokenize(s)
        for s in ["推进乡村振兴，发展产业。", "乡村振兴要靠人才！", "生态环境持续改善"]
    ]
    ref = gt.cooccurrence([w for w in manual if w])
    assert c.vocab == ref.vocab
    assert (c.matrix != ref.matrix).nnz == 0
    assert c.n_windows == 3
    cp = gt.cooccurrence(text, tokenizer=tok, window="paragraph")
    assert cp.n_windows == 2
    assert cp.count("乡村振兴", "人才") == 1


# ------------------------------------------------------------------------- graphs
@pytest.fixture(scope="module")
def township(sample):
    return sample["2023_township_天津市津南区北闸口镇"]


@pytest.fixture(scope="module")
def township_cooc(township, tok):
    return gt.cooccurrence(township, tokenizer=tok)


def test_graph_attributes_and_selection(township_cooc):
    G = gt.cooccurrence_graph(township_cooc, top=40, drop_isolates=False, min_count=2)
    top = township_cooc.top_terms(40, by="keyness")
    assert list(G.nodes()) == top  # selection first, in keyness order
    node_keys = {"label", "frequency", "window_count", "tfidf", "community", "degree", "strength",
                 "degree_centrality", "betweenness", "eigenvector", "x", "y"}  # fmt: skip
    for n, d in G.nodes(data=True):
        assert node_keys <= set(d)
        assert d["frequency"] == township_cooc.frequency[township_cooc.term_index[n]]
        assert d["degree"] == G.degree(n)
    for u, v, d in G.edges(data=True):
        assert d["count"] == township_cooc.count(u, v) >= 2
        a, b = township_cooc.window_count[
            [township_cooc.term_index[u], township_cooc.term_index[v]]
        ]
        assert d["weight"] == pytest.approx(d["count"] / (a + b - d["count"]))  # Jaccard
    # communities partition the nodes
    comms = {d["community"] for _, d in G.nodes(data=True)}
    assert comms == set(range(len(comms)))


def test_default_nodes_are_policy_terms_not_generic_words(sample, tok):
    from govtext.stats.keywords import genre_generic, keywords

    generic = genre_generic(100)
    report = sample["2020_national_中国"]
    G = gt.cooccurrence_graph(report, tokenizer=tok)
    nodes = set(G.nodes())
    assert 20 <= len(nodes) <= 60
    assert not nodes & generic  # 发展, 建设 ... never fill the graph
    assert "疫情防控" in nodes
    # terms first: plain words (疫情) only fill a graph of fewer than 20 terms
    from govtext.network.selection import MIN_TERMS, typed_mask

    assert "疫情" not in nodes and len(nodes) >= MIN_TERMS and typed_mask(list(nodes), tok).all()
    # the keyness order is the keywords' order (same scoring, the region kept)
    kw = keywords(report, top=10, tokenizer=tok, keep_region=True)["term"].tolist()
    cooc = gt.cooccurrence(report, tokenizer=tok)
    ranked = cooc.top_terms(60, by="keyness", tokenizer=tok)
    assert [t for t in kw if t in ranked][:5] == [t for t in ranked if t in kw][:5]
    # the most frequent words, on request
    freq = gt.cooccurrence_graph(cooc, select_by="frequency", drop_isolates=False)
    assert len(set(freq.nodes()) & generic) > 20
    with pytest.raises(InputError, match="keyness"):
        cooc.top_terms(5, by="pagerank")


def test_graphs_by_takes_each_groups_terms_in_turn(sample, tok):
    from govtext.stats.keywords import genre_generic

    c = gt.Corpus(r for r in sample.filter(level="national") if 2018 <= r.meta["year"] <= 2021)
    gs = gt.graphs_by(c, "year", tokenizer=tok, top=30)
    nodes = set(next(iter(gs.values())).nodes())
    assert len(nodes) == 30 and not nodes & genre_generic(100)
    assert {"疫情防控", "复工复产", "六保"} <= nodes  # 2020's own terms are among the shared ones
    assert all(set(g.nodes()) == nodes for g in gs.values())


def test_graph_options(township_cooc):
    G = gt.cooccurrence_graph(township_cooc, top=40, max_edges=10)
    assert G.number_of_edges() == 10
    w = sorted((d["weight"] for *_, d in G.edges(data=True)), reverse=True)
    full = gt.cooccurrence_graph(township_cooc, top=40)
    assert w == sorted((d["weight"] for *_, d in full.edges(data=True)), reverse=True)[:10]
    G = gt.cooccurrence_graph(township_cooc, top=40, min_weight=0.2)
    assert min(d["weight"] for *_, d in G.edges(data=True)) >= 0.2
    G = gt.cooccurrence_graph(township_cooc, top=40, measure="npmi", min_count=1)
    assert all(d["weight"] > 0 for *_, d in G.edges(data=True))  # attracting pairs only
    terms = township_cooc.top_terms(5)
    G = gt.cooccurrence_graph(township_cooc, terms=terms + ["不存在的词"], drop_isolates=False)
    assert list(G.nodes()) == terms
    with pytest.raises(InputError, match="measure"):
        gt.cooccurrence_graph(township_cooc, measure="cosine")
    with pytest.raises(InputError, match="backbone"):
        gt.cooccurrence_graph(township_cooc, backbone="mst")


def test_graph_backbone_is_disparity_filter(township_cooc):
    plain = gt.cooccurrence_graph(township_cooc, top=60, measure="count", min_count=1,
                                  drop_isolates=False)  # fmt: skip
    bb = gt.cooccurrence_graph(township_cooc, top=60, measure="count", min_count=1,
                               backbone="disparity", alpha=0.3, drop_isolates=False)  # fmt: skip
    ref = disparity_filter(plain, alpha=0.3)
    assert 0 < bb.number_of_edges() < plain.number_of_edges()
    assert set(map(frozenset, bb.edges())) == set(map(frozenset, ref.edges()))


# --------------------------------------------------------- acceptance 4: determinism
def test_same_inputs_and_seed_give_identical_graph(township, tok, tmp_path):
    from govtext.readwrite.graphs import write_gexf, write_graphml, write_json
    from govtext.viz.network import draw_network

    # from text (the region kept: a Cooccurrence has no metadata to leave it out by)
    g1 = gt.cooccurrence_graph(township, tokenizer=tok, top=50, random_state=7, keep_region=True)
    g2 = gt.cooccurrence_graph(gt.cooccurrence(township, tokenizer=tok), top=50, random_state=7)
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))  # communities, x, y
    assert list(g1.edges(data=True)) == list(g2.edges(data=True))
    assert layout(g1, seed=3) == layout(g2, seed=3)
    for name, g in (("a", g1), ("b", g2)):
        write_gexf(g, tmp_path / f"{name}.gexf")
        write_graphml(g, tmp_path / f"{name}.graphml")
        write_json(g, tmp_path / f"{name}.json")
        draw_network(g, tmp_path / f"{name}.png")
    for ext in ("gexf", "graphml", "json", "png"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes(), ext
    # the seed matters for the layout
    g3 = gt.cooccurrence_graph(gt.cooccurrence(township, tokenizer=tok), top=50, random_state=8)
    assert [d["x"] for _, d in g3.nodes(data=True)] != [d["x"] for _, d in g1.nodes(data=True)]


def test_exports_round_trip(township_cooc, tmp_path):
    import json

    from govtext.readwrite.graphs import write_gexf, write_graphml, write_json

    G = gt.cooccurrence_graph(township_cooc, top=20)
    g = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert set(g.nodes()) == set(G.nodes()) and g.number_of_edges() == G.number_of_edges()
    assert g.nodes[next(iter(G))]["community"] == G.nodes[next(iter(G))]["community"]
    x = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert x.number_of_edges() == G.number_of_edges()
    assert "lastmodifieddate" not in (tmp_path / "g.gexf").read_text(encoding="utf-8")
    data = json.loads(write_json(G, tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["links"]) == G.number_of_edges()
    assert {"source", "target", "weight", "count"} <= set(data["links"][0])


# ------------------------------------------------------------- groups, comparison
@pytest.fixture(scope="module")
def shunping(sample):
    return sample.filter(region="河北省保定市顺平县")


@pytest.fixture(scope="module")
def shunping_graphs(shunping, tok):
    return gt.graphs_by(shunping, "year", tokenizer=tok, top=30)


def test_graphs_by_shared_vocabulary(shunping, shunping_graphs, tok):
    gs = shunping_graphs
    assert list(gs) == [2020, 2021, 2022, 2023, 2024]
    nodesets = {tuple(g.nodes()) for g in gs.values()}
    assert len(nodesets) == 1 and len(next(iter(nodesets))) == 30
    # each year's counts equal a co-occurrence of that year's report alone
    r2022 = shunping[shunping.meta["year"] == 2022]
    c = gt.cooccurrence(r2022, tokenizer=tok)
    for u, v, d in gs[2022].edges(data=True):
        assert d["count"] == c.count(u, v)
    with pytest.raises(InputError, match="no such metadata column"):
        gt.graphs_by(shunping, "colour")


def test_compare_graphs_hand_example():
    a = nx.Graph()
    a.add_edge("x", "y", weight=1.0)
    a.add_edge("y", "z", weight=2.0)
    a.add_edge("z", "w", weight=1.0)
    b = nx.Graph()
    b.add_edge("x", "y", weight=3.0)  # strengthened by 2
    b.add_edge("z", "w", weight=0.5)  # weakened by 0.5
    b.add_edge("x", "z", weight=1.0)  # gained; y-z lost
    cmp = gt.compare_graphs(a, b)
    st_ = dict(zip(zip(cmp.edges.source, cmp.edges.target), cmp.edges.status))
    assert st_ == {("x", "y"): "strengthened", ("w", "z"): "weakened", ("x", "z"): "gained",
                   ("y", "z"): "lost"}  # fmt: skip
    s = cmp.summary
    assert (s["gained"], s["lost"], s["strengthened"], s["weakened"]) == (1, 1, 1, 1)
    assert s["edge_jaccard"] == pytest.approx(2 / 4)  # {xy, zw} common of {xy, yz, zw, xz}
    assert s["density_1"] == pytest.approx(3 / 6) and s["density_2"] == pytest.approx(3 / 6)
    # degree (weighted, as no centrality attribute): a: y=3, z=3, x=1, w=1; b: x=4, y=3, z=1.5, w=.5
    nodes = cmp.nodes.set_index("term")
    assert nodes.loc["x", "rank_1"] == 3 and nodes.loc["x", "rank_2"] == 1
    assert nodes.loc["x", "rank_change"] == 2
    assert nodes.loc["z", "rank_change"] == 1 - 3


def test_compare_graphs_on_years(shunping_graphs):
    gs = shunping_graphs
    g1, g2 = gs[2020], gs[2024]
    cmp = gt.compare_graphs(g1, g2)
    e1 = set(map(frozenset, g1.edges()))
    e2 = set(map(frozenset, g2.edges()))
    gained = {
        frozenset(p)
        for p in cmp.edges.loc[cmp.edges.status == "gained", ["source", "target"]].values
    }
    lost = {
        frozenset(p) for p in cmp.edges.loc[cmp.edges.status == "lost", ["source", "target"]].values
    }
    assert gained == e2 - e1 and lost == e1 - e2
    assert cmp.summary["edge_jaccard"] == pytest.approx(len(e1 & e2) / len(e1 | e2))
    assert cmp.summary["node_jaccard"] == 1.0
    assert len(cmp.nodes) == 30
    assert "GraphComparison(" in repr(cmp)


# ---------------------------------------------------------------------------- CLI
def test_cli_graph(tmp_path, shunping, township, capsys):
    from govtext.cli.main import main

    src = tmp_path / "in"
    src.mkdir()
    for r in list(shunping)[:2]:
        (src / f"{r.name}.txt").write_text(r.text, encoding="utf-8")
    one = tmp_path / "town.txt"
    one.write_text(township.text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["graph", str(one), "-o", str(out), "--top", "25", "--graphml"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        ".govtext-output",
        "network.gexf",
        "network.graphml",
        "network.json",
        "network.png",
    ]
    assert main(["graph", str(src), "-o", str(out / "by"), "--top", "20", "--by", "year"]) == 0
    names = sorted(p.name for p in (out / "by").iterdir())
    assert "changes_county_2020_2021.csv" in names and "network_2021.png" in names
    assert main(["graph", str(tmp_path / "missing"), "-o", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["graph", str(src), "-o", str(out), "--top", "0"]) == 2


def test_cooccurrence_input_errors_and_edge_cases():
    with pytest.raises(InputError, match="not int"):
        gt.cooccurrence(5)
    with pytest.raises(InputError, match="str tokens"):
        gt.cooccurrence([[], [1, 2]])
    with pytest.raises(InputError, match="min_count"):
        gt.cooccurrence([["a"]], min_count=0)
    with pytest.raises(InputError, match="distance"):
        gt.cooccurrence([["a"]], distance=0)
    with pytest.raises(InputError, match="repeat"):
        gt.cooccurrence([["a"]], vocab=["a", "a"])
    with pytest.raises(InputError, match="window"):
        gt.cooccurrence("推进乡村振兴。", window="page")
    empty = gt.cooccurrence([])
    assert empty.matrix.shape == (0, 0) and empty.vocab == []
    with pytest.raises(InputError, match="no terms"):
        gt.cooccurrence_graph("的。了。")


HASHSEED_SCRIPT = r"""
import json, random, sys
import govtext as gt
rng = random.Random(0)
terms = ["乡村振兴", "产业", "人才", "生态", "文化", "组织", "营商环境", "高质量发展", "民生",
         "教育", "医疗", "养老", "就业", "交通", "水利", "安全", "改革", "开放", "创新", "数字"]
# three groups that never meet: the graph has several components
groups = [terms[:10], terms[10:17], terms[17:]]
windows = [rng.sample(g, rng.randint(2, min(5, len(g)))) for g in groups for _ in range(120)]
G = gt.cooccurrence_graph(windows, top=20, min_count=3, random_state=5)
print(json.dumps([list(G.nodes(data=True)), list(G.edges(data=True))], ensure_ascii=False))
"""


def test_graph_does_not_depend_on_the_string_hash_seed():
    # set iteration order of str changes with PYTHONHASHSEED; communities and layout must not
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", HASHSEED_SCRIPT], capture_output=True,
                              text=True, env=env, encoding="utf-8")  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == outs[2]
    nodes, edges = __import__("json").loads(outs[0])
    assert len({d["community"] for _, d in nodes}) > 1 and edges


def test_graphs_by_min_count_none_is_one_for_a_group_of_one_report():
    import govtext as gt

    c = gt.datasets.load_sample().filter(region="河北省保定市顺平县")  # one report a year
    auto = gt.graphs_by(c, "year", top=20, min_count=None)
    one = gt.graphs_by(c, "year", top=20, min_count=1)
    two = gt.graphs_by(c, "year", top=20, min_count=2)
    assert {k: sorted(g.edges) for k, g in auto.items()} == {
        k: sorted(g.edges) for k, g in one.items()
    }
    assert sum(g.number_of_edges() for g in one.values()) > sum(
        g.number_of_edges() for g in two.values()
    )
    with pytest.raises(gt.InputError, match="min_count"):
        gt.graphs_by(c, "year", top=20, min_count=0)


def test_spread_labels_removes_overlaps_deterministically():
    from govtext.network.layout import CHAR_WIDTH, LINE_HEIGHT, spread_labels

    labels = ["乡村振兴", "高质量发展", "营商环境", "新发展理念", "脱贫攻坚", "疫情防控"] * 4
    P = np.zeros((len(labels), 2)) + np.linspace(0, 0.01, len(labels))[:, None]
    Q = spread_labels(P, labels)
    half = np.array([CHAR_WIDTH * len(t) + 0.03 for t in labels]) / 2
    dx = np.abs(Q[:, 0][:, None] - Q[:, 0][None, :])
    dy = np.abs(Q[:, 1][:, None] - Q[:, 1][None, :])
    hit = (half[:, None] + half[None, :] - dx > 1e-6) & (LINE_HEIGHT - dy > 1e-6)
    np.fill_diagonal(hit, False)
    assert not hit.any()
    assert np.abs(Q).max() <= 1.0
    assert np.array_equal(Q, spread_labels(P, labels))
    assert np.array_equal(P[:, 0], np.linspace(0, 0.01, len(labels)))  # input untouched


def test_graphs_by_leaves_organisations_out(shunping_graphs, tok):
    nodes = list(next(iter(shunping_graphs.values())).nodes)
    assert "organisation" not in tok.types(nodes)
    # single-report years get the one-report rule (min_count=1), so they have links
    assert all(g.number_of_edges() > 0 for g in shunping_graphs.values())
