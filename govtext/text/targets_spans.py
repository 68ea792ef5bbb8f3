"""Statements of a report's main (expected) targets, wherever they stand.

Spans are built on the sentences of :mod:`govtext.text.segment` with one documented local
rule: a targets statement is a sentence **continued over ；** (and over a list on the
following lines), because a statement of targets lists them one clause each
(``主要预期目标是：生产总值增长5%左右；城镇新增就业……；……。``).
"""

from __future__ import annotations

import re

from govtext.text.headings import BAD_PLAIN_END, PARA_END, SPACE, Line, numbered_heading
from govtext.text.segment import SENTENCE_END, sentence_spans
from govtext.text.structure import section_spans

__all__ = ["targets_spans"]

_TARGET_KEY = re.compile(
    r"(?:主要预期目标|预期目标|主要目标|主要指标|奋斗目标|发展目标|发展的目标|主要计划指标|计划主要指标|预定目标|"
    r"增长预期)"
    r"(?P<link>\s*(?:是|为|定为|定在|设定为|确定为|包括|安排如下|如下|建议为)?\s*[：:]"
    r"|\s*(?:安排)?如下。"
    r"|\s*(?:是|为|定为|定在|设定为|确定为)\s*(?=\S{0,30}[0-9０-９百千万亿%％]))",
)
_SENTENCE_SPLIT = re.compile("[" + "".join(sorted(SENTENCE_END)) + "\n]")
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
        # only the sentence of the key counts (完成了全年主要目标任务: not a statement)
        if _NOT_TARGET.search(_SENTENCE_SPLIT.split(before)[-1]):
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
        part = text[s0:e0]
        for a, b in _statements(part):
            if len(_TARGET_QTY.findall(part[a:b])) >= 3 and not re.search(
                r"年均|累计|五年|时期|期间", part[a:b]
            ):
                return s0 + a, s0 + b
    return None


def _statements(text: str) -> list[tuple[int, int]]:
    """Sentences of :func:`govtext.text.segment.sentence_spans` joined over ``；`` within a
    line: the local rule of this module (see the module docstring)."""
    out: list[tuple[int, int]] = []
    for a, b in sentence_spans(text):
        if out and text[out[-1][1] - 1] in "；;" and "\n" not in text[out[-1][1] : a]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0:
        c = text[i - 1]
        if c in SENTENCE_END:
            break
        if c == "\n":
            # a line break ends a sentence unless the line before runs on (……发展的 / 主要预期目标)
            j = i - 2
            while j >= 0 and text[j] in SPACE:
                j -= 1
            if j < 0 or text[j] not in BAD_PLAIN_END:
                break
        i -= 1
    while i < pos and text[i] in SPACE + "\n":
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
            while j >= pos and text[j] in SPACE:
                j -= 1
            last = text[j] if j >= pos else ""
            if last in ("：", ":", "；", ";", "") or last not in PARA_END:
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
        line = text[i:line_end].strip(SPACE)
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
        line = text[i:line_end].strip(SPACE)
        if not line or len(line) > 120 or numbered_heading(Line(0, i, line_end, line)) is not None:
            break
        end = line_end
        if j < 0:
            break
        i = j + 1
    return end
