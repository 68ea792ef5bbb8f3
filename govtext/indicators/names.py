"""Naming rules for :func:`govtext.extract_indicators` (private helpers).

The extractor in :mod:`govtext.indicators` finds the quantities and a first phrase naming
each one; the functions here tidy that phrase so that it names *what is measured*:

* fragments of the clause that are not part of the name are cut: list enumerators
  (``九是``, ``⑧``), durations (``3年``, ``近3年``), modal and adverbial tails (``都要``,
  ``可比``, ``更多``, ``早日``, ``全部``), a dangling comparison (``PM2.5浓度较``), a ranking
  clause (``稳居全国前十强``), the object marker ``对``;
* shares of units (``55%以上的村（社区）经营性收入达到10万元以上``) are named by the
  units *and* what they satisfy (``经营性收入达到10万元以上的村（社区）``); a plan's
  completion rate by the plan (``完成年度投资计划的140%`` -> ``年度投资计划``);
* the action verb of a list carries its modifier (``淘汰落后的水泥产能、炼铁产能`` ->
  ``淘汰落后的炼铁产能``);
* a verb phrase before ``总投资``/``投资`` is cut (``压茬推进总投资`` -> ``总投资``);
* a bare total (``总量``, ``五年增量``) is recognised so that the caller can give it the
  subject it measures; a bare verb takes its counted object (``用好N亿元引导基金``);
* nouns after a classifier are cut before adverbs and verbs (``续建项目早日竣工``).
"""

from __future__ import annotations

import re

from govtext.indicators.scope import sentence_start
from govtext.text.segment import SENTENCE_END

__all__: list[str] = []

# list enumerators at the head of a clause: 一是, 九是, ⑧, （3）, 3.
_ENUM_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|[①-⑳]|"
    r"[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d))"
)
# a duration opening the phrase: 3年增长58.6% (the name is the sentence's subject)
_DURATION_HEAD = re.compile(
    r"^(?:近|这|过去)?(?:\d{1,2}|[一二三四五六七八九十两]{1,2})年(?:来|间|中|内|里)?(?=$|累计|共)"
)
# modal / adverbial words ending a clause fragment: 排放量都要(减少), 预算收入可比(增长)
_FRAGMENT_TAIL = re.compile(
    r"(?<=..)(?:都要|也要|均要|还要|要(?<![主需重必纲摘只将]要)|(?<!首)都|也|(?<!偿)还|可比|同口径|"
    r"更多|早日|尽快|力争|确保|可以|能够|就能够|双双|一律|每|全部|基本|首次|已经|(?<![而自])已|实现翻番|翻番|翻一番|翻两番)$"
)
# a comparison left dangling at the end (较/比 with its object stripped)
_DANGLING_COMPARE = re.compile(
    r"(?<=..)(?:较|(?<![占对相同类无贷债价出支])比|相比|相较)$"
)  # 存贷比, 投入产出比, 收支比: ratios, not comparisons
_COMPARED_TO = re.compile(
    r"(?:较|比较|比|相比|相较)(?:于|\s)*(?:[上去前今同全“\d〇零一二]|基期|十)"
)
# ranking and comparison clauses: not a name at all
_RANK_CLAUSE = re.compile(
    r"^(?:稳居|位居|跃居|居于|排名|排在|位列|跻身|跨入|进入全|高于|低于|快于|慢于|优于|"
    r"高出|超出|领先|居全|居中部|居西部|居东部|列全)"
)
# verbs in front of an investment total: 压茬推进总投资, 带动总投资, 启动投资
_INVEST_LEAD = re.compile(
    r"^(?:重点|突出|大力|积极|强力|全面|全力|持续|统筹|谋划|启动|推进|推动|带动|抓好|抓紧|"
    r"实施|加快|提速|建设|围绕|压茬|开工|新开工|对新|对|新|引进|落地|签约|一批)+(?=(?:总投资|投资)$)"
)
# verbs that start the predicate of a unit after N%以上的: 55%以上的村实现分红
_PRED_VERB = re.compile(
    r"(实现|达到|完成|建成|具备|开展|拥有|享有|参加|接受|享受|纳入|覆盖|通过|获得|"
    r"(?<![国所拥具享没现共占特含])有|"
    r"建立|设立|配备|开通|接入|使用|落实|推行|入选|获评|创建|成为)"
)


