"""Naming the quantities of a list in the flow of its sentence.

A list is the numbers of one enumeration (``分别增长9.8%和8.5%``, see
:func:`govtext.indicators.quantities.group_lists`). :func:`name_group` names it from the
phrase before the first number, the noun after a classifier, the names earlier in the same
sentence (``国内生产总值达到114万亿元，增长8.1%``), a verb carried over a list
(``新增A 3个、B 5个``) or the subject a generic measure (``总量``) refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govtext.indicators.names import (
    carry_prefix,
    generic_measure,
    share_of_units_name,
    topic_of_previous_sentence,
    verb_object_name,
)
from govtext.indicators.numbers import STRONG_UNITS
from govtext.indicators.phrases import (
    name_after,
    name_before,
    previous_clause_name,
    split_coordinated,
    strip_tail,
    subject_of,
)
from govtext.indicators.quantities import NOUN_AFTER_UNITS, Quantity
from govtext.indicators.scope import SENTENCE_STOP, sentence_start

__all__ = ["NamingState", "name_group"]

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

_LIST_VERB = re.compile(r"^(新增|净增|修复|淘汰|关停|关闭|取缔|拆除|新培育|新认定|新开工)(?=.)")

_ITEM_VERB = re.compile(
    r"^(新建|改建|新改建|建成|改造|修建|建设|完成|实现|开工|培育|引进|创建|治理|整治|实施|打造|开通|"
    r"发放|减免|吸纳|带动|更新|提升|提高|增加|减少)"
)


@dataclass
class NamingState:
    """The normalised text, its quantities and what naming carries from one list to the next.

    Examples
    --------
    >>> from govtext.indicators.quantities import find_quantities, group_lists
    >>> t = "国内生产总值达到114万亿元，增长8.1%。"
    >>> st = NamingState(t, find_quantities(t))
    >>> [name_group(st, g)[0] for g in group_lists(t, st.quants)]
    [['国内生产总值'], ['国内生产总值']]
    """

    nt: str
    quants: list[Quantity]
    sent_groups: list[list[str]] = field(default_factory=list)  # names of this sentence
    cur_sent: int = 0  # end of the previous list
    floor: int = 0  # a name may not start before this offset
    floor_prev: int | None = None
    after_verb: str = ""  # 建成35个先导区、1000个和美乡村: the verb of the previous item
    carry_verb: str = ""  # 新增A N个、B M个: the verb carried over a list


def name_group(st: NamingState, g: list[int]) -> tuple[list[str], dict[str, str], str]:
    """Names of a list of quantities (one per number, or one for all), the kind-giving
    names of generic measures (``总量``), and the raw clause before the first number.

    Lists must be named in text order with one :class:`NamingState`: a number without a
    name of its own takes the names of the sentence so far (see :class:`NamingState`).
    """
    nt, quants = st.nt, st.quants
    s0 = quants[g[0]].s
    phrase, raw = name_before(nt, s0, st.floor)
    st.floor = quants[g[-1]].qe
    raw_s = raw.strip()
    # 分别/均/都/各 after the last listed name (三都、贞丰……等8个县: a place, not a cue)
    cue = len(g) > 1 or bool(re.search(r"(分别|均|都|各)", raw.rsplit("、", 1)[-1]))
    names = split_coordinated(phrase, cue) if phrase else []
    # 发放抚恤金和生活补助资金等1.2亿元: one total, named without the trailing 等
    names = [re.sub(r"(?<=..)(?<![一二三四五六七八九十同平均对])等$", "", n) for n in names]
    if any(c in SENTENCE_STOP for c in nt[st.cur_sent : s0]):  # a new sentence (text.segment)
        st.sent_groups = []
    st.cur_sent = quants[g[-1]].qe
    if len(g) == 2 and len(names) == 1:
        for pair, (a, b) in _CONTRACTED.items():
            if pair in names[0]:
                names = [names[0].replace(pair, a, 1), names[0].replace(pair, b, 1)]
                break
    inherit = bool(raw_s) and bool(_INHERIT.fullmatch(raw_s))
    if not inherit and st.sent_groups and _COMPARE.match(raw_s):
        inherit = True  # ……增长9.8%，高于全省1.2个百分点 / 快于经济增速2个百分点
    names = _names_after_unit(st, g, names, phrase, raw_s, inherit)
    names = _names_from_context(st, g, names, phrase, raw_s, inherit)
    names = _carry_list_verb(st, g, names)
    st.floor_prev = st.floor
    names, kind_of = _subject_of_generic(st, s0, names)
    if not (names and re.search(r"(台阶|关口|大关)$", names[0])):
        st.sent_groups.append(names)  # 跨越3个千亿元台阶，达到N: the milestone is no name
    return names, kind_of, raw


def _names_after_unit(
    st: NamingState, g: list[int], names: list[str], phrase: str, raw_s: str, inherit: bool
) -> list[str]:
    """振兴107个重点县域特色产业: the noun after the classifier names the count."""
    nt, q_first, q_last = st.nt, st.quants[g[0]], st.quants[g[-1]]
    scope_only = bool(re.fullmatch(r"全[县市省镇区乡]?|共|总|计", phrase))
    if not (q_last.base in NOUN_AFTER_UNITS or scope_only) or inherit:
        st.after_verb = ""
        return names
    after = name_after(nt, q_last.qe)
    if (
        not after
        or re.match(r"^(以上|以下|左右|以内|之内)", nt[q_last.qe :])
        or re.match(
            r"^(增加|增长|提高|下降|减少|降低|提升|上升|达到|突破|分别|同比|比|较|增至|降至|"
            r"工作日|工作小时|自然日|月|小时)",
            after,
        )
    ):
        return names
    verb = _ACTION.search(raw_s)
    if (
        not verb
        and not raw_s
        and st.after_verb
        and st.floor_prev is not None
        and re.fullmatch(r"[^，。；：、\n]{0,16}、", nt[st.floor_prev : q_first.s])
    ):
        return [st.after_verb + after]  # 建成35个先导区、1000个和美乡村
    if (
        len(g) == 2
        and not verb
        and not scope_only
        and len(names) == 1
        and names[0]
        and q_first.base not in NOUN_AFTER_UNITS
        and q_first.base != q_last.base
    ):  # 总投资638亿元、128个重点项目: each number its own name
        names = [names[0], after]
    else:
        names = [(verb.group(1) if verb else "") + after]
    st.after_verb = verb.group(1) if verb else ""
    return names


def _names_from_context(
    st: NamingState, g: list[int], names: list[str], phrase: str, raw_s: str, inherit: bool
) -> list[str]:
    """Names read after a share, from a verb's object, or from the sentence before."""
    nt, q_last = st.nt, st.quants[g[-1]]
    if (
        q_last.base in ("%", "‰")
        and nt.startswith("的", q_last.qe)
        and re.fullmatch(
            r"(?:全[县市省区镇乡国])?(推动|确保|力争|争取|实现|使|让|促进|带动|引导|支持|推进|有|已有)?",
            phrase,
        )
    ):  # 推动60%以上的县级特困供养机构三级达标
        after = share_of_units_name(nt, q_last.e, q_last.qe) or name_after(nt, q_last.qe)
        if after:
            names = [after]
    if len(g) == 1 and names == [phrase] and not inherit:
        object_name = verb_object_name(phrase, name_after(nt, q_last.qe))
        if object_name:  # 用好1800亿元引导基金, 计划惠及3200万孩子
            names = [object_name]
    if inherit or not names or names == [""] or _ACTION.fullmatch(phrase):
        names = _names_inherited(st, g, phrase, raw_s, inherit)
    sg = st.sent_groups
    if (
        len(g) == 1
        and q_last.base in ("%", "‰")
        and names == [phrase]
        and re.fullmatch(r"占[\u4e00-\u9fffA-Za-z]{2,16}", phrase)
        and not re.search(r"(比|比重|比例|份额)$", phrase)
        and raw_s.endswith("的")
        and sg
        and len(sg[-1]) == 1
        and re.fullmatch(r"[\u4e00-\u9fffA-Za-z“”]{2,20}", sg[-1][0])
        and "占" not in sg[-1][0]
    ):  # 纳税总额达5.7亿元，占全部财政收入的56.4% -> 纳税总额占全部财政收入比重
        names = [sg[-1][0] + phrase + "比重"]
    return names


