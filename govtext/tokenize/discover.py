"""New-term discovery: recurring phrases found from character statistics alone.

A phrase that is a unit of the language of a report corpus (a slogan such as
``三区一城``, a programme such as ``项目建设年``) has two signatures:

* **cohesion** — its characters occur together far more often than chance would give:
  the pointwise mutual information of its weakest split,
  ``log p(w) / (p(a) p(b))`` minimised over every way of cutting ``w`` into ``a + b``;
* **free edges** — many different characters occur just before and just after it (high
  left and right *branching entropy*); a fragment of a longer phrase has a predictable
  neighbour and low entropy on that side.

:func:`discover_terms` counts every character n-gram of the Han-character runs of a
corpus with numpy (n-grams are rolling 64-bit hashes, counted with ``np.unique``), scores
the frequent ones by PMI and branching entropy, and returns them as a table.
:meth:`govtext.PolicyTokenizer.fit` uses it to keep the discovered phrases whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["discover_terms", "candidate_ok"]

# characters a policy phrase does not start or end with (function words, measure words,
# verbs of the boilerplate that glue onto any term)
_BAD_EDGE = set("的了和与及或是在为对把被将以从向于而并且也都就又还等之其这那该此每各")
_BAD_START = _BAD_EDGE | set("个年月日中上下内外后前里再更最很要有已可能会让使由把给到万亿千百")
_BAD_END = _BAD_EDGE | set("个中上下内外后前里要有已可能会让使由给到着过得地")
# boilerplate verbs/adverbs that glue onto terms: a phrase beginning with them is
# "verb + term", which would straddle the term's edge
_BAD_PREFIXES = (
    "推进", "推动", "加强", "加快", "坚持", "持续", "提升", "做好", "完成", "全面", "深入", "积极",
    "大力", "着力", "扎实", "切实", "不断", "进一步", "努力", "深化", "实施", "开展", "落实", "建设",
    "加大", "强化", "完善", "健全", "促进", "支持", "推行", "打造", "打好", "抓好", "抓住", "围绕",
    "聚焦", "实现", "确保", "提高", "增强", "巩固", "优化", "构建", "发展", "稳步", "有效", "有序",
    "认真", "高度", "坚决", "统筹", "继续", "重点", "主要", "我们", "全年", "全市", "全省", "全县",
    "全区", "全镇", "全国", "今年", "去年", "一是", "二是", "三是", "四是", "五是", "以及", "通过",
    "按照", "根据", "同时", "其中", "目前", "已经", "正在", "共同", "广泛", "用好", "抓实", "做实",
    "做强", "做大", "做优", "办好", "守住", "筑牢", "织密", "稳住", "新建", "改造", "启动", "组织",
    "取得", "出台", "制定", "印发", "争创", "创建", "创新", "引导", "鼓励", "规范", "扩大", "培育",
    "保障", "保持", "维护", "服务", "开工", "建成", "投入", "实行", "落地", "推广", "全力", "倾力",
    "竭力", "尽力",
)  # fmt: skip
_BAD_SUFFIXES = (
    "工作", "建设", "发展", "方面", "问题", "能力", "水平", "作用", "力度", "任务", "措施", "体系",
    "机制", "进程", "步伐", "成效", "成果", "质量", "效率", "效益", "领域", "环节", "等等", "以上",
    "左右", "以来", "期间", "之间", "过程", "情况", "要求", "目标", "重点", "工程", "行动", "活动",
    "项目", "战略", "政策", "全面", "持续", "推进", "加强", "提升", "实施", "明显", "显著", "稳定",
    "增长", "提高", "突破", "完成", "开工", "建成", "落地", "达到", "实现", "取得", "不断", "有效",
)  # fmt: skip
_BAD_INSIDE = re.compile(r"[的了着]|一些|一批|我们|这个|那个|这些|那些|以来|年来|不断|进一步")
_MEASURE = set("批些年次手个种项系列定直切起样般向度旦道同律再天月份家位名条件座所处")
_NUMERAL_RE = re.compile(r"[一二两三四五六七八九十百千万双]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def candidate_ok(term: str) -> bool:
    """Whether ``term`` has the shape of a phrase that may be kept whole.

    It must be Han characters only, must not begin or end with a function word and must
    not begin with a boilerplate verb (推进, 加强 …) or end with a generic head noun
    (工作, 建设 …): such a phrase would glue a verb or a generic word onto a term and
    cut across the term's edge.

    Examples
    --------
    >>> candidate_ok("三区一城"), candidate_ok("推进乡村振兴"), candidate_ok("的发展")
    (True, False, False)
    """
    if len(term) < 2 or not _HAN_RUN.fullmatch(term):
        return False
    if term[0] in _BAD_START or term[-1] in _BAD_END:
        return False
    if len(term) > 2 and (term.startswith(_BAD_PREFIXES) or term.endswith(_BAD_SUFFIXES)):
        return False
    if _BAD_INSIDE.search(term):
        return False
    # 一批…, 一些…, 一年来: a numeral with a measure word, unless a formula (一带一路, 一老一小)
    if term[0] in "一两" and term[1] in _MEASURE and not _NUMERAL_RE.search(term[2:]):
        return False
    return True


def _texts(texts: Any) -> list[str]:
    from govtext.text.normalize import normalize

    if isinstance(texts, str):
        raise InputError("discover_terms needs a collection of texts, not one string")
    out = [normalize(getattr(t, "text", t)) for t in texts]
    if not any(out):
        raise InputError("discover_terms: no text to discover terms in")
    return out


def _encode(texts: list[str]) -> tuple[Any, Any, Any]:
    """Han runs of every text -> one int array (0 = boundary), doc id per position."""
    import numpy as np

    parts: list[str] = []
    docs: list[int] = []
    for i, t in enumerate(texts):
        for run in _HAN_RUN.findall(t):
            parts.append(run)
            docs.append(i)
    if not parts:
        return np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int64)
    joined = "\x00" + "\x00".join(parts) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    doc = np.repeat(np.asarray(docs, dtype=np.int64), lengths)
    doc = np.concatenate([[docs[0]], doc])
    return codes, doc, lengths


def discover_terms(
    texts: Iterable[Any],
    tokenizer: Any = None,
    *,
    min_count: int = 5,
    min_doc_freq: int = 2,
    min_len: int = 2,
    max_len: int = 8,
    min_pmi: float = 3.0,
    min_entropy: float = 1.0,
    filter_shape: bool = True,
    new_only: bool = False,
    top: int | None = None,
) -> pd.DataFrame:
    """Find recurring phrases in a corpus by cohesion (PMI) and branching entropy.

    Parameters
    ----------
    texts : iterable of str or Report, or a Corpus
        The texts (normalised with :func:`govtext.normalize` first).
    tokenizer : PolicyTokenizer, optional
        With ``new_only=True``, phrases this tokenizer already keeps as one piece are
        left out.
    min_count : int, default 5
        Fewest occurrences in the corpus.
    min_doc_freq : int, default 2
        Fewest texts a phrase occurs in (``1`` finds the phrases of a single report).
    min_len, max_len : int, default 2, 8
        Phrase length in characters.
    min_pmi : float, default 3.0
        Smallest PMI (natural log) of the weakest split of the phrase.
    min_entropy : float, default 1.0
        Smallest left *and* right branching entropy (natural log).
    filter_shape : bool, default True
        Drop phrases that begin or end with a function word, begin with a boilerplate verb
        or end with a generic head noun (see :func:`candidate_ok`).
    new_only : bool, default False
        Leave out phrases the ``tokenizer`` (or plain jieba) already keeps whole.
    top : int, optional
        Keep the ``top`` phrases by score.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, count, doc_freq, pmi, left_entropy, right_entropy, score``, sorted by
        score (descending), then term. ``score = log(count) * min(pmi, 8) * min(left_entropy,
        right_entropy)``.

    Examples
    --------
    >>> import govtext as gt
    >>> df = discover_terms(gt.datasets.load_sample(), min_count=8)
    >>> list(df.columns)
    ['term', 'count', 'doc_freq', 'pmi', 'left_entropy', 'right_entropy', 'score']
    >>> bool((df["count"] >= 8).all())
    True
    """
    import numpy as np

    if min_len < 2 or max_len < min_len:
        raise InputError(f"need 2 <= min_len <= max_len, got min_len={min_len}, max_len={max_len}")
    if min_count < 1 or min_doc_freq < 1:
        raise InputError("min_count and min_doc_freq must be at least 1")
    docs_text = _texts(texts)
    codes, doc, _ = _encode(docs_text)
    n_pos = codes.size
    sep = codes == 0
    total = float((~sep).sum()) or 1.0
    # uni-gram probabilities
    hmul = np.uint64(0x9E3779B97F4A7C15)
    # per-length hashes: h[k][i] is the hash of codes[i:i+k] (valid where no boundary inside)
    hashes: dict[int, Any] = {}
    valid: dict[int, Any] = {}
    counts_sorted: dict[int, tuple[Any, Any]] = {}
    freq: dict[int, Any] = {}
    hashes[1], valid[1], freq[1], counts_sorted[1] = _unigrams(codes, sep, min_count)
    cols = ["term", "count", "doc_freq", "pmi", "left_entropy", "right_entropy", "score"]
    rows: list[Any] = []
    with np.errstate(over="ignore"):
        for n in range(2, max_len + 2):  # one longer than max_len (for sub-phrase checks)
            prev = hashes[n - 1]
            nxt = np.empty(n_pos, dtype=np.uint64)
            nxt[: n_pos - n + 1] = prev[: n_pos - n + 1] * hmul + codes[n - 1 :].astype(np.uint64)
            nxt[n_pos - n + 1 :] = 0
            ok_n = np.zeros(n_pos, dtype=bool)
            ok_n[: n_pos - n + 1] = valid[n - 1][: n_pos - n + 1] & ~sep[n - 1 :]
            valid_n = ok_n.copy()
            # apriori: both (n-1)-grams inside a frequent n-gram are frequent
            ok_n[: n_pos - n + 1] &= freq[n - 1][: n_pos - n + 1] & freq[n - 1][1 : n_pos - n + 2]
            hashes[n] = nxt
            valid[n] = valid_n
            pos = np.flatnonzero(ok_n)
            if pos.size == 0:
                break
            u, inv, c = _unique(nxt[pos])
            counts_sorted[n] = (u, c)
            fr = np.zeros(n_pos, dtype=bool)
            fr[pos] = c[inv] >= min_count
            freq[n] = fr
            if n > max_len or n < min_len:
                continue
            rows.extend(
                _phrases_of_length(
                    n,
                    (u, inv, c, pos),
                    codes,
                    doc,
                    len(docs_text),
                    hashes,
                    counts_sorted,
                    total,
                    (min_count, min_doc_freq, min_pmi, min_entropy),
                )
            )
    return _rank(rows, cols, filter_shape, new_only, tokenizer, top)


def _unigrams(codes: Any, sep: Any, min_count: int) -> tuple[Any, Any, Any, tuple[Any, Any]]:
    """Hashes, validity, frequent flags and sorted counts of the single characters."""
    import numpy as np

    h = codes.astype(np.uint64)
    ok = ~sep
    u = np.sort(h[ok])
    newu = np.ones(u.size, dtype=bool)
    newu[1:] = u[1:] != u[:-1]
    st = np.flatnonzero(newu)
    c = np.diff(np.append(st, u.size))
    u = u[st]
    freq1 = ok & (_lookup((u, c), h) >= min_count)
    return h, ok, freq1, (u, c)


def _phrases_of_length(
    n: int,
    grams: tuple[Any, Any, Any, Any],
    codes: Any,
    doc: Any,
    n_docs: int,
    hashes: dict[int, Any],
    counts_sorted: dict[int, tuple[Any, Any]],
    total: float,
    limits: tuple[int, int, float, float],
) -> list[tuple[str, int, int, float, float, float]]:
    """Rows ``(term, count, doc_freq, pmi, left_entropy, right_entropy)`` of the phrases of
    ``n`` characters passing the ``limits`` (min_count, min_doc_freq, min_pmi,
    min_entropy); ``grams`` = (distinct hashes, inverse, counts, positions) of the n-grams."""
    import numpy as np

    u, inv, c, pos = grams
    min_count, min_doc_freq, min_pmi, min_entropy = limits
    rows: list[tuple[str, int, int, float, float, float]] = []
    keep_u = c >= min_count
    if not keep_u.any():
        return []
    sel = keep_u[inv]
    p_sel = pos[sel]
    g = inv[sel]  # group id (index into u)
    # document frequency
    dpairs = np.unique(g.astype(np.int64) * (n_docs + 1) + doc[p_sel])
    df_cnt = np.bincount(dpairs // (n_docs + 1), minlength=u.size)
    # branching entropy (boundaries count as distinct neighbours)
    left = codes[p_sel - 1]
    right = codes[p_sel + n]
    le = _entropy(g, left, u.size)
    re_ = _entropy(g, right, u.size)
    # PMI of the weakest split (a, b), probabilities over character positions
    groups = np.flatnonzero(keep_u & (df_cnt >= min_doc_freq))
    if groups.size == 0:
        return []
    first = np.full(u.size, -1, dtype=np.int64)
    first[g[::-1]] = p_sel[::-1]
    fp = first[groups]
    cw = c[groups].astype(float)
    pmi = np.full(groups.size, np.inf)
    for k in range(1, n):
        ca = _lookup(counts_sorted[k], hashes[k][fp])
        cb = _lookup(counts_sorted[n - k], hashes[n - k][fp + k])
        val = np.log(cw * total / np.maximum(ca * cb, 1.0))
        pmi = np.minimum(pmi, val)
    lent = le[groups]
    rent = re_[groups]
    good = (pmi >= min_pmi) & (lent >= min_entropy) & (rent >= min_entropy)
    for j in np.flatnonzero(good):
        p0 = int(fp[j])
        term = "".join(map(chr, codes[p0 : p0 + n].tolist()))
        rows.append(
            (
                term,
                int(cw[j]),
                int(df_cnt[groups[j]]),
                float(pmi[j]),
                float(lent[j]),
                float(rent[j]),
            )
        )
    return rows


def _rank(
    rows: list[Any],
    cols: list[str],
    filter_shape: bool,
    new_only: bool,
    tokenizer: Any,
    top: int | None,
) -> pd.DataFrame:
    """The table of :func:`discover_terms` from its candidate rows: filtered, scored, sorted."""
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(rows, columns=cols[:-1])
    if filter_shape and len(df):
        df = df[df["term"].map(candidate_ok)]
    if new_only and len(df):
        df = df[~df["term"].map(_already_whole(tokenizer))]
    if len(df):
        ent = np.minimum(df["left_entropy"], df["right_entropy"])
        df = df.assign(score=np.log(df["count"]) * np.minimum(df["pmi"], 8.0) * ent)
        df = df.sort_values(["score", "term"], ascending=[False, True], kind="mergesort")
    else:
        df = df.assign(score=pd.Series(dtype=float))
    if top is not None:
        df = df.head(top)
    return df.reset_index(drop=True)[cols]


def _lookup(table: tuple[Any, Any], keys: Any) -> Any:
    import numpy as np

    u, c = table
    idx = np.searchsorted(u, keys)
    idx = np.minimum(idx, u.size - 1)
    found = u[idx] == keys
    return np.where(found, c[idx], 0).astype(float)


def _entropy(group: Any, neigh: Any, n_groups: int) -> Any:
    """Entropy of the neighbour distribution per group; each boundary is its own symbol."""
    import numpy as np

    neigh = neigh.astype(np.int64)
    bnd = neigh == 0
    tot = np.bincount(group, minlength=n_groups).astype(float)
    n_bnd = np.bincount(group[bnd], minlength=n_groups).astype(float)
    key = np.sort(group[~bnd].astype(np.int64) * 0x110000 + neigh[~bnd])
    new = np.ones(key.size, dtype=bool)
    new[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(new)
    pair_cnt = np.diff(np.append(starts, key.size)).astype(float)
    pair_grp = key[starts] // 0x110000
    p = pair_cnt / tot[pair_grp]
    ent = np.bincount(pair_grp, weights=-p * np.log(p), minlength=n_groups).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ent += np.where(n_bnd > 0, n_bnd / tot * np.log(np.maximum(tot, 1.0)), 0.0)
    return ent


def _unique(keys: Any) -> tuple[Any, Any, Any]:
    """``np.unique(keys, return_inverse=True, return_counts=True)``, sort-based."""
    import numpy as np

    order = np.argsort(keys, kind="stable")
    ks = keys[order]
    new = np.ones(ks.size, dtype=bool)
    new[1:] = ks[1:] != ks[:-1]
    gid = np.cumsum(new) - 1
    inv = np.empty(ks.size, dtype=np.int64)
    inv[order] = gid
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, ks.size))
    return ks[starts], inv, counts


def _already_whole(tokenizer: Any) -> Any:
    if tokenizer is None:
        import jieba

        tk = jieba.Tokenizer()

        def cut(s: str) -> list[str]:
            return tk.lcut(s)
    else:
        cut = tokenizer.cut

    def whole(term: str) -> bool:
        return len(cut(term)) == 1

    return whole
