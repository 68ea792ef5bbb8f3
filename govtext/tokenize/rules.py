"""Rules for the pieces jieba must not split: numbers with units, numbered formulas,
short terms in quotation marks and special lexicon terms (those holding brackets, 、, + or
Latin letters, which jieba's dictionary cannot hold).

:func:`protected_spans` finds, in a normalised text, the spans that
:class:`~govtext.tokenize.policy.PolicyTokenizer` keeps as single pieces; jieba cuts only
the text between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from govtext.tokenize.compose import ELLIPSIS, REDUPLICATED
from govtext.tokenize.tries import _trie_regex

__all__ = ["NUMBER_UNIT", "is_number_token", "protected_spans"]

_CN_NUM = "零〇一二两三四五六七八九十百千"
_MULT = "万亿千百"
# units after a number (longest first inside the alternation)
_UNITS = sorted(
    """个百分点 百分点 万千瓦时 千瓦时 万千瓦 千瓦 兆瓦 吉瓦 万元 亿元 万亿元 元 美元 万美元 亿美元 人次 人 户 个 家 项 吨 万吨
    公里 千米 平方公里 平方千米 平方米 立方米 米 亩 公顷 辆 所 座 套 间 张 台 件 次 倍 岁 株 头 只 条 处 篇 册 场 床
    标准箱 公斤 千克 斤 度 天 小时 分钟 名 位 支 批 栋 幢 宗 笔 单 份 类 年 月 日 微克/立方米 个月 周 届 期 轮 层
    千瓦时 标方 方 吨标准煤 标煤 寸 级 星级 A级 G 余 多""".split(),
    key=len,
    reverse=True,
)
_UNITS = [u for u in _UNITS if u not in ("余", "多")]
NUMBER_UNIT = re.compile(
    r"(?:\d+(?:[.,]\d+)*|[" + _CN_NUM + r"]+(?=[" + _MULT + "]|%))"
    r"(?:[多余])?[" + _MULT + r"]*(?:[多余])?"
    r"(?:%|‰|" + "|".join(map(re.escape, _UNITS)) + r")?"
)
# an anonymised number with its unit, as templates circulate (XXX万元, X.X亿元, XX个, X%):
# one token, filtered like a number, so the unit is not left behind as a word of its own
PLACEHOLDER_NUMBER = re.compile(
    r"[X×]{1,4}(?:\.[X×]{1,3})?[多余]?["
    + _MULT
    + r"]*(?:%|‰|"
    + "|".join(map(re.escape, _UNITS))
    + r"|(?<=["
    + _MULT
    + r"]))"
)
# a count in Chinese numerals (two numerals at least), with its classifier or unit where
# it has one (二十五个, 九五三年, 三点三倍, 一万五千; not 百年, 一号, 一批): typed as a number
# unless a lexicon or user term (二十条); tokenize() keeps it, as it keeps 三十多年
_CN_DIGIT = "[零〇一二两三四五六七八九十百千万亿]"
CN_COUNT = re.compile(
    _CN_DIGIT + "(?:[点多余几]?" + _CN_DIGIT + ")+[多余几]?"
    "[个年月日天次项条家名人户座所批种类件位口场层元倍届期号周岁吨亩米度成辆台套只头株篇部本处段份片间轮季]?"
)
_PURE_NUMBER = re.compile(r"^[\d.,%‰" + _CN_NUM + _MULT + r"多余]+$")

_NUMERAL = "一二两三四五六七八九十"
# numbered formulas: 十四五, 两个维护, 三张好牌, 六稳六保, 三去一降一补, 二十届三中全会, 党的二十大
_PLAN = re.compile(r"十[一二三四五]五")  # 十四五: the five-year plans since 2001
_FORMULAS = [
    _PLAN.pattern,
    r"[" + _NUMERAL + r"]{1,3}届[" + _NUMERAL + r"]{1,2}中全会",
    r"党的[" + _NUMERAL + r"]{2,3}大",
    r"(?:[" + _NUMERAL + r"][\u4e00-\u9fff]){2,4}(?=[”’，、。；：）\s]|$)",
    r"["
    + _NUMERAL
    + r"]个(?:意识|自信|维护|确立|全面|代表|坚持|必须|服务|优先|统筹|注重|着力|转变|一以贯之|落实|现代化)",
    r"[" + _NUMERAL + r"]张(?:好牌|王牌|名片|清单)",
    r"[" + _NUMERAL + r"](?:位一体|大攻坚战|大战略|篇大文章)",
    # numbered campaigns: 三大攻坚战, 十大工程, 五大行动, 六大产业集群
    r"[" + _NUMERAL + r"]+大(?:专项行动|攻坚行动|行动|工程|战略|攻坚战|产业集群|产业|任务|举措"
    r"|板块|平台|基地|集群|体系|功能|定位|目标|工作|品牌|战役|中心)",
    ELLIPSIS,  # coordinated ellipsis: 党的二十届二中、三中全会 (before 二十届三中全会)
]
_FORMULAS.insert(1, _FORMULAS.pop())  # the ellipsis before the single plenum
# every formula starts with a numeral or 党: the lookahead lets other positions fail fast
_FORMULA = re.compile("(?=[" + _NUMERAL + "党])(?:" + "|".join(f"(?:{f})" for f in _FORMULAS) + ")")
# the same matches, as group 1 of one-character matches that start with a character class
# (the engine skips to the next numeral); _formulas() drops the overlapping ones
_FORMULA_SCAN = re.compile(
    "[" + _NUMERAL + "党](?<=(?=(" + "|".join(f"(?:{f})" for f in _FORMULAS) + "))[\\s\\S])"
)
_REDUPLICATED = re.compile(REDUPLICATED)  # 宜居宜业宜养宜游
# formulas of digits joined by +: 1+5+N, 2+1+1, 4+X (before numbers, which would split them)
_PLUS_FORMULA = re.compile(r"(?<![\d.A-Za-z+])\d+(?:\+(?:\d+|[A-Z]))+(?![\d.A-Za-z+])")
# the same, starting with a character class (the look-behind moved after the first digit)
_PLUS_SCAN = re.compile(r"\d(?<![\d.A-Za-z+]\d)\d*(?:\+(?:\d+|[A-Z]))+(?![\d.A-Za-z+])")
# short names in quotation marks
_QUOTED = re.compile(r"(?<=[“‘\"])([^“”‘’\"\s，。；：！？,;:!?]{2,12})(?=[”’\"])")
# the same with the opening mark consumed (group 1 is the term): found from mark to mark
_QUOTED_SCAN = re.compile(r"[“‘\"]([^“”‘’\"\s，。；：！？,;:!?]{2,12})(?=[”’\"])")

# two-character policy verbs jieba splits (用|好); kept whole in policy mode
_POLICY_VERBS = (
    "打好", "用好", "管好", "抓实", "做实", "做强", "做优", "做大", "做精", "做细", "守住", "守牢", "筑牢",
    "织密", "稳住", "兜牢", "兜住", "擦亮", "打响", "唱响", "树牢", "抓牢", "夯实", "补齐", "拉长",
)  # fmt: skip


def is_number_token(tok: str) -> bool:
    """True for numbers and numbers with units (``2023``, ``4.7亿元``, ``7%``, ``五千``).

    Examples
    --------
    >>> is_number_token("4.7亿元"), is_number_token("463万人次"), is_number_token("乡村振兴")
    (True, True, False)
    >>> is_number_token("一万五千"), is_number_token("十四五")
    (True, False)
    """
    if not tok:
        return False
    if _PURE_NUMBER.match(tok):
        # 十四五 is a plan, not a number; 一万五千 (numeral + 万, numeral + 千) is a number
        if _FORMULA.fullmatch(tok) and not any(c in _MULT for c in tok[1:]):
            return False
        return any(c.isdigit() or c in _CN_NUM for c in tok)
    if PLACEHOLDER_NUMBER.fullmatch(tok):
        return True
    m = NUMBER_UNIT.fullmatch(tok)
    return bool(m) and any(c.isdigit() for c in tok)


_Anchors = tuple[re.Pattern[str], dict[str, tuple[tuple[int, frozenset[str]], ...]]]


def _special_anchors(words: Iterable[str]) -> _Anchors:
    """Where a match of the special-term regex can start: each term's first non-Han character.

    Every special term holds a character outside U+4E00..U+9FFF (else jieba's dictionary
    takes it), so a match starting at ``s`` has, for some term, that character at ``s + k``
    and the term's first ``k`` characters before it. Returns a regex that finds those
    characters where a term matches around them, and, per character, the offsets ``k``
    seen with the prefixes seen at each.
    """
    offsets: dict[str, dict[int, set[str]]] = {}
    terms_at: dict[int, set[str]] = {}  # k -> the terms whose anchor is at k
    for w in words:
        for k, ch in enumerate(w):
            if not "\u4e00" <= ch <= "\u9fff":
                offsets.setdefault(ch, {}).setdefault(k, set()).add(w[:k])
                terms_at.setdefault(k, set()).add(w)
                break
    # an anchor character is looked at only where some term whose anchor is k characters
    # in matches k characters before it: a regex filter (the look-ahead inside the
    # look-behind), so Python looks only at the few places a term starts
    looks = "|".join(
        rf"(?<=(?={_trie_regex(sorted(ts))})[\s\S]{{{k + 1}}})"
        for k, ts in sorted(terms_at.items())
    )
    cls = "".join(re.escape(c) for c in sorted(offsets))
    chars = re.compile(f"[{cls}](?:{looks})")
    return chars, {
        c: tuple((k, frozenset(pre)) for k, pre in sorted(ks.items())) for c, ks in offsets.items()
    }


def _anchored_finditer(
    pattern: re.Pattern[str],
    anchors: _Anchors | None,
    text: str,
) -> list[tuple[int, int]]:
    """The spans of ``pattern.finditer(text)``, trying ``pattern`` only where a match can start.

    Same leftmost, non-overlapping scan as ``finditer`` (several times faster on reports,
    where few positions can start a special term).
    """
    if anchors is None:
        return [m.span() for m in pattern.finditer(text)]
    chars, offsets = anchors
    starts = set()
    for m in chars.finditer(text):
        p = m.start()
        for k, pre in offsets[text[p]]:
            if p >= k and text[p - k : p] in pre:
                starts.add(p - k)
    out = []
    last = 0
    for s in sorted(starts):
        if s < last:
            continue
        m = pattern.match(text, s)
        if m is not None and m.end() > s:
            out.append((s, m.end()))
            last = m.end()
    return out


# the matches of NUMBER_UNIT that hold a digit (the ones protected_spans keeps), found
# with the same regex written to start with a character class (``\d\d*`` for ``\d+``): the
# regex engine then skips to the next digit instead of trying every position. A match of
# the numeral branch holds no digit, so leaving that branch out moves no digit match. The
# units are a trie (the longest unit, as the longest-first alternation).
_NUMBER_SCAN = re.compile(
    r"\d\d*(?:[.,]\d+)*"
    r"(?:[多余])?[" + _MULT + r"]*(?:[多余])?"
    r"(?:%|‰|" + _trie_regex(_UNITS) + r")?"
)
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _glued(term: str, names: set[str]) -> bool:
    """True if ``term`` is a known term glued to something else (乡村振兴 + 示范村)."""
    for k in range(2, len(term) - 1):
        if term[:k] in names or term[k:] in names:
            return True
    for k in range(2, len(term) - 1):  # 、 or + joins two phrases: 党政同责、一岗双责
        if term[k] in "、+" and (term[:k] in names or term[k + 1 :] in names):
            return True
    return False


def _good_quote(s: str) -> bool:
    s = s.strip()
    if len(s) < 2:
        return False
    if "、" in s and len(s) > 8:
        return False
    return _HAN_CHAR.search(s) is not None


_SLOGAN_CHARS = set("宜可能共联同有敢全大名还两做落慎自又稳强惠富兴")


def _redup_ok(text: str, m: re.Match[str]) -> bool:
    """A reduplicated slogan (宜居宜业宜游), not a misaligned run (防|灾减|灾救|灾能)."""
    from govtext.tokenize.places import _common

    seg, s, e = m.group(), m.start(), m.end()
    if any(c in "十百千万亿的之和与及" for c in seg):
        return False
    freq = _common()
    if freq.get(text[e - 1 : e + 1], 0) > 0:  # 求新求变求突|破: the last pair runs on
        return False
    words = sum(freq.get(seg[i : i + 2], 0) > 0 for i in range(0, len(seg), 2))
    if s > 0:
        shifted = sum(freq.get(text[s - 1 + i : s + 1 + i], 0) > 0 for i in range(0, len(seg), 2))
        if shifted >= 2 and shifted >= words:
            return False
    return seg[0] in _SLOGAN_CHARS or 2 * words >= len(seg) // 2


def protected_spans(
    text: str,
    special: re.Pattern[str] | None = None,
    anchors: _Anchors | None = None,
    names: set[str] | frozenset[str] = frozenset(),
    extra: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``text`` that must be single pieces, sorted by start.

    Numbers with units, matches of ``special`` (tried where ``anchors`` allow a start),
    short terms in quotation marks (every occurrence of such a term in ``text``, unless it
    is a known name of ``names`` glued to something else), numbered formulas, coordinated
    ellipses and reduplicated slogans (:mod:`govtext.tokenize.compose`), then ``extra``
    spans (place names). Where two overlap, the one starting first wins, then the one listed first here, then the longer.

    Examples
    --------
    >>> text = "增长7%，打好“三张好牌”"
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['7%', '三张好牌']
    """
    return [(s, e) for s, e, _ in _rule_spans(text, special, anchors, names, extra)]


