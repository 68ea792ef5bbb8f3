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
tasks section, :func:`targets_spans` finds the targets statement(s) wherever they are.

All offsets are into the text exactly as given (``Report.text``, not normalised).
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from govtext.text.numerals import chinese_to_int

__all__ = [
    "KINDS",
    "Section",
    "parse_sections",
    "walk",
    "section_spans",
    "section_at",
    "kind_lookup",
    "section_text",
    "targets_spans",
    "classify_heading",
]

#: kinds of top-level sections (``preamble`` only appears in :func:`section_spans`)
KINDS = ("review", "targets", "tasks", "self_building", "other")


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


# ----------------------------------------------------------------------------- numbers

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

_SENT_END = "。！？!?"
_FINAL_PUNCT = set("。！？!?；;，,、：:…—")
_PARA_END = set("。！？!?；;：:”’」』）)…")
_BAD_PLAIN_END = set("的和与及是在对把为了等之向从以将由而并或")
_SPACE = " \t\u3000\u00a0\ufeff\r\u200b"

_SHORT = 40  # a standalone heading line has at most this many characters
_PLAIN_MAX = 32  # an unnumbered heading has at most this many characters
_LONG_PARA = 60  # a "real" paragraph has at least this many characters
_TITLE_MAX = 80  # the title of a paragraph-opening heading is cut here


@dataclass
class _Line:
    no: int  # 1-based
    start: int  # offset of first non-space character
    end: int  # offset after last non-space character
    s: str  # stripped content


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        lstrip = len(raw) - len(raw.lstrip(_SPACE))
        content = raw.strip(_SPACE)
        s = pos + lstrip
        out.append(_Line(no, s, s + len(content), content))
        pos += len(raw) + 1
    return out


@dataclass
class _Head:
    line: _Line
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


_SALUTATION = ("各位代表", "各位委员", "名位代表")


def _body_start(lines: list[_Line]) -> int | None:
    """Index of the salutation line (各位代表：) when it opens the report, else None."""
    for i, ln in enumerate(lines[:40]):
        if ln.s.startswith(_SALUTATION) and len(ln.s) <= 60:
            return i
    return None


def _detect(text: str) -> list[_Head]:
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
    heads: list[_Head] = []
    for i in range(body_from, n):
        ln = lines[i]
        s = ln.s
        if not s or s.startswith(_SALUTATION):
            continue
        if _NOTES.match(s):
            heads.append(
                _Head(ln, "notes", None, "", s.strip("※* ：:"), ln.start, ln.end, True, True)
            )
            continue
        h = _numbered(ln)
        if h is not None:
            _merge_broken(h, lines, i, text)
            heads.append(h)
            continue
        if i > plain_from and _is_plain(lines, i):
            heads.append(_Head(ln, "plain", None, "", s, ln.start, ln.end, True))
    _mark_top_like(heads)
    return heads


def _merge_broken(h: _Head, lines: list[_Line], i: int, text: str) -> None:
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


def _mark_top_like(heads: list[_Head]) -> None:
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


def _numbered(ln: _Line) -> _Head | None:
    s = ln.s
    m = _LONE_NUMERAL.match(s)
    if m:
        return _Head(ln, "cn", _cn_number(m.group(1)), s, s, ln.start, ln.end, True)
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
        return _Head(
            ln,
            style,
            number,
            s[: m.end()].strip(_SPACE),
            title.strip(_SPACE),
            ln.start,
            ln.start + m.end() + used,
            standalone,
        )
    return None


def _prev_nonblank(lines: list[_Line], i: int) -> _Line | None:
    j = i - 1
    while j >= 0 and not lines[j].s:
        j -= 1
    return lines[j] if j >= 0 else None


def _next_nonblank(lines: list[_Line], i: int) -> _Line | None:
    j = i + 1
    while j < len(lines) and not lines[j].s:
        j += 1
    return lines[j] if j < len(lines) else None


def _is_plain(lines: list[_Line], i: int) -> bool:
    s = lines[i].s
    if not (2 <= len(s) <= _PLAIN_MAX):
        return False
    if s[-1] in _FINAL_PUNCT or s[-1] in _BAD_PLAIN_END:
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
    if prev.s[-1] not in _PARA_END and _numbered(prev) is None:
        return False  # the previous line runs on into this one
    if prev.s[-1] in "：:" and _numbered(prev) is None and len(nxt.s) < _LONG_PARA:
        return False  # an item of a list announced by a colon
    if _is_continuation_start(nxt.s):
        return False
    return True


