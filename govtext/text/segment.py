"""The one segmenter of sentences and paragraphs.

Every part of govtext that needs sentences or paragraphs (co-occurrence windows, topic
units, KWIC, indicator sentences, report structure) cuts them here, so a "sentence" means
the same thing everywhere:

- a **paragraph** is a line of the normalised text (reports put one paragraph per line);
- a **sentence** ends after 。！？； (or ! ? ; ) and at every line break. The semicolon
  counts: in government work reports it separates complete clauses of a list
  (……增长6%左右；城镇新增就业……), each of which is read as a statement of its own.

Spans are half-open ``(start, end)`` character offsets into the text they were cut
from; the end includes the closing punctuation but not the line break.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "SENTENCE_END",
    "paragraph_spans",
    "sentence_spans",
    "group_pieces",
]

#: Characters that close a sentence (a line break closes one too).
SENTENCE_END = frozenset("。！？；!?;")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``.

    Examples
    --------
    >>> paragraph_spans("甲。\\n\\n乙；丙")
    [(0, 2), (4, 7)]
    """
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (see the module docstring for the rule).

    Examples
    --------
    >>> t = "增长6%左右；就业稳定。\\n下一段"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['增长6%左右；', '就业稳定。', '下一段']
    """
    spans = []
    for p0, p1 in paragraph_spans(text):
        start = p0
        for i in range(p0, p1):
            if text[i] in SENTENCE_END:
                if text[start : i + 1].strip():
                    spans.append((start, i + 1))
                start = i + 1
        if start < p1 and text[start:p1].strip():
            spans.append((start, p1))
    return spans


def group_pieces(pieces: Sequence[str], unit: str = "sentence") -> list[list[str]]:
    """Group the pieces of a lossless cut into sentences, paragraphs or one report.

    ``pieces`` is what ``PolicyTokenizer.cut`` returns (their concatenation is the
    text). A piece holding a line break ends a paragraph (and a sentence); a piece that
    is one of :data:`SENTENCE_END` ends a sentence and stays in it. Pieces that are
    only whitespace are kept in their group; empty groups are dropped.

    Parameters
    ----------
    pieces : sequence of str
    unit : {"sentence", "paragraph", "report"}, default "sentence"

    Returns
    -------
    list of list of str

    Examples
    --------
    >>> group_pieces(["乡村振兴", "。", "营商环境", "；", "\\n", "高质量发展"])
    [['乡村振兴', '。'], ['营商环境', '；'], ['高质量发展']]
    >>> group_pieces(["乡村振兴", "。", "营商环境", "\\n", "高质量发展"], "paragraph")
    [['乡村振兴', '。', '营商环境'], ['高质量发展']]
    """
    if unit == "report":
        return [list(pieces)] if pieces else []
    if unit not in ("sentence", "paragraph"):
        from govtext.errors import InputError

        raise InputError(f"unit must be 'sentence', 'paragraph' or 'report', not {unit!r}")
    groups: list[list[str]] = []
    cur: list[str] = []
    for p in pieces:
        if "\n" in p:
            if cur:
                groups.append(cur)
            cur = []
            continue
        cur.append(p)
        if unit == "sentence" and p in SENTENCE_END:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return [g for g in groups if any(s.strip() for s in g)]


def iter_units(texts: Iterable[str], unit: str = "sentence") -> Iterable[tuple[int, str]]:
    """``(index of text, unit text)`` for every sentence or paragraph of ``texts``.

    Examples
    --------
    >>> list(iter_units(["甲。乙", "丙"], "sentence"))
    [(0, '甲。'), (0, '乙'), (1, '丙')]
    """
    spans = sentence_spans if unit == "sentence" else paragraph_spans
    for i, t in enumerate(texts):
        for a, b in spans(t):
            yield i, t[a:b]
