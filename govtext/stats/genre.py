"""The genre of government work reports as a reference: the shipped counts and
document frequencies of 178 reports, and genre counts for a fitted tokenizer's wording.

Keywords, graph nodes and the report page's term lists score a text against these
(:mod:`govtext.stats.keywords`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

__all__ = ["fitted_counts", "reference_counts", "reference_df"]


@functools.lru_cache(maxsize=1)
def _reference_table() -> tuple[int, int, dict[str, int], dict[str, int]]:
    from importlib import resources

    text = (
        resources.files("govtext.stats.reference").joinpath("reference_df.tsv").read_text("utf-8")
    )
    n_docs = n_tokens = 0
    dfs: dict[str, int] = {}
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[2:].partition("=")
            if key in ("n_docs", "n_tokens"):
                n_docs, n_tokens = (
                    (int(value), n_tokens) if key == "n_docs" else (n_docs, int(value))
                )
            continue
        term, df, count = ([*line.split("\t"), "", ""])[:3]
        if term == "term" or not df:
            continue
        dfs[term] = int(df)
        counts[term] = int(count or df)
    return n_docs, n_tokens or sum(counts.values()), dfs, counts


def reference_df() -> tuple[int, dict[str, int]]:
    """The shipped reference document-frequency table of the genre.

    Returns
    -------
    (n_docs, {term: df})
        Number of reports the table was computed from, and each term's document
        frequency (terms in fewer than 2 reports are absent: count them as 0). See
        ``govtext/stats/reference/README.md`` for how it was built.

    Examples
    --------
    >>> n, df = reference_df()
    >>> n > 100 and df["工作"] > 0.9 * n
    True
    """
    n_docs, _, dfs, _ = _reference_table()
    return n_docs, dfs


def reference_counts() -> tuple[int, dict[str, int]]:
    """The shipped reference counts of the genre: tokens in all, and each term's count.

    Built with ``PolicyTokenizer(boilerplate=False)`` on the same reports as
    :func:`reference_df` (terms in fewer than 2 reports are absent: count them as 0).

    Examples
    --------
    >>> n, counts = reference_counts()
    >>> counts["发展"] > counts["新质生产力"] > 0 and n > sum(counts.values()) * 0.9
    True
    """
    _, n_tokens, _, counts = _reference_table()
    return n_tokens, counts


def _reference_total(vocab: Any, counts: Mapping[str, int], n_tokens: int) -> float:
    """Tokens of the reference comparable with a matrix of vocabulary ``vocab``.

    The shipped counts keep boilerplate words (工作, 推进 ...); a matrix made by a tokenizer
    that drops them is compared with the reference minus their counts.
    """
    from govtext.tokenize.lexicon import load_boilerplate

    bp = load_boilerplate()
    if any(w in bp for w in vocab):
        return float(n_tokens)
    return float(n_tokens - sum(c for w, c in counts.items() if w in bp))


@functools.lru_cache(maxsize=1)
def _reference_chars() -> int:
    return sum(len(w) * c for w, c in reference_counts()[1].items())


def fitted_counts(tokenizer: Any) -> dict[str, float]:
    """Genre counts of the fitted phrases that are the genre's wording, not policy terms.

    For a phrase a fitted tokenizer discovered, typed ``"word"`` (used across many regions
    of the fitted corpus, or ending with a verb: 总投资, 准确把握; see
    :meth:`govtext.PolicyTokenizer.fit`) and missing from the shipped reference: its count
    in the fitted corpus times the characters of the reference's tokens over the raw
    characters of that corpus (about the same share of the text; raw characters include
    punctuation and numbers, so the estimate errs low). Phrases typed as policy terms —
    a region's own programmes, even in every report of a one-county corpus — get none:
    like any term the reference lacks, they count as rare in the genre. Empty for a
    tokenizer that was not fitted.

    Parameters
    ----------
    tokenizer : PolicyTokenizer or None

    Returns
    -------
    dict of str to float

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> texts = ["实施桃溪锦带工程，桃溪锦带初见成效。", "打造桃溪锦带样板，桃溪锦带受益。"] * 3
    >>> tok = PolicyTokenizer().fit(texts, min_count=3, min_pmi=1.0, min_entropy=0.5)
    >>> sorted(fitted_counts(tok)), fitted_counts(PolicyTokenizer())  # 桃溪锦带: a term
    ([], {})
    """
    counts = getattr(tokenizer, "discovered_counts_", None)
    chars = getattr(tokenizer, "fit_chars_", 0)
    wording = getattr(tokenizer, "_generic_discovered", None)
    if not counts or not chars or not wording:
        return {}
    _, ref = reference_counts()
    scale = _reference_chars() / chars
    return {w: c * scale for w, c in counts.items() if w in wording and w not in ref}
