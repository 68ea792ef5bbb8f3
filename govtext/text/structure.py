"""Report structure: headings as a tree with character offsets, and section kinds.

A government work report is a sequence of paragraphs (one per line) under numbered
headings. :func:`parse_sections` finds the headings of every level

* ``一、`` (``cn``), ``（一）`` (``paren_cn``), ``1.`` / ``1、`` (``arabic``),
  ``（1）`` (``paren_arabic``), ``①`` (``circled``), ``第一部分`` (``part``);
* ``第一，`` / ``一是`` (``ordinal``) when they stand on a short line of their own;
* a lone numeral on its own line (``一``, 1960);
* unnumbered ("bold-less") headings: a short line without final punctuation between
  two paragraphs (``plain``);

and nests them by the order in which the numbering styles appear (the first style seen is
the top level; a style seen again continues its list when the number follows on). Numbered
headings written at the start of a long paragraph (``（一）大力推进……。充分发挥……``) are
headings too; their title is the first sentence.

Each top-level section is classified as ``review`` (the past year or years), ``targets``
(general requirements and main expected targets), ``tasks`` (the work for the coming
year), ``self_building`` (government self-building) or ``other``; sub-sections inherit the
kind of their top-level section. Because many reports state the year's targets inside the
tasks section, :func:`govtext.text.targets_spans.targets_spans` finds the targets statement(s) wherever they are.

Headings are found in :mod:`govtext.text.headings`, kinds in
:mod:`govtext.text.section_kinds`. All offsets are into the text exactly as given (``Report.text``, not normalised).
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from govtext.text.headings import detect_headings, heading_levels
from govtext.text.section_kinds import (
    KINDS,
    classify_heading,
    header_year,
    title_decides,
    years_in,
)

__all__ = [
    "KINDS",
    "Section",
    "parse_sections",
    "walk",
    "section_spans",
    "section_at",
    "kind_lookup",
    "section_text",
    "classify_heading",
]


@dataclass
class Section:
    """One heading and the text under it.

    Attributes
    ----------
    title : str
        Heading text without its number (``一、2023年工作回顾`` → ``2023年工作回顾``);
        for a heading that opens a paragraph, its first sentence. ``text[start:heading_end]``
        contains it (for a heading broken across two lines, once the line break is removed).
    level : int
        1 for top-level sections, 2 for their sub-sections, ...
    kind : str
        ``review``, ``targets``, ``tasks``, ``self_building`` or ``other``; sub-sections
        carry the kind of their top-level section.
    start, end : int
        Character offsets into the text: ``start`` is the heading's first character
        (its number), ``end`` where the next heading of the same or a higher level
        starts, or the end of the text.
    heading_end : int
        Offset just after the heading: the end of the heading line, or for a heading
        that opens a paragraph, just after its first sentence.
    line : int
        1-based line number of the heading.
    children : list of Section
        Sub-sections in order.
    marker : str
        The number as written (``一、``, ``（二）``, ``3.``), empty for unnumbered headings.
    style : str
        ``cn``, ``paren_cn``, ``arabic``, ``paren_arabic``, ``circled``, ``ordinal``,
        ``part``, ``plain`` or ``notes``.
    number : int or None
        The heading's number within its list.

    Examples
    --------
    >>> secs = parse_sections("各位代表：\\n一、2023年工作回顾\\n过去一年，经济回升向好。\\n")
    >>> s = secs[0]
    >>> s.title, s.kind, s.level, s.line, s.marker
    ('2023年工作回顾', 'review', 1, 2, '一、')
    """

    title: str
    level: int
    kind: str
    start: int
    end: int
    heading_end: int
    line: int
    children: list[Section] = field(default_factory=list)
    marker: str = ""
    style: str = "plain"
    number: int | None = None

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, depth first, in text order."""
        yield self
        for c in self.children:
            yield from c.walk()

    def body(self, text: str) -> str:
        """The text under the heading (from ``heading_end`` to ``end``), stripped."""
        return text[self.heading_end : self.end].strip()


