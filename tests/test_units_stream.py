"""``paragraph_dtm`` streams the reports a block at a time and keeps the units' tokens as
ids (issue 17: the topic model's memory at 10,000 reports); the matrix, the metadata and
the token order are those of counting every unit's token list at once."""

from __future__ import annotations

import numpy as np
import pytest

import govtext as gt
import govtext.models.units as units_mod
from govtext.features.matrix import from_token_lists
from govtext.models.units import UnitTokens, is_procedural, paragraph_dtm, unit_pieces


def reference(corpus, tok, unit):
    """The former algorithm: every unit's token list at once, then ``from_token_lists``."""
    import pandas as pd

    hub = gt.TokenizedCorpus(corpus, tok)
    tokens, rows = [], []
    for r, name in enumerate(hub.names):
        i = 0
        for g in unit_pieces(hub, r, unit):
            n = sum(len(p.strip()) for p in g)
            if n == 0 or (unit == "paragraph" and is_procedural("".join(g))):
                continue
            tokens.append(tok.filter(g))
            rows.append({"report": name, "paragraph": i, "chars": n})
            i += 1
    meta = pd.DataFrame(rows)
    rmeta = hub.corpus.meta
    meta = meta.join(rmeta.drop(columns=[c for c in ("name", "chars") if c in rmeta]), on="report")
    meta.index = [f"{r}#{p}" for r, p in zip(meta["report"], meta["paragraph"])]
    return from_token_lists(tokens, meta), tokens


@pytest.mark.parametrize("unit", ["paragraph", "section", "report"])
def test_blocks_of_reports_give_the_matrix_of_all_token_lists(sample, tok, monkeypatch, unit):
    corpus = sample[:7]
    monkeypatch.setattr(units_mod, "UNIT_BLOCK", 3)  # blocks 3 + 3 + 1
    monkeypatch.setattr(units_mod, "COUNT_ROWS", 5)  # counted 5 units at a time
    got = paragraph_dtm(corpus, tok, unit=unit)
    ref, tokens = reference(corpus, tok, unit)
    assert got.vocab == ref.vocab
    assert got.matrix.dtype == ref.matrix.dtype and (got.matrix != ref.matrix).nnz == 0
    assert np.array_equal(got.matrix.indptr, ref.matrix.indptr)
    assert got.matrix.indices.dtype == ref.matrix.indices.dtype
    assert got.meta.equals(ref.meta) and list(got.meta.index) == list(ref.meta.index)
    assert (got.meta.dtypes == ref.meta.dtypes).all()
    assert got._unit_tokens == tokens and len(got._unit_tokens) == len(tokens)


def test_fitted_topics_do_not_depend_on_the_block_size(sample, tok, monkeypatch):
    corpus = sample.filter(level="national")
    a = gt.fit_topics(corpus, k=4, tokenizer=tok)
    monkeypatch.setattr(units_mod, "UNIT_BLOCK", 2)
    b = gt.fit_topics(corpus, k=4, tokenizer=tok)
    assert np.array_equal(a.components_, b.components_)
    assert np.array_equal(a.doc_topic_, b.doc_topic_)
    assert a.coherence(window=10).equals(b.coherence(window=10))


def test_unit_tokens_is_a_read_only_sequence_of_lists():
    u = UnitTokens(
        np.array([2, 0, 1, 2], dtype=np.uint32), np.array([0, 3, 3, 4]), ["甲", "乙", "丙"]
    )
    assert len(u) == 3 and u[0] == ["丙", "甲", "乙"] and u[1] == [] and u[-1] == ["丙"]
    assert u[1:] == [[], ["丙"]] and list(u) == [["丙", "甲", "乙"], [], ["丙"]]
    assert u == [["丙", "甲", "乙"], [], ["丙"]] and u != [["丙"]] and u != "丙"
    with pytest.raises(IndexError):
        u[3]


def test_no_token_in_any_unit_is_one_clear_error(tok):
    with pytest.raises(gt.InputError, match="no paragraph has any analysis token"):
        paragraph_dtm(gt.corpus_from_texts(["，。", "的"]), tok)
