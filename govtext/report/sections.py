"""Section builders of the ``govtext report`` page (see :func:`govtext.build_report`).

Each builder takes a :class:`ReportContext` and returns a :class:`Section`: a title, one
sentence on how to read it, the govtext function that produced it, and blocks (tables,
figures, notes) whose data files it has written into the output folder. A builder whose
analysis function is missing from this version of govtext raises :class:`Unavailable`,
and the page keeps the section with a "not available in this version" note instead of
showing made-up results.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext._runtime.files import atomic_write_bytes, atomic_write_text
from govtext.errors import GovtextError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "Block",
    "Section",
    "ReportContext",
    "Unavailable",
    "NotApplicable",
    "SECTION_BUILDERS",
    "run_builder",
    "run_section",
    "render_page",
]

MAX_TABLE_ROWS = 60
MAX_SIMILARITY_LABELS = 60  # more reports: the heatmap shows means between groups


class Unavailable(Exception):
    """The analysis behind a section is not part of this version of govtext."""


class NotApplicable(Exception):
    """The corpus lacks what a section needs (e.g. metadata); the message says what."""


@dataclass
class Block:
    """One piece of a section: ``table``, ``figure``, ``text``, ``note`` or ``heading``."""

    kind: str
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    src: str = ""
    alt: str = ""
    text: str = ""
    data: str = ""
    total_rows: int = 0
    grid: bool = False  # figures drawn side by side (small multiples)


@dataclass
class Section:
    """A section of the page."""

    key: str
    title: str
    how: str
    produced_by: str
    blocks: list[Block] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | unavailable | error
    note: str = ""


def _api(name: str) -> Callable[..., Any]:
    """The public govtext function ``name``, or :class:`Unavailable` if this version lacks it."""
    import importlib

    import govtext

    mod = govtext._LAZY.get(name)
    if mod is None:
        raise Unavailable(f"govtext.{name}")
    try:
        module = importlib.import_module(f"govtext.{mod}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("govtext"):
            raise Unavailable(f"govtext.{name}") from None
        raise
    fn = getattr(module, name, None)
    if fn is None:
        raise Unavailable(f"govtext.{name}")
    return fn


def _has(name: str) -> bool:
    try:
        _api(name)
    except Unavailable:
        return False
    return True


# ------------------------------------------------------------------------------ context
_PREFIX = re.compile(
    r"^(?:.+?(?:省|自治区|特别行政区))?(?:.+?(?:市|自治州|地区|盟))?(?=.+[县区市镇乡旗])"
)


def short_region(region: Any) -> str:
    """The last administrative unit of a region name (``河北省保定市顺平县`` → ``顺平县``).

    Examples
    --------
    >>> short_region("河北省保定市顺平县"), short_region("天津市津南区北闸口镇"), short_region("河北省")
    ('顺平县', '北闸口镇', '河北省')
    """
    if region is None or (isinstance(region, float) and math.isnan(region)):
        return "?"
    s = str(region)
    parts = re.findall(
        r".+?(?:自治区|特别行政区|自治州|自治县|省|市|地区|盟|县|区|旗|镇|乡|街道)", s
    )
    if len(parts) >= 2 and "".join(parts) == s:
        return parts[-1]
    return s


def _is_missing(v: Any) -> bool:
    """True for None, NaN and pandas' NA.

    Examples
    --------
    >>> import pandas as pd
    >>> _is_missing(None), _is_missing(float("nan")), _is_missing(pd.NA), _is_missing(0)
    (True, True, True, False)
    """
    if v is None:
        return True
    try:
        import pandas as pd

        res = pd.isna(v)
    except (TypeError, ValueError, ImportError):  # pragma: no cover
        return False
    return bool(res) if isinstance(res, (bool,)) or getattr(res, "ndim", 1) == 0 else False


def fmt(v: Any, digits: int = 3) -> str:
    """Format a table cell: floats rounded, missing values as an empty string.

    Examples
    --------
    >>> fmt(0.123456), fmt(None), fmt(2023), fmt("乡村振兴")
    ('0.123', '', '2023', '乡村振兴')
    """
    if _is_missing(v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    try:
        import numpy as np

        if isinstance(v, np.generic):
            v = v.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.{digits}f}"
    if isinstance(v, (list, tuple)):
        return "、".join(fmt(x, digits) for x in v)
    return str(v)


def _clip(s: Any, n: int) -> str:
    """Shorten a label to ``n`` characters with an ellipsis.

    Examples
    --------
    >>> _clip("规上工业增加值/社会消费品零售总额", 8)
    '规上工业增加值…'
    """
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _slug(s: Any) -> str:
    """A file-name-safe version of a group label (keeps CJK characters)."""
    out = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", str(s)).strip("_")
    return out or "group"


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
        n_jobs: int | None = 1,
        token_cache: Any = None,
        on_report: Callable[[str], None] | None = None,
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
        self.token_cache = token_cache
        self.on_report = on_report
        self.base_tokenizer = tokenizer
        self._tokenizer: PolicyTokenizer | None = None
        self._dtm = dtm
        self._n_terms: int | None = None
        self._fingerprint: str | None = None
        self.stats: dict[str, int] = {"sections_reused": 0, "sections_computed": 0}

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
        n_jobs: int | None = 1,
        token_cache: Any = None,
        lazy: bool = False,
    ) -> ReportContext:
        """The context of a report. Unless ``lazy``, segment every report now (calling
        ``on_report(name)`` after each) and build the DTM; otherwise on first use.

        ``n_jobs`` worker processes cut the reports; ``token_cache`` (a folder or a
        :class:`govtext.cache.TokenCache`) keeps their pieces across runs.
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
            self._tokenizer = primed_tokenizer(
                self.corpus.texts,
                self.base_tokenizer,
                n_jobs=self.n_jobs,
                cache=self.token_cache,
                on_text=None if cb is None else (lambda i: cb(names[i])),
            )
        return self._tokenizer

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
    def write_csv(self, name: str, df: pd.DataFrame, *, index: bool = False) -> str:
        """Write a table as ``data/<name>.csv`` (UTF-8, ``\\n`` line ends); return its link."""
        rel = f"data/{name}.csv"
        text = df.to_csv(index=index, lineterminator="\n", float_format="%.6g")
        atomic_write_text(self.out / rel, text)
        return rel

    def write_figure(self, name: str, fig: Any) -> str:
        """Write a figure as ``fig/<name>.png``; return its link."""
        from govtext.viz.figures import save

        rel = f"fig/{name}.png"
        save(fig, self.out / rel, dpi=110)
        return rel

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
            atomic_write_text(self.out / rel, data)
        else:
            atomic_write_bytes(self.out / rel, data)
        return rel

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


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, (int, float)):
        return (0, v)
    return (1, str(v))


