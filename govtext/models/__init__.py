"""Topic models and their coherence.

- :mod:`~govtext.models.units`: modelling units (paragraphs, sections, reports) as a
  document-term matrix;
- :mod:`~govtext.models.words`: which words a model uses and how it ranks them (FREX);
- :mod:`~govtext.models.decompose`: the NMF / LDA factorisation under a model;
- :mod:`~govtext.models.topics`: :class:`TopicModel` (a scikit-learn estimator) and
  :func:`fit_topics`;
- :mod:`~govtext.models.summary`: what a fitted model tells (top words, prevalence,
  top reports, coherence), the methods :class:`TopicModel` mixes in;
- :mod:`~govtext.models.choose`: :func:`choose_k`;
- :mod:`~govtext.models.coherence`: NPMI, UMass, diversity;
- :mod:`~govtext.models.export`: CSV and pyLDAvis files of a fitted model.

Figures of a fitted model are drawn by :func:`govtext.viz.topics.plot_prevalence`.
"""