def _cut_fragments(p: str) -> str:
    for _ in range(3):
        q = _FRAGMENT_TAIL.sub("", p)
        if q == p:
            break
        p = q
    return p


def tidy_name(phrase: str, raw: str = "") -> str:
    """Cut enumerators, modal tails, dangling comparisons and ranking clauses.

    A dangling ``较``/``比`` is cut only where ``raw`` (the clause the phrase comes from)
    compares with a period (``较去年``, ``比2020年``), and only once (``存贷比较上年`` ->
    ``存贷比``). A phrase that is only a ranking or comparison clause becomes ``''`` (the
    caller then takes the name of the previous quantity of the sentence).
    """
    if not phrase:
        return phrase
    p = _ENUM_HEAD.sub("", phrase)
    if not re.search(r"(贡献|转移支付|出口|进口|投资|援助|依存)", p):  # 对小微企业年应纳税所得额
        p = re.sub(r"^对(?![外口标接比话于照手应待称])(?=[\u4e00-\u9fff]{2})", "", p)
    p = _DURATION_HEAD.sub("", p)
    p = re.sub(
        r"^(?:平均)?每[天年月日]$|^(?:年底前|年底|年内|年末|今年|全年|当年)$", "", p
    )  # 平均每天新增1.2万户: the name is the subject
    if _RANK_CLAUSE.match(p):
        return ""
    p = _cut_fragments(p)
    if p.endswith("等") and re.search(r"等(?:都|均|分别|各)", raw):
        p = _cut_fragments(p[:-1])  # 烤烟、桑蚕茧等都增长: each listed item (else one total)
    dangling = _DANGLING_COMPARE.search(p)
    at = raw.rfind(p)
    if dangling and at >= 0 and _COMPARED_TO.match(raw, at + dangling.start()):
        p = _cut_fragments(p[: dangling.start()])
    done = re.fullmatch(r".{2,}?完成了?([\u4e00-\u9fff]{2,10})", p)
    if (
        done and raw.rstrip().endswith("的") and "分别" not in done.group(0)
    ):  # 重点项目完成年度投资计划的140%
        p = done.group(1)
    if not re.search(r"[、和与及]", p):
        p = re.sub(
            r"(?<=..)(?<!所)(?:也只|则只|还只|仍然|将|已|只|约|都)?占$", "占比", p
        )  # 10万元以上村占47% -> ……村占比
    lead = _INVEST_LEAD.match(p)
    if lead:
        p = p[lead.end() :]
    return p


def after_cut(word: str) -> str:
    """A noun after a classifier, cut before adverbs and verbs of its own clause."""
    m = re.search(
        r"(?<=.)(更多|早日|尽快|如期|成功|顺利|已|受益|可以|能够|就能|进行|大幅|全覆盖|(?<=[县区市村省业品目社位民司户])中$|选址|年均|分别|同比|设立|接入|被|首次|"
        r"进入|压减至|压缩至|压减到|压缩到|缩短至|缩短到|减少到|减少至|降至|降到|增至|增到|"
        r"提高到|提升到)",
        word,
    )
    if m and m.start() >= 2:
        if m.group(1) == "受益":  # 600多万户企业受益 -> 受益企业
            return "受益" + word[: m.start()]
        word = word[: m.start()]
    return word


