"""Building the sections of the page one after another, or side by side in forked processes.

With ``n_jobs`` of 2 or more (and ``fork``, i.e. on Linux), the sections are built in
that many *lanes*: this process runs one, forked children the others, and each lane takes
the costliest section not yet taken whenever it is free (:data:`SECTION_COST`; sections
read back from the result cache last). Before forking, the per-report steps every lane needs are
made once (the words of every report, the document-term matrix, the indicators of every
report), in worker processes or on the dask cluster, so that a child starts with them in
its memory and never talks to a cluster itself. Each section writes its own files, so
the files, and the page made from the sections in page order, are the same bytes as one
lane gives; a failing section stops the run as it would one after another (the files of
the sections after it in page order are removed, so the folder holds what a run one
section at a time would have left).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from govtext.report.blocks import PageSection
from govtext.report.context import ReportContext

__all__ = ["SECTION_COST", "plan_lanes", "run_sections", "lanes_for", "fork_safe"]

#: CPU seconds of each section on the 178 reports of the shared corpus, one process
#: (indicators with their extraction, about 5 s of it; `python benchmarks/report_speed.py
#: --corpus CORPUS --sections`, 2026-12-04); only their order matters: a free lane takes the costliest left.
SECTION_COST: dict[str, float] = {
    "overview": 1.4,
    "keywords": 2.2,
    "keyness": 3.6,
    "emerging": 2.5,
    "topics": 5.6,
    "network": 5.9,
    "indicators": 7.9,
    "similarity": 1.0,
    "dictionary": 0.9,
    "explorer": 1.3,
}

Builder = Callable[[ReportContext], PageSection]

#: Sections that never need the words of the reports: with lanes, they start in their own
#: process before the reports are cut, on the core the cutting leaves idle at times
#: (building the tokenizer, the matrix).
WITHOUT_WORDS = frozenset({"indicators"})


def plan_lanes(keys: list[str], lanes: int) -> list[list[str]]:
    """Share ``keys`` out over ``lanes`` lists of about the same :data:`SECTION_COST`
    (the costliest first, each to the lane with the least so far); each list in the order
    of ``keys``, empty lists left out.

    Examples
    --------
    >>> plan_lanes(["overview", "topics", "network", "keyness"], 2)
    [['overview', 'network'], ['topics', 'keyness']]
    """
    lanes = max(1, min(lanes, len(keys)))
    load = [0.0] * lanes
    where: dict[str, int] = {}
    for key in sorted(keys, key=lambda k: (-SECTION_COST.get(k, 1.0), keys.index(k))):
        i = min(range(lanes), key=lambda j: (load[j], j))
        where[key] = i
        load[i] += SECTION_COST.get(key, 1.0)
    out = [[k for k in keys if where[k] == i] for i in range(lanes)]
    return [lane for lane in out if lane]


def _warm_up() -> None:
    """Import what most sections use (figures, statistics, topic models, graphs, word
    classes), so that every lane forked afterwards starts with it (about 1.5 s each)."""
    import jieba.posseg  # noqa: F401
    import networkx  # noqa: F401
    import scipy.stats  # noqa: F401
    import sklearn.decomposition  # noqa: F401

    from govtext.viz.figures import pyplot

    pyplot()


def _prepare(ctx: ReportContext, todo: list[str]) -> None:
    """Make what the sections to compute share, before any lane starts: the words of every
    report and the matrix (this process imports what the sections use while its workers
    cut the reports); on a cluster also the indicators of every report (here, a lane
    extracts them itself: as fast, without sending the tables back and forth)."""
    from govtext._runtime.parallel import meanwhile

    ran: list[None] = []
    with meanwhile(lambda: ran.append(_warm_up())):
        ctx.dtm  # noqa: B018
    if not ran:  # the reports were cut in this process: import once, before any lane forks
        try:
            _warm_up()
        except Exception:  # noqa: BLE001 - only a head start: a section that needs it says
            pass
    if "indicators" in todo and ctx.client is not None:
        ctx.indicator_tables()


def _lane(
    ctx: ReportContext,
    builders: dict[str, Builder],
    keys: Iterable[str],
    results: Any,
    keep_going: bool,
    alone: bool = False,
    on_section: Callable[[str], None] | None = None,
    stop: bool = True,
) -> tuple[dict[str, tuple[Any, list[str]]], dict[str, Any], dict[str, int]]:
    """Run the sections ``keys`` in order; return each one's section (or exception) and
    files, the context entries set, the counters. ``stop``: stop at an error, as one lane
    in page order does (``keys`` taken with :func:`_taken` do not follow page order: all
    run, and :func:`_in_page_order` keeps what a run in page order would have kept).
    ``alone``: in a forked lane, with no worker processes of its own."""
    from govtext.report.cache import run_section

    if alone:  # before any work: a forked lane is a daemon, it may start no processes
        from govtext._runtime.config import set_config

        ctx.n_jobs = 1
        set_config(n_jobs=1)

    seen = {k: json.dumps(v, sort_keys=True, default=str) for k, v in ctx.cache.items()}
    stats = dict(ctx.stats)
    done: dict[str, tuple[Any, list[str]]] = {}
    for key in keys:
        start = len(ctx.written)
        try:
            sec: Any = run_section(key, builders[key], ctx, results, keep_going=keep_going)
        except Exception as exc:  # noqa: BLE001 - raised again in page order
            done[key] = (exc, list(ctx.written[start:]))
            if stop:
                break
            continue
        done[key] = (sec, list(ctx.written[start:]))
        if on_section is not None:
            on_section(key)
    extra = {
        k: v
        for k, v in ctx.cache.items()
        if json.dumps(v, sort_keys=True, default=str) != seen.get(k)
    }
    delta = {k: v - stats.get(k, 0) for k, v in ctx.stats.items()}
    return done, extra, delta


#: Memory a forked lane adds, in MB: a fixed part and a part per report (the pages of
#: the context it writes to, reference counts included; measured ~0.2 MB a report at
#: 1,000 reports, see benchmarks/RESULTS_scale.md; taken with a margin).
LANE_MB = 200.0
LANE_MB_PER_REPORT = 0.5
#: Share of the memory available when the run starts that extra lanes may take.
LANE_MEMORY_SHARE = 0.15


def available_mb() -> float | None:
    """Memory available to new allocations, in MB (psutil, else ``/proc/meminfo``'s
    MemAvailable); None where neither tells."""
    try:
        import psutil

        return float(psutil.virtual_memory().available) / 2**20
    except Exception:  # noqa: BLE001 - no psutil, or it cannot read the system
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def lanes_for(lanes: int, n_reports: int, available: float | None) -> int:
    """How many of ``lanes`` to use for ``n_reports`` reports with ``available`` MB free:
    each lane beyond the first is a forked copy costing about :data:`LANE_MB` +
    :data:`LANE_MB_PER_REPORT` per report, and together they may take
    :data:`LANE_MEMORY_SHARE` of what is available (one lane always runs). The output is
    the same bytes for any number of lanes.

    Examples
    --------
    >>> lanes_for(4, 1000, 20_000), lanes_for(4, 3000, 20_000), lanes_for(4, 10_000, 20_000)
    (4, 2, 1)
    >>> lanes_for(4, 10_000, None)
    4
    """
    if lanes <= 1 or available is None:
        return max(1, lanes)
    per_lane = LANE_MB + LANE_MB_PER_REPORT * n_reports
    return max(1, min(lanes, 1 + int(available * LANE_MEMORY_SHARE // per_lane)))


def fork_safe(ctx: ReportContext) -> bool:
    """Whether lanes may be forked now: not with a dask Client in use (``ctx.client``, or
    any other dask.distributed Client of this process that is not closed): a fork would
    copy its threads' state, locks included, half-way into the child."""
    import sys

    if ctx.client is not None:
        return False
    if "distributed" not in sys.modules:
        return True
    try:
        from distributed import Client

        return all(getattr(c, "status", "") == "closed" for c in list(Client._instances))
    except Exception:  # noqa: BLE001 - cannot tell: fork only with no other thread
        import threading

        return threading.active_count() == 1


