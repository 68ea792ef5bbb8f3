"""Packaged word lists: the policy lexicon, general stopwords and policy boilerplate.

Files (UTF-8, in this folder):

* ``policy_terms.tsv`` — ``term, category, canonical, source``; categories are
  ``slogan`` (slogans and numbered formulas), ``programme`` (programmes and strategies),
  ``indicator`` (indicator names), ``institution`` (institutions and designations) and
  ``place``. ``canonical`` links a variant to one form (河（湖）长制 → 河湖长制).
* ``stopwords.txt`` — general function words, one per line.
* ``boilerplate.txt`` — policy boilerplate (工作, 推进, 加强, 坚持 …), one per line.
* ``indicators.txt`` — statistical indicator names (NBS vocabulary), one per line.
* ``divisions.tsv.gz``, ``villages.tsv.gz`` — the national gazetteer (see
  :mod:`govtext.tokenize.places`).

See ``SOURCES.md`` for how each list was built.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Term",
    "lexicon_path",
    "load_policy_terms",
    "load_stopwords",
    "load_boilerplate",
    "load_wordlist",
    "load_indicators",
    "CATEGORIES",
]

CATEGORIES = ("slogan", "programme", "indicator", "institution", "place")


@dataclass(frozen=True)
class Term:
    """One lexicon entry."""

    term: str
    category: str
    canonical: str
    source: str


def lexicon_path(name: str = "") -> Path:
    """Path of the packaged lexicon folder, or of one file in it.

    Examples
    --------
    >>> lexicon_path("policy_terms.tsv").name
    'policy_terms.tsv'
    """
    return Path(__file__).resolve().parent / name


def load_policy_terms(path: str | None = None) -> tuple[Term, ...]:
    """Load the policy lexicon (packaged by default).

    Parameters
    ----------
    path : str, optional
        A TSV with the same columns (``term`` required; ``category``, ``canonical``,
        ``source`` optional).

    Returns
    -------
    tuple of Term

    Examples
    --------
    >>> terms = load_policy_terms()
    >>> any(t.term == "乡村振兴" for t in terms)
    True
    """
    p = Path(path) if path else lexicon_path("policy_terms.tsv")
    try:
        st = p.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (0, 0)  # read_text below names the file in its error
    # memoised per (file, modification time, size): an edited lexicon is read again
    return _load_policy_terms(str(p), stamp)


@lru_cache(maxsize=8)
def _load_policy_terms(path: str, stamp: tuple[int, int]) -> tuple[Term, ...]:
    from govtext.corpus.reading import read_text
    from govtext.errors import InputError

    p = Path(path)
    text, _ = read_text(p)
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not rows:
        raise InputError(f"{p}: empty lexicon")
    header = [h.strip().lower() for h in rows[0]]
    if "term" not in header:
        raise InputError(f"{p}: first line must be a header with a 'term' column, got {rows[0]!r}")
    idx = {h: i for i, h in enumerate(header)}
    out = []
    for row in rows[1:]:
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue

        def col(name: str, default: str = "", row: list[str] = row) -> str:
            i = idx.get(name)
            return row[i].strip() if i is not None and i < len(row) else default

        term = col("term")
        out.append(
            Term(term, col("category", "programme"), col("canonical") or term, col("source"))
        )
    return tuple(out)


def load_wordlist(path: str | os.PathLike[str]) -> frozenset[str]:
    """Load a one-word-per-line list (``#`` starts a comment).

    Examples
    --------
    >>> "的" in load_wordlist(lexicon_path("stopwords.txt"))
    True
    """
    from govtext.corpus.reading import read_text

    text, _ = read_text(path, allow_empty=True)
    words = set()
    for line in text.splitlines():
        w = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
        if w:
            words.add(w)
    return frozenset(words)


@lru_cache(maxsize=1)
def load_stopwords() -> frozenset[str]:
    """The packaged general stopword list.

    Examples
    --------
    >>> "和" in load_stopwords()
    True
    """
    return load_wordlist(lexicon_path("stopwords.txt"))


@lru_cache(maxsize=1)
def load_boilerplate() -> frozenset[str]:
    """The packaged policy-boilerplate list (工作, 推进, 加强, 坚持 …).

    Examples
    --------
    >>> "推进" in load_boilerplate()
    True
    """
    return load_wordlist(lexicon_path("boilerplate.txt"))


@lru_cache(maxsize=1)
def load_indicators() -> tuple[Term, ...]:
    """The packaged statistical indicator names, as lexicon entries of category ``indicator``.

    Examples
    --------
    >>> any(t.term == "居民人均可支配收入" for t in load_indicators())
    True
    """
    words = load_wordlist(lexicon_path("indicators.txt"))
    return tuple(Term(w, "indicator", w, "nbs-indicators") for w in sorted(words))
