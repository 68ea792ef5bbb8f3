"""Tokens of a whole corpus and the counts made from them.

Modules, bottom up (each imports only the ones before it):

* :mod:`~govtext.features.tokens` — cutting and tokenizing many texts: joblib workers,
  Dask, the token cache; per-chunk counts and their merge.
* :mod:`~govtext.features.matrix` — :class:`DocumentTermMatrix` and the one way token
  lists or counts become one (scikit-learn's ``CountVectorizer`` rules).
* :mod:`~govtext.features.hub` — :class:`TokenizedCorpus`, the token hub: a corpus cut
  once, every piece with its sentence, paragraph and section; matrices of any unit and
  co-occurrence windows.
* :mod:`~govtext.features.dtm` — :func:`dtm` (through the hub) and :func:`stream_dtm`.
"""
