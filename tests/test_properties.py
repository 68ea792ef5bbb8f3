"""Property-based tests (hypothesis) on arbitrary Unicode: cut is lossless, tokenize never
yields empty or whitespace tokens, spans point back into the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govtext as gt

_TOK = gt.PolicyTokenizer()
_KEEP = gt.PolicyTokenizer(
    keep_numbers=True, keep_punct=True, min_len=1, stopwords=False, boilerplate=False
)

# arbitrary Unicode (surrogates excluded: they cannot occur in decoded text), mixed with
# report-like material so that the rules fire too
_any = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
_reportish = st.lists(
    st.sampled_from(
        [
            "乡村振兴",
            "“三张好牌”",
            "4.7亿元",
            "７％",
            "十四五",
            "两个维护",
            "河（湖）长制",
            " ",
            "\u3000",
            "\r\n",
            "\n",
            "、",
            "增长5%—5.5%",
            "政 府 工 作",
            "1 9 9 8 年",
            "\u200b",
            "𠀀",
            "é",
            "٣",
            "\x00",
            "\t",
        ]
    )
    | _any,
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_any | _reportish)
def test_cut_is_lossless_on_arbitrary_unicode(text):
    assert "".join(_TOK.cut(text)) == gt.normalize(text)


@settings(max_examples=200, deadline=None)
@given(_any | _reportish)
def test_tokenize_never_yields_empty_or_whitespace_tokens(text):
    for tok in (_TOK, _KEEP):
        for t in tok.tokenize(text):
            assert t and t.strip() == t and not t.isspace()


@settings(max_examples=150, deadline=None)
@given(_any | _reportish)
def test_spans_point_back_into_the_input(text):
    spans = _TOK.spans(text)
    assert [p for p, _, _ in spans] == _TOK.cut(text)
    last = 0
    for piece, start, end in spans:
        assert last <= start < end <= len(text)
        # the piece starts with the (normalised) input character its start offset points at
        assert piece[0] == gt.normalize(text[start] + "x")[0]
        last = start
