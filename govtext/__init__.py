"""govtext: comparative text mining of Chinese government work reports (政府工作报告).

Everything public is importable from the top level; modules load on first use so that
``import govtext`` stays fast (no jieba dictionary, pandas, scikit-learn or matplotlib).

Examples
--------
>>> import govtext as gt
>>> corpus = gt.datasets.load_sample()
>>> tok = gt.PolicyTokenizer()
>>> "乡村振兴" in tok.cut("全面推进乡村振兴")
True
"""

from __future__ import annotations

import importlib
from typing import Any

from govtext._version import __version__ as __version__
from govtext.errors import (  # noqa: F401 (re-exported)
    DecodeError,
    EmptyReportError,
    GovtextError,
    InputError,
    MissingExtraError,
)

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # foundation
    "normalize": "text.normalize",
    "normalize_with_offsets": "text.normalize",
    "read_text": "corpus.reading",
    "Report": "corpus.reports",
    "Corpus": "corpus.reports",
    "load_corpus": "corpus.loading",
    "read_report": "corpus.loading",
    "corpus_from_texts": "corpus.loading",
    "PolicyTokenizer": "tokenize.policy",
    "discover_terms": "tokenize.discover",
    # comparison
    "DocumentTermMatrix": "features.matrix",
    "dtm": "features.dtm",
    "TokenizedCorpus": "features.hub",
    "keywords": "stats.keywords",
    "keyness": "stats.keyness",
    "trends": "stats.trends",
    "first_appearance": "stats.trends",
    "emerging_terms": "stats.trends",
    "similarity": "stats.similarity",
    "nearest": "stats.similarity",
    "compare_vertical": "stats.vertical",
    "shingle_reuse": "stats.similarity",
    "find_parent": "stats.similarity",
    "reference_df": "stats.keywords",
    "VerticalComparison": "stats.vertical",
    "dictionary_scores": "stats.dictionary",
    "unmatched_terms": "stats.dictionary",
    "load_dictionary": "stats.dictionary",
    "kwic": "stats.kwic",
    # topics
    "TopicModel": "models.topics",
    "fit_topics": "models.topics",
    "choose_k": "models.choose",
    "coherence": "models.coherence",
    "plot_prevalence": "viz.topics",
    # networks
    "Cooccurrence": "network.cooccurrence",
    "cooccurrence": "network.cooccurrence",
    "association": "network.association",
    "cooccurrence_graph": "network.graph",
    "disparity_filter": "network.backbone",
    "graphs_by": "network.graph",
    "compare_graphs": "network.compare",
    "GraphComparison": "network.compare",
    "write_gexf": "readwrite.graphs",
    "write_graphml": "readwrite.graphs",
    "write_json": "readwrite.graphs",
    "draw_network": "viz.network",
    "stream_dtm": "features.dtm",
    "tokenize_texts": "features.tokens",
    "TokenCache": "_runtime.cache",
    "iter_reports": "corpus.loading",
    # structure and indicators
    "parse_sections": "text.structure",
    "Section": "text.structure",
    "section_spans": "text.structure",
    "section_text": "text.structure",
    "targets_spans": "text.targets_spans",
    "kind_lookup": "text.structure",
    "extract_indicators": "indicators.extract",
    "targets": "indicators.targets",
    "target_panel": "indicators.targets",
    "canonical_indicator": "indicators.targets",
    # report
    "build_report": "report.build",
    # shared options (n_jobs, cache_dir)
    "get_config": "_runtime.config",
    "set_config": "_runtime.config",
    "config_context": "_runtime.config",
}

# Modules are never named like a public function (importing ``govtext.x`` binds ``x``).
_SUBMODULES = {
    "datasets",
    "errors",
    "text",
    "corpus",
    "tokenize",
    "features",
    "stats",
    "models",
    "network",
    "indicators",
    "viz",
    "readwrite",
    "report",
    "cli",
}

__all__ = sorted(
    [
        *_LAZY,
        "__version__",
        "GovtextError",
        "InputError",
        "DecodeError",
        "EmptyReportError",
        "MissingExtraError",
        "datasets",
    ]
)


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is not None:
        value = getattr(importlib.import_module(f".{mod}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'govtext' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
