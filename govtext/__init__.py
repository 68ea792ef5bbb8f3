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

from ._version import __version__ as __version__
from .errors import (  # noqa: F401 (re-exported)
    DecodeError,
    EmptyReportError,
    GovtextError,
    InputError,
    MissingExtraError,
)

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # foundation
    "normalize": "textnorm",
    "normalize_with_offsets": "textnorm",
    "read_text": "io",
    "Report": "corpus",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "read_report": "corpus",
    "corpus_from_texts": "corpus",
    "PolicyTokenizer": "tokenize",
    "discover_terms": "discover",
    # comparison
    "DocumentTermMatrix": "matrix",
    "dtm": "matrix",
    "keywords": "compare",
    "keyness": "compare",
    "trends": "compare",
    "first_appearance": "compare",
    "emerging_terms": "compare",
    "similarity": "compare",
    "nearest": "compare",
    "compare_vertical": "compare",
    "shingle_reuse": "compare",
    "find_parent": "compare",
    "reference_df": "compare",
    "VerticalComparison": "compare",
    "dictionary_scores": "dictionary",
    "load_dictionary": "dictionary",
    "kwic": "concordance",
    # topics
    "TopicModel": "topics",
    "fit_topics": "topics",
    "choose_k": "topics",
    "coherence": "topics",
    # networks
    "Cooccurrence": "network",
    "cooccurrence": "network",
    "association": "network",
    "cooccurrence_graph": "network",
    "disparity_filter": "network",
    "graphs_by": "network",
    "compare_graphs": "network",
    "GraphComparison": "network",
    "write_gexf": "netplot",
    "write_graphml": "netplot",
    "write_json": "netplot",
    "draw_network": "netplot",
    "stream_dtm": "parallel",
    "tokenize_texts": "parallel",
    "TokenCache": "cache",
    "iter_reports": "corpus",
    # structure and indicators
    "parse_sections": "structure",
    "Section": "structure",
    "section_spans": "structure",
    "section_text": "structure",
    "targets_spans": "structure",
    "kind_lookup": "structure",
    "extract_indicators": "indicators",
    "targets": "panel",
    "target_panel": "panel",
    "canonical_indicator": "panel",
    # report
    "build_report": "htmlreport",
}

# Modules are never named like a public function (importing ``govtext.x`` binds ``x``).
_SUBMODULES = {
    "datasets",
    "lexicon",
    "errors",
    "io",
    "textnorm",
    "corpus",
    "meta",
    "tokenize",
    "matrix",
    "compare",
    "topics",
    "network",
    "structure",
    "indicators",
    "panel",
    "plot",
    "htmlreport",
    "discover",
    "dictionary",
    "concordance",
    "parallel",
    "cache",
    "cli",
    "commands",
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
