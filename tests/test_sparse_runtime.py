"""The threaded sparse product Xᵀ·X (govtext._runtime.sparse), the one user of scipy internals."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt
import govtext._runtime.sparse as sparse
from govtext.network.cooccurrence import _binary, _encode

tokens = st.sampled_from(["乡村振兴", "产业", "人才", "生态", "a", "b", "c", "d", "e"])
windows_st = st.lists(st.lists(tokens, min_size=0, max_size=12), min_size=0, max_size=25)


def _matrix(windows):
    ids, rows, vocab = _encode(windows, None)
    return _binary(rows, ids, (len(windows), len(vocab))), vocab


def test_scipy_private_kernel_is_there_and_takes_our_arguments():
    # If this fails, scipy moved or changed scipy.sparse._sparsetools.csr_matmat: gram()
    # still gives the right matrix through the public product, but slower. Adapt
    # _one_pass_blocks to the new kernel (or drop the one-pass path).
    matmat = sparse._one_pass_matmat()
    assert matmat is not None, "scipy.sparse._sparsetools.csr_matmat is gone"
    X, _ = _matrix([["a", "b"], ["a", "c"], ["a", "b", "b"]])
    XT = X.T.tocsr()
    cap = np.full(XT.shape[0], X.shape[1], dtype=np.int64)
    datas, indices, ptrs = sparse._one_pass_blocks(XT, X, [(0, XT.shape[0])], cap, matmat, 1)
    got = sp.csr_matrix((datas[0], indices[0], ptrs[0]), shape=(3, 3))
    assert got.toarray().tolist() == [[3, 2, 1], [2, 2, 0], [1, 0, 1]]


def test_one_pass_kernel_is_used_by_default(monkeypatch):
    calls = []
    real = sparse._one_pass_blocks

    def spy(*args):
        calls.append(len(args[2]))
        return real(*args)

    monkeypatch.setattr(sparse, "_one_pass_blocks", spy)
    X, _ = _matrix([list("abcdefgh"[i % 5 : i % 5 + 3 + i % 4]) for i in range(400)])
    sparse.gram(X, 2)
    assert calls, "gram() fell back to the public product"


def test_product_threads_are_the_cpus_not_the_load():
    import os

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert sparse.cpu_threads() == max(1, min(cpus or 1, 8))


def test_default_threads_give_the_one_thread_matrix():
    windows = [list("abcdefgh"[i % 5 : i % 5 + 3 + i % 4]) for i in range(400)]
    X, _ = _matrix(windows)
    one, default = sparse.gram(X, 1), sparse.gram(X)
    assert (one != default).nnz == 0 and np.array_equal(one.indices, default.indices)


@settings(max_examples=100, deadline=None)
@given(windows_st, st.integers(1, 5), st.booleans())
def test_threaded_product_is_the_single_product_exactly(windows, n_threads, one_pass):
    # the row blocks of Xᵀ·X computed in threads must stack to the very same matrix
    if not gt.cooccurrence(windows).vocab:
        return
    X, vocab = _matrix(windows)
    ref = X.T.tocsr() @ X
    old = sparse._THREAD_MIN_WORK
    sparse._THREAD_MIN_WORK = 1  # force blocks even for tiny inputs
    try:
        got = sparse.gram(X, n_threads, one_pass)
    finally:
        sparse._THREAD_MIN_WORK = old
    assert got.shape == ref.shape == (len(vocab), len(vocab))
    for a in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(got, a), getattr(ref, a))
        assert getattr(got, a).dtype == getattr(ref, a).dtype
    single: Counter = Counter()
    pairs: Counter = Counter()
    for w in windows:
        terms = sorted(set(w))
        single.update(terms)
        pairs.update(itertools.combinations(terms, 2))
    M = got.toarray()
    assert M.diagonal().tolist() == [single[t] for t in vocab]
    assert all(M[vocab.index(a), vocab.index(b)] == n for (a, b), n in pairs.items())


def test_gram_of_an_empty_matrix():
    X = sp.csr_matrix((0, 0), dtype=np.int32)
    assert sparse.gram(X).shape == (0, 0)


@pytest.mark.parametrize("one_pass", [True, False])
def test_gram_on_a_real_report(one_pass):
    tok = gt.PolicyTokenizer()
    from govtext.network.windows import split_windows

    text = gt.datasets.load_sample()[0].text
    X, _ = _matrix(split_windows(tok.cut(text), "sentence", tok))
    ref = X.T.tocsr() @ X
    got = sparse.gram(X, 2, one_pass)
    assert (got != ref).nnz == 0
