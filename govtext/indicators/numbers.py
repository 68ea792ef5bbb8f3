"""Numbers with units: the grammar of a written quantity and its value.

:data:`QUANT` matches a number (Arabic or Chinese, a range ``5%—5.5%``, ``百分之十``) with
its multiplier (``万``, ``亿``), an approximation (``余``, ``多``) and a base unit (``元``,
``个百分点``, ``%``); :func:`match_values` gives its values and :func:`pre_qualifier` /
:func:`post_qualifier` the qualifier written around it (``不低于``, ``左右``).
"""

from __future__ import annotations

import re

__all__ = [
    "MULT",
    "QUANT",
    "STRONG_UNITS",
    "match_values",
    "mult_value",
    "parse_cn_number",
    "post_qualifier",
    "pre_qualifier",
]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip

_CN_SMALL = {"十": 10, "百": 100, "千": 1000}

MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


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


# a middle dot is a decimal point before a percent sign in older reports (增长19·5％), and
# a date or a slogan elsewhere (“5·12”汶川特大地震, “30·60”)
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+|·\d+(?=[%％]))?"

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

QUANT = re.compile(
    rf"(?:{_PCT_CN}|(?P<num>{_NUM})(?:(?P<m1>[万亿]*)(?P<u1>%|个百分点)?{_RANGE_SEP}(?P<num2>{_NUM}))?{_UNIT})"
)

_PRE_QUAL = [("不少于", "以上"), ("不低于", "以上"), ("不超过", "以下"), ("不高于", "以下"),
             ("不多于", "以下"), ("至少", "以上"), ("接近", "近"), ("超过", "超"), ("突破", "超"), ("近", "近"), ("约", "约"),
             ("超", "超"), ("逾", "超")]  # fmt: skip

_POST_QUAL = [("左右", "左右"), ("以上", "以上"), ("以下", "以下"), ("以内", "以下"),
              ("之内", "以下"), ("上下", "左右"), ("多", "多"), ("余", "余")]  # fmt: skip

STRONG_UNITS = {"%", "‰", "个百分点", "百分点", "倍", "成"}


def match_values(m: re.Match[str]) -> tuple[float, float]:
    """Low and high value of a :data:`QUANT` match, in the unit as written (multiplier kept).

    Examples
    --------
    >>> match_values(QUANT.search("增长5%—5.5%")), match_values(QUANT.search("1.2万—1.5万人"))
    ((5.0, 5.5), (1.2, 1.5))
    """
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
            return (
                float(n.replace(",", "").replace("·", "."))
                * mult_value(own_mult)
                / mult_value(mult)
            )
        return _parse_cn_full(n + own_mult) / mult_value(mult)

    v2 = val(n2, mult) if n2 else None
    v1 = val(n1, m1 if n2 else mult)
    return v1, (v1 if v2 is None else v2)


def mult_value(mult: str) -> float:
    """Product of the multipliers of a unit (``万亿`` -> 1e12, ``""`` -> 1.0).

    Examples
    --------
    >>> mult_value("万"), mult_value("")
    (10000.0, 1.0)
    """
    v = 1.0
    for ch in mult:
        v *= MULT[ch]
    return v


def _parse_cn_full(s: str) -> float:
    """Chinese numeral with 万/亿 sections: 一亿三千八百八十万 -> 138800000."""
    for big, fac in (("亿", 1e8), ("万", 1e4)):
        if big in s:
            hi, lo = s.rsplit(big, 1)
            return (_parse_cn_full(hi) if hi else 1.0) * fac + (_parse_cn_full(lo) if lo else 0.0)
    return parse_cn_number(s) if s else 0.0


def pre_qualifier(nt: str, s: int) -> str:
    """Qualifier written before the number starting at ``s`` (``不低于5%`` -> ``以上``).

    Examples
    --------
    >>> pre_qualifier("不低于5%", 3), pre_qualifier("签约5个", 2)
    ('以上', '')
    """
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


def post_qualifier(nt: str, e: int) -> tuple[str, int]:
    """Qualifier written after the quantity ending at ``e`` and the offset after it.

    Examples
    --------
    >>> post_qualifier("5%左右，", 2)
    ('左右', 4)
    """
    for w, q in _POST_QUAL:
        if nt.startswith(w, e):
            return q, e + len(w)
    return "", e
