"""Shared input handling of the stats functions: accept a matrix, corpus, report or text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["as_dtm", "check_column"]


def as_dtm(x: Any, tokenizer: PolicyTokenizer | None = None) -> DocumentTermMatrix:
    from govtext.corpus.loading import corpus_from_texts
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.dtm import DocumentTermMatrix, dtm

    if isinstance(x, DocumentTermMatrix):
        return x
    if isinstance(x, str):
        return dtm(corpus_from_texts([x], names=["text"]), tokenizer=tokenizer)
    if isinstance(x, Report):
        return dtm(Corpus([x]), tokenizer=tokenizer)
    if isinstance(x, Corpus):
        return dtm(x, tokenizer=tokenizer)
    raise InputError(
        f"expected a DocumentTermMatrix, Corpus, Report or str, not {type(x).__name__}"
    )


def check_column(m: DocumentTermMatrix, by: str) -> None:
    if by not in m.meta.columns:
        raise InputError(
            f"no metadata column {by!r}; columns are {', '.join(map(str, m.meta.columns))}"
        )
