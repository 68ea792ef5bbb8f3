"""Headings of a report: numbered and unnumbered heading lines, and their levels.

:func:`detect_headings` finds the heading lines of every numbering style (``一、``,
``（一）``, ``1.``, ``（1）``, ``①``, ``第一部分``, ``一是``, a lone numeral, unnumbered
short lines) and :func:`heading_levels` nests them by the order in which the styles
appear; :mod:`govtext.text.structure` builds the section tree from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from govtext.text.numerals import chinese_to_int
from govtext.text.segment import SENTENCE_END

__all__ = [
    "BAD_PLAIN_END",
    "PARA_END",
    "SALUTATION",
    "SPACE",
    "Heading",
    "Line",
    "detect_headings",
    "heading_levels",
    "numbered_heading",
]

_CN = "一二三四五六七八九十"


def _cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; a run of digits without 十 (一二) is not a heading number."""
    if not s or (len(s) > 1 and "十" not in s):
        return None
    return chinese_to_int(s)


def _ar_number(s: str) -> int:
    return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, regex on the stripped line, group holding the number, converter)
_MARKERS: list[tuple[str, re.Pattern[str], Callable[[str], int | None]]] = [
    ("part", re.compile(rf"^第([{_CN}]{{1,3}})(?:部分|章|篇)[、，,：:\s]*"), _cn_number),
    ("paren_cn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)][、，,.．\s]*"), _cn_number),
    ("paren_arabic", re.compile(r"^[（(]\s*([0-9０-９]{1,2})\s*[）)][、，,.．\s]*"), _ar_number),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．](?![{_CN}][、.．])\s*"), _cn_number),
    ("arabic", re.compile(r"^([0-9０-９]{1,2})\s*(?:[.．](?![0-9０-９])|[、])\s*"), _ar_number),
    ("circled", re.compile(f"^([{_CIRCLED}])\\s*"), lambda s: _CIRCLED.index(s) + 1),
    (
        "ordinal",
        re.compile(rf"^(?:第([{_CN}]{{1,3}})[、，,．.：:]|([{_CN}]{{1,3}})是)\s*"),
        _cn_number,
    ),
]
_LONE_NUMERAL = re.compile(rf"^([{_CN}]{{1,3}})$")
_NOTES = re.compile(
    r"^[※*\s]*(?:附[：:]\s*)?(?:注释|注解|名词解释|短语说明|附注|备注|"
    r"(?:附件|附表|附录)[0-9０-９一二三四五六七八九十]*(?:[：:]\s*\S{0,20})?)[※*\s：:]*$"
)

#: a title may hold a ； but no other sentence end of govtext.text.segment
_SENT_END = "".join(sorted(SENTENCE_END - {"；", ";"}))
_FINAL_PUNCT = set("。！？!?；;，,、：:…—")
PARA_END = set("。！？!?；;：:”’」』）)…")
BAD_PLAIN_END = set("的和与及是在对把为了等之向从以将由而并或")
SPACE = " \t\u3000\u00a0\ufeff\r\u200b"

_SHORT = 40  # a standalone heading line has at most this many characters
_PLAIN_MAX = 32  # an unnumbered heading has at most this many characters
_LONG_PARA = 60  # a "real" paragraph has at least this many characters
_TITLE_MAX = 80  # the title of a paragraph-opening heading is cut here


@dataclass
class Line:
    """A line of the text: its number, the offsets of its content and the content."""

    no: int  # 1-based
    start: int  # offset of first non-space character
    end: int  # offset after last non-space character
    s: str  # stripped content


def _lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        lstrip = len(raw) - len(raw.lstrip(SPACE))
        content = raw.strip(SPACE)
        s = pos + lstrip
        out.append(Line(no, s, s + len(content), content))
        pos += len(raw) + 1
    return out


@dataclass
class Heading:
    """A heading line found by :func:`detect_headings` (see :class:`govtext.Section`)."""

    line: Line
    style: str
    number: int | None
    marker: str
    title: str
    start: int
    heading_end: int
    standalone: bool  # the heading is a line of its own (not opening a paragraph)
    forced_top: bool = False
    top_like: bool = False


def _title_of(rest: str) -> tuple[str, int, bool]:
    """Title of a heading given the text after its marker; returns (title, length used,
    standalone)."""
    if len(rest) <= _SHORT and not any(c in rest[:-1] for c in _SENT_END):
        # a short line ending like a sentence (……进行切实的检查。) is a list item, not a title
        return rest.rstrip("。！？!?；;：:，,"), len(rest), rest[-1:] not in "。；;"
    m = re.search(r"[。！？!?；;：:]|[ \u3000]+(?=[\u3400-\u9fff])", rest)
    if m is not None and m.start() <= _TITLE_MAX:
        return rest[: m.start()], m.end(), False
    cut = rest[:_TITLE_MAX]
    return cut, len(cut), False