def table_block(
    df: pd.DataFrame, caption: str, data: str, *, max_rows: int = MAX_TABLE_ROWS, digits: int = 3
) -> Block:
    """A table block from a DataFrame (cells formatted as text; at most ``max_rows`` shown)."""
    cols = [str(c) for c in df.columns]
    rows = [[fmt(v, digits) for v in rec] for rec in df.head(max_rows).itertuples(index=False)]
    return Block("table", caption=caption, columns=cols, rows=rows, data=data, total_rows=len(df))


# ------------------------------------------------------------------------- sections
def build_overview(ctx: ReportContext) -> Section:
    import pandas as pd

    sec = Section(
        "overview",
        "Corpus overview",
        "One row per report: read down the table to see which regions, levels and years are "
        "compared, who gave each report, how long it is and which parts (review, targets, "
        "tasks, government self-building) were recognised.",
        "govtext.load_corpus / Corpus.meta; sections from govtext.parse_sections",
    )
    meta = ctx.corpus.meta
    have_sections = _has("parse_sections")
    found: list[str] = []
    if have_sections:
        for r in ctx.corpus:
            try:
                kinds = _section_kinds(r)
            except GovtextError:
                kinds = []
            found.append("、".join(kinds))
    df = pd.DataFrame(
        {
            "name": list(meta.index),
            "region": meta.get("region"),
            "level": meta.get("level"),
            "year": meta.get("year"),
            "speaker": meta.get("speaker"),
            "chars": meta.get("chars"),
            "tokens": ctx.dtm.doc_lengths(),
        }
    )
    if have_sections:
        df["sections"] = found
    else:
        sec.note = (
            "Sections found: not available in this version (govtext.parse_sections is missing)."
        )
    df = df.reset_index(drop=True)
    link = ctx.write_csv("overview", df)
    sec.files.append(link)
    sec.blocks.append(table_block(df, f"{len(df)} reports", link, max_rows=500))

    # reports per year, stacked by level
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    if years:
        levels = sorted({str(v) for v in meta["level"].dropna()}) or ["?"]
        counts = [
            [int(((meta["year"] == y) & (meta["level"] == lev)).sum()) for lev in levels]
            for y in years
        ]
        from govtext.viz.figures import bar_chart

        fig = bar_chart(
            [str(y) for y in years],
            counts,
            title="每年的报告数（按层级）",
            xlabel="报告数",
            horizontal=False,
            stacked_labels=levels,
        )
        sec.blocks.append(
            ctx.figure(
                "overview_years",
                fig,
                alt="Reports per year",
                caption="Reports per year, stacked by level.",
            )
        )
    return sec


def _section_kinds(report: Any) -> list[str]:
    secs = report.sections
    kinds: list[str] = []
    items = getattr(secs, "children", None)
    if items is None:
        items = secs if isinstance(secs, (list, tuple)) else []
    for s in items:
        k = getattr(s, "kind", None)
        if k is None and isinstance(s, dict):
            k = s.get("kind")
        if k and k != "other" and k not in kinds:
            kinds.append(str(k))
    return kinds


def build_keywords(ctx: ReportContext) -> Section:
    import numpy as np
    import pandas as pd

    sec = Section(
        "keywords",
        "Top keywords per report",
        "Each row lists the words that set one report apart (TF-IDF: frequent in this "
        "report, rare in government work reports generally, using the shipped reference "
        "document frequencies plus this corpus); read across a row for a report's themes.",
        f"govtext.keywords(dtm, top={ctx.top})",
    )
    if _has("keywords"):
        kw = _api("keywords")(ctx.dtm, top=ctx.top)
        long = _keywords_long(kw, ctx)
    else:
        sec.produced_by = (
            "DocumentTermMatrix.tfidf (fallback: govtext.keywords is not in this version)"
        )
        w = ctx.dtm.tfidf()
        rows = []
        for i, name in enumerate(ctx.dtm.docs):
            row = w.getrow(i)
            order = np.lexsort((row.indices, -row.data))[: ctx.top]
            for rank, j in enumerate(order, 1):
                rows.append((name, rank, ctx.dtm.vocab[row.indices[j]], float(row.data[j])))
        long = pd.DataFrame(rows, columns=["report", "rank", "term", "score"])
    link = ctx.write_csv("keywords", long)
    sec.files.append(link)
    wide = (
        long.sort_values(["report", "rank"], kind="stable")
        .groupby("report", sort=False)["term"]
        .agg(lambda s: "  ".join(map(str, s)))
    )
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    table = pd.DataFrame(
        {
            "report": [label.get(n, n) for n in ctx.dtm.docs],
            f"top {ctx.top} keywords": [wide.get(n, "") for n in ctx.dtm.docs],
        }
    )
    sec.blocks.append(
        table_block(table, "Keywords per report (scores in the CSV)", link, max_rows=500)
    )
    return sec


def _keywords_long(kw: Any, ctx: ReportContext) -> pd.DataFrame:
    """Normalise the result of ``govtext.keywords`` to columns report, rank, term, score."""
    import pandas as pd

    df = kw if isinstance(kw, pd.DataFrame) else pd.DataFrame(kw)
    cols = {c.lower(): c for c in map(str, df.columns)}
    rep = next((cols[c] for c in ("report", "doc", "document", "name") if c in cols), None)
    term = next((cols[c] for c in ("term", "keyword", "word") if c in cols), None)
    score = next((cols[c] for c in ("score", "tfidf", "weight", "value") if c in cols), None)
    if rep is None and term is not None:
        df = df.reset_index()
        rep = str(df.columns[0])
    if rep is None or term is None:
        raise GovtextError(f"unexpected result of govtext.keywords: columns {list(df.columns)}")
    out = pd.DataFrame({"report": df[rep].astype(str), "term": df[term].astype(str)})
    out["score"] = df[score].astype(float).to_numpy() if score else float("nan")
    if "rank" in cols:
        out["rank"] = df[cols["rank"]].astype(int).to_numpy()
    else:
        out["rank"] = out.groupby("report", sort=False).cumcount() + 1
    return out[["report", "rank", "term", "score"]]


