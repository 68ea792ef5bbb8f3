"""The token hub: a corpus tokenized once, every piece with its position.

:class:`TokenizedCorpus` cuts every report once with ``PolicyTokenizer.cut`` (in
``n_jobs`` worker processes, on Dask, and/or through the token cache: the pieces are the
same whichever way) and keeps, per report, the lossless pieces (their concatenation is
the normalised text) with

* their offsets into the normalised text (:meth:`~TokenizedCorpus.offsets`) and into the
  report text as read (:meth:`~TokenizedCorpus.raw_spans`);
* their sentence and paragraph, cut by the one segmenter :mod:`govtext.text.segment`
  (the ids number the groups of :func:`~govtext.text.segment.group_pieces`);
* their top-level section, from :func:`govtext.text.structure.section_spans`.

Everything downstream reads from it: document-term matrices of any unit
(:meth:`~TokenizedCorpus.dtm`), co-occurrence windows (:meth:`~TokenizedCorpus.windows`),
KWIC (:func:`govtext.kwic`), and :func:`govtext.dtm` itself. The token cache stores the
hub's contents, the pieces of each report text (positions are derived from them, so the
cache format is the one ``cut_texts`` has always written).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.matrix import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["TokenizedCorpus", "UNITS"]

#: Units a matrix row or a window can be, from the largest to the smallest.
UNITS = ("report", "section", "paragraph", "sentence")


def _as_corpus(corpus: Any) -> Corpus:
    from govtext.corpus.loading import corpus_from_texts
    from govtext.corpus.reports import Corpus, Report

    if isinstance(corpus, str):
        raise InputError("a token hub needs a Corpus or a list of texts, not a single str")
    if isinstance(corpus, Report):
        corpus = Corpus([corpus])
    elif not isinstance(corpus, Corpus):
        corpus = corpus_from_texts([getattr(r, "text", r) for r in corpus])
    if len(corpus) == 0:
        raise InputError("the corpus is empty")
    return corpus


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise InputError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")


def _group_ids(pieces: list[str], unit: str) -> np.ndarray:
    """Sentence or paragraph id of every piece (-1: in no group), numbering the groups
    :func:`govtext.text.segment.group_pieces` returns, in order (same rule, with ids)."""
    from govtext.text.segment import SENTENCE_END

    ids = np.full(len(pieces), -1, dtype=np.int64)
    sentence = unit == "sentence"
    gid = 0
    start = 0  # first piece of the open group
    has_text = False
    for i, p in enumerate(pieces):
        if "\n" in p:  # ends the open group; belongs to none
            if has_text:
                ids[start:i] = gid
                gid += 1
            start, has_text = i + 1, False
            continue
        has_text = has_text or bool(p.strip())
        if sentence and p in SENTENCE_END:
            if has_text:
                ids[start : i + 1] = gid
                gid += 1
            start, has_text = i + 1, False
    if has_text:
        ids[start:] = gid
    return ids


class TokenizedCorpus:
    """A corpus tokenized once: each report's pieces with sentence, paragraph and section.

    Parameters
    ----------
    corpus : Corpus, Report or iterable of str
    tokenizer : PolicyTokenizer, optional
        Default ``PolicyTokenizer()``. Its filters (``tokenize``) make the analysis tokens
        of :meth:`tokens`, :meth:`dtm` and :meth:`windows`.
    n_jobs : int, optional (default: ``govtext.get_config()``, 1)
        Worker processes for cutting (joblib, spawn-safe; -1 = all cores).
    backend : {"local", "dask"}, default "local"
    client : dask.distributed.Client, optional
    cache_dir : path or TokenCache, optional
        Token cache: texts cut before with the same tokenizer configuration are read back.

    Attributes
    ----------
    corpus : Corpus
    tokenizer : PolicyTokenizer
    pieces : list of list of str
        ``tokenizer.cut`` of each report (``"".join(pieces[i])`` is its normalised text).

    Examples
    --------
    >>> import govtext as gt
    >>> hub = gt.TokenizedCorpus(gt.corpus_from_texts(["推进乡村振兴。优化营商环境；\\n稳就业"]))
    >>> hub.pieces[0]
    ['推进', '乡村振兴', '。', '优化', '营商环境', '；', '\\n', '稳', '就业']
    >>> hub.windows("sentence")
    [['乡村振兴'], ['优化', '营商环境'], ['就业']]
    >>> hub.dtm("paragraph").matrix.toarray().tolist()
    [[1, 1, 0, 1], [0, 0, 1, 0]]
    """

    def __init__(
        self,
        corpus: Corpus | Iterable[str],
        tokenizer: PolicyTokenizer | None = None,
        *,
        n_jobs: int | None = None,
        backend: str = "local",
        client: Any = None,
        cache_dir: str | os.PathLike[str] | Any = None,
    ) -> None:
        from govtext.tokenize.policy import PolicyTokenizer

        self.corpus = _as_corpus(corpus)
        self.tokenizer = tok = tokenizer or PolicyTokenizer()
        texts = self.corpus.texts
        from govtext._runtime.config import resolve_option

        n_jobs, cache_dir = resolve_option("n_jobs", n_jobs), resolve_option("cache_dir", cache_dir)
        if n_jobs not in (None, 1) or backend != "local" or cache_dir is not None:
            from govtext.features.tokens import cut_texts

            self.pieces = cut_texts(
                texts, tok, n_jobs=n_jobs, backend=backend, client=client, cache=cache_dir
            )
        else:
            self.pieces = [tok.cut(t) for t in texts]
        self._kept: dict[str, str | None] = {}
        self._ids: dict[tuple[str, int], np.ndarray] = {}

    # ------------------------------------------------------------------ basics
    def __len__(self) -> int:
        return len(self.pieces)

    def __repr__(self) -> str:
        n = sum(map(len, self.pieces))
        return f"TokenizedCorpus({len(self)} reports, {n} pieces)"

    @property
    def names(self) -> list[str]:
        """Report names, in order."""
        return self.corpus.names

    def normalized(self, i: int) -> str:
        """Normalised text of report ``i`` (the concatenation of its pieces)."""
        return "".join(self.pieces[i])

    def offsets(self, i: int) -> np.ndarray:
        """Start of every piece of report ``i`` in its normalised text, plus the end.

        ``norm[off[k]:off[k + 1]] == pieces[i][k]`` (``len(pieces[i]) + 1`` values).

        Examples
        --------
        >>> import govtext as gt
        >>> gt.TokenizedCorpus(["增长７％"]).offsets(0).tolist()
        [0, 2, 4]
        """
        lengths = np.fromiter(map(len, self.pieces[i]), dtype=np.int64, count=len(self.pieces[i]))
        return np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)

    def raw_spans(self, i: int) -> list[tuple[int, int]]:
        """``(start, end)`` of every piece of report ``i`` in the text as read.

        Examples
        --------
        >>> import govtext as gt
        >>> gt.TokenizedCorpus(["增长７％，达４.７亿元"]).raw_spans(0)
        [(0, 2), (2, 4), (4, 5), (5, 6), (6, 11)]
        """
        from govtext.text.normalize import normalize_with_offsets

        text = self.corpus.reports[i].text
        norm, offs = normalize_with_offsets(text, simplify=self.tokenizer.simplify)
        bounds = self.offsets(i).tolist()
        if norm != self.normalized(i):  # pragma: no cover - cut() is lossless
            raise InputError(f"{self.names[i]}: pieces do not rebuild the normalised text")
        end = len(text)
        return [
            (offs[a], offs[b - 1] + 1) if b > a else ((offs[a] if a < len(offs) else end),) * 2
            for a, b in zip(bounds[:-1], bounds[1:])
        ]

    # --------------------------------------------------------------- positions
    def unit_ids(self, i: int, unit: str) -> np.ndarray:
        """Id of the sentence, paragraph or section of every piece of report ``i``.

        Ids count from 0 within the report; -1 marks a piece in no unit (a line break,
        blank text, text before the first heading when it is blank). Sentence and
        paragraph ids number the groups of :func:`govtext.text.segment.group_pieces`;
        section ids index :func:`govtext.text.structure.section_spans` of the report
        text. ``"report"`` gives 0 everywhere.

        Examples
        --------
        >>> import govtext as gt
        >>> hub = gt.TokenizedCorpus(["推进乡村振兴。优化营商环境\\n稳就业"])
        >>> hub.unit_ids(0, "sentence").tolist()
        [0, 0, 0, 1, 1, -1, 2, 2]
        """
        _check_unit(unit)
        key = (unit, i)
        got = self._ids.get(key)
        if got is None:
            pieces = self.pieces[i]
            if unit == "report":
                got = np.zeros(len(pieces), dtype=np.int64)
            elif unit == "section":
                got = self._section_ids(i)
            else:
                got = _group_ids(pieces, unit)
            self._ids[key] = got
        return got

    def sections(self, i: int) -> list[tuple[str, int, int]]:
        """``(kind, start, end)`` of the top-level sections of report ``i`` (raw offsets);
        section id ``k`` of :meth:`unit_ids` is item ``k``."""
        from govtext.text.structure import section_spans

        return section_spans(self.corpus.reports[i].text)

    def _section_ids(self, i: int) -> np.ndarray:
        spans = self.sections(i)
        starts = np.array([s for _, s, _ in spans], dtype=np.int64)
        raw = np.array([s for s, _ in self.raw_spans(i)], dtype=np.int64)
        if not len(starts):
            return np.full(len(raw), -1, dtype=np.int64)
        return (np.searchsorted(starts, raw, side="right") - 1).astype(np.int64)

    def table(self) -> pd.DataFrame:
        """Every piece of every report as a long table.

        Columns ``report, piece, token, start, end, sentence, paragraph, section,
        section_kind``: ``token`` is the analysis token the piece becomes (missing when
        the filters drop it); ``start``/``end`` are offsets into the normalised text.

        Examples
        --------
        >>> import govtext as gt
        >>> t = gt.TokenizedCorpus(["推进乡村振兴。"]).table()
        >>> t[["piece", "token", "start", "end", "sentence"]].fillna("-").values.tolist()
        [['推进', '-', 0, 2, 0], ['乡村振兴', '乡村振兴', 2, 6, 0], ['。', '-', 6, 7, 0]]
        """
        import pandas as pd

        frames = []
        for i, name in enumerate(self.names):
            off = self.offsets(i)
            kinds = [k for k, _, _ in self.sections(i)]
            sec = self.unit_ids(i, "section")
            frames.append(
                pd.DataFrame(
                    {
                        "report": name,
                        "piece": self.pieces[i],
                        "token": self._piece_tokens(i),
                        "start": off[:-1],
                        "end": off[1:],
                        "sentence": self.unit_ids(i, "sentence"),
                        "paragraph": self.unit_ids(i, "paragraph"),
                        "section": sec,
                        "section_kind": [kinds[s] if s >= 0 else "preamble" for s in sec],
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)

    # ------------------------------------------------------------------ tokens
    def tokens(self) -> list[list[str]]:
        """Analysis tokens of each report (``tokenizer.tokenize`` of its text).

        Examples
        --------
        >>> import govtext as gt
        >>> gt.TokenizedCorpus(["推进乡村振兴", "优化营商环境"]).tokens()
        [['乡村振兴'], ['优化', '营商环境']]
        """
        return [self.tokenizer.filter(p) for p in self.pieces]

    def _piece_tokens(self, i: int) -> list[str | None]:
        """The analysis token each piece of report ``i`` becomes (None: dropped)."""
        kept = self._kept
        filt = self.tokenizer.filter
        for p in set(self.pieces[i]).difference(kept):
            got = filt([p])
            kept[p] = got[0] if got else None
        return [kept[p] for p in self.pieces[i]]

    def _units(self, unit: str) -> tuple[list[list[str]], list[int], list[int]]:
        """Token list, report index and unit id of every unit of every report."""
        _check_unit(unit)
        if unit == "report":
            return self.tokens(), list(range(len(self))), [0] * len(self)
        lists: list[list[str]] = []
        reports: list[int] = []
        ids: list[int] = []
        for i in range(len(self)):
            uid = self.unit_ids(i, unit)
            n = int(uid.max()) + 1 if len(uid) else 0
            groups: list[list[str]] = [[] for _ in range(n)]
            for u, t in zip(uid.tolist(), self._piece_tokens(i)):
                if u >= 0 and t is not None:
                    groups[u].append(t)
            lists.extend(groups)
            reports.extend([i] * n)
            ids.extend(range(n))
        return lists, reports, ids

    def windows(
        self, unit: str = "sentence", *, drop_empty: bool = True, return_reports: bool = False
    ) -> Any:
        """Analysis tokens of every unit, in report then text order (co-occurrence windows).

        Parameters
        ----------
        unit : {"report", "section", "paragraph", "sentence"}, default "sentence"
        drop_empty : bool, default True
            Leave out units with no analysis token.
        return_reports : bool, default False
            Also return the report index (``int64`` array) of each window.

        Returns
        -------
        list of list of str, or (list of list of str, numpy.ndarray)

        Examples
        --------
        >>> import govtext as gt
        >>> hub = gt.TokenizedCorpus(["推进乡村振兴。", "优化营商环境\\n稳就业"])
        >>> w, r = hub.windows("paragraph", return_reports=True)
        >>> w, r.tolist()
        ([['乡村振兴'], ['优化', '营商环境'], ['就业']], [0, 1, 1])
        """
        lists, reports, _ = self._units(unit)
        if drop_empty:
            keep = [k for k, toks in enumerate(lists) if toks]
            lists = [lists[k] for k in keep]
            reports = [reports[k] for k in keep]
        if return_reports:
            return lists, np.asarray(reports, dtype=np.int64)
        return lists

    def dtm(
        self,
        unit: str = "report",
        *,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        max_features: int | None = None,
        vocabulary: Iterable[str] | None = None,
        drop_empty: bool = False,
    ) -> DocumentTermMatrix:
        """Document-term matrix whose rows are reports, sections, paragraphs or sentences.

        Parameters
        ----------
        unit : {"report", "section", "paragraph", "sentence"}, default "report"
        min_df, max_df, max_features, vocabulary
            As in :func:`govtext.dtm` (document frequency counts rows of this unit).
        drop_empty : bool, default False
            Leave out units with no analysis token (kept by default, so that every
            segment of the text has a row, as quanteda's ``corpus_reshape``).

        Returns
        -------
        DocumentTermMatrix
            For ``"report"``, exactly :func:`govtext.dtm`'s matrix (``meta`` is the
            corpus's). Otherwise ``meta`` has the report's metadata row for every unit,
            plus ``report`` (its name) and the unit's id within the report (a column
            named after the unit; sections also ``section_kind``); the index is
            ``"<report>:<id>"``. Rows of one report sum to its row of the report matrix.

        Examples
        --------
        >>> import govtext as gt
        >>> hub = gt.TokenizedCorpus(gt.datasets.load_sample())
        >>> s = hub.dtm("sentence")
        >>> int(s.matrix.sum()) == int(hub.dtm().matrix.sum())
        True
        >>> list(s.meta.columns[-2:])
        ['report', 'sentence']
        """
        from govtext.features.matrix import from_token_lists

        bounds = dict(
            min_df=min_df, max_df=max_df, max_features=max_features, vocabulary=vocabulary
        )
        meta = self.corpus.meta
        lists, reports, ids = self._units(unit)
        if unit != "report" or drop_empty:
            if drop_empty:
                keep = [k for k, toks in enumerate(lists) if toks]
                lists = [lists[k] for k in keep]
                reports = [reports[k] for k in keep]
                ids = [ids[k] for k in keep]
            meta = self._unit_meta(meta, unit, reports, ids)
        out = from_token_lists(lists, meta, **bounds)
        if unit == "report" and not drop_empty:  # rows = the corpus's reports, in order
            out._source = (self.corpus, self.tokenizer, self.tokenizer.config_hash)
        return out

    def _unit_meta(
        self, meta: pd.DataFrame, unit: str, reports: list[int], ids: list[int]
    ) -> pd.DataFrame:
        out = meta.iloc[reports].copy()
        names = self.names
        out["report"] = [names[r] for r in reports]
        if unit != "report":
            out[unit] = np.asarray(ids, dtype=np.int64)
        if unit == "section":
            kinds = {}
            for r in set(reports):
                kinds[r] = [k for k, _, _ in self.sections(r)]
            out["section_kind"] = [kinds[r][k] for r, k in zip(reports, ids)]
        if unit != "report":
            out.index = [f"{names[r]}:{k}" for r, k in zip(reports, ids)]
        return out
