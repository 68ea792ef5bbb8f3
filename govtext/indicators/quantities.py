"""Quantities of a text and their kind.

:func:`find_quantities` scans the normalised text for written quantities
(:data:`~govtext.indicators.numbers.QUANT`), drops those that are no indicator
(:func:`is_excluded`, :func:`sums_up_list`) and resolves their unit and qualifier;
:func:`group_lists` groups the numbers of one enumeration (``增长9.8%和8.5%``);
:func:`classify_kind` tells a growth rate from a share, a change of a count and a level.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from govtext.indicators.numbers import (
    QUANT,
    STRONG_UNITS,
    match_values,
    post_qualifier,
    pre_qualifier,
)
from govtext.indicators.scope import clause_start, sentence_start

__all__ = [
    "NOUN_AFTER_UNITS",
    "Quantity",
    "classify_kind",
    "find_quantities",
    "group_lists",
    "is_excluded",
    "sums_up_list",
]


class Quantity(NamedTuple):
    """One written quantity of the normalised text."""

    m: re.Match[str]  #: the :data:`~govtext.indicators.numbers.QUANT` match
    s: int  #: offset of its first character
    e: int  #: offset after its unit
    v1: float  #: value (lower end of a range)
    v2: float  #: upper end of a range, else ``v1``
    mult: str  #: multiplier as written (``万``, ``亿``)
    base: str  #: base unit (``元``, ``%``)
    unit_full: str  #: multiplier and base unit
    qual: str  #: qualifier (``左右``, ``以上``, ...)
    qpost: str  #: qualifier written after the quantity
    qe: int  #: offset after the quantity and its trailing qualifier


def find_quantities(nt: str) -> list[Quantity]:
    """Every quantity of the normalised text that may be an indicator, in text order.

    Examples
    --------
    >>> [(q.v1, q.unit_full, q.qual) for q in find_quantities("2024年增长5%左右，新增就业1302人")]
    [(5.0, '%', '左右'), (1302.0, '人', '')]
    """
    quants = []
    for m in QUANT.finditer(nt):
        if m.end() == m.start():
            continue
        # do not start inside a longer number or a Chinese numeral word
        s = m.start()
        if s > 0 and (nt[s - 1].isdigit() or (nt[s - 1] == "." and s > 1 and nt[s - 2].isdigit())):
            continue
        base = m.group("base") or ""
        mult = (m.group("mult") or "") + (m.group("mult2") or "")
        approx = m.group("approx") or ""
        if m.group("pctnum"):
            base, mult = "%", ""
        unit_full = mult + base
        try:
            v1, v2 = match_values(m)
        except (ValueError, KeyError):
            continue
        if m.group("pctnum") is None and is_excluded(nt, m, unit_full, base, v1):
            continue
        if m.group("pctnum") is None and sums_up_list(nt, m.start(), m.end(), v1, base):
            continue
        e = m.end()
        # trailing 多/余 after the unit ("30个多" is rare; "3000多人" matched by approx)
        qpost, qe = post_qualifier(nt, e)
        if qpost in {"多", "余"} and not approx:
            approx = qpost
            qpost = ""
        qual = approx or qpost or pre_qualifier(nt, s)
        if m.group("u1") and not base:
            base = m.group("u1")
            unit_full = base
        if base == "台" and nt.startswith("阶", e):  # 迈上5万亿台阶
            base, e = "", e - 1
            unit_full = mult
        if base == "个" and not mult and nt.startswith("多百分点", e):  # 提高2个多百分点
            base = unit_full = "个百分点"
            e += 4
            qe = e
            approx = qual = "多"
        if v1 > v2:  # 8—5: not a range
            continue
        quants.append(Quantity(m, s, e, v1, v2, mult, base, unit_full, qual, qpost, qe))
    return quants


def group_lists(nt: str, quants: list[Quantity]) -> list[list[int]]:
    """Indices of ``quants`` grouped into lists: numbers separated only by 、/和/及.

    Examples
    --------
    >>> t = "分别增长9.8%和8.5%，新增就业1302人"
    >>> group_lists(t, find_quantities(t))
    [[0, 1], [2]]
    """
    groups: list[list[int]] = []
    for i, q in enumerate(quants):
        if groups:
            prev = quants[groups[-1][-1]]
            gap = nt[prev.qe : q.s]
            if re.fullmatch(r" ?(?:、|和|及) ?(?:近|约|超过|超)?", gap):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


_EXCLUDED_UNITS = {"年", "月", "日", "号", "周年", "届", "次会议"}

_CN_ONLY_UNITS = {"个", "项", "条", "种", "张", "场", "批", "类", "件", "部", "支", "道", "片", "门",
                  "对", "轮", "方", "首", "篇", "期", "块", "根", "口", "眼", "处", "位", "名", "家",
                  "所", "座", "套", "间"}  # fmt: skip

_GROWTH_CUE = re.compile(
    r"(增长|下降|上涨|涨幅|增速|增幅|降低|减少|回落|降幅|下滑|减少|压减|压缩|递增|提速|调增|上调|调高)"
)

_SHARE_IND = re.compile(r"(率|比重|占比|比例|覆盖|达标|占|份额|程度|指数|水平)$")

_CHANGE_VERB = re.compile(
    r"(新增|增加|净增|减少|提高|降低|下降|增长|上升|回落|多|再提高|再增加|扩大|缩小|新开工|新落地)$"
)

_COUNT_UNITS = {
    "个",
    "家",
    "户",
    "项",
    "所",
    "座",
    "条",
    "处",
    "名",
    "位",
    "支",
    "种",
    "类",
    "台",
    "辆",
}

NOUN_AFTER_UNITS = {"个", "项", "条", "所", "家", "座", "处", "件", "种", "批", "支", "名", "张", "场",
                     "类", "套", "间", "栋", "块", "片", "户", "位"}  # fmt: skip

_DATE_AFTER = re.compile(r"^(?:年|月|日|号|周年|届|次会议|次全体|次党代会|次代表大会|次全会|点|时)")

_SLOGAN_VERB = re.compile(
    r"(落实|贯彻|执行|出台|制定|推进|打好|打赢|做好|抓好|突出|聚焦|围绕|坚持|推动|深化|用好|构建|强化|"
    r"落细|做实|践行|守住|守牢|把握|树立|弘扬|统筹|实现|“)$"
)

_FOLLOW_CODE = re.compile(r"^[A-Za-z]")

_SLOGAN_AFTER = re.compile(
    r"^(?:[^，。；：、\n]{0,3}(圈|大|好|化|张牌|个确立|个维护|个务必|个坚持)|[，,]?即)"
)


def is_excluded(nt: str, m: re.Match[str], unit: str, base: str, v: float) -> bool:
    """True when a :data:`~govtext.indicators.numbers.QUANT` match is no indicator.

    Dates, ordinals, ranks and streaks, codes and grades, deadlines, vague numerals and
    slogans, numbers inside quoted or programme names, thresholds of a definition (see
    :mod:`govtext.indicators.extract`).

    Examples
    --------
    >>> from govtext.indicators.numbers import QUANT
    >>> def excluded(t):
    ...     m = QUANT.search(t)
    ...     base = m.group("base") or ""
    ...     return is_excluded(t, m, (m.group("mult") or "") + base, base, 0.0)
    >>> excluded("连续5年增长"), excluded("地区生产总值增长5%")
    (True, False)
    """
    s, e = m.start(), m.end()
    before = nt[max(0, s - 6) : s]
    after = nt[e : e + 8]
    if _code_date_or_rank(nt, m, unit, base, before, after):
        return True
    if bool(m.group("num")) and not m.group("num")[0].isdigit():
        # vague numerals and slogans
        if _vague_or_slogan(nt, m, base, v, before, after):
            return True
    elif not base and not m.group("mult") and not m.group("approx"):
        return True  # a bare number without a unit: section numbers, codes, counts of nothing
    return _name_or_threshold(nt, m, base, after)


def _code_date_or_rank(
    nt: str, m: re.Match[str], unit: str, base: str, before: str, after: str
) -> bool:
    """Codes and grades, dates and sessions, durations, ordinals, ranks, streaks, deadlines."""
    s, e = m.start(), m.end()
    # codes and grades: G227, PM2.5, 5G, 4A, 3D
    if s > 0 and re.match(r"[A-Za-z.\-/]", nt[s - 1]):
        return True
    if not base and _FOLLOW_CODE.match(nt[e : e + 1]):
        return True
    if base and re.match(r"[A-Za-z]", after[:1]) and base not in STRONG_UNITS:
        return True
    # voltage grades and other specifications: 110千伏, 35kV
    if re.match(
        r"^(千伏|万伏|伏|kV|KV|kv)",
        nt[m.end("num") if m.group("num2") is None else m.end("num2") :],
    ):
        return True
    # dates, years, sessions, anniversaries
    if not m.group("pctnum") and _DATE_AFTER.match(
        nt[m.end("num") if m.group("num2") is None else m.end("num2") :]
    ):
        return True
    if unit in _EXCLUDED_UNITS:
        return True
    if base == "个" and nt.startswith("月", e):  # 用2个月时间: a duration
        return True
    if base in {"天", "年", "小时"} and before.endswith("用"):  # 用37天实现: a duration
        return True
    if before.endswith(("过", "超过")) and re.match(r"^[\u4e00-\u9fff]{0,4}(项目|企业)", after):
        return True  # 过10亿元项目不少于6个: the threshold of a definition
    if base == "次" and nt.startswith("产业", e):  # 三次产业: the three sectors
        return True
    if base in _CN_ONLY_UNITS and before.endswith(("以下", "如下")):
        return True  # 抓好以下5个方面工作: a list given in full below
    if base == "方" and nt.startswith("面", e):  # 从5方面: aspects, not a quantity
        return True
    if base == "次" and re.match(
        r"^(?:、[〇零一二三四五六七八九十\d]+次)+(?:全会|全体会议|会议)", after + nt[e + 8 : e + 16]
    ):
        return True  # 十一届九次、十次全会
    if (
        (m.group("mult") + (m.group("mult2") or "")) == ""
        and base == ""
        and re.match(r"^(年|月|日)", after)
    ):
        return True
    # thresholds of a definition: 投资限额为一千万元
    if re.search(r"(限额|起点|门槛)(为|是|在)?$", before):
        return True
    # ordinals, ranks, streaks
    if before.rstrip(" ").endswith(
        ("第", "前", "后", "连续", "排名", "倒数", "位居", "位列", "跻身", "列", "No.")
    ):
        return True
    if re.search(r"(连续|持续|第)$", before) or re.search(r"连续$", before.rstrip("近约超")):
        return True
    # deadlines: 用3年时间, 3年内, N天内
    if base in {"天", "小时", "分钟"} and re.match(
        r"^(内|之内|以内|时间|办结|办理|生活圈|服务圈|圈)", after
    ):
        return True
    if re.match(r"^[^，。；、\n]{0,4}圈", after) and base in {"分钟", "公里", "小时"}:
        return True
    return False


def _vague_or_slogan(
    nt: str, m: re.Match[str], base: str, v: float, before: str, after: str
) -> bool:
    """A Chinese numeral that is vague (一批), part of a name (百辆) or of a slogan (三张好牌)."""
    s, e = m.start(), m.end()
    num = m.group("num")
    if num == "一" and base not in STRONG_UNITS:
        return True
    if num in {"十", "百", "千"}:  # 百辆氢能重卡, 千亩方: names, not counts
        return True
    if base in {"区", "园", "村", "片", "带", "廊"} or nt.startswith(
        "二人转", s
    ):  # 四区带动, 二人转
        return True
    if re.match(r"^[大好]", nt[e : e + 1]) or (not base and not m.group("mult")):
        return True
    if base == "棵" and nt.startswith("树", e):  # 三棵树 (a company name)
        return True
    if _SLOGAN_AFTER.match(after):
        return True
    if "十" in num and re.match(r"^[五]", nt[e : e + 1]):  # 十四五
        return True
    if num in {"十四五", "十三五", "十二五", "十一五", "十五"} or re.match(r"^五", after):
        return True
    if base in _CN_ONLY_UNITS and _SLOGAN_VERB.search(before):
        return True
    if (
        base in _CN_ONLY_UNITS
        and v <= 10
        and not re.search(
            r"(新增|新建|建成|完成|增加|减少|共|累计|召开|开展|举办|获得|荣获|达到|创建|引进|培育|实施)$",
            before,
        )
    ):
        return True
    return False


def _name_or_threshold(nt: str, m: re.Match[str], base: str, after: str) -> bool:
    """Numbers inside quoted, project or programme names; thresholds of a definition."""
    s, e = m.start(), m.end()
    # numbers inside short quoted names: “三张好牌” “1+N”
    q_open = nt.rfind("“", max(0, s - 12), s)
    if q_open >= 0 and "”" not in nt[q_open:s]:
        q_close = nt.find("”", e, e + 12)
        if q_close >= 0:
            return True
    # project names with a capacity: 10万片碳化硅单晶衬底项目
    if (
        base not in {"个", "项", "家", "所", "座", "条", "批", "处", "类", "种"}
        and base not in STRONG_UNITS
        and re.match(r"^[\u4e00-\u9fff]{1,12}(项目|工程|生产线|基地)", nt[e : e + 16])
    ):
        return True
    # programme names: 三年行动, 百日攻坚, 十大工程
    if re.match(r"^(行动|攻坚|工程|计划|专项|会战|战役|提升|整治)", after) and base in {
        "年",
        "日",
        "天",
        "大",
        "",
    }:
        return True
    # thresholds inside a definition: 亿元以上项目, 纳税千万以上企业
    qpost, qe = post_qualifier(nt, e)
    if base not in STRONG_UNITS and re.search(
        r"\d%(?:以上|以下)?的[^，。；：！？\n]*$", nt[clause_start(nt, s) : s]
    ):
        return True  # 55%以上的村经营性收入达到10万元以上: the threshold of a share
    if qpost in {"以上", "以下"} and base in {"%", "‰"} and nt.startswith("的", qe):
        return False  # 55%以上的村: a share
    if qpost in {"以上", "以下"}:
        nxt = nt[qe : qe + 1]
        if nxt == "的":
            nxt = nt[qe + 1 : qe + 2]
        if nxt and re.match(r"[\u4e00-\u9fff]", nxt) and nxt not in "和与及并或等且":
            return True
    return False


def sums_up_list(nt: str, s: int, e: int, v: float, base: str) -> bool:
    """True for a count that only sums up a list given in full (``实施A、B、C3项工程``).

    Examples
    --------
    >>> sums_up_list("实施甲、乙、丙3项工程", 8, 10, 3.0, "项")
    True
    """
    if base not in _CN_ONLY_UNITS and base not in {"大", ""}:
        return False
    if v < 2 or v > 12 or v != int(v):
        return False
    cs = sentence_start(nt, s)
    pre = nt[cs:s]
    seg = pre.split("，")[-1]
    if seg.count("、") == int(v) - 1 and seg.count("、") >= 1:
        return True
    after = nt[e : e + 40]
    m = re.match(r"^[^，。；\n]{0,12}[：:（(]", after)
    if m:
        lst = re.split(r"[。；\n）)]", after[m.end() :], maxsplit=1)[0]
        if lst.count("、") + lst.count("，") == int(v) - 1:
            return True
    return False


def classify_kind(ind: str, raw: str, ctx: str, base: str, nt: str, s: int) -> str:
    """Kind of a quantity: ``growth``, ``share``, ``count_change`` or ``level``.

    ``ind`` is the indicator name, ``raw`` the clause before the number, ``ctx`` the
    clause of the list's first number, ``base`` the base unit, ``s`` the number's offset
    in the normalised text ``nt``.

    Examples
    --------
    >>> classify_kind("地区生产总值", "地区生产总值增长", "", "%", "地区生产总值增长5%", 8)
    'growth'
    >>> classify_kind("新增养老床位", "新增养老床位", "", "张", "新增养老床位460张", 6)
    'count_change'
    """
    tail = raw[-6:]
    if base in ("个百分点", "百分点"):
        return "count_change"
    if base in ("%", "‰", "成"):
        near = tail
        if re.search(r"(到|至|在|为|达|达到)$", raw.strip()):
            if _SHARE_IND.search(ind) or re.search(r"(率|比重|占比|比例)", ind):
                return "share"
        if (
            _GROWTH_CUE.search(near)
            or _GROWTH_CUE.search(ind[-4:])
            or re.search(r"增长(预期)?目标", raw)
            or (re.search(r"(提高|提升|上调)$", raw.strip()) and not _SHARE_IND.search(ind))
            or (re.search(r"(增加|增多|减少)了?$", raw.strip()) and not _SHARE_IND.search(ind))
        ):
            if re.search(r"(率|比重|占比|比例)$", ind) and not re.search(
                r"(增长|下降|提高|降低|减少)$", raw.strip()
            ):
                return "share"
            return "growth"
        if nt.startswith("覆盖", s + 1) or re.search(
            r"(率|比重|占比|比例|覆盖|达标|占)", ind + tail
        ):
            return "share"
        return "share"
    if re.search(r"(新增就业|新增劳动力|城镇新增|新增城镇就业|新增.{0,4}就业)", ind):
        return "level"
    bare = re.sub(r"^全[县市省区镇]", "", ind)
    if bare.startswith(("新增", "净增")) and (
        base in _COUNT_UNITS
        or base in NOUN_AFTER_UNITS
        or base in _CN_ONLY_UNITS
        or (base in {"人", "人次"} and not re.search(r"(就业|劳动力|转移|务工)", bare))
        or re.search(r"(能力|床位|容量|产能|装机)$", bare)
    ):
        return "count_change"  # 新增规模以上工业企业218家, 新增养老床位460张
    if bare.startswith("增加") and base in _CN_ONLY_UNITS:
        return "count_change"  # 增加托位240个
    if re.search(r"(增量|净增加|净增长|扩面)$", bare):
        return "count_change"  # 存款增量200亿元
    if _CHANGE_VERB.search(raw.strip()) or re.search(
        r"(比上年|较上年|同比)(增加|减少|多|少)$", raw.strip()
    ):
        if re.search(r"(新增)$", raw.strip()) and not re.search(r"(新增就业)", ind):
            return "count_change"
        return "count_change"
    return "level"
