"""Keyword in context: every occurrence of a term with the text around it.

Offsets are into :attr:`Report.text` (the text exactly as read), so ``text[start:end]``
is the matched passage and any count in a table can be checked against the source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["kwic"]

_WS = re.compile(r"\s+")


def kwic(
    corpus: Any,
    term: str,
    window: int = 15,
    *,
    regex: bool = False,
    tokens: bool = False,
    tokenizer: PolicyTokenizer | None = None,
    flatten: bool = True,
) -> pd.DataFrame:
    """Keyword-in-context table of ``term`` in every report.

    Parameters
    ----------
    corpus : Corpus, Report, str, list of str or TokenizedCorpus
        A :class:`~govtext.TokenizedCorpus` (the token hub) is read, not cut again.
    term : str
        Text to find. Matching is done on the normalised text (full-width digits and
        letters, spaces inside numbers ...) so ``２０２３年`` is found by ``2023年``; offsets
        are mapped back to the original text.
    window : int, default 15
        Characters of context on each side (of the original text).
    regex : bool, default False
        Treat ``term`` as a regular expression.
    tokens : bool, default False
        Count only occurrences that are a whole piece of the token hub
        (``PolicyTokenizer.cut``), i.e. exactly what a document-term matrix counts before
        filtering; by default every substring matches.
    tokenizer : PolicyTokenizer, optional
        Used with ``tokens=True`` (default: the hub's tokenizer, else ``PolicyTokenizer()``).
    flatten : bool, default True
        Replace line breaks and runs of whitespace in ``left``/``right`` by one space.

    Returns
    -------
    pandas.DataFrame
        ``doc, left, term, right, start, end`` — ``term`` is ``text[start:end]`` of the
        original report text; rows in document order, then by ``start``.

    Examples
    --------
    >>> import govtext as gt
    >>> k = gt.kwic("我们推进乡村振兴。乡村振兴成效明显。", "乡村振兴", window=3)
    >>> k[["left", "term", "right", "start", "end"]].values.tolist()
    [['们推进', '乡村振兴', '。乡村', 4, 8], ['振兴。', '乡村振兴', '成效明', 9, 13]]
    """
    import pandas as pd

    from govtext.corpus.loading import corpus_from_texts
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.hub import TokenizedCorpus
    from govtext.text.normalize import normalize, normalize_with_offsets

    if not isinstance(term, str) or not term.strip():
        raise InputError("term must be a non-empty string")
    if window < 0:
        raise InputError(f"window must be >= 0, not {window}")
    hub = corpus if isinstance(corpus, TokenizedCorpus) else None
    if hub is not None:
        corpus = hub.corpus
    elif isinstance(corpus, str):
        corpus = corpus_from_texts([corpus], names=["text"])
    elif isinstance(corpus, Report):
        corpus = Corpus([corpus])
    elif not isinstance(corpus, Corpus):
        corpus = corpus_from_texts([getattr(r, "text", r) for r in corpus])
    if regex:
        try:
            pat = re.compile(term)
        except re.error as exc:
            raise InputError(f"term {term!r} is not a valid regular expression: {exc}") from None
    else:
        pat = re.compile(re.escape(normalize(term)))
    if tokens and (hub is None or (tokenizer is not None and tokenizer is not hub.tokenizer)):
        hub = TokenizedCorpus(corpus, tokenizer)  # whole tokens: the pieces of the hub
    rows = []
    for i, r in enumerate(corpus):
        text = r.text
        if tokens:
            assert hub is not None
            hits = [sp for p, sp in zip(hub.pieces[i], hub.raw_spans(i)) if pat.fullmatch(p)]
        else:
            norm, offs = normalize_with_offsets(text)
            hits = [
                (offs[mt.start()], offs[mt.end() - 1] + 1)
                for mt in pat.finditer(norm)
                if mt.end() > mt.start()
            ]
        for start, end in hits:
            left = text[max(0, start - window) : start]
            right = text[end : end + window]
            if flatten:
                left, right = _WS.sub(" ", left), _WS.sub(" ", right)
            rows.append((r.name, left, text[start:end], right, start, end))
    return pd.DataFrame(rows, columns=["doc", "left", "term", "right", "start", "end"])
