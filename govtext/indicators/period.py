"""How many years a stated value covers, and which way a stated change goes.

A report's review gives most values for the past year (``全年地区生产总值增长5.2%``), but
it also gives totals and averages over several years: ``比2002年增长65.5%`` (five years of
growth), ``城镇新增就业5771万人`` in a paragraph opened by ``这五年``, ``年均增长10.6%``,
``“十三五”期间累计……``. Such a value must never stand beside a one-year target.
:func:`value_period` names the period a value covers from cue words of its sentence and
of its paragraph:

============== ===============================================================
period         cue
============== ===============================================================
``''``         one year (no cue, or a single year named after the cue)
``average``    年均, 年平均, 平均每年, 两年平均 …
``cumulative`` 累计 (not 全年累计), 比20XX年 two or more years before the value's year
``multi-year`` 五年来, 过去五年, 这五年, 以来 (not 今年以来), “十三五”期间/时期 …
============== ===============================================================

:func:`change_sign` tells a decrease (``下降3%``) from an increase (``增长3%``): the
extracted values keep decreases positive, as written.
"""

from __future__ import annotations

import re

from govtext.indicators.scope import clause_start, sentence_start

__all__ = ["PERIODS", "value_period", "change_sign"]

#: the periods :func:`value_period` returns; ``''`` is one year
PERIODS = ("", "average", "cumulative", "multi-year")

_N = r"[2-9两三四五六七八九十]"
_CUES = re.compile(
    r"(?P<average>年均|年平均|平均每年|每年平均|" + _N + r"年平均)"
    r"|(?P<cumulative>累计|比(?P<base>(?:19|20)\d\d)\s?年)"
    r"|(?P<multi>(?:近|过去的?|这|前)?" + _N + r"年(?:来|间|中|里|内|共|累计)"
    r"|(?:过去的?|这|近)"
    + _N
    + r"年|(?<![第前\d一二三四五六七八九十])[两三四五六七八九十]年(?![前后级度底末初])|(?<!今年)(?<!本年)(?<!当年)(?<!年初)(?<!记录)(?<!监测)(?<!有史)以来"
    r"|“?十[一二三四五]五”?(?:期间|时期|以来|累计))"
)
# a 累计 that sums up one year only: 全年累计, 当年累计, 2020年累计, 1-12月累计
_ONE_YEAR_BEFORE = re.compile(r"(?:全年|当年|今年|去年|年内|上年|(?:19|20)\d\d年|月份?)$")
# a single year named after a multi-year cue: 年均增长6%，2020年增长3.9%
_ONE_YEAR = re.compile(
    r"(?<![比较从于到至自])(?:19|20)\d\d\s?年(?!以来|来|均|底前|末前)|去年|全年|当年"
)
_YEAR = re.compile(r"(?<![比较从于自])(?:19|20)(\d\d)\s?年(?!以来|来)")
# a paragraph that reviews a whole term: every value in it covers that term
_TERM_PARAGRAPH = re.compile(
    r"^[\s—\-－]*(?:各位代表[！!，,]\s*)?(?:[（(][一二三四五六七八九十\d]+[)）])?\s*"
    r"(?:" + _N + r"年来|过去的?" + _N + r"年|这" + _N + r"年|近" + _N + r"年|" + _N + r"年间"
    r"|“?十[一二三四五]五”?(?:时期|期间|以来))"
)


def value_period(text: str, pos: int, year: int | None = None) -> str:
    """Period covered by the value that starts at ``text[pos]`` (see :data:`PERIODS`).

    Parameters
    ----------
    text : str
        The report text.
    pos : int
        Offset of the first character of the value.
    year : int, optional
        The year the value is for when its sentence names none (the reviewed year: the
        report's year minus one). ``比20XX年`` counts as cumulative when 20XX lies two or
        more years before it; with no year known it does not count.

    Returns
    -------
    str
        ``''`` (one year), ``average``, ``cumulative`` or ``multi-year``.

    Examples
    --------
    >>> t = "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。"
    >>> value_period(t, t.index("65.5")), value_period(t, t.index("10.6"))
    ('cumulative', 'average')
    >>> t = "这五年，人民生活明显改善。城镇新增就业5771万人。全年城镇新增就业1168万人。"
    >>> value_period(t, t.index("5771")), value_period(t, t.index("1168"))
    ('multi-year', '')
    >>> t = "全年累计完成投资120亿元，比2021年增长6%，“十三五”期间累计增长40%。"
    >>> [value_period(t, t.index(v), 2022) for v in ("120", "6%", "40")]
    ['', '', 'cumulative']
    """
    ss = sentence_start(text, pos)
    seg = text[ss:pos]
    last = None
    for m in _CUES.finditer(seg):
        if m.group("cumulative") == "累计" and _ONE_YEAR_BEFORE.search(
            seg[max(0, m.start() - 6) : m.start()]
        ):
            continue
        if m.group("base"):
            named = [int(y) for y in _YEAR.findall(seg)]
            ref = (2000 if int(m.group("base")) >= 2000 else 1900) + named[-1] if named else year
            if ref is None or ref - int(m.group("base")) < 2:
                continue
        last = m
    if last is not None:
        if _ONE_YEAR.search(seg[last.end() :]):
            return ""
        return (
            "average"
            if last.group("average")
            else "cumulative"
            if last.group("cumulative")
            else "multi-year"
        )
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    if _TERM_PARAGRAPH.match(line) and not _ONE_YEAR.search(seg):
        return "multi-year"
    return ""


_CHANGE = re.compile(
    r"(?P<level>(?:下降|降低|减少|回落|下滑|压减|压缩|缩减|增长|提高|增加|上升|回升|提升)[到至]|[降增]至)"
    r"|(?P<down>下降|降低|减少|回落|下滑|降幅|压减|压缩|缩减|负增长)"
    r"|(?P<up>增长|上涨|涨幅|增速|增幅|提高|增加(?!值)|上升|回升|提升)"
)


def change_sign(text: str, pos: int) -> int:
    """``-1`` when the value at ``text[pos]`` is a decrease (下降, 降低, 减少 …), else ``1``.

    The last verb of change before the value in its clause decides; a clause without one
    continues the list before ``、`` (``分别下降3%、5%``: both are decreases). A verb that
    names a new level (``回落到3%``, ``降至``) is no decrease.

    Examples
    --------
    >>> t = "规模以上工业增加值增长5%，单位GDP能耗下降3.1%、4%，居民消费价格3%左右。"
    >>> [change_sign(t, t.index(v)) for v in ("5%", "3.1", "4%", "3%左右")]
    [1, -1, -1, 1]
    >>> t = "居民消费价格涨幅回落到2%，粮食产量下降0.5%。"
    >>> [change_sign(t, t.index(v)) for v in ("2%", "0.5")]
    [1, -1]
    """
    end = pos
    while True:
        start = clause_start(text, end)
        found = list(_CHANGE.finditer(text[start:end]))
        if found:
            return -1 if found[-1].group("down") else 1
        if start == 0 or text[start - 1] != "、":
            return 1
        end = start - 1
