"""``PolicyTokenizer``: jieba tuned for the language of government work reports.

Two steps, kept apart so that nothing is lost:

* :meth:`PolicyTokenizer.cut` splits the normalised text into pieces that join back to it
  exactly (``"".join(tok.cut(t)) == normalize(t)``). Policy terms stay whole: a curated
  lexicon is added to a *private* ``jieba.Tokenizer``; rules keep numbers with units
  (``4.7亿元``, ``7%``, ``463万人次``), numbered formulas (``十四五``, ``两个维护``,
  ``二十届三中全会``) and short terms in quotation marks (``“三张好牌”``) as single pieces,
  and a term defined in quotes once is kept whole everywhere in the same text.
* :meth:`PolicyTokenizer.tokenize` filters the pieces into analysis tokens: whitespace,
  punctuation, numbers, general stopwords, policy boilerplate, part of speech, length —
  each switchable — and maps lexicon variants to their canonical form.

The rules live in :mod:`govtext.tokenize.rules`, the jieba and jieba-rs engines in
:mod:`govtext.tokenize.engines`, the words a tokenizer keeps whole (lexicon, fitted
phrases, user words) in :mod:`govtext.tokenize.vocabulary`, the filter step in
:mod:`govtext.tokenize.filters`.
No global state is touched: ``jieba.lcut`` elsewhere in the process, and any other
``PolicyTokenizer``, are unaffected by the words one tokenizer adds.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govtext.errors import InputError
from govtext.tokenize.compose import compose
from govtext.tokenize.engines import segment
from govtext.tokenize.filters import TokenFilter
from govtext.tokenize.kinds import TokenTypes
from govtext.tokenize.places import _divisions, is_place, place_short_forms, place_spans
from govtext.tokenize.prenorm import normalize_for_cut
from govtext.tokenize.rules import (
    NUMBER_UNIT,
    _Anchors,
    _rule_spans,
    is_number_token,
)
from govtext.tokenize.vocabulary import Vocabulary

# NUMBER_UNIT and is_number_token (now in govtext.tokenize.rules) stay importable from here
__all__ = ["PolicyTokenizer", "NUMBER_UNIT", "is_number_token"]


class PolicyTokenizer(Vocabulary, TokenFilter, TokenTypes):
    """jieba with a policy lexicon and rules, on a private ``jieba.Tokenizer``.

    Parameters
    ----------
    mode : {"policy", "fine"}, default "policy"
        ``"policy"`` keeps policy terms, numbered formulas, quoted terms and numbers with
        units whole. ``"fine"`` keeps jieba's own granularity (jieba's dictionary, no
        lexicon and no rules; user words still apply).
    lexicon : bool or path, default True
        Use the packaged policy lexicon, none (False), or a TSV of your own
        (columns ``term, category, canonical, source``).
    userdict : path, optional
        A jieba user dictionary (``word [freq] [tag]`` per line) loaded on top.
    stopwords, boilerplate : bool, default True
        Drop general stopwords / policy boilerplate (工作, 推进, 加强 …) in :meth:`tokenize`.
    extra_stopwords : iterable of str
        More words to drop in :meth:`tokenize`.
    keep_numbers, keep_punct : bool, default False
        Keep numbers (and numbers with units) / punctuation in :meth:`tokenize`.
    pos : iterable of str, optional
        Keep only tokens whose jieba part-of-speech tag starts with one of these
        (e.g. ``{"n", "v"}``); slower, as it runs ``jieba.posseg``.
    keep_types : iterable of str, optional
        Keep only tokens of these types in :meth:`tokenize` (see :meth:`types`:
        ``policy``, ``place``, ``facility``, ``organisation``, ``indicator``,
        ``number_unit``, ``function``, ``punct``, ``word``), e.g.
        ``{"policy", "indicator"}``. The type is that of the piece before canonical mapping.
    min_len : int, default 2
        Shortest token :meth:`tokenize` keeps (in characters).
    canonical : bool, default True
        Map lexicon variants to their canonical form in :meth:`tokenize`.
    hmm : bool, default True
        Let jieba's HMM join unknown words.
    simplify : bool, default False
        Convert traditional to simplified characters while normalising (``zh`` extra).
    backend : {"jieba", "rjieba", "auto"}, default "jieba"
        Segmentation engine. ``"rjieba"`` (extra ``fast``) runs jieba-rs on a private
        instance loaded with the same dictionary, lexicon and dictionary total, and hands
        the few blocks where jieba-rs departs from jieba (letters joined by ``-``, ``_``
        or ``.``; CJK-extension characters) to jieba: the same tokens, about four times
        faster. Without rjieba installed it raises :class:`~govtext.errors.MissingExtraError`.
        ``"auto"`` is ``"rjieba"`` when rjieba is installed, else ``"jieba"`` (what
        :func:`govtext.build_report` and ``govtext report`` use). The backend is not part of
        :meth:`config`: both give the same tokens (checked on the whole corpus by
        benchmarks/rjieba_identity.py and on the sample by the tests).

    Examples
    --------
    >>> tok = PolicyTokenizer()
    >>> tok.cut("全面推进乡村振兴，税收完成4.7亿元")
    ['全面', '推进', '乡村振兴', '，', '税收', '完成', '4.7亿元']
    >>> tok.tokenize("全面推进乡村振兴，税收完成4.7亿元")
    ['乡村振兴', '税收']
    """

    def __init__(
        self,
        mode: str = "policy",
        *,
        lexicon: bool | str | Path = True,
        userdict: str | Path | None = None,
        stopwords: bool = True,
        boilerplate: bool = True,
        extra_stopwords: Iterable[str] = (),
        keep_numbers: bool = False,
        keep_punct: bool = False,
        pos: Iterable[str] | None = None,
        keep_types: Iterable[str] | None = None,
        min_len: int = 2,
        canonical: bool = True,
        hmm: bool = True,
        simplify: bool = False,
        backend: str = "jieba",
    ) -> None:
        if mode not in ("policy", "fine"):
            raise InputError(f"mode must be 'policy' or 'fine', not {mode!r}")
        if backend not in ("jieba", "rjieba", "auto"):
            raise InputError(f"backend must be 'jieba', 'rjieba' or 'auto', not {backend!r}")
        if backend == "auto":
            backend = "rjieba" if _has_rjieba() else "jieba"
        if min_len < 1:
            raise InputError(f"min_len must be at least 1, not {min_len}")
        if backend == "rjieba":  # fail here, not at the first cut
            from govtext.errors import require

            require("rjieba", "fast", "PolicyTokenizer(backend='rjieba')")
        self.mode = mode
        self.lexicon = lexicon
        self.userdict = str(userdict) if userdict else None
        self.stopwords = stopwords
        self.boilerplate = boilerplate
        self.extra_stopwords = frozenset(extra_stopwords)
        self.keep_numbers = keep_numbers
        self.keep_punct = keep_punct
        self.pos = tuple(pos) if pos else None
        self.keep_types = tuple(sorted(keep_types)) if keep_types else None
        if self.keep_types:
            from govtext.tokenize.kinds import TYPES

            bad = [t for t in self.keep_types if t not in TYPES]
            if bad:
                raise InputError(f"keep_types: unknown type(s) {bad}; choose from {TYPES}")
        self.min_len = min_len
        self.canonical = canonical
        self.hmm = hmm
        self.simplify = simplify
        self.backend = backend
        self._user_words: list[tuple[str, int | None, str | None]] = []
        self.discovered_: list[str] = []
        # each discovered phrase's count in the fitted corpus, and that corpus's characters
        self.discovered_counts_: dict[str, int] = {}
        self.fit_chars_ = 0
        self._generic_discovered: set[str] = set()
        self._engine: Any = None
        self._lock = threading.Lock()
        self._special: re.Pattern[str] | None = None
        self._anchors: _Anchors | None = None
        self._canon: dict[str, str] = {}
        self._names: set[str] = set()
        self._type_table: dict[str, str] = {}
        self._fast: Any = None
        self._drop: frozenset[str] | None = None
        self._drop_settings: tuple[Any, ...] | None = None
        self._memo: dict[str, tuple[str, ...]] | None = None
        self._kept: tuple[tuple[Any, ...], dict[str, str | None]] | None = None
        if self.userdict and not Path(self.userdict).is_file():
            raise InputError(f"{self.userdict}: user dictionary not found")

    @property
    def engine(self) -> Any:
        """The private ``jieba.Tokenizer`` (built on first use)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._build()
        return self._engine

    def config(self) -> dict[str, Any]:
        """Everything that changes the tokens, as a JSON-able dict.

        Examples
        --------
        >>> PolicyTokenizer(mode="fine").config()["mode"]
        'fine'
        """
        from govtext.tokenize.lexicon import lexicon_path

        lex = self.lexicon
        lex_id: Any = lex
        if lex is True:
            lex_id = _file_hash(lexicon_path("policy_terms.tsv"))
        elif lex not in (False, None):
            lex_id = _file_hash(Path(lex))
        return {
            "version": 3,  # 2: gazetteer places, indicators, composed compounds; 3: 一万五千 a number
            "mode": self.mode,
            "lexicon": lex_id,
            "userdict": _file_hash(Path(self.userdict)) if self.userdict else None,
            "user_words": self._user_words,
            "discovered": self.discovered_,
            # fitted phrases typed as words (only when there are: unfitted hashes unchanged)
            **({"untyped": sorted(self._generic_discovered)} if self._generic_discovered else {}),
            "stopwords": self.stopwords and _file_hash(lexicon_path("stopwords.txt")),
            "boilerplate": self.boilerplate and _file_hash(lexicon_path("boilerplate.txt")),
            "places": self.mode == "policy" and _file_hash(lexicon_path("divisions.tsv.gz")),
            "indicators": lex is True and _file_hash(lexicon_path("indicators.txt")),
            "extra_stopwords": sorted(self.extra_stopwords),
            "keep_numbers": self.keep_numbers,
            "keep_punct": self.keep_punct,
            "pos": self.pos,
            "min_len": self.min_len,
            "keep_types": self.keep_types,
            "canonical": self.canonical,
            "hmm": self.hmm,
            "simplify": self.simplify,
        }

    @property
    def config_hash(self) -> str:
        """SHA-256 of :meth:`config`; changes whenever the tokens could change."""
        return hashlib.sha256(
            json.dumps(self.config(), ensure_ascii=False, sort_keys=True, default=str).encode()
        ).hexdigest()

    # ---------------------------------------------------------------- cutting
    def _protected(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping spans that must be single pieces, sorted by start."""
        return [(s, e) for s, e, _ in self._rule_spans(text)]

    def _rule_spans(self, text: str) -> list[tuple[int, int, bool]]:
        """:meth:`_protected` with, for each span, whether a number rule made it."""
        places = [(s, e) for s, e, _ in place_spans(text)]
        return _rule_spans(text, self._special, self._anchors, self._names, places)

    def _jieba_cut(self, text: str) -> list[str]:
        if not text:
            return []
        return segment(self.engine, self._fast, text, self.hmm)

    def cut(self, text: str) -> list[str]:
        """Split the normalised text into pieces; ``"".join(cut(t)) == normalize(t)``.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str

        Examples
        --------
        >>> PolicyTokenizer().cut("打好用好“三张好牌”")
        ['打好', '用好', '“', '三张好牌', '”']
        """
        memo = self._memo
        if memo is not None:
            got = memo.get(text)
            if got is not None:
                return list(got)
        pieces = self.cut_normalized(normalize_for_cut(text, simplify=self.simplify))
        if memo is not None:
            memo[text] = tuple(pieces)
        return pieces

    def memoized(self) -> PolicyTokenizer:
        """A copy of this tokenizer that remembers the pieces of every text it has cut.

        For a session that analyses the same reports several times (a DTM, a topic model,
        co-occurrence networks): each text is segmented once. The copy shares the built
        dictionary until words are added to it (it then builds its own and forgets its memo);
        the original is never changed. The memo lives in memory only
        (see :class:`govtext.cache.TokenCache` for a cache on disk).

        Examples
        --------
        >>> tok = PolicyTokenizer().memoized()
        >>> tok.cut("推进乡村振兴") == tok.cut("推进乡村振兴") == PolicyTokenizer().cut("推进乡村振兴")
        True
        """
        import copy

        tok = copy.copy(self)
        tok._user_words = list(self._user_words)
        tok._names = set(self._names)
        tok._type_table = dict(self._type_table)
        tok.discovered_ = list(self.discovered_)
        tok._memo = {}
        tok._kept = None
        return tok

    def cut_normalized(self, norm: str) -> list[str]:
        """:meth:`cut` for text that is already normalised (skips normalisation).

        Examples
        --------
        >>> PolicyTokenizer().cut_normalized("增长7%")
        ['增长', '7%']
        """
        if self.mode == "fine":
            return self._jieba_cut(norm)
        engine = self.engine  # noqa: F841  (build before reading the special-term rule)
        spans = self._rule_spans(norm)
        protected = [norm[s:e] for s, e, _ in spans]
        if _SENTINEL in norm:  # (never in a report) cut the stretches between spans one by one
            pieces = []
            pos = 0
            for (s, e, _), piece in zip(spans, protected):
                if s > pos:
                    pieces.extend(self._jieba_cut(norm[pos:s]))
                pieces.append(piece)
                pos = e
            if pos < len(norm):
                pieces.extend(self._jieba_cut(norm[pos:]))
        else:
            pieces = self._jieba_cut(_with_sentinels(norm, spans))
            at = -1
            find = pieces.index
            for piece in protected:  # each sentinel is a piece of its own: put the span back
                at = find(_SENTINEL, at + 1)
                pieces[at] = piece
        # protected pieces: terms a policy head may follow (not numbers; those of the number
        # rules are numbers, is_number_token need not look at them)
        maybe = {p for p, (_, _, num) in zip(protected, spans) if not num}
        kept = {p for p in maybe if not is_number_token(p)}
        names, table = self._names, self._type_table
        divisions, short = _divisions()[0], place_short_forms()  # what is_place looks in
        return compose(
            pieces,
            # p in kept or self._is_term(p), inlined
            lambda p: p in kept or p in names or p in table or p in divisions or p in short,
            lambda p: p not in names and p not in table and is_place_piece(p, kept),
            (kept, names, table, divisions, short),
        )

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Pieces of :meth:`cut` with their offsets into the *original* ``text``.

        Examples
        --------
        >>> PolicyTokenizer().spans("增长７％，达４.７亿元")
        [('增长', 0, 2), ('7%', 2, 4), ('，', 4, 5), ('达', 5, 6), ('4.7亿元', 6, 11)]
        """
        from govtext.text.normalize import normalize_with_offsets

        norm, offs = normalize_with_offsets(text, simplify=self.simplify)
        out = []
        pos = 0
        for piece in self.cut_normalized(norm):
            end = pos + len(piece)
            start_raw = offs[pos]
            end_raw = offs[end - 1] + 1
            out.append((piece, start_raw, end_raw))
            pos = end
        return out

    def tokenize(self, text: str) -> list[str]:
        """Analysis tokens: :meth:`cut` followed by the configured filters.

        Examples
        --------
        >>> PolicyTokenizer().tokenize("我们要坚持推进高质量发展，完成7%的目标。")
        ['高质量发展', '目标']
        """
        pieces = self.cut(text)
        return self.filter(pieces)

    def __call__(self, text: str) -> list[str]:
        """Same as :meth:`tokenize`, so a tokenizer can be passed as a scikit-learn analyzer."""
        return self.tokenize(text)

    # ------------------------------------------------------------- pickling
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_engine"] = None
        state["_lock"] = None
        state["_special"] = None
        state["_anchors"] = None
        state["_kept"] = None
        state["_names"] = set()
        state["_type_table"] = {}
        state["_fast"] = None
        state["_memo"] = None if self._memo is None else {}
        state.pop("_pos_cache", None)
        state.pop("_posseg", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        # absent in pickles of older versions
        for name in ("_kept", "_anchors", "_memo", "_drop_settings"):
            state.setdefault(name, None)
        state.setdefault("discovered_counts_", {})
        state.setdefault("fit_chars_", 0)
        state.setdefault("_generic_discovered", set())
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PolicyTokenizer(mode={self.mode!r}, backend={self.backend!r})"


# A private-use character: outside the blocks both engines segment, so each engine yields
# it alone and cuts the text on either side of it as if it were cut on its own. Cutting a
# text whose protected spans are replaced by it is one engine call instead of one per
# stretch between spans, with the same pieces.
_SENTINEL = "\ue000"


def _with_sentinels(norm: str, spans: list[tuple[int, int, bool]]) -> str:
    """``norm`` with each span replaced by :data:`_SENTINEL`."""
    parts = []
    pos = 0
    for s, e, _ in spans:
        parts.append(norm[pos:s])
        pos = e
    parts.append(norm[pos:])
    return _SENTINEL.join(parts)


def is_place_piece(piece: str, kept: set[str]) -> bool:
    """A gazetteer place (a protected place span of this text, or a known division name)."""
    return is_place(piece) or (piece in kept and bool(place_spans(piece)))


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _has_rjieba() -> bool:
    """Whether rjieba (extra ``fast``) can be imported."""
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None
