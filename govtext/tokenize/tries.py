"""Regexes that match any of many words, longest first, fast on long word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__: list[str] = []


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (longest first), as a trie: fast on long lists.

    A node with many children tests a character class before each bucket of at most
    :data:`_BUCKET` of them, so a position costs a few class tests rather than one test
    per child (the regex engine tries the alternatives of a group one after the other).
    The regex starts with a class of the first characters (the first character is then
    tested again behind), so that the engine skips the positions no word starts at.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + _bucketed(sorted(node)[end:], alts) + ")"
        return "(?:" + body + ")?" if end else body

    first = sorted(ch for ch in trie if ch)
    if len(first) <= _BUCKET:
        return build(trie)
    behind = [f"(?<={re.escape(ch)})" + build(trie[ch]) for ch in first]
    cls = "".join(map(re.escape, first))
    return f"[{cls}](?:{_bucketed(first, behind, '?<=')})"


_BUCKET = 12


def _bucketed(chars: list[str], alts: list[str], look: str = "?=") -> str:
    """``a|b|…`` for alternatives that start with the distinct ``chars``, in class-tested
    buckets (the class tested ahead, or behind with ``look="?<="``)."""
    if len(alts) <= _BUCKET:
        return "|".join(alts)
    size = max(_BUCKET, -(-len(alts) // _BUCKET))  # at most _BUCKET buckets per level
    out = []
    for i in range(0, len(alts), size):
        cls = "".join(re.escape(c) for c in chars[i : i + size])
        inner = _bucketed(chars[i : i + size], alts[i : i + size], look)
        out.append(f"({look}[{cls}])(?:{inner})")
    return "|".join(out)
