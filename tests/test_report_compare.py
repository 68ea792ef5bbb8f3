"""Comparisons of like with like (issue 15): networks, keyness and topics of the report.

Hand-made corpora where the point is a rule (which pairs, which labels, which lines), the
bundled sample where it is the page.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import govtext as gt
from govtext.network.compare import compare_graphs
from govtext.network.graph import graphs_by
from govtext.network.groups import (
    align_graphs,
    community_names,
    comparable_pairs,
    level_order,
    mean_graphs,
    pair_masks,
)
from govtext.report.context import ReportContext

# a paragraph whose terms co-occur in several sentences (links with min_count=2:
# 乡村振兴–产业, 营商环境–科技创新, 生态保护–绿色; 产业振兴 is cut 产业 振兴)
POLICY = (
    "推进乡村振兴和产业振兴。乡村振兴要靠产业振兴。营商环境和科技创新一起抓。"
    "营商环境优化，科技创新加快。乡村振兴带动营商环境。生态保护和绿色发展并重。"
    "生态保护促进绿色发展。"
)


def _corpus(names: list[str], texts: list[str] | None = None):
    texts = texts or [f"各位代表：{POLICY}" for _ in names]
    return gt.corpus_from_texts(texts, names=names)


def _ctx(corpus, tmp_path, by="year"):
    return ReportContext.create(
        corpus,
        tmp_path,
        by=by,
        tokenizer=None,
        top=10,
        n_topics=None,
        max_groups=12,
        random_state=0,
    )


# --------------------------------------------------------------- comparable pairs
def test_pairs_by_year_stay_within_a_level_and_name_the_skipped_years():
    meta = pd.DataFrame(
        {
            "year": [2021, 2022, 2022, 2022, 2026, 2023],
            "level": ["national", "national", "county", "county", "national", "county"],
        }
    )
    p = comparable_pairs(meta, "year")
    rows = p[["held", "value", "from", "to", "gap", "n_from", "n_to"]].values.tolist()
    assert rows == [
        ["level", "county", 2022, 2023, "", 2, 1],
        ["level", "national", 2021, 2022, "", 1, 1],
        ["level", "national", 2022, 2026, "2023–2025", 1, 1],
    ]
    # never a county year against a national year
    for _, row in p.iterrows():
        a, b = pair_masks(meta, row)
        assert set(meta.level[a]) == set(meta.level[b]) == {row["value"]}


def test_pairs_by_level_follow_the_administrative_order():
    levels = ["province", "city", "national", "county", "township", "district", "county"]
    meta = pd.DataFrame({"level": levels, "year": [2022] * len(levels)})
    p = comparable_pairs(meta, "level")
    assert list(zip(p["from"], p["to"])) == [
        ("township", "county"),
        ("county", "district"),
        ("district", "city"),
        ("city", "province"),
        ("province", "national"),
    ]
    assert level_order(["national", "city", "town hall"]) == ["city", "national", "town hall"]


def test_pairs_by_region_are_the_years_of_each_region():
    meta = pd.DataFrame(
        {"region": ["甲县", "乙县", "甲县", "甲县"], "year": [2020, 2020, 2021, 2024]}
    )
    p = comparable_pairs(meta, "region")
    assert p[["value", "from", "to", "gap"]].values.tolist() == [
        ["甲县", 2020, 2021, ""],
        ["甲县", 2021, 2024, "2022–2023"],
    ]
    # other columns: consecutive values in natural order; a missing column: no pair
    other = comparable_pairs(pd.DataFrame({"speaker": ["乙", "甲", "乙"]}), "speaker")
    assert other[["from", "to"]].values.tolist() == [["乙", "甲"]]
    assert comparable_pairs(meta, "speaker").empty


# ----------------------------------------------------------------- mean graphs
def test_a_group_of_copies_is_the_graph_of_one_report_not_a_denser_one():
    """The old pooled graphs gained links with every report added; the mean does not."""
    one = "各位代表：乡村振兴带动产业振兴。营商环境。科技创新。乡村振兴。"
    # each report has each of the 2 pairs once: pooled over 3 reports they reach 3 >= 2
    other = "各位代表：营商环境和科技创新。乡村振兴带动产业振兴。"
    names = ["2020_county_甲县", "2021_county_甲县", "2021_county_乙县", "2021_county_丙县"]
    c = _corpus(names, [one, other, other, other])
    terms = ["乡村振兴", "产业", "营商环境", "科技创新"]
    pooled = graphs_by(c, "year", terms=terms, min_count=2)
    assert pooled[2021].number_of_edges() > 0  # 3 reports x 1 co-occurrence
    mean = mean_graphs(c, {"one": [False, True, False, False], "three": [1, 2, 3]}, terms)
    assert mean["one"].number_of_edges() == mean["three"].number_of_edges() == 0
    twice = "各位代表：乡村振兴带动产业振兴。乡村振兴和产业振兴。营商环境。"
    c2 = _corpus(["2020_county_甲县", "2021_county_乙县", "2021_county_丙县"], [twice] * 3)
    m2 = mean_graphs(c2, {"one": [0], "two": [1, 2]}, terms)
    e1, e2 = m2["one"].edges(data=True), m2["two"].edges(data=True)
    assert [(u, v, d["weight"]) for u, v, d in e1] == [(u, v, d["weight"]) for u, v, d in e2]
    assert m2["two"]["乡村振兴"]["产业"]["reports"] == 2
    assert m2["one"].graph["reports"] == 1 and m2["two"].graph["reports"] == 2
    cmp = compare_graphs(m2["one"], m2["two"])
    assert cmp.summary[["gained", "lost", "strengthened", "weakened"]].sum() == 0


def test_mean_graph_weights_average_over_reports_and_links_are_capped():
    c = _corpus(
        ["2020_county_甲县", "2021_county_乙县"], [f"各位代表：{POLICY}", "各位代表：你好。"]
    )
    terms = ["乡村振兴", "产业", "营商环境", "科技创新", "生态保护", "绿色"]
    m = mean_graphs(c, {"a": [0], "ab": [0, 1]}, terms, max_edges=None)
    for u, v, d in m["a"].edges(data=True):
        assert m["ab"][u][v]["weight"] == pytest.approx(d["weight"] / 2)
    capped = mean_graphs(c, {"a": [0]}, terms, max_edges=2)["a"]
    assert capped.number_of_edges() == 2 and set(capped.nodes) == set(terms)
    strongest = sorted((d["weight"] for *_, d in m["a"].edges(data=True)), reverse=True)[:2]
    assert sorted((d["weight"] for *_, d in capped.edges(data=True)), reverse=True) == strongest


# ------------------------------------------------------------ one map, named colours
def test_align_graphs_gives_every_term_one_place_and_one_colour():
    import networkx as nx

    a = nx.Graph([("乡村振兴", "产业", {"weight": 1.0}), ("产业", "人才", {"weight": 0.5})])
    b = nx.Graph([("营商环境", "科技创新", {"weight": 0.8}), ("乡村振兴", "产业", {"weight": 0.2})])
    U = align_graphs({"a": a, "b": b}, random_state=3)
    assert U["乡村振兴"]["产业"]["weight"] == pytest.approx(0.6)
    assert U["营商环境"]["科技创新"]["weight"] == pytest.approx(0.4)
    for n in ("乡村振兴", "产业"):
        assert (a.nodes[n]["x"], a.nodes[n]["y"]) == (b.nodes[n]["x"], b.nodes[n]["y"])
        assert a.nodes[n]["community"] == b.nodes[n]["community"] == U.nodes[n]["community"]
    assert a.nodes["乡村振兴"]["community"] != b.nodes["营商环境"]["community"]
    again = align_graphs({"a": a.copy(), "b": b.copy()}, random_state=3)
    assert dict(again.nodes(data="x")) == dict(U.nodes(data="x"))  # seeded
    names = community_names(U, top=2)
    assert names[U.nodes["营商环境"]["community"]] in ("营商环境 · 科技创新", "科技创新 · 营商环境")
    assert names[U.nodes["产业"]["community"]].startswith("产业")  # strongest first


# ------------------------------------------------------------------- report: network
@pytest.fixture(scope="module")
def sample_ctx(tmp_path_factory, sample):
    return _ctx(sample, tmp_path_factory.mktemp("page"))


@pytest.fixture(scope="module")
def sample_network(sample_ctx):
    from govtext.report.sections.network import build_network

    return build_network(sample_ctx)


def _table(sec, heading_word):
    tables = [b for b in sec.blocks if b.kind == "table"]
    for b in tables:
        if heading_word in b.caption:
            return pd.DataFrame(b.rows, columns=b.columns)
    raise AssertionError(f"no table with {heading_word!r} in {[b.caption for b in tables]}")


def test_sample_network_changes_only_between_years_of_one_level(sample_network, sample_ctx):
    changes = _table(sample_network, "mean of its reports")
    levels = ("township", "county", "district", "city", "province", "national")
    assert changes["change"].str.split().str[0].isin(levels).all()
    assert "province 2022 → 2026 (no report for 2023–2025)" in set(changes["change"])
    assert "county 2021 → 2022" in set(changes["change"])
    # the 12 reports of 2022 are 9 county reports on the county side, not 12 of all levels
    row = changes.set_index("change").loc["county 2021 → 2022"]
    assert row["reports"] == "1 → 9"
    csv = pd.read_csv(sample_ctx.out / "data" / "network_changes.csv")
    assert set(csv["held"]) == {"level"}
    assert (csv["to"] > csv["from"]).all()


def test_sample_network_figures_share_one_map_and_stay_small(sample_network, sample_ctx):
    import json

    files = sorted((sample_ctx.out / "network").glob("year_*.json"))
    assert len(files) == 12
    place: dict[str, tuple[float, float]] = {}
    colour: dict[str, int] = {}
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        assert len(data["nodes"]) <= 60 and len(data["links"]) <= 60
        for d in data["nodes"]:
            n = d["id"]
            if "x" in d:
                assert place.setdefault(n, (d["x"], d["y"])) == (d["x"], d["y"])
            assert colour.setdefault(n, d["community"]) == d["community"]
    figs = [b for b in sample_network.blocks if b.kind == "figure"]
    assert len(figs) == 12 and all("mean of" in b.caption for b in figs)


def test_network_figure_has_a_community_legend_and_the_shared_frame():
    import networkx as nx

    from govtext.report.sections.network import community_legend
    from govtext.viz.network import draw_network

    G = nx.Graph([("乡村振兴", "产业", {"weight": 1.0}), ("营商环境", "科技创新", {"weight": 1.0})])
    U = align_graphs({"g": G})
    fig = draw_network(G)
    box = (-1.0, 1.0, -1.0, 1.0)
    community_legend(
        fig.axes[0], G, community_names(U), box=box, absent=[("人才", {"x": 0, "y": 0})]
    )
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(labels) == sorted(community_names(U).values())
    assert ax.get_xlim()[0] < -1.0 < 1.0 < ax.get_xlim()[1]
    assert "人才" in [t.get_text() for t in ax.texts]


def test_network_figure_greys_unlinked_terms_and_hides_unused_ones():
    import networkx as nx

    from govtext.report.sections.network import draw_on_map

    a = nx.Graph([("乡村振兴", "产业", {"weight": 1.0})])
    b = nx.Graph([("营商环境", "科技创新", {"weight": 1.0}), ("营商环境", "人才", {"weight": 1.0})])
    U = align_graphs({"a": a, "b": b})
    a.add_node("人才", frequency=3)  # used in a, without a link there: grey
    a.add_node("营商环境", frequency=0)  # never used in a: not drawn
    for n in ("乡村振兴", "产业"):
        a.nodes[n]["frequency"] = 2
    fig = draw_on_map(a, U, community_names(U), title="a")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "人才" in texts and "科技创新" in texts  # map terms a lacks stay grey
    assert "营商环境" not in texts
    assert {"乡村振兴", "产业"} <= set(texts)


def test_network_by_level_compares_neighbouring_levels(tmp_path):
    from govtext.report.sections.network import build_network

    names = ["2022_national_中国", "2022_county_河北省保定市甲县", "2022_city_河北省保定市"]
    names += ["2022_province_河北省", "2023_township_天津市津南区北闸口镇"]
    sec = build_network(_ctx(_corpus(names), tmp_path, by="level"))
    heading = [b.text for b in sec.blocks if b.kind == "heading"]
    assert heading and "township < county" in heading[0]
    csv = pd.read_csv(tmp_path / "data" / "network_changes.csv")
    pairs = list(dict.fromkeys(zip(csv["from"], csv["to"])))
    assert pairs == [
        ("township", "county"),
        ("county", "city"),
        ("city", "province"),
        ("province", "national"),
    ]


def test_cli_graph_by_level_in_administrative_order(tmp_path, capsys):
    from govtext.cli.main import main

    src = tmp_path / "in"
    src.mkdir()
    for name in ("2022_national_中国", "2022_county_河北省保定市甲县", "2022_city_河北省保定市"):
        (src / f"{name}.txt").write_text(f"各位代表：{POLICY}", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["graph", str(src), "-o", str(out), "--by", "level", "--top", "8"]) == 0
    lines = capsys.readouterr().out.splitlines()
    drawn = [ln.split(":")[0] for ln in lines if ln.startswith("network_")]
    assert drawn == ["network_county", "network_city", "network_national"]
    changes = [ln.split(" (")[0] for ln in lines if "->" in ln]
    assert changes == ["county -> city", "city -> national"]
    assert (out / "changes_county_city.csv").is_file()


# ------------------------------------------------------------------- report: keyness
def test_keyness_years_against_the_previous_available_year(tmp_path):
    from govtext.report.sections.keyness import build_keyness

    names = ["2020_county_河北省保定市顺平县", "2023_county_河北省保定市顺平县"]
    names += ["2023_national_中国", "2024_national_中国", "2023_county_河北省保定市蠡县"]
    texts = [f"各位代表：{POLICY}{'数字经济发展。数字经济。' * i}" for i in range(len(names))]
    sec = build_keyness(_ctx(_corpus(names, texts), tmp_path))
    years = _table(sec, "previous year")
    assert list(years["comparison"]) == [
        "顺平县 2023 vs 2020 (no report for 2021–2022)",  # county first: township → national
        "中国 2024 vs 2023",
    ]
    csv = pd.read_csv(tmp_path / "data" / "keyness.csv")
    consecutive = csv[csv["comparison"] == "consecutive years"]
    assert set(zip(consecutive["target"], consecutive["reference"])) == {
        ("河北省保定市顺平县 2023", "河北省保定市顺平县 2020"),
        ("中国 2024", "中国 2023"),
    }


def test_region_keyness_leaves_place_names_out(tmp_path):
    from govtext.report.sections.keyness import build_keyness

    a = "各位代表：腰山镇和蒲上镇发展林果产业。腰山镇建设林果基地。顺平县推进林果产业。" * 3
    b = "各位代表：留史镇和大百尺镇发展中药材。留史镇建设中药材市场。蠡县推进中药材。" * 3
    names = ["2022_county_河北省保定市顺平县", "2022_county_河北省保定市蠡县"]
    sec = build_keyness(_ctx(_corpus(names, [a, b]), tmp_path))
    regions = _table(sec, "other regions of its level")
    shown = " ".join(regions.iloc[:, 2:].to_numpy().ravel()).split()
    assert "林果" in shown and "中药材" in shown
    for place in ("腰山镇", "腰山", "蒲上镇", "留史镇", "大百尺镇", "顺平", "顺平县", "蠡县"):
        assert place not in shown
    csv = pd.read_csv(tmp_path / "data" / "keyness.csv")
    assert (
        not csv[csv["comparison"] == "regions of the same year"]["term"]
        .isin(["腰山镇", "留史镇", "顺平县", "蠡县"])
        .any()
    )


def test_sample_keyness_labels_hebei_2026_against_2022(sample_ctx):
    from govtext.report.sections.keyness import build_keyness

    sec = build_keyness(sample_ctx)
    years = _table(sec, "previous year")
    assert "河北省 2026 vs 2022 (no report for 2023–2025)" in set(years["comparison"])
    assert "中国 2016 vs 2015" in set(years["comparison"])
    regions = _table(sec, "other regions of its level")
    shown = set(" ".join(regions.iloc[:, 2:].to_numpy().ravel()).split())
    tok = sample_ctx.tokenizer
    assert not [t for t, k in zip(sorted(shown), tok.types(sorted(shown))) if k == "place"]
    # the page's lists: whole terms, none of the genre's 100 most frequent words
    from govtext.stats.keywords import candidate_mask, genre_generic

    listed = sorted(shown | set(" ".join(years.iloc[:, 1:].to_numpy().ravel()).split()))
    assert listed and not set(listed) & genre_generic(100)
    assert candidate_mask(listed, tok).all()
    csv = pd.read_csv(sample_ctx.out / "data" / "keyness.csv")
    assert csv["term"].isin(genre_generic(100)).any()  # the CSV keeps every word
    # ... and every term a list shows, with its target's rows
    for _, row in regions.iterrows():
        rows = csv[csv["target"].str.endswith(row.iloc[0])]
        for term in " ".join(row.iloc[2:]).split():
            assert term in set(rows["term"]), (row.iloc[0], term)


# -------------------------------------------------------------------- report: topics
def test_topic_lines_break_at_missing_years_and_stay_within_a_level(tmp_path):
    from govtext.report.sections.topics import _year_lines

    table = pd.DataFrame(
        {
            "level": ["national", "national", "national", "county"],
            "year": [1964, 1975, 1976, 2022],
            0: [0.5, 0.4, 0.3, 0.9],
            1: [0.5, 0.6, 0.7, 0.1],
        }
    )
    fig = _year_lines(table, ["national"], ["0: a", "1: b"])
    line = fig.axes[0].get_lines()[0]
    x, y = line.get_xdata(), np.asarray(line.get_ydata(), dtype=float)
    assert list(x) == list(range(1964, 1977))
    assert y[0] == 0.5 and math.isnan(y[1]) and math.isnan(y[10]) and y[11] == 0.4
    assert 0.9 not in y  # the county year is not on the national line


def test_sample_topic_prevalence_by_year_is_per_level(sample_ctx):
    from govtext.report.sections.topics import build_topics

    sec = build_topics(sample_ctx)
    prev = pd.read_csv(sample_ctx.out / "data" / "topic_prevalence_by_year.csv")
    assert list(prev.columns[:2]) == ["level", "year"]
    assert np.allclose(prev.iloc[:, 2:].sum(axis=1), 1.0)
    national = prev[prev["level"] == "national"]
    assert sorted(national["year"]) == list(range(2015, 2026))
    assert len(prev[prev["year"] == 2022]) == 4  # national, province, city, county apart
    notes = [b.text for b in sec.blocks if b.kind == "note"]
    assert any("city (2022)" in n and "township (2023)" in n for n in notes)
    fig = [b for b in sec.blocks if b.kind == "figure" and "by year" in b.caption]
    assert len(fig) == 1 and "broken" in fig[0].caption


def test_pairs_read_years_with_missing_values_as_whole_years():
    meta = pd.DataFrame({"year": [2020.0, np.nan, 2022.0], "level": ["county"] * 3})
    p = comparable_pairs(meta, "year")
    assert p[["from", "to", "gap"]].values.tolist() == [[2020, 2022, "2021"]]
    assert isinstance(p["from"].iloc[0], (int, np.integer))
    a, b = pair_masks(meta, p.iloc[0])
    assert a.tolist() == [True, False, False] and b.tolist() == [False, False, True]


def test_mean_graphs_refuses_a_mask_of_the_wrong_length():
    c = _corpus(["2020_county_甲县", "2021_county_乙县"])
    with pytest.raises(gt.errors.InputError, match="one value per report"):
        mean_graphs(c, {"a": [True, False, True]}, ["乡村振兴", "产业"])


def test_keyness_lists_put_terms_first_and_drop_words_used_as_in_the_genre():
    from govtext.report.sections.keyness import _keyness_lists
    from govtext.report.sections.shown import beyond_genre
    from govtext.stats.keywords import reference_counts

    tok = gt.PolicyTokenizer()
    assert tok.token_type("乡村振兴") == "policy" and tok.token_type("力争") == "word"
    k = pd.DataFrame(
        {
            "term": ["力争", "乡村振兴", "两个维护", "推进", "林果"],
            "score": [5.0, 3.0, 0.6, -3.0, -1.0],
            "target_count": [30, 10, 3, 1, 1],
            "reference_count": [5, 2, 2, 40, 9],
        }
    )
    more, less = _keyness_lists(k, 10, tok)
    # terms ranked as if their score were twice as large: 乡村振兴 (3 -> 6) before 力争
    # (5), but a term with a small score (两个维护, 0.6 -> 1.2) after it
    assert more == ["乡村振兴", "力争", "两个维护"]
    assert less == ["推进", "林果"]  # no typed term: by score
    # 力争 at exactly the genre's rate in the target, 乡村振兴 at ten times it
    n_ref, ref = reference_counts()
    n = 1_000_000.0
    k2 = k.assign(
        target_count=[
            (ref["力争"] + 0.5) / (n_ref + 0.5) * n,
            10 * (ref["乡村振兴"] + 0.5) / (n_ref + 0.5) * n,
            1,
            1,
            1,
        ]
    )
    kept = beyond_genre(k2.head(2), n, n, tok)  # (the genre's total without boilerplate)
    assert kept["term"].tolist() == ["乡村振兴"]


def test_emerging_lists_show_whole_terms_not_the_genre_commonest_words(tmp_path):
    from govtext.report.sections.emerging import build_emerging

    base = "各位代表：推进林果产业，完善公共服务，加强生态保护。" * 30
    # the last year: 乡村振兴 (a term) and 投资 (among the genre's 100 commonest) surge
    last = base + "实施乡村振兴，扩大投资。" * 20
    names = [f"{y}_county_河北省保定市顺平县" for y in (2021, 2022, 2023, 2024)]
    sec = build_emerging(_ctx(_corpus(names, [base, base, base, last]), tmp_path))
    table = _table(sec, "emerging and fading")
    shown = table.iloc[0, 2].split()
    assert "乡村振兴" in shown and "投资" not in shown and "扩大" not in shown
    csv = pd.read_csv(tmp_path / "data" / "emerging_terms.csv")
    assert {"乡村振兴", "投资"} <= set(csv[csv["direction"] == "emerging"]["term"])


def test_emerging_row_of_a_region_with_nothing_new_has_empty_lists(tmp_path):
    from govtext.report.sections.emerging import build_emerging

    base = "各位代表：推进林果产业，完善公共服务，加强生态保护。" * 30
    names = [f"{y}_county_河北省保定市顺平县" for y in (2021, 2022, 2023, 2024)]
    sec = build_emerging(_ctx(_corpus(names, [base] * 4), tmp_path))
    row = _table(sec, "emerging and fading").iloc[0].tolist()
    assert row[0] == "顺平县" and row[2:] == ["", ""]