def _pairs_consecutive_years(ctx: ReportContext) -> list[tuple[str, Any, Any, Any]]:
    """(kind, region, earlier year, later year) for every region with several years."""
    meta = ctx.corpus.meta
    out = []
    if "region" not in meta or "year" not in meta:
        return out
    for reg in sorted({str(r) for r in meta["region"].dropna()}):
        years = sorted({int(y) for y in meta.loc[meta["region"] == reg, "year"].dropna()})
        for a, b in zip(years, years[1:]):
            out.append(("years", reg, a, b))
    return out


def _pairs_same_year(ctx: ReportContext) -> list[tuple[str, Any, Any, Any]]:
    """(kind, year, level, region) for each region against the other regions of its level and year."""
    meta = ctx.corpus.meta
    out = []
    if "region" not in meta or "year" not in meta:
        return out
    lev_col = meta["level"] if "level" in meta else None
    for y in sorted({int(v) for v in meta["year"].dropna()}):
        sub = meta[meta["year"] == y]
        levels = sorted({str(v) for v in sub["level"].dropna()}) if lev_col is not None else [None]
        for lev in levels:
            s2 = sub if lev is None else sub[sub["level"] == lev]
            regions = sorted({str(r) for r in s2["region"].dropna()})
            if len(regions) < 2:
                continue
            for reg in regions:
                out.append(("regions", y, lev, reg))
    return out


def _keyness_lists(k: pd.DataFrame, top: int) -> tuple[list[str], list[str]]:
    pos = k[k["score"] > 0].head(top)["term"].tolist()
    neg = k[k["score"] < 0].sort_values(["score", "term"], kind="mergesort").head(top)
    return pos, neg["term"].tolist()


def build_keyness(ctx: ReportContext) -> Section:
    import numpy as np
    import pandas as pd

    keyness = _api("keyness")
    sec = Section(
        "keyness",
        "Keyness: consecutive years and regions of the same year",
        "Each row compares a target with a reference: 'more in target' lists the words the "
        "target uses significantly more often (log-odds z-score with an informative "
        "Dirichlet prior, highest first), 'less in target' the words it uses less.",
        "govtext.keyness(dtm, target, reference, measure='log_odds')",
    )
    meta = ctx.dtm.meta
    region = meta["region"].astype(object) if "region" in meta else None
    year = meta["year"] if "year" in meta else None
    if region is None or year is None:
        raise NotApplicable("Keyness pairs need year and region metadata; these reports have none.")
    long_parts = []
    rows_years, rows_regions = [], []

    def run(
        kind: str, target: Any, reference: Any, tname: str, rname: str, show: tuple[str, str]
    ) -> None:
        if not np.any(target) or not np.any(reference):
            return
        k = keyness(ctx.dtm, target, reference, "log_odds", min_count=2)
        more, less = _keyness_lists(k, ctx.top)
        part = pd.concat([k[k["score"] > 0].head(50), k[k["score"] < 0].tail(50)])
        part.insert(0, "reference", rname)
        part.insert(0, "target", tname)
        part.insert(0, "comparison", kind)
        long_parts.append(part)
        row = [show[0], show[1], "  ".join(more), "  ".join(less)]
        (rows_years if kind == "consecutive years" else rows_regions).append(row)

    reg = region.to_numpy()
    yr = year.to_numpy(dtype=float, na_value=np.nan)
    for _, r, a, b in _pairs_consecutive_years(ctx):
        t = (reg == r) & (yr == b)
        ref = (reg == r) & (yr == a)
        run(
            "consecutive years",
            t,
            ref,
            f"{r} {b}",
            f"{r} {a}",
            (f"{short_region(r)} {b}", f"{short_region(r)} {a}"),
        )
    lev = meta["level"].astype(object).to_numpy() if "level" in meta else None
    for _, y, level, r in _pairs_same_year(ctx):
        same = (yr == y) & ((lev == level) if lev is not None else True)
        t = same & (reg == r)
        ref = same & (reg != r)
        run(
            "regions of the same year",
            t,
            ref,
            f"{r} {y}",
            f"other {level or ''} regions {y}".replace("  ", " "),
            (f"{short_region(r)} {y}", f"other {level or ''} regions {y}".replace("  ", " ")),
        )
    cols = [
        "target",
        "reference",
        f"more in target (top {ctx.top})",
        f"less in target (top {ctx.top})",
    ]
    if long_parts:
        link = ctx.write_csv("keyness", pd.concat(long_parts, ignore_index=True))
        sec.files.append(link)
    else:
        link = ""
        sec.note = (
            "No pair to compare: the corpus has no region with two years and no year with "
            "two regions of the same level."
        )
    sec.blocks.append(Block("heading", text="Consecutive years of the same region"))
    if rows_years:
        sec.blocks.append(
            table_block(
                pd.DataFrame(rows_years, columns=cols),
                "Later year (target) against the year before (reference)",
                link,
                max_rows=200,
            )
        )
    else:
        sec.blocks.append(Block("note", text="No region has reports for two or more years."))
    sec.blocks.append(Block("heading", text="Regions of the same year (and level)"))
    if rows_regions:
        sec.blocks.append(
            table_block(
                pd.DataFrame(rows_regions, columns=cols),
                "Each region (target) against the other regions of its level that year",
                link,
                max_rows=200,
            )
        )
    else:
        sec.blocks.append(
            Block("note", text="No year has reports from two or more regions of the same level.")
        )
    return sec


