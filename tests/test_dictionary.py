"""Dictionary scores and dictionary loading."""

from __future__ import annotations

import json
import sys

import pytest

import govtext as gt
from govtext.errors import InputError, MissingExtraError


def test_shipped_dictionary_is_documented_and_disjoint():
    d = gt.load_dictionary("policy")
    assert len(d) >= 8
    for cat in (
        "economy",
        "innovation",
        "environment",
        "agriculture_rural",
        "livelihood",
        "party_governance",
        "security_stability",
        "opening_up",
    ):
        assert len(d[cat]) >= 15, cat
    seen: dict[str, str] = {}
    for cat, terms in d.items():
        for t in terms:
            assert t not in seen, f"{t} in {seen.get(t)} and {cat}"
            seen[t] = cat
    from importlib import resources

    raw = json.loads(
        resources.files("govtext.stats.reference")
        .joinpath("policy_attention.json")
        .read_text("utf-8")
    )
    assert raw["description"] and all("label" in c for c in raw["categories"].values())


def test_scores_are_length_normalised_shares(tok):
    d = {"rural": ["乡村振兴", "农业"], "digital": ["数字经济"], "none": ["新质生产力"]}
    text = "推进乡村振兴，支持农业，做强数字经济，乡村振兴见实效。"
    c = gt.dictionary_scores(text, d, tokenizer=tok, counts=True)
    assert list(c.columns) == ["report", "category", "count", "tokens"]
    assert c["category"].tolist() == ["rural", "digital", "none"]  # dictionary order
    c = c.set_index(["report", "category"])
    assert c.loc[("text", "rural"), "count"] == 3 and c.loc[("text", "digital"), "count"] == 1
    assert c.loc[("text", "none"), "count"] == 0
    s = gt.dictionary_scores(text, d, tokenizer=tok).set_index(["report", "category"])["score"]
    tokens = c.loc[("text", "rural"), "tokens"]
    assert s[("text", "rural")] == pytest.approx(3 / tokens)
    per100 = gt.dictionary_scores(text, d, tokenizer=tok, per=100)
    assert per100.set_index("category").loc["digital", "score"] == pytest.approx(100 / tokens)
    assert gt.unmatched_terms(text, d, tokenizer=tok) == ["新质生产力"]
    # the caller's tokenizer is not changed by the words the dictionary adds
    assert tok.cut("做强数字经济") == gt.PolicyTokenizer().cut("做强数字经济")


def test_dtm_input_and_wildcards(tok):
    m = gt.dtm(["绿色低碳 绿色发展 营商环境", "营商环境"], tok)
    d = {"green": ["绿色*"], "biz": ["营商环境"]}
    s = gt.dictionary_scores(m, d, counts=True)
    s = s.pivot(index="report", columns="category", values="count").loc[m.docs]
    green = sum(v.startswith("绿色") for v in tok.tokenize("绿色低碳 绿色发展"))
    assert s["green"].tolist() == [green, 0] and s["biz"].tolist() == [1, 1]
    assert gt.unmatched_terms(m, d) == []  # a wildcard is never listed


def test_policy_scores_on_sample_rank_sensibly(sample, tok):
    sub = sample.filter(level="national", year=[2019, 2020])
    s = gt.dictionary_scores(sub, "policy", tokenizer=tok)
    assert ((s["score"] >= 0) & (s["score"] <= 1)).all()
    s = s.pivot(index="report", columns="category", values="score")
    # the 2020 report (COVID-19) gives more attention to security & stability than 2019
    assert (
        s.loc["2020_national_中国", "security_stability"]
        > s.loc["2019_national_中国", "security_stability"]
    )


def test_files(tmp_path):
    j = tmp_path / "d.json"
    j.write_text(
        json.dumps({"categories": {"a": {"terms": ["乡村振兴"]}}}, ensure_ascii=False),
        encoding="utf-8",
    )
    assert gt.load_dictionary(j) == {"a": ["乡村振兴"]}
    y = tmp_path / "d.yaml"
    y.write_text("a:\n  - 乡村振兴\nb: [营商环境, 专精特新]\n", encoding="utf-8")
    pytest.importorskip("yaml")
    assert gt.load_dictionary(y) == {"a": ["乡村振兴"], "b": ["营商环境", "专精特新"]}


def test_yaml_without_pyyaml(tmp_path, monkeypatch):
    y = tmp_path / "d.yml"
    y.write_text("a: [乡村振兴]\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml -> ImportError
    with pytest.raises(MissingExtraError, match="PyYAML"):
        gt.load_dictionary(y)


def test_bad_dictionaries(tmp_path):
    with pytest.raises(InputError, match="not found"):
        gt.load_dictionary(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        gt.load_dictionary(bad)
    txt = tmp_path / "d.txt"
    txt.write_text("a", encoding="utf-8")
    with pytest.raises(InputError, match=".json, .yaml"):
        gt.load_dictionary(txt)
    with pytest.raises(InputError, match="no terms"):
        gt.load_dictionary({"a": []})
    with pytest.raises(InputError, match="list of terms"):
        gt.load_dictionary({"a": [1, 2]})
    with pytest.raises(InputError):
        gt.load_dictionary(42)
