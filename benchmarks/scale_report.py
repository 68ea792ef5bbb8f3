"""Scale curve of the whole ``govtext report`` on synthetic corpora of N reports.

Each synthetic report is made (seeded, deterministic) from a *template* report of the real
corpus (drawn uniformly): it takes the template's year, level and region (so the groups by
year, level and region look like those of a real corpus), its header lines (title, meeting
line, speaker: what comes before the first long paragraph) and its number of paragraphs;
half of the paragraphs are drawn from the template itself (kept in its order), the other
half from every paragraph of the corpus (lines of >= 20 characters). The reports held out
for the blind evaluations (``benchmarks/data/heldout_reports.txt``) are never read.

The files are written as ``{year}_{level}_{region}-s{i:05d}.txt`` (unique names, the year
and level read from the name as govtext reads any folder) into a temporary folder, with a
``metadata.csv`` (``file, year, level, region``) passed as ``--metadata`` so that the region
stays the template's. Then the real command runs in a fresh process::

    python -m govtext report FOLDER --metadata FOLDER/metadata.csv -o OUT --quiet --no-cache

and the script records its wall time, its CPU time (user + system of the process and every
descendant it waited for: ``RUSAGE_CHILDREN``; with a cluster, the cluster's processes
too), its peak memory (sampled every 0.2 s with psutil over the whole process tree, forked
lanes and worker processes included: the summed PSS, which counts the pages forked
processes share once, the summed RSS, which counts them in every process, and the largest
single process) and the size of the output folder. A run whose tree holds more than
``--max-mem`` GB (PSS, default 16) is stopped: the machine is shared.

``--scheduler local-cluster`` starts a 2-worker ``dask.distributed.LocalCluster`` in a
helper process (a child of this script, so its CPU and memory are counted with the
command's) and passes its address as ``govtext report --scheduler ADDRESS`` when the
command has that option (otherwise the run is reported as not possible).

``--sections`` times each step of the page in one fresh process per size instead (reading,
the tokenize + DTM context, every section builder, the page): wall, CPU and the peak RSS
reached during the step (VmHWM reset before each step), to find the steps that grow faster
than the number of reports.

Usage::

    python benchmarks/scale_report.py [CORPUS] [--sizes 100 300 1000] [--seed 0]
        [--scheduler none local-cluster] [--sections] [--keep DIR] [--write RESULTS.md]

The table printed has N, characters, wall s, CPU s, peak PSS / RSS MB of the tree, the
largest process MB, the number of processes, s/report, output MB and page MB, the
log-log slope of wall time, CPU time and peak PSS between consecutive sizes (1 = linear),
and the machine's 1-minute load average when the run started, its highest value during
the run and at its end (the run's own processes included: ~2 on 2 busy cores), and the
peak PSS of the command's process tree and of the LocalCluster's (scheduler and workers)
apart.
With ``--write`` (default ``benchmarks/RESULTS_scale.md`` when the sizes include 1000 or
more; ``--no-write``: none), the table, the machine, the load average and git HEAD replace
the section of that file for the same mode and sizes.

The synthetic folders are written under a temporary folder (removed at the end) or under
``--keep DIR`` (kept and reused: a folder of the same size and seed is not written again),
never inside the repository. Each report takes ~17 k characters (~60 kB) and its output
~150 kB: 10,000 reports need ~2 GB of disk.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MIN_PARA = 20  # a paragraph: a line of at least this many characters


# ------------------------------------------------------------------ synthetic corpus
def _heldout() -> set[str]:
    path = HERE / "data" / "heldout_reports.txt"
    if not path.is_file():
        return set()
    return {
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    }


def read_templates(corpus_dir: str) -> list[dict]:
    """The reports of ``corpus_dir`` (its manifest.csv, or the ``year_level_region`` file
    names) as templates: ``year, level, region, header, paras``; held-out reports left out."""
    root = Path(corpus_dir)
    held = _heldout()
    rows: list[dict] = []
    manifest = root / "manifest.csv"
    if manifest.is_file():
        with open(manifest, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f)]
    else:
        for p in sorted(root.glob("*.txt")):
            m = re.match(r"^(\d{4})_([a-z]+)_(.+)$", p.stem)
            if m:
                rows.append({"file": p.name, "year": m[1], "level": m[2], "region": m[3]})
    out = []
    for r in sorted(rows, key=lambda r: r["file"]):
        if r["file"] in held or not (root / r["file"]).is_file():
            continue
        lines = (root / r["file"]).read_text(encoding="utf-8").splitlines()
        first = next((i for i, ln in enumerate(lines) if len(ln.strip()) >= MIN_PARA), 0)
        # the header: what comes before the first long line, and that line too when it is
        # the meeting line (——2023年1月12日在…会议上)
        if first < len(lines) and "会议上" in lines[first] and first < 12:
            first += 1
        header = [ln.strip() for ln in lines[:first] if ln.strip()][:12]
        paras = [ln.strip() for ln in lines[first:] if len(ln.strip()) >= MIN_PARA]
        if paras:
            out.append(
                {
                    "year": r["year"],
                    "level": r["level"],
                    "region": r["region"],
                    "header": header,
                    "paras": paras,
                }
            )
    if not out:
        raise SystemExit(f"{corpus_dir}: no report to resample")
    return out


def synthesize(templates: list[dict], n: int, folder: Path, seed: int = 0) -> int:
    """Write ``n`` synthetic reports and ``metadata.csv`` into ``folder``; return the
    number of characters written."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pool = [p for t in templates for p in t["paras"]]
    folder.mkdir(parents=True, exist_ok=True)
    picks = rng.integers(0, len(templates), size=n)
    total = 0
    meta = []
    for i, ti in enumerate(picks.tolist()):
        t = templates[ti]
        k = len(t["paras"])
        own = rng.random(k) < 0.5
        n_own = int(own.sum())
        mine = sorted(rng.choice(k, size=n_own, replace=False).tolist()) if n_own else []
        others = rng.integers(0, len(pool), size=k - n_own).tolist()
        it_own, it_other = iter(mine), iter(others)
        body = [t["paras"][next(it_own)] if o else pool[next(it_other)] for o in own.tolist()]
        text = "\n".join([*t["header"], *body]) + "\n"
        name = f"{t['year']}_{t['level']}_{t['region']}-s{i:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        total += len(text)
        meta.append({"file": name, "year": t["year"], "level": t["level"], "region": t["region"]})
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["file", "year", "level", "region"])
        w.writeheader()
        w.writerows(meta)
    return total


