"""Which terms a default co-occurrence graph shows: a report's policy terms, not its address.

The default nodes of :func:`~govtext.network.graph.cooccurrence_graph` and
:func:`~govtext.network.graph.graphs_by` are the policy terms of the text ranked by
keyness against the genre (:func:`govtext.stats.keywords.rank_terms`). Two kinds of word
rank high there and say nothing about the text's policies, so they are left out by
default (``keep_region=True`` keeps them):

* the report's **own region and its parents** (涞源, 涞源县, 保定市, 河北省 in a report
  of 河北省保定市涞源县; the pieces of the ``region`` metadata, full and short:
  :func:`own_region`) and their organs
  (涞源县人民政府) — every paragraph names them;
* in a graph of **several reports** (a corpus, a year, a group), every **place name**
  (token type ``place``: :mod:`govtext.tokenize.kinds`): the counties of a year's
  reports are where the reports come from, not what they are about.

**Terms first**: terms of the policy lexicon or of a term type (policy, place,
organisation, indicator, facility) are taken before plain words; plain words only fill
a graph that has fewer than :data:`MIN_TERMS` terms, so generic words never fill it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from govtext.network.cooccurrence import Cooccurrence
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["MIN_TERMS", "left_out", "own_region", "select_terms", "typed_mask"]

#: Plain words (neither a lexicon term nor of a term type) only fill a default graph that
#: has fewer terms than this.
MIN_TERMS = 20

#: Terms used no more often than in the genre (乡村振兴 in a county report) fill a default
#: graph of fewer key terms than this.
FILL_TERMS = 30

_TERM_TYPES = frozenset({"policy", "indicator", "organisation", "facility", "place"})


_PIECE = re.compile(
    r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|林区|省|市|县|区|镇|乡|盟|旗)"
)


@functools.lru_cache(maxsize=256)
def own_region(region: Any, level: Any = None) -> frozenset[str]:
    """The names of a region and of its parents, full and short (not its subdivisions).

    The pieces of the region's path (河北省, 保定市, 涞源县), their short names
    (:func:`govtext.stats.regions.short_name`: 河北, 保定, 涞源) and, as
    :func:`govtext.stats.regions.region_parts` does, every substring of two characters
    or more of a piece (fragments a segmenter may leave: 闸口 of 北闸口镇). ``level`` is
    accepted for symmetry with ``region_parts`` and not needed.

    Examples
    --------
    >>> sorted(own_region("河北省保定市涞源县") & {"涞源", "涞源县", "保定市", "河北", "银坊镇"})
    ['保定市', '河北', '涞源', '涞源县']
    >>> own_region(None)
    frozenset()
    """
    if not isinstance(region, str) or not region.strip():
        return frozenset()
    from govtext.stats.regions import short_name

    region = region.strip()
    pieces = _PIECE.findall(region) or [region]
    out: set[str] = set()
    for piece in pieces:
        out.update((piece, short_name(piece)))
        out.update(piece[i:j] for i in range(len(piece)) for j in range(i + 2, len(piece) + 1))
    return frozenset(out)


def _of_region(term: str, parts: frozenset[str]) -> bool:
    """A region's own name, or its name followed by an organ (涞源县人民政府)."""
    if term in parts:
        return True
    from govtext.tokenize.places import ORGAN_HEADS

    return any(term.endswith(h) and term[: -len(h)] in parts for h in ORGAN_HEADS)


def _regions(data: Any) -> list[tuple[Any, Any]]:
    """``(region, level)`` of each report of ``data`` (empty for texts and token lists)."""
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.hub import TokenizedCorpus

    if isinstance(data, TokenizedCorpus):
        data = data.corpus
    if isinstance(data, Report):
        return [(data.meta.get("region"), data.meta.get("level"))]
    if isinstance(data, Corpus):
        meta = data.meta
        regions = meta["region"].tolist() if "region" in meta.columns else [None] * len(data)
        levels = meta["level"].tolist() if "level" in meta.columns else [None] * len(data)
        return list(zip(regions, levels))
    return []


def _types(vocab: list[str], tokenizer: Any) -> list[str]:
    """Token types from the tokenizer's ``types`` (default ``PolicyTokenizer()``), else ``""``."""
    if tokenizer is None:
        from govtext.stats.keywords import _default_tokenizer

        tokenizer = _default_tokenizer()
    types = getattr(tokenizer, "types", None)
    return list(types(vocab)) if types is not None else [""] * len(vocab)


