"""Shared fixtures: the bundled sample corpus (loaded once) and a default tokenizer."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sample():
    import govtext as gt

    return gt.datasets.load_sample()


@pytest.fixture(scope="session")
def tok():
    import govtext as gt

    return gt.PolicyTokenizer()