def build_emerging(ctx: ReportContext) -> Section:
    import pandas as pd

    emerging_terms = _api("emerging_terms")
    trends = _api("trends")
    sec = Section(
        "emerging",
        "Emerging and fading terms",
        "For each region with reports over at least three years, the terms whose rate per "
        "10,000 words in the latest year is at least twice (emerging) or at most half "
        "(fading) that of the three years before, with |z| ≥ 3; the chart follows the "
        "strongest ones over time.",
        "govtext.emerging_terms(dtm, by='year', recent=1, baseline=3); govtext.trends",
    )
    meta = ctx.dtm.meta
    if "region" not in meta or "year" not in meta:
        raise NotApplicable(
            "Emerging terms need year and region metadata; these reports have none."
        )
    parts, rows = [], []
    best: tuple[int, str] | None = None
    for reg in sorted({str(r) for r in meta["region"].dropna()}):
        mask = (meta["region"] == reg).fillna(False).to_numpy(dtype=bool)
        years = sorted({int(y) for y in meta.loc[mask, "year"].dropna()})
        if len(years) < 3:
            continue
        sub = ctx.dtm.select(mask)
        e = emerging_terms(sub, "year", recent=1, baseline=3)
        e = e.copy()
        e.insert(0, "baseline_years", "、".join(map(str, e.attrs.get("baseline", years[-4:-1]))))
        e.insert(0, "recent_year", years[-1])
        e.insert(0, "region", reg)
        parts.append(e)
        em = e[e["direction"] == "emerging"]["term"].head(ctx.top).tolist()
        fa = e[e["direction"] == "fading"]["term"].head(ctx.top).tolist()
        rows.append(
            [
                short_region(reg),
                f"{years[-1]} vs {e['baseline_years'].iloc[0] if len(e) else '、'.join(map(str, years[-4:-1]))}",
                "  ".join(em),
                "  ".join(fa),
            ]
        )
        if best is None or len(years) > best[0]:
            best = (len(years), reg)
    if not parts:
        sec.note = "No region has reports for three or more years, so no trend can be measured."
        return sec
    allp = pd.concat(parts, ignore_index=True)
    link = ctx.write_csv("emerging_terms", allp)
    sec.files.append(link)
    table = pd.DataFrame(
        rows,
        columns=[
            "region",
            "years compared",
            f"emerging (top {ctx.top})",
            f"fading (top {ctx.top})",
        ],
    )
    sec.blocks.append(table_block(table, "Strongest emerging and fading terms per region", link))
    if best is not None:
        reg = best[1]
        sub_e = allp[allp["region"] == reg]
        terms = sub_e[sub_e["direction"] == "emerging"]["term"].head(5).tolist()
        terms += sub_e[sub_e["direction"] == "fading"]["term"].head(3).tolist()
        if terms:
            mask = (meta["region"] == reg).fillna(False).to_numpy(dtype=bool)
            tr = trends(ctx.dtm.select(mask), "year", terms)
            tlink = ctx.write_csv("trends", tr.reset_index())
            sec.files.append(tlink)
            from govtext.viz.figures import line_chart

            fig = line_chart(
                [int(v) for v in tr.index],
                {t: tr[t].tolist() for t in terms},
                title=f"{short_region(reg)}：新兴与衰退词的频率（每万词）",
                xlabel="年份",
                ylabel="每万词出现次数",
            )
            sec.blocks.append(
                ctx.figure(
                    "trends",
                    fig,
                    alt="Term trends",
                    caption=f"Rate per 10,000 words of the strongest emerging and fading terms of {reg} over its years.",
                    data=tlink,
                )
            )
    return sec


def _n_topics(ctx: ReportContext) -> int:
    if ctx.n_topics is not None:
        return int(ctx.n_topics)
    return int(min(12, max(3, len(ctx.corpus) // 3 + 2)))


def build_topics(ctx: ReportContext) -> Section:
    import pandas as pd

    fit_topics = _api("fit_topics")
    k = _n_topics(ctx)
    sec = Section(
        "topics",
        "Topic prevalence by year and by region",
        "Each cell is the share of a year's (or region's) text that the topic model assigns "
        "to a topic (columns sum to one); read a row across to see attention to one topic "
        "rise or fall.",
        f"govtext.fit_topics(corpus, k={k}, method='nmf', unit='paragraph', random_state={ctx.random_state}); TopicModel.prevalence",
    )
    model = fit_topics(ctx.corpus, k=k, random_state=ctx.random_state, tokenizer=ctx.tokenizer)
    topics = model.topics
    tlink = ctx.write_csv("topics", topics)
    sec.files.append(tlink)
    labels = [f"{i}: {_clip(lab, 14)}" for i, lab in enumerate(model.labels_)]
    top = model.top_terms(8)
    sec.blocks.append(
        table_block(
            pd.DataFrame({"topic": list(range(k)), "top words": ["  ".join(t) for t in top]}),
            f"{k} topics (FREX-ranked words; weights in the CSV)",
            tlink,
        )
    )
    dt = model.document_topics() if callable(getattr(model, "document_topics", None)) else None
    if dt is not None:
        sec.files.append(ctx.write_csv("document_topics", dt.reset_index()))

    for by in ("year", "region"):
        if by not in ctx.corpus.meta.columns or ctx.corpus.meta[by].isna().all():
            sec.blocks.append(Block("note", text=f"No {by} metadata: no prevalence by {by}."))
            continue
        prev = model.prevalence(by)
        link = ctx.write_csv(f"topic_prevalence_by_{by}", prev.reset_index())
        sec.files.append(link)
        cols = [str(v) if by == "year" else short_region(v) for v in prev.index]
        fig = _group_heatmap(
            prev.to_numpy(),
            cols,
            labels,
            title=f"主题占比（按{'年份' if by == 'year' else '地区'}）",
            cmap="YlGnBu",
            colorbar_label="share of text",
            fmt="{:.2f}",
            vmin=0,
        )
        sec.blocks.append(
            ctx.figure(
                f"topic_prevalence_by_{by}",
                fig,
                alt=f"Topic prevalence by {by}",
                caption=f"Topic prevalence by {by} ({len(prev)} groups).",
                data=link,
            )
        )
    return sec


def _group_heatmap(values: Any, groups: list[str], items: list[str], **kw: Any) -> Any:
    """Heatmap of groups × items: groups as columns when few, as rows when many (> 20)."""
    import numpy as np

    from govtext.viz.figures import heatmap

    arr = np.asarray(values, dtype=float)
    if len(groups) > 20:
        return heatmap(arr, groups, items, **kw)
    return heatmap(arr.T, items, groups, **kw)


def _gexf_bytes(G: Any) -> bytes:
    """GEXF of a graph with reproducible bytes (networkx's date stamp removed)."""
    import networkx as nx

    H = nx.Graph()
    H.graph.update(
        {k: (v if isinstance(v, (str, int, float)) else str(v)) for k, v in G.graph.items()}
    )
    for n in sorted(G.nodes, key=str):
        H.add_node(str(n), **{k: _plain(v) for k, v in sorted(G.nodes[n].items())})
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        H.add_edge(str(u), str(v), **{k: _plain(x) for k, x in sorted(d.items())})
    text = "\n".join(nx.generate_gexf(H, prettyprint=True)) + "\n"
    text = re.sub(r'\s*lastmodifieddate="[^"]*"', "", text)
    return text.encode("utf-8")


def _plain(v: Any) -> Any:
    try:
        import numpy as np

        if isinstance(v, np.generic):
            return v.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _graph_json(G: Any) -> str:
    nodes = [
        {"id": str(n), **{k: _plain(v) for k, v in sorted(G.nodes[n].items())}}
        for n in sorted(G.nodes, key=str)
    ]
    links = [
        {"source": str(u), "target": str(v), **{k: _plain(x) for k, x in sorted(d.items())}}
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ]
    graph = {k: _plain(v) for k, v in sorted(G.graph.items())}
    return (
        json.dumps(
            {"directed": False, "graph": graph, "nodes": nodes, "links": links},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        + "\n"
    )


def _spread_layout(G: Any, seed: int) -> None:
    """Set ``x``/``y`` of the drawn nodes so that labels stay readable.

    The largest connected component is laid out by Kamada-Kawai on path lengths
    (deterministic; strongly linked clusters do not collapse onto each other); smaller
    components are laid out the same way and lined up, smaller, below it.
    """
    import networkx as nx
    import numpy as np

    if G.number_of_nodes() == 0:
        return
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0]))
    )

    def unit(nodes: list[Any]) -> dict[Any, np.ndarray]:
        if len(nodes) == 1:
            return {nodes[0]: np.zeros(2)}
        if len(nodes) == 2:
            return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
        pos = nx.kamada_kawai_layout(G.subgraph(nodes), weight=None)
        arr = np.array([pos[n] for n in nodes], dtype=float)
        arr -= arr.mean(axis=0)
        arr /= max(float(np.abs(arr).max()), 1e-9)
        return {n: arr[i] for i, n in enumerate(nodes)}

    out = {n: p for n, p in unit(comps[0]).items()}
    rest = comps[1:]
    if rest:
        step = 2.4 / max(len(rest), 1)
        for i, comp in enumerate(rest):
            scale = min(0.35, step * 0.4)
            cx = -1.0 + step * (i + 0.5)
            for n, p in unit(comp).items():
                out[n] = np.array([cx + p[0] * scale, -1.35 + p[1] * scale * 0.6])
    for n, (x, y) in out.items():
        G.nodes[n]["x"] = round(float(x), 6)
        G.nodes[n]["y"] = round(float(y), 6)
    del seed  # the layout is deterministic without one