def typed_mask(vocab: list[str], tokenizer: PolicyTokenizer | None = None) -> np.ndarray:
    """Which words are terms: of the policy lexicon or of a term type (policy, place …).

    Examples
    --------
    >>> typed_mask(["乡村振兴", "面对"]).tolist()
    [True, False]
    """
    from govtext.tokenize.lexicon import load_policy_terms

    lexicon = {t for e in load_policy_terms() for t in (e.term, e.canonical)}
    kinds = _types(vocab, tokenizer)
    return np.array([w in lexicon or k in _TERM_TYPES for w, k in zip(vocab, kinds)], dtype=bool)


def left_out(
    data: Any,
    vocab: list[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    several: bool | None = None,
) -> frozenset[str]:
    """The words of ``vocab`` a default graph of ``data`` leaves out (see the module).

    Parameters
    ----------
    data : Report, Corpus, TokenizedCorpus or anything else
        Only reports carry a region; texts and token lists leave nothing out by region.
    vocab : list of str
    tokenizer : PolicyTokenizer, optional
    several : bool, optional
        Whether the graph is one of several reports (all place names out). Default: more
        than one report in ``data``.

    Examples
    --------
    >>> import govtext as gt
    >>> r = gt.Report.from_text("涞源县推进乡村振兴。", meta={"region": "河北省保定市涞源县"})
    >>> sorted(left_out(r, ["涞源县", "涞源县人民政府", "乡村振兴", "保定", "易县"]))
    ['保定', '涞源县', '涞源县人民政府']
    """
    regions = _regions(data)
    parts: frozenset[str] = frozenset()
    for region, level in dict.fromkeys(regions):
        parts |= own_region(region, level)
    out = {w for w in vocab if _of_region(w, parts)} if parts else set()
    if several if several is not None else len(regions) > 1:
        out.update(w for w, k in zip(vocab, _types(vocab, tokenizer)) if k == "place")
    return frozenset(out)


def select_terms(
    cooc: Cooccurrence,
    top: int,
    *,
    tokenizer: PolicyTokenizer | None = None,
    drop: Iterable[str] = (),
    min_count: int = 2,
    linked: bool = True,
) -> list[str]:
    """The default nodes: the ``top`` best terms by keyness, plain words only to fill.

    Terms (:func:`typed_mask`) ranked by keyness against the genre come first; plain
    words are added only while fewer than :data:`MIN_TERMS` (or ``top``) are chosen.
    With ``linked``, a term that shares fewer than ``min_count`` windows with every
    other chosen term gives its place to the next one.

    Examples
    --------
    >>> from govtext.network.cooccurrence import cooccurrence
    >>> c = cooccurrence([["数字经济", "营商环境", "面对"]] * 3)
    >>> select_terms(c, 10)
    ['数字经济', '营商环境', '面对']
    """
    from govtext.stats.keywords import rank_terms

    freq = cooc.frequency[None, :]
    drop = frozenset(drop)

    def ranked(min_ratio: float) -> list[str]:
        order = rank_terms(
            freq,
            cooc.vocab,
            tokenizer=tokenizer,
            min_ratio=min_ratio,
            drop=drop,
            terms_first=True,
        )[0]
        return [cooc.vocab[j] for j in order[: 3 * top]]

    key = ranked(1.5)  # used at least 1.5 times as often as in the genre
    is_term = dict(zip(key, typed_mask(key, tokenizer).tolist()))

    def pick(cands: list[str], n: int) -> list[str]:
        return _linked_first(cooc, cands, n, min_count) if linked else cands[:n]

    chosen = pick([t for t in key if is_term[t]], top)
    if len(chosen) < min(FILL_TERMS, top):  # the report's other terms, by keyness
        more = [t for t in ranked(0.0) if t not in is_term]
        more = [t for t, ok in zip(more, typed_mask(more, tokenizer)) if ok]
        chosen = pick(chosen + more, max(len(chosen), min(FILL_TERMS, top)))
    if len(chosen) < min(MIN_TERMS, top):  # plain words only to fill a small graph
        chosen = pick(chosen + [t for t in key if not is_term[t]], min(MIN_TERMS, top))
    return chosen


def _linked_first(cooc: Cooccurrence, pool: list[str], top: int, min_count: int) -> list[str]:
    """The best ``top`` terms of ``pool`` (in its order) that co-occur ``min_count`` times with
    another chosen term: isolated terms give their place to the next ones."""
    chosen = pool
    for _ in range(3):  # dropping a term can leave another one alone: settle in a few rounds
        M = cooc.select(chosen).matrix.tocoo()
        off = (M.row != M.col) & (M.data >= min_count)
        linked = set(np.asarray(chosen, dtype=object)[np.unique(M.row[off])])
        nxt = [t for t in chosen if t in linked][:top]
        if nxt == chosen:
            break
        chosen = nxt
    return chosen
