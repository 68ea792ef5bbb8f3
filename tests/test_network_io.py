"""Graph writers (govtext.readwrite.graphs), the token hub as network input, layering."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import govtext as gt
from govtext.network.communities import PALETTE, community_colour
from govtext.readwrite.graphs import (
    to_gexf,
    to_graphml,
    to_json,
    write_gexf,
    write_graphml,
    write_json,
)


@pytest.fixture(scope="module")
def graph():
    corpus = gt.datasets.load_sample()
    return gt.cooccurrence_graph(corpus["2023_township_天津市津南区北闸口镇"])


def test_text_forms_are_the_written_bytes(graph, tmp_path):
    for text, write, ext in (
        (to_gexf, write_gexf, "gexf"),
        (to_graphml, write_graphml, "graphml"),
        (to_json, write_json, "json"),
    ):
        path = write(graph, tmp_path / f"g.{ext}")
        assert path.read_bytes() == text(graph).encode("utf-8"), ext


def test_gexf_colours_are_the_community_colours(graph, tmp_path):
    g = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    for n, d in graph.nodes(data=True):
        c = g.nodes[n]["viz"]["color"]
        assert "#{:02x}{:02x}{:02x}".format(c["r"], c["g"], c["b"]) == community_colour(
            d["community"]
        )
    assert community_colour(len(PALETTE)) == PALETTE[0] and community_colour(-1) == "#999999"


def test_json_round_trips_every_attribute(graph):
    data = json.loads(to_json(graph))
    back = nx.node_link_graph(data, edges="links")
    assert sorted(back.nodes) == sorted(graph.nodes)
    for u, v, d in graph.edges(data=True):
        assert back.edges[u, v]["weight"] == pytest.approx(d["weight"])
        assert back.edges[u, v]["count"] == d["count"]


def test_network_and_top_level_names_come_from_the_split_modules():
    import govtext.network.graph as graph_module

    assert not hasattr(graph_module, "write_gexf")  # no re-export of drawing/export
    assert gt.write_gexf is write_gexf
    assert gt.cooccurrence.__module__ == "govtext.network.cooccurrence"
    assert gt.disparity_filter.__module__ == "govtext.network.backbone"
    assert gt.compare_graphs.__module__ == "govtext.network.compare"


def test_a_token_hub_gives_the_same_counts_and_graphs_as_the_corpus():
    from govtext.features.hub import TokenizedCorpus

    corpus = gt.datasets.load_sample().filter(region="河北省保定市顺平县")
    tok = gt.PolicyTokenizer()
    hub = TokenizedCorpus(corpus, tok)
    for window in ("sentence", "paragraph", "report"):
        a = gt.cooccurrence(corpus, tokenizer=tok, window=window)
        b = gt.cooccurrence(hub, window=window)
        assert a.vocab == b.vocab and (a.matrix != b.matrix).nnz == 0
        assert a.doc_freq.tolist() == b.doc_freq.tolist() and a.n_docs == b.n_docs
    ga = gt.graphs_by(corpus, "year", tokenizer=tok)
    gb = gt.graphs_by(hub, "year")
    assert list(ga) == list(gb)
    for y in ga:
        assert list(ga[y].edges(data=True)) == list(gb[y].edges(data=True))


def test_windows_are_the_segmenter_sentences():
    from govtext.network.windows import split_windows
    from govtext.text.segment import group_pieces

    tok = gt.PolicyTokenizer()
    text = gt.datasets.load_sample()[0].text
    pieces = tok.cut(text)
    got = split_windows(pieces, "sentence", tok)
    want = [w for w in (tok.filter(g) for g in group_pieces(pieces, "sentence")) if w]
    assert got == want and len(got) > 50