def build_network(ctx: ReportContext) -> Section:
    import pandas as pd

    graphs_by = _api("graphs_by")
    compare_graphs = _api("compare_graphs")
    _api("cooccurrence_graph")
    sec = Section(
        "network",
        f"Co-occurrence networks by {ctx.by} and their change",
        "Two words are linked when they occur in the same sentences at least twice (weight: "
        "Jaccard coefficient, sentences with both / sentences with either; thicker = "
        "stronger; colours = Louvain communities); every group uses the same 40 words, the "
        "most frequent in the corpus, so the change table can count the links gained and "
        "lost from one group to the next.",
        f"govtext.graphs_by(corpus, by={ctx.by!r}, top_n=40, measure='jaccard'); "
        "govtext.compare_graphs; govtext.netplot.draw_network",
    )
    groups = ctx.groups(limit=ctx.max_groups)
    all_groups = ctx.groups()
    if not groups:
        raise NotApplicable(
            f"Networks by {ctx.by} need {ctx.by} metadata; no report has a {ctx.by}."
        )
    keys = ctx.group_keys()
    chosen = set(groups)
    sub = ctx.corpus[[k in chosen for k in keys]]
    gs = graphs_by(sub, ctx.by, tokenizer=ctx.tokenizer, top_n=40, random_state=ctx.random_state)
    if len(all_groups) > len(groups):
        sec.blocks.append(
            Block(
                "note",
                text=(
                    f"{len(all_groups)} groups by {ctx.by}; the {len(groups)} "
                    f"{'latest' if ctx.by == 'year' else 'with the most reports'} are drawn "
                    f"(max_groups={ctx.max_groups})."
                ),
            )
        )
    try:  # drawing and export of govtext.network (netplot); the plot module as fallback
        from govtext.viz.network import draw_network, write_gexf, write_json
    except ImportError:  # pragma: no cover - older versions
        draw_network = write_gexf = write_json = None  # type: ignore[assignment]
    from govtext.viz.figures import network_figure

    node_rows, edge_rows = [], []
    order = [g for g in groups if g in gs]  # natural order (levels: township → national)
    for g in order:
        G = gs[g]
        slug = _slug(g)
        base = f"network/{ctx.by}_{slug}"
        if write_gexf is not None and write_json is not None:
            write_gexf(G, ctx.out / f"{base}.gexf")
            write_json(G, ctx.out / f"{base}.json")
        else:  # pragma: no cover
            ctx.write_file(f"{base}.gexf", _gexf_bytes(G))
            ctx.write_file(f"{base}.json", _graph_json(G))
        gexf = f"{base}.gexf"
        sec.files.extend([gexf, f"{base}.json"])
        label = str(g) if ctx.by != "region" else short_region(g)
        n_docs = sum(1 for k in keys if k == g)
        title = f"{label}（{n_docs} 篇报告）"
        linked = G.subgraph(sorted((n for n in G.nodes if G.degree(n) > 0), key=str)).copy()
        _spread_layout(linked, ctx.random_state)
        if draw_network is not None:
            fig = draw_network(
                linked, title=title, seed=ctx.random_state, figsize=(7.0, 6.2), font_size=10.5
            )
        else:  # pragma: no cover
            fig = network_figure(linked, title=title, seed=ctx.random_state)
        sec.blocks.append(
            ctx.figure(
                f"network_{ctx.by}_{slug}",
                fig,
                alt=f"Co-occurrence network, {ctx.by} = {g}",
                caption=f"{ctx.by} = {g}: {G.number_of_edges()} links",
                data=gexf,
                grid=True,
            )
        )
        for n in sorted(G.nodes, key=str):
            d = G.nodes[n]
            node_rows.append(
                {
                    "group": g,
                    "term": n,
                    **{
                        c: _plain(d.get(c))
                        for c in (
                            "frequency",
                            "community",
                            "degree",
                            "strength",
                            "degree_centrality",
                            "betweenness",
                        )
                    },
                }
            )
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            edge_rows.append(
                {
                    "group": g,
                    "source": u,
                    "target": v,
                    "count": _plain(d.get("count")),
                    "weight": _plain(d.get("weight")),
                }
            )
    sec.files.append(ctx.write_csv("network_nodes", pd.DataFrame(node_rows)))
    sec.files.append(ctx.write_csv("network_edges", pd.DataFrame(edge_rows)))
    summ, changes = [], []
    for a, b in zip(order, order[1:]):
        cmp = compare_graphs(gs[a], gs[b])
        s = cmp.summary
        gained = cmp.edges[cmp.edges["status"] == "gained"].head(5)
        lost = cmp.edges[cmp.edges["status"] == "lost"].head(5)
        summ.append(
            [
                f"{a} → {b}",
                int(s["gained"]),
                int(s["lost"]),
                int(s["strengthened"]),
                int(s["weakened"]),
                float(s["edge_jaccard"]),
                "  ".join(f"{x}–{y}" for x, y in zip(gained["source"], gained["target"])),
                "  ".join(f"{x}–{y}" for x, y in zip(lost["source"], lost["target"])),
            ]
        )
        e = cmp.edges.copy()
        e.insert(0, "to", b)
        e.insert(0, "from", a)
        changes.append(e)
    if summ:
        link = ctx.write_csv("network_changes", pd.concat(changes, ignore_index=True))
        sec.files.append(link)
        table = pd.DataFrame(
            summ,
            columns=[
                "change",
                "links gained",
                "links lost",
                "strengthened",
                "weakened",
                "edge Jaccard",
                "strongest gained",
                "strongest lost",
            ],
        )
        sec.blocks.append(Block("heading", text=f"Change between consecutive groups ({ctx.by})"))
        sec.blocks.append(
            table_block(table, "Edge Jaccard = share of links the two groups have in common", link)
        )
    else:
        sec.blocks.append(Block("note", text=f"Only one group by {ctx.by}: no change to show."))
    return sec