# ----------------------------------------------------------------------------- tree


@dataclass
class _Slot:
    style: str
    number: int | None
    level: int
    standalone: bool
    has_body: bool = False
    top_like: bool = False


def _levels(heads: list[_Head], text: str) -> list[int]:
    """Assign a level to each heading with a stack of numbering styles."""
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


# ----------------------------------------------------------------------------- kinds

_SELF = re.compile(
    r"自身建设|自身改革|政府建设|满意的?.{0,6}政府|人民满意|政府工作效能|政府效能|加强政府|转变政府职能|"
    r"政府职能转变|服务型政府|法治政府|廉洁政府|责任政府|政府作风|作风建设|政风|行政能力|行政效能|"
    r"政府治理|治理效能|政府.{0,6}(?:形象|执行力|能力|水平)|依法行政|(?:提升|提高)政府|"
    r"务实.{0,4}政府|建设.{0,8}政府$|政府.{0,4}建设$|从严治政|政府机构改革|行政管理体制"
)
_OTHER = re.compile(
    r"外交|国际形势|对外政策|对外工作|祖国.{0,4}统一|统一大业|台湾|港澳|香港|国防|名词解释|注释|"
    r"霸权|世界和平|"
    r"^附件|^附表|^附录|^备注"
)
_REVIEW = re.compile(
    r"回顾|过去(?:的)?(?:一|五|三|十)?年|一年来|五年来|几年来|年来的|工作总结|基本总结|成就|成绩|"
    r"执行情况|胜利|决算|取得|前两年|以来的工作|去年工作|发展成就"
)
_TARGETS = re.compile(
    r"预期目标|主要目标|总体要求|指导思想|总体思路|政策取向|目标要求|奋斗目标|发展目标|基本思路|"
    r"主要指标|基本方针|指导方针"
)
_TASKS = re.compile(
    r"任务|重点工作|工作安排|主要工作|工作部署|总体部署|今年|明年|下一步|今后|努力|奋斗|全力|做好|"
    r"建议|计划|预算|工作打算|工作思路|工作谋划|重点|举措|措施|安排|展望|规划|"
    r"十[一二三四五六]五|[七八九]五"
)
_YEAR = re.compile(r"((?:19|20)\d\d|[一二][九〇零○][〇零○一二三四五六七八九]{2})年")
_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _clean(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s).translate(_FW_DIGITS)


def _years(s: str) -> list[int]:
    return [int(m.group(1).translate(_CN_YEAR_DIGITS)) for m in _YEAR.finditer(_clean(s))]


def _year_of(s: str) -> int | None:
    ys = _years(s)
    return ys[0] if ys else None


def _report_year(text: str) -> int | None:
    """Year the report was given, from its header (the lines before 各位代表)."""
    lines = text[:600].split("\n")
    head = []
    for ln in lines[:8]:
        if ln.strip().startswith(_SALUTATION):
            break
        head.append(ln)
    ys = _years("\n".join(head))
    return ys[0] if ys else None


def classify_heading(title: str, body: str = "", report_year: int | None = None) -> str:
    """Kind of a top-level section from its heading (and the start of its text).

    Parameters
    ----------
    title : str
        Heading text (with or without its number).
    body : str, optional
        Text under the heading; its first 300 characters break ties.
    report_year : int, optional
        Year in which the report was given; a heading naming an earlier year is a review,
        the same year a plan.

    Returns
    -------
    str
        ``review``, ``targets``, ``tasks``, ``self_building`` or ``other``.

    Examples
    --------
    >>> classify_heading("2023年工作回顾"), classify_heading("2024年政府工作任务")
    ('review', 'tasks')
    >>> classify_heading("2024年经济社会发展总体要求和政策取向")
    'targets'
    >>> classify_heading("全面加强政府自身建设"), classify_heading("关于对外政策")
    ('self_building', 'other')
    >>> classify_heading("关于2021年政府工作", report_year=2022)
    'review'
    """
    t = _clean(title)
    if _SELF.search(t):
        return "self_building"
    if _OTHER.search(t):
        return "other"
    if _REVIEW.search(t) and not re.search(r"任务|安排|目标|今后|今年|建议|展望", t):
        return "review"
    if re.search(r"总体部署|总体安排", t) and not re.search(
        r"今后|五年|十[一二三四五六]五|任务", t
    ):
        return "targets"  # 2005年工作总体部署: general requirements and main targets of the year
    if _TARGETS.search(t) and not re.search(
        r"任务|重点工作|工作安排|主要工作|工作部署|工作重点|举措|措施", t
    ):
        return "targets"
    ys = _years(t)
    if ys and report_year is not None:
        if max(ys) < report_year:
            return "review"
        return "tasks"
    if _TASKS.search(t):
        return "tasks"
    if _REVIEW.search(t):
        return "review"
    return _classify_body(body, report_year)


