"""Modelling units of a topic model: paragraphs, sections or whole reports.

Reports are long and few (a national series has one report a year), so topic models are
fitted on **paragraphs** by default (lines of the report; over-long lines are cut at
sentence ends, where ``；`` ends a sentence as everywhere in govtext, see
:mod:`govtext.text.segment`). :func:`paragraph_dtm` turns a corpus into a
document-term matrix with one row per unit and a ``report`` column that maps each unit
back to its report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.text.segment import SENTENCE_END

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.hub import TokenizedCorpus
    from govtext.features.matrix import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "PROCEDURAL_CUES",
    "UNITS",
    "is_procedural",
    "paragraph_dtm",
    "rows_to_simplex",
    "to_reports",
]

#: The modelling units a topic model can be fitted on.
UNITS = ("paragraph", "section", "report")

#: Phrases of the procedural opening and closing paragraphs of a work report: the request
#: to deliberate (请予审议, 列席 …) and the thanks and greetings (表示诚挚感谢, 致以崇高敬意 …).
PROCEDURAL_CUES = (
    *("请予审议", "请予以审议", "请各位代表审议", "请各位代表予以审议", "提出意见", "列席"),
    *("诚挚感谢", "衷心感谢", "诚挚的感谢", "衷心的感谢", "崇高敬意", "崇高的敬意"),
    *("诚挚问候", "诚挚的问候", "亲切问候", "亲切的问候", "美好的祝愿", "新春的祝福"),
)
# with 让我们, in a short paragraph: the closing call (see is_procedural)
_CALL_CUES = ("团结", "奋斗", "篇章")


def is_procedural(text: str) -> bool:
    """True for a procedural paragraph: the request to deliberate, thanks and greetings,
    and the closing call to unite and strive.

    A paragraph (a unit of :func:`paragraph_dtm`) is procedural when it holds one of
    :data:`PROCEDURAL_CUES`, or when it is the closing call of a report: at most 400
    characters holding 让我们 and 团结, 奋斗 or 篇章. It then says nothing about policy,
    and topic models leave it out by default.

    Examples
    --------
    >>> is_procedural("现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。")
    True
    >>> is_procedural("让我们更加紧密地团结在党中央周围，为谱写新篇章而努力奋斗！")
    True
    >>> is_procedural("全面推进乡村振兴，建设宜居宜业和美乡村。")
    False
    >>> is_procedural("加强民族团结进步教育，让我们的家园更美好。")
    False
    """
    if any(c in text for c in PROCEDURAL_CUES):
        return True
    # the closing call: 让我们更加紧密地团结在……周围，……奋力谱写……新篇章！
    call = "让我们" in text.replace("让我们的", "")  # not 让我们的家园更美好
    return call and len(text) <= 400 and any(c in text for c in _CALL_CUES)


def check_unit(unit: str) -> None:
    """Raise :class:`InputError` unless ``unit`` is one of :data:`UNITS`."""
    if unit not in UNITS:
        raise InputError(f"unit must be 'paragraph', 'section' or 'report', not {unit!r}")


def _split_long(pieces: list[str], max_chars: int) -> list[list[str]]:
    """Cut a paragraph's pieces after a sentence end once ``max_chars`` characters are reached."""
    groups: list[list[str]] = []
    cur: list[str] = []
    size = 0
    for p in pieces:
        cur.append(p)
        size += len(p)
        if size >= max_chars and p in SENTENCE_END:
            groups.append(cur)
            cur, size = [], 0
    if cur:
        groups.append(cur)
    return groups


def heading_starts(report: Any) -> list[int]:
    """Start of every heading of the report (any level), and 0 for the preamble."""
    from govtext.text.structure import walk

    return sorted({int(sec.start) for sec in walk(report.sections)} | {0})


