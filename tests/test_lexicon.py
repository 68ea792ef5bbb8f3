"""Packaged lexicon: size, categories, sources, current vocabulary, variants, word lists."""

from __future__ import annotations

import pytest

from govtext.errors import InputError
from govtext.tokenize.lexicon import (
    CATEGORIES,
    lexicon_path,
    load_boilerplate,
    load_policy_terms,
    load_stopwords,
    load_wordlist,
)


@pytest.fixture(scope="module")
def terms():
    return load_policy_terms()


def test_lexicon_size_categories_and_sources(terms):
    assert len(terms) >= 3000
    assert {t.category for t in terms} == set(CATEGORIES)
    assert all(t.source for t in terms)
    assert len({t.term for t in terms}) == len(terms)


@pytest.mark.parametrize(
    "word",
    ["新质生产力", "高质量发展", "乡村振兴", "营商环境", "双碳", "碳达峰", "专精特新", "放管服", "两个维护",
     "一般公共预算收入", "十四五", "四个意识"],
)  # fmt: skip
def test_current_vocabulary_present(terms, word):
    assert word in {t.term for t in terms}


def test_variants_link_to_canonical(terms):
    canon = {t.term: t.canonical for t in terms}
    assert canon["河（湖）长制"] == "河湖长制"
    assert canon["河湖长制"] == "河湖长制"
    # every canonical form is itself an entry
    assert set(canon.values()) <= set(canon)


def test_lexicon_is_atomic_for_listed_terms(terms):
    names = {t.term for t in terms}
    for compound in ("乡村振兴战略", "中央八项规定", "特色产业集群"):
        assert compound not in names


def test_stopwords_and_boilerplate_are_separate():
    stop, boiler = load_stopwords(), load_boilerplate()
    assert {"的", "和", "了", "我们"} <= stop
    assert {"工作", "推进", "加强", "坚持", "持续", "提升", "做好", "推动", "完成"} <= boiler
    assert "乡村振兴" not in stop | boiler
    assert "的" not in boiler


def test_custom_lexicon_and_wordlist(tmp_path):
    p = tmp_path / "lex.tsv"
    p.write_text("term\tcategory\n闸口速度\tslogan\n# comment\n", encoding="utf-8")
    (t,) = load_policy_terms(str(p))
    assert (t.term, t.category, t.canonical) == ("闸口速度", "slogan", "闸口速度")
    bad = tmp_path / "bad.tsv"
    bad.write_text("word\n闸口速度\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv"):
        load_policy_terms(str(bad))
    w = tmp_path / "w.txt"
    w.write_text("# c\n甲 # note\n乙\n\n", encoding="utf-8")
    assert load_wordlist(w) == {"甲", "乙"}


def test_an_edited_lexicon_file_is_read_again(tmp_path):
    p = tmp_path / "lex.tsv"
    p.write_text("term\tcategory\n闸口速度\tslogan\n", encoding="utf-8")
    assert [t.term for t in load_policy_terms(str(p))] == ["闸口速度"]
    p.write_text("term\tcategory\n闸口速度\tslogan\n津南绿屏\tprogramme\n", encoding="utf-8")
    assert [t.term for t in load_policy_terms(str(p))] == ["闸口速度", "津南绿屏"]


def test_sources_documented():
    text = lexicon_path("SOURCES.md").read_text(encoding="utf-8")
    for src in {t.source for t in load_policy_terms()}:
        assert src in text