def _title_decides(title: str) -> bool:
    """True when the heading alone names the kind (not guessed from the text under it)."""
    t = _clean(title)
    return bool(
        _SELF.search(t)
        or _OTHER.search(t)
        or _REVIEW.search(t)
        or _TARGETS.search(t)
        or _TASKS.search(t)
        or _years(t)
        or re.search(r"总体部署|总体安排", t)
    )


def _classify_body(body: str, report_year: int | None) -> str:
    head = _clean(body[:300])
    past = len(
        re.findall(r"过去|去年|一年来|五年来|几年来|年来|已经|取得|完成了|实现了|增长了", head)
    )
    future = len(re.findall(r"今年|明年|今后|要|将|必须|努力|力争|确保|着力", head))
    if report_year is not None:
        ys = _years(head)
        past += sum(1 for y in ys if y < report_year)
        future += sum(1 for y in ys if y >= report_year)
    if past >= 2 and past > future:
        return "review"
    if future >= 2 and future > past:
        return "tasks"
    return "other"


# ----------------------------------------------------------------------------- parse


@lru_cache(maxsize=32)
def _parse_cached(text: str) -> tuple[Section, ...]:
    heads = _detect(text)
    levels = _levels(heads, text)
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
    ry = _report_year(text)
    if ry is None:  # the latest year named by a top-level heading is the plan year
        ys = [y for r in roots for y in _years(r.title) if 1949 <= y <= 2100]
        ry = max(ys) if len(set(ys)) >= 2 else None
    kinds = [
        "other"
        if r.style == "notes"
        else classify_heading(r.title, text[r.heading_end : r.end], ry)
        for r in roots
    ]
    kinds = _smooth(kinds, [r.style == "notes" or _title_decides(r.title) for r in roots])
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


# ----------------------------------------------------------------------------- targets

_TARGET_KEY = re.compile(
    r"(?:主要预期目标|预期目标|主要目标|主要指标|奋斗目标|发展目标|发展的目标|主要计划指标|计划主要指标|预定目标|"
    r"增长预期)"
    r"(?P<link>\s*(?:是|为|定为|定在|设定为|确定为|包括|安排如下|如下|建议为)?\s*[：:]"
    r"|\s*(?:安排)?如下。"
    r"|\s*(?:是|为|定为|定在|设定为|确定为)\s*(?=\S{0,30}[0-9０-９百千万亿%％]))",
)
_NOT_TARGET = re.compile(r"完成|实现|超过|超额|高于|低于|未达|达到|确定的|圆满")


_PLAN_HORIZON = re.compile(
    r"十[一二三四五六]五|[六七八九]五”|今后五年|未来五年|五年|今后十五年|未来十五年|本届政府|新一届政府|"
    r"期间|时期|到20\d\d年|到二〇"
)


def targets_spans(text: str, horizon: str = "all") -> list[tuple[int, int]]:
    """``(start, end)`` spans of the statements of main (expected) targets, wherever they are.

    Many reports put the year's targets inside the tasks section (``今年经济社会发展的主要
    预期目标是：……``), some in a section of their own, and five-year plans state them for
    the plan period. A span starts at the beginning of the sentence that announces the
    targets and ends at the end of that sentence (extended over a list that follows on
    its own lines). Mentions of targets that were met (``完成了全年主要目标任务``) are
    not statements and are skipped.

    Parameters
    ----------
    text : str
        Report text as read.
    horizon : {"all", "year", "plan"}, default "all"
        ``year`` keeps the statements for the coming year, ``plan`` those for a plan
        period (``“十四五”时期……主要目标是``, ``今后五年……``).

    Returns
    -------
    list of (int, int)
        Character offsets into ``text``, in order, not overlapping.

    Examples
    --------
    >>> t = ("二、2024年工作安排\\n做好今年工作意义重大。今年主要预期目标是：生产总值增长6%左右；"
    ...      "城镇新增就业1000人。为此，重点抓好以下工作。\\n")
    >>> [t[s:e] for s, e in targets_spans(t)]
    ['今年主要预期目标是：生产总值增长6%左右；城镇新增就业1000人。']
    >>> t2 = "“十四五”时期主要目标是：生产总值年均增长6%。今年预期目标是：生产总值增长5%。"
    >>> [t2[s:e] for s, e in targets_spans(t2, horizon="year")]
    ['今年预期目标是：生产总值增长5%。']
    """
    if horizon not in ("all", "year", "plan"):
        from govtext.errors import InputError

        raise InputError(f"horizon must be 'all', 'year' or 'plan', not {horizon!r}")
    out: list[tuple[int, int]] = []
    for m in _TARGET_KEY.finditer(text):
        before = text[max(0, m.start() - 14) : m.start()]
        if _NOT_TARGET.search(before.split("。")[-1]):
            continue
        start = _sentence_start(text, m.start())
        if horizon != "all":
            is_plan = bool(_PLAN_HORIZON.search(text[start : m.end()]))
            if is_plan != (horizon == "plan"):
                continue
        if m.group(0).endswith("如下。"):
            end = _lines_end(text, m.end())
        else:
            end = _statement_end(text, m.end())
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    if horizon != "plan" and not any(not _PLAN_HORIZON.search(text[s:e][:60]) for s, e in out):
        extra = _unannounced_targets(text)
        if extra is not None:
            out = sorted([*out, extra])
    return out


