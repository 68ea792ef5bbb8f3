"""The :class:`ReportContext` shared by the section builders: corpus, tokenizer, DTM, labels
and groups, and the writing of data files and figures into the output folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext._runtime.files import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer
from govtext.report.blocks import (
    MAX_SIMILARITY_LABELS,
    MAX_TABLE_ROWS,
    Block,
    _is_missing,
    _sort_key,
    short_region,
)
from govtext.report.fingerprint import _code_fingerprint


class ReportContext:
    """Everything the section builders share: corpus, DTM, options and the output folder.

    The tokenizer (a memoized copy that knows the pieces of every report) and the DTM are
    built on first use, so sections read back from a :class:`govtext.cache.ResultCache`
    cost no tokenization at all.
    """

    def __init__(
        self,
        corpus: Corpus,
        out: Path,
        by: str,
        tokenizer: PolicyTokenizer | None = None,
        dtm: DocumentTermMatrix | None = None,
        top: int = 10,
        n_topics: int | None = None,
        max_groups: int = 12,
        random_state: int = 0,
        labels: list[str] | None = None,
        cache: dict[str, Any] | None = None,
        *,
        n_jobs: int | None = None,
        token_cache: Any = None,
        on_report: Callable[[str], None] | None = None,
        escape_formulas: bool = True,
        client: Any = None,
    ) -> None:
        self.corpus = corpus
        self.out = Path(out)
        self.by = by
        self.top = top
        self.n_topics = n_topics
        self.max_groups = max_groups
        self.random_state = random_state
        self.labels = list(labels) if labels is not None else []
        self.cache: dict[str, Any] = cache if cache is not None else {}
        self.n_jobs = n_jobs
        #: a dask.distributed Client that runs the per-report steps (None: this machine)
        self.client = client
        self.token_cache = token_cache
        self.on_report = on_report
        self.base_tokenizer = tokenizer
        self._tokenizer: PolicyTokenizer | None = None
        self._dtm = dtm
        self._indicators: list[pd.DataFrame] | None = None
        self._n_terms: int | None = None
        self._fingerprint: str | None = None
        self.stats: dict[str, int] = {"sections_reused": 0, "sections_computed": 0}
        self.escape_formulas = escape_formulas
        #: every file written into ``out`` during this run, relative, in order
        self.written: list[str] = []

    @classmethod
    def create(
        cls,
        corpus: Corpus,
        out: Path,
        *,
        by: str,
        tokenizer: PolicyTokenizer | None,
        top: int,
        n_topics: int | None,
        max_groups: int,
        random_state: int,
        on_report: Callable[[str], None] | None = None,
        n_jobs: int | None = None,
        token_cache: Any = None,
        lazy: bool = False,
        escape_formulas: bool = True,
        client: Any = None,
    ) -> ReportContext:
        """The context of a report. Unless ``lazy``, segment every report now (calling
        ``on_report(name)`` after each) and build the DTM; otherwise on first use.

        ``n_jobs`` worker processes cut the reports (None: the configuration, see
        :func:`govtext.config_context`), or the dask ``client``'s cluster; ``token_cache``
        (a folder or a :class:`govtext.cache.TokenCache`) keeps their pieces across runs.
        """
        ctx = cls(
            corpus,
            out,
            by,
            tokenizer,
            None,
            top,
            n_topics,
            max_groups,
            random_state,
            n_jobs=n_jobs,
            token_cache=token_cache,
            on_report=on_report,
            escape_formulas=escape_formulas,
            client=client,
        )
        ctx.labels = ctx._make_labels()
        if not lazy:
            ctx.dtm  # noqa: B018  (builds the tokenizer's memo and the DTM now)
        return ctx

    @property
    def tokenizer(self) -> PolicyTokenizer:
        """A memoized tokenizer that has already cut every report (see
        :func:`govtext.parallel.primed_tokenizer`)."""
        if self._tokenizer is None:
            from govtext.features.tokens import primed_tokenizer

            names = self.corpus.names
            cb = self.on_report
            jobs = self.n_jobs
            if getattr(self.base_tokenizer, "backend", "") == "rjieba":
                # jieba-rs cuts the 178 corpus reports in ~2 s here; forked workers took
                # longer to send the pieces back than to cut them (corpus report 24.5 s
                # against 30.8 s, median of 3 alternating runs; 2026-12-04)
                jobs = 1
            self._tokenizer = primed_tokenizer(
                self.corpus.texts,
                self.base_tokenizer,
                n_jobs=jobs,
                cache=self.token_cache,
                on_text=None if cb is None else (lambda i: cb(names[i])),
                client=self.client,
            )
        return self._tokenizer

    def indicator_tables(self) -> list[pd.DataFrame]:
        """:func:`govtext.extract_indicators` of every report, in corpus order: made once,
        with ``n_jobs`` worker processes or on the ``client``'s cluster."""
        if self._indicators is None:
            from govtext._runtime.parallel import map_reports
            from govtext.indicators.extract import report_indicators

            self._indicators = map_reports(
                report_indicators, list(self.corpus), n_jobs=self.n_jobs, client=self.client
            )
        return self._indicators

    @property
    def dtm(self) -> DocumentTermMatrix:
        """The document-term matrix of the corpus (built on first use)."""
        if self._dtm is None:
            from govtext.features.dtm import dtm

            self._dtm = dtm(self.corpus, tokenizer=self.tokenizer)
        return self._dtm

    @property
    def n_terms(self) -> int:
        """Columns of the DTM (read from the result cache when the DTM was not needed)."""
        if self._n_terms is None:
            self._n_terms = int(self.dtm.shape[1])
        return self._n_terms

    @property
    def docs(self) -> list[str]:
        """Report names (the DTM's row labels)."""
        return [str(i) for i in self.corpus.meta.index]

    def fingerprint(self) -> str:
        """Hash of everything the sections depend on: each report's name, text and metadata,
        the options, the tokenizer configuration, and the govtext code and library versions.
        """
        if self._fingerprint is None:
            import hashlib

            from govtext._runtime.cache import fingerprint

            docs = [
                (r.name, hashlib.sha256(r.text.encode("utf-8", "surrogatepass")).hexdigest())
                for r in self.corpus
            ]
            meta = self.corpus.meta.to_csv(lineterminator="\n")
            base = self.base_tokenizer
            if base is None:
                from govtext.tokenize.policy import PolicyTokenizer

                base = PolicyTokenizer()
            options = {
                "by": self.by,
                "top": self.top,
                "n_topics": self.n_topics,
                "max_groups": self.max_groups,
                "random_state": self.random_state,
                "max_table_rows": MAX_TABLE_ROWS,
                "max_similarity_labels": MAX_SIMILARITY_LABELS,
                "escape_formulas": self.escape_formulas,
                "skipped": [list(x) for x in getattr(self.corpus, "skipped", [])],
            }
            self._fingerprint = fingerprint(
                "govtext-report-v1", _code_fingerprint(), docs, meta, options, base.config_hash
            )
        return self._fingerprint

    def section_key(self, key: str) -> str:
        """Cache key of one section's result."""
        from govtext._runtime.cache import fingerprint

        return fingerprint("section", key, self.fingerprint())

    def _make_labels(self) -> list[str]:
        meta = self.corpus.meta
        labels = []
        for name, row in meta.iterrows():
            reg = row.get("region")
            year = row.get("year")
            if _is_missing(reg) and _is_missing(year):
                labels.append(str(name))
                continue
            labels.append(f"{short_region(reg)} {'' if _is_missing(year) else int(year)}".strip())
        if len(set(labels)) != len(labels):  # ambiguous short labels: fall back to names
            seen: dict[str, int] = {}
            for lab in labels:
                seen[lab] = seen.get(lab, 0) + 1
            labels = [lab if seen[lab] == 1 else str(name) for lab, name in zip(labels, meta.index)]
        return labels

    # ------------------------------------------------------------------ writers
    def target(self, rel: str) -> Path:
        """The path of ``rel`` inside the output folder, its folders made real.

        ``rel`` must be a relative path without ``..`` (see :func:`safe_rel`). A symbolic
        link met on the way (``out/data`` linking to another folder) is replaced by a real
        folder, with a warning, so nothing is ever written through it; the file itself is
        replaced by a rename, so a link in its place is replaced too, never followed.
        """
        if not safe_rel(rel):
            raise ValueError(f"not a relative path inside the output folder: {rel!r}")
        path = self.out
        for part in rel.split("/")[:-1]:
            path = path / part
            if path.is_symlink():
                import warnings

                warnings.warn(
                    f"{path} was a symbolic link; replaced by a real folder (the folder it "
                    "pointed to is left untouched)",
                    stacklevel=3,
                )
                path.unlink()
            if not path.is_dir():
                path.mkdir()  # a file in the way: FileExistsError, the section fails
        return self.out / rel

    def _wrote(self, rel: str) -> str:
        """Record ``rel`` as written by this run — only once its file is in place, so a
        failed write never makes :meth:`discard` remove a file this run did not write."""
        self.written.append(rel)
        return rel

    def write_csv(self, name: str, df: pd.DataFrame, *, index: bool = False) -> str:
        """Write a table as ``data/<name>.csv`` (UTF-8, ``\\n`` line ends, cells a
        spreadsheet would run as formulas escaped unless ``escape_formulas`` is false, see
        :func:`govtext.readwrite.tables.csv_text`); return its link."""
        from govtext.readwrite.tables import csv_text

        rel = f"data/{name}.csv"
        text = csv_text(df, index=index, float_format="%.6g", escape_formulas=self.escape_formulas)
        atomic_write_text(self.target(rel), text)
        return self._wrote(rel)

    def write_figure(self, name: str, fig: Any) -> str:
        """Write a figure as ``fig/<name>.png``; return its link."""
        from govtext.viz.figures import save

        rel = f"fig/{name}.png"
        save(fig, self.target(rel), dpi=110)
        return self._wrote(rel)

    def figure(
        self, name: str, fig: Any, *, alt: str, caption: str, data: str = "", grid: bool = False
    ) -> Block:
        """Write ``fig`` (see :meth:`write_figure`) and return the figure block showing it."""
        return Block(
            "figure",
            src=self.write_figure(name, fig),
            alt=alt,
            caption=caption,
            data=data,
            grid=grid,
        )

    def write_file(self, rel: str, data: bytes | str) -> str:
        """Write any other file (GEXF, JSON) under the output folder; return its link."""
        if isinstance(data, str):
            atomic_write_text(self.target(rel), data)
        else:
            atomic_write_bytes(self.target(rel), data)
        return self._wrote(rel)

    def discard(self, start: int) -> None:
        """Remove the files written since ``len(self.written)`` was ``start`` (a failed
        section leaves no files of its own)."""
        for rel in reversed(self.written[start:]):
            try:
                (self.out / rel).unlink()
            except FileNotFoundError:
                pass
            except OSError:  # pragma: no cover - unwritable folder: nothing was written
                pass
        del self.written[start:]

    # ------------------------------------------------------------------- groups
    def group_keys(self, by: str | None = None) -> list[Any]:
        """Group value of each report (``None`` where missing)."""
        col = by or self.by
        meta = self.corpus.meta
        if col not in meta.columns:
            return [None] * len(meta)
        return [None if _is_missing(v) else (int(v) if col == "year" else v) for v in meta[col]]

    def groups(self, by: str | None = None, *, limit: int | None = None) -> list[Any]:
        """Distinct groups in natural order; with ``limit``, the latest years (``year``) or
        the largest groups (others; ties: the later one)."""
        col = by or self.by
        keys = [k for k in self.group_keys(col) if k is not None]
        counts: dict[Any, int] = {}
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        if col == "level":  # administrative order, township up to national
            from govtext.corpus.meta import LEVELS

            rank = {lev: i for i, lev in enumerate(LEVELS)}
            order = sorted(counts, key=lambda v: (rank.get(str(v), len(rank)), str(v)))
        else:
            order = sorted(counts, key=_sort_key)
        if limit is not None and len(order) > limit and col == "year":
            return order[-limit:]  # the latest years, so consecutive groups are adjacent
        if limit is not None and len(order) > limit:
            pos = {k: i for i, k in enumerate(order)}
            rank = sorted(order, key=lambda k: (-counts[k], -pos[k]))
            chosen = set(rank[:limit])
            order = [k for k in order if k in chosen]
        return order


