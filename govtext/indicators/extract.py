"""Numeric indicators of a government work report as a table.

``extract_indicators(text_or_report)`` finds every stated quantity (``全镇税收预计完成4.7亿元``,
``地区生产总值增长5%左右``, ``新增就业1302人``) and returns one row per quantity and indicator:

========== ==============================================================================
column     meaning
========== ==============================================================================
indicator  shortest phrase naming what is measured (generic verbs stripped)
value_low  number as written (ranges: lower end; decreases stay positive)
value_high upper end of a range, else equal to ``value_low``
unit       what follows the number, multiplier kept (``万人次``, ``亿元``, ``个百分点``)
value_base value with the multiplier resolved (``4.7亿元`` -> 470000000), else NaN
unit_base  unit without the multiplier (``元``)
kind       growth | share | count_change | level
status     estimate | target | actual
qualifier  '' | 左右 | 以上 | 以下 | 近 | 约 | 余 | 超 | 多
surface    ``text[start:end]``: first character of the number to the last of the unit
line_no    1-based line of the input text (blank lines counted)
start, end character offsets into the input text
section    review | targets | tasks | self_building | other | preamble
========== ==============================================================================

Not indicators: dates, years, anniversaries and deadlines; ordinals, sessions and ranks;
numbered slogans and programme names (``三张好牌``, ``十四五``, ``15分钟养老圈``,
``三年行动``); codes and grades (``G227``, ``PM2.5``, ``5G``, ``4A``); thresholds inside a
definition (``纳税千万以上企业``); streaks (``连续5年``); counts that only sum up a list given
in full (``5个专项行动``); vague numerals (``一批``).

The extraction is rule-based (regular expressions and a short list of cue words) and runs
on the normalised text; offsets are mapped back to the input with
:func:`govtext.normalize_with_offsets`, so ``text[start:end] == surface`` always holds.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from typing import TYPE_CHECKING, Any

from govtext.indicators.names import (
    after_cut,
    carry_prefix,
    generic_measure,
    share_of_units_name,
    tidy_name,
    topic_of_previous_sentence,
    verb_object_name,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["extract_indicators", "COLUMNS", "parse_cn_number"]

COLUMNS = [
    "indicator",
    "value_low",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "kind",
    "status",
    "qualifier",
    "surface",
    "line_no",
    "start",
    "end",
    "section",
]

# ---------------------------------------------------------------------------------------
# numbers
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def parse_cn_number(s: str) -> float:
    """Value of a Chinese numeral below ten thousand (``两`` -> 2, ``一千二百零五`` -> 1205).

    Parameters
    ----------
    s : str
        Chinese digits with 十/百/千 (multipliers 万/亿 are kept in the unit by the extractor).

    Returns
    -------
    float

    Examples
    --------
    >>> parse_cn_number("七"), parse_cn_number("十五"), parse_cn_number("三千零二十")
    (7.0, 15.0, 3020.0)
    """
    total = 0
    cur = 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            total += (cur or 1) * _CN_SMALL[ch]
            cur = 0
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return float(total + cur)


_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CNNUM = (
    r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+(?![瓦米克]))*"
)
_NUM = rf"(?:{_ARABIC}|{_CNNUM})"

# base units, longest first
_BASE_UNITS = sorted(
    """个百分点 百分点 微克/立方米 平米 吨标准煤 标准煤 千瓦时 平方公里 平方米 立方米 标准箱 万标箱 标箱
    人次 户次 处次 场次 台次 剂次 车次 批次 艘次 架次 航次 班次 床位 千瓦 兆瓦 公顷 公里 千米 公斤 千克 美元 欧元 小时 分钟 倍
    元 人 户 个 家 项 所 座 套 间 台 辆 艘 次 场 名 位 条 处 张 栋 幢 头 只 株 棵 支 期 种 部 块 盏 根
    眼 口 宗 笔 批 轮 床 册 份 剂 例 天 岁 成 亩 米 吨 斤 克 升 方 件 篇 首 部 类 对 门 片 道 村 区 园
    网点 公顷 度 担 ㎡ ㎞ ㎏ % ‰""".split(),
    key=len,
    reverse=True,
)
_UNIT_RE = "|".join(re.escape(u) for u in _BASE_UNITS)
# multiplier, optional 余/多, optional second multiplier, base unit (all optional, see below)
_UNIT = rf"(?:[ \n](?=[十百千万亿余多]|{_UNIT_RE}))?(?P<mult>(?:[十百万亿]|千(?![瓦米克]))*)(?P<approx>[余多])?(?P<mult2>[万亿]*)(?P<base>{_UNIT_RE})?"
_PCT_CN = r"百分之(?P<pctnum>[零〇一二两三四五六七八九十点]+)"

_RANGE_SEP = r"[—\-~～至到]{1,2}"
_QUANT = re.compile(
    rf"(?:{_PCT_CN}|(?P<num>{_NUM})(?:(?P<m1>[万亿]*)(?P<u1>%|个百分点)?{_RANGE_SEP}(?P<num2>{_NUM}))?{_UNIT})"
)

_PRE_QUAL = [("不少于", "以上"), ("不低于", "以上"), ("不超过", "以下"), ("不高于", "以下"),
             ("不多于", "以下"), ("至少", "以上"), ("接近", "近"), ("超过", "超"), ("突破", "超"), ("近", "近"), ("约", "约"),
             ("超", "超"), ("逾", "超")]  # fmt: skip
_POST_QUAL = [("左右", "左右"), ("以上", "以上"), ("以下", "以下"), ("以内", "以下"),
              ("之内", "以下"), ("上下", "左右"), ("多", "多"), ("余", "余")]  # fmt: skip

_EXCLUDED_UNITS = {"年", "月", "日", "号", "周年", "届", "次会议"}
_CN_ONLY_UNITS = {"个", "项", "条", "种", "张", "场", "批", "类", "件", "部", "支", "道", "片", "门",
                  "对", "轮", "方", "首", "篇", "期", "块", "根", "口", "眼", "处", "位", "名", "家",
                  "所", "座", "套", "间"}  # fmt: skip
_STRONG_UNITS = {"%", "‰", "个百分点", "百分点", "倍", "成"}

# ---------------------------------------------------------------------------------------
# context cues
_DELIMS = "，。；：！？、,;:!?\n（）()《》[]"
_SENT_END = "。；！？\n;!?"
_STRIP_TAIL = [
    "比上年", "比去年", "较上年", "同比", "年均", "平均", "分别", "累计", "均", "共", "总计", "合计",
    "增长", "增加", "下降", "降低", "减少", "上涨", "提高到", "提高至", "提升到", "提升至", "提高",
    "提升", "达到", "达", "完成", "实现", "为", "是", "控制在", "保持在", "稳定在", "维持在", "控制",
    "保持", "稳定", "增至", "降至", "增到", "降到", "达至", "突破", "超过", "超", "接近", "近", "约",
    "在", "到", "至", "了", "按", "预计", "初步预计", "力争", "确保", "争取", "全年", "今年", "去年",
    "其中", "以上", "突破", "有", "的", "实际", "从", "由", "各", "不少于", "不低于", "不超过", "不高于", "至少",
    "年底", "年末", "底", "末", "下降到", "下降至", "上升到", "上升至", "增长到", "增长至", "减少到",
    "减少至", "降低到", "降低至", "年均递增", "递增", "递减", "以及", "缩减到", "缩减至", "压缩到", "压缩至", "缩短到", "缩短至", "减至", "减到", "压减至", "压减到", "压减", "增加到", "增加至", "迈上", "跨上", "站上", "跃上", "预期", "拟按",
    "拟", "安排", "、", "将", "再", "首次", "上升", "回升", "连跨", "回落到", "回落至", "回落", "净增", "净增加", "预期目标", "连续", "再度", "再次", "分别新增", "新增", "每人每月", "每人每年", "每人", "每月", "每年", "目标定", "目标拟定",
    "继续", "基本建成", "已经", "已", "五年", "三年", "两年", "跨越", "迈过", "跨过", "调增", "上调", "调高",
]  # fmt: skip
_STRIP_TAIL.sort(key=len, reverse=True)
_STRIP_HEAD = ["预计", "初步预计", "全年", "今年", "去年", "其中", "力争", "确保", "争取", "并", "谋划",
               "累计", "计划", "实施", "完成", "实现", "达到", "同时", "还", "共", "使", "让",
               "全面", "进一步", "努力", "继续", "持续", "将", "要", "一年来", "五年来", "比上年",
               "较上年", "同比", "此外", "另外", "而且", "其", "特别是", "尤其是", "拟安排",
               "安排", "年内", "全力推进", "加快推进", "全力", "把", "的", "五年累计", "五年中", "五年", "目前",
               "两年", "三年", "推动", "促进", "但是", "但", "而", "平均每天", "每天", "年底前", "该",
               "平均每年"]  # fmt: skip
_STRIP_HEAD.sort(key=len, reverse=True)
_TIME_WORDS = {"全年", "今年", "去年", "计划", "其中"}
_PROTECT = (
    "签约",
    "节约",
    "预约",
    "履约",
    "公约",
    "制约",
    "集约",
    "将近",
    "附近",
    "最近",
    "贴近",
    "亲近",
    "通达",
    "送达",
    "抵达",
    "直达",
    "下达",
    "表达",
    "畅通",
    "更为",
    "成为",
    "作为",
    "认为",
    "行为",
    "所在",
    "存在",
    "实在",
    "自在",
    "来到",
    "报到",
    "不到",
    "周到",
    "感到",
    "做到",
    "得到",
    "受到",
    "甚至",
    "直至",
    "乃至",
    "以至",
    "冬至",
    "夏至",
    "就是",
    "还是",
    "而是",
    "但是",
    "只是",
    "拥有",
    "具有",
    "没有",
    "共有",
    "享有",
    "占有",
    "所有",
    "现有",
    "赶超",
    "人均",
)
_KEEP_WHOLE = {"经济增长", "经济增速", "增加值", "收入增长", "经济总量"}

_GROWTH_CUE = re.compile(
    r"(增长|下降|上涨|涨幅|增速|增幅|降低|减少|回落|降幅|下滑|减少|压减|压缩|递增|提速|调增|上调|调高)"
)
_SHARE_IND = re.compile(r"(率|比重|占比|比例|覆盖|达标|占|份额|程度|指数|水平)$")
_CHANGE_VERB = re.compile(
    r"(新增|增加|净增|减少|提高|降低|下降|增长|上升|回落|多|再提高|再增加|扩大|缩小|新开工|新落地)$"
)
_ACTION = re.compile(
    r"(新建|新增|改造|建设|建成|新培育|培育|引进|实施|创建|减免|发放|救助|帮扶|新开工|落地|开展|举办|召开|"
    r"提高|增加|减少|净增|培训|安置|吸纳|带动|签约|招引|打造|新改建|新开通|新认定|认定|获批|"
    r"增长|下降|修复|整治|治理|关停|关闭|淘汰|拆除|承办|惠及|救治|资助|招聘|走访|慰问)$"
)
# verbs counting who benefits: without a noun after the number the verb is the name (惠及461万人次)
_BENEFIT_VERBS = {"惠及", "救治", "资助", "慰问", "走访", "招聘"}
_CONTRACTED = {
    "城乡居民": ("城镇居民", "农村居民"),
    "城乡": ("城镇", "农村"),
    "存贷款": ("存款", "贷款"),
    "中小学": ("中学", "小学"),
}
_INHERIT = re.compile(
    r"(?:(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年(?:底|末)?)?(?:"
    r"(?:实际|同比|比上年|较上年|年均|分别|均|可比价|转为)*"
    r"(?:增长|下降|提高|增加|上涨|减少|降低|回落|增速为?|增幅为?)?了?"
    r"|(?<=年)(?:完成|实现|达到|达)"
    r"|(?:分别)?(?:是|为|相当于).{0,12}的"
    r"|(?:分别)?(?:增加|提高|提升|上升|下降|减少|降低|扩大|增长|回落|缩小|压减|缩减|减|达)?(?:到|至)\s*"
    r"(?:\d{4}年|[〇零一二三四五六七八九]{4}年|[上去今]年|现在|目前|现)?(?:底|末)?的?)"
)
_COMPARE = re.compile(r"^(?:分别|均|并|且|也)?(?:高于|低于|快于|慢于|优于|高出|低出|超出|较|比)")
_COMPARE_MID = re.compile(
    r"(?:分别|均|都|要|连续.{1,3}年)?(?:达到或)?略?(?:高于|低于|快于|慢于|高出|超出|"
    r"较(?=\s?(?:[上去同前全“\d〇一二]|基期|十|年初))|(?<![同对占相类])比(?=\s?(?:[上去同前全“\d〇一二]|年初)))"
)
_RANK_VERB = re.compile(r"(稳居|位居|跃居|居全|居于|排名|排在|位列|跻身|跨入|进入全)")
_LIST_VERB = re.compile(r"^(新增|净增|修复|淘汰|关停|关闭|取缔|拆除|新培育|新认定|新开工)(?=.)")
_ITEM_VERB = re.compile(
    r"^(新建|改建|新改建|建成|改造|修建|建设|完成|实现|开工|培育|引进|创建|治理|整治|实施|打造|开通|"
    r"发放|减免|吸纳|带动|更新|提升|提高|增加|减少)"
)
_CLAUSE_VERB = re.compile(
    r"(推动|推进|加快|早日|更多|竣工|确保|力争|争取|纳入|开工|投产|稳居|位居|跃居|突破|保持|持续|继续|"
    r"不断|进一步|大力|积极|着力|努力|坚持|深化|强化|显著|明显|稳步|大幅|迈上|跨上|跃上|站上)"
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
_NOUN_AFTER_UNITS = {"个", "项", "条", "所", "家", "座", "处", "件", "种", "批", "支", "名", "张", "场",
                     "类", "套", "间", "栋", "块", "片", "户", "位"}  # fmt: skip
_ESTIMATE = re.compile(r"(预计|初步预计|初步测算|预测)")
_TARGET_CUE = re.compile(r"(预期目标|主要目标|目标是|目标为|力争|确保|计划)")
_DATE_AFTER = re.compile(r"^(?:年|月|日|号|周年|届|次会议|次全体|次党代会|次代表大会|次全会|点|时)")
_SLOGAN_VERB = re.compile(
    r"(落实|贯彻|执行|出台|制定|推进|打好|打赢|做好|抓好|突出|聚焦|围绕|坚持|推动|深化|用好|构建|强化|"
    r"落细|做实|践行|守住|守牢|把握|树立|弘扬|统筹|实现|“)$"
)
_MEASURE_HEAD = re.compile(
    r"(值|收入|率|额|量|投资|面积|指数|价格|人数|产值|规模|总额|支出|利润|比重|占比|增速|浓度|天数|密度|"
    r"能耗|强度)$"
)
_FOLLOW_CODE = re.compile(r"^[A-Za-z]")
_SLOGAN_AFTER = re.compile(
    r"^(?:[^，。；：、\n]{0,3}(圈|大|好|化|张牌|个确立|个维护|个务必|个坚持)|[，,]?即)"
)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _fallback_section_spans(text: str) -> list[tuple[str, int, int]]:
    """Rough top-level sections (used until/if ``govtext.structure`` is missing)."""
    heads = list(
        re.finditer(r"(?m)^[ \u3000]*([一二三四五六七八九十]{1,3})[、．.]([^\n]{0,40})", text)
    )
    if not heads:
        return [("other", 0, len(text))]
    spans: list[tuple[str, int, int]] = [("preamble", 0, heads[0].start())]
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        title = h.group(2)
        if re.search(r"回顾|过去|成绩|取得|工作总结|上年工作|一年来", title):
            kind = "review"
        elif re.search(r"目标|总体要求|总体思路|预期", title):
            kind = "targets"
        elif re.search(r"自身建设|政府建设|建设.*政府|人民满意", title):
            kind = "self_building"
        elif re.search(r"任务|工作|重点|安排|坚持|推进|加快|着力|全面|深化|大力", title):
            kind = "tasks"
        else:
            kind = "other"
        spans.append((kind, h.start(), end))
    return spans


def _section_spans(text: str) -> list[tuple[str, int, int]]:
    try:
        from govtext.text.structure import section_spans  # type: ignore[attr-defined]
    except ImportError:
        return _fallback_section_spans(text)
    return list(section_spans(text))


def _targets_spans(text: str) -> list[tuple[int, int]]:
    try:
        from govtext.text.structure import targets_spans  # type: ignore[attr-defined]
    except ImportError:
        spans = []
        for m in re.finditer(
            r"(主要预期目标|主要目标|预期目标)[^\n。]{0,20}?\n?[^\n。]{0,4}?[是为：:]", text
        ):
            if re.search(
                r"五”|五年|规划|时期|2035|远景|三年", text[max(0, m.start() - 40) : m.start()]
            ):
                continue  # a multi-year plan's targets, not the year's
            line_end = text.find("\n", m.end())
            spans.append((m.start(), len(text) if line_end < 0 else line_end))
        return spans
    try:
        found = targets_spans(text, horizon="year")  # the year's targets, not a plan period's
    except TypeError:  # pragma: no cover - older structure without ``horizon``
        found = targets_spans(text)
    out = []
    for sp in found:
        out.append((int(sp[-2]), int(sp[-1])))
    return out


def _clause_start(nt: str, pos: int, stop: str = _DELIMS) -> int:
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


def _sentence_start(nt: str, pos: int) -> int:
    return _clause_start(nt, pos, _SENT_END)


def _strip_tail(s: str) -> str:
    changed = True
    while changed and s:
        changed = False
        if s in _KEEP_WHOLE or s.endswith(("经济增长", "经济增速", "经济总量")):
            break
        for w in _STRIP_TAIL:
            if s.endswith(w) and not s.endswith(_PROTECT):
                s = s[: -len(w)]
                changed = True
                break
    return s


def _strip_head(s: str) -> str:
    s = re.sub(
        r"^(?:(?:到|至|截至)?\s*[\d〇零一二三四五六七八九]{4}\s*年(?:度|底|末)?|[上去今明]年|年底(?!前)|年末)",
        "",
        s,
    )
    s = re.sub(r"^(当年|全年|今年|年度)(完成|实现|累计)(?!率)", r"\1", s)
    changed = True
    while changed and s:
        changed = False
        for w in _STRIP_HEAD:
            if s.startswith(w) and len(s) - len(w) >= (
                3 if w in _TIME_WORDS and w != "其中" else 2 if w == "其中" else 1
            ):
                if w == "使" and s.startswith("使用"):
                    continue
                if w == "争取" and re.match(
                    r"争取(上级|中央|省|国家|各类|政策性)[\u4e00-\u9fff]{0,8}(资金|转移支付|补助)",
                    s,
                ):
                    continue  # 争取上级资金: the action is the measure
                s = s[len(w) :]
                changed = True
                break
    return s


def _split_coordinated(phrase: str, split: bool = False) -> list[str]:
    """``高技术制造业、装备制造业增加值`` -> both names written out in full."""
    if re.search(r"研究(与|和|及)(试验|实验)", phrase):  # R&D: one term
        return [phrase]
    m = re.match(r"^([\u4e00-\u9fff]{2,4})[和与及]([\u4e00-\u9fff]{4,})$", phrase)
    if m and m.group(2).startswith(m.group(1)):  # 国有和国有控股工业企业: one aggregate
        m = None
    pair_with_head = False
    if not m and split:  # 城镇居民人均可支配收入和农民人均纯收入分别增长10%
        m = re.match(
            r"^([\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9.]{3,})[和与及]([\u4e00-\u9fffA-Z][\u4e00-\u9fffA-Za-z0-9.]{3,})$",
            phrase,
        )
        if m and _MEASURE_HEAD.search(m.group(1)) and _MEASURE_HEAD.search(m.group(2)):
            return [m.group(1), m.group(2)]
        if m and _MEASURE_HEAD.search(m.group(2)) and "、" not in phrase:
            pair_with_head = True  # 基本养老保险和基本医疗保险参保率: the head is shared (below)
        else:
            m = None
    if "、" not in phrase and not m:
        return [phrase]
    parts = (
        [p for p in re.split(r"、", phrase) if p] if "、" in phrase else [m.group(1), m.group(2)]
    )
    if len(parts) < 2:
        return [phrase]
    parts[0] = re.sub(r"^全[市省县区镇国]", "", parts[0]) or parts[0]
    if len(parts) == 2 and parts[0][-1:] in ("存", "贷") and re.match(r"^[存贷]款", parts[1]):
        # 金融机构存、贷款余额: one contracted pair
        return [parts[0] + parts[1][1:], parts[0][:-1] + parts[1]]
    last = parts[-1]
    invest = re.fullmatch(
        r"(?:.*(?:达成|签约|签订|完成|实现|推进|引进|落地))?(总投资|投资)", tidy_name(last)
    )
    if invest and not split:  # 集中攻坚、压茬推进总投资N亿元 / ……的X、投资N亿元的Y: one investment
        return [invest.group(1)]
    if not split and re.search(r"[两二三四五六七八九十]大", last):
        return [phrase]  # 畜牧、蔬菜、果品三大支柱产业占比: one combined total
    if "等" in last[1:-1] and not split:  # 抓好A、B等总投资: examples, then the measure
        return [last.rsplit("等", 1)[1]]
    if "等" in last[1:-1]:  # A、B、C等产业增加值
        item, head = last.rsplit("等", 1)
        return [p + head for p in parts[:-1]] + [item + head]
    first = parts[0]
    if all(len(p) <= len(last) and p[-1:] == last[-1:] for p in parts[:-1]):
        return parts  # complete names (办复率、满意率)
    if not (split or _MEASURE_HEAD.search(last)):
        return [phrase]
    if pair_with_head and re.search(r"(人次|数|量|度|率|额|值|M\d)$", first):
        return parts  # 接待游客人次和旅游收入: two complete names
    head = ""
    for k in range(min(len(first), len(last) - 1), 0, -1):
        suf = first[-k:]
        idx = last.find(suf)
        if idx >= 0 and idx + k < len(last):
            head = last[idx + k :]
            break
    if not head:  # 新一代信息技术、高端装备产业增加值
        hm = re.search(
            r"(产业|行业|制造业)?(增加值|产值|营业收入|营收|收入|投资|产量|面积|规模|总额|排放量|排放总量|排放)$",
            last,
        )
        if hm and hm.start() > 0 and len(first) >= 4 and not _MEASURE_HEAD.search(first):
            head = last[hm.start() :]
    sector = re.search(r"(贷款余额|存款余额|增加值|总?产值|投资|营业收入|营收)$", last)
    if not head and first.endswith("业") and sector and sector.start() > 0:
        head = sector.group(1)  # 制造业、普惠小微贷款余额
    if not head and len(first) <= 3 and len(last) >= len(first) + (2 if len(first) == 1 else 3):
        head = last[len(first) :]
    if not head:
        if pair_with_head and not re.search(r"([度数量率额值]|M\d)$", first):
            return [phrase]  # 交通部直属的内河和沿海运输企业的货物周转量: no shared head found
        return parts
    return [p + head for p in parts[:-1]] + [last]


def _value(m: re.Match[str]) -> tuple[float, float]:
    if m.group("pctnum"):
        s = m.group("pctnum")
        if "点" in s:
            a, b = s.split("点", 1)
            v = parse_cn_number(a) + float("0." + "".join(str(_CN_DIGITS[c]) for c in b))
        else:
            v = parse_cn_number(s)
        return v, v
    mult = (m.group("mult") or "") + (m.group("mult2") or "")
    n1, n2, m1 = m.group("num"), m.group("num2"), m.group("m1") or ""

    def val(n: str, own_mult: str) -> float:
        if n[0].isdigit():
            return float(n.replace(",", "")) * _mult_value(own_mult) / _mult_value(mult)
        return _parse_cn_full(n + own_mult) / _mult_value(mult)

    v2 = val(n2, mult) if n2 else None
    v1 = val(n1, m1 if n2 else mult)
    return v1, (v1 if v2 is None else v2)


def _mult_value(mult: str) -> float:
    v = 1.0
    for ch in mult:
        v *= _MULT[ch]
    return v


def _parse_cn_full(s: str) -> float:
    """Chinese numeral with 万/亿 sections: 一亿三千八百八十万 -> 138800000."""
    for big, fac in (("亿", 1e8), ("万", 1e4)):
        if big in s:
            hi, lo = s.rsplit(big, 1)
            return (_parse_cn_full(hi) if hi else 1.0) * fac + (_parse_cn_full(lo) if lo else 0.0)
    return parse_cn_number(s) if s else 0.0


def _pre_qualifier(nt: str, s: int) -> str:
    for w, q in _PRE_QUAL:
        if nt[max(0, s - len(w)) : s] == w:
            if (
                w in ("约", "近")
                and s > len(w)
                and nt[s - len(w) - 1] in "签预节制契公协合条大婚最将"
            ):
                continue
            return q
    return ""


def _post_qualifier(nt: str, e: int) -> tuple[str, int]:
    for w, q in _POST_QUAL:
        if nt.startswith(w, e):
            return q, e + len(w)
    return "", e


def _excluded(nt: str, m: re.Match[str], unit: str, base: str, v: float) -> bool:
    s, e = m.start(), m.end()
    before = nt[max(0, s - 6) : s]
    after = nt[e : e + 8]
    is_cn = bool(m.group("num")) and not m.group("num")[0].isdigit()
    # codes and grades: G227, PM2.5, 5G, 4A, 3D
    if s > 0 and re.match(r"[A-Za-z.\-/]", nt[s - 1]):
        return True
    if not base and _FOLLOW_CODE.match(nt[e : e + 1]):
        return True
    if base and re.match(r"[A-Za-z]", after[:1]) and base not in _STRONG_UNITS:
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
    # vague numerals and slogans
    if is_cn:
        num = m.group("num")
        if num == "一" and base not in _STRONG_UNITS:
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
    elif not base and not m.group("mult") and not m.group("approx"):
        return True  # a bare number without a unit: section numbers, codes, counts of nothing
    # numbers inside short quoted names: “三张好牌” “1+N”
    q_open = nt.rfind("“", max(0, s - 12), s)
    if q_open >= 0 and "”" not in nt[q_open:s]:
        q_close = nt.find("”", e, e + 12)
        if q_close >= 0:
            return True
    # project names with a capacity: 10万片碳化硅单晶衬底项目
    if (
        base not in {"个", "项", "家", "所", "座", "条", "批", "处", "类", "种"}
        and base not in _STRONG_UNITS
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
    qpost, qe = _post_qualifier(nt, e)
    if base not in _STRONG_UNITS and re.search(
        r"\d%(?:以上|以下)?的[^，。；：！？\n]*$", nt[_clause_start(nt, s) : s]
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


def _sum_of_list(nt: str, s: int, e: int, v: float, base: str) -> bool:
    """A count that only sums up a list given in full (``实施A、B、C3项工程``)."""
    if base not in _CN_ONLY_UNITS and base not in {"大", ""}:
        return False
    if v < 2 or v > 12 or v != int(v):
        return False
    cs = _sentence_start(nt, s)
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


def _indicator_before(nt: str, s: int, floor: int = 0) -> tuple[str, str]:
    """Phrase before the number (stripped) and the raw clause before it."""
    cs = max(_clause_start(nt, s), floor)
    raw = nt[cs:s]
    # a list of names joined by 、 before the number belongs to this clause
    k = cs
    while k > 0 and nt[k - 1] == "、":
        k2 = _clause_start(nt, k - 1)
        seg = nt[k2 : k - 1]
        if not seg or k2 < floor or re.search(r"\d[^\d、]{0,3}$", seg) or len(seg) > 20:
            break
        if re.search(r"\d[十百千万亿]*[个项家所座条处件种批名张户套]", seg):
            break  # 建成35个先导区、1000个和美乡村: the items carry their own numbers
        core = re.sub(
            r"^(?:力争|确保|推动|推进|争取|全年|今年|年内|进一步|持续|继续|加快)+", "", seg
        )
        if _CLAUSE_VERB.search(core) and _strip_head(_strip_tail(nt[k:s].strip())):
            break  # 推动续建项目早日竣工、新开工项目100个: not a list of names
        k = k2
    raw = nt[k:s]
    phrase = re.sub(
        r"按可比(口径|价格)(计算)?|按现价(计算)?|扣除[^，]{0,10}因素|同口径|按同口径"
        r"|[〔［\[（(]\d{1,3}[〕］\]）)](?!$)|[〔［\[（(]\d{1,3}[〕］\]）)]$",  # footnotes: 企业〔31〕374家
        "",
        raw.strip(),
    )
    lead = re.match(
        r"^(通过|依托|利用|围绕|借助|按照|依照|结合)[^，]*?(新增|新建|建成|完成|实现|带动|吸纳|培育|引进)",
        phrase,
    )
    if lead:  # 通过砖窑复垦和残次林地复耕新增耕地 -> 新增耕地
        phrase = phrase[lead.start(2) :]
    phrase = _strip_head(_strip_tail(phrase))
    phrase = _strip_tail(phrase)
    frm = re.search(
        r"(?:从|由)(?=\d{4}|[〇零一二三四五六七八九]{4}|[上去前]年|上半年|“十|\d|每人|人均|[一二三四五六七八九十两]年前)"
        r"|(?<![服自])从(?![业事严紧快优重源头而来未容])(?=[\u4e00-\u9fff]{1,6}$)",
        phrase,
    )
    if frm and frm.start() >= 2:  # 资本充足率从2007年的8.4%提高到……
        phrase = _strip_tail(phrase[: frm.start()])
    phrase = re.sub(r"(?<=..)连续[\d一二三四五六七八九十两]+年$", "", phrase)
    phrase = _strip_head(
        re.sub(
            r"^.{0,6}?(?:用|经过|历时)[\d一二三四五六七八九十两]+个?(?:月|年|天)(?:时间)?",
            "",
            phrase,
        )
    )
    if phrase in {"经济", "全省经济", "全市经济", "全县经济", "全区经济"} and re.search(
        r"增长|增速", raw
    ):  # 经济年均增长5%左右 -> 经济增长
        phrase += "增长"
    tgt = re.search(r"预期目标", phrase)
    if tgt and tgt.start() >= 2:  # 经济增长预期目标是在……基础上增长7%
        phrase = phrase[: tgt.start()]
    if re.fullmatch(r"/[月年日天人户次]+[和及与、]?", phrase):  # 700元/月和500元/月
        phrase = ""
    comp = _COMPARE_MID.search(phrase)
    if comp and comp.start() >= 2:  # PM2.5年均浓度较2020年 / 外贸进出口增速高于全国平均水平
        phrase = _strip_tail(phrase[: comp.start()])
    if "、" in phrase and not _strip_head(_strip_tail(nt[cs:s].strip())):
        verb = _CLAUSE_VERB.search(phrase)  # 民营企业数量稳居全省第一方阵、达到12万户
        if verb and verb.start() >= 2:
            phrase = _strip_tail(phrase[: verb.start()])
    lead_num = re.match(
        r"^[^，。；、]*\d[\d.]*[十百千万亿]*[元亩人户个吨平方米]+的(?=[\u4e00-\u9fff“]{2})", phrase
    )
    if lead_num:  # 总投资50.78亿元的重点项目19个 -> 重点项目
        phrase = phrase[lead_num.end() :]
    rank = _RANK_VERB.search(phrase)
    if rank and rank.start() >= 2:  # 经营主体总量稳居全国前十强、达到600万户
        phrase = _strip_tail(phrase[: rank.start()])
    phrase = re.sub(
        r"(?<=.)(实现|完成)(?=(利润|利税|收入|营业收入|产值|增加值|税收|销售|出口|投资|营收|交易额))",
        "",
        phrase,
    )
    tidied = tidy_name(phrase, raw)
    if tidied != phrase:
        phrase = tidy_name(_strip_tail(tidied), raw)
    return phrase, raw


def _subject_of(clause: str) -> str:
    """The noun phrase opening a clause without a number (外贸出口从7月份开始大幅度回升 -> 外贸出口)."""
    m = re.match(
        r"^([\u4e00-\u9fff]{2,12}?)[：:]?(?=从|在|自|开始|继续|保持|实现|达到|大幅|稳步|持续|比|由|同比|较|逐步|明显|进一步|首次|剔除|扣除|迈上|跨上|跃上|站上|突破|超过|跨越|跨过|迈过)",
        clause,
    )
    return m.group(1) if m else ""


def _previous_clause_name(nt: str, s: int) -> str:
    """Name from the clause before a bare ``分别增长28%、17%`` (……的人均支出，分别增长28%)."""
    cs = _clause_start(nt, s, "，,")
    if cs == 0 or nt[cs - 1] not in "，,":
        return ""
    ps = _clause_start(nt, cs - 1, "，,。；！？\n;!?")
    prev = nt[ps : cs - 1]
    prev = re.sub(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度|末|底)?", "", prev)
    prev = re.sub(r"(?<=[\u4e00-\u9fff])[\d.]+$", "", prev)  # 空气质量综合指数5.94，同比下降……
    if not prev or len(prev) > 40 or re.search(r"\d", re.sub(r"[A-Za-z]+[\d.]+", "", prev)):
        return ""
    m = re.search(
        r"(实现|保持|继续|持续|达到|比上年|较上年|同比|连续|突破|超过|稳定|稳步|快速|大幅)",
        prev[2:],
    )
    if m:
        prev = prev[: m.start() + 2]
    name = _strip_tail(_strip_head(prev))
    return name if re.match(r"^[\u4e00-\u9fff“]", name or " ") else ""


def _indicator_after(nt: str, e: int) -> str:
    m = re.match(r"^(?:的)?((?:[\u4e00-\u9fffA-Za-z]|“[^”]{1,8}”){1,14})", nt[e:])
    if not m:
        return ""
    word = m.group(1)
    # a short list of nouns: 27个省、自治区、直辖市
    rest = nt[e + m.end() :]
    par = re.match(r"^[（(][\u4e00-\u9fff、]{1,8}[）)]", rest)
    if par and len(word) <= 4:  # 2147个县（市、区）
        word += par.group(0)
        rest = rest[par.end() :]
    while rest.startswith("、"):
        nxt = re.match(
            r"^、(?:([\u4e00-\u9fff]{1,4})(?=[、，。；\s]|$)|(自治区|直辖市|计划单列市|自治州|自治县))",
            rest,
        )
        if not nxt and word in {"省", "市", "县", "省级", "市级", "国家"}:
            # 28个省、市重点项目: levels sharing one head
            nxt = re.match(r"^、(?:省|市|县|区|省级|市级|县级)[\u4e00-\u9fff]{1,10}", rest)
        if not nxt or len(word) > 24:
            break
        word += nxt.group(0)
        rest = rest[nxt.end() :]
    quoted = re.findall(r"“[^”]*”", word)  # quoted names are not split at verbs
    for i, q in enumerate(quoted):
        word = word.replace(q, f"\x00{i}\x01", 1)
    parts = re.split(
        r"(增加|增长|带动|贡献|稳步|顺利|全部|已经|已|建成|完成|投入|开工|推进|实现|落地|达到|获得|入选|通过|纳入|正在|被|均|得到|列入|竣工|投产|建设|加快|启动|开始|陆续|相继|先后|率先|基本|有效|进一步|全面|完成)",
        word,
    )
    word = parts[0]
    if len(word) == 1 and len(parts) > 2:  # 新投产项目增加产值 -> 新投产项目
        word = "".join(parts[:3])
    word = re.split(r"((?<![级及])以上|(?<![级及])以下|左右|以内|(?<=.)和|等|，|。)", word)[0]
    for i, q in enumerate(quoted):
        word = word.replace(f"\x00{i}\x01", q)
    word = re.sub(r"\x00\d+\x01?|\x00?\d+\x01", "", word)
    return after_cut(word)


def _find_sections(sections: list[tuple[str, int, int]], pos: int) -> str:
    for kind, a, b in sections:
        if a <= pos < b:
            return kind
    return "other"


def extract_indicators(text_or_report: Any, *, section: bool = True) -> pd.DataFrame:
    """Extract every numeric indicator of a report as a table (one row per quantity).

    Parameters
    ----------
    text_or_report : str or Report
        The report text (as read; offsets refer to it) or a :class:`govtext.Report`.
    section : bool, default True
        Classify each row by the top-level section it sits in (status ``target`` for the
        plan sections ``targets``/``tasks``). With ``False`` every row gets section ``''``
        and status is read from cue words only.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``text[start:end] == surface`` for every row.

    Raises
    ------
    InputError
        If the argument is neither a string nor a report.

    Examples
    --------
    >>> df = extract_indicators("全镇税收预计完成4.7亿元。新增就业1302人。")
    >>> df[["indicator", "value_low", "unit", "value_base", "status"]].values.tolist()
    [['全镇税收', 4.7, '亿元', 470000000.0, 'estimate'], ['新增就业', 1302.0, '人', 1302.0, 'actual']]
    >>> df = extract_indicators("地区生产总值增长5%—5.5%，居民消费价格涨幅3%左右。", section=False)
    >>> df[["indicator", "value_low", "value_high", "kind", "qualifier"]].values.tolist()
    [['地区生产总值', 5.0, 5.5, 'growth', ''], ['居民消费价格涨幅', 3.0, 3.0, 'growth', '左右']]
    """

    from govtext.errors import InputError

    text = getattr(text_or_report, "text", text_or_report)
    if not isinstance(text, str):
        raise InputError(
            f"extract_indicators() expects a report text (str) or a Report, not {type(text_or_report).__name__}"
        )
    # the table is a pure function of (text, section): several analyses of one report
    # (targets, target_panel, the HTML report) share one extraction
    return _extract_cached(text, section).copy()


@functools.lru_cache(maxsize=64)
def _extract_cached(text: str, section: bool) -> pd.DataFrame:
    import pandas as pd

    from govtext.text.normalize import normalize_with_offsets

    nt, off = normalize_with_offsets(text)
    sections = _section_spans(text) if section else []
    tspans = _targets_spans(text) if section else []
    lines = _line_starts(text)
    rows: list[dict[str, Any]] = []

    quants = []
    for m in _QUANT.finditer(nt):
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
            v1, v2 = _value(m)
        except (ValueError, KeyError):
            continue
        if m.group("pctnum") is None and _excluded(nt, m, unit_full, base, v1):
            continue
        if m.group("pctnum") is None and _sum_of_list(nt, m.start(), m.end(), v1, base):
            continue
        e = m.end()
        # trailing 多/余 after the unit ("30个多" is rare; "3000多人" matched by approx)
        qpost, qe = _post_qualifier(nt, e)
        if qpost in {"多", "余"} and not approx:
            approx = qpost
            qpost = ""
        qual = approx or qpost or _pre_qualifier(nt, s)
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
        quants.append((m, s, e, v1, v2, mult, base, unit_full, qual, qpost, qe))

    # group lists: numbers separated only by 、 (with their qualifiers)
    groups: list[list[int]] = []
    for i, q in enumerate(quants):
        if groups:
            prev = quants[groups[-1][-1]]
            gap = nt[prev[10] : q[1]]
            if re.fullmatch(r" ?(?:、|和|及) ?(?:近|约|超过|超)?", gap):
                groups[-1].append(i)
                continue
        groups.append([i])

    sent_groups: list[list[str]] = []
    cur_sent = 0
    floor = 0
    floor_prev: int | None = None
    after_verb = ""
    carry_verb = ""
    for g in groups:
        last_qual = quants[g[-1]][8]
        s0 = quants[g[0]][1]
        phrase, raw = _indicator_before(nt, s0, floor)
        floor = quants[g[-1]][10]
        raw_s = raw.strip()
        # 分别/均/都/各 after the last listed name (三都、贞丰……等8个县: a place, not a cue)
        cue = len(g) > 1 or bool(re.search(r"(分别|均|都|各)", raw.rsplit("、", 1)[-1]))
        names = _split_coordinated(phrase, cue) if phrase else []
        # 发放抚恤金和生活补助资金等1.2亿元: one total, named without the trailing 等
        names = [re.sub(r"(?<=..)(?<![一二三四五六七八九十同平均对])等$", "", n) for n in names]
        if re.search(
            r"[。；！？;!?]|[。；！？：:;!?）)]?\n\s*\n|[。；！？：:;!?）)]\n", nt[cur_sent:s0]
        ):
            sent_groups = []
        cur_sent = quants[g[-1]][10]
        if len(g) == 2 and len(names) == 1:
            for pair, (a, b) in _CONTRACTED.items():
                if pair in names[0]:
                    names = [names[0].replace(pair, a, 1), names[0].replace(pair, b, 1)]
                    break
        inherit = bool(raw_s) and bool(_INHERIT.fullmatch(raw_s))
        if not inherit and sent_groups and _COMPARE.match(raw_s):
            inherit = True  # ……增长9.8%，高于全省1.2个百分点 / 快于经济增速2个百分点
        q_last = quants[g[-1]]
        scope_only = bool(re.fullmatch(r"全[县市省镇区乡]?|共|总|计", phrase))
        if (q_last[6] in _NOUN_AFTER_UNITS or scope_only) and not inherit:
            # 振兴107个重点县域特色产业: the noun after the classifier names the count
            after = _indicator_after(nt, q_last[10])
            if (
                after
                and not re.match(r"^(以上|以下|左右|以内|之内)", nt[q_last[10] :])
                and not re.match(
                    r"^(增加|增长|提高|下降|减少|降低|提升|上升|达到|突破|分别|同比|比|较|增至|降至|"
                    r"工作日|工作小时|自然日|月|小时)",
                    after,
                )
            ):
                verb = _ACTION.search(raw_s)
                if (
                    not verb
                    and not raw_s
                    and after_verb
                    and floor_prev is not None
                    and re.fullmatch(r"[^，。；：、\n]{0,16}、", nt[floor_prev:s0])
                ):
                    names = [after_verb + after]  # 建成35个先导区、1000个和美乡村
                else:
                    q_first = quants[g[0]]
                    if (
                        len(g) == 2
                        and not verb
                        and not scope_only
                        and len(names) == 1
                        and names[0]
                        and q_first[6] not in _NOUN_AFTER_UNITS
                        and q_first[6] != q_last[6]
                    ):  # 总投资638亿元、128个重点项目: each number its own name
                        names = [names[0], after]
                    else:
                        names = [(verb.group(1) if verb else "") + after]
                    after_verb = verb.group(1) if verb else ""
        else:
            after_verb = ""
        if (
            q_last[6] in ("%", "‰")
            and nt.startswith("的", q_last[10])
            and re.fullmatch(
                r"(?:全[县市省区镇乡国])?(推动|确保|力争|争取|实现|使|让|促进|带动|引导|支持|推进|有|已有)?",
                phrase,
            )
        ):  # 推动60%以上的县级特困供养机构三级达标
            after = share_of_units_name(nt, q_last[2], q_last[10]) or _indicator_after(
                nt, q_last[10]
            )
            if after:
                names = [after]
        if len(g) == 1 and names == [phrase] and not inherit:
            object_name = verb_object_name(phrase, _indicator_after(nt, q_last[10]))
            if object_name:  # 用好1800亿元引导基金, 计划惠及3200万孩子
                names = [object_name]
        if inherit or not names or names == [""] or _ACTION.fullmatch(phrase):
            after = _indicator_after(nt, quants[g[-1]][10])
            verb = _ACTION.search(raw_s)
            if (inherit or not after) and sent_groups and phrase not in _BENEFIT_VERBS:
                # 国内生产总值达到114万亿元，增长8.1% / ……，实际增长9.8%和8.5%
                if len(g) == 1:
                    names = sent_groups[-1]
                else:
                    flat = [n for grp in sent_groups for n in grp]
                    names = flat[-len(g) :] if len(flat) >= len(g) else sent_groups[-1]
            else:
                names = [((verb.group(1) if verb else "") + after)]
                subj = ""
                if inherit and not after:
                    # 一般公共预算收入剔除……因素，年均增长6.8%
                    subj = _subject_of(nt[_sentence_start(nt, s0) : s0])
                    if not subj:
                        subj = _previous_clause_name(nt, s0)
                if subj:
                    split = _split_coordinated(subj, True) if len(g) > 1 else [subj]
                    names = split if len(split) == len(g) else [subj]
                elif not names[0]:
                    # 外贸出口从7月份开始大幅度回升，全年达到1949亿美元
                    subj = _subject_of(nt[_sentence_start(nt, s0) : s0]) if not phrase else ""
                    names = [subj or raw_s]
        if (
            len(g) == 1
            and q_last[6] in ("%", "‰")
            and names == [phrase]
            and re.fullmatch(r"占[\u4e00-\u9fffA-Za-z]{2,16}", phrase)
            and not re.search(r"(比|比重|比例|份额)$", phrase)
            and raw_s.endswith("的")
            and sent_groups
            and len(sent_groups[-1]) == 1
            and re.fullmatch(r"[\u4e00-\u9fffA-Za-z“”]{2,20}", sent_groups[-1][0])
            and "占" not in sent_groups[-1][0]
        ):  # 纳税总额达5.7亿元，占全部财政收入的56.4% -> 纳税总额占全部财政收入比重
            names = [sent_groups[-1][0] + phrase + "比重"]
        prev_end = floor_prev
        if (
            carry_verb
            and quants[g[0]][6] not in _STRONG_UNITS
            and prev_end is not None
            and nt[prev_end:s0].startswith("、")
            and not re.search(r"[，。；：！？\n]", nt[prev_end:s0])
            and names
            and not any(_LIST_VERB.match(n) or _ITEM_VERB.match(n) for n in names)
            and not any(generic_measure(n) for n in names)
        ):
            names = [carry_verb + n for n in names]
        else:
            lv = _LIST_VERB.match(names[0]) if names else None
            carry_verb = carry_prefix(names[0], lv.group(1)) if lv else ""
            if carry_verb == "新增" and re.match(r"新增.{0,4}就业", names[0]):
                carry_verb = ""  # 新增城镇就业N人、农民工返乡创业M人: a named statistic
        floor_prev = floor
        kind_of: dict[str, str] = {}
        if any(generic_measure(n) for n in names):
            # 地区生产总值迈上5万亿台阶、五年增量超1.36万亿元 / 经营主体持续壮大。总量接近800万户
            ss = _sentence_start(nt, s0)
            subj = _subject_of(nt[ss:s0])
            if generic_measure(subj):
                subj = ""
            if not subj and not re.search(r"[，、,]", nt[ss:s0]):  # first clause only
                subj = topic_of_previous_sentence(nt, ss)
            if not subj and sent_groups and len(sent_groups[-1]) == 1:
                # 新增挂牌上市企业3家，总数达到11家 -> 挂牌上市企业
                prev = re.sub(r"^(新增|净增|新)(?=..)", "", sent_groups[-1][0])
                if re.fullmatch(r"[\u4e00-\u9fffA-Za-z“”]{2,16}", prev) and not generic_measure(
                    prev
                ):
                    subj = _strip_tail(prev)
            if subj:
                kind_of = {subj: next(n for n in names if generic_measure(n))}
                names = [subj if generic_measure(n) else n for n in names]
        if not (names and re.search(r"(台阶|关口|大关)$", names[0])):
            sent_groups.append(names)  # 跨越3个千亿元台阶，达到N: the milestone is no name
        sentence = nt[_clause_start(nt, s0, "。！？\n!?") : s0]
        for j, qi in enumerate(g):
            m, s, e, v1, v2, mult, base, unit_full, qual, qpost, qe = quants[qi]
            if not qual:
                qual = last_qual if len(g) > 1 else ""
            if len(names) == len(g):
                inds = [names[j]]
            elif len(g) == 1:
                inds = names
            else:
                inds = [names[0]] if len(names) == 1 else [names[min(j, len(names) - 1)]]
            # kind
            ctx = nt[_clause_start(nt, s0) : s0] if j == 0 else raw
            for ind in inds:
                kind = _kind(kind_of.get(ind, ind), raw, ctx, base, nt, s)
                pos = off[s]
                sec = _find_sections(sections, pos) if section else ""
                if _ESTIMATE.search(sentence):
                    status = "estimate"
                elif sec in ("targets", "tasks") or any(a <= pos < b for a, b in tspans):
                    status = "target"
                elif not section and _TARGET_CUE.search(sentence):
                    status = "target"
                else:
                    status = "actual"
                start = off[s]
                end = off[e - 1] + 1
                mul = 1.0
                for ch in mult:
                    mul *= _MULT[ch]
                vb = v1 * mul if base and mult else (v1 if base else math.nan)
                if base in _STRONG_UNITS:
                    vb = v1
                rows.append(
                    {
                        "indicator": ind,
                        "value_low": v1,
                        "value_high": v2,
                        "unit": unit_full,
                        "value_base": float(vb),
                        "unit_base": base or ("" if not mult else ""),
                        "kind": kind,
                        "status": status,
                        "qualifier": qual,
                        "surface": text[start:end],
                        "line_no": bisect.bisect_right(lines, start),
                        "start": start,
                        "end": end,
                        "section": sec,
                    }
                )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype(
        {
            "value_low": float,
            "value_high": float,
            "value_base": float,
            "line_no": int,
            "start": int,
            "end": int,
        }
    )


def _kind(ind: str, raw: str, ctx: str, base: str, nt: str, s: int) -> str:
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
        or base in _NOUN_AFTER_UNITS
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
