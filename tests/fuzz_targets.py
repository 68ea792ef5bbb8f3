"""Hypothesis properties shared by tests/test_fuzz.py (few cases) and benchmarks/fuzz.py
(10,000+ cases): nothing but govtext's own errors may escape the input boundaries."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import warnings
from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import govtext as gt
from govtext._runtime.cache import ResultCache, TokenCache
from govtext.errors import GovtextError

COUNTER: Counter[str] = Counter()

_TEXT = st.text(
    alphabet=st.sampled_from(
        list("各位代表乡村振兴高质量发展。，；：“”\n 12%亿元XX年镇人民政府工作报告")
    ),
    max_size=200,
)
_ENCODED = st.tuples(
    _TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
).map(lambda te: te[0].encode(te[1], errors="replace"))
_PREFIX = st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"%PDF", b"PK\x03\x04",
     b"<html><body>", b"<!doctype html>", b'{"text": "', b"name,text\n"]
)  # fmt: skip
_BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(_PREFIX, _ENCODED, st.binary(max_size=8)).map(lambda t: t[0] + t[1] + t[2]),
)
_SUFFIX = st.sampled_from([".txt", ".html", ".csv", ".tsv", ".jsonl", ".md"])


@given(data=_BYTES, suffix=_SUFFIX)
def load_property(data: bytes, suffix: str) -> None:
    """``load_corpus`` on any bytes: a Corpus whose texts encode, or a GovtextError."""
    COUNTER["load"] += 1
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"2023_county_甲县{suffix}"
        p.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                corpus = gt.load_corpus(p)
            except GovtextError:
                return
        for r in corpus:
            r.text.encode("utf-8")
            r.name.encode("utf-8")
            assert r.text.strip()


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
    ),
    max_leaves=20,
)
_VALUE = st.one_of(
    st.binary(max_size=200),
    _JSONISH.map(lambda v: json.dumps(v)),
    st.integers(min_value=1, max_value=5000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=1, max_value=5000).map(lambda n: '{"doc":' * n + "1" + "}" * n),
    st.text(max_size=100),
)


@given(value=_VALUE, blob=st.binary(max_size=50), bad_utf8=st.booleans())
def cache_property(value: object, blob: bytes, bad_utf8: bool) -> None:
    """Any row in a cache file reads back as a miss or a valid value, never an error, and
    the cache stays switched on."""
    COUNTER["cache"] += 1
    with tempfile.TemporaryDirectory() as d:
        tok = TokenCache(d, "fuzz")
        res = ResultCache(d)
        tok.put("乡村振兴", ["乡村振兴"])
        res.put("k", {"a": 1}, {"b": b"x"})
        raw = value
        if bad_utf8 and isinstance(raw, str):
            raw = raw.encode("utf-8") + b"\xff\xfe"
        with sqlite3.connect(tok.path) as conn:
            conn.execute("UPDATE tokens SET value = ?", (raw,))
        with sqlite3.connect(res.path) as conn:
            conn.execute("UPDATE results SET doc = ?", (raw,))
            conn.execute("UPDATE blobs SET data = ?", (blob,))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = tok.get("乡村振兴")
            entry = res.get("k")
        assert got is None or (isinstance(got, list) and all(isinstance(t, str) for t in got))
        assert entry is None or isinstance(entry[1], dict)
        assert not tok.disabled and not res.disabled
        tok.put("乡村振兴", ["乡村振兴"])
        assert tok.get("乡村振兴") == ["乡村振兴"]