def _files(folder: Any) -> set[str]:
    """Relative paths of the files in ``folder`` (before any lane starts)."""
    from pathlib import Path

    root = Path(folder)
    if not root.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir()}


def _stop_lanes(ctx: ReportContext, jobs: list[tuple[list[str], Any]], before: set[str]) -> None:
    """End every forked lane and remove the files they left (every file not there before
    the lanes started and not written by this process or a lane already merged)."""
    for _keys, job in jobs:
        try:
            job.terminate()
        except Exception:  # noqa: BLE001 - keep ending the others
            pass
    mine = set(ctx.written)
    for rel in sorted(_files(ctx.out) - before - mine):
        try:
            (ctx.out / rel).unlink()
        except OSError:
            pass


def run_sections(
    ctx: ReportContext,
    builders: list[tuple[str, Builder]],
    results: Any,
    *,
    keep_going: bool,
    lanes: int = 1,
    on_section: Callable[[str], None] | None = None,
) -> list[PageSection]:
    """Every section in page order, through the result cache ``results`` (if any), in up
    to ``lanes`` processes side by side (see the module's description): fewer when the
    memory available would not hold them (:func:`lanes_for`), one with a dask Client in
    this process (:func:`fork_safe`).

    If this process fails or is interrupted (``KeyboardInterrupt``) while lanes run, the
    lanes are ended and the files they wrote removed before the error goes on.

    Raises
    ------
    SectionError
        The first section in page order that failed, when ``keep_going`` is false.
    """
    from govtext._runtime.parallel import can_fork

    keys = [k for k, _ in builders]
    table = dict(builders)
    todo = keys
    if results is not None and lanes > 1:
        todo = [k for k in keys if results.get(ctx.section_key(k)) is None]
    if lanes > 1 and len(todo) > 1:
        lanes = lanes_for(lanes, len(ctx.corpus), available_mb())
    plan = plan_lanes(todo, lanes) if lanes > 1 and len(todo) > 1 else []
    if len(plan) <= 1 or not can_fork() or not fork_safe(ctx):
        return _in_page_order(ctx, keys, _here(ctx, table, keys, results, keep_going, on_section))
    jobs: list[tuple[list[str], Any]] = []
    n_jobs = ctx.n_jobs
    before = _files(ctx.out)
    try:
        done = _forked(ctx, table, keys, todo, plan, results, keep_going, on_section, jobs)
    except BaseException:
        _stop_lanes(ctx, jobs, before)
        raise
    finally:
        ctx.n_jobs = n_jobs
    return _in_page_order(ctx, keys, done)


