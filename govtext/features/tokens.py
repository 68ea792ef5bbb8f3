"""Tokenizing and counting many reports: joblib workers, Dask, streaming, and the token cache.

* :func:`tokenize_texts` — analysis tokens of many texts with ``n_jobs`` worker processes
  (joblib's ``loky`` backend: spawn-safe, so it works the same on Linux, macOS and Windows;
  the tokenizer travels by pickle and rebuilds its private jieba in each worker), on a
  ``dask.distributed`` Client (``backend="dask"``), and/or through a :class:`TokenCache`.
* :func:`count_chunks` / :func:`merge_counts` — count each chunk of texts into a small sparse
  matrix with its own vocabulary, then merge them into one matrix over the sorted union
  vocabulary. The result is exactly what scikit-learn's ``CountVectorizer`` gives on the
  same tokens, however the texts were chunked.

This module is the bottom of ``govtext.features``: it imports no other module of it
(matrices are made in :mod:`govtext.features.matrix`, the streamed matrix in
:mod:`govtext.features.dtm`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "tokenize_texts",
    "cut_texts",
    "primed_tokenizer",
    "count_chunks",
    "merge_counts",
    "count_tokens",
    "chunked",
    "CompactMemo",
]


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` items.

    Examples
    --------
    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while True:
        block = list(islice(it, size))
        if not block:
            return
        yield block


def _tokenize_chunk(tokenizer: PolicyTokenizer, texts: list[str]) -> list[list[str]]:
    return [tokenizer.tokenize(t) for t in texts]


def _cut_chunk(tokenizer: PolicyTokenizer, texts: list[str]) -> list[list[str]]:
    return [tokenizer.cut(t) for t in texts]


def _check_backend(backend: str, n_jobs: int | None) -> None:
    if backend not in ("local", "dask"):
        raise InputError(f"backend must be 'local' or 'dask', not {backend!r}")
    if n_jobs is not None and n_jobs == 0:
        raise InputError("n_jobs must be a positive number of workers, or -1 for all cores")


def _dask_client(client: Any) -> Any:
    from govtext.errors import require

    require("dask.distributed", "dask", "backend='dask'")
    from dask.distributed import get_client

    if client is not None:
        return client
    try:
        return get_client()
    except ValueError:
        raise InputError(
            "backend='dask' needs a running dask.distributed Client: create one first "
            "(e.g. `from dask.distributed import Client; client = Client()`) or pass client=..."
        ) from None


def _map_chunks(
    func: Any,
    tokenizer: Any,
    chunks: list[list[str]],
    n_jobs: int | None,
    backend: str,
    client: Any,
) -> list[Any]:
    if backend == "dask":
        from govtext._runtime.parallel import dask_map

        # a few chunks on the cluster at a time, each future released once its result is here
        return dask_map(_dask_client(client), func, chunks, shared=tokenizer)
    if n_jobs in (None, 1) or len(chunks) <= 1:
        return [func(tokenizer, ch) for ch in chunks]
    from govtext._runtime.parallel import fork_preferred, map_chunks

    if fork_preferred():  # forked workers share the dictionary built here
        tokenizer.cut("各位代表")  # (builds it, once)
        return map_chunks(func, chunks, shared=tokenizer, n_jobs=n_jobs)
    from joblib import Parallel, delayed

    parent = os.getpid()
    return Parallel(n_jobs=n_jobs, backend="loky")(
        delayed(_in_worker)(func, tokenizer, ch, parent) for ch in chunks
    )


# tokenizers unpickled in a worker process, by configuration: a worker builds its dictionary
# once per configuration instead of once per task (loky keeps its workers between calls)
_WORKER_TOKENIZERS: dict[str, Any] = {}


def _in_worker(func: Any, tokenizer: Any, chunk: list[str], parent: int) -> Any:
    if os.getpid() == parent:  # joblib ran the task in the caller: its own, mutable object
        return func(tokenizer, chunk)
    key = tokenizer.config_hash
    tok = _WORKER_TOKENIZERS.get(key)
    if tok is None:
        if len(_WORKER_TOKENIZERS) >= 4:
            _WORKER_TOKENIZERS.clear()
        tokenizer._memo = None  # an unpickled copy: do not keep every text it cuts
        tok = _WORKER_TOKENIZERS[key] = tokenizer
    return func(tok, chunk)


def tokenize_texts(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    n_jobs: int | None = None,
    backend: str = "local",
    client: Any = None,
    cache: Any = None,
    chunksize: int = 8,
) -> list[list[str]]:
    """Analysis tokens (``tokenizer.tokenize``) of every text, in order.

    Parameters
    ----------
    texts : sequence of str
    tokenizer : PolicyTokenizer, optional
    n_jobs : int, optional (default: ``govtext.get_config()``, 1)
        Worker processes for the local backend (-1: all cores).
    backend : {"local", "dask"}
        ``"dask"`` maps chunks over a ``dask.distributed`` Client (``client`` or the
        current one); needs the ``dask`` extra.
    cache : TokenCache or path, optional
        Look texts up first and store what was computed.
    chunksize : int
        Texts per task.

    Returns
    -------
    list of list of str

    Examples
    --------
    >>> tokenize_texts(["推进乡村振兴", "优化营商环境"])
    [['乡村振兴'], ['优化', '营商环境']]
    """
    return _cached_map(
        _tokenize_chunk, "tokenize", texts, tokenizer, n_jobs, backend, client, cache, chunksize
    )


def _cached_map(
    func: Any,
    kind: str,
    texts: Sequence[str],
    tokenizer: PolicyTokenizer | None,
    n_jobs: int | None,
    backend: str,
    client: Any,
    cache: Any,
    chunksize: int,
) -> list[list[str]]:
    """``func`` over chunks of the texts not found in the cache; results stored back."""
    from govtext._runtime.config import resolve_option
    from govtext.tokenize.policy import PolicyTokenizer

    n_jobs, cache = resolve_option("n_jobs", n_jobs), resolve_option("cache_dir", cache)
    _check_backend(backend, n_jobs)
    tok = tokenizer or PolicyTokenizer()
    texts = list(texts)
    if cache is not None and not hasattr(cache, "get_many"):
        from govtext._runtime.cache import TokenCache

        cache = TokenCache(cache, tok.config_hash + ":" + kind)
    out: list[list[str] | None] = (
        cache.get_many(texts) if cache is not None else [None] * len(texts)
    )
    todo = [i for i, v in enumerate(out) if v is None]
    if todo:
        # the same text twice is computed once
        uniq = list(dict.fromkeys(texts[i] for i in todo))
        chunks = list(chunked(uniq, chunksize))
        results = _map_chunks(func, tok, chunks, n_jobs, backend, client)
        done = dict(zip(uniq, (toks for chunk in results for toks in chunk)))
        for i in todo:
            out[i] = list(done[texts[i]])
        if cache is not None:
            cache.put_many(uniq, [done[t] for t in uniq])
    return out  # type: ignore[return-value]


def cut_texts(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    n_jobs: int | None = None,
    backend: str = "local",
    client: Any = None,
    cache: Any = None,
    chunksize: int = 4,
) -> list[list[str]]:
    """Lossless pieces (``tokenizer.cut``) of every text, in order; as :func:`tokenize_texts`.

    The pieces are what every analysis starts from (filters, sentence windows and
    paragraphs are cheap to derive from them), so caching them serves every analysis.

    Examples
    --------
    >>> cut_texts(["推进乡村振兴。"])
    [['推进', '乡村振兴', '。']]
    """
    return _cached_map(
        _cut_chunk, "cut", texts, tokenizer, n_jobs, backend, client, cache, chunksize
    )


def primed_tokenizer(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    n_jobs: int | None = None,
    cache: Any = None,
    on_text: Any = None,
    client: Any = None,
) -> PolicyTokenizer:
    """A memoized copy of ``tokenizer`` (:meth:`PolicyTokenizer.memoized`) that already
    knows the pieces of ``texts``.

    The texts are cut with ``n_jobs`` workers and/or read from the token ``cache`` (a
    :class:`govtext.cache.TokenCache` or a folder); every later ``cut``/``tokenize`` of
    one of these texts in this session is a look-up. The tokens are exactly those of the
    original tokenizer.

    Parameters
    ----------
    texts : sequence of str
    tokenizer : PolicyTokenizer, optional
    n_jobs : int, optional (default: ``govtext.get_config()``, 1)
    cache : TokenCache or path, optional
    on_text : callable, optional
        Called with the index of each text once its pieces are known.
    client : dask.distributed.Client, optional
        Cut the texts on this cluster (``n_jobs`` is then ignored); the pieces are the same.

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> tok = primed_tokenizer(["推进乡村振兴。"])
    >>> tok.tokenize("推进乡村振兴。") == PolicyTokenizer().tokenize("推进乡村振兴。")
    True
    """
    from govtext.tokenize.policy import PolicyTokenizer

    base = tokenizer or PolicyTokenizer()
    tok = base.memoized()
    tok._memo = memo = CompactMemo()  # pieces as ids into one vocabulary, not 1 str each
    texts = list(texts)
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        from govtext._runtime.config import resolve_option

        n_jobs, cache = resolve_option("n_jobs", n_jobs), resolve_option("cache_dir", cache)
        if cache is None and n_jobs in (None, 1) and client is None:
            for t in todo:  # in this process: the memo fills as it goes
                tok.cut(t)
        else:
            backend = "local" if client is None else "dask"
            workers = max(1, _workers(n_jobs, client))
            # about four tasks per worker: the longest reports do not end up in one task
            size = max(1, min(4, -(-len(todo) // (4 * workers))))
            # a block of texts at a time: only one block's pieces are ever str objects
            block = max(PRIME_BLOCK, size * 4 * workers)
            for todo_block in chunked(todo, block):
                cut = cut_texts(
                    todo_block, base, n_jobs=n_jobs, cache=cache, backend=backend,
                    client=client, chunksize=size,
                )  # fmt: skip
                for t, pieces in zip(todo_block, cut):
                    memo[t] = pieces
                del cut
    if on_text is not None:
        for i in range(len(texts)):
            on_text(i)
    return tok


#: Texts cut per round by :func:`primed_tokenizer`'s workers (their pieces come back as
#: ``str`` objects, ~70 bytes each, before they are stored as ids).
PRIME_BLOCK = 256


class CompactMemo:
    """The memo of a memoized tokenizer, compact: text -> pieces, each text's pieces kept
    as an ``array('I')`` of ids into one shared vocabulary (4 bytes a piece instead of a
    pointer to a ``str`` of its own: about 20x less for a corpus of thousands of reports).

    It answers what :meth:`PolicyTokenizer.cut` asks of a memo (``get``, item assignment,
    ``in``, ``len``, ``clear``); ``get`` returns the pieces as a tuple of ``str``, the same
    strings for the same piece.

    Examples
    --------
    >>> m = CompactMemo()
    >>> m["推进乡村振兴。"] = ["推进", "乡村振兴", "。"]
    >>> m.get("推进乡村振兴。"), m.get("别的"), "推进乡村振兴。" in m, len(m)
    (('推进', '乡村振兴', '。'), None, True, 1)
    """

    __slots__ = ("_ids", "_index", "_vocab")

    def __init__(self) -> None:
        self._ids: dict[str, Any] = {}
        self._index: dict[str, int] = {}
        self._vocab: list[str] = []

    def __setitem__(self, text: str, pieces: Sequence[str]) -> None:
        from array import array

        index, vocab = self._index, self._vocab
        n0 = len(index)
        ids = array("I", [index.setdefault(p, len(index)) for p in pieces])
        if len(index) > n0:  # the new pieces, in the order they got their ids
            vocab.extend(reversed(list(islice(reversed(index), len(index) - n0))))
        self._ids[text] = ids

    def get(self, text: str, default: Any = None) -> tuple[str, ...] | Any:
        ids = self._ids.get(text)
        if ids is None:
            return default
        if len(ids) < 2:
            return tuple(self._vocab[i] for i in ids)
        from operator import itemgetter

        return itemgetter(*ids)(self._vocab)

    def __getitem__(self, text: str) -> tuple[str, ...]:
        got = self.get(text)
        if got is None:
            raise KeyError(text)
        return got

    def __contains__(self, text: object) -> bool:
        return text in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def clear(self) -> None:
        self._ids.clear()
        self._index.clear()
        self._vocab.clear()

    def nbytes(self) -> int:
        """Bytes of the id arrays (the vocabulary's strings not counted)."""
        return sum(a.itemsize * len(a) for a in self._ids.values())


def _workers(n_jobs: int | None, client: Any) -> int:
    from govtext._runtime.parallel import effective_jobs

    if client is not None:
        from govtext._runtime.parallel import client_workers

        return client_workers(client)
    return effective_jobs(n_jobs)


def count_tokens(tokens_per_doc: Sequence[Sequence[str]]) -> tuple[list[str], sp.csr_matrix]:
    """Counts of token lists over their own sorted vocabulary: ``(vocab, csr)``.

    Examples
    --------
    >>> v, m = count_tokens([["乙", "甲", "乙"], []])
    >>> v, m.toarray().tolist()
    (['乙', '甲'], [[2, 1], [0, 0]])
    """
    import scipy.sparse as sp

    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for toks in tokens_per_doc:
        for t in toks:
            indices.append(vocab.setdefault(t, len(vocab)))
        indptr.append(len(indices))
    n = len(vocab)
    mat = sp.csr_matrix(
        (
            np.ones(len(indices), dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(tokens_per_doc), n),
    )
    mat.sum_duplicates()
    terms = np.array(list(vocab), dtype=object)
    order = np.argsort(terms.astype(str), kind="stable")
    inv = np.empty(n, dtype=np.int64)
    inv[order] = np.arange(n)
    mat = sp.csr_matrix((mat.data, inv[mat.indices], mat.indptr), shape=mat.shape)
    mat.sort_indices()
    return [str(t) for t in terms[order]], mat


def _count_chunk(tokenizer: PolicyTokenizer, texts: list[str]) -> tuple[list[str], Any]:
    return count_tokens(_tokenize_chunk(tokenizer, texts))


def count_chunks(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    n_jobs: int | None = None,
    backend: str = "local",
    client: Any = None,
    chunksize: int = 16,
) -> list[tuple[list[str], Any]]:
    """Tokenize and count each chunk of texts (in workers), one ``(vocab, csr)`` per chunk."""
    from govtext._runtime.config import resolve_option
    from govtext.tokenize.policy import PolicyTokenizer

    n_jobs = resolve_option("n_jobs", n_jobs)
    _check_backend(backend, n_jobs)
    tok = tokenizer or PolicyTokenizer()
    chunks = list(chunked(list(texts), chunksize))
    return _map_chunks(_count_chunk, tok, chunks, n_jobs, backend, client)


def merge_counts(parts: Iterable[tuple[list[str], Any]]) -> tuple[list[str], sp.csr_matrix]:
    """Stack chunk count matrices over the sorted union of their vocabularies.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> v, m = merge_counts([(["乙"], sp.csr_matrix([[2]])), (["甲", "乙"], sp.csr_matrix([[1, 1]]))])
    >>> v, m.toarray().tolist()
    (['乙', '甲'], [[2, 0], [1, 1]])
    """
    import scipy.sparse as sp

    parts = list(parts)
    vocab = sorted({t for v, _ in parts for t in v})
    index = {t: i for i, t in enumerate(vocab)}
    blocks = []
    for v, m in parts:
        remap = np.array([index[t] for t in v], dtype=np.int64)
        m = m.tocsr()
        blocks.append(
            sp.csr_matrix(
                (m.data, remap[m.indices] if len(remap) else m.indices, m.indptr),
                shape=(m.shape[0], len(vocab)),
            )
        )
    if not blocks:
        return vocab, sp.csr_matrix((0, 0), dtype=np.int64)
    out = sp.vstack(blocks, format="csr")
    out.sort_indices()
    return vocab, out.astype(np.int64)