def build_indicators(ctx: ReportContext) -> Section:
    _api("extract_indicators")
    sec = Section(
        "indicators",
        "Indicators, targets and targets vs actuals",
        "Every number with a unit that a report gives for a named indicator (value, unit, "
        "whether it is an actual, an estimate or a target, and the sentence it comes from); "
        "the figure sets each year's growth target against the growth reported a year later.",
        "govtext.extract_indicators; govtext.targets; govtext.target_panel",
    )
    return _build_indicators(ctx, sec, _api("extract_indicators"))


def _build_indicators(
    ctx: ReportContext, sec: Section, extract_indicators: Callable[..., Any]
) -> Section:
    import pandas as pd

    parts = []
    for r in ctx.corpus:
        df = extract_indicators(r)
        df.insert(0, "report", r.name)
        parts.append(df)
    allind = pd.concat(parts, ignore_index=True)
    link = ctx.write_csv("indicators", allind)
    sec.files.append(link)
    counts = allind.groupby(["report", "status"]).size().unstack(fill_value=0)
    counts = counts.reindex(ctx.dtm.docs, fill_value=0)
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    ctab = counts.reset_index().rename(columns={"index": "report"})
    ctab.insert(1, "label", [label.get(n, n) for n in ctab["report"]])
    sec.blocks.append(
        table_block(ctab, "Indicators found per report, by status", link, max_rows=500)
    )
    if _has("targets"):
        t = _api("targets")(ctx.corpus)
        tlink = ctx.write_csv("targets", t)
        sec.files.append(tlink)
        if len(t):
            cols = ["region", "year", "canonical", "indicator", "status", "value_low",
                    "value_high", "unit", "qualifier", "surface"]  # fmt: skip
            show = t[[c for c in cols if c in t.columns]].copy()
            if "region" in show:
                show["region"] = [short_region(r) for r in show["region"]]
            sec.blocks.append(
                table_block(show, "Main expected targets of each report (govtext.targets)", tlink)
            )
        else:
            sec.blocks.append(Block("note", text="No statement of main targets found."))
    else:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    "Main targets table: not available in this version of govtext "
                    "(govtext.targets is not implemented yet)."
                ),
            )
        )
    try:
        target_panel = _api("target_panel")
    except Unavailable:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    "Targets vs actuals: not available in this version of govtext "
                    "(govtext.target_panel is not implemented yet)."
                ),
            )
        )
        return sec
    _targets_vs_actuals(ctx, sec, target_panel)
    return sec


def _targets_vs_actuals(ctx: ReportContext, sec: Section, target_panel: Callable[..., Any]) -> None:
    # target_panel needs region and year (it pairs a region's year Y with its year Y+1)
    keep = [not _is_missing(r.meta.get("region")) and not _is_missing(r.meta.get("year"))
            for r in ctx.corpus]  # fmt: skip
    if not any(keep):
        sec.blocks.append(Block("note", text=(
            "Targets vs actuals: no report has both a region and a year, so no target can be "
            "paired with its actual.")))  # fmt: skip
        return
    if not all(keep):
        sec.blocks.append(Block("note", text=(
            f"Targets vs actuals: {keep.count(False)} report(s) without region or year left out.")))  # fmt: skip
    panel = target_panel(ctx.corpus[keep])
    link = ctx.write_csv("target_panel", panel)
    sec.files.append(link)
    paired = panel.dropna(subset=["actual", "target_low"])
    if paired.empty:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    "Targets vs actuals: no target has its actual value in these reports (the actual "
                    "for year Y is read from the report of the same region for Y+1)."
                ),
            )
        )
        return
    cols = [
        "region",
        "year",
        "canonical",
        "target_low",
        "target_high",
        "target_qualifier",
        "actual",
        "actual_status",
        "parent_region",
        "parent_target_low",
    ]
    t = paired[[c for c in cols if c in paired.columns]].copy()
    t["region"] = [short_region(r) for r in t["region"]]
    sec.blocks.append(table_block(t, "Targets with the actual value reported a year later", link))
    from govtext.viz.figures import target_actual_figure

    fig = target_actual_figure(
        paired, labels=[f"{short_region(r)} {y}" for r, y in zip(paired["region"], paired["year"])]
    )
    sec.blocks.append(
        ctx.figure(
            "targets_vs_actuals",
            fig,
            alt="Targets vs actuals",
            caption="Each point is a target (x, middle of its range) against the actual reported a year later (y); above the diagonal = target exceeded.",
            data=link,
        )
    )