# ------------------------------------------------------------------------ measuring
class TreeSampler:
    """Peak memory of some process trees, sampled every ``interval`` seconds: the summed
    RSS (``peak``; counts the pages forked processes share once per process) and the
    summed PSS (``peak_pss``; shared pages split between their processes: the memory the
    tree really holds), and the largest number of processes seen (``procs``)."""

    def __init__(self, pids: list[int], interval: float = 0.2, limit_mb: float = 0):
        self.pids = list(pids)
        self.interval = interval
        self.limit = limit_mb * 2**20
        self.killed = False
        self.peak = 0
        self.peak_pss = 0
        self.peak_proc = 0
        self.procs = 0
        self.peak_roots = [0] * len(self.pids)  # peak PSS of each pid's own tree
        self.load_max = 0.0  # highest 1-minute load average seen (the run's own included)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)

    def _tree(self, roots: list[int] | None = None) -> list:
        import psutil

        procs = []
        for pid in self.pids if roots is None else roots:
            try:
                p = psutil.Process(pid)
                procs += [p, *p.children(recursive=True)]
            except psutil.Error:
                continue
        return procs

    def _sample(self) -> tuple[int, int, int, int]:
        import psutil

        rss = pss = n = top = 0
        for k, root in enumerate(self.pids):
            root_pss = 0
            for q in self._tree([root]):
                try:
                    full = q.memory_full_info()
                except psutil.Error:
                    continue
                rss += full.rss
                root_pss += getattr(full, "pss", full.rss)
                top = max(top, full.rss)
                n += 1
            self.peak_roots[k] = max(self.peak_roots[k], root_pss)
            pss += root_pss
        return rss, pss, n, top

    def _kill(self) -> None:
        """Stop the trees this script started (memory above the limit): children first."""
        import psutil

        self.killed = True
        for q in reversed(self._tree()):
            try:
                q.kill()
            except psutil.Error:
                pass

    def _loop(self) -> None:
        while not self._stop.is_set():
            rss, pss, n, top = self._sample()
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_proc = max(self.peak_proc, top)
            self.procs = max(self.procs, n)
            self.load_max = max(self.load_max, os.getloadavg()[0])
            if self.limit and pss > self.limit and not self.killed:
                self._kill()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def _children_cpu() -> tuple[float, int]:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def has_option(option: str) -> bool:
    """Whether ``govtext report --help`` lists ``option``."""
    proc = subprocess.run(
        [sys.executable, "-m", "govtext", "report", "--help"], capture_output=True, text=True
    )
    return option in proc.stdout