def _names_inherited(
    st: NamingState, g: list[int], phrase: str, raw_s: str, inherit: bool
) -> list[str]:
    """A number without a name of its own: the names of the sentence so far, the noun
    after it, or the subject of its sentence or of the clause before."""
    nt, s0 = st.nt, st.quants[g[0]].s
    after = name_after(nt, st.quants[g[-1]].qe)
    verb = _ACTION.search(raw_s)
    if (inherit or not after) and st.sent_groups and phrase not in _BENEFIT_VERBS:
        # 国内生产总值达到114万亿元，增长8.1% / ……，实际增长9.8%和8.5%
        if len(g) == 1:
            return st.sent_groups[-1]
        flat = [n for grp in st.sent_groups for n in grp]
        return flat[-len(g) :] if len(flat) >= len(g) else st.sent_groups[-1]
    names = [((verb.group(1) if verb else "") + after)]
    subj = ""
    if inherit and not after:
        # 一般公共预算收入剔除……因素，年均增长6.8%
        subj = subject_of(nt[sentence_start(nt, s0) : s0])
        if not subj:
            subj = previous_clause_name(nt, s0)
    if subj:
        split = split_coordinated(subj, True) if len(g) > 1 else [subj]
        names = split if len(split) == len(g) else [subj]
    elif not names[0]:
        # 外贸出口从7月份开始大幅度回升，全年达到1949亿美元
        subj = subject_of(nt[sentence_start(nt, s0) : s0]) if not phrase else ""
        names = [subj or raw_s]
    return names


