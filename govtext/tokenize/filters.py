"""Filtering the pieces of a cut into analysis tokens: whitespace, punctuation, numbers,
general stopwords, policy boilerplate, part of speech, length, and lexicon variants mapped
to their canonical form.

:class:`TokenFilter` holds the filtering methods of
:class:`~govtext.tokenize.policy.PolicyTokenizer` (which inherits them); each setting is a
constructor argument of the tokenizer, so filtering stays a separate, configurable step
after the lossless :meth:`~govtext.tokenize.policy.PolicyTokenizer.cut`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from govtext.text.webclean import is_noise_token
from govtext.tokenize.rules import is_number_token

__all__ = ["TokenFilter"]

_PUNCT_CATS = ("P", "S", "Z", "C")


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in _PUNCT_CATS for c in tok)


class TokenFilter:
    """The filter step of :class:`~govtext.tokenize.policy.PolicyTokenizer` (a mixin).

    It reads the tokenizer's settings ``stopwords``, ``boilerplate``, ``extra_stopwords``,
    ``keep_numbers``, ``keep_punct``, ``pos``, ``min_len`` and ``canonical``, and its
    ``engine`` (built on first use, which also fills the variant -> canonical table).
    """

    stopwords: bool
    boilerplate: bool
    extra_stopwords: frozenset[str]
    keep_numbers: bool
    keep_punct: bool
    pos: tuple[str, ...] | None
    min_len: int
    keep_types: tuple[str, ...] | None
    canonical: bool
    engine: Any
    _engine: Any
    _canon: dict[str, str]
    _drop: frozenset[str] | None
    _drop_settings: tuple[Any, ...] | None
    _kept: tuple[tuple[Any, ...], dict[str, str | None]] | None

    def filter(self, pieces: Iterable[str]) -> list[str]:
        """Apply the token filters of :meth:`tokenize` to pieces from :meth:`cut`.

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> PolicyTokenizer().filter(["推进", "乡村振兴", "，", "7%"])
        ['乡村振兴']
        """
        drop = self._drop_set()
        if self.canonical and self._engine is None:
            self.engine  # noqa: B018  (the variant -> canonical table is filled by the build)
        canon = self._canon if self.canonical else {}
        if self.pos:
            return self._filter_pieces(pieces, drop, canon)
        # the decision depends only on the piece and the filter settings: remembered per piece
        sig = (drop, canon, self.keep_punct, self.keep_numbers, self.min_len, self.keep_types)
        memo = self._kept
        if memo is None or memo[0] != sig or len(memo[1]) > 2_000_000:
            memo = self._kept = (sig, {})
        kept = memo[1]
        pieces = pieces if isinstance(pieces, list) else list(pieces)
        for p in set(pieces).difference(kept):
            got = self._filter_pieces((p,), drop, canon)
            kept[p] = got[0] if got else None
        return [k for k in map(kept.__getitem__, pieces) if k is not None]

    def _filter_pieces(
        self, pieces: Iterable[str], drop: frozenset[str], canon: dict[str, str]
    ) -> list[str]:
        out = []
        min_len = self.min_len
        pos_ok = self._pos_ok if self.pos else None
        for p in pieces:
            p = p.strip()
            if not p or is_noise_token(p):  # placeholders (XX, 某镇), pinyin leftovers
                continue
            if not self.keep_punct and _is_punct(p):
                continue
            if not self.keep_numbers and is_number_token(p):
                continue
            if (
                len(p) < min_len
                and not (self.keep_punct and _is_punct(p))
                and not (self.keep_numbers and is_number_token(p))
            ):
                continue
            if p in drop:
                continue
            if pos_ok is not None and not pos_ok(p):
                continue
            if self.keep_types and self.token_type(p) not in self.keep_types:  # type: ignore[attr-defined]
                continue
            out.append(canon.get(p, p))
        return out

    def _pos_ok(self, word: str) -> bool:
        import jieba.posseg

        if not hasattr(self, "_pos_cache"):
            self._pos_cache: dict[str, str] = {}
            self._posseg = jieba.posseg.POSTokenizer(self.engine)
        tag = self._pos_cache.get(word)
        if tag is None:
            tag = self._posseg.word_tag_tab.get(word)
            if tag is None:
                tags = [p.flag for p in self._posseg.lcut(word)]
                tag = tags[0] if len(tags) == 1 else "x"
            self._pos_cache[word] = tag
        return tag.startswith(self.pos)  # type: ignore[arg-type]

    def _drop_set(self) -> frozenset[str]:
        settings = (self.stopwords, self.boilerplate, frozenset(self.extra_stopwords))
        if self._drop is None or self._drop_settings != settings:
            from govtext.tokenize.lexicon import load_boilerplate, load_stopwords

            self._drop_settings = settings

            drop = set(self.extra_stopwords)
            if self.stopwords:
                drop |= load_stopwords()
            if self.boilerplate:
                drop |= load_boilerplate()
            self._drop = frozenset(drop)
        return self._drop