def _section_texts(report: Any) -> list[str]:
    """The report's text cut at every heading start (any level), preamble included."""
    starts = heading_starts(report)
    ends = [*starts[1:], len(report.text)]
    return [report.text[a:b] for a, b in zip(starts, ends) if b > a]


def _runs(ids: np.ndarray) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of equal, non-negative ids (pieces of one unit)."""
    if not len(ids):
        return []
    cuts = np.flatnonzero(np.diff(ids)) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(ids)]])
    return [(int(a), int(b)) for a, b in zip(starts, ends) if ids[a] >= 0]


def unit_pieces(hub: TokenizedCorpus, i: int, unit: str, max_chars: int = 600) -> list[list[str]]:
    """The pieces of each modelling unit of report ``i`` of the token hub, in text order.

    ``"paragraph"``: the hub's paragraphs (lines), a paragraph of ``max_chars`` characters
    or more cut further after sentence ends; ``"section"``: the text between consecutive
    headings of any level (:func:`heading_starts`); ``"report"``: all pieces.

    Examples
    --------
    >>> import govtext as gt
    >>> hub = gt.TokenizedCorpus(["推进乡村振兴。优化营商环境。\\n稳就业"])
    >>> unit_pieces(hub, 0, "paragraph", max_chars=4)
    [['推进', '乡村振兴', '。'], ['优化', '营商环境', '。'], ['稳', '就业']]
    """
    pieces = hub.pieces[i]
    if unit == "report":
        return [list(pieces)]
    if unit == "section":
        raw = np.array([a for a, _ in hub.raw_spans(i)], dtype=np.int64)
        starts = np.array(heading_starts(hub.corpus.reports[i]), dtype=np.int64)
        ids = np.searchsorted(starts, raw, side="right") - 1
        return [pieces[a:b] for a, b in _runs(ids)]
    groups: list[list[str]] = []
    for a, b in _runs(hub.unit_ids(i, "paragraph")):
        groups.extend(_split_long(pieces[a:b], max_chars))
    return groups


def paragraph_dtm(
    corpus: Corpus | TokenizedCorpus | Iterable[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    unit: str = "paragraph",
    max_chars: int = 600,
    procedural: bool = False,
) -> DocumentTermMatrix:
    """Document-term matrix with one row per paragraph (or per section, or per report).

    The units are read from the token hub (:class:`govtext.TokenizedCorpus`): each report
    is cut once (so a term defined in quotes stays whole throughout the report), its
    paragraphs are the lines found by :mod:`govtext.text.segment`, and a line of
    ``max_chars`` characters or more is cut further after sentence ends. Units without
    text are left out, and so are, unless ``procedural``, the procedural paragraphs of
    the opening and closing (:func:`is_procedural`: 请予审议, 列席, 表示诚挚感谢 …). The
    metadata holds the report's metadata plus ``report`` (its
    name), ``paragraph`` (number of the unit within the report) and ``chars``.

    Parameters
    ----------
    corpus : Corpus, TokenizedCorpus or iterable of str
        A :class:`~govtext.TokenizedCorpus` is used as it is (not cut again).
    tokenizer : PolicyTokenizer, optional
        Default: ``PolicyTokenizer()`` (or the token hub's).
    unit : {"paragraph", "section", "report"}
        ``"section"``: the text between consecutive headings found by
        :func:`govtext.parse_sections` (a report without headings is one unit).
    max_chars : int, default 600
    procedural : bool, default False
        Keep the procedural paragraphs (only ``unit="paragraph"`` leaves them out).

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> import govtext as gt
    >>> m = paragraph_dtm(gt.corpus_from_texts(["乡村振兴。\\n营商环境。", "数字经济"]))
    >>> m.meta["report"].tolist(), m.meta["paragraph"].tolist()
    (['doc0', 'doc0', 'doc1'], [0, 1, 0])
    """
    import pandas as pd

    from govtext.features.hub import TokenizedCorpus, _as_corpus
    from govtext.features.matrix import from_counts

    check_unit(unit)
    if isinstance(corpus, TokenizedCorpus):
        if tokenizer is not None and tokenizer is not corpus.tokenizer:
            raise InputError("a TokenizedCorpus brings its own tokenizer: do not pass another")
        hubs: Iterable[tuple[TokenizedCorpus, int]] = [(corpus, 0)]
        whole, tok = corpus.corpus, corpus.tokenizer
    else:
        from govtext.tokenize.policy import PolicyTokenizer

        whole = _as_corpus(corpus)
        tok = tokenizer or PolicyTokenizer()
        hubs = _hub_blocks(whole, tok)
    ids = _UnitIds()
    for hub, first in hubs:  # a block of reports at a time: only its pieces are str lists
        for r in range(len(hub)):
            ids.add_report(
                first + r, unit_pieces(hub, r, unit, max_chars), tok.filter, unit, procedural
            )
        del hub
    if not ids.n_tokens:
        raise InputError("no paragraph has any analysis token after filtering")
    rmeta = whole.meta
    names = np.array(whole.names, dtype=object)
    meta = pd.DataFrame(
        {
            "report": names[ids.report_array()],
            "paragraph": ids.column("paragraph"),
            "chars": ids.column("chars"),
        }
    )
    extra = rmeta.drop(columns=[c for c in ("name", "chars") if c in rmeta.columns])
    meta = meta.join(extra, on="report")
    meta.index = [f"{r}#{p}" for r, p in zip(meta["report"], meta["paragraph"])]
    vocab, counts = ids.counts()
    out = from_counts(vocab, counts, meta)
    out._unit_tokens = ids.unit_tokens()  # type: ignore[attr-defined]  # text order, for windows
    return out


#: Reports cut per block by :func:`paragraph_dtm` (a corpus, not a token hub, given).
UNIT_BLOCK = 256

#: Units counted at a time when the paragraph matrix is made from the token ids.
COUNT_ROWS = 65536


def _hub_blocks(corpus: Any, tok: Any) -> Iterable[tuple[Any, int]]:
    """Token hubs of consecutive blocks of :data:`UNIT_BLOCK` reports, with the position of
    each block's first report: the pieces of one block only are held as ``str`` lists."""
    from govtext.features.hub import TokenizedCorpus

    for a in range(0, len(corpus), UNIT_BLOCK):
        yield TokenizedCorpus(corpus[a : a + UNIT_BLOCK], tok), a


class _UnitIds:
    """The analysis tokens of every unit as ids into one vocabulary (first-seen order),
    with the report, number and length of each unit: 4 bytes a token instead of a list
    of ``str`` per unit. :meth:`counts` gives exactly what
    :func:`govtext.features.tokens.count_tokens` gives on the token lists."""

    def __init__(self) -> None:
        from array import array

        self.index: dict[str, int] = {}
        self.tokens = array("I")
        self.indptr = array("q", [0])
        self.report = array("q")
        self.cols = {"paragraph": array("q"), "chars": array("q")}

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    def add_report(
        self, r: int, groups: list[list[str]], filt: Any, unit: str, procedural: bool
    ) -> None:
        """Add the units of report ``r`` (its groups of pieces, in text order)."""
        index, tokens = self.index, self.tokens
        i = 0
        for g in groups:
            text_len = sum(len(p.strip()) for p in g)
            if text_len == 0:
                continue
            if unit == "paragraph" and not procedural and is_procedural("".join(g)):
                continue
            tokens.extend([index.setdefault(t, len(index)) for t in filt(g)])
            self.indptr.append(len(tokens))
            self.report.append(r)
            self.cols["paragraph"].append(i)
            self.cols["chars"].append(text_len)
            i += 1

    def report_array(self) -> np.ndarray:
        return (
            np.frombuffer(self.report, dtype=np.int64)
            if len(self.report)
            else np.zeros(0, np.int64)
        )

    def column(self, name: str) -> np.ndarray:
        col = self.cols[name]
        return np.frombuffer(col, dtype=np.int64).copy() if len(col) else np.zeros(0, np.int64)

    def counts(self) -> tuple[list[str], Any]:
        """``(sorted vocabulary, csr counts)``, as ``count_tokens`` of the token lists.

        Counted :data:`COUNT_ROWS` units at a time, so that no array as long as every
        token of the corpus is ever made but the ids themselves (4 bytes a token).
        """
        import scipy.sparse as sp

        n = len(self.index)
        ids = np.frombuffer(self.tokens, dtype=np.uint32)
        indptr = np.frombuffer(self.indptr, dtype=np.int64)
        n_rows = len(indptr) - 1
        data, indices, row_nnz = [], [], []
        for a in range(0, n_rows, COUNT_ROWS):
            b = min(a + COUNT_ROWS, n_rows)
            lo, hi = int(indptr[a]), int(indptr[b])
            part = sp.csr_matrix(
                (
                    np.ones(hi - lo, dtype=np.int64),
                    ids[lo:hi].astype(np.int64),
                    indptr[a : b + 1] - lo,
                ),
                shape=(b - a, n),
            )
            part.sum_duplicates()
            data.append(part.data)
            indices.append(part.indices.astype(np.int64))
            row_nnz.append(np.diff(part.indptr))
        terms = np.array(list(self.index), dtype=object)
        order = np.argsort(terms.astype(str), kind="stable")
        inv = np.empty(n, dtype=np.int64)
        inv[order] = np.arange(n)
        new_indptr = np.concatenate([[0], np.cumsum(np.concatenate(row_nnz))]).astype(np.int64)
        mat = sp.csr_matrix(
            (np.concatenate(data), inv[np.concatenate(indices)], new_indptr), shape=(n_rows, n)
        )
        mat.sort_indices()
        return [str(t) for t in terms[order]], mat

    def unit_tokens(self) -> UnitTokens:
        return UnitTokens(
            np.frombuffer(self.tokens, dtype=np.uint32)
            if len(self.tokens)
            else np.zeros(0, np.uint32),
            np.frombuffer(self.indptr, dtype=np.int64),
            list(self.index),
        )


class UnitTokens(Sequence[list[str]]):
    """The analysis tokens of each unit, in text order, kept as ids (a read-only sequence
    of lists of ``str``, each list made when asked for).

    Examples
    --------
    >>> import numpy as np
    >>> u = UnitTokens(np.array([0, 1, 0], dtype=np.uint32), np.array([0, 2, 3]), ["乙", "甲"])
    >>> len(u), u[0], list(u), u == [["乙", "甲"], ["乙"]]
    (2, ['乙', '甲'], [['乙', '甲'], ['乙']], True)
    """

    def __init__(self, ids: np.ndarray, indptr: np.ndarray, vocab: list[str]) -> None:
        self._ids, self._indptr, self._vocab = ids, indptr, vocab

    def __len__(self) -> int:
        return len(self._indptr) - 1

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence of token lists holding the same tokens."""
        if not isinstance(other, (UnitTokens, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == list(b) for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable-like: compares by content

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("unit index out of range")
        v = self._vocab
        return [v[j] for j in self._ids[self._indptr[i] : self._indptr[i + 1]].tolist()]


def matrix_units(X: Any) -> DocumentTermMatrix:
    """A non-negative count matrix (array or scipy sparse) as a document-term matrix.

    Columns are named by their number (``"0"``, ``"1"``, ...), rows ``doc0``, ``doc1``, ...
    """
    import pandas as pd
    import scipy.sparse as sp

    from govtext.features.matrix import DocumentTermMatrix

    A = sp.csr_matrix(X, dtype=np.float64)
    if A.ndim != 2:
        raise InputError(f"a count matrix must be two-dimensional, not of shape {A.shape}")
    if A.nnz and (not np.isfinite(A.data).all() or A.data.min() < 0):
        raise InputError("a count matrix must hold finite, non-negative numbers")
    vocab = [str(j) for j in range(A.shape[1])]
    meta = pd.DataFrame(index=[f"doc{i}" for i in range(A.shape[0])])
    return DocumentTermMatrix(A, vocab, meta)


def align(units: DocumentTermMatrix, vocab: list[str]) -> DocumentTermMatrix:
    """``units`` with exactly the columns ``vocab`` (absent words: empty columns)."""
    import scipy.sparse as sp

    from govtext.features.matrix import DocumentTermMatrix

    ti = units.term_index
    src = np.array([ti.get(w, -1) for w in vocab])
    ok = src >= 0
    sub = units.matrix[:, src[ok]]
    k = int(ok.sum())
    expand = sp.csr_matrix((np.ones(k), (np.arange(k), np.flatnonzero(ok))), shape=(k, len(vocab)))
    out = (sub @ expand).tocsr().astype(units.matrix.dtype)
    return DocumentTermMatrix(out, list(vocab), units.meta)


def token_lists(m: DocumentTermMatrix) -> list[list[str]]:
    """Bag-of-words token lists of a matrix's rows (order within a row is by column)."""
    X = m.matrix.tocsr()
    vocab = np.array(m.vocab, dtype=object)
    out = []
    for i in range(X.shape[0]):
        a, b = X.indptr[i], X.indptr[i + 1]
        out.append(list(np.repeat(vocab[X.indices[a:b]], X.data[a:b])))
    return out


def rows_to_simplex(W: np.ndarray) -> np.ndarray:
    """Non-negative rows scaled to sum to one (an all-zero row: equal shares).

    Examples
    --------
    >>> rows_to_simplex(np.array([[1.0, 3.0], [0.0, 0.0]])).tolist()
    [[0.25, 0.75], [0.5, 0.5]]
    """
    W = np.clip(W, 0.0, None)
    s = W.sum(axis=1, keepdims=True)
    return np.divide(W, s, out=np.full_like(W, 1.0 / W.shape[1]), where=s > 0)


def to_reports(
    unit_topic: np.ndarray, lengths: np.ndarray, meta: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Report shares (unit shares weighted by ``lengths``), report lengths and metadata.

    Units are aggregated by the ``report`` column of ``meta`` (reports in order of first
    appearance); without one, each unit is a report.

    Examples
    --------
    >>> import pandas as pd
    >>> shares, lengths, meta = to_reports(
    ...     np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]),
    ...     np.array([3.0, 1.0, 2.0]),
    ...     pd.DataFrame({"report": ["a", "a", "b"]}),
    ... )
    >>> shares.tolist(), lengths.tolist(), list(meta.index)
    ([[0.75, 0.25], [0.5, 0.5]], [4.0, 2.0], ['a', 'b'])
    """
    import pandas as pd
    import scipy.sparse as sp

    if "report" in meta.columns:
        names = meta["report"].astype(str).tolist()
        order = list(dict.fromkeys(names))
        pos = {n: i for i, n in enumerate(order)}
        rows = np.array([pos[n] for n in names])
        agg = sp.csr_matrix(
            (lengths, (rows, np.arange(len(names)))), shape=(len(order), len(names))
        )
        mass = agg @ unit_topic
        doc_lengths = np.asarray(agg.sum(axis=1)).ravel()
        first = pd.Series(np.arange(len(names))).groupby(rows).first().to_numpy()
        rmeta = meta.iloc[first].drop(columns=["paragraph", "chars"], errors="ignore")
        rmeta.index = order
    else:
        mass = unit_topic * lengths[:, None]
        doc_lengths = lengths.copy()
        rmeta = meta.copy()
    return rows_to_simplex(np.asarray(mass)), doc_lengths, rmeta
