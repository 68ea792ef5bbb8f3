"""The public surface: ``govtext/__init__.pyi`` lists every public name with its real import;
shared options (``n_jobs``, ``cache_dir``) in :func:`govtext.config_context`; old spellings
of renamed keywords (``top_n``, ``seed``) still work for one release and warn."""

from __future__ import annotations

import ast
import importlib
import warnings
from pathlib import Path

import pytest

import govtext as gt

STUB = Path(gt.__file__).with_name("__init__.pyi")


def _stub_imports() -> dict[str, tuple[str, str]]:
    """name -> (module, attribute or "" for a subpackage) of every import in the stub."""
    out: dict[str, tuple[str, str]] = {}
    for node in ast.parse(STUB.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                assert a.asname == a.name, f"re-export needs 'import {a.name} as {a.name}'"
                if node.module == "govtext":  # a subpackage
                    out[a.name] = (f"govtext.{a.name}", "")
                else:
                    out[a.name] = (node.module or "", a.name)
    return out


def test_stub_lists_exactly_the_public_names() -> None:
    names = _stub_imports()
    public = {n for n, (_mod, attr) in names.items() if attr}
    submodules = {n for n, (_mod, attr) in names.items() if not attr}
    assert public | {"datasets"} == set(gt.__all__)
    assert submodules == gt._SUBMODULES


def test_every_stub_import_is_the_object_govtext_gives() -> None:
    for name, (module, attr) in sorted(_stub_imports().items()):
        if attr:
            assert getattr(gt, name) is getattr(importlib.import_module(module), attr), name
        else:
            assert getattr(gt, name) is importlib.import_module(module), name


def test_lazy_map_points_where_the_stub_does() -> None:
    names = _stub_imports()
    for name, mod in gt._LAZY.items():
        assert names[name][0] == f"govtext.{mod}", name


def test_config_context_sets_and_restores() -> None:
    before = gt.get_config()
    with gt.config_context(n_jobs=2, cache_dir="/tmp/x"):
        assert gt.get_config() == {"n_jobs": 2, "cache_dir": "/tmp/x"}
        with gt.config_context(cache_dir=False):
            assert gt.get_config() == {"n_jobs": 2, "cache_dir": None}
        assert gt.get_config()["cache_dir"] == "/tmp/x"
    assert gt.get_config() == before
    with pytest.raises(gt.InputError, match="n_jobs"):
        with gt.config_context(n_jobs=0):
            pass


def test_config_cache_dir_reaches_the_token_cache(tmp_path: Path) -> None:
    corpus = gt.datasets.load_sample()[:2]
    tok = gt.PolicyTokenizer()
    with gt.config_context(cache_dir=tmp_path / "c"):
        m1 = gt.dtm(corpus, tokenizer=tok)
        off = tmp_path / "off"
        with gt.config_context(cache_dir=off):
            gt.dtm(corpus, tokenizer=tok, cache_dir=False)  # the argument wins
    assert any((tmp_path / "c").rglob("*")), "the configured cache folder was not used"
    assert not off.exists()
    m2 = gt.dtm(corpus, tokenizer=tok)  # no cache configured: same matrix
    assert list(m1.vocab) == list(m2.vocab) and (m1.matrix != m2.matrix).nnz == 0


def test_config_n_jobs_reaches_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    from govtext.features import tokens

    seen = []
    real = tokens._map_chunks

    def spy(func, tokenizer, chunks, n_jobs, backend, client):  # type: ignore[no-untyped-def]
        seen.append(n_jobs)
        return real(func, tokenizer, chunks, 1, backend, client)

    monkeypatch.setattr(tokens, "_map_chunks", spy)
    texts = ["全面推进乡村振兴。", "发展数字经济。"]
    with gt.config_context(n_jobs=3):
        tokens.tokenize_texts(texts)
        tokens.tokenize_texts(texts, n_jobs=1)
    assert seen == [3, 1]


def test_renamed_keywords_still_work_and_warn() -> None:
    corpus = gt.datasets.load_sample().filter(region="河北省保定市顺平县")[:2]
    new = gt.cooccurrence_graph(corpus, top=15)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = gt.cooccurrence_graph(corpus, top_n=15)
    assert sorted(old.nodes) == sorted(new.nodes)
    assert any("'top_n' is renamed 'top'" in str(w.message) for w in caught)
    assert all(w.category is FutureWarning for w in caught if "renamed" in str(w.message))
