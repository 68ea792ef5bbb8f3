"""Parallel tokenization, chunked counting, streaming, the token cache and the Dask path
all give exactly what the plain single-process path gives."""

from __future__ import annotations

import numpy as np
import pytest

import govtext as gt
from govtext._runtime.cache import TokenCache
from govtext.corpus.loading import iter_reports
from govtext.features.dtm import stream_dtm
from govtext.features.tokens import count_chunks, merge_counts, tokenize_texts


@pytest.fixture(scope="module")
def small(sample):
    return sample[
        [
            n
            for n in sample.names
            if n.startswith(("2023_township", "2022_county_河北省保定市易县", "2024_county"))
        ]
    ]


def _same(a, b):
    assert a.vocab == b.vocab
    assert a.matrix.shape == b.matrix.shape
    assert (a.matrix != b.matrix).nnz == 0


def test_merge_counts_equals_countvectorizer(small, tok):
    ref = gt.dtm(small, tokenizer=tok)
    for size in (1, 2, 5):
        vocab, mat = merge_counts(count_chunks(small.texts, tok, chunksize=size))
        assert vocab == ref.vocab and (mat != ref.matrix).nnz == 0


def test_two_workers_equal_one(small, tok):
    one = tokenize_texts(small.texts, tok, n_jobs=1)
    two = tokenize_texts(small.texts, tok, n_jobs=2, chunksize=1)
    assert one == two == [tok.tokenize(t) for t in small.texts]


def test_stream_dtm_equals_dtm_on_the_sample(sample, tok):
    ref = gt.dtm(sample, tokenizer=tok)
    streamed = stream_dtm(iter_reports(gt.datasets.sample_path()), tok, chunksize=4)
    _same(ref, streamed)
    assert list(streamed.meta.index) == list(ref.meta.index)
    # the metadata table a Corpus of the same reports has (load_sample adds manifest columns)
    from govtext.corpus.reports import Corpus

    same = Corpus(list(iter_reports(gt.datasets.sample_path())))
    assert streamed.meta.equals(same.meta)
    _same(gt.dtm(same, tokenizer=tok), streamed)
    bounded = stream_dtm(iter_reports(gt.datasets.sample_path()), tok, chunksize=4, min_df=3)
    _same(gt.dtm(sample, tokenizer=tok, min_df=3), bounded)


def test_token_cache_round_trip_and_hits(tmp_path, small, tok):
    cache = TokenCache(tmp_path, tok.config_hash)
    first = tokenize_texts(small.texts, tok, cache=cache)
    assert cache.misses == len(small) and cache.hits == 0 and len(cache) == len(small)
    second = tokenize_texts(small.texts, tok, cache=cache)
    assert second == first and cache.hits == len(small)


def test_cache_is_keyed_by_configuration(tmp_path, small):
    a = gt.PolicyTokenizer()
    b = gt.PolicyTokenizer(boilerplate=False)
    c = gt.PolicyTokenizer().add_words(["闸口速度"])
    hashes = {a.config_hash, b.config_hash, c.config_hash}
    assert len(hashes) == 3  # an option or a user word changes the key
    tokenize_texts(small.texts[:1], a, cache=tmp_path)
    out_b = tokenize_texts(small.texts[:1], b, cache=tmp_path)
    assert out_b == [b.tokenize(small.texts[0])]  # not a's cached tokens


def test_damaged_cache_entry_is_not_trusted(tmp_path):
    cache = TokenCache(tmp_path, "x")
    cache.put("甲", ["甲"])
    conn = cache._conn()
    with conn:
        conn.execute("UPDATE tokens SET value = ?", ('{"not": "a list"}',))
    assert cache.get("甲") is None


def test_bad_backend_and_n_jobs(small, tok):
    with pytest.raises(gt.InputError, match="backend"):
        tokenize_texts(small.texts, tok, backend="spark")
    with pytest.raises(gt.InputError, match="n_jobs"):
        tokenize_texts(small.texts, tok, n_jobs=0)


def test_dask_without_client_says_how_to_start_one(small, tok):
    pytest.importorskip("dask.distributed")  # the dask extra is part of the test extra
    with pytest.raises(gt.InputError, match="Client"):
        count_chunks(small.texts, tok, backend="dask")


def test_dask_local_cluster_equals_local_path(small, tok):
    distributed = pytest.importorskip("dask.distributed")
    ref = gt.dtm(small, tokenizer=tok)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            vocab, mat = merge_counts(
                count_chunks(small.texts, tok, backend="dask", client=client, chunksize=1)
            )
            toks = tokenize_texts(small.texts, tok, backend="dask", client=client, chunksize=2)
    assert vocab == ref.vocab and (mat != ref.matrix).nnz == 0
    assert toks == [tok.tokenize(t) for t in small.texts]
    assert np.array_equal(mat.sum(axis=1).A.ravel(), ref.doc_lengths())