def _carry_list_verb(st: NamingState, g: list[int], names: list[str]) -> list[str]:
    """新增A N个、B M个: the list's verb carries over to the items that follow it."""
    s0 = st.quants[g[0]].s
    prev_end = st.floor_prev
    if (
        st.carry_verb
        and st.quants[g[0]].base not in STRONG_UNITS
        and prev_end is not None
        and st.nt[prev_end:s0].startswith("、")
        and not re.search(r"[，。；：！？\n]", st.nt[prev_end:s0])
        and names
        and not any(_LIST_VERB.match(n) or _ITEM_VERB.match(n) for n in names)
        and not any(generic_measure(n) for n in names)
    ):
        return [st.carry_verb + n for n in names]
    lv = _LIST_VERB.match(names[0]) if names else None
    st.carry_verb = carry_prefix(names[0], lv.group(1)) if lv else ""
    if st.carry_verb == "新增" and re.match(r"新增.{0,4}就业", names[0]):
        st.carry_verb = ""  # 新增城镇就业N人、农民工返乡创业M人: a named statistic
    return names


def _subject_of_generic(
    st: NamingState, s0: int, names: list[str]
) -> tuple[list[str], dict[str, str]]:
    """A generic measure (总量, 增量) is named by the subject it measures; the generic
    name still gives the kind."""
    if not any(generic_measure(n) for n in names):
        return names, {}
    nt = st.nt
    # 地区生产总值迈上5万亿台阶、五年增量超1.36万亿元 / 经营主体持续壮大。总量接近800万户
    ss = sentence_start(nt, s0)
    subj = subject_of(nt[ss:s0])
    if generic_measure(subj):
        subj = ""
    if not subj and not re.search(r"[，、,]", nt[ss:s0]):  # first clause only
        subj = topic_of_previous_sentence(nt, ss)
    if not subj and st.sent_groups and len(st.sent_groups[-1]) == 1:
        # 新增挂牌上市企业3家，总数达到11家 -> 挂牌上市企业
        prev = re.sub(r"^(新增|净增|新)(?=..)", "", st.sent_groups[-1][0])
        if re.fullmatch(r"[\u4e00-\u9fffA-Za-z“”]{2,16}", prev) and not generic_measure(prev):
            subj = strip_tail(prev)
    if not subj:
        return names, {}
    kind_of = {subj: next(n for n in names if generic_measure(n))}
    return [subj if generic_measure(n) else n for n in names], kind_of