# ------------------------------------------------------------------------ file names
#: Folders and file types the page links to; nothing else is ever written or linked.
OUTPUT_FOLDERS = ("data", "fig", "network")
OUTPUT_SUFFIXES = (".csv", ".png", ".gexf", ".json", ".graphml")


def safe_rel(rel: Any) -> bool:
    """True for a relative POSIX path inside the output folder (no ``..``, no scheme).

    Examples
    --------
    >>> safe_rel("fig/a.png"), safe_rel("../x.csv"), safe_rel("javascript:alert(1)")
    (True, False, False)
    """
    from pathlib import PurePosixPath

    if not isinstance(rel, str) or not rel or "\\" in rel or ":" in rel or "\x00" in rel:
        return False
    p = PurePosixPath(rel)
    return not p.is_absolute() and ".." not in p.parts and "." not in rel.split("/")


def page_link(rel: Any) -> bool:
    """True for a link the page may carry: a file in ``data/``, ``fig/`` or ``network/``
    of a type the report writes (never an ``.html`` file, a URL or a path outside).

    Examples
    --------
    >>> page_link("data/keywords.csv"), page_link("data/x.html"), page_link("index.html")
    (True, False, False)
    """
    if not safe_rel(rel):
        return False
    parts = rel.split("/")
    return len(parts) == 2 and parts[0] in OUTPUT_FOLDERS and parts[1].endswith(OUTPUT_SUFFIXES)


