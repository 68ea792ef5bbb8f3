"""The result cache of ``govtext report``: warm runs write the same bytes without recomputing;
any change of a text, option or tokenizer recomputes; damaged entries never crash."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import warnings

import pytest

import govtext as gt
from govtext._runtime.cache import ResultCache
from govtext.report.sections import SECTION_BUILDERS

NAMES = [
    "2021_county_河北省保定市顺平县",
    "2022_county_河北省保定市顺平县",
    "2022_county_河北省保定市易县",
    "2023_county_河北省保定市顺平县",
]
N_SECTIONS = len(SECTION_BUILDERS)


def small_corpus(edit: dict[str, str] | None = None) -> gt.Corpus:
    """Four real county reports, cut to their first 2,500 characters (fast)."""
    sample = gt.datasets.load_sample()
    edit = edit or {}
    return gt.Corpus(gt.Report.from_text(edit.get(n, sample[n].text[:2500]), name=n) for n in NAMES)


def digest(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(corpus, out, cache, **kw):
    stats: dict[str, int] = {}
    gt.build_report(corpus, out, progress=False, cache_dir=cache, stats=stats, **kw)
    return stats


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """One cold run: its output folder, its filled cache folder and its counters."""
    root = tmp_path_factory.mktemp("cold")
    stats = build(small_corpus(), root / "out", root / "cache")
    return root / "out", root / "cache", stats


@pytest.fixture
def warm_cache(cold, tmp_path):
    """A private copy of the filled cache (tests may damage it)."""
    return shutil.copytree(cold[1], tmp_path / "cache")


def test_cold_run_computes_and_stores_every_section(cold):
    _, cache, stats = cold
    assert stats["sections_computed"] == N_SECTIONS and stats["sections_reused"] == 0
    assert stats["token_misses"] == len(NAMES) and stats["token_hits"] == 0
    assert len(ResultCache(cache)) == N_SECTIONS + 1  # + the page summary


def test_warm_run_is_byte_identical_and_reuses_every_section(cold, warm_cache, tmp_path):
    out0 = cold[0]
    stats = build(small_corpus(), tmp_path / "warm", warm_cache)
    assert stats["sections_reused"] == N_SECTIONS and stats["sections_computed"] == 0
    assert stats["token_hits"] == 0 and stats["token_misses"] == 0  # no tokenization at all
    assert digest(tmp_path / "warm") == digest(out0)
    assert len(digest(out0)) > 20  # tables, figures and graphs, not just the page


def test_cached_output_equals_an_uncached_run(cold, tmp_path):
    gt.build_report(small_corpus(), tmp_path / "plain", progress=False)
    assert digest(tmp_path / "plain") == digest(cold[0])


def test_changed_text_recomputes_and_changes_the_output(cold, warm_cache, tmp_path):
    sample = gt.datasets.load_sample()
    name = NAMES[1]
    new = sample[name].text[:2500] + "\n全力建设量子通信示范区，量子通信示范区带动就业。"
    stats = build(small_corpus({name: new}), tmp_path / "o", warm_cache)
    assert stats["sections_reused"] == 0 and stats["sections_computed"] == N_SECTIONS
    assert stats["token_misses"] == 1 and stats["token_hits"] == len(NAMES) - 1
    before, after = digest(cold[0]), digest(tmp_path / "o")
    assert before["data/overview.csv"] != after["data/overview.csv"]
    assert before["index.html"] != after["index.html"]
    import pandas as pd

    ov = pd.read_csv(tmp_path / "o" / "data" / "overview.csv").set_index("name")
    assert ov.loc[name, "chars"] == len(new)  # the new text, not a stale result


def test_changed_option_or_tokenizer_recomputes(warm_cache, tmp_path):
    stats = build(small_corpus(), tmp_path / "a", warm_cache, top=5)
    assert stats["sections_reused"] == 0 and stats["token_misses"] == 0  # same words
    # words read back from the token cache give the same page as words cut afresh
    gt.build_report(small_corpus(), tmp_path / "plain", progress=False, top=5)
    assert digest(tmp_path / "a") == digest(tmp_path / "plain")
    tok = gt.PolicyTokenizer().add_words(["顺平县人民政府"])
    stats = build(small_corpus(), tmp_path / "b", warm_cache, tokenizer=tok)
    assert stats["sections_reused"] == 0 and stats["token_misses"] == len(NAMES)


def test_damaged_entries_are_ignored_and_rewritten(cold, warm_cache, tmp_path):
    db = warm_cache / "results-v1.sqlite"
    with sqlite3.connect(db) as conn:  # one figure's bytes and one section document broken
        conn.execute("UPDATE blobs SET data = X'00' WHERE name LIKE 'fig/%'")
        conn.execute("UPDATE results SET doc = '{not json' WHERE rowid = 1")
    conn.close()
    stats = build(small_corpus(), tmp_path / "o1", warm_cache)
    assert 0 < stats["sections_computed"] < N_SECTIONS
    assert digest(tmp_path / "o1") == digest(cold[0])
    stats = build(small_corpus(), tmp_path / "o2", warm_cache)  # rewritten: all reused again
    assert stats["sections_reused"] == N_SECTIONS


def test_damaged_cache_files_are_replaced(cold, warm_cache, tmp_path):
    for p in warm_cache.glob("*.sqlite"):
        p.write_bytes(b"this is not a database" * 100)
    for p in warm_cache.glob("*.sqlite-*"):
        p.unlink()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stats = build(small_corpus(), tmp_path / "o", warm_cache)
    assert any("damaged" in str(w.message) for w in caught)
    assert stats["sections_computed"] == N_SECTIONS
    assert digest(tmp_path / "o") == digest(cold[0])
    assert build(small_corpus(), tmp_path / "o2", warm_cache)["sections_reused"] == N_SECTIONS


def test_a_cache_entry_never_writes_outside_the_output_folder(warm_cache, tmp_path):
    with sqlite3.connect(warm_cache / "results-v1.sqlite") as conn:
        conn.execute("UPDATE blobs SET name = '../escaped.csv' WHERE name = 'data/keywords.csv'")
    conn.close()
    # the checksums no longer match the names either way: the entry is recomputed
    stats = build(small_corpus(), tmp_path / "out", warm_cache)
    assert not (tmp_path / "escaped.csv").exists()
    assert stats["sections_computed"] >= 1
    assert (tmp_path / "out" / "data" / "keywords.csv").exists()


def test_unsafe_relative_paths_are_refused():
    from govtext.report.cache import _safe_rel

    assert _safe_rel("fig/a.png") and _safe_rel("network/year_2022.gexf")
    for bad in ("../x", "/etc/passwd", "a/../../x", "C:\\x", "", None):
        assert not _safe_rel(bad)
