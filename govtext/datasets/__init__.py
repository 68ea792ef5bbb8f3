"""Bundled sample corpus: 30 real government work reports.

Chosen from a larger collection so that every kind of comparison works on it:

* the township report (天津市津南区北闸口镇, 2023);
* one county over five years (河北省保定市顺平县, 2020–2024);
* nine counties of one prefecture in one year (保定市, 2022), plus their city (保定市 2022)
  and province (河北省 2022) for vertical comparison;
* the national report (国务院) for eleven years, 2015–2025;
* three provinces in 2026 (北京市, 河北省, 广东省).

``manifest.csv`` next to the files credits each report's source repository, path and
commit, with its SHA-256. Documents of state organs are outside copyright protection
(Copyright Law of the PRC, art. 5).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus

__all__ = ["load_sample", "sample_path", "sample_manifest"]


def sample_path() -> Path:
    """Folder holding the bundled sample reports and ``manifest.csv``.

    Examples
    --------
    >>> (sample_path() / "manifest.csv").exists()
    True
    """
    return Path(__file__).resolve().parent / "sample"


def sample_manifest() -> pd.DataFrame:
    """The sample's manifest: file, year, level, region, province, chars, sha256, source.

    Examples
    --------
    >>> len(sample_manifest())
    30
    """
    import pandas as pd

    return pd.read_csv(sample_path() / "manifest.csv", dtype={"province": str})


def load_sample() -> Corpus:
    """Load the bundled sample corpus (30 reports) with its manifest as metadata.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import govtext as gt
    >>> corpus = gt.datasets.load_sample()
    >>> sorted(corpus.meta["level"].unique())
    ['city', 'county', 'national', 'province', 'township']
    """
    from govtext.corpus.loading import load_corpus

    man = sample_manifest()
    man = man[["file", "province", "source_repo", "source_path", "source_commit"]]
    return load_corpus(sample_path(), metadata=man.fillna(""))
