"""The phrase that names a quantity: the words before the number and after its unit.

:func:`name_before` cuts the clause before a number down to the indicator it measures
(generic verbs, time words and comparisons stripped: ``全年地区生产总值比上年增长`` ->
``地区生产总值``); :func:`name_after` reads the noun after a classifier (``107个重点县域``);
:func:`split_coordinated` writes out coordinated names in full (``高技术制造业、装备制造业
增加值``); :func:`subject_of` and :func:`previous_clause_name` find the subject a bare number
refers back to.
"""

from __future__ import annotations

import re

from govtext.indicators.names import after_cut, tidy_name
from govtext.indicators.scope import clause_start

__all__ = [
    "name_after",
    "name_before",
    "previous_clause_name",
    "split_coordinated",
    "strip_tail",
    "subject_of",
]

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
_TAIL_SET = frozenset(_STRIP_TAIL)
_TAIL_LENS = sorted({len(w) for w in _STRIP_TAIL}, reverse=True)

_STRIP_HEAD = ["预计", "初步预计", "全年", "今年", "去年", "其中", "力争", "确保", "争取", "并", "谋划",
               "累计", "计划", "实施", "完成", "实现", "达到", "同时", "还", "共", "使", "让",
               "全面", "进一步", "努力", "继续", "持续", "将", "要", "一年来", "五年来", "比上年",
               "较上年", "同比", "此外", "另外", "而且", "其", "特别是", "尤其是", "拟安排",
               "安排", "年内", "全力推进", "加快推进", "全力", "把", "的", "五年累计", "五年中", "五年", "目前",
               "两年", "三年", "推动", "促进", "但是", "但", "而", "平均每天", "每天", "年底前", "该",
               "平均每年"]  # fmt: skip

_STRIP_HEAD.sort(key=len, reverse=True)
_HEAD_SET = frozenset(_STRIP_HEAD)
_HEAD_LENS = sorted({len(w) for w in _STRIP_HEAD}, reverse=True)

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

_COMPARE_MID = re.compile(
    r"(?:分别|均|都|要|连续.{1,3}年)?(?:达到或)?略?(?:高于|低于|快于|慢于|高出|超出|"
    r"较(?=\s?(?:[上去同前全“\d〇一二]|基期|十|年初))|(?<![同对占相类])比(?=\s?(?:[上去同前全“\d〇一二]|年初)))"
)

_RANK_VERB = re.compile(r"(稳居|位居|跃居|居全|居于|排名|排在|位列|跻身|跨入|进入全)")

_CLAUSE_VERB = re.compile(
    r"(推动|推进|加快|早日|更多|竣工|确保|力争|争取|纳入|开工|投产|稳居|位居|跃居|突破|保持|持续|继续|"
    r"不断|进一步|大力|积极|着力|努力|坚持|深化|强化|显著|明显|稳步|大幅|迈上|跨上|跃上|站上)"
)

_MEASURE_HEAD = re.compile(
    r"(值|收入|率|额|量|投资|面积|指数|价格|人数|产值|规模|总额|支出|利润|比重|占比|增速|浓度|天数|密度|"
    r"能耗|强度)$"
)