_CLUSTER = """
import sys
from dask.distributed import LocalCluster
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=None, memory_limit=0)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()
cluster.close()
"""


def start_cluster() -> tuple[subprocess.Popen, str]:
    """A 2-worker LocalCluster in a child process; returns it and the scheduler address
    (the cluster closes when the child's stdin is closed)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _CLUSTER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = proc.stdout.readline().strip() if proc.stdout else ""
    if not address.startswith("tcp://"):
        proc.kill()
        raise RuntimeError("the LocalCluster did not start")
    return proc, address


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run_report(folder: Path, scheduler: str, extra: list[str], limit_mb: float = 0) -> dict:
    """Run ``govtext report`` on ``folder`` in a fresh process and measure it."""
    out = Path(tempfile.mkdtemp(prefix="govtext-scale-out-", dir=folder.parent))
    cmd = [sys.executable, "-m", "govtext", "report", str(folder)]
    cmd += ["--metadata", str(folder / "metadata.csv"), "-o", str(out / "page")]
    cmd += ["--quiet", "--no-cache", *extra]
    cluster = None
    cpu0, _ = _children_cpu()
    try:
        pids = []
        if scheduler == "local-cluster":
            cluster, address = start_cluster()
            cmd += ["--scheduler", address]
            pids.append(cluster.pid)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with TreeSampler([proc.pid, *pids], limit_mb=limit_mb) as sampler:
            stdout, stderr = proc.communicate()
        wall = time.perf_counter() - t0
        if cluster is not None and cluster.stdin:
            cluster.stdin.close()
            cluster.wait(timeout=60)
        cpu1, _ = _children_cpu()
        page = out / "page"
        res = {
            "wall_s": wall,
            "cpu_s": cpu1 - cpu0,
            "peak_mb": sampler.peak / 2**20,
            "peak_pss_mb": sampler.peak_pss / 2**20,
            "procs": sampler.procs,
            "max_proc_mb": sampler.peak_proc / 2**20,
            # the command's tree, then the LocalCluster's (scheduler and workers)
            "peak_by_tree_mb": [round(x / 2**20) for x in sampler.peak_roots],
            "out_mb": folder_mb(page) if page.exists() else 0.0,
            "page_mb": (page / "index.html").stat().st_size / 1e6
            if (page / "index.html").exists()
            else 0.0,
            "exit": proc.returncode,
            "load": (load0, sampler.load_max, os.getloadavg()[0]),
        }
        if sampler.killed:
            res["error"] = f"stopped: the process tree went above --max-mem {limit_mb:.0f} MB"
            print(res["error"], file=sys.stderr)
        elif proc.returncode != 0:
            res["error"] = stderr.strip().splitlines()[-1] if stderr.strip() else "?"
            print(stderr[-3000:], file=sys.stderr)
        return res
    finally:
        if cluster is not None and cluster.poll() is None:
            cluster.kill()
        shutil.rmtree(out, ignore_errors=True)


# ------------------------------------------------------------------ per-step timing
_STEPS = """
import json, sys, time, warnings
from pathlib import Path

def hwm(key="VmHWM:"):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0

def reset():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass

folder, out = sys.argv[1], sys.argv[2]
rows = []
def step(name, fn):
    reset()
    start = hwm("VmRSS:")
    t, c = time.perf_counter(), time.process_time()
    r = fn()
    rows.append({"step": name, "wall_s": time.perf_counter() - t,
                 "cpu_s": time.process_time() - c, "start_mb": start, "peak_mb": hwm(),
                 "end_mb": hwm("VmRSS:")})
    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return r

import govtext as gt
from govtext.report.build import prepare_out_dir
from govtext.report.context import ReportContext
from govtext.report.page import render_page
from govtext.report.sections import SECTION_BUILDERS, run_builder
corpus = step("load", lambda: gt.load_corpus(folder, metadata=Path(folder) / "metadata.csv"))
o = prepare_out_dir(out)
ctx = step("context", lambda: ReportContext.create(corpus, o, by="year", tokenizer=None,
           top=10, n_topics=None, max_groups=12, random_state=0))