def walk(sections: Iterable[Section]) -> Iterator[Section]:
    """Iterate over every section of a tree (depth first, in text order).

    Examples
    --------
    >>> t = "各位代表：\\n一、回顾\\n（一）经济\\n正文。\\n（二）民生\\n正文。\\n二、任务\\n正文。\\n"
    >>> [s.title for s in walk(parse_sections(t))]
    ['回顾', '经济', '民生', '任务']
    """
    for s in sections:
        yield from s.walk()


@lru_cache(maxsize=32)
def _parse_cached(text: str) -> tuple[Section, ...]:
    heads = detect_headings(text)
    levels = heading_levels(heads, text)
    nodes = [
        Section(
            title=h.title,
            level=lv,
            kind="other",
            start=h.start,
            end=len(text),
            heading_end=h.heading_end,
            line=h.line.no,
            marker=h.marker,
            style=h.style,
            number=h.number,
        )
        for h, lv in zip(heads, levels)
    ]
    # ends and nesting
    roots: list[Section] = []
    open_: list[Section] = []
    for node in nodes:
        while open_ and open_[-1].level >= node.level:
            open_.pop().end = node.start
        if open_:
            open_[-1].children.append(node)
        else:
            roots.append(node)
        open_.append(node)
    # the text after the last heading belongs to every open section: already len(text)
    ry = header_year(text)
    if ry is None:  # the latest year named by a top-level heading is the plan year
        ys = [y for r in roots for y in years_in(r.title) if 1949 <= y <= 2100]
        ry = max(ys) if len(set(ys)) >= 2 else None
    kinds = [
        "other"
        if r.style == "notes"
        else classify_heading(r.title, text[r.heading_end : r.end], ry)
        for r in roots
    ]
    kinds = _smooth(kinds, [r.style == "notes" or title_decides(r.title) for r in roots])
    for r, kind in zip(roots, kinds):
        for s in r.walk():
            s.kind = kind
    return tuple(roots)


def _smooth(kinds: list[str], decided: list[bool]) -> list[str]:
    """Topic sections (三、促进经济平稳较快发展) whose heading names no kind: after the plan
    overview they are tasks; between a review and the plan, review. Only kinds guessed from
    the text under a heading (``decided`` False) are changed."""
    out = list(kinds)
    seen_plan = seen_decided_plan = False
    for i, (k, dec) in enumerate(zip(kinds, decided)):
        if k in ("tasks", "targets"):
            seen_plan = True
            seen_decided_plan = seen_decided_plan or dec
        if dec:
            continue
        if (seen_plan and k == "other") or (seen_decided_plan and k == "review"):
            out[i] = "tasks"
        elif (
            k == "other"
            and i > 0
            and out[i - 1] == "review"
            and any(kk in ("tasks", "targets") for kk in kinds[i + 1 :])
        ):
            out[i] = "review"
    return out


def parse_sections(text: str) -> list[Section]:
    """Headings of a report as a tree of :class:`Section` with character offsets.

    Parameters
    ----------
    text : str
        Report text as read (``Report.text``); offsets refer to it.

    Returns
    -------
    list of Section
        Top-level sections in text order, each with its sub-sections in ``children``.
        Empty when the report has no headings. What precedes the first heading (title,
        salutation, opening words) is in no section; see :func:`section_spans`.

    Examples
    --------
    >>> text = ("政府工作报告\\n各位代表：\\n一、2023年工作回顾\\n过去一年，全县经济回升向好。\\n"
    ...         "（一）项目建设\\n完成投资29亿元。\\n二、2024年工作安排\\n"
    ...         "今年主要预期目标是：生产总值增长6%。\\n")
    >>> secs = parse_sections(text)
    >>> [(s.title, s.kind) for s in secs]
    [('2023年工作回顾', 'review'), ('2024年工作安排', 'tasks')]
    >>> sub = secs[0].children[0]
    >>> sub.title, sub.level, sub.kind, text[sub.start:sub.heading_end]
    ('项目建设', 2, 'review', '（一）项目建设')
    """
    if not isinstance(text, str):
        from govtext.errors import InputError

        raise InputError(
            f"parse_sections() expects the report text as str, not {type(text).__name__}"
        )
    return [copy.deepcopy(s) for s in _parse_cached(text)]