def share_of_units_name(nt: str, e: int, qe: int) -> str:
    """Name of ``55%以上的村（社区）经营性收入达到10万元以上``: what the units satisfy.

    ``e`` is the end of the unit ``%``; ``qe`` the end of a qualifier after it. Returns
    ``'经营性收入达到10万元以上的村（社区）'`` (predicate, 的, the units); the units alone
    when no short predicate follows; ``''`` when ``的`` does not follow.
    """
    if not nt.startswith("的", qe):
        return ""
    rest = nt[qe + 1 :]
    clause = re.split(r"[，。；：！？、\n,;:!?]", rest, maxsplit=1)[0]
    if not clause or not re.match(r"[\u4e00-\u9fff“]", clause):
        return ""
    # the units: up to a closing parenthesis (村（社区）) or the first predicate verb
    par = re.match(r"^([\u4e00-\u9fff“”]{1,10}[（(][^）)]{1,8}[）)])", clause)
    if par:
        unit = par.group(1)
    else:
        v = _PRED_VERB.search(clause, 1)
        if not v:
            return ""
        unit = clause[: v.start()]
    pred = clause[len(unit) :]
    adv = re.search(r"(初步|基本|全部|已经|已|均|都|全面|普遍|率先|逐步)$", unit)
    if adv and adv.start() >= 1:  # 73%的企业初步建立……
        unit, pred = unit[: adv.start()], pred
    pred = re.sub(r"^(?:都|均|全部|基本|要|能|已|已经)", "", pred)
    if not unit or len(unit) > 12 or re.search(r"(速|速度|增长|水平|可以|能够|能|会|将|要)$", unit):
        return ""  # 6.5%左右的增速可以实现……: a rate, not a share of units
    if not pred or len(pred) > 16:
        return unit
    return pred + "的" + unit


def carry_prefix(name: str, verb: str) -> str:
    """The verb of a list with its modifier: ``淘汰落后的水泥产能`` -> ``淘汰落后的``."""
    m = re.match(rf"^{re.escape(verb)}([\u4e00-\u9fff]{{1,6}}的)(?=[\u4e00-\u9fff“]{{2}})", name)
    return verb + m.group(1) if m else verb


_GENERIC = re.compile(
    r"(?:五年|全年|年度|累计)?(?:总量|增量|总数|总额|总规模|数量)"
    r"(?:接近|超过|超|达到|达|突破|约|近|为)?"
)
_TOPIC_SENTENCE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:持续|不断|稳步|快速|进一步|显著|明显|日益|加快)?"
    r"(?:壮大|增长|增加|扩大|提升|增强|发展|提高|活跃|攀升)"
)


def generic_measure(name: str) -> bool:
    """``总量``, ``五年增量``, ``总量接近``: a measure word without what it measures."""
    return bool(_GENERIC.fullmatch(name))


def topic_of_previous_sentence(nt: str, ss: int) -> str:
    """Topic of a short sentence just before ``ss`` (``经营主体持续壮大。`` -> ``经营主体``)."""
    if ss < 2 or nt[ss - 1] not in SENTENCE_END:
        return ""
    ps = sentence_start(nt, ss - 1)
    m = _TOPIC_SENTENCE.fullmatch(nt[ps : ss - 1])
    return m.group(1) if m else ""


# verbs whose object after the number names the quantity: 用好1800亿元引导基金
_OBJECT_VERBS = re.compile(
    r"(用好|引导|撬动|拉动|带动|吸引|筹集|筹措|拨付|下达|投放|兑现|投入|惠及|覆盖|帮助|"
    r"资助|救助|培训|提供|创造|新增|减少)$"
)
_OBJECT_HEADS = re.compile(
    r"(基金|资金|资本|贷款|债券|专项债|国债|人口|群众|家庭|农户|孩子|学生|儿童|老人|职工|"
    r"企业|岗位|项目|人才|游客|居民|村民|患者)$"
)


def verb_object_name(phrase: str, after: str) -> str:
    """``用好`` + ``引导基金`` -> ``用好引导基金``: a bare verb takes the object after the number.

    Only where the phrase ends with a verb taking a counted object and the words after the
    number end with a noun of people, funds or firms; else ``''``.
    """
    if not phrase or not after or len(phrase) > 12 or not _OBJECT_VERBS.search(phrase):
        return ""
    if not _OBJECT_HEADS.search(after) or len(after) > 10:
        return ""
    return phrase + after
