"""Place names from the national gazetteer, found by a suffix-anchored lookup.

The packaged ``lexicon/divisions.tsv.gz`` (provinces, cities, counties, townships and
streets, NBS 2023 codes) and ``lexicon/villages.tsv.gz`` (villages and communities per
township) are *not* added to jieba's dictionary (45,000 + 620,000 entries would slow every
cut and let short names capture ordinary text). Instead :func:`place_spans` looks at each
character that can end a place name (省 市 县 区 旗 镇 乡 街道 苏木 …, and 村 社区 嘎查
for villages) and checks the few strings that end there against the gazetteer, longest
first. Rules that keep it precise:

* a name must have three or more characters (two-character counties such as 唐县 only
  after a non-Han character or after 省/市/州), must not be a generic area word (城区,
  开发区 …) and must not be followed by a character that makes its last character part of
  another word (乡村, 县城, 县域, 市场, 区域 …);
* a village or community name (X村, X社区) is looked up only among the villages of the
  counties and townships the same text names in full (a county report names its county,
  a township report its township), so 新农村 or 示范村 never become villages;
* a place followed by an organ (委, 政府, 人民政府, 人大常委会 …) is one organisation
  piece (涞源县委, 保定市人民政府); a place followed by a facility head (南站, 产业园,
  水库, 经济开发区 …) is one facility piece (保定南站).

Examples
--------
>>> [(t[s:e], k) for t in ["北闸口镇撒莲镇建设保定南站"] for s, e, k in place_spans(t)]
[('北闸口镇', 'place'), ('撒莲镇', 'place'), ('保定南站', 'facility')]
"""

from __future__ import annotations

import gzip
import re
import threading
from functools import lru_cache

__all__ = ["place_spans", "is_place", "place_short_forms", "FACILITY_HEADS", "ORGAN_HEADS"]

_LOCK = threading.Lock()

