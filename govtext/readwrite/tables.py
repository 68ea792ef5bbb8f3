"""Writing tables as CSV that is safe to open in a spreadsheet.

The rule lives in :mod:`govtext._runtime.csvtext` (below every layer, so the topic-model
export uses the same code); this module is its public place beside the graph writers.
"""

from __future__ import annotations

from govtext._runtime.csvtext import csv_text, escape_formula

__all__ = ["csv_text", "escape_formula"]
