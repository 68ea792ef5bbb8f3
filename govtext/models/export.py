"""Files of a fitted topic model: CSV tables and pyLDAvis-format JSON.

The functions take a fitted :class:`~govtext.models.topics.TopicModel` (they read only
its fitted attributes and public methods); :meth:`TopicModel.save` and
:meth:`TopicModel.to_pyldavis` call them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["params_json", "pyldavis_data", "save_model", "csv_table"]


def csv_table(df: Any, *, index: bool = False, escape_formulas: bool = True) -> str:
    """CSV text of a model table (``%.6g`` floats), cells a spreadsheet would run as
    formulas escaped with a leading ``'`` (see :func:`govtext.readwrite.tables.csv_text`).

    Examples
    --------
    >>> import pandas as pd
    >>> print(csv_table(pd.DataFrame({"term": ["=1+1", "-2"]}, index=["@a", "b"]), index=True))
    ,term
    '@a,'=1+1
    b,-2
    <BLANKLINE>
    """
    from govtext._runtime.csvtext import csv_text

    return csv_text(df, index=index, escape_formulas=escape_formulas, float_format="%.6g")


def params_json(model: Any) -> dict[str, Any]:
    """The model's parameters as JSON-able values (the tokenizer by its configuration hash).

    Examples
    --------
    >>> import govtext as gt
    >>> params_json(gt.TopicModel(k=3))["k"], params_json(gt.TopicModel())["drop_pos"][:2]
    (3, ['c', 'd'])
    """
    params = model.get_params(deep=False)
    tok = params["tokenizer"]
    drop_pos = params["drop_pos"]
    return {
        "k": int(params["k"]),
        "method": params["method"],
        "unit": params["unit"],
        "random_state": params["random_state"],
        "tokenizer": None if tok is None else getattr(tok, "config_hash", repr(tok)),
        "min_df": params["min_df"],
        "max_df": params["max_df"],
        "min_unit_tokens": params["min_unit_tokens"],
        "ranking": params["ranking"],
        "frex_weight": params["frex_weight"],
        "drop_pos": None if drop_pos is None else list(drop_pos),
        "max_iter": params["max_iter"],
        "drop_generic": params["drop_generic"],
        "procedural": params["procedural"],
    }


def pyldavis_data(model: Any) -> dict[str, Any]:
    """A fitted model as the keyword arguments of ``pyLDAvis.prepare`` (lists, JSON-able).

    See :meth:`govtext.TopicModel.to_pyldavis`.
    """
    tf = np.asarray(model.term_frequency_, dtype=np.float64)
    return {
        "topic_term_dists": np.round(model.topic_term_, 12).tolist(),
        "doc_topic_dists": np.round(model.doc_topic_, 12).tolist(),
        "doc_lengths": [int(x) for x in np.rint(model.doc_lengths_)],
        "vocab": list(model.vocab_),
        "term_frequency": [int(x) for x in tf],
    }


def save_model(
    model: Any,
    folder: str | os.PathLike[str],
    *,
    by: Sequence[str] = ("year",),
    escape_formulas: bool = True,
) -> list[Path]:
    """Write a fitted model's tables and JSON into ``folder``; see :meth:`govtext.TopicModel.save`.

    CSV cells a spreadsheet would run as formulas are escaped unless ``escape_formulas``
    is false (see :func:`csv_table`).
    """
    from govtext._runtime.files import atomic_write_text

    def table(df: Any, index: bool) -> str:
        return csv_table(df, index=index, escape_formulas=escape_formulas)

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = [atomic_write_text(out / "topics.csv", table(model.topics, False))]
    dt = model.document_topics()
    written.append(atomic_write_text(out / "doc_topic.csv", table(dt, True)))
    for b in by:
        if b in model.meta_.columns and model.meta_[b].notna().any():
            p = model.prevalence(b)
            p.columns = [f"{c}:{model.labels_[c]}" for c in p.columns]
            written.append(atomic_write_text(out / f"prevalence_{b}.csv", table(p, True)))
    coh = model.coherence()
    written.append(atomic_write_text(out / "coherence.csv", table(coh, False)))
    payload = {
        "params": params_json(model),
        "labels": model.labels_,
        "top_terms": model.top_terms(10),
        **pyldavis_data(model),
    }
    written.append(
        atomic_write_text(
            out / "pyldavis.json",
            json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n",
        )
    )
    return written
