"""Sparse products on threads: ``Xᵀ·X`` of a CSR matrix in row blocks.

The one place where govtext uses a private part of scipy: the numeric kernel
``scipy.sparse._sparsetools.csr_matmat``, which writes a product straight into a buffer
sized by an upper bound and so skips the symbolic pass that counts the entries first (a
third of the product's time). If a scipy release moves or changes it, :func:`gram` falls
back to scipy's public ``@`` product on the same row blocks (same result, slower), and
``tests/test_sparse_runtime.py`` fails loudly so the change is noticed.

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> X = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [1, 1, 0]], dtype=np.int32))
>>> gram(X).toarray().tolist()
[[3, 2, 1], [2, 2, 0], [1, 0, 1]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["gram", "cpu_threads"]

# below this many multiply-adds per thread, one product beats starting threads
_THREAD_MIN_WORK = 1_000_000
_BLOCKS_PER_THREAD = 4


def cpu_threads() -> int:
    """Threads for a product: the CPUs this process may use, at most 8.

    The result of :func:`gram` does not depend on it. Several blocks per thread let a
    thread whose core is busy elsewhere take fewer of them.

    Examples
    --------
    >>> 1 <= cpu_threads() <= 8
    True
    """
    import os

    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _one_pass_matmat() -> Any:
    """scipy's numeric sparse product kernel, or None if this scipy does not expose it."""
    try:
        from scipy.sparse._sparsetools import csr_matmat
    except ImportError:  # pragma: no cover - private module of scipy, may move
        return None
    return csr_matmat


# largest result buffer (entries) sized by the work bound; beyond it, scipy's exact two passes
_ONE_PASS_MAX = 2**27


