"""The token hub: one cut per report, positions from the one segmenter, matrices of any
unit that add up, and the same contents however the corpus was cut."""

from __future__ import annotations

import numpy as np
import pytest

import govtext as gt
from govtext.features.hub import UNITS, TokenizedCorpus
from govtext.text.segment import group_pieces, paragraph_spans, sentence_spans
from govtext.text.structure import section_spans


@pytest.fixture(scope="module")
def small(sample):
    names = [
        n
        for n in sample.names
        if n.startswith(("2023_township", "2022_county_河北省保定市易县", "2024_national"))
    ]
    return sample[names]


@pytest.fixture(scope="module")
def hub(small, tok):
    return TokenizedCorpus(small, tok)


def test_pieces_are_the_tokenizer_cut_and_rebuild_the_text(hub, small, tok):
    assert len(hub) == len(small) == 3 and hub.names == small.names
    for i, r in enumerate(small):
        assert hub.pieces[i] == tok.cut(r.text)
        assert hub.normalized(i) == gt.normalize(r.text)
        off = hub.offsets(i)
        norm = hub.normalized(i)
        assert [norm[a:b] for a, b in zip(off[:-1], off[1:])] == hub.pieces[i]
        # offsets into the text as read: the tokenizer's own spans
        assert [(s, e) for _, s, e in tok.spans(r.text)] == hub.raw_spans(i)
    assert hub.tokens() == [tok.tokenize(t) for t in small.texts]


def test_sentence_and_paragraph_ids_follow_the_segmenter(hub):
    for i in range(len(hub)):
        pieces = hub.pieces[i]
        for unit in ("sentence", "paragraph"):
            ids = hub.unit_ids(i, unit)
            groups = [[p for p, u in zip(pieces, ids) if u == k] for k in range(int(ids.max()) + 1)]
            assert groups == group_pieces(pieces, unit)
        # each paragraph is one line of the normalised text (a paragraph span)
        norm, off, ids = hub.normalized(i), hub.offsets(i), hub.unit_ids(i, "paragraph")
        spans = paragraph_spans(norm)
        assert int(ids.max()) + 1 == len(spans)
        for k, (a, b) in enumerate(spans):
            at = np.flatnonzero(ids == k)
            assert off[at[0]] >= a and off[at[-1] + 1] <= b
        # sentences never cross a sentence span of the text
        starts = [a for a, _ in sentence_spans(norm)]
        sids = hub.unit_ids(i, "sentence")
        for k in range(int(sids.max()) + 1):
            at = np.flatnonzero(sids == k)
            first, last = int(off[at[0]]), int(off[at[-1] + 1]) - 1
            assert np.searchsorted(starts, first, "right") == np.searchsorted(starts, last, "right")


def test_section_ids_index_the_section_spans(hub, small):
    for i, r in enumerate(small):
        spans = section_spans(r.text)
        assert hub.sections(i) == spans and len(spans) > 1
        ids = hub.unit_ids(i, "section")
        for (s, _), k in zip(hub.raw_spans(i), ids):
            if k >= 0:
                kind, a, b = spans[k]
                assert a <= s < b
            else:
                assert s < spans[0][1]
    t = hub.table()
    assert list(t.columns) == [
        "report",
        "piece",
        "token",
        "start",
        "end",
        "sentence",
        "paragraph",
        "section",
        "section_kind",
    ]
    assert len(t) == sum(map(len, hub.pieces))
    assert {"review", "tasks"} <= set(t["section_kind"])


def test_report_dtm_is_gt_dtm_and_units_sum_to_it(hub, small, tok):
    ref = gt.dtm(small, tokenizer=tok)
    m = hub.dtm()
    assert m.vocab == ref.vocab and (m.matrix != ref.matrix).nnz == 0
    assert m.meta.equals(ref.meta)
    for unit in UNITS[1:]:
        u = hub.dtm(unit)
        assert u.vocab == ref.vocab
        assert list(u.meta.columns[: len(ref.meta.columns)]) == list(ref.meta.columns)
        assert unit in u.meta and "report" in u.meta
        # the units of each report add up to the report's row
        agg = u.group_by("report")
        order = [agg.meta.index.get_loc(n) for n in ref.docs]
        assert (agg.matrix[order] != ref.matrix).nnz == 0
        assert len(u) == sum(int(hub.unit_ids(i, unit).max()) + 1 for i in range(len(hub)))
    sec = hub.dtm("section")
    assert set(sec.meta["section_kind"]) >= {"review", "tasks"}
    assert sec.meta.index[0] == f"{ref.docs[0]}:0"
    dropped = hub.dtm("sentence", drop_empty=True)
    assert (dropped.doc_lengths() > 0).all()
    assert int(dropped.matrix.sum()) == int(ref.matrix.sum())


def test_windows_are_the_unit_rows_with_tokens(hub, tok):
    for unit in UNITS:
        w, rep = hub.windows(unit, return_reports=True)
        assert all(w) and len(w) == len(rep)
        assert sorted(t for win in w for t in win) == sorted(t for d in hub.tokens() for t in d)
        m = hub.dtm(unit, drop_empty=True)
        assert len(w) == len(m) and m.meta["report"].tolist() == [hub.names[r] for r in rep]
    assert hub.windows("report") == [t for t in hub.tokens() if t]
    text = "推进乡村振兴。优化营商环境；\n稳就业"
    assert gt.TokenizedCorpus([text], tok).windows("sentence") == [
        tok.filter(g) for g in group_pieces(tok.cut(text), "sentence") if tok.filter(g)
    ]


def test_workers_and_cache_give_the_same_hub(hub, small, tok, tmp_path):
    two = TokenizedCorpus(small, tok, n_jobs=2)
    cold = TokenizedCorpus(small, tok, cache_dir=tmp_path)
    warm = TokenizedCorpus(small, tok, cache_dir=tmp_path)
    for other in (two, cold, warm):
        assert other.pieces == hub.pieces
        for unit in UNITS[1:]:
            a, b = hub.dtm(unit), other.dtm(unit)
            assert a.vocab == b.vocab and (a.matrix != b.matrix).nnz == 0
            assert a.meta.equals(b.meta)
    assert any(p.name.startswith("tokens-") for p in tmp_path.iterdir())


def test_kwic_reads_the_hub(hub, small, tok):
    from_hub = gt.kwic(hub, "乡村振兴", tokens=True)
    assert from_hub.equals(gt.kwic(small, "乡村振兴", tokens=True, tokenizer=tok))
    assert len(from_hub) == int(hub.dtm().counts("乡村振兴").to_numpy().sum())


def test_bad_input(tok):
    with pytest.raises(gt.InputError, match="single str"):
        TokenizedCorpus("推进乡村振兴", tok)
    with pytest.raises(gt.InputError, match="empty"):
        TokenizedCorpus([], tok)
    with pytest.raises(gt.InputError, match="unit must be"):
        TokenizedCorpus(["推进乡村振兴"], tok).dtm("chapter")


def test_dtm_select_picks_terms_and_subset_picks_reports(hub):
    m = hub.dtm()
    assert m.select(["营商环境", "乡村振兴", "不存在"]).vocab == ["营商环境", "乡村振兴"]
    assert m.select("乡村振兴").vocab == ["乡村振兴"]
    assert m.select(np.array([t.startswith("乡") for t in m.vocab])).vocab == [
        t for t in m.vocab if t.startswith("乡")
    ]
    assert m.subset("level == 'township'").docs == [n for n in m.docs if "township" in n]
    with pytest.raises(gt.InputError, match="subset"):
        m.select("year == 2023")
