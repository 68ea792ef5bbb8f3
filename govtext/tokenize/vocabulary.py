"""The words a tokenizer keeps whole: the policy lexicon, phrases found by
:meth:`~Vocabulary.fit`, user words and user dictionaries, and the private jieba engine
built from them.

:class:`Vocabulary` holds these methods of :class:`~govtext.tokenize.policy.PolicyTokenizer`
(which inherits them); the engine itself is made by :func:`govtext.tokenize.engines.build_engine`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from govtext.errors import InputError
from govtext.tokenize.engines import _read_userdict, _term_freq, build_engine
from govtext.tokenize.kinds import type_table
from govtext.tokenize.rules import _POLICY_VERBS, _Anchors, _glued, _special_anchors, _trie_regex

__all__ = ["Vocabulary"]

_T = TypeVar("_T", bound="Vocabulary")
#: a mined phrase used in more than this share of the fitted regions is the genre's wording
_WIDESPREAD = 0.2
#: ... when the fitted corpus has at least this many regions (reports without regions)
_MIN_UNITS = 10


class Vocabulary:
    """The vocabulary methods of :class:`~govtext.tokenize.policy.PolicyTokenizer` (a mixin).

    It reads the tokenizer's settings ``mode``, ``lexicon``, ``userdict`` and ``backend``
    and keeps the words added since construction (``_user_words``, ``discovered_``); a
    change of words drops the built engine, which is rebuilt on next use.
    """

    mode: str
    lexicon: bool | str | Path
    userdict: str | None
    backend: str
    discovered_: list[str]
    discovered_counts_: dict[str, int]
    fit_chars_: int
    _generic_discovered: set[str]
    _kept: Any
    engine: Any
    _user_words: list[tuple[str, int | None, str | None]]
    _engine: Any
    _lock: threading.Lock
    _special: re.Pattern[str] | None
    _anchors: _Anchors | None
    _canon: dict[str, str]
    _names: set[str]
    _fast: Any
    _memo: dict[str, tuple[str, ...]] | None
    _type_table: dict[str, str]

    def _terms(self):
        from govtext.tokenize.lexicon import load_policy_terms

        if self.mode == "fine" or self.lexicon is False:
            return ()
        if self.lexicon is True:
            from govtext.tokenize.lexicon import load_indicators

            terms = load_policy_terms()
            known = {t.term for t in terms}
            return terms + tuple(t for t in load_indicators() if t.term not in known)
        p = Path(self.lexicon)
        if not p.is_file():
            raise InputError(f"{p}: lexicon file not found")
        return load_policy_terms(str(p))

    def _build(self) -> Any:
        built = build_engine(
            self._terms(),
            verbs=_POLICY_VERBS if self.mode == "policy" else (),
            discovered=self.discovered_,
            userdict=self.userdict,
            user_words=self._user_words,
            backend=self.backend,
        )
        self._names = built.names
        self._canon.update(built.canonical)
        typed = [t for t in self.discovered_ if t not in self._generic_discovered]
        self._type_table = type_table(self._terms(), typed, self._user_words)
        if built.special:
            self._special = re.compile(_trie_regex(built.special))
            self._anchors = _special_anchors(built.special)
        if built.fast is not None:
            self._fast = built.fast
        return built.jieba

    def add_words(
        self: _T,
        words: Iterable[str] | str,
        freq: int | None = None,
        tag: str | None = None,
    ) -> _T:
        """Add words that must stay whole (to this tokenizer only).

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> tok = PolicyTokenizer().add_words(["闸口速度"])
        >>> "闸口速度" in tok.cut("体现了闸口速度")
        True
        """
        if isinstance(words, str):
            words = [words]
        new = [(w.strip(), freq, tag) for w in words if w and w.strip()]
        with self._lock:
            self._user_words.extend(new)
            self._names.update(w for w, _, _ in new)
            for w, _, _ in new:
                self._type_table.setdefault(w, "policy")
            if self._memo is not None:  # a memoized copy shares its engine: rebuild its own
                self._memo.clear()
                self._engine = None
            if self._engine is not None:
                for w, f, t in new:
                    if re.fullmatch(r"[\u4e00-\u9fff]+", w):
                        f2 = f if f is not None else _term_freq(self._engine, w)
                        if self._fast is not None:
                            self._fast.add_word(w, f2, t)
                        self._engine.add_word(w, freq=f2, tag=t)
                    else:
                        self._engine = None  # rebuild the rule for non-Han words
                        break
                if self._engine is not None and self._fast is not None:
                    self._fast.align(self._engine.total)
        return self

    def load_userdict(self: _T, path: str | Path) -> _T:
        """Load a jieba-format user dictionary (``word [freq] [tag]`` per line).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from govtext import PolicyTokenizer
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.txt"
        >>> _ = p.write_text("闸口力量 5\\n", encoding="utf-8")
        >>> "闸口力量" in PolicyTokenizer().load_userdict(p).cut("体现了闸口力量")
        True
        """
        words = _read_userdict(str(path))
        for w, f, t in words:
            self.add_words(
                [w],
                freq=None if f is None else max(f, _term_freq(self.engine, w)),
                tag=t,
            )
        return self

    def fit(self: _T, corpus: Any, **kwargs: Any) -> _T:
        """Discover recurring policy phrases in a corpus and keep them whole.

        Parameters
        ----------
        corpus : Corpus or iterable of str
        **kwargs
            Passed to :func:`govtext.tokenize.discover.discover_terms`, except
            ``min_agreement`` (default 0.9; None switches the check off): a mined phrase is
            kept only if that share of its occurrences starts and ends at a token boundary
            of this tokenizer and none has an edge inside a known term
            (:func:`govtext.tokenize.mining.supervised_phrases`).

        Returns
        -------
        PolicyTokenizer
            ``self``, with the phrases in ``discovered_``, their counts in ``corpus`` in
            ``discovered_counts_`` and the characters of ``corpus`` in ``fit_chars_``. A
            phrase the tokenizer already keeps as one piece is not added; one found in
            more than a fifth of the regions of a corpus of ten regions or more (reports,
            where they have no ``region``), or ending with a verb, an adjective, an
            adverb, a numeral or a time word (:func:`govtext.tokenize.mining.untyped_phrases`),
            is kept whole but typed ``"word"``, not ``"policy"`` (the genre's wording:
            总投资, 准确把握); keywords take the counts of those as the genre's use of them
            (:func:`govtext.stats.keywords.fitted_counts`).

        Examples
        --------
        >>> from govtext import PolicyTokenizer
        >>> texts = ["实施桃溪锦带工程，桃溪锦带初见成效。", "打造桃溪锦带样板，桃溪锦带受益。"] * 3
        >>> tok = PolicyTokenizer().fit(texts, min_count=3, min_pmi=1.0, min_entropy=0.5)
        >>> "桃溪锦带" in tok.discovered_, "桃溪锦带" in tok.cut("建设桃溪锦带")
        (True, True)
        """
        from govtext.tokenize.discover import discover_terms
        from govtext.tokenize.mining import nominal_phrases, supervised_phrases, untyped_phrases

        reports = list(corpus)  # an iterator is read once
        texts = [getattr(r, "text", r) for r in reports]
        self._unfit()  # mined and checked against the vocabulary without earlier phrases
        min_agreement = kwargs.pop("min_agreement", 0.9)
        params = {"min_count": 5, "min_doc_freq": 2, "min_pmi": 3.0, "min_entropy": 1.5}
        params.update(kwargs)
        found = discover_terms(texts, tokenizer=self, **params)
        known = {t.term for t in self._terms()}
        terms = [t for t in found["term"] if len(t) >= 3 and t not in known]
        names = known | set(terms)
        terms = sorted(t for t in terms if not _glued(t, names))
        if min_agreement is not None:  # distant supervision by the known vocabulary
            terms = supervised_phrases(self, texts, terms, min_agreement)
        terms = nominal_phrases(self, terms)  # not 逐步解决, 我代表: adverb/subject + verb
        # one piece already (贯彻落实, 坚定不移 are jieba words): adding them changes no
        # token, only their type, which would call a genre word a policy term
        terms = [t for t in terms if len(self.cut(t)) > 1]
        wording = untyped_phrases(self, terms)  # 准确把握, 获评全省: whole, not terms
        self.discovered_ = terms
        count_of = dict(zip(found["term"], found["count"]))
        self.discovered_counts_ = {t: int(count_of[t]) for t in terms}
        self.fit_chars_ = sum(map(len, texts))
        self._generic_discovered = wording | _widespread(terms, reports, texts)
        with self._lock:
            self._engine = None
            self._kept = None
            if self._memo is not None:
                self._memo.clear()
        return self

    def _unfit(self) -> None:
        """Forget the phrases of an earlier :meth:`fit` (the engine is rebuilt on use)."""
        with self._lock:
            self.discovered_ = []
            self.discovered_counts_ = {}
            self.fit_chars_ = 0
            self._generic_discovered = set()
            self._engine = None
            self._kept = None
            if self._memo is not None:
                self._memo.clear()


def _widespread(terms: list[str], reports: list[Any], texts: list[str]) -> set[str]:
    """The ``terms`` used in more than :data:`_WIDESPREAD` of the corpus's regions (of its
    reports, for texts without a ``region``), if it has :data:`_MIN_UNITS` or more: the
    genre's wording (总投资, 劳动关系), not one region's policy. A single county's reports
    are one region, so its own programmes, in all of its reports, are never widespread.
    """
    units: dict[Any, list[str]] = {}
    for i, (report, text) in enumerate(zip(reports, texts)):
        meta = getattr(report, "meta", None) or {}
        region = meta.get("region") if isinstance(meta, dict) else None
        units.setdefault(region if isinstance(region, str) and region else i, []).append(text)
    if len(units) < _MIN_UNITS:
        return set()
    joined = ["\n".join(v) for v in units.values()]
    limit = _WIDESPREAD * len(joined)
    return {t for t in terms if sum(t in u for u in joined) > limit}