def _plain_slug(value: Any) -> str:
    import re

    out = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", str(value)).strip("_")
    return out or "group"


def file_slugs(values: Any) -> dict[Any, str]:
    """A file-name part for each value, distinct for distinct values.

    Punctuation and spaces become ``_`` (CJK characters are kept); values whose slugs
    would collide (``甲 县``, ``甲'县``, ``甲_县``; also ``A县``/``a县`` on a file system
    that ignores case) each get an 8-hex-digit hash of the value as a suffix. The result
    does not depend on the order of ``values``.

    Examples
    --------
    >>> file_slugs([2022, 2023])
    {2022: '2022', 2023: '2023'}
    >>> s = file_slugs(["甲 县", "甲'县", "甲_县", "乙县"])
    >>> s["乙县"], len(set(s.values())), s["甲 县"].startswith("甲_县-")
    ('乙县', 4, True)
    """
    import hashlib

    values = list(dict.fromkeys(values))
    plain = {v: _plain_slug(v) for v in values}
    seen: dict[str, int] = {}
    for slug in plain.values():
        seen[slug.casefold()] = seen.get(slug.casefold(), 0) + 1
    out = {}
    for v, slug in plain.items():
        if seen[slug.casefold()] > 1:
            digest = hashlib.sha256(str(v).encode("utf-8", "surrogatepass")).hexdigest()
            slug = f"{slug}-{digest[:8]}"
        out[v] = slug
    return out


