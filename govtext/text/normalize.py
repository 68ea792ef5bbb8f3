"""Text normalisation for government work reports.

``normalize(text)`` makes the surface of a report uniform without changing its words:

* full-width digits, Latin letters, ``％`` and ``＋`` become ASCII; a full-width full stop
  between digits (``４．７``) becomes ``.``;
* bracket, dash and quote variants are unified (``〔〕【】() → （）``, ``「」『』〝〞 → “”‘’``,
  ``―‒–─ → —``, ``－ → -``);
* line endings become ``\\n``, other Unicode spaces become ASCII spaces, zero-width characters
  and the BOM are removed, trailing spaces on lines are dropped;
* spaces wrongly inserted between single CJK characters (``政 府 工 作 报 告``) or single digits
  (``1 9 9 8 年``) are removed; paragraph breaks are kept;
* optionally, traditional characters are converted to simplified ones.

The function is idempotent. ``normalize_with_offsets`` also returns, for every character of
the result, its offset in the input, so that any span found in normalised text can be mapped
back to the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["normalize", "normalize_with_offsets"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_TABLE: dict[int, str] = {}
for _c in range(0xFF10, 0xFF1A):  # ０-９
    _TABLE[_c] = chr(_c - 0xFEE0)
for _c in range(0xFF21, 0xFF3B):  # Ａ-Ｚ
    _TABLE[_c] = chr(_c - 0xFEE0)
for _c in range(0xFF41, 0xFF5B):  # ａ-ｚ
    _TABLE[_c] = chr(_c - 0xFEE0)
_TABLE.update(
    {
        ord("％"): "%",
        ord("＋"): "+",
        ord("－"): "-",
        ord("〔"): "（",
        ord("〕"): "）",
        ord("【"): "（",
        ord("】"): "）",
        ord("("): "（",
        ord(")"): "）",
        ord("﹙"): "（",
        ord("﹚"): "）",
        ord("「"): "“",
        ord("」"): "”",
        ord("『"): "‘",
        ord("』"): "’",
        ord("〝"): "“",
        ord("〞"): "”",
        ord("″"): "”",
        ord("―"): "—",
        ord("‒"): "—",
        ord("–"): "—",
        ord("─"): "—",
        ord("━"): "—",
        ord("〇"): "〇",
        ord("\t"): " ",
        ord("\u00a0"): " ",
        ord("\u3000"): " ",
        ord("\u2002"): " ",
        ord("\u2003"): " ",
        ord("\u2009"): " ",
        ord("\u202f"): " ",
        ord("\u205f"): " ",
        ord("\x0b"): "\n",
        ord("\x0c"): "\n",
        ord("\u2028"): "\n",
        ord("\u2029"): "\n",
        ord("\u0085"): "\n",
    }
)

# characters removed outright
_DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CRLF = re.compile("\r\n?")
_TRAILING = re.compile(" +(?=\n|$)")
_DIGIT_DOT = re.compile(r"(?<=\d)．(?=\d)")
_SPACED_CJK = re.compile(rf"(?<![{_CJK}])[{_CJK}](?: +[{_CJK}](?![{_CJK}])){{2,}}")
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d(?![\d.]))+")


def _sub_tracked(
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    text: str,
    offsets: list[int],
) -> tuple[str, list[int]]:
    """re.sub that keeps a per-character offset list.

    The replacement of a match is mapped onto the offsets of the characters it keeps; the
    callback must return a subsequence of the matched text (deletions only) or text of the
    same length.
    """
    out: list[str] = []
    out_off: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        out.append(text[pos:s])
        out_off.extend(offsets[pos:s])
        rep = repl(m)
        seg = text[s:e]
        if len(rep) == len(seg):
            out_off.extend(offsets[s:e])
        else:  # deletions: align greedily
            j = 0
            for ch in rep:
                while seg[j] != ch:
                    j += 1
                out_off.append(offsets[s + j])
                j += 1
        out.append(rep)
        pos = e
    out.append(text[pos:])
    out_off.extend(offsets[pos:])
    return "".join(out), out_off


def _drop_spaces(m: re.Match[str]) -> str:
    return m.group(0).replace(" ", "")


_t2s = None


def _to_simplified(text: str) -> str:
    global _t2s
    if _t2s is None:
        from govtext.errors import require

        opencc = require("opencc", "zh", "traditional-to-simplified conversion")
        _t2s = opencc.OpenCC("t2s")
    out = _t2s.convert(text)
    return out


def normalize_with_offsets(text: str, *, simplify: bool = False) -> tuple[str, list[int]]:
    """Normalise ``text`` and return the offset of every output character in the input.

    Parameters
    ----------
    text : str
        Raw report text.
    simplify : bool, default False
        Convert traditional characters to simplified ones (needs the ``zh`` extra, OpenCC).
        Character-for-character conversion only, so offsets stay exact.

    Returns
    -------
    (str, list of int)
        The normalised text and, for each of its characters, the index of the input
        character it came from.

    Examples
    --------
    >>> normalize_with_offsets("１ 9 9 8 年")
    ('1998 年', [0, 2, 4, 6, 7, 8])
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, not {type(text).__name__}")
    offsets = list(range(len(text)))
    # \r\n -> \n keeps the offset of \r
    text, offsets = _sub_tracked(
        _CRLF, lambda m: "\n" if len(m.group(0)) == 1 else "\r", text, offsets
    )
    text = text.replace("\r", "\n")
    text, offsets = _sub_tracked(_DROP, lambda m: "", text, offsets)
    text = text.translate(_TABLE)
    if simplify:
        conv = _to_simplified(text)
        if len(conv) == len(text):
            text = conv
    text, offsets = _sub_tracked(_DIGIT_DOT, lambda m: ".", text, offsets)
    text, offsets = _sub_tracked(_SPACED_CJK, _drop_spaces, text, offsets)
    text, offsets = _sub_tracked(_SPACED_DIGITS, _drop_spaces, text, offsets)
    text, offsets = _sub_tracked(_TRAILING, lambda m: "", text, offsets)
    return text, offsets


def normalize(text: str, *, simplify: bool = False) -> str:
    """Normalise a report's text (idempotent); see the module docstring for the rules.

    Parameters
    ----------
    text : str
        Raw text.
    simplify : bool, default False
        Also convert traditional to simplified characters (``zh`` extra).

    Returns
    -------
    str

    Examples
    --------
    >>> normalize("政 府 工 作 报 告\\r\\n２０２３年ＧＤＰ增长５％左右")
    '政府工作报告\\n2023年GDP增长5%左右'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, not {type(text).__name__}")
    text = _CRLF.sub("\n", text)
    text = _DROP.sub("", text)
    text = text.translate(_TABLE)
    if simplify:
        conv = _to_simplified(text)
        if len(conv) == len(text):
            text = conv
    text = _DIGIT_DOT.sub(".", text)
    text = _SPACED_CJK.sub(_drop_spaces, text)
    text = _SPACED_DIGITS.sub(_drop_spaces, text)
    text = _TRAILING.sub("", text)
    return text