def strip_tail(s: str) -> str:
    """``s`` without the generic words it ends with (增长, 比上年, 达到 ...).

    Examples
    --------
    >>> strip_tail("地区生产总值比上年增长")
    '地区生产总值'
    """
    # the longest word of _STRIP_TAIL that ends s (the list is sorted longest first), by
    # looking up s's last n characters for each length n
    while s:
        if s in _KEEP_WHOLE or s.endswith(("经济增长", "经济增速", "经济总量")):
            break
        if s.endswith(_PROTECT):
            break
        n = next((n for n in _TAIL_LENS if n <= len(s) and s[-n:] in _TAIL_SET), 0)
        if not n:
            break
        s = s[:-n]
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
        # the words of _STRIP_HEAD that start s, longest first (the list's order)
        for w in [s[:n] for n in _HEAD_LENS if n <= len(s) and s[:n] in _HEAD_SET]:
            if len(s) - len(w) >= (
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


def split_coordinated(phrase: str, split: bool = False) -> list[str]:
    """Coordinated names written out in full; ``split`` when a cue (分别, a list) says so.

    Examples
    --------
    >>> split_coordinated("高技术制造业、装备制造业增加值")
    ['高技术制造业增加值', '装备制造业增加值']
    """
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


def name_before(nt: str, s: int, floor: int = 0) -> tuple[str, str]:
    """Indicator phrase before the number at ``s`` and the raw clause it was cut from.

    ``floor`` is the offset the clause may not start before (the end of the previous
    quantity).

    Examples
    --------
    >>> t = "全年地区生产总值比上年增长5%"
    >>> name_before(t, t.index("5"))
    ('地区生产总值', '全年地区生产总值比上年增长')
    """
    cs = max(clause_start(nt, s), floor)
    raw = nt[cs:s]
    # a list of names joined by 、 before the number belongs to this clause
    k = cs
    while k > 0 and nt[k - 1] == "、":
        k2 = clause_start(nt, k - 1)
        seg = nt[k2 : k - 1]
        if not seg or k2 < floor or re.search(r"\d[^\d、]{0,3}$", seg) or len(seg) > 20:
            break
        if re.search(r"\d[十百千万亿]*[个项家所座条处件种批名张户套]", seg):
            break  # 建成35个先导区、1000个和美乡村: the items carry their own numbers
        core = re.sub(
            r"^(?:力争|确保|推动|推进|争取|全年|今年|年内|进一步|持续|继续|加快)+", "", seg
        )
        if _CLAUSE_VERB.search(core) and _strip_head(strip_tail(nt[k:s].strip())):
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
    phrase = _strip_head(strip_tail(phrase))
    phrase = strip_tail(phrase)
    frm = re.search(
        r"(?:从|由)(?=\d{4}|[〇零一二三四五六七八九]{4}|[上去前]年|上半年|“十|\d|每人|人均|[一二三四五六七八九十两]年前)"
        r"|(?<![服自])从(?![业事严紧快优重源头而来未容])(?=[\u4e00-\u9fff]{1,6}$)",
        phrase,
    )
    if frm and frm.start() >= 2:  # 资本充足率从2007年的8.4%提高到……
        phrase = strip_tail(phrase[: frm.start()])
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
    # who set the target is not part of its name: 中央提出今年经济增长(预期目标为7%左右)
    said = re.match(
        r"^[\u4e00-\u9fff]{1,8}?(?:提出|确定|要求|明确)(?:了)?(?:今年|全年|明年)(?:的)?", phrase
    )
    if said and len(phrase) - said.end() >= 2:
        phrase = phrase[said.end() :]
    if re.fullmatch(r"/[月年日天人户次]+[和及与、]?", phrase):  # 700元/月和500元/月
        phrase = ""
    comp = _COMPARE_MID.search(phrase)
    if comp and comp.start() >= 2:  # PM2.5年均浓度较2020年 / 外贸进出口增速高于全国平均水平
        phrase = strip_tail(phrase[: comp.start()])
    if "、" in phrase and not _strip_head(strip_tail(nt[cs:s].strip())):
        verb = _CLAUSE_VERB.search(phrase)  # 民营企业数量稳居全省第一方阵、达到12万户
        if verb and verb.start() >= 2:
            phrase = strip_tail(phrase[: verb.start()])
    lead_num = re.match(
        r"^[^，。；、]*\d[\d.]*[十百千万亿]*[元亩人户个吨平方米]+的(?=[\u4e00-\u9fff“]{2})", phrase
    )
    if lead_num:  # 总投资50.78亿元的重点项目19个 -> 重点项目
        phrase = phrase[lead_num.end() :]
    rank = _RANK_VERB.search(phrase)
    if rank and rank.start() >= 2:  # 经营主体总量稳居全国前十强、达到600万户
        phrase = strip_tail(phrase[: rank.start()])
    phrase = re.sub(
        r"(?<=.)(实现|完成)(?=(利润|利税|收入|营业收入|产值|增加值|税收|销售|出口|投资|营收|交易额))",
        "",
        phrase,
    )
    tidied = tidy_name(phrase, raw)
    if tidied != phrase:
        phrase = tidy_name(strip_tail(tidied), raw)
    return phrase, raw


def subject_of(clause: str) -> str:
    """The noun phrase opening a clause without a number.

    Examples
    --------
    >>> subject_of("外贸出口从7月份开始大幅度回升")
    '外贸出口'
    """
    m = re.match(
        r"^([\u4e00-\u9fff]{2,12}?)[：:]?(?=从|在|自|开始|继续|保持|实现|达到|大幅|稳步|持续|比|由|同比|较|逐步|明显|进一步|首次|剔除|扣除|迈上|跨上|跃上|站上|突破|超过|跨越|跨过|迈过)",
        clause,
    )
    return m.group(1) if m else ""


def previous_clause_name(nt: str, s: int) -> str:
    """Name from the clause before a bare ``分别增长28%、17%``.

    Examples
    --------
    >>> t = "城乡居民人均支出，分别增长28%、17%"
    >>> previous_clause_name(t, t.index("2"))
    '城乡居民人均支出'
    """
    cs = clause_start(nt, s, "，,")
    if cs == 0 or nt[cs - 1] not in "，,":
        return ""
    ps = clause_start(nt, cs - 1, "，,。；！？\n;!?")
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
    name = strip_tail(_strip_head(prev))
    return name if re.match(r"^[\u4e00-\u9fff“]", name or " ") else ""


def name_after(nt: str, e: int) -> str:
    """The noun after a unit ending at ``e`` that names what is counted.

    Examples
    --------
    >>> t = "振兴107个重点县域特色产业。"
    >>> name_after(t, t.index("重"))
    '重点县域特色产业'
    """
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
