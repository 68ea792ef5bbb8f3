"""CLI speed options: --jobs, --cache-dir, --no-cache, the default cache folder and
``govtext cache info|clear``; token cache invalidation; co-occurrence with workers."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest

import govtext as gt
from govtext._runtime.cache import TokenCache, cache_info, default_cache_dir
from govtext.cli.main import main
from govtext.features.tokens import cut_texts, primed_tokenizer

NAMES = [
    "2021_county_河北省保定市顺平县",
    "2022_county_河北省保定市顺平县",
    "2022_county_河北省保定市易县",
]


@pytest.fixture
def reports(tmp_path) -> Path:
    """Three real county reports (first 2,000 characters) as .txt files."""
    sample = gt.datasets.load_sample()
    d = tmp_path / "reports"
    d.mkdir()
    for n in NAMES:
        (d / f"{n}.txt").write_text(sample[n].text[:2000], encoding="utf-8")
    return d


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return False
    match, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in files_a], shallow=False)
    return not mismatch and not errors


def test_report_twice_with_cache_dir_reuses_every_section(reports, tmp_path, capsys):
    cache = tmp_path / "c"
    args = ["report", str(reports), "--cache-dir", str(cache), "--by", "region"]
    assert main([*args, "-o", str(tmp_path / "o1")]) == 0
    first = capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "o2")]) == 0
    second = capsys.readouterr().err
    n = len(gt.report.sections.SECTION_BUILDERS)
    assert f"cache: 0 of {n} sections reused" in first
    assert f"cache: {n} of {n} sections reused" in second
    assert same_tree(tmp_path / "o1", tmp_path / "o2")


def test_cache_is_on_by_default_in_the_user_cache_folder(reports, tmp_path, capsys):
    folder = default_cache_dir()  # $GOVTEXT_CACHE_DIR, private to this test (conftest)
    assert os.environ["GOVTEXT_CACHE_DIR"] == str(folder)
    assert main(["keywords", str(reports), "--top", "3"]) == 0
    assert cache_info()["token_files"] == 1
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert str(folder) in out and "token caches:    1" in out
    assert main(["cache", "clear"]) == 0
    assert cache_info()["files"] == 0


def test_no_cache_writes_nothing(reports, tmp_path):
    folder = default_cache_dir()
    assert main(["report", str(reports), "-o", str(tmp_path / "o"), "--no-cache", "-q"]) == 0
    assert not folder.exists() or not any(folder.iterdir())


def test_bad_speed_options_are_one_line_errors(reports, tmp_path, capsys):
    assert main(["keywords", str(reports), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err
    code = main(["keywords", str(reports), "--no-cache", "--cache-dir", str(tmp_path)])
    assert code == 2 and "--no-cache" in capsys.readouterr().err


def test_keywords_with_two_jobs_equals_one_job(reports, capsys):
    assert main(["keywords", str(reports), "--no-cache", "--jobs", "1", "--top", "5"]) == 0
    one = capsys.readouterr().out
    assert main(["keywords", str(reports), "--no-cache", "--jobs", "2", "--top", "5"]) == 0
    assert capsys.readouterr().out == one and "顺平县" in one


# ------------------------------------------------------------------ the token cache
def test_cut_cache_gives_the_same_pieces_and_hits(tmp_path):
    texts = [gt.datasets.load_sample()[n].text[:1500] for n in NAMES]
    tok = gt.PolicyTokenizer()
    plain = [tok.cut(t) for t in texts]
    cache = TokenCache(tmp_path, tok.config_hash + ":cut")
    assert cut_texts(texts, tok, cache=cache) == plain and cache.misses == 3
    assert cut_texts(texts, tok, cache=cache) == plain and cache.hits == 3
    # a fresh tokenizer whose pieces all come from the cache filters them the same way
    # (canonical forms included: 规模以上工业增加值 -> 规上工业增加值)
    texts.append("规模以上工业增加值增长7%，社会消费品零售额增长5%。")
    cut_texts(texts, tok, cache=cache)
    hits = cache.hits
    primed = primed_tokenizer(texts, gt.PolicyTokenizer(), cache=cache)
    assert cache.hits == hits + 4
    assert [primed.tokenize(t) for t in texts] == [tok.tokenize(t) for t in texts]
    assert "规上工业增加值" in primed.tokenize(texts[-1])


def test_a_changed_lexicon_file_invalidates_the_token_cache(tmp_path):
    text = "推进量子通信示范区，发展量子通信。"
    lex = tmp_path / "terms.tsv"
    lex.write_text("term\tcategory\tcanonical\tsource\n乡村振兴\trural\t乡村振兴\tme\n", "utf-8")
    old = gt.PolicyTokenizer(lexicon=lex)
    old_hash = old.config_hash
    assert cut_texts([text], old, cache=tmp_path / "c")[0] == old.cut(text)
    assert "量子通信示范区" not in old.cut(text)
    lex.write_text(lex.read_text("utf-8") + "量子通信示范区\ttech\t量子通信示范区\tme\n", "utf-8")
    new = gt.PolicyTokenizer(lexicon=lex)
    assert new.config_hash != old_hash
    got = cut_texts([text], new, cache=tmp_path / "c")[0]
    assert "量子通信示范区" in got  # not the stale pieces of the old lexicon


def test_a_changed_option_invalidates_the_token_cache(tmp_path):
    text = "我们要坚持推进高质量发展，完成7%的目标。"
    a = gt.PolicyTokenizer()
    b = gt.PolicyTokenizer(keep_numbers=True)
    from govtext.features.tokens import tokenize_texts

    assert tokenize_texts([text], a, cache=tmp_path) == [a.tokenize(text)]
    assert tokenize_texts([text], b, cache=tmp_path) == [b.tokenize(text)]
    assert a.tokenize(text) != b.tokenize(text)


def test_damaged_token_entries_are_recomputed_and_rewritten(tmp_path):
    tok = gt.PolicyTokenizer()
    cache = TokenCache(tmp_path, tok.config_hash + ":cut")
    cut_texts(["推进乡村振兴。"], tok, cache=cache)
    conn = cache._conn()
    with conn:
        conn.execute("UPDATE tokens SET value = '[\"truncated'")
    assert cut_texts(["推进乡村振兴。"], tok, cache=cache) == [tok.cut("推进乡村振兴。")]
    assert cache.get("推进乡村振兴。") == tok.cut("推进乡村振兴。")  # rewritten


# ------------------------------------------------------------- co-occurrence, workers
def test_cooccurrence_same_with_two_workers_and_the_cache(tmp_path):
    from govtext.network.cooccurrence import cooccurrence
    from govtext.network.graph import cooccurrence_graph

    corpus = gt.datasets.load_sample()[:6]
    ref = cooccurrence(corpus)
    par = cooccurrence(corpus, n_jobs=2)
    cached = cooccurrence(corpus, cache_dir=tmp_path)
    again = cooccurrence(corpus, cache_dir=tmp_path, n_jobs=2)
    for c in (par, cached, again):
        assert c.vocab == ref.vocab and c.n_windows == ref.n_windows
        assert (c.matrix != ref.matrix).nnz == 0
        assert (c.doc_freq == ref.doc_freq).all()
    g1 = cooccurrence_graph(corpus, top=25)
    g2 = cooccurrence_graph(corpus, top=25, n_jobs=2, cache_dir=tmp_path)
    assert sorted(g1.edges(data="weight")) == sorted(g2.edges(data="weight"))


def test_result_cache_drops_least_recently_used_entries_beyond_its_size(tmp_path):
    from govtext._runtime.cache import ResultCache

    c = ResultCache(tmp_path, max_bytes=2500)
    c.put("a", {"n": 1}, {"x.png": b"a" * 1000})
    c.put("b", {"n": 2}, {"x.png": b"b" * 1000})
    assert c.get("a") is not None  # a is now the most recently used
    c.put("c", {"n": 3}, {"x.png": b"c" * 1000})
    assert c.get("b") is None and c.get("a") is not None and c.get("c") is not None
    assert len(c) == 2


def test_an_unusable_cache_is_skipped_with_a_warning(tmp_path):
    tok = gt.PolicyTokenizer()
    cache = TokenCache(tmp_path, tok.config_hash + ":cut")
    cache.path.mkdir()  # a folder where the database file should be: cannot be opened
    with pytest.warns(UserWarning, match="cannot be used"):
        got = cut_texts(["推进乡村振兴。"], tok, cache=cache)
    assert got == [tok.cut("推进乡村振兴。")] and cache.disabled
    assert cache.path.is_dir()  # left alone, not "repaired"


def test_an_unusable_default_cache_folder_does_not_stop_the_command(
    reports, tmp_path, capsys, monkeypatch
):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(blocker / "cache"))  # under a file
    assert main(["keywords", str(reports), "--top", "3"]) == 0
    captured = capsys.readouterr()
    assert "running without the cache" in captured.err and "顺平县" in captured.out
    assert main(["keywords", str(reports), "--cache-dir", str(blocker / "c")]) == 2


def test_token_cache_file_names_the_tokenizer_code(tmp_path, monkeypatch):
    from govtext._runtime import cache

    tok = gt.PolicyTokenizer()
    before = cache.TokenCache(tmp_path, tok.config_hash).path
    monkeypatch.setattr(cache, "_TOKENIZER_CODE", "an edited tokenize.py")
    after = cache.TokenCache(tmp_path, tok.config_hash).path
    assert before != after  # tokens cut by other code are never read back