def _rule_spans(
    text: str,
    special: re.Pattern[str] | None,
    anchors: _Anchors | None,
    names: set[str] | frozenset[str],
    extra: list[tuple[int, int]] | None,
) -> list[tuple[int, int, bool]]:
    """:func:`protected_spans` as ``(start, end, is_number)``: True for the spans of the
    number rules (``is_number_token`` is True for each of them)."""
    spans: list[tuple[int, int, int]] = []  # (start, priority, -end): sorts as documented
    if "+" in text:
        spans.extend((m.start(), -1, -m.end()) for m in _PLUS_SCAN.finditer(text))
    spans.extend((m.start(), 0, -m.end()) for m in _NUMBER_SCAN.finditer(text))
    if "X" in text or "×" in text:
        spans.extend((m.start(), 0, -m.end()) for m in PLACEHOLDER_NUMBER.finditer(text))
    if special is not None:
        spans.extend((s, 1, -e) for s, e in _anchored_finditer(special, anchors, text))
    # each distinct quoted string is judged once (findall and a set: no match objects)
    quoted = {
        q
        for q in set(_QUOTED_SCAN.findall(text))
        if _good_quote(q) and (q in names or not _glued(q, names))
    }
    if quoted:
        spans.extend((s, 2, -e) for s, e in _occurrences(text, quoted))
    spans.extend((s, 3, -e) for s, e in _formulas(text))
    spans.extend((m.start(), 3, -m.end()) for m in _reduplicated(text) if _redup_ok(text, m))
    if extra:
        spans.extend((s, 4, -e) for s, e in extra)
    if not spans:
        return []
    spans.sort()
    out: list[tuple[int, int, bool]] = []
    last_end = -1
    for s, rule, e in spans:
        if s >= last_end:
            out.append((s, -e, rule == 0))
            last_end = -e
    return out