def _taken(queue: list[str], fd: int) -> Iterator[str]:
    """The sections of ``queue`` that no other lane has taken, one at a time: each lane
    takes the next one when it is free. ``fd`` is the read end of a pipe that holds one
    byte per section index (written, and the write end closed, before any lane forks):
    reading one byte is atomic, so two lanes never take the same section, and an empty
    pipe reads as its end. No file, semaphore or shared memory is needed, so it also works
    where the process may not create files (a read-only temporary folder)."""
    import os

    while True:
        got = os.read(fd, 1)
        if not got:
            return
        yield queue[got[0]]


def _forked(
    ctx: ReportContext,
    table: dict[str, Builder],
    keys: list[str],
    todo: list[str],
    plan: list[list[str]],
    results: Any,
    keep_going: bool,
    on_section: Callable[[str], None] | None,
    jobs: list[tuple[list[str], Any]],
) -> dict[str, tuple[Any, list[str]]]:
    """Fork a lane for the sections that need no words (:data:`WITHOUT_WORDS`) before the
    reports are cut, then ``len(plan) - 1`` more lanes after; every lane, this process's
    included, takes the costliest section not yet taken (:data:`SECTION_COST`,
    :func:`_taken`) until none is left. Each started lane is appended to ``jobs`` at once
    (so the caller can end it); the others' results are merged here."""
    import os

    from govtext._runtime.parallel import fork_call

    def start(lane: Iterable[str], name: str, keys: list[str], stop: bool = True) -> bool:
        job = fork_call(
            lambda: _lane(ctx, table, lane, results, keep_going, alone=True, stop=stop), name=name
        )
        if job is not None:  # (None: no fork here; this process runs the lane)
            jobs.append((keys, job))
        return job is not None

    early = [k for k in todo if k in WITHOUT_WORDS] if ctx._dtm is None else []
    if early and start(early, f"the process building the section(s) {', '.join(early)}", early):
        todo = [k for k in todo if k not in early]  # started now, beside the cutting into words
    _prepare(ctx, todo)
    ctx.n_jobs = 1  # each lane is one process: no workers of its own
    # costliest first; sections read back from the result cache (not in todo) last
    rest = [k for k in keys if k not in early]
    queue = sorted(rest, key=lambda k: (k not in todo, -SECTION_COST.get(k, 1.0), keys.index(k)))
    if len(queue) > 255:  # pragma: no cover - one byte per section index
        raise RuntimeError("too many report sections for the lanes")
    fd, w = os.pipe()
    try:
        os.write(w, bytes(range(len(queue))))
        os.close(w)
        for _ in plan[1:]:
            name = f"a process building some of the section(s) {', '.join(queue)}"
            start(_taken(queue, fd), name, queue, stop=False)
        here = _taken(queue, fd)
        done, _, _ = _lane(ctx, table, here, results, keep_going, on_section=on_section, stop=False)
    finally:
        os.close(fd)
    for _lane_keys, job in jobs:
        got, extra, stats = job.result()
        for key, (_sec, written) in got.items():
            ctx.written.extend(written)
            if on_section is not None:
                on_section(key)
        done.update(got)
        ctx.cache.update(extra)
        for k, v in stats.items():
            ctx.stats[k] = ctx.stats.get(k, 0) + v
    return done


def _here(
    ctx: ReportContext,
    table: dict[str, Builder],
    keys: list[str],
    results: Any,
    keep_going: bool,
    on_section: Callable[[str], None] | None,
) -> dict[str, tuple[Any, list[str]]]:
    """This process's lane, in page order, stopping at the first error."""
    done: dict[str, tuple[Any, list[str]]] = {}
    for key in keys:
        got, _, _ = _lane(ctx, table, [key], results, keep_going)
        done.update(got)
        if on_section is not None:
            on_section(key)
        if isinstance(got[key][0], BaseException):
            break
    return done


def _in_page_order(
    ctx: ReportContext, keys: list[str], done: dict[str, tuple[Any, list[str]]]
) -> list[PageSection]:
    """The sections in page order; at the first error, the files of the sections after it
    are removed (as if they had never run) and the error is raised."""
    out: list[PageSection] = []
    for i, key in enumerate(keys):
        if key not in done:  # (only after an error in page order)
            continue
        sec, _ = done[key]
        if isinstance(sec, BaseException):
            later = {rel for k in keys[i + 1 :] if k in done for rel in done[k][1]}
            for rel in later:
                try:
                    (ctx.out / rel).unlink()
                except OSError:
                    pass
            ctx.written[:] = [rel for rel in ctx.written if rel not in later]
            raise sec
        out.append(sec)
    return out