def _one_pass_blocks(
    XT: sp.csr_matrix,
    X: sp.csr_matrix,
    spans: list[tuple[int, int]],
    cap: np.ndarray,
    matmat: Any,
    n_threads: int,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Row blocks of ``XT @ X`` by scipy's numeric kernel into one buffer of ``cap`` entries."""
    from concurrent.futures import ThreadPoolExecutor

    n, m = XT.shape[0], X.shape[1]
    size = int(cap.sum())
    big = max(size, XT.nnz, X.nnz, n, m, XT.shape[1]) > np.iinfo(np.int32).max
    idx = np.dtype(np.int64 if big else np.int32)
    Ap, Aj = XT.indptr.astype(idx, copy=False), XT.indices.astype(idx, copy=False)
    Bp, Bj = X.indptr.astype(idx, copy=False), X.indices.astype(idx, copy=False)
    out_j = np.empty(size, dtype=idx)
    out_x = np.empty(size, dtype=np.result_type(XT.data, X.data))
    first = np.r_[0, np.cumsum(cap)].astype(np.int64)
    ptrs = [np.empty(b - a + 1, dtype=idx) for a, b in spans]

    def run(k: int) -> None:
        a, b = spans[k]
        s, e = int(Ap[a]), int(Ap[b])
        o, p = int(first[a]), int(first[b])
        matmat(
            b - a, m, Ap[a : b + 1] - Ap[a], Aj[s:e], XT.data[s:e], Bp, Bj, X.data,
            ptrs[k], out_j[o:p], out_x[o:p],
        )  # fmt: skip

    if len(spans) == 1 or n_threads == 1:
        for k in range(len(spans)):
            run(k)
    else:
        with ThreadPoolExecutor(min(n_threads, len(spans))) as pool:
            list(pool.map(run, range(len(spans))))
    pos = 0
    for k, (a, _) in enumerate(spans):  # close the gaps left by the bounds
        cnt, o = int(ptrs[k][-1]), int(first[a])
        if o != pos:
            out_j[pos : pos + cnt] = out_j[o : o + cnt]
            out_x[pos : pos + cnt] = out_x[o : o + cnt]
        pos += cnt
    out_j.resize(pos, refcheck=False)  # shrinks in place (realloc), no copy
    out_x.resize(pos, refcheck=False)
    return [out_x], [out_j], ptrs


def gram(X: sp.csr_matrix, n_threads: int | None = None, one_pass: bool = True) -> sp.csr_matrix:
    """``Xᵀ·X`` of a CSR matrix, row blocks of the result computed in parallel threads.

    Row ``i`` of a sparse product depends only on row ``i`` of the left factor, so the row
    blocks of ``Xᵀ`` multiplied by ``X`` one by one and stacked give exactly the matrix of
    one product (same entries, same index order in each row), whatever ``n_threads`` is.
    scipy's sparsetools release the GIL, so the blocks run on separate cores. Blocks are cut
    at equal shares of the work: result row ``i`` costs the summed lengths of the windows
    that hold term ``i``, and that sum (at most the number of columns) also bounds its
    number of entries. With ``one_pass``, the result is written straight into one buffer of
    that size by scipy's numeric kernel, skipping the symbolic pass that counts the entries
    first (a third of the product's time), then compacted and shrunk in place.

    Parameters
    ----------
    X : scipy.sparse.csr_matrix
        Typically the binary window × term matrix of :func:`govtext.cooccurrence`.
    n_threads : int, optional
        Threads for the row blocks; default :func:`cpu_threads`.
    one_pass : bool, default True
        Use scipy's numeric kernel (else its public ``@`` on each block).

    Returns
    -------
    scipy.sparse.csr_matrix
        ``X.T @ X``, column indices within a row not sorted.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> X = sp.csr_matrix(np.array([[1, 0], [1, 1]], dtype=np.int32))
    >>> gram(X, n_threads=1).toarray().tolist() == (X.T @ X).toarray().tolist()
    True
    """
    import scipy.sparse as sp

    XT = X.T.tocsr()
    n, m = XT.shape[0], X.shape[1]
    lens = np.diff(X.indptr)
    work = np.bincount(X.indices, weights=np.repeat(lens, lens).astype(float), minlength=n)
    total = float(work.sum())
    if n_threads is None:
        n_threads = cpu_threads()
    # a few blocks per thread: a thread whose core is busy elsewhere then takes fewer blocks
    n_blocks = max(1, min(_BLOCKS_PER_THREAD * n_threads, int(total // _THREAD_MIN_WORK), n))
    cuts = np.searchsorted(np.cumsum(work), total * np.arange(1, n_blocks) / n_blocks)
    rows = np.unique(np.r_[0, np.minimum(cuts + 1, n), n]).tolist() if n else [0, 0]
    cap = np.minimum(work, m).astype(np.int64)
    size = int(cap.sum())
    matmat = _one_pass_matmat() if one_pass and size <= _ONE_PASS_MAX else None
    from concurrent.futures import ThreadPoolExecutor

    spans = list(zip(rows[:-1], rows[1:]))
    parts_of = None
    if matmat is not None:
        try:
            parts_of = _one_pass_blocks(XT, X, spans, cap, matmat, n_threads)
        except (TypeError, ValueError):  # pragma: no cover - private kernel changed
            parts_of = None
    if parts_of is not None:
        datas, indices_parts, ptrs = parts_of
    else:
        if len(spans) == 1:
            return XT @ X
        blocks = []
        for a, b in spans:
            s, e = int(XT.indptr[a]), int(XT.indptr[b])
            blocks.append(
                sp.csr_matrix(
                    (XT.data[s:e], XT.indices[s:e], XT.indptr[a : b + 1] - s),
                    shape=(b - a, XT.shape[1]),
                )
            )
        with ThreadPoolExecutor(min(n_threads, len(blocks))) as pool:
            parts = list(pool.map(lambda B: B @ X, blocks))
        datas = [P.data for P in parts]
        indices_parts = [P.indices for P in parts]
        ptrs = [P.indptr for P in parts]
    counts = [int(P[-1]) for P in ptrs]
    nnz = sum(counts)
    idx = np.dtype(np.int64) if nnz > np.iinfo(np.int32).max else np.dtype(np.int32)
    offsets = np.cumsum([0] + counts).tolist()
    indptr = np.concatenate(
        [np.zeros(1, dtype=idx)] + [P[1:].astype(idx) + o for P, o in zip(ptrs, offsets[:-1])]
    )
    data = datas[0] if len(datas) == 1 else np.concatenate(datas)
    indices = indices_parts[0] if len(indices_parts) == 1 else np.concatenate(indices_parts)
    return sp.csr_matrix((data, indices.astype(idx, copy=False), indptr), shape=(n, m))