_TARGET_QTY = re.compile(
    r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:%|％|个百分点|万人|亿元|万元|元)?\s*(?:左右|以上|以内|以下)"
)


def _unannounced_targets(text: str) -> tuple[int, int] | None:
    """The year's targets stated without announcing them (2020: 今年要优先稳就业保民生……城镇
    新增就业900万人以上，城镇调查失业率6%左右……): the first sentence of a targets or tasks
    section with at least three qualified quantities."""
    for kind, s0, e0 in section_spans(text):
        if kind not in ("targets", "tasks"):
            continue
        for m in re.finditer(r"[^。！？\n]+[。！？]?", text[s0:e0]):
            if len(_TARGET_QTY.findall(m.group(0))) >= 3 and not re.search(
                r"年均|累计|五年|时期|期间", m.group(0)
            ):
                return s0 + m.start(), s0 + m.end()
    return None


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0:
        c = text[i - 1]
        if c in "。！？!?；;":
            break
        if c == "\n":
            # a line break ends a sentence unless the line before runs on (……发展的 / 主要预期目标)
            j = i - 2
            while j >= 0 and text[j] in _SPACE:
                j -= 1
            if j < 0 or text[j] not in _BAD_PLAIN_END:
                break
        i -= 1
    while i < pos and text[i] in _SPACE + "\n":
        i += 1
    return i


def _statement_end(text: str, pos: int) -> int:
    n = len(text)
    i = pos
    while i < n:
        c = text[i]
        if c in "。！？!?":
            i += 1
            # a colon-introduced list on the following lines (——…, 1. …)
            if text[pos - 1 : pos] in ("：", ":") and text[pos:i].strip() in ("", "如下。"):
                i = _list_end(text, i)
            return i
        if c == "\n":
            j = i - 1
            while j >= pos and text[j] in _SPACE:
                j -= 1
            last = text[j] if j >= pos else ""
            if last in ("：", ":", "；", ";", "") or last not in _PARA_END:
                nxt = text[i + 1 : i + 3]
                if last in ("；", ";") and not nxt.strip():
                    return j + 1
                i += 1
                continue
            return j + 1
        i += 1
    return n


def _list_end(text: str, pos: int) -> int:
    """Extend over following short list lines (——…, 1. …, 一是…)."""
    end = pos
    i = pos
    while i < len(text):
        j = text.find("\n", i)
        line_end = len(text) if j < 0 else j
        line = text[i:line_end].strip(_SPACE)
        if not line:
            if j < 0:
                break
            i = j + 1
            continue
        if not re.match(
            r"^(?:——|—|[0-9０-９]{1,2}[.．、]|[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]是)",
            line,
        ):
            break
        end = line_end
        if j < 0:
            break
        i = j + 1
    return end


def _lines_end(text: str, pos: int, max_lines: int = 20) -> int:
    """Extend over the short lines (one indicator each) that follow ``……主要指标安排如下。``."""
    end = pos
    i = pos + 1 if text[pos : pos + 1] == "\n" else pos
    for _ in range(max_lines):
        j = text.find("\n", i)
        line_end = len(text) if j < 0 else j
        line = text[i:line_end].strip(_SPACE)
        if not line or len(line) > 120 or _numbered(_Line(0, i, line_end, line)) is not None:
            break
        end = line_end
        if j < 0:
            break
        i = j + 1
    return end
