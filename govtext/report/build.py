"""The ``govtext report`` page: one self-contained HTML file comparing every report.

:func:`build_report` runs each analysis on a corpus and writes, into one folder,
``index.html`` plus the data behind every table and figure::

    out/index.html        the page (inline CSS, no script, no network, relative links)
    out/data/*.csv        every table, UTF-8 with a header row
    out/fig/*.png         every figure (Chinese labels drawn with Noto Sans CJK)
    out/network/*.gexf    co-occurrence graphs (also as node-link JSON)

The section builders live in :mod:`govtext.report.sections` (one module per section);
the page template in ``govtext/report/templates/report.html.j2`` (jinja2, autoescaped, so
report text is shown as text). Outputs are deterministic: the same corpus and options give the same bytes.

The output folder cannot clobber anything: it is resolved once, proved writable and
marked as output (never read back as input) before any analysis; a symbolic link inside
it is replaced by a real folder, never followed; a section that fails leaves no files
and, unless ``keep_going``, stops the run before the page is written.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from govtext._runtime.files import atomic_write_text
from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from govtext.corpus.reports import Corpus
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["build_report", "Progress", "prepare_out_dir", "BY_CHOICES"]

BY_CHOICES = ("year", "region", "level")

#: At most this many sections are built side by side (there are ten, and the two largest,
#: networks and topics, take a fifth of the time each).
MAX_LANES = 4


class Progress:
    """A tiny progress bar on stderr (no dependency); silent when disabled.

    Parameters
    ----------
    total : int
        Number of steps.
    enabled : bool, optional
        Draw the bar; default: only when ``stream`` is a terminal.
    stream : file, optional
        Where to draw (default ``sys.stderr``).

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> p = Progress(2, enabled=True, stream=buf)
    >>> p.step("关键词"); p.step("网络"); p.close()
    >>> "2/2" in buf.getvalue()
    True
    """

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None):
        self.total = max(1, int(total))
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.done = 0
        self._start = time.monotonic()
        self._width = 0

    def _draw(self, label: str) -> None:
        if not self.enabled:
            return
        n = 24
        filled = int(n * self.done / self.total)
        bar = "#" * filled + "-" * (n - filled)
        secs = time.monotonic() - self._start
        line = f"[{bar}] {self.done}/{self.total} ({secs:.0f}s) {label}"
        # one terminal line: wide (CJK) characters count twice
        cols = shutil.get_terminal_size((80, 20)).columns - 1
        width, cut = 0, len(line)
        for i, ch in enumerate(line):
            width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if width > cols:
                cut = i
                break
        line = line[:cut]
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        pad = max(0, self._width - width)
        self._width = width
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def start(self, label: str) -> None:
        """Show that a step has started (without advancing)."""
        self._draw(label + " …")

    def step(self, label: str = "") -> None:
        """Advance by one step."""
        self.done = min(self.total, self.done + 1)
        self._draw(label)

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def prepare_out_dir(
    out_dir: str | os.PathLike[str], *, force: bool = False, option: str = "out_dir"
) -> Path:
    """Create the output folder, check that it can be written, mark it; return its real path.

    The folder is resolved once (a symbolic link given as ``out_dir`` is followed here,
    and only here); a file written into it proves it writable before any analysis runs;
    :data:`govtext.corpus.checks.OUTPUT_MARKER` is written into it, so that
    :func:`govtext.load_corpus` never reads it back as input.

    Parameters
    ----------
    out_dir : path
    force : bool, default False
        Accept a non-empty folder.
    option : str, default "out_dir"
        The name of the argument or command-line option, used in the messages.

    Raises
    ------
    InputError
        ``out_dir`` is a file, a dangling symbolic link, a non-empty folder and ``force``
        is false, or a folder that cannot be created or written; the message names
        ``option`` and the folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = prepare_out_dir(pathlib.Path(tempfile.mkdtemp()) / "out")
    >>> d.is_dir(), sorted(p.name for p in d.iterdir())
    (True, ['.govtext-output'])
    """
    import tempfile

    from govtext.corpus.checks import OUTPUT_MARKER

    out = Path(out_dir)
    if out.is_symlink() and not out.exists():
        raise InputError(
            f"{option}: {out} is a symbolic link to {os.readlink(out)}, which does not "
            "exist; give an existing folder or a new name"
        )
    if out.exists() and not out.is_dir():
        raise InputError(f"{option}: {out} exists and is not a folder; choose another folder")
    if out.is_dir() and any(p.name != OUTPUT_MARKER for p in out.iterdir()) and not force:
        raise InputError(
            f"{option}: the output folder {out} is not empty; choose a new folder or pass "
            "--force (force=True) to overwrite the files in it"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"{option}: cannot create the output folder {out} ({exc.strerror or exc})"
        ) from None
    out = out.resolve()
    try:  # before any analysis: an unwritable folder is found now, not at the end
        fd, probe = tempfile.mkstemp(prefix=".govtext-probe.", dir=out)
        os.close(fd)
        os.unlink(probe)
        marker = out / OUTPUT_MARKER
        if marker.is_symlink() or (marker.exists() and not marker.is_file()):
            raise InputError(f"{option}: {marker} is not a regular file; remove it")
        if not marker.is_file():
            atomic_write_text(
                marker,
                "This folder was written by govtext; govtext never reads it as input.\n",
            )
    except OSError as exc:
        raise InputError(
            f"{option}: cannot write into the output folder {out} ({exc.strerror or exc})"
        ) from None
    return out


# long: the docstring documents every one of the seventeen options; the body is short
def build_report(
    corpus: Corpus,
    out_dir: str | os.PathLike[str],
    *,
    by: str = "year",
    tokenizer: PolicyTokenizer | None = None,
    top: int = 10,
    n_topics: int | None = None,
    max_groups: int = 12,
    random_state: int = 0,
    force: bool = False,
    progress: bool | None = None,
    title: str | None = None,
    n_jobs: int | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = None,
    stats: dict[str, int] | None = None,
    keep_going: bool = False,
    escape_formulas: bool = True,
    scheduler: Any = None,
) -> Path:
    """Write the comparison page for ``corpus`` into ``out_dir`` and return index.html's path.

    Parameters
    ----------
    corpus : Corpus
        The reports to compare (at least one).
    out_dir : path
        Output folder; created if needed. An existing non-empty folder is refused unless
        ``force=True`` (files of the same name are then overwritten).
    by : {"year", "region", "level"}, default "year"
        Metadata column that groups reports for the network, similarity and dictionary
        sections (topic prevalence is always shown by year and by region).
    tokenizer : PolicyTokenizer, optional
        Default: ``PolicyTokenizer(backend="auto")``: the tokens of ``PolicyTokenizer()``,
        cut by jieba-rs when rjieba (extra ``fast``, part of extra ``report``) is installed.
    top : int, default 10
        Keywords per report and terms per keyness comparison shown.
    n_topics : int, optional
        Topics to fit (default: between 3 and 12, growing with the corpus).
    max_groups : int, default 12
        At most this many groups get a network figure (the largest groups).
    random_state : int, default 0
        Seed of every stochastic step (topic model, network layout).
    force : bool, default False
        Write into a non-empty folder.
    progress : bool, optional
        Show a progress bar on stderr (default: when stderr is a terminal).
    title : str, optional
        Page title.
    n_jobs : int, optional
        Processes to use (-1: all cores): worker processes for the per-report steps
        (cutting the reports into words, extracting indicators), and, on Linux, that many
        sections built side by side (forked processes). The page and every file are the
        same bytes for any number. Default: ``govtext.get_config()["n_jobs"]`` (1, see
        :func:`govtext.config_context`); the ``govtext report`` command uses every core
        (at most 4) unless ``--jobs``.
    cache_dir : path or False, optional
        Cache folder (opt-in; the ``govtext report`` command uses the user cache folder
        unless ``--no-cache``). Default: ``govtext.get_config()["cache_dir"]`` (None: no
        cache); ``False``: no cache whatever is configured. Holds the words of every report
        (:class:`govtext.cache.TokenCache`) and the finished sections, figures and tables
        (:class:`govtext.cache.ResultCache`), keyed by the hash of every report's text and
        metadata, every option, the tokenizer configuration and govtext's code and
        library versions. A second run on the same reports with the same options writes
        the same bytes without recomputing; any change recomputes. Damaged entries are
        ignored and rewritten.
    stats : dict, optional
        Filled with counters: ``sections_reused`` and ``sections_computed`` (sections
        read from / stored into the cache), ``token_hits`` and ``token_misses``.
    keep_going : bool, default False
        When a section fails: stop with :class:`~govtext.report.cache.SectionError` (the
        default, like ``make``), or write the page with the section marked as failed.
        Either way a failed section leaves no files of its own.
    escape_formulas : bool, default True
        Escape CSV cells a spreadsheet would run as formulas (see
        :func:`govtext.readwrite.tables.csv_text`).
    scheduler : str or dask.distributed.Client, optional
        Run the per-report steps (cutting into words, indicators) on a
        ``dask.distributed`` cluster: a scheduler address (``"tcp://host:8786"``) or a
        Client. The output is the same bytes as a run on this machine; the global steps
        (topics, networks, similarity, the page) run here (see docs/scale.md). Needs
        the ``dask`` extra.

    Returns
    -------
    pathlib.Path
        The path of ``index.html``.

    Raises
    ------
    InputError
        Bad ``by``, an empty corpus, or a non-empty output folder without ``force``.
    SectionError
        A section failed and ``keep_going`` is false; no ``index.html`` is written.
    MissingExtraError
        jinja2 or matplotlib (the ``report`` extra) is missing, or dask (the ``dask``
        extra) with ``scheduler``.

    Examples
    --------
    >>> import tempfile, pathlib, govtext as gt
    >>> corpus = gt.datasets.load_sample()[:3]
    >>> page = gt.build_report(corpus, pathlib.Path(tempfile.mkdtemp()) / "out", progress=False)
    >>> page.name, (page.parent / "data" / "overview.csv").exists()
    ('index.html', True)
    """
    from govtext._runtime.config import resolve_option
    from govtext._runtime.parallel import connect, effective_jobs, forked_workers
    from govtext.errors import require

    if by not in BY_CHOICES:
        raise InputError(f"by must be one of {', '.join(BY_CHOICES)}, not {by!r}")
    if len(corpus) == 0:
        raise InputError("the corpus is empty: nothing to report")
    require("jinja2", "report", "the HTML report")
    require("matplotlib", "report", "the HTML report's figures")
    n_jobs = resolve_option("n_jobs", n_jobs)
    effective_jobs(n_jobs)  # a bad n_jobs is refused before any work
    client = None if scheduler is None else connect(scheduler, option="scheduler")
    try:
        out = prepare_out_dir(out_dir, force=force)
        if tokenizer is None:  # the same tokens as PolicyTokenizer(), faster with rjieba
            from govtext.tokenize.policy import PolicyTokenizer

            tokenizer = PolicyTokenizer(backend="auto")
        options = dict(
            by=by,
            tokenizer=tokenizer,
            top=top,
            n_topics=n_topics,
            max_groups=max_groups,
            random_state=random_state,
            n_jobs=n_jobs,
            escape_formulas=escape_formulas,
            client=client,
        )
        cache = resolve_option("cache_dir", cache_dir)
        with forked_workers():  # per-report steps here: forked workers share the tokenizer
            return _run(corpus, out, options, cache, progress, title, stats, keep_going)
    finally:
        if client is not None and client is not scheduler:  # made here from an address
            client.close()


def _run(
    corpus: Corpus,
    out: Path,
    options: dict[str, Any],
    cache_dir: str | os.PathLike[str] | None,
    progress: bool | None,
    title: str | None,
    stats: dict[str, int] | None,
    keep_going: bool = False,
) -> Path:
    """Build every section (through the result cache if any) and render the page."""
    from govtext._runtime.parallel import effective_jobs
    from govtext.report.cache import check_links
    from govtext.report.context import ReportContext
    from govtext.report.lanes import run_sections
    from govtext.report.page import render_page
    from govtext.report.sections import SECTION_BUILDERS

    results = token_cache = None
    if cache_dir is not None:
        from govtext._runtime.cache import ResultCache, TokenCache
        from govtext.tokenize.policy import PolicyTokenizer

        tokenizer = options["tokenizer"]
        results = ResultCache(cache_dir)
        token_cache = TokenCache(cache_dir, (tokenizer or PolicyTokenizer()).config_hash + ":cut")
    builders = SECTION_BUILDERS
    bar = Progress(len(corpus) + len(builders) + 2, enabled=progress)
    lanes = min(effective_jobs(options["n_jobs"]), MAX_LANES)
    try:
        bar.start("reading")
        ctx = ReportContext.create(
            corpus,
            out,
            **options,
            on_report=lambda name: bar.step(f"tokenized {name}"),
            token_cache=token_cache,
            # tokenize only if some section is not in the cache; with lanes, when they start
            lazy=results is not None or lanes > 1,
        )
        bar.step("context")
        sections = run_sections(
            ctx, builders, results, keep_going=keep_going, lanes=lanes, on_section=bar.step
        )
        bar.done = bar.total - 1  # reports never tokenized (all sections cached) count as done
        bar.start("page")
        if results is not None:  # the page's one number from the DTM
            pkey = ctx.section_key("_page")
            got = results.get(pkey)
            doc = got[0] if got is not None else None
            if isinstance(doc, dict) and isinstance(doc.get("n_terms"), int):
                ctx._n_terms = doc["n_terms"]
            else:
                results.put(pkey, {"n_terms": ctx.n_terms})
        check_links(sections, ctx)  # every href/src: a file this run wrote
        page = render_page(ctx, sections, title=title)
        bar.step("page")
    finally:
        bar.close()
    if stats is not None:
        stats.update(ctx.stats)
        if token_cache is not None:
            stats.update(token_hits=token_cache.hits, token_misses=token_cache.misses)
    return page
