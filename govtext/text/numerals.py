"""Chinese numerals (二〇二三, 十二) as integers."""

from __future__ import annotations

__all__ = ["chinese_to_int"]

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "О": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_to_int(s: str) -> int | None:
    """Convert a Chinese numeral (``二〇二三``, ``十二``, ``二十四``) or digits to int.

    Examples
    --------
    >>> chinese_to_int("二〇二三"), chinese_to_int("十二"), chinese_to_int("二十四"), chinese_to_int("12")
    (2023, 12, 24, 12)
    """
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" not in s and "百" not in s:
        digits = [_CN_DIGITS.get(c) for c in s]
        if any(d is None for d in digits):
            return None
        return int("".join(str(d) for d in digits))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur
