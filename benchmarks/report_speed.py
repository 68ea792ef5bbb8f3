"""Wall-clock time of ``govtext report`` on the bundled sample and on a corpus folder.

Usage::

    python benchmarks/report_speed.py                      # the bundled sample only
    python benchmarks/report_speed.py --corpus ../shared/corpus
    python benchmarks/report_speed.py --corpus ../shared/corpus --sections
    python benchmarks/report_speed.py --corpus ../shared/corpus --before 7616452 --rounds 2
    python benchmarks/report_speed.py --corpus ../shared/corpus --scheduler 2 --rounds 1

For each corpus it runs the real command (``python -m govtext report ... -o TMP --quiet
--no-cache``) in a fresh process, so imports, jieba's dictionary and writing every file
are included (a *cold* run), and prints the wall-clock and CPU time (of the process and
its worker processes) next to the goal (issue 15: sample <= 15 s, 178 reports <= 30 s wall
clock on two cores). Also prints the load average, as other work on the machine slows the
run down.

``--sections`` times the parts of one in-process :func:`govtext.build_report` run: reading
the reports, tokenizing (``primed_tokenizer``), each section builder, the font subset and
the page, as wall and CPU seconds (CPU of this process only: worker processes are not
counted). The parts are timed by wrapping the functions ``build_report`` calls, so the
run is the real one.

``--before REV`` checks ``REV`` out into a temporary git worktree and times the old and
the new code alternately in the same run (``--rounds`` rounds each, median), with
``PYTHONPATH`` pointing at each checkout; with ``--sections`` the per-section table is
made for both.

``--scheduler N`` starts an N-worker ``dask.distributed`` LocalCluster and runs the command
with and without ``--scheduler ADDRESS`` (``--rounds`` times), comparing every output file
byte for byte (issue 17).

:func:`cold_warm` (used by ``run_suite.py``) runs the command twice on one corpus with the
same fresh, empty token cache folder (``--cache-dir``): the first run is cold (tokenises
and fills the cache), the second warm (reads the tokens back). If this version of the CLI
has no ``--cache-dir`` option, only the cold run is made and ``cache_option`` is False.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _env(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


#: Where the timed processes start: a folder without a ``govtext`` package, so that
#: ``PYTHONPATH`` decides which checkout runs (``python -m`` and ``python -c`` put the
#: current folder first on ``sys.path``: started in a checkout, they would run it).
NEUTRAL = tempfile.gettempdir()


def run_cli(
    args: list[str], src: Path | None = None, extra: list[str] | None = None
) -> tuple[float, float, int, str]:
    """Wall and CPU seconds, exit code and file count of one ``govtext report`` process
    (``src``: the checkout to run, by ``PYTHONPATH``; default: the installed govtext)."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cmd = [sys.executable, "-m", "govtext", "report", *args, "-o", str(out), "--quiet"]
        cmd += extra or []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(src), cwd=NEUTRAL)
        dt = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        n_files = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        return dt, cpu, proc.returncode, f"{n_files} files"


def has_cache_option() -> bool:
    """Whether ``govtext report --help`` lists ``--cache-dir``."""
    proc = subprocess.run(
        [sys.executable, "-m", "govtext", "report", "--help"], capture_output=True, text=True
    )
    return "--cache-dir" in proc.stdout


def cold_warm(corpus: str | None = None, warm_runs: int = 1) -> dict:
    """Wall and CPU seconds of ``govtext report`` on ``corpus`` (default: ``--sample``), cold
    then warm, with one fresh cache folder (also set as ``GOVTEXT_CACHE_DIR``, so the user's
    own cache is never read).

    Returns ``{"cache_option", "runs": [{"run", "wall_s", "cpu_s", "exit", "files"}],
    "speed_up"}`` where ``speed_up`` = cold wall / median warm wall (None without a cache).
    """
    src = ["--sample"] if corpus is None else [str(corpus)]
    opt = has_cache_option()
    runs = []
    with tempfile.TemporaryDirectory() as cache:
        env_old = os.environ.get("GOVTEXT_CACHE_DIR")
        os.environ["GOVTEXT_CACHE_DIR"] = cache
        try:
            extra = ["--cache-dir", cache] if opt else []
            for i in range(1 + (warm_runs if opt else 0)):
                dt, cpu, code, files = run_cli([*src, *extra])
                runs.append(
                    {
                        "run": "cold" if i == 0 else f"warm {i}",
                        "wall_s": dt,
                        "cpu_s": cpu,
                        "exit": code,
                        "files": files,
                    }
                )
        finally:
            if env_old is None:
                os.environ.pop("GOVTEXT_CACHE_DIR", None)
            else:
                os.environ["GOVTEXT_CACHE_DIR"] = env_old
    warm = [r["wall_s"] for r in runs[1:]]
    return {
        "cache_option": opt,
        "runs": runs,
        "speed_up": runs[0]["wall_s"] / statistics.median(warm) if warm else None,
    }