# characters a division name can end with (its type word)
_DIV_SUFFIX = re.compile(r"街道|苏木|[省市县区旗盟州镇乡场处局团园]")
_VILLAGE_SUFFIX = re.compile(r"社区|嘎查|村")
# generic area words that are also the name of some division somewhere
_GENERIC = frozenset(
    """县 市辖区 城区 矿区 郊区 新区 开发区 高新区 经济开发区 工业园区 工业区 农场 林场 园艺场
    原种场 牧场 渔场 茶场 种畜场 街道 街道办事处 示范区 试验区 管理区 风景区 旅游区 度假区
    保税区 产业园 工业园 科技园 物流园 老城区 主城区 中心城区 新城区 开发区街道 中心镇 小城镇
    新城镇 大城镇 示范农场 山下乡""".split()
)
# a place's last character followed by one of these is part of another word
_BLOCK_AFTER = {
    "乡": set("村镇亲土音愁贤情风里邻"),
    "县": set("城域级长"),
    "市": set("场民值政容面县区"),
    "区": set("域位间块划别县"),
    "州": set("市县区"),
    "镇": set("化街村"),
    "省": set("市级份"),
    "场": set("景所地上化主"),
    "园": set("区林艺"),
}
ORGAN_HEADS = tuple(
    sorted(
        """人民政府 人大常委会 人民代表大会 政府 政协 党委 党工委 纪委监委 纪委 监委 委 人大
        委员会 人民法院 人民检察院 公安局 财政局 办事处 人民医院 医院 中学 小学 大学 学院
        师范大学 职业技术学院 银行 农商银行 集团 日报 电视台 海关""".split(),
        key=len,
        reverse=True,
    )
)
FACILITY_HEADS = tuple(
    sorted(
        """南站 北站 东站 西站 火车站 高铁站 站 机场 国际机场 港 港区 水库 产业园 工业园区 工业园
        园区 开发区 经济开发区 经济技术开发区 高新技术产业开发区 高新区 综合保税区 保税区
        物流园 科技园 产业园区 产业新城 新城 大道 大街 高速 高速公路 公路 铁路 大桥 湿地公园
        公园 景区 风景区 古城 古镇 水厂 电厂""".split(),
        key=len,
        reverse=True,
    )
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[int, ...]]]:
    """``({name: codes}, {name: level}, {last two characters: name lengths})``."""
    from govtext.tokenize.lexicon import lexicon_path

    codes: dict[str, list[str]] = {}
    level: dict[str, str] = {}
    with gzip.open(lexicon_path("divisions.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, lev, code = line.rstrip("\n").split("\t")
            if name in _GENERIC or len(name) < 2:
                continue
            codes.setdefault(name, []).append(code)
            level.setdefault(name, lev)
    ends: dict[str, set[int]] = {}
    for name in codes:
        ends.setdefault(name[-2:], set()).add(len(name))
    lengths = {k: tuple(sorted(v, reverse=True)) for k, v in ends.items()}
    return {k: tuple(v) for k, v in codes.items()}, level, lengths


@lru_cache(maxsize=1)
def _villages() -> dict[str, dict[str, str]]:
    """``{county code: {township code: "name|name|…"}}`` (split only when a text needs them)."""
    from govtext.tokenize.lexicon import lexicon_path

    out: dict[str, dict[str, str]] = {}
    with gzip.open(lexicon_path("villages.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("township_code\t"):
                continue
            code, names = line.rstrip("\n").split("\t", 1)
            out.setdefault(code[:6], {})[code] = names
    return out


_SHORT = re.compile(
    r"(.{2,}?)(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|县|区|旗|盟|地区)"
)


@lru_cache(maxsize=1)
def place_short_forms() -> frozenset[str]:
    """Short forms of provinces (海南, 新疆), and of cities and counties that no other
    division shares and that are not everyday words (保定 for 保定市, 徐水 for 徐水区).

    Examples
    --------
    >>> "保定" in place_short_forms(), "保" in place_short_forms()
    (True, False)
    """
    codes, level, _ = _divisions()
    seen: dict[str, set[str]] = {}  # short form -> levels of the divisions that have it
    count: dict[str, int] = {}
    for name, lev in level.items():
        if lev not in ("province", "city", "county"):
            continue
        m = _SHORT.fullmatch(name)
        if m:
            seen.setdefault(m.group(1), set()).add(lev)
            count[m.group(1)] = count.get(m.group(1), 0) + len(codes[name])
    freq = _common()
    out = set()
    for k, levs in seen.items():
        if k in codes:
            continue
        if "province" in levs and "city" not in levs:  # 海南 (海南省; 海南区 is a county)
            out.add(k)
        elif count[k] == 1 and freq.get(k, 0) < 1000:  # 保定, 徐水; not 新建 (新建区)
            out.add(k)
    return frozenset(out)


def is_place(word: str) -> bool:
    """True if ``word`` is a division name of the gazetteer or a unique short form.

    Examples
    --------
    >>> is_place("北闸口镇"), is_place("保定"), is_place("城区")
    (True, True, False)
    """
    return word in _divisions()[0] or word in place_short_forms()


def _head_after(text: str, end: int, heads: tuple[str, ...]) -> int:
    """End of the first of ``heads`` (longest first) that ``text`` has at ``end``, else ``end``."""
    m = _heads_regex(heads).match(text, end)
    return end if m is None else m.end()


@lru_cache(maxsize=4)
def _heads_regex(heads: tuple[str, ...]) -> re.Pattern[str]:
    # an alternation in the tuple's order: the first head that matches, as a loop would
    return re.compile("|".join(map(re.escape, heads)))


# a first character that is more often a word of its own (向|城镇, 扩大|城镇, 提高|城镇)
_LOOSE_FIRST = set("向于在对把将从为与和及万千百中大小高新多保明富丰加到入由各全本该每一")


@lru_cache(maxsize=1)
def _common() -> dict[str, int]:
    from govtext.tokenize.engines import _base_dictionary

    return _base_dictionary()[0]


def _allowed(name: str, text: str, s: int, e: int, township_zone: bool = False) -> bool:
    """The context rules of the module docstring for a place name at ``text[s:e]``.

    Rejected: a name whose last character starts another word (乡村, 县城); a
    two-character name after a Han character; a name whose first character forms a
    common word with the character before it (沿海|城市, 扩大|城镇); a name that is a loose
    first character plus a common word (向城镇); a township-level zone whose first two
    characters are a common word (旅游度假区, 现代农业产业园).
    """
    freq = _common()
    nxt = text[e] if e < len(text) else ""
    if nxt and nxt in _BLOCK_AFTER.get(name[-1], ()):
        return False
    prev = text[s - 1] if s > 0 else ""
    if len(name) < 3:  # 唐县, 易县: only after a non-Han character
        return not prev or not _HAN.match(prev)
    if prev and prev not in "省市县区州镇乡、" and freq.get(prev + name[0], 0) >= 1000:
        return False
    if name[0] in _LOOSE_FIRST and freq.get(name[1:], 0) >= 1000:
        return False
    if township_zone and freq.get(name[:2], 0) >= 100:
        return False
    return True


def _village_names(text: str, found: list[str]) -> frozenset[str]:
    """Villages of the counties and townships named in full in ``text``."""
    codes, level, _ = _divisions()
    counties = {c for n in found if level.get(n) == "county" for c in codes[n]}
    towns = set()
    for n in found:
        if level.get(n) == "township":
            cs = codes[n]
            # an ambiguous township name (城关镇) counts only where its county is named too
            towns.update(c for c in cs if len(cs) <= 3 or c[:6] in counties)
    if not counties and not towns:
        return frozenset()
    vill = _villages()
    names: set[str] = set()
    for county in sorted(counties | {t[:6] for t in towns}):
        for code, joined in vill.get(county, {}).items():
            if code in towns or county in counties:
                names.update(joined.split("|"))
    return frozenset(n for n in names if len(n) >= 3)


def _zone(name: str) -> bool:
    """A township-level unit named like a zone (…产业园, …度假区, …农场)."""
    return name[-1] in "区园场局处团" and _divisions()[1].get(name) == "township"


_VILLAGE_GENERIC = set(
    "示范 文明 先进 和谐 中心 行政 自然 重点 特色 美丽 贫困 试点 民族 移民 专业 新型 传统 "
    "全 本 各 该 每 一 新 老 旧 城中 空心 薄弱 软弱 涣散 美丽乡 和美乡 城市 农村 新农 城镇".split()
)


@lru_cache(maxsize=1)
def _suffix_ends() -> re.Pattern[str]:
    """The ends of the matches of ``_DIV_SUFFIX`` whose last two characters end some name.

    The regex consumes only the last character (so ends one character apart are both
    found) and looks behind at the two; ``place_spans`` then skips the many 市, 区, 县 that
    end no name at all without a Python step.
    """
    _, _, ends = _divisions()
    single = set("省市县区旗盟州镇乡场处局团园")  # the one-character suffixes of _DIV_SUFFIX
    before: dict[str, set[str]] = {}  # last character -> the characters before it
    for k in ends:
        if len(k) == 2 and (k[1] in single or k in ("街道", "苏木")):
            before.setdefault(k[1], set()).add(k[0])
    looks = "|".join(
        f"(?<=[{''.join(map(re.escape, sorted(b)))}]{re.escape(c)})"
        for c, b in sorted(before.items())
    )
    return re.compile(f"[{''.join(sorted(before))}](?:{looks})")


@lru_cache(maxsize=1)
def _longer_ends() -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """``({last three characters: lengths of 3+, longest first}, {two-character names})``."""
    codes, _, _ = _divisions()
    ends: dict[str, set[int]] = {}
    for name in codes:
        if len(name) >= 3:
            ends.setdefault(name[-3:], set()).add(len(name))
    lengths = {k: tuple(sorted(v, reverse=True)) for k, v in ends.items()}
    return lengths, frozenset(n for n in codes if len(n) == 2)


def place_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, kind)`` of the place names in ``text``.

    ``kind`` is ``"place"`` (a division, village or community), ``"organisation"`` (a
    place followed by an organ: 保定市人民政府) or ``"facility"`` (a place followed by a
    facility head: 保定南站).

    Examples
    --------
    >>> t = "涞源县委、保定市人民政府和徐水区"
    >>> [(t[s:e], k) for s, e, k in place_spans(t)]
    [('涞源县委', 'organisation'), ('保定市人民政府', 'organisation'), ('徐水区', 'place')]
    """
    with _LOCK:
        codes, _, ends = _divisions()
        suffix_ends = _suffix_ends()
        ends3, two = _longer_ends()
    hits: list[tuple[int, int]] = []
    for m in suffix_ends.finditer(text):
        e = m.end()
        # the lengths of ends[text[e - 2 : e]], longest first: those of 3 or more only if
        # some name ends with the last three characters
        lengths = ends3.get(text[e - 3 : e], ())
        if text[e - 2 : e] in two:
            lengths += (2,)
        for k in lengths:
            s = e - k
            if s < 0:
                continue
            name = text[s:e]
            if name in codes and _allowed(name, text, s, e, _zone(name)):
                hits.append((s, e))
                break
    short = place_short_forms()
    if not hits and not short:
        return []
    found = [text[s:e] for s, e in hits]
    if _VILLAGE_SUFFIX.search(text) and found:
        with _LOCK:
            vnames = _village_names(text, found)
        if vnames:
            for m in _VILLAGE_SUFFIX.finditer(text):
                e = m.end()
                if e < len(text) and text[e] in "民委级集庄镇落务干党两组规容":
                    continue
                for k in range(min(9, e), 2, -1):
                    name = text[e - k : e]
                    if name in vnames:
                        stem = name[: -len(m.group())]
                        if (
                            stem not in _VILLAGE_GENERIC
                            and name not in _common()
                            and _allowed(name, text, e - k, e)
                        ):
                            hits.append((e - k, e))
                        break
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    last = 0
    organ = _heads_regex(ORGAN_HEADS).match  # as _head_after, looked up once per text
    facility = _heads_regex(FACILITY_HEADS).match
    for s, e in hits:
        if s < last:
            continue
        m = organ(text, e)
        if m is not None and m.end() > e:
            e2, kind = m.end(), "organisation"
        else:
            m = facility(text, e)
            e2 = e if m is None else m.end()
            if e2 > e and not (e2 < len(text) and text[e2] in "区场"):
                kind = "facility"
            else:
                e2, kind = e, "place"
        out.append((s, e2, kind))
        last = e2
    return _with_short_forms(text, out, short)


_SHORT_FACILITY = None


# after a short form: organs and bodies (海南大学, 新疆银行) as well as facilities
_SHORT_ORGANS = ("银行", "农商银行", "集团", "大学", "师范大学", "学院", "职业技术学院", "医院")


def _with_short_forms(
    text: str, spans: list[tuple[int, int, str]], short: frozenset[str]
) -> list[tuple[int, int, str]]:
    """Add short forms followed by a facility head (保定南站, 徐水经济开发区) or a body
    (新疆银行, 海南大学; not 河北|大学生)."""
    global _SHORT_FACILITY
    if _SHORT_FACILITY is None:
        heads = sorted(FACILITY_HEADS + _SHORT_ORGANS, key=len, reverse=True)
        _SHORT_FACILITY = re.compile("|".join(map(re.escape, heads)))
    extra = []
    for m in _SHORT_FACILITY.finditer(text):
        s, e = m.span()
        if e < len(text) and text[e] in "生区场":  # 大学生, 园区, 站场
            continue
        kind = "organisation" if m.group() in _SHORT_ORGANS else "facility"
        for k in (4, 3, 2):
            if s - k >= 0 and text[s - k : s] in short:
                extra.append((s - k, e, kind))
                break
    if not extra:
        return spans
    merged = sorted(spans + extra, key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    last = 0
    for s, e, k in merged:
        if s >= last:
            out.append((s, e, k))
            last = e
    return out