def section_spans(text: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of the top-level sections, in order.

    What precedes the first heading is reported as kind ``preamble`` when it holds any
    text; the spans cover ``text`` from the first section (or preamble) to the end.

    Examples
    --------
    >>> section_spans("各位代表：\\n一、过去一年工作回顾\\n正文。\\n二、今年工作任务\\n正文。")
    [('preamble', 0, 6), ('review', 6, 21), ('tasks', 21, 33)]
    """
    roots = _parse_cached(text)
    spans: list[tuple[str, int, int]] = []
    first = roots[0].start if roots else len(text)
    if text[:first].strip():
        spans.append(("preamble", 0, first))
    spans.extend((r.kind, r.start, r.end) for r in roots)
    return spans


def kind_lookup(text: str) -> Callable[[int], str]:
    """A fast function ``offset -> kind`` for one text (parse once, look up many times).

    Offsets before the first heading give ``preamble``; offsets outside the text raise
    ``IndexError``. For many offsets at once, the returned function also has an attribute
    ``many(offsets) -> list[str]``.

    Examples
    --------
    >>> kind_at = kind_lookup("各位代表：\\n一、2023年工作回顾\\n增长5%。\\n二、2024年工作任务\\n增长5%左右。")
    >>> kind_at(2), kind_at(22), kind_at(40)
    ('preamble', 'review', 'tasks')
    >>> kind_at.many([22, 40])
    ['review', 'tasks']
    """
    spans = section_spans(text)
    starts = [s for _, s, _ in spans]
    kinds = [k for k, _, _ in spans]
    n = len(text)

    def kind_at(offset: int) -> str:
        if not 0 <= offset <= n:
            raise IndexError(f"offset {offset} is outside the text (length {n})")
        i = bisect.bisect_right(starts, offset) - 1
        return kinds[i] if i >= 0 else "preamble"

    def many(offsets: Iterable[int]) -> list[str]:
        return [kind_at(int(o)) for o in offsets]

    kind_at.many = many  # type: ignore[attr-defined]
    return kind_at


def section_at(text: str, offset: int) -> str:
    """Kind of the top-level section that holds ``offset`` (``preamble`` before the first
    heading). Parsing is cached, so calling it repeatedly on the same text is cheap; for
    thousands of offsets prefer :func:`kind_lookup`.

    Examples
    --------
    >>> section_at("各位代表：\\n一、2023年工作回顾\\n正文。", 10)
    'review'
    """
    return kind_lookup(text)(offset)


def section_text(text: str, kind: str) -> str:
    """Concatenated text of the top-level sections of one kind (``""`` if there are none).

    Sections are joined with a newline, headings included.

    Examples
    --------
    >>> t = "各位代表：\\n一、2023年工作回顾\\n过去一年，增长5%。\\n二、2024年工作任务\\n今年增长5%左右。\\n"
    >>> section_text(t, "tasks")
    '二、2024年工作任务\\n今年增长5%左右。'
    >>> section_text(t, "self_building")
    ''
    """
    if kind not in (*KINDS, "preamble"):
        from govtext.errors import InputError

        raise InputError(
            f"unknown section kind {kind!r}; use one of {', '.join((*KINDS, 'preamble'))}"
        )
    parts = [text[s:e].strip("\n") for k, s, e in section_spans(text) if k == kind]
    return "\n".join(p for p in parts if p)