def _is_continuation_start(s: str) -> bool:
    return bool(re.match(r"^(?:[，,。、；;：:）)”]|[是为][：:])", s))


SALUTATION = ("各位代表", "各位委员", "名位代表")


def _body_start(lines: list[Line]) -> int | None:
    """Index of the salutation line (各位代表：) when it opens the report, else None."""
    for i, ln in enumerate(lines[:40]):
        if ln.s.startswith(SALUTATION) and len(ln.s) <= 60:
            return i
    return None


def detect_headings(text: str) -> list[Heading]:
    """Heading lines of a report in text order (numbered, unnumbered and notes headings).

    Examples
    --------
    >>> t = "各位代表：\\n一、2023年工作回顾\\n过去一年，经济回升向好。\\n（一）项目建设\\n完成投资29亿元。\\n"
    >>> [(h.style, h.marker, h.title) for h in detect_headings(t)]
    [('cn', '一、', '2023年工作回顾'), ('paren_cn', '（一）', '项目建设')]
    """
    lines = _lines(text)
    n = len(lines)
    sal = _body_start(lines)
    body_from = sal if sal is not None else 0
    # unnumbered headings only after the salutation or the first real paragraph
    plain_from = (
        sal
        if sal is not None
        else next((i for i, ln in enumerate(lines) if len(ln.s) >= _LONG_PARA), n)
    )
    heads: list[Heading] = []
    for i in range(body_from, n):
        ln = lines[i]
        s = ln.s
        if not s or s.startswith(SALUTATION):
            continue
        if _NOTES.match(s):
            heads.append(
                Heading(ln, "notes", None, "", s.strip("※* ：:"), ln.start, ln.end, True, True)
            )
            continue
        h = numbered_heading(ln)
        if h is not None:
            _merge_broken(h, lines, i, text)
            heads.append(h)
            continue
        if i > plain_from and _is_plain(lines, i):
            heads.append(Heading(ln, "plain", None, "", s, ln.start, ln.end, True))
    _mark_top_like(heads)
    return heads


def _merge_broken(h: Heading, lines: list[Line], i: int, text: str) -> None:
    """A heading broken inside quotation marks (二、“十四五 / ”时期……) continues on the next line."""
    if not h.standalone or h.title.count("“") <= h.title.count("”"):
        return
    nxt = _next_nonblank(lines, i)
    if nxt is None or not nxt.s.startswith("”"):
        return
    m = re.search(r"[，,。！？；;：:]", nxt.s)
    cut = m.start() if m is not None and m.start() <= _TITLE_MAX else min(len(nxt.s), _TITLE_MAX)
    h.title = h.title + nxt.s[:cut]
    h.heading_end = nxt.start + cut


_TOP_LIKE = re.compile(
    r"(?:回顾|工作安排|主要任务|重点工作|工作重点|目标任务|工作任务|自身建设|总体要求|主要目标|"
    r"工作建议|的建议|工作部署|总体部署|工作思路|人民满意的.{0,6}政府|[0-9]{4}年工作|年的工作)$"
)


def _mark_top_like(heads: list[Heading]) -> None:
    """Unnumbered headings that name a whole part of a report (2023年工作回顾, 2024年主要任务,
    全面加强政府自身建设) are top-level candidates; so are headings built like them
    (站在新起点：2012年工作回顾 / 开启新征程：……)."""
    plain = [h for h in heads if h.style == "plain"]
    tops = [
        h
        for h in plain
        if len(h.title) <= 30
        and _TOP_LIKE.search(h.title)
        and not re.match(r"^(?:一年来|五年来|我们|坚持)", h.title)
    ]
    colon_top = any(0 < h.title.find("：") <= 8 for h in tops)
    for h in plain:
        if h in tops or (colon_top and 0 < h.title.find("：") <= 8):
            h.top_like = True


def numbered_heading(ln: Line) -> Heading | None:
    """The heading a line opens with a number (``一、``, ``（二）``, ``3.``), else None.

    Examples
    --------
    >>> h = numbered_heading(Line(1, 0, 9, "（二）扩大有效投资"))
    >>> h.style, h.number, h.title
    ('paren_cn', 2, '扩大有效投资')
    """
    s = ln.s
    m = _LONE_NUMERAL.match(s)
    if m:
        return Heading(ln, "cn", _cn_number(m.group(1)), s, s, ln.start, ln.end, True)
    for style, rx, conv in _MARKERS:
        m = rx.match(s)
        if m is None:
            continue
        num_s = next(g for g in m.groups() if g is not None)
        number = conv(num_s)
        if number is None:
            return None
        rest = s[m.end() :]
        if not rest or not re.search(r"[\u3400-\u9fffA-Za-z0-9“]", rest[:6]):
            return None
        if style in ("ordinal", "circled") and len(s) > _SHORT:
            return None  # 一是…… inside a paragraph: an enumeration, not a heading
        if style == "arabic" and re.match(r"^\s*[0-9０-９]", rest):
            return None
        title, used, standalone = _title_of(rest)
        if not title.strip():
            return None
        return Heading(
            ln,
            style,
            number,
            s[: m.end()].strip(SPACE),
            title.strip(SPACE),
            ln.start,
            ln.start + m.end() + used,
            standalone,
        )
    return None