# ------------------------------------------------------------------ per-section timing
def _timed(table: dict[str, list[float]], key: str, fn: Any) -> Any:
    """``fn`` wrapped to add its wall and CPU seconds to ``table[key]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc = table.setdefault(key, [0.0, 0.0])
            acc[0] += time.perf_counter() - t0
            acc[1] += time.process_time() - c0

    return wrapper


def section_times(corpus_arg: str | None) -> dict[str, list[float]]:
    """``{part: [wall s, CPU s]}`` of one cold in-process ``build_report`` run (this
    process must not have imported govtext yet: imports are timed as "import")."""
    t0, c0 = time.perf_counter(), time.process_time()
    import govtext as gt
    import govtext.report.build  # noqa: F401
    import govtext.report.cache as rcache
    import govtext.report.page as rpage
    from govtext.features import tokens as ftokens
    from govtext.report import context as rcontext

    table: dict[str, list[float]] = {}
    table["import"] = [time.perf_counter() - t0, time.process_time() - c0]
    real_run_section = rcache.run_section

    def run_section(key: str, builder: Any, ctx: Any, *a: Any, **kw: Any) -> Any:
        return _timed(table, f"section {key}", real_run_section)(key, builder, ctx, *a, **kw)

    rcache.run_section = run_section
    ftokens.primed_tokenizer = _timed(table, "tokenize", ftokens.primed_tokenizer)
    rpage.font_face_css = _timed(table, "font subset", rpage.font_face_css)
    rpage.render_page = _timed(table, "page (incl. font)", rpage.render_page)
    if hasattr(rcontext.ReportContext, "write_figure"):
        rcontext.ReportContext.write_figure = _timed(
            table, "  figures saved (in sections)", rcontext.ReportContext.write_figure
        )
    load = _timed(table, "read reports", gt.load_corpus)
    corpus = gt.datasets.load_sample() if corpus_arg is None else load(corpus_arg)
    with tempfile.TemporaryDirectory() as tmp:
        build = _timed(table, "total build_report", gt.build_report)
        build(corpus, Path(tmp) / "out", progress=False, cache_dir=False)
    return table


def sections_in(src: Path | None, corpus_arg: str | None) -> dict[str, list[float]]:
    """:func:`section_times` in a fresh process running the checkout ``src``."""
    here = str(Path(__file__).parent)
    code = (
        f"import json, sys; sys.path.insert(0, {here!r}); import report_speed as r; "
        f"print(json.dumps(r.section_times({corpus_arg!r})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(src), cwd=NEUTRAL
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return {}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_sections(tables: dict[str, dict[str, list[float]]]) -> None:
    names = list(tables)
    keys: list[str] = []
    for t in tables.values():
        keys += [k for k in t if k not in keys]
    head = "".join(f" {n + ' wall':>14} {n + ' CPU':>13}" for n in names)
    print(f"| {'part':<30} |{head}")
    for k in keys:
        cells = ""
        for n in names:
            w, c = tables[n].get(k, [float("nan"), float("nan")])
            cells += f" {w:14.2f} {c:13.2f}"
        print(f"| {k:<30} |{cells}")


# ------------------------------------------------------------------------ --before
def worktree(rev: str) -> Path:
    """A detached git worktree of ``rev`` in a temporary folder (removed by the caller)."""
    where = Path(tempfile.mkdtemp(prefix="govtext-before-")) / "src"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), rev],
        check=True,
        capture_output=True,
    )
    return where


def remove_worktree(where: Path) -> None:
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "remove", "--force", str(where)],
        capture_output=True,
    )


def compare(runs: list[tuple[str, list[str]]], rev: str, rounds: int, extra: list[str]) -> None:
    """Old (``rev``) and new (this checkout) alternately, ``rounds`` each, medians."""
    old = worktree(rev)
    try:
        versions = {f"before ({rev})": old, "after (this checkout)": REPO}
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for i in range(rounds):
            for label, args in runs:
                for name, src in versions.items():
                    dt, cpu, code, files = run_cli(args, src, ["--no-cache", *extra])
                    times.setdefault((label, name), []).append((dt, cpu))
                    print(
                        f"  round {i + 1} {label:<28} {name:<24} {dt:6.1f} s wall "
                        f"{cpu:6.1f} s CPU exit {code} {files} load {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
        print("\n| corpus | version | median wall s | median CPU s | runs |\n|---|---|---|---|---|")
        for (label, name), xs in times.items():
            print(
                f"| {label} | {name} | {statistics.median(x[0] for x in xs):.1f} | "
                f"{statistics.median(x[1] for x in xs):.1f} | "
                f"{', '.join(f'{x[0]:.1f}' for x in xs)} |"
            )
    finally:
        remove_worktree(old)


# --------------------------------------------------------------------- --scheduler
def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def scheduler_check(runs: list[tuple[str, list[str]]], workers: int, rounds: int) -> None:
    """The command on this machine and with ``--scheduler`` (a ``workers``-process
    LocalCluster started once, not timed), alternately; every output file compared."""
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        print(f"LocalCluster: {workers} worker processes, 1 thread each, at {address}")
        print("| corpus | run | wall s (each round) | CPU s of the command | same bytes |")
        print("|---|---|---|---|---|")
        for label, args in runs:
            walls: dict[str, list[float]] = {"local": [], "scheduler": []}
            cpus: dict[str, list[float]] = {"local": [], "scheduler": []}
            same = True
            for _ in range(rounds):
                with tempfile.TemporaryDirectory() as tmp:
                    outs = {}
                    for how, extra in (("local", []), ("scheduler", ["--scheduler", address])):
                        out = Path(tmp) / how
                        cmd = [sys.executable, "-m", "govtext", "report", *args, "-o", str(out)]
                        cmd += ["--quiet", "--no-cache", *extra]
                        import resource

                        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                        t0 = time.perf_counter()
                        proc = subprocess.run(
                            cmd, capture_output=True, text=True, env=_env(REPO), cwd=NEUTRAL
                        )
                        walls[how].append(time.perf_counter() - t0)
                        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                        cpus[how].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
                        if proc.returncode != 0:
                            print(proc.stderr, file=sys.stderr)
                        outs[how] = files_of(out)
                    same = same and outs["local"] == outs["scheduler"] and bool(outs["local"])
            for how in ("local", "scheduler"):
                print(
                    f"| {label} | {how} | {', '.join(f'{w:.1f}' for w in walls[how])} | "
                    f"{statistics.median(cpus[how]):.1f} | {'yes' if same else 'NO'} |",
                    flush=True,
                )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", help="folder of reports (default: only the bundled sample)")
    ap.add_argument("--sections", action="store_true", help="also time each section builder")
    ap.add_argument("--before", metavar="REV", help="also time git revision REV, alternately")
    ap.add_argument("--rounds", type=int, default=2, help="rounds with --before (default 2)")
    ap.add_argument(
        "--scheduler",
        type=int,
        metavar="N",
        default=0,
        help="also run with --scheduler on an N-worker LocalCluster and compare the bytes",
    )
    ap.add_argument(
        "--extra", default="", help="more options for the command, e.g. '--jobs 2' (quoted)"
    )
    ns = ap.parse_args()
    extra = ns.extra.split()
    runs = [("bundled sample (30 reports)", ["--sample"], 15.0, None)]
    if ns.corpus:
        n = sum(1 for p in Path(ns.corpus).rglob("*.txt"))
        runs.append((f"{ns.corpus} ({n} reports)", [ns.corpus], 30.0, ns.corpus))
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()}")
    if ns.before:
        compare([(label, args) for label, args, _, _ in runs], ns.before, ns.rounds, extra)
    else:
        print(f"{'corpus':<45} {'wall s':>8} {'CPU s':>7} {'goal':>6}  result")
        for label, args, goal, _ in runs:
            dt, cpu, code, files = run_cli(args, REPO, ["--no-cache", *extra])
            ok = "ok" if code == 0 and dt < goal else ("FAILED" if code else "too slow")
            print(
                f"{label:<45} {dt:8.1f} {cpu:7.1f} {goal:6.0f}  {ok} (exit {code}, {files}, "
                f"load {os.getloadavg()[0]:.1f})"
            )
    if ns.scheduler:
        scheduler_check([(label, args) for label, args, _, _ in runs], ns.scheduler, ns.rounds)
    if ns.sections:
        old = worktree(ns.before) if ns.before else None
        try:
            for label, _, _, path in runs:
                print(f"\nparts of one in-process run, {label} (load {os.getloadavg()[0]:.1f}):")
                tables = {}
                if old is not None:
                    tables["before"] = sections_in(old, path)
                tables["after" if old is not None else "now"] = sections_in(REPO, path)
                print_sections(tables)
        finally:
            if old is not None:
                remove_worktree(old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