step("tokenize+dtm", lambda: ctx.dtm)
secs = []
for key, builder in SECTION_BUILDERS:
    secs.append(step(key, lambda: run_builder(key, builder, ctx)))
step("page", lambda: render_page(ctx, secs))
print(json.dumps(rows))
"""


def run_steps(folder: Path) -> list[dict]:
    out = Path(tempfile.mkdtemp(prefix="govtext-scale-steps-", dir=folder.parent))
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _STEPS, str(folder), str(out / "page")],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return []
        return json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out, ignore_errors=True)


# --------------------------------------------------------------------------- output
def slope(n0: int, v0: float, n1: int, v1: float) -> float:
    """Log-log slope between two sizes (1 = linear).

    >>> round(slope(100, 2.0, 1000, 20.0), 2)
    1.0
    """
    if v0 <= 0 or v1 <= 0 or n0 == n1:
        return float("nan")
    return math.log(v1 / v0) / math.log(n1 / n0)


def table(rows: list[dict]) -> str:
    head = (
        "| N | chars M | wall s | CPU s | peak PSS MB (tree) | peak RSS MB (tree) "
        "| max process MB | processes | s/report | output MB | page MB | exit "
        "| slope wall | slope CPU | slope peak PSS | load avg 1 min (start / max / end) "
        "| peak PSS MB: command / cluster |"
    )
    lines = [head, "|" + "---|" * 17]
    prev = None
    for r in rows:
        s = ["", "", ""]
        if prev is not None and r["exit"] == 0 and prev["exit"] == 0:
            s = [
                f"{slope(prev['n'], prev[k], r['n'], r[k]):.2f}"
                for k in ("wall_s", "cpu_s", "peak_pss_mb")
            ]
        lines.append(
            f"| {r['n']:,} | {r['chars'] / 1e6:.1f} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} "
            f"| {r['peak_pss_mb']:,.0f} | {r['peak_mb']:,.0f} | {r['max_proc_mb']:,.0f} "
            f"| {r['procs']} | {r['wall_s'] / r['n']:.3f} "
            f"| {r['out_mb']:,.1f} | {r['page_mb']:.2f} | {r['exit']} | "
            + " | ".join(s)
            + " | "
            + " / ".join(f"{x:.1f}" for x in r.get("load", ()))
            + " | "
            + " / ".join(f"{x:,}" for x in r.get("peak_by_tree_mb", ()))
            + " |"
        )
        prev = r
    return "\n".join(lines)


def steps_table(per_size: dict[int, list[dict]]) -> str:
    sizes = sorted(per_size)
    names = [r["step"] for r in per_size[sizes[0]]]
    head = "| step | " + " | ".join(
        f"N={n:,} wall s / CPU s / RSS MB at start → peak (→ end)" for n in sizes
    )
    if len(sizes) > 1:
        head += f" | slope CPU {sizes[-2]:,}→{sizes[-1]:,}"
    head += " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name in names:
        cells = []
        got = {}
        for n in sizes:
            r = next((x for x in per_size[n] if x["step"] == name), None)
            got[n] = r
            cells.append(
                f"{r['wall_s']:.1f} / {r['cpu_s']:.1f} / {r.get('start_mb', 0):,.0f} → "
                f"{r['peak_mb']:,.0f} (→ {r.get('end_mb', 0):,.0f})"
                if r
                else "—"
            )
        if len(sizes) > 1:
            a, b = got[sizes[-2]], got[sizes[-1]]
            sl = (
                slope(sizes[-2], max(a["cpu_s"], 0.01), sizes[-1], max(b["cpu_s"], 0.01))
                if a and b
                else float("nan")
            )
            cells.append(f"{sl:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "govtext"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM"
    except ImportError:
        mem = "? GB RAM"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node() or 'machine'}: {os.cpu_count()} cores, {mem}, Python "
        f"{platform.python_version()}; git HEAD {head}{' (govtext/ modified)' if dirty else ''}; "
        f"load average {load}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def write_results(path: Path, mode: str, text: str) -> None:
    """Replace (or append) the section ``## mode`` of ``path`` with ``text``."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Scale of `govtext report`\n"
    marker = f"## {mode}\n"
    block = marker + "\n" + text.strip() + "\n"
    if marker in old:
        before, rest = old.split(marker, 1)
        nxt = rest.find("\n## ")
        after = rest[nxt + 1 :] if nxt >= 0 else ""
        new = before + block + ("\n" + after if after else "")
    else:
        new = old.rstrip() + "\n\n" + block
    path.write_text(new, encoding="utf-8")