def _prev_nonblank(lines: list[Line], i: int) -> Line | None:
    j = i - 1
    while j >= 0 and not lines[j].s:
        j -= 1
    return lines[j] if j >= 0 else None


def _next_nonblank(lines: list[Line], i: int) -> Line | None:
    j = i + 1
    while j < len(lines) and not lines[j].s:
        j += 1
    return lines[j] if j < len(lines) else None


def _is_plain(lines: list[Line], i: int) -> bool:
    s = lines[i].s
    if not (2 <= len(s) <= _PLAIN_MAX):
        return False
    if s[-1] in _FINAL_PUNCT or s[-1] in BAD_PLAIN_END:
        return False
    if s.startswith(("—", "-", "－", "（鼓掌", "(", "[", "［", "注")):
        return False
    if len(re.findall(r"[\u3400-\u9fff]", s)) < 2:
        return False
    prev = _prev_nonblank(lines, i)
    nxt = _next_nonblank(lines, i)
    if prev is None or nxt is None:
        return False
    if _is_continuation_start(nxt.s):
        return False
    if _TOP_LIKE.search(s) and len(nxt.s) >= 8:
        return True  # 过去五年工作回顾 after a broken line
    if prev.s[-1] not in PARA_END and numbered_heading(prev) is None:
        return False  # the previous line runs on into this one
    if prev.s[-1] in "：:" and numbered_heading(prev) is None and len(nxt.s) < _LONG_PARA:
        return False  # an item of a list announced by a colon
    if _is_continuation_start(nxt.s):
        return False
    return True


@dataclass
class _Slot:
    style: str
    number: int | None
    level: int
    standalone: bool
    has_body: bool = False
    top_like: bool = False


def heading_levels(heads: list[Heading], text: str) -> list[int]:
    """Level of each heading (1 = top), from a stack of the numbering styles seen so far.

    Examples
    --------
    >>> t = "各位代表：\\n一、回顾\\n（一）经济\\n正文。\\n（二）民生\\n正文。\\n二、任务\\n正文。\\n"
    >>> heading_levels(detect_headings(t), t)
    [1, 2, 2, 1]
    """
    stack: list[_Slot] = []
    levels: list[int] = []
    any_top_like = any(h.top_like for h in heads)
    for k, h in enumerate(heads):
        if stack:  # did the previous heading have text under it?
            prev = heads[k - 1]
            stack[-1].has_body = bool(text[prev.heading_end : h.start].strip())
        if h.forced_top or not stack:
            stack = [_Slot(h.style, h.number, 1, h.standalone, top_like=h.top_like)]
            levels.append(1)
            continue
        if h.style == "plain":
            top = stack[-1]
            if stack[0].style == "plain" and (h.top_like or not any_top_like):
                # unnumbered top-level headings (1978, 1983, 2005 county reports)
                stack = [_Slot("plain", None, 1, True, top_like=h.top_like)]
            elif top.style == "plain" and not top.top_like:
                stack[-1] = _Slot("plain", None, top.level, True)
            elif top.has_body and top.level >= 2 and top.style == "paren_cn" and top.number:
                # an unnumbered sibling of （一）: a heading whose number was lost
                stack[-1] = _Slot(top.style, top.number + 1, top.level, True)
            else:
                stack.append(_Slot("plain", None, top.level + 1, True))
            levels.append(stack[-1].level)
            continue
        if (
            h.number == 1
            and h.standalone
            and stack[0].style == h.style
            and (not stack[0].standalone or h.style != "cn")
        ):
            # a new list in the top-level style: a new top-level group (not a nested list)
            stack = [_Slot(h.style, h.number, 1, h.standalone)]
            levels.append(1)
            continue
        # numbered heading: continue a list on the stack, or open a new one
        cands = [
            j
            for j, sl in enumerate(stack)
            if sl.style == h.style and sl.number is not None and h.number == sl.number + 1
        ]
        same = [j for j in cands if stack[j].standalone == h.standalone]
        j = (same or cands or [None])[-1]
        if j is None and h.number != 1:
            others = [j2 for j2, sl in enumerate(stack) if sl.style == h.style]
            if others:
                j = others[-1]
        if j is not None:
            level = stack[j].level
            del stack[j:]
            stack.append(_Slot(h.style, h.number, level, h.standalone))
        elif h.number and h.number > 1 and stack[-1].style == "plain" and not stack[-1].top_like:
            # the unnumbered heading before （二） is （一） whose number was lost
            stack[-1] = _Slot(h.style, h.number, stack[-1].level, h.standalone)
        else:
            stack.append(_Slot(h.style, h.number, stack[-1].level + 1, h.standalone))
        levels.append(stack[-1].level)
    return levels
