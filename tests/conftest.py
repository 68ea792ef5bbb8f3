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


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory, monkeypatch):
    """The CLI caches in the user cache folder by default: each test gets its own folder,
    so tests never write into the home directory nor see each other's results."""
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(tmp_path_factory.mktemp("govtext-cache")))
