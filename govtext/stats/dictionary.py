"""Dictionary scores: the share of a report's tokens that belong to each policy category.

The shipped dictionary ``policy_attention`` (``govtext/stats/reference/policy_attention.json``)
has ten categories — economy, innovation, environment, agriculture & rural, livelihood,
party building & governance, security & stability, opening-up, reform, urbanisation &
infrastructure — each a list of words. Users can pass their own as a dict, a JSON file or
(with PyYAML installed) a YAML file.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError, MissingExtraError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["dictionary_scores", "unmatched_terms", "load_dictionary", "BUILTIN_DICTIONARIES"]

BUILTIN_DICTIONARIES = {
    "policy": "policy_attention.json",
    "policy_attention": "policy_attention.json",
}


def _from_mapping(obj: Any, src: str) -> dict[str, list[str]]:
    if isinstance(obj, dict) and "categories" in obj and isinstance(obj["categories"], dict):
        obj = obj["categories"]
    if not isinstance(obj, dict) or not obj:
        raise InputError(f"{src}: a dictionary must map category names to lists of terms")
    out: dict[str, list[str]] = {}
    for cat, terms in obj.items():
        if isinstance(terms, dict):
            terms = terms.get("terms")
        if isinstance(terms, str):
            terms = terms.split()
        if not isinstance(terms, (list, tuple)) or not all(isinstance(t, str) for t in terms):
            raise InputError(f"{src}: category {cat!r} must be a list of terms (strings)")
        clean = [t.strip() for t in terms if t and t.strip()]
        if not clean:
            raise InputError(f"{src}: category {cat!r} has no terms")
        out[str(cat)] = list(dict.fromkeys(clean))
    return out


def load_dictionary(source: Any = "policy") -> dict[str, list[str]]:
    """Load a category dictionary as ``{category: [terms]}``.

    Parameters
    ----------
    source : str, path or dict, default "policy"
        ``"policy"`` (the shipped policy-attention dictionary); a ``.json`` file holding
        ``{category: [terms]}`` or ``{"categories": {category: {"terms": [...]}}}``; a
        ``.yaml``/``.yml`` file of the same shape (needs PyYAML); or such a dict. A term
        ending in ``*`` matches every token starting with the part before it.

    Returns
    -------
    dict of str to list of str

    Raises
    ------
    InputError
        A missing file, a file that does not parse, or a malformed dictionary.
    MissingExtraError
        A YAML file without PyYAML installed.

    Examples
    --------
    >>> d = load_dictionary("policy")
    >>> "乡村振兴" in d["agriculture_rural"]
    True
    >>> load_dictionary({"green": ["绿色", "低碳"]})
    {'green': ['绿色', '低碳']}
    """
    if isinstance(source, dict):
        return _from_mapping(source, "dictionary")
    if isinstance(source, str) and source in BUILTIN_DICTIONARIES:
        from importlib import resources

        raw = (
            resources.files("govtext.stats.reference")
            .joinpath(BUILTIN_DICTIONARIES[source])
            .read_text("utf-8")
        )
        return _from_mapping(json.loads(raw), source)
    if not isinstance(source, (str, os.PathLike)):
        raise InputError(
            f"dictionary must be 'policy', a dict or a JSON/YAML file, not {type(source).__name__}"
        )
    p = Path(source)
    if not p.is_file():
        raise InputError(
            f"{p}: dictionary file not found (built-in: {', '.join(sorted(BUILTIN_DICTIONARIES))})"
        )
    from govtext.corpus.reading import read_text

    text, _ = read_text(p)
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise MissingExtraError(
                f"{p}: reading a YAML dictionary needs PyYAML (pip install pyyaml), "
                "or save the dictionary as JSON"
            ) from None
        try:
            obj = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(f"{p}: not valid YAML ({exc})") from None
    elif suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    else:
        raise InputError(f"{p}: dictionary files must end in .json, .yaml or .yml")
    return _from_mapping(obj, str(p))


def _matrix(
    x: Any, d: dict[str, list[str]], tokenizer: PolicyTokenizer | None
) -> DocumentTermMatrix:
    """``x`` as a matrix; text is tokenized with a copy of ``tokenizer`` knowing every term."""
    from govtext.corpus.loading import corpus_from_texts
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.dtm import DocumentTermMatrix, dtm
    from govtext.tokenize.policy import PolicyTokenizer

    if isinstance(x, DocumentTermMatrix):
        return x
    if isinstance(x, str):
        x = corpus_from_texts([x], names=["text"])
    elif isinstance(x, Report):
        x = Corpus([x])
    elif not isinstance(x, Corpus):
        raise InputError(
            f"expected a Corpus, Report, str or DocumentTermMatrix, not {type(x).__name__}"
        )
    tok = copy.deepcopy(tokenizer) if tokenizer is not None else PolicyTokenizer()
    tok.add_words([t for terms in d.values() for t in terms if not t.endswith("*")])
    return dtm(x, tokenizer=tok)


def _lookup(m: DocumentTermMatrix, d: dict[str, list[str]]) -> tuple[np.ndarray, list[str]]:
    """(reports × categories counts, dictionary terms that match no vocabulary entry)."""
    vocab = m.vocab
    ti = m.term_index
    X = m.matrix.tocsc()
    out = np.zeros((len(m), len(d)), dtype=np.int64)
    missing: list[str] = []
    for j, terms in enumerate(d.values()):
        cols: set[int] = set()
        for t in terms:
            if t.endswith("*") and len(t) > 1:
                pre = t[:-1]
                cols.update(i for i, v in enumerate(vocab) if v.startswith(pre))
            elif t in ti:
                cols.add(ti[t])
            else:
                missing.append(t)
        if cols:
            out[:, j] = np.asarray(X[:, sorted(cols)].sum(axis=1)).ravel()
    return out, sorted(set(missing))


def dictionary_scores(
    x: Any,
    dictionary: Any = "policy",
    *,
    tokenizer: PolicyTokenizer | None = None,
    per: float = 1.0,
    counts: bool = False,
) -> pd.DataFrame:
    """Share of each report's analysis tokens that belong to each dictionary category.

    ``score[report, category] = (occurrences of the category's terms in the report) /
    (analysis tokens in the report) × per`` — length-normalised, so long and short
    reports compare.

    Parameters
    ----------
    x : Corpus, Report, str or DocumentTermMatrix
        Text is tokenized with a *copy* of ``tokenizer`` (default ``PolicyTokenizer()``) to
        which every dictionary term is added, so a phrase such as 疫情防控 counts once, as
        itself. With a DocumentTermMatrix only terms in its vocabulary can match; a
        matrix grouped with :meth:`~govtext.DocumentTermMatrix.group_by` scores each
        group (its row name in the ``report`` column). :func:`unmatched_terms` lists the
        terms that match nothing.
    dictionary : str, path or dict, default "policy"
        See :func:`load_dictionary`.
    per : float, default 1.0
        Scale (1 = share, 100 = percent, 1000 = per thousand tokens).
    counts : bool, default False
        Return raw counts (column ``count``) and the report's analysis tokens (column
        ``tokens``) instead of ``score``.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per report and category: ``report, category, score`` (or
        ``report, category, count, tokens``); reports in corpus order, categories in
        dictionary order. ``s.pivot(index="report", columns="category", values="score")``
        gives the wide table.

    Examples
    --------
    >>> import govtext as gt
    >>> s = gt.dictionary_scores("推进乡村振兴，发展数字经济，保护生态环境。", per=100)
    >>> list(s.columns)
    ['report', 'category', 'score']
    >>> s["category"].head(3).tolist()
    ['economy', 'innovation', 'environment']
    >>> float(s.set_index("category").loc["agriculture_rural", "score"]) > 0
    True
    """
    import pandas as pd

    d = load_dictionary(dictionary)
    m = _matrix(x, d, tokenizer)
    out, _ = _lookup(m, d)
    n_reports, n_cats = out.shape
    lengths = m.doc_lengths().astype(np.int64)
    df = pd.DataFrame(
        {
            "report": pd.Series(np.repeat(np.asarray(m.docs, dtype=object), n_cats), dtype=object),
            "category": pd.Series(
                np.tile(np.asarray(list(d), dtype=object), n_reports), dtype=object
            ),
        }
    )
    if counts:
        df["count"] = out.ravel()
        df["tokens"] = np.repeat(lengths, n_cats)
    else:
        denom = np.where(lengths > 0, lengths, 1).astype(float)
        df["score"] = (out / denom[:, None] * per).ravel()
    return df


def unmatched_terms(
    x: Any, dictionary: Any = "policy", *, tokenizer: PolicyTokenizer | None = None
) -> list[str]:
    """Dictionary terms that match no word of ``x`` (so they add nothing to any score).

    Wildcard terms (``绿色*``) are never listed. ``x``, ``dictionary`` and ``tokenizer``
    as in :func:`dictionary_scores`; text is tokenized the same way.

    Returns
    -------
    list of str
        Sorted, without duplicates.

    Examples
    --------
    >>> import govtext as gt
    >>> gt.unmatched_terms("推进乡村振兴。", {"rural": ["乡村振兴", "新质生产力"]})
    ['新质生产力']
    """
    d = load_dictionary(dictionary)
    return _lookup(_matrix(x, d, tokenizer), d)[1]
