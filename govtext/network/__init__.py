"""Co-occurrence networks, in the order a graph is made.

- :mod:`~govtext.network.windows`: token windows (sentences, paragraphs, reports) from
  the token hub;
- :mod:`~govtext.network.cooccurrence`: :class:`Cooccurrence` counts, one sparse product;
- :mod:`~govtext.network.association`: PMI, NPMI, Jaccard, Dice, conditional, G²;
- :mod:`~govtext.network.graph`: :func:`cooccurrence_graph` and :func:`graphs_by`;
- :mod:`~govtext.network.backbone`: the disparity filter;
- :mod:`~govtext.network.communities`: seeded Louvain communities and their colours;
- :mod:`~govtext.network.layout`: seeded, reproducible positions;
- :mod:`~govtext.network.compare`: :func:`compare_graphs` of two graphs.

Writing graphs to files is :mod:`govtext.readwrite.graphs`; drawing them is
:mod:`govtext.viz.network`.
"""