# ----------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--scheduler",
        nargs="+",
        choices=["none", "local-cluster"],
        default=["none"],
        help="none: the command as is; local-cluster: a 2-worker LocalCluster passed as "
        "--scheduler (both may be given)",
    )
    ap.add_argument("--sections", action="store_true", help="time every step instead")
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs N to the command")
    ap.add_argument(
        "--max-mem",
        type=float,
        default=16.0,
        metavar="GB",
        help="stop a run whose process tree holds more than this (PSS; default 16 GB; 0: "
        "no limit): the machine is shared",
    )
    ap.add_argument("--keep", metavar="DIR", help="write the synthetic folders here and keep them")
    ap.add_argument(
        "--write",
        metavar="MD",
        help="results file (default: benchmarks/RESULTS_scale.md when a size is >= 1000)",
    )
    ap.add_argument("--no-write", action="store_true")
    ns = ap.parse_args()
    for n in ns.sizes:
        if n < 1:
            raise SystemExit(f"--sizes: {n} is not a number of reports")

    templates = read_templates(ns.corpus)
    base = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="govtext-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    if REPO in base.resolve().parents:
        raise SystemExit(f"--keep: {base} is inside the repository; choose a folder outside it")
    free_gb = shutil.disk_usage(base).free / 1e9
    need_gb = max(ns.sizes) * 0.25e-3  # ~60 kB of text + ~180 kB of output per report
    print(f"# {machine()}")
    print(
        f"# {len(templates)} template reports; synthetic folders in {base} ({free_gb:.0f} GB free)"
    )
    if free_gb < 2 * need_gb:
        raise SystemExit(f"{base}: {free_gb:.1f} GB free, {2 * need_gb:.1f} GB wanted")
    extra = ["--jobs", str(ns.jobs)] if ns.jobs else []
    sections = []
    try:
        folders = {}
        for n in sorted(set(ns.sizes)):
            folder = base / f"reports-{n}-seed{ns.seed}"
            if not (folder / "metadata.csv").is_file():
                shutil.rmtree(folder, ignore_errors=True)
                chars = synthesize(templates, n, folder, ns.seed)
            else:
                chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
            folders[n] = (folder, chars)
        if ns.sections:
            per_size = {}
            for n, (folder, _) in folders.items():
                per_size[n] = run_steps(folder)
                print(f"N={n}: " + json.dumps(per_size[n]), flush=True)
            text = steps_table({k: v for k, v in per_size.items() if v})
            print(text)
            sections.append(("per step, in one process (`--sections`)", text))
        else:
            for sched in ns.scheduler:
                if sched == "local-cluster" and not has_option("--scheduler"):
                    print("# govtext report has no --scheduler option yet: local-cluster skipped")
                    continue
                rows = []
                for n, (folder, chars) in folders.items():
                    r = run_report(folder, sched, extra, ns.max_mem * 1024)
                    r.update(n=n, chars=chars)
                    rows.append(r)
                    print(json.dumps(r), flush=True)
                text = table(rows)
                print(text)
                label = (
                    "this machine (the command's default --jobs)"
                    if sched == "none"
                    else "2-worker LocalCluster (--scheduler)"
                )
                if extra:
                    label += f", {' '.join(extra)}"
                sections.append((label, text))
    finally:
        if not ns.keep:
            shutil.rmtree(base, ignore_errors=True)
    out = (
        None
        if ns.no_write
        else (ns.write or (HERE / "RESULTS_scale.md" if max(ns.sizes) >= 1000 else None))
    )
    if out:
        for label, text in sections:
            sizes = " ".join(str(n) for n in sorted(set(ns.sizes)))
            write_results(
                Path(out),
                f"{label}: sizes {sizes}",
                f"{machine()}\n\n`python benchmarks/scale_report.py --sizes {sizes}"
                f"{' --sections' if ns.sections else ''}"
                f"{' --scheduler ' + ' '.join(ns.scheduler) if ns.scheduler != ['none'] else ''}`\n\n"
                + text,
            )
        print(f"# written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
