"""Compositional rules for policy compounds, applied after jieba (generalise, don't list).

* **Modifier + policy head.** A piece that is itself a term (lexicon, fitted or user
  term, indicator, place, quoted term, numbered formula) followed by pieces that spell a
  policy head (示范村, 行动计划, 战略, 工程, 体系, 制度, 机制, 经济, 产业集群, 产业园, 强省,
  试点, 改革, 建设 …) becomes one piece: 乡村振兴|示范村 → 乡村振兴示范村, 行政执法公示|制度 …
  The head may follow again (乡村振兴示范村|建设), up to :data:`MAX_LEN` characters. A
  generic modifier never fuses: 加强|体系 stays two pieces, because 加强 is not a term.
* **Scope + term.** A scope word (全国, 国家级, 省级 …, :data:`SCOPES`) before a term of
  three or more characters joins it: 全国|文明城市 → 全国文明城市.
* **Coordinated ellipsis.** 党的二十届二中、三中全会 and 十八届三中、四中、五中全会 are one
  piece (:data:`ELLIPSIS`), matched before jieba like the numbered formulas.
* **Reduplicated slogans.** 宜居宜业宜养宜游, 可看可学可游: the same character before each
  of three or more characters (:data:`REDUPLICATED`).

Nested cores: the long form is the token (乡村振兴示范村 is counted as itself); its core,
the term it was built on, is given by :func:`cores` (乡村振兴), so that an analysis can
count 乡村振兴 in 乡村振兴示范村 when it wants to (``PolicyTokenizer.cores``).

Examples
--------
>>> compose(["推进", "乡村振兴", "示范", "村", "建设"], {"乡村振兴"}.__contains__)
['推进', '乡村振兴示范村建设']
>>> compose(["加强", "体系", "建设"], {"乡村振兴"}.__contains__)
['加强', '体系', '建设']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from itertools import compress

__all__ = [
    "SCOPES",
    "POLICY_HEADS",
    "ELLIPSIS",
    "REDUPLICATED",
    "MAX_LEN",
    "compose",
    "cores",
    "head_of",
]

MAX_LEN = 14
POLICY_HEADS = frozenset(
    """示范县 示范村 示范区 示范镇 示范乡 示范市 示范点 示范基地 示范园 示范园区 示范带 示范项目
    示范工程 示范企业 示范社区 示范单位 示范街区 行动计划 专项行动 三年行动 行动方案 行动 战略
    工程 体系 制度 机制 经济 产业集群 产业园 产业园区 产业带 产业链 强省 强市 强县 强区 强镇
    试点 试点县 试点村 试点城市 试验区 先行区 改革 建设 攻坚战 攻坚行动 示范创建 创建
    标准化 一体化 品牌 基地 集群 走廊 高地 样板 模式 格局 清单 平台""".split()
)
_HEAD_MAX = max(map(len, POLICY_HEADS))
_HEAD_PREFIXES = frozenset(h[:k] for h in POLICY_HEADS for k in range(1, len(h) + 1))
# scope modifiers of designations and programmes: 全国|文明城市, 国家级|经济技术开发区
SCOPES = frozenset("全国 国家级 省级 市级 县级 国家 中国".split())
# in a fixed order (a frozenset iterates in hash order, which varies per process)
_SCOPES_LONGEST_FIRST = tuple(sorted(SCOPES, key=lambda s: (-len(s), s)))
_TRIGGERS = _HEAD_PREFIXES | SCOPES
# a scope joins only a complete designation (全国文明城市, 省级和美乡村), not 国家|粮食安全
# nor 国家级|专精特新 (专精特新中小企业 would then start inside a token)
_DESIGNATION_ENDS = tuple(
    "城市 县 市 区 村 镇 乡村 园区 园 基地 景区 公园 小镇 名镇 名村 单位 社区".split()
)
# a place joins only these heads (徐水区示范区 …), never 建设/改革/经济: 保定|建设 stays two
PLACE_HEADS = frozenset(
    h for h in POLICY_HEADS if h.startswith(("示范", "试点")) or h.startswith("产业")
) | {"先行区", "试验区", "走廊", "强省", "强市", "强县", "强区", "强镇"}
ELLIPSIS = (
    r"(?:党的)?[一二三四五六七八九十]{1,3}届"
    r"(?:[一二三四五六七八九]中、)+[一二三四五六七八九]中全会"
)
REDUPLICATED = r"([\u4e00-\u9fff])[\u4e00-\u9fff](?:\1[\u4e00-\u9fff]){2,}"
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _head_at(pieces: list[str], j: int) -> int:
    """End index (exclusive) of the longest run of pieces from ``j`` that spells a head."""
    best = 0
    text = ""
    for k in range(j, min(j + 3, len(pieces))):
        text += pieces[k]
        if len(text) > _HEAD_MAX or not _HAN.fullmatch(pieces[k]):
            break
        if text in POLICY_HEADS:
            best = k + 1
    return best


def compose(
    pieces: list[str],
    is_term: Callable[[str], bool],
    is_place: Callable[[str], bool] = lambda _p: False,
    term_sets: Sequence[Container[str]] | None = None,
) -> list[str]:
    """Join a term and the policy heads that follow it into one piece (lossless).

    Parameters
    ----------
    pieces : list of str
        The pieces of a cut.
    is_term : callable
        True for a piece that is a term or a place (the modifier must be one).
    is_place : callable, optional
        True for a place that is not otherwise a term: it joins only :data:`PLACE_HEADS`.
    term_sets : sequence of containers, optional
        Containers whose union holds exactly the pieces ``is_term`` is True for: only the
        head pieces after one of them (and scopes) are then looked at in Python.

    Returns
    -------
    list of str
        The same text, with modifier + head runs joined.

    Examples
    --------
    >>> compose(["行政执法", "公示", "制度"], {"行政执法"}.__contains__)
    ['行政执法', '公示', '制度']
    >>> compose(["行政执法公示", "制度"], {"行政执法公示"}.__contains__)
    ['行政执法公示制度']
    """
    n = len(pieces)
    triggers = _TRIGGERS
    # the only places to look at (compress/map: no Python loop over the pieces)
    hits = list(compress(range(n), map(triggers.__contains__, pieces)))
    if not hits:
        return pieces
    if term_sets is not None:  # a head joins only a term before it (or what was just joined)
        before = list(map(pieces.__getitem__, map((-1).__add__, hits)))
        keep = set(compress(hits, map(SCOPES.__contains__, map(pieces.__getitem__, hits))))
        for terms in term_sets:
            keep.update(compress(hits, map(terms.__contains__, before)))
        hits = sorted(keep)
    out: list[str] = []
    pos = 0  # pieces[pos:] are not in out yet
    composed = False  # pieces[pos - 1] was joined here (a term, whatever is_term says)
    k = 0
    nxt_hit = None  # the piece right after a join, if a trigger: looked at next
    while True:
        if nxt_hit is not None:
            h, nxt_hit = nxt_hit, None
        elif k < len(hits):
            h = hits[k]
            k += 1
        else:
            break
        if h < pos:
            continue
        p = pieces[h]
        if p in SCOPES:
            nxt = pieces[h + 1] if h + 1 < n else ""
            if len(nxt) >= 3 and nxt.endswith(_DESIGNATION_ENDS) and is_term(nxt):
                out.extend(pieces[pos:h])
                out.append(p + nxt)  # 全国|文明城市 -> 全国文明城市
                pos = h + 2
                composed = True
                nxt_hit = pos if pos < n and pieces[pos] in triggers else None
                continue
        if h == 0 or p not in _HEAD_PREFIXES:
            continue
        # the piece before (out[-1] once pieces[pos:h] are in out)
        prev = out[-1] if h == pos else pieces[h - 1]
        joined = composed and h == pos
        if not (joined or is_term(prev)):
            continue
        j = _head_at(pieces, h)
        if not j:
            continue
        head = "".join(pieces[h:j])
        if not joined and head not in PLACE_HEADS and is_place(prev):
            continue
        if len(prev) + len(head) <= MAX_LEN:
            out.extend(pieces[pos:h])
            out[-1] += head
            pos = j
            composed = True
            nxt_hit = pos if pos < n and pieces[pos] in triggers else None
    out.extend(pieces[pos:])
    return out


def head_of(token: str) -> tuple[str, str] | None:
    """``(core, head)`` if ``token`` ends with a policy head after a non-empty core.

    Examples
    --------
    >>> head_of("乡村振兴示范村")
    ('乡村振兴', '示范村')
    >>> head_of("示范村") is None
    True
    """
    for k in range(min(_HEAD_MAX, len(token) - 2), 1, -1):
        if token[-k:] in POLICY_HEADS:
            return token[:-k], token[-k:]
    return None


def cores(token: str, is_term: Callable[[str], bool]) -> list[str]:
    """The terms a composed token is built on, innermost last (``[]`` if none).

    Examples
    --------
    >>> cores("乡村振兴示范村建设", {"乡村振兴"}.__contains__)
    ['乡村振兴示范村', '乡村振兴']
    """
    out = []
    for scope in _SCOPES_LONGEST_FIRST:  # 全国文明城市 -> 文明城市 (国家级 before 国家)
        if token.startswith(scope) and is_term(token[len(scope) :]):
            out.append(token[len(scope) :])
            token = out[-1]
            break
    got = head_of(token)
    while got is not None and len(got[0]) >= 2:
        out.append(got[0])
        if is_term(got[0]):
            return out
        got = head_of(got[0])
    return out if out and is_term(out[-1]) else []
