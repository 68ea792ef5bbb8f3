"""Token windows: a report cut into sentences, paragraphs or one window of tokens.

The windows are what :func:`govtext.network.cooccurrence.cooccurrence` counts in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["WINDOWS", "split_windows", "corpus_windows"]

WINDOWS = ("sentence", "paragraph", "report")
_SENTENCE_END = frozenset("。！？；!?;\n")


def split_windows(
    pieces: Sequence[str], window: str, tokenizer: PolicyTokenizer
) -> list[list[str]]:
    """Split the pieces of one report (from ``PolicyTokenizer.cut``) into windows of tokens.

    Sentences end at 。！？； (and their half-width forms) and at line breaks; paragraphs
    at line breaks; ``"report"`` gives a single window. Empty windows are dropped.

    Examples
    --------
    >>> import govtext as gt
    >>> tok = gt.PolicyTokenizer()
    >>> split_windows(tok.cut("乡村振兴。营商环境；\\n高质量发展"), "sentence", tok)
    [['乡村振兴'], ['营商环境'], ['高质量发展']]
    """
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    if window == "report":
        toks = tokenizer.filter(pieces)
        return [toks] if toks else []
    ends = _SENTENCE_END if window == "sentence" else frozenset("\n")
    out: list[list[str]] = []
    start = 0
    n = len(pieces)
    for i, p in enumerate(pieces):
        if i + 1 == n or not ends.isdisjoint(p):
            toks = tokenizer.filter(pieces[start : i + 1])
            if toks:
                out.append(toks)
            start = i + 1
    return out


def corpus_windows(
    data: Any,
    tokenizer: PolicyTokenizer | None,
    window: str,
    n_jobs: int | None = 1,
    cache_dir: Any = None,
) -> tuple[list[list[str]], np.ndarray, Any]:
    """Token windows of a corpus, a report or texts, with the document of each window.

    Parameters
    ----------
    data : Corpus, Report, str or iterable of str
    tokenizer : PolicyTokenizer, optional
        Default ``PolicyTokenizer()``.
    window : {"sentence", "paragraph", "report"}
        As in :func:`split_windows`.
    n_jobs, cache_dir
        Worker processes and token cache folder for cutting (same pieces either way).

    Returns
    -------
    windows : list of list of str
    doc : numpy.ndarray
        Index of the report each window comes from.
    corpus : Corpus
        ``data`` as a corpus.

    Examples
    --------
    >>> ws, doc, _ = corpus_windows(["乡村振兴。营商环境", "高质量发展"], None, "sentence")
    >>> ws, doc.tolist()
    ([['乡村振兴'], ['营商环境'], ['高质量发展']], [0, 0, 1])
    """
    from govtext.corpus.loading import corpus_from_texts
    from govtext.corpus.reports import Corpus, Report
    from govtext.tokenize.policy import PolicyTokenizer

    if isinstance(data, Report):
        data = Corpus([data])
    elif isinstance(data, str):
        data = corpus_from_texts([data])
    elif not isinstance(data, Corpus):
        data = corpus_from_texts(list(data))
    if len(data) == 0:
        raise InputError("the corpus is empty")
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    tok = tokenizer or PolicyTokenizer()
    if n_jobs not in (None, 1) or cache_dir is not None:
        from govtext.features.tokens import (
            cut_texts,  # workers and/or the token cache: the same pieces
        )

        pieces = cut_texts(data.texts, tok, n_jobs=n_jobs, cache=cache_dir)
    else:
        pieces = (tok.cut(r.text) for r in data)
    windows: list[list[str]] = []
    doc: list[int] = []
    for d, p in enumerate(pieces):
        ws = split_windows(p, window, tok)
        windows.extend(ws)
        doc.extend([d] * len(ws))
    return windows, np.asarray(doc, dtype=np.int64), data