def build_similarity(ctx: ReportContext) -> Section:
    import numpy as np
    import pandas as pd

    sec = Section(
        "similarity",
        "Similarity between reports",
        "Each cell is the cosine similarity of two reports' TF-IDF vectors, from 0 (no shared "
        "vocabulary) to 1 (identical word use); bright blocks are groups of reports that "
        "speak alike.",
        "govtext.similarity",
    )
    if _has("similarity"):
        sim = _api("similarity")(ctx.dtm)
        mat = np.asarray(getattr(sim, "to_numpy", lambda: sim)(), dtype=float)
    else:
        sec.produced_by = "cosine of DocumentTermMatrix.tfidf (fallback: govtext.similarity is not in this version)"
        w = ctx.dtm.tfidf()
        mat = np.asarray((w @ w.T).todense(), dtype=float)
    names = ctx.dtm.docs
    df = pd.DataFrame(mat, index=names, columns=names)
    link = ctx.write_csv("similarity", df, index=True)
    sec.files.append(link)
    from govtext.viz.figures import heatmap

    if len(names) <= MAX_SIMILARITY_LABELS:
        fig = heatmap(
            mat,
            ctx.labels,
            ctx.labels,
            title="报告相似度（TF-IDF 余弦）",
            vmin=0,
            vmax=1,
            annotate=len(names) <= 14,
        )
        cap = "Report × report similarity."
    else:  # too many reports to label: average within groups of `by`
        keys = ctx.group_keys()
        groups = ctx.groups()
        idx = [[i for i, k in enumerate(keys) if k == g] for g in groups]

        def block_mean(a: list[int], b: list[int]) -> float:
            if a is b:  # within a group: pairs of different reports only
                if len(a) < 2:
                    return float("nan")
                sub = mat[np.ix_(a, a)]
                return float((sub.sum() - np.trace(sub)) / (len(a) * (len(a) - 1)))
            return float(mat[np.ix_(a, b)].mean())

        gm = np.array([[block_mean(a, b) for b in idx] for a in idx])
        glabels = [str(g) for g in groups]
        gdf = pd.DataFrame(gm, index=glabels, columns=glabels)
        glink = ctx.write_csv(f"similarity_by_{ctx.by}", gdf, index=True)
        sec.files.append(glink)
        shown = [short_region(g) for g in groups] if ctx.by == "region" else glabels
        fig = heatmap(gm, shown, shown, title=f"平均相似度（按 {ctx.by}）", vmin=0, vmax=1)
        cap = (
            f"Mean similarity between groups of reports by {ctx.by} ({len(names)} reports); "
            "the diagonal is the mean over pairs of different reports of a group (blank for "
            "a group of one report)."
        )
    sec.blocks.append(
        ctx.figure("similarity", fig, alt="Similarity heatmap", caption=cap, data=link)
    )
    return sec


def build_dictionary(ctx: ReportContext) -> Section:
    import pandas as pd

    dictionary_scores = _api("dictionary_scores")
    sec = Section(
        "dictionary",
        "Policy-attention dictionary scores",
        "Occurrences of each policy category's dictionary terms per 1,000 analysis words: "
        "compare a row across reports (or groups) to see which areas get more attention.",
        "govtext.dictionary_scores(dtm, 'policy', per=1000)",
    )
    scores = dictionary_scores(ctx.dtm, "policy", per=1000)
    missing = scores.attrs.get("missing") or []
    link = ctx.write_csv("dictionary_scores", scores.rename_axis("report").reset_index())
    sec.files.append(link)
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    table = scores.copy()
    table.insert(0, "report", [label.get(str(n), str(n)) for n in table.index])
    sec.blocks.append(
        table_block(table, "Per 1,000 analysis words, by report", link, digits=2, max_rows=500)
    )
    groups = ctx.groups()
    if groups:
        g = ctx.dtm.group_by(ctx.by)
        gs = dictionary_scores(g, "policy", per=1000)
        gvals = g.meta[ctx.by].tolist()
        rank = {str(v): i for i, v in enumerate(groups)}  # natural order (levels: township first)
        order = sorted(range(len(gvals)), key=lambda i: (rank.get(str(gvals[i]), len(rank)), i))
        gs = gs.iloc[order]
        gvals = [gvals[i] for i in order]
        glink = ctx.write_csv(
            f"dictionary_scores_by_{ctx.by}",
            pd.DataFrame(
                gs.to_numpy(), columns=list(gs.columns), index=pd.Index(gvals, name=ctx.by)
            ).reset_index(),
        )
        sec.files.append(glink)

        cols = [short_region(v) if ctx.by == "region" else str(v) for v in gvals]
        fig = _group_heatmap(
            gs.to_numpy(),
            cols,
            [str(c) for c in gs.columns],
            title=f"政策注意力（每千词，按 {ctx.by}）",
            cmap="OrRd",
            colorbar_label="per 1,000 words",
            fmt="{:.0f}",
            vmin=0,
        )
        sec.blocks.append(
            ctx.figure(
                f"dictionary_by_{ctx.by}",
                fig,
                alt="Dictionary scores heatmap",
                caption=f"Policy attention by {ctx.by}.",
                data=glink,
            )
        )
    if missing:
        sec.blocks.append(
            Block(
                "note",
                text=(
                    f"{len(missing)} dictionary terms never occur as a word in these reports "
                    f"(listed in report.json)."
                ),
            )
        )
        ctx.cache["dictionary_missing"] = list(missing)
    return sec


# title, how-to-read and function of each section, used for the placeholder when missing
SECTION_INFO: dict[str, tuple[str, str, str]] = {
    "overview": ("Corpus overview", "", "govtext.load_corpus"),
    "keywords": ("Top keywords per report", "", "govtext.keywords"),
    "keyness": (
        "Keyness: consecutive years and regions of the same year",
        "For each pair, the words the target report uses significantly more (or less) than "
        "the reference.",
        "govtext.keyness",
    ),
    "emerging": (
        "Emerging and fading terms",
        "Terms whose share of the text rises (emerging) or falls (fading) most over the years.",
        "govtext.emerging_terms",
    ),
    "topics": (
        "Topic prevalence by year and by region",
        "Each heatmap cell is the average share of a report given to a topic; read a row "
        "across years or regions to see attention shift.",
        "govtext.fit_topics",
    ),
    "network": (
        "Co-occurrence networks per group and their change",
        "Words linked when they occur in the same sentences; the change table lists links "
        "that appear or disappear between consecutive groups.",
        "govtext.cooccurrence_graph / graphs_by / compare_graphs",
    ),
    "indicators": (
        "Indicators, targets and targets vs actuals",
        "Numeric indicators and growth targets extracted from each report; the figure sets "
        "each year's target against the actual value reported a year later.",
        "govtext.extract_indicators / targets / target_panel",
    ),
    "similarity": ("Similarity between reports", "", "govtext.similarity"),
    "dictionary": (
        "Policy-attention dictionary scores",
        "Share of each report's words that fall in each policy category of the dictionary; "
        "higher means more attention to that area.",
        "govtext.dictionary_scores",
    ),
}

SECTION_BUILDERS: list[tuple[str, Callable[[ReportContext], Section]]] = [
    ("overview", build_overview),
    ("keywords", build_keywords),
    ("keyness", build_keyness),
    ("emerging", build_emerging),
    ("topics", build_topics),
    ("network", build_network),
    ("indicators", build_indicators),
    ("similarity", build_similarity),
    ("dictionary", build_dictionary),
]


