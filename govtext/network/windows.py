"""Token windows: a report cut into sentences, paragraphs or one window of tokens.

The windows are what :func:`govtext.network.cooccurrence.cooccurrence` counts in. They
come from the token hub (:class:`govtext.features.hub.TokenizedCorpus`), whose sentences
and paragraphs are those of the one segmenter :mod:`govtext.text.segment`: a sentence
ends after 。！？； (or ! ? ;) and at every line break, a paragraph at a line break.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from govtext.corpus.reports import Corpus
    from govtext.features.hub import TokenizedCorpus
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["WINDOWS", "split_windows", "corpus_windows", "token_hub"]

WINDOWS = ("sentence", "paragraph", "report")


def _check_window(window: str) -> None:
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")


def split_windows(
    pieces: Sequence[str], window: str, tokenizer: PolicyTokenizer
) -> list[list[str]]:
    """Split the pieces of one report (from ``PolicyTokenizer.cut``) into windows of tokens.

    The pieces are grouped by :func:`govtext.text.segment.group_pieces` (sentences end at
    。！？； and their half-width forms and at line breaks; paragraphs at line breaks;
    ``"report"`` is a single window), then filtered to analysis tokens. Empty windows are
    dropped.

    Examples
    --------
    >>> import govtext as gt
    >>> tok = gt.PolicyTokenizer()
    >>> split_windows(tok.cut("乡村振兴。营商环境；\\n高质量发展"), "sentence", tok)
    [['乡村振兴'], ['营商环境'], ['高质量发展']]
    """
    from govtext.text.segment import group_pieces

    _check_window(window)
    windows = (tokenizer.filter(g) for g in group_pieces(pieces, window))
    return [toks for toks in windows if toks]


def token_hub(
    data: Any,
    tokenizer: PolicyTokenizer | None = None,
    *,
    n_jobs: int | None = None,
    cache_dir: Any = None,
) -> TokenizedCorpus:
    """The token hub of a corpus, a report, one text or texts (a hub is returned as is).

    Examples
    --------
    >>> token_hub("推进乡村振兴。").tokens()
    [['乡村振兴']]
    """
    from govtext.corpus.loading import corpus_from_texts
    from govtext.features.hub import TokenizedCorpus

    if isinstance(data, TokenizedCorpus):
        return data
    if isinstance(data, str):
        data = corpus_from_texts([data])
    return TokenizedCorpus(data, tokenizer, n_jobs=n_jobs, cache_dir=cache_dir)


def corpus_windows(
    data: Any,
    tokenizer: PolicyTokenizer | None,
    window: str,
    n_jobs: int | None = None,
    cache_dir: Any = None,
) -> tuple[list[list[str]], np.ndarray, Corpus]:
    """Token windows of a corpus, a report or texts, with the document of each window.

    Parameters
    ----------
    data : Corpus, Report, str, iterable of str, or TokenizedCorpus
        A :class:`~govtext.features.hub.TokenizedCorpus` is used as it is (``tokenizer``,
        ``n_jobs`` and ``cache_dir`` are then ignored); anything else is cut into one.
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
    _check_window(window)
    hub = token_hub(data, tokenizer, n_jobs=n_jobs, cache_dir=cache_dir)
    windows, doc = hub.windows(window, return_reports=True)
    return windows, doc, hub.corpus
