"""Forked lanes of ``govtext report`` (report/lanes.py, _runtime/parallel.py): ended when
the parent fails or is interrupted, never forked beside a dask Client, one process each,
gone with their parent, and an error that cannot be read back named by its sections."""

from __future__ import annotations

import _thread
import json
import os
import time

import pytest

import govtext as gt
from govtext._runtime import parallel
from govtext._runtime.config import config_context, resolve_option
from govtext._runtime.parallel import can_fork, fork_call, map_chunks
from govtext.report.blocks import PageSection
from govtext.report.context import ReportContext
from govtext.report.lanes import fork_safe, lanes_for, run_sections

pytestmark = pytest.mark.skipif(not can_fork(), reason="lanes are forked on Linux only")


def _explode() -> None:
    raise TypeError("this object cannot be rebuilt here")


class _Bomb:
    """Pickles; unpickling it raises (whatever reducer pickles the exception holding it)."""

    def __reduce__(self):
        return (_explode, ())


class Unreadable(BaseException):
    """Pickles, but cannot be unpickled: its argument is a :class:`_Bomb`."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(_Bomb(), f"{a} {b}")


def tiny_ctx(tmp_path) -> ReportContext:
    corpus = gt.corpus_from_texts(["推进乡村振兴。优化营商环境。", "乡村振兴见效。"])
    out = tmp_path / "out"
    out.mkdir()
    return ReportContext(corpus, out, "year")


def section(key: str, note: str = "") -> PageSection:
    return PageSection(key, key, "", "", note=note)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_interrupted_parent_ends_its_lanes_and_removes_their_files(tmp_path):
    ctx = tiny_ctx(tmp_path)
    assert fork_safe(ctx)
    seen: list[int] = []
    parent = os.getpid()

    def either(c):  # each lane takes one of the two sections: it behaves by where it runs
        return stop(c) if os.getpid() == parent else sleeper(c)

    def sleeper(c):  # in the forked lane
        c.write_file("data/sleeper.json", json.dumps(os.getpid()))
        time.sleep(120)
        return section("sleeper")

    def stop(c):  # in this process: interrupted (as by Ctrl-C) once the lane is busy
        path = c.out / "data" / "sleeper.json"
        for _ in range(600):
            if path.is_file() and path.read_text():
                break
            time.sleep(0.05)
        seen.append(json.loads(path.read_text()))
        _thread.interrupt_main()
        for _ in range(600):
            time.sleep(0.05)
        return section("stop")

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_sections(ctx, [("one", either), ("two", either)], None, keep_going=False, lanes=2)
    assert time.monotonic() - start < 60  # not waiting for the sleeping lane
    assert seen and seen[0] != os.getpid()
    assert not alive(seen[0])  # ended and reaped
    assert not (ctx.out / "data" / "sleeper.json").exists()


def test_unreadable_error_of_a_lane_names_its_sections(tmp_path):
    ctx = tiny_ctx(tmp_path)
    parent = os.getpid()

    def odd(c):  # here: slow and fine; in the forked lane: an error that cannot be read
        if os.getpid() == parent:
            time.sleep(1.0)  # (the forked lane takes the other section meanwhile)
            return section("here")
        c.write_file("data/odd.json", "{}")
        raise Unreadable("a", "b")

    with pytest.raises(RuntimeError, match=r"section\(s\) a, b.*cannot be read"):
        run_sections(ctx, [("a", odd), ("b", odd)], None, keep_going=False, lanes=2)
    assert not (ctx.out / "data" / "odd.json").exists()


def test_fork_call_unreadable_result_is_a_runtime_error():
    def boom():
        raise Unreadable("x", "y")

    job = fork_call(boom, name="the lane of test")
    with pytest.raises(RuntimeError, match="the lane of test sent back .*TypeError"):
        job.result()


def test_no_lanes_beside_a_dask_client(tmp_path):
    ctx = tiny_ctx(tmp_path)
    ctx.client = object()  # (never used by these builders)
    assert not fork_safe(ctx)
    pids = []

    def rec(key):
        def build(c):
            pids.append(os.getpid())
            return section(key)

        return build

    got = run_sections(ctx, [("a", rec("a")), ("b", rec("b"))], None, keep_going=False, lanes=2)
    assert [s.key for s in got] == ["a", "b"] and pids == [os.getpid()] * 2


def test_no_lanes_while_another_dask_client_runs(tmp_path):
    distributed = pytest.importorskip("distributed")
    ctx = tiny_ctx(tmp_path)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as lc:
        with distributed.Client(lc, set_as_default=False):
            assert not fork_safe(ctx)  # its threads run in this process
    assert fork_safe(ctx)  # closed: its leftover threads hold no state a lane would use


def test_early_lane_is_one_process_with_no_workers(tmp_path):
    ctx = tiny_ctx(tmp_path)
    ctx.n_jobs = 2

    def indicators(c):  # forked before the words are cut (the early lane)
        pids = map_chunks(lambda s, ch: os.getpid(), [[1], [2]], n_jobs=2)
        return section("indicators", json.dumps([c.n_jobs, resolve_option("n_jobs", None), pids]))

    def other(c):
        return section("other")

    with config_context(n_jobs=2):
        got = run_sections(
            ctx, [("indicators", indicators), ("other", other)], None, keep_going=False, lanes=2
        )
        assert resolve_option("n_jobs", None) == 2  # this process's configuration kept
    n_jobs, configured, pids = json.loads(got[0].note)
    assert n_jobs == 1 and configured == 1
    assert pids[0] == pids[1] != os.getpid()  # ran in the lane itself
    assert ctx.n_jobs == 2


def test_child_whose_parent_changed_before_prctl_exits(monkeypatch):
    monkeypatch.setattr(parallel, "_parent_pid", lambda: 1)  # "the parent is gone"
    job = fork_call(lambda: 42)
    with pytest.raises(RuntimeError, match="ended without a result"):
        job.result()
    monkeypatch.undo()
    assert fork_call(lambda: 42).result() == 42


def test_lanes_for_memory():
    assert lanes_for(4, 100, 20_000) == 4
    assert lanes_for(4, 10_000, 20_000) == 1  # a forked copy would not fit
    assert lanes_for(2, 10_000, 200_000) == 2
    assert lanes_for(1, 10, None) == 1 and lanes_for(3, 10_000, None) == 3


def test_a_free_lane_takes_the_next_section(tmp_path):
    """Lanes take sections as they become free: while one lane builds a slow section, the
    other builds all the rest (a fixed plan would queue one of them behind the slow one)."""
    ctx = tiny_ctx(tmp_path)

    def build(key, wait):
        def run(c):
            time.sleep(wait)
            return section(key, json.dumps(os.getpid()))

        return run

    builders = [("slow", build("slow", 1.5)), ("b", build("b", 0)), ("c", build("c", 0))]
    got = run_sections(ctx, builders, None, keep_going=False, lanes=2)
    pid = {s.key: json.loads(s.note) for s in got}
    assert [s.key for s in got] == ["slow", "b", "c"]  # page order
    assert pid["b"] == pid["c"] != pid["slow"]