def run_builder(
    key: str, builder: Callable[[ReportContext], Section], ctx: ReportContext
) -> Section:
    """Run one builder; a missing analysis or a failure becomes a note in the section."""
    title, how, func = SECTION_INFO.get(key, (key, "", ""))
    try:
        return builder(ctx)
    except Unavailable as exc:
        return Section(
            key,
            title,
            how,
            func,
            status="unavailable",
            note=f"Not available in this version of govtext: {exc} is not implemented yet.",
        )
    except NotApplicable as exc:
        return Section(key, title, how, func, status="ok", note=str(exc))
    except Exception as exc:  # one failing analysis must not lose the whole page
        # (the note and the warning name the error; the test suite fails on any of them)
        msg = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"govtext report: section {key!r} could not be built: {msg}", stacklevel=2)
        return Section(
            key,
            title,
            how,
            func,
            status="error",
            note=f"This section could not be computed for this corpus ({msg}).",
        )


_DEPENDENCIES = (
    "numpy", "scipy", "pandas", "scikit-learn", "networkx", "matplotlib", "jinja2", "jieba",
    "rjieba", "opencc", "noto-cjk-sans-otc", "pillow",
)  # the results (and figure bytes: font, PNG encoder) depend on these  # fmt: skip


def _code_fingerprint() -> str:
    """Hash of govtext's own files (code, templates, lexicons) and of the versions of the
    libraries the results depend on: an edited or upgraded install never reuses old results."""
    global _CODE_FP
    if _CODE_FP is None:
        import hashlib

        from govtext._runtime.cache import installed_versions
        from govtext._version import __version__

        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(f"govtext {__version__}\n".encode())
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if not p.is_file() or "__pycache__" in rel or rel.startswith("datasets/"):
                continue
            if p.suffix not in (".py", ".j2", ".tsv", ".txt", ".json", ".css"):
                continue
            h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
        h.update(installed_versions(_DEPENDENCIES).encode())
        _CODE_FP = h.hexdigest()
    return _CODE_FP


_CODE_FP: str | None = None


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for p in root.rglob("*"):
        try:
            st = p.stat()
        except OSError:  # pragma: no cover - removed meanwhile
            continue
        if p.is_file():
            out[p.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return out


def _safe_rel(rel: Any) -> bool:
    """A relative path inside the output folder (a cache entry can never write elsewhere)."""
    from pathlib import PurePosixPath

    if not isinstance(rel, str) or not rel or "\\" in rel or ":" in rel:
        return False
    p = PurePosixPath(rel)
    return not p.is_absolute() and ".." not in p.parts


def _section_from_doc(doc: Any) -> tuple[Section, dict[str, Any]] | None:
    """The Section (and context entries) of a cached document, or None if malformed."""
    try:
        d = dict(doc["section"])
        d["blocks"] = [Block(**b) for b in d.get("blocks", [])]
        sec = Section(**d)
        extra = dict(doc.get("context", {}))
    except (TypeError, KeyError, ValueError):
        return None
    if not all(isinstance(x, str) for x in sec.files):
        return None
    return sec, extra


def run_section(
    key: str,
    builder: Callable[[ReportContext], Section],
    ctx: ReportContext,
    cache: Any = None,
) -> Section:
    """:func:`run_builder` through a :class:`govtext.cache.ResultCache`.

    The key is :meth:`ReportContext.section_key` (every report's text and metadata, every
    option, the tokenizer configuration, govtext's code and the library versions). On a
    hit the section's files are written back byte for byte and the builder is not run; on
    a miss the builder runs and the section, the files it wrote and the context entries
    it set are stored. Sections that failed are never stored.
    """
    import dataclasses

    if cache is None:
        ctx.stats["sections_computed"] += 1
        return run_builder(key, builder, ctx)
    skey = ctx.section_key(key)
    got = cache.get(skey)
    if got is not None:
        doc, blobs = got
        restored = _section_from_doc(doc)
        if restored is not None and all(_safe_rel(rel) for rel in blobs):
            sec, extra = restored
            for rel, data in sorted(blobs.items()):
                atomic_write_bytes(ctx.out / rel, data)
            ctx.cache.update(extra)
            ctx.stats["sections_reused"] += 1
            return sec
    before = _snapshot(ctx.out)
    seen = {k: json.dumps(v, sort_keys=True, default=str) for k, v in ctx.cache.items()}
    sec = run_builder(key, builder, ctx)
    ctx.stats["sections_computed"] += 1
    if sec.status == "error":
        return sec
    after = _snapshot(ctx.out)
    written = {rel for rel, st in after.items() if before.get(rel) != st}
    written.update(f for f in sec.files if f in after)
    written.update(b.src for b in sec.blocks if b.src in after)
    extra = {
        k: v
        for k, v in ctx.cache.items()
        if json.dumps(v, sort_keys=True, default=str) != seen.get(k)
    }
    doc = {"section": dataclasses.asdict(sec), "context": extra}
    try:
        json.dumps(doc)
    except (TypeError, ValueError):  # not JSON-able: computed again next time
        return sec
    blobs = {rel: (ctx.out / rel).read_bytes() for rel in sorted(written)}
    cache.put(skey, doc, blobs)
    return sec


# -------------------------------------------------------------------------- the page
def render_page(ctx: ReportContext, sections: list[Section], *, title: str | None = None) -> Path:
    """Render ``index.html`` from the sections with the jinja2 template (autoescaped)."""
    import jinja2

    from govtext._version import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("govtext.report", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    tpl = env.get_template("report.html.j2")
    meta = ctx.corpus.meta
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    summary = {
        "n_reports": len(ctx.corpus),
        "years": f"{years[0]}–{years[-1]}" if years else "unknown",
        "n_regions": int(meta["region"].nunique()) if "region" in meta else 0,
        "levels": "、".join(sorted({str(v) for v in meta.get("level", []) if not _is_missing(v)})),
        "n_terms": ctx.n_terms,
        "by": ctx.by,
        "random_state": ctx.random_state,
    }
    html = tpl.render(
        title=title or "govtext report: comparison of government work reports",
        sections=sections,
        summary=summary,
        version=__version__,
    )
    manifest = {
        "dictionary_terms_not_found": ctx.cache.get("dictionary_missing", []),
        "govtext_version": __version__,
        "by": ctx.by,
        "random_state": ctx.random_state,
        "reports": ctx.docs,
        "sections": {
            s.key: {"status": s.status, "produced_by": s.produced_by, "files": s.files}
            for s in sections
        },
    }
    atomic_write_text(
        ctx.out / "report.json",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    )
    return atomic_write_text(ctx.out / "index.html", html)
