"""The scope around a quantity: its clause, its sentence, its line and its report section.

Sentences are those of :mod:`govtext.text.segment` (``。！？；`` and a line break end one).
Two scopes of the extractor are local rules built on that set, not second splitters:

- a **clause** (:func:`clause_start`) also ends at ``，：、`` and brackets;
- a **statement** (:data:`STATEMENT_END`) is a sentence continued over ``；``: a cue word
  that opens it (``预计……增长5%；……增长6%``) covers every clause of the list it introduces.
"""

from __future__ import annotations

import re

from govtext.text.segment import SENTENCE_END
from govtext.text.structure import section_spans as section_spans
from govtext.text.targets_spans import targets_spans

__all__ = [
    "CLAUSE_END",
    "SENTENCE_STOP",
    "STATEMENT_END",
    "clause_start",
    "sentence_start",
    "statement_start",
    "line_starts",
    "section_of",
    "section_spans",
    "year_targets_spans",
]

#: characters that end a clause (sentence ends, commas, colons, enumeration commas, brackets)
CLAUSE_END = "，。；：！？、,;:!?\n（）()《》[]"
#: characters that end a sentence: :data:`govtext.text.segment.SENTENCE_END` and a line break
SENTENCE_STOP = "".join(sorted(SENTENCE_END)) + "\n"
#: a statement is a sentence continued over ``；`` (see the module docstring)
STATEMENT_END = "".join(sorted(SENTENCE_END - {"；", ";"})) + "\n"


def line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start.

    Examples
    --------
    >>> line_starts("甲\\n乙\\n")
    [0, 2, 4]
    """
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def year_targets_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the statements of the coming year's targets (not a plan period's).

    Examples
    --------
    >>> t = "今年主要预期目标是：生产总值增长6%左右。"
    >>> [t[a:b] for a, b in year_targets_spans(t)]
    ['今年主要预期目标是：生产总值增长6%左右。']
    """
    return targets_spans(text, horizon="year")


def clause_start(nt: str, pos: int, stop: str = CLAUSE_END) -> int:
    """Offset where the clause (or, with another ``stop``, the scope) holding ``pos`` starts.

    A footnote marker (``[1]``, ``〔31〕``) or a short parenthesis inside a name
    (``细颗粒物（PM2.5）浓度``) does not end a clause.

    Examples
    --------
    >>> t = "一般公共预算收入增长6%，细颗粒物（PM2.5）浓度下降3%"
    >>> t[clause_start(t, t.index("下降")):]
    '细颗粒物（PM2.5）浓度下降3%'
    """
    i = pos
    while i > 0:
        ch = nt[i - 1]
        if ch in "]］":  # a footnote marker: 完成地方生产总值[1]202亿元
            j = max(nt.rfind("[", max(0, i - 6), i - 1), nt.rfind("［", max(0, i - 6), i - 1))
            if j > 0 and re.fullmatch(r"\d{1,3}", nt[j + 1 : i - 1]):
                i = j
                continue
        if ch == "）" and "）" in stop:
            # a short parenthesis inside a name: 细颗粒物（PM2.5）浓度
            j = nt.rfind("（", max(0, i - 14), i - 1)
            if j > 0 and re.fullmatch(r"\d{1,3}", nt[j + 1 : i - 1]) and "\u4e00" <= nt[j - 1]:
                i = j  # a footnote marker: 关停“散乱污”企业〔31〕374家
                continue
            if (
                j > 0
                and "）" not in nt[j : i - 1]
                and i < pos
                and re.match(r"[\u4e00-\u9fff]", nt[j - 1])
            ):
                i = j
                continue
        if ch in stop:
            break
        i -= 1
    return i


def sentence_start(nt: str, pos: int) -> int:
    """Offset where the sentence (:mod:`govtext.text.segment`) holding ``pos`` starts.

    Examples
    --------
    >>> t = "增长6%左右；就业稳定"
    >>> t[sentence_start(t, 8):]
    '就业稳定'
    """
    return clause_start(nt, pos, SENTENCE_STOP)


def statement_start(nt: str, pos: int) -> int:
    """Offset where the statement (a sentence continued over ``；``) holding ``pos`` starts.

    Examples
    --------
    >>> t = "预计增长6%左右；就业稳定"
    >>> t[statement_start(t, 10):]
    '预计增长6%左右；就业稳定'
    """
    return clause_start(nt, pos, STATEMENT_END)


def section_of(sections: list[tuple[str, int, int]], pos: int) -> str:
    """Kind of the span of ``sections`` (``(kind, start, end)``) holding ``pos``, else ``other``.

    Examples
    --------
    >>> section_of([("review", 0, 10), ("tasks", 10, 20)], 12)
    'tasks'
    """
    for kind, a, b in sections:
        if a <= pos < b:
            return kind
    return "other"