def test_dtm_with_workers_cache_and_dask_equals_plain_dtm(tmp_path, small, tok):
    ref = gt.dtm(small, tokenizer=tok, min_df=1)
    _same(ref, gt.dtm(small, tokenizer=tok, n_jobs=2))
    cached = gt.dtm(small, tokenizer=tok, cache_dir=tmp_path)
    again = gt.dtm(small, tokenizer=tok, cache_dir=tmp_path)
    _same(ref, cached)
    _same(ref, again)
    assert any(p.suffix == ".sqlite" for p in tmp_path.iterdir())
    with pytest.raises(gt.InputError, match="backend"):
        gt.dtm(small, tokenizer=tok, backend="ray")


def test_a_task_run_in_the_caller_never_reuses_a_tokenizer_changed_since(monkeypatch):
    import os

    from govtext.features import tokens as parallel

    text = "推进闸口速度建设"
    tok = gt.PolicyTokenizer()
    me = os.getpid()
    # as when joblib runs the batch in the calling process (one usable CPU)
    assert parallel._in_worker(parallel._cut_chunk, tok, [text], me) == [tok.cut(text)]
    tok.add_words(["闸口速度"])
    fresh = gt.PolicyTokenizer()
    got = parallel._in_worker(parallel._cut_chunk, fresh, [text], me)
    assert got == [fresh.cut(text)] and "闸口速度" not in got[0]
    # in a worker process (another pid) the copy is kept per configuration, without a memo
    monkeypatch.setattr(parallel, "_WORKER_TOKENIZERS", {})
    memo = gt.PolicyTokenizer().memoized()
    assert parallel._in_worker(parallel._cut_chunk, memo, [text], me + 1) == [fresh.cut(text)]
    (kept,) = parallel._WORKER_TOKENIZERS.values()
    assert kept._memo is None


# ------------------------------------------------------- govtext._runtime.parallel
def _tagged(shared, item):
    return f"{shared}:{item}:{len(item)}"


def test_map_reports_keeps_input_order_wherever_it_runs(small):
    from govtext._runtime.parallel import forked_workers, map_reports

    names = small.names * 3
    ref = [f"t:{n}:{len(n)}" for n in names]
    assert map_reports(_tagged, names, shared="t") == ref
    assert map_reports(_tagged, names, shared="t", n_jobs=2, chunksize=1) == ref  # loky
    with forked_workers():
        assert map_reports(_tagged, names, shared="t", n_jobs=2, chunksize=2) == ref
    assert map_reports(len, names, n_jobs=2) == [len(n) for n in names]
    assert map_reports(len, []) == []


def test_map_reports_on_a_cluster_keeps_input_order(small):
    distributed = pytest.importorskip("dask.distributed")
    from govtext._runtime.parallel import map_reports

    names = small.names * 3
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            got = map_reports(_tagged, names, shared="t", client=client, chunksize=1)
    assert got == [f"t:{n}:{len(n)}" for n in names]


def test_fork_call_gives_back_result_error_and_warnings():
    import warnings

    from govtext._runtime.parallel import can_fork, fork_call

    if not can_fork():  # pragma: no cover - not Linux
        assert fork_call(lambda: 1) is None
        return
    state = {"n": 41}
    assert fork_call(lambda: state["n"] + 1).result() == 42  # sees this process's memory

    def fails():
        warnings.warn("careful", UserWarning, stacklevel=1)
        raise gt.InputError("bad input, in the child")

    job = fork_call(fails)
    with pytest.warns(UserWarning, match="careful"), pytest.raises(gt.InputError, match="child"):
        job.result()


def test_bad_n_jobs_and_scheduler_are_refused():
    from govtext._runtime.parallel import connect, effective_jobs

    assert effective_jobs(None) == 1 and effective_jobs(-1) >= 1
    for bad in (0, -2, 1.5, True):
        with pytest.raises(gt.InputError, match="n_jobs"):
            effective_jobs(bad)
    pytest.importorskip("dask.distributed")
    with pytest.raises(gt.InputError, match="--scheduler must be a dask scheduler address"):
        connect(42, option="--scheduler")


def test_lanes_share_the_sections_out_by_cost():
    from govtext.report.lanes import SECTION_COST, plan_lanes
    from govtext.report.sections import SECTION_BUILDERS

    keys = [k for k, _ in SECTION_BUILDERS]
    assert set(SECTION_COST) == set(keys)  # every section has a cost
    for n in (1, 2, 3, 4, 20):
        plan = plan_lanes(keys, n)
        assert sorted(k for lane in plan for k in lane) == sorted(keys)
        assert len(plan) == min(n, len(keys))
        for lane in plan:  # page order inside a lane
            assert lane == [k for k in keys if k in lane]
    two = [sum(SECTION_COST[k] for k in lane) for lane in plan_lanes(keys, 2)]
    assert max(two) - min(two) <= max(SECTION_COST.values()) / 2
