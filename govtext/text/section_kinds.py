"""Kinds of the top-level sections of a report: review, targets, tasks, self-building.

:func:`classify_heading` reads the kind from a heading (and, where the heading names no
kind, from the text under it); :func:`header_year` reads the year the report was given from its header.
"""

from __future__ import annotations

import re

from govtext.text.headings import SALUTATION

__all__ = ["KINDS", "classify_heading", "header_year", "title_decides", "years_in"]

#: kinds of top-level sections (``preamble`` only appears in :func:`section_spans`)
KINDS = ("review", "targets", "tasks", "self_building", "other")

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


def years_in(s: str) -> list[int]:
    """Years (four digits, Arabic or Chinese) written in ``s``.

    Examples
    --------
    >>> years_in("二〇二三年工作回顾和2024年工作安排")
    [2023, 2024]
    """
    return [int(m.group(1).translate(_CN_YEAR_DIGITS)) for m in _YEAR.finditer(_clean(s))]


def _year_of(s: str) -> int | None:
    ys = years_in(s)
    return ys[0] if ys else None


def header_year(text: str) -> int | None:
    """Year the report was given, from its header (the lines before 各位代表).

    Examples
    --------
    >>> header_year("2024年政府工作报告\\n——2024年1月10日在县第十八届人民代表大会上\\n各位代表：")
    2024
    """
    lines = text[:600].split("\n")
    head = []
    for ln in lines[:8]:
        if ln.strip().startswith(SALUTATION):
            break
        head.append(ln)
    ys = years_in("\n".join(head))
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
    ys = years_in(t)
    if ys and report_year is not None:
        if max(ys) < report_year:
            return "review"
        return "tasks"
    if _TASKS.search(t):
        return "tasks"
    if _REVIEW.search(t):
        return "review"
    return _classify_body(body, report_year)


def title_decides(title: str) -> bool:
    """True when the heading alone names the kind (not guessed from the text under it).

    Examples
    --------
    >>> title_decides("2023年工作回顾"), title_decides("促进经济平稳较快发展")
    (True, False)
    """
    t = _clean(title)
    return bool(
        _SELF.search(t)
        or _OTHER.search(t)
        or _REVIEW.search(t)
        or _TARGETS.search(t)
        or _TASKS.search(t)
        or years_in(t)
        or re.search(r"总体部署|总体安排", t)
    )


def _classify_body(body: str, report_year: int | None) -> str:
    head = _clean(body[:300])
    past = len(
        re.findall(r"过去|去年|一年来|五年来|几年来|年来|已经|取得|完成了|实现了|增长了", head)
    )
    future = len(re.findall(r"今年|明年|今后|要|将|必须|努力|力争|确保|着力", head))
    if report_year is not None:
        ys = years_in(head)
        past += sum(1 for y in ys if y < report_year)
        future += sum(1 for y in ys if y >= report_year)
    if past >= 2 and past > future:
        return "review"
    if future >= 2 and future > past:
        return "tasks"
    return "other"
