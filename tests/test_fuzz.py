"""The fuzz properties of benchmarks/fuzz.py with few cases, on every test run."""

from __future__ import annotations

import fuzz_targets as ft
from hypothesis import HealthCheck, settings

_FEW = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def test_load_corpus_on_random_bytes_raises_only_govtext_errors():
    ft.COUNTER.clear()
    _FEW(ft.load_property)()
    assert ft.COUNTER["load"] >= 150


def test_cache_readers_on_random_rows_never_fail_and_heal():
    ft.COUNTER.clear()
    _FEW(ft.cache_property)()
    assert ft.COUNTER["cache"] >= 150
