"""Token types: every piece of a cut is one of :data:`TYPES`, so analyses can select on them.

=============== ==================================================================
type            what
=============== ==================================================================
``policy``      policy terms: lexicon slogans and programmes, fitted and user terms,
                quoted terms, numbered formulas, composed compounds (乡村振兴示范村)
``place``       divisions, villages and communities of the gazetteer, their unique
                short forms (保定), lexicon places
``facility``    a place followed by a facility head (保定南站, 徐水经济开发区)
``organisation`` organs and bodies (涞源县委, 国务院, …集团, …公司, …医院)
``indicator``   statistical indicator names (居民人均可支配收入)
``number_unit`` numbers and numbers with units (4.7亿元, 7%)
``function``    stopwords (的, 和, 在 …)
``punct``       punctuation and whitespace
``word``        any other word
=============== ==================================================================

The type is a function of the token's text and the tokenizer's vocabulary (never of its
context), so a token has the same type wherever it occurs.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["TYPES", "TokenTypes", "pos_table", "type_table"]

TYPES = (
    "policy",
    "place",
    "facility",
    "organisation",
    "indicator",
    "number_unit",
    "function",
    "punct",
    "word",
)
_FROM_CATEGORY = {
    "slogan": "policy",
    "programme": "policy",
    "indicator": "indicator",
    "institution": "organisation",
    "place": "place",
}
_ORGANS = frozenset(
    """国务院 党中央 中共中央 全国人大 全国政协 人大 政协 人大常委会 县委 县政府 市委 市政府 省委
    省政府 区委 区政府 镇党委 镇政府 乡党委 乡政府 街道党工委 街道办事处 党委 政府 纪委 监委""".split()
)
_ORGAN_SUFFIX = re.compile(
    r".+(?:委员会|人民政府|政府|人大常委会|集团|公司|银行|大学|学院|医院|中学|小学|学校|"
    r"法院|检察院|研究院|研究所|协会|商会|[局厅署办]|委)$"
)
_PUNCT = re.compile(r"^[\W_]+$")


def pos_table(engine: Any) -> dict[str, str]:
    """The jieba part-of-speech tag of every word of a tokenizer's dictionary (its
    ``engine``), made once per dictionary: the one table the tokenizer, keywords, topic
    vocabularies and phrase mining look tags up in.

    Examples
    --------
    >>> from govtext import PolicyTokenizer
    >>> pos_table(PolicyTokenizer().engine).get("进一步")
    'd'
    """
    import jieba.posseg

    table = _POS_TABLES.get(engine)
    if table is None:
        table = _POS_TABLES[engine] = jieba.posseg.POSTokenizer(engine).word_tag_tab
    return table


#: engine -> its tag table (kept while the engine lives)
_POS_TABLES: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def type_table(
    terms: Iterable[Any], discovered: Iterable[str], user_words: Iterable[tuple[Any, ...]]
) -> dict[str, str]:
    """``{term: type}`` of a tokenizer's vocabulary (lexicon categories, fitted, user words).

    Examples
    --------
    >>> from govtext.tokenize.lexicon import Term
    >>> type_table([Term("乡村振兴", "programme", "乡村振兴", "")], ["桃溪锦带"], [])
    {'乡村振兴': 'policy', '桃溪锦带': 'policy'}
    """
    out = {t.term: _FROM_CATEGORY.get(t.category, "policy") for t in terms}
    for w in discovered:
        out.setdefault(w, "policy")
    for w, *_ in user_words:
        out.setdefault(w, "policy")
    return out


class TokenTypes:
    """Token types for :class:`~govtext.tokenize.policy.PolicyTokenizer` (a mixin)."""

    engine: Any
    _type_table: dict[str, str]
    _names: set[str]

    def token_type(self, token: str) -> str:
        """The type of one token (one of :data:`TYPES`).

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> tok = PolicyTokenizer()
        >>> [tok.token_type(t) for t in ["乡村振兴", "北闸口镇", "4.7亿元", "的", "，", "苹果"]]
        ['policy', 'place', 'number_unit', 'function', 'punct', 'word']
        """
        from govtext.tokenize.compose import cores
        from govtext.tokenize.lexicon import load_stopwords
        from govtext.tokenize.places import is_place, place_spans
        from govtext.tokenize.rules import _FORMULA, _PLAN, _REDUPLICATED, CN_COUNT, is_number_token

        self.engine  # noqa: B018  (the type table is filled by the build)
        if not token.strip() or _PUNCT.match(token):
            return "punct"
        if is_number_token(token):
            return "number_unit"
        spans = place_spans(token)
        whole = spans[0][2] if len(spans) == 1 and spans[0][:2] == (0, len(token)) else None
        if whole == "facility":  # 保定南站 is a facility, whatever the lexicon says
            return whole
        got = self._type_table.get(token)
        if got is not None:
            return got
        if is_place(token):
            return "place"
        if whole is not None:
            return whole
        if token in _ORGANS:
            return "organisation"
        if CN_COUNT.fullmatch(token) and not _PLAN.fullmatch(token):  # 二十五个, 九五三年
            return "number_unit"
        if _FORMULA.fullmatch(token) or _REDUPLICATED.fullmatch(token):
            return "policy"
        if cores(token, self._is_term):
            return "policy"
        if (
            len(token) >= 3
            and _ORGAN_SUFFIX.match(token)
            and token[-1] != "委"
            or (len(token) >= 3 and token.endswith("委") and is_place(token[:-1]))
        ):
            return "organisation"
        if token in load_stopwords():
            return "function"
        return "word"

    def types(self, tokens: Sequence[str]) -> list[str]:
        """The type of each token (:data:`TYPES`), e.g. of :meth:`cut` or :meth:`tokenize`.

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> tok = PolicyTokenizer()
        >>> pieces = tok.cut("建设乡村振兴示范村，居民人均可支配收入增长5%")
        >>> list(zip(pieces, tok.types(pieces)))  # doctest: +NORMALIZE_WHITESPACE
        [('建设', 'word'), ('乡村振兴示范村', 'policy'), ('，', 'punct'),
         ('居民人均可支配收入', 'indicator'), ('增长', 'word'), ('5%', 'number_unit')]
        """
        memo: dict[str, str] = {}
        out = []
        for t in tokens:
            got = memo.get(t)
            if got is None:
                got = memo[t] = self.token_type(t)
            out.append(got)
        return out

    def cores(self, token: str) -> list[str]:
        """The terms a composed token is built on, outermost first (``[]`` if none).

        The long form is the token (乡村振兴示范村 is counted as itself); an analysis that
        wants to count the core as well (乡村振兴) adds these.

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> PolicyTokenizer().cores("乡村振兴示范村建设")
        ['乡村振兴示范村', '乡村振兴']
        """
        from govtext.tokenize.compose import cores

        self.engine  # noqa: B018
        return cores(token, self._is_term)

    def _is_term(self, piece: str) -> bool:
        """True for a piece a policy head may follow (a term or a place)."""
        from govtext.tokenize.places import is_place

        return piece in self._names or piece in self._type_table or is_place(piece)