def _formulas(text: str) -> list[tuple[int, int]]:
    """The spans of ``_FORMULA.finditer(text)``."""
    out = []
    last = 0
    for m in _FORMULA_SCAN.finditer(text):
        s, e = m.span(1)
        if s >= last:
            out.append((s, e))
            last = e
    return out


def _occurrences(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """The spans of ``re.finditer`` of a longest-first alternation of ``terms`` in ``text``.

    A report defines a few quoted terms: each is looked for with ``str.find`` (compiling a
    regex per text would cost more than the search). A long text that defines many is
    searched by :func:`_longest_at`, linear in its length however many terms there are.
    """
    if len(terms) > 8 and len(terms) * len(text) > 4_000_000:
        found = _longest_at(text, terms)
    else:
        found = []  # (start, -length) of every occurrence, overlapping ones included
        for t in terms:
            find = text.find
            i = find(t)
            while i >= 0:
                found.append((i, -len(t)))
                i = find(t, i + 1)
    found.sort()
    out = []
    last = 0
    for s, neg in found:  # leftmost, then longest, not overlapping: as finditer
        if s >= last:
            last = s - neg
            out.append((s, last))
    return out


def _longest_at(text: str, terms: set[str], block: int = 1 << 16) -> list[tuple[int, int]]:
    """``(start, -length)`` of the longest of ``terms`` (two or more characters) at each
    place one starts: numpy finds the places whose first two or three characters start
    some term (a block of the text at a time), Python checks the terms there."""
    import numpy as np

    groups: dict[str, list[str]] = {}  # first three (or two) characters -> terms, longest first
    for t in sorted(terms, key=len, reverse=True):
        groups.setdefault(t[:3], []).append(t)
    keys = {}
    for size in (2, 3):
        codes = [[ord(c) for c in g] for g in groups if len(g) == size]
        arr = np.array(codes, dtype=np.uint64).reshape(-1, size)
        keys[size] = np.unique(_window_keys(arr, size, rows=True))
    found = []
    for lo in range(0, len(text), block):
        chunk = text[lo : lo + block + 2]
        a = _codepoints(chunk).astype(np.uint64)
        starts: set[int] = set()
        for size, k in keys.items():
            if len(k) and len(a) >= size:
                w = _window_keys(a, size)[:block]
                at = np.minimum(np.searchsorted(k, w), len(k) - 1)
                starts.update(np.flatnonzero(k[at] == w).tolist())
        for i in sorted(starts):
            i += lo
            for g in (text[i : i + 3], text[i : i + 2]):
                got = next((t for t in groups.get(g, ()) if text.startswith(t, i)), None)
                if got is not None:
                    found.append((i, -len(got)))
                    break
    return found


def _codepoints(s: str) -> Any:
    """The code points of a non-empty ``s`` as a numpy uint32 array (numpy stores strings
    as UCS-4: no codec is looked up, which a process may not be able to import)."""
    import numpy as np

    return np.array([s]).view(np.uint32)


def _window_keys(a: Any, size: int, rows: bool = False) -> Any:
    """One integer per window of ``size`` code points (21 bits each), of a code point
    array (or, with ``rows``, of each row of a 2-D array)."""
    import numpy as np

    if rows:
        cols = [a[:, j] for j in range(size)]
    else:
        cols = [a[j : len(a) - size + 1 + j] for j in range(size)]
    out = cols[0].copy()
    for c in cols[1:]:
        out = (out << np.uint64(21)) | c
    return out


def _reduplicated(text: str) -> list[re.Match[str]]:
    """The matches of ``_REDUPLICATED.finditer(text)``, tried only where they can start.

    A match starts at ``i`` only if ``text[i] == text[i + 2] == text[i + 4]``, a Han
    character: numpy finds those few places in a long text (the regex alone tries each
    Han character).
    """
    if len(text) < 1000:
        return list(_REDUPLICATED.finditer(text))
    import numpy as np

    out = []
    last = 0
    match = _REDUPLICATED.match
    block = 1 << 16  # bounded numpy memory on a long text
    for lo in range(0, len(text), block):
        a = _codepoints(text[lo : lo + block + 4])
        same = a[:-2] == a[2:]
        ok = same[:-2] & same[2:] & (a[:-4] >= 0x4E00) & (a[:-4] <= 0x9FFF)
        for i in np.flatnonzero(ok[:block]).tolist():
            i += lo
            if i >= last:
                m = match(text, i)
                if m is not None:
                    out.append(m)
                    last = m.end()
    return out