def fit_default_k(fit: Callable[[int], Any], k: int, *, option: str = "k") -> tuple[Any, int]:
    """``fit(k)`` for a number of topics the user did not choose, lowered while the data
    allow fewer topics only (an :class:`~govtext.errors.InputError` ending in "lower k").

    Returns the fitted model and the ``k`` used. When not even two topics fit, the error
    says so in the user's terms and names ``option``.

    Examples
    --------
    >>> from govtext.errors import InputError
    >>> def fit(k):
    ...     if k > 4:
    ...         raise InputError(f"only 4 distinct words for k={k} topics; lower k")
    ...     return f"model with {k} topics"
    >>> fit_default_k(fit, 12)
    ('model with 4 topics', 4)
    """
    import re

    from govtext.errors import InputError

    asked = k
    while True:
        try:
            return fit(k), k
        except InputError as exc:
            m = re.search(r"only (\d+) (.*) for k=\d+ topics; lower k", str(exc))
            if m is None:
                raise
            if k <= 2 or int(m.group(1)) < 2:
                raise InputError(
                    f"the reports are too short for a topic model: only {m.group(1)} "
                    f"{m.group(2)} (the default {asked} topics and even 2 need more); "
                    f"give longer reports, or set {option} lower"
                ) from None
            k = max(2, min(k - 1, int(m.group(1))))
