"""Section builders of the ``govtext report`` page (see :func:`govtext.build_report`).

Each builder, one module per section in this package, takes a
:class:`~govtext.report.context.ReportContext` and returns a
:class:`~govtext.report.blocks.PageSection`: a title, one sentence on how to read it, the
govtext function that produced it, and blocks (tables, figures, notes) whose data files it
has written into the output folder. :data:`SECTION_BUILDERS` is the registry, in page order.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

from govtext.report.blocks import NotApplicable, PageSection, Unavailable
from govtext.report.context import ReportContext
from govtext.report.sections.dictionary import build_dictionary
from govtext.report.sections.emerging import build_emerging
from govtext.report.sections.explorer import build_explorer
from govtext.report.sections.indicators import build_indicators
from govtext.report.sections.keyness import build_keyness
from govtext.report.sections.keywords import build_keywords
from govtext.report.sections.network import build_network
from govtext.report.sections.overview import build_overview
from govtext.report.sections.similarity import build_similarity
from govtext.report.sections.topics import build_topics

__all__ = ["SECTION_INFO", "SECTION_BUILDERS", "run_builder"]

# title, how-to-read and function of each section, used for the placeholder when missing
SECTION_INFO: dict[str, tuple[str, str, str]] = {
    "overview": ("Corpus overview", "", "govtext.load_corpus"),
    "keywords": ("Top keywords per report", "", "govtext.keywords"),
    "keyness": (
        "Keyness: consecutive years and regions of the same year",
        "For each pair, the words the target report uses significantly more (or less) than "
        "the reference.",
        "govtext.keyness",
    ),
    "emerging": (
        "Emerging and fading terms",
        "Terms whose share of the text rises (emerging) or falls (fading) most over the years.",
        "govtext.emerging_terms",
    ),
    "topics": (
        "Topic prevalence by year and by region",
        "Each heatmap cell is the average share of a report given to a topic; read a row "
        "across years or regions to see attention shift.",
        "govtext.fit_topics",
    ),
    "network": (
        "Co-occurrence networks per group and their change",
        "Words linked when they occur in the same sentences; the change table lists links "
        "that appear or disappear between consecutive groups.",
        "govtext.cooccurrence_graph / graphs_by / compare_graphs",
    ),
    "indicators": (
        "Indicators, targets and targets vs actuals",
        "Numeric indicators and growth targets extracted from each report; the figure sets "
        "each year's target against the actual value reported a year later.",
        "govtext.extract_indicators / targets / target_panel",
    ),
    "similarity": ("Similarity between reports", "", "govtext.similarity"),
    "dictionary": (
        "Policy-attention dictionary scores",
        "Share of each report's words that fall in each policy category of the dictionary; "
        "higher means more attention to that area.",
        "govtext.dictionary_scores",
    ),
    "explorer": (
        "Term explorer",
        "Type a term or click one in a table: its rate by year and level, the reports "
        "that use it most, and lines of text around it.",
        "govtext.dtm (counts per report); govtext.kwic (context lines)",
    ),
}

SECTION_BUILDERS: list[tuple[str, Callable[[ReportContext], PageSection]]] = [
    ("overview", build_overview),
    ("keywords", build_keywords),
    ("keyness", build_keyness),
    ("emerging", build_emerging),
    ("topics", build_topics),
    ("network", build_network),
    ("indicators", build_indicators),
    ("similarity", build_similarity),
    ("dictionary", build_dictionary),
    ("explorer", build_explorer),
]


def run_builder(
    key: str, builder: Callable[[ReportContext], PageSection], ctx: ReportContext
) -> PageSection:
    """Run one builder; a missing analysis or a failure becomes a note in the section."""
    title, how, func = SECTION_INFO.get(key, (key, "", ""))
    try:
        return builder(ctx)
    except Unavailable as exc:
        return PageSection(
            key,
            title,
            how,
            func,
            status="unavailable",
            note=f"Not available in this version of govtext: {exc} is not implemented yet.",
        )
    except NotApplicable as exc:
        return PageSection(key, title, how, func, status="ok", note=str(exc))
    except Exception as exc:  # one failing analysis must not lose the whole page
        # (the note and the warning name the error; the test suite fails on any of them)
        msg = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"govtext report: section {key!r} could not be built: {msg}", stacklevel=2)
        return PageSection(
            key,
            title,
            how,
            func,
            status="error",
            note=f"This section could not be computed for this corpus ({msg}).",
        )
