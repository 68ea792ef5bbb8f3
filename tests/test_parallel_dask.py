"""``dask_map``: chunks on a dask cluster a few at a time, results in order, futures
released (issue 17: the scheduler held every text of a 10,000-report run)."""

from __future__ import annotations

import threading
import time

import pytest

import govtext as gt
from govtext._runtime.parallel import CLUSTER_CHUNK, dask_map, map_reports

distributed = pytest.importorskip("dask.distributed")  # the dask extra is in the test extra

_STATE = {"active": 0, "most": 0}
_LOCK = threading.Lock()


def _tracked(shared: int, chunk: list[int]) -> list[int]:
    with _LOCK:
        _STATE["active"] += 1
        _STATE["most"] = max(_STATE["most"], _STATE["active"])
    time.sleep(0.02)  # lets the other threads start theirs, if they were given any
    with _LOCK:
        _STATE["active"] -= 1
    return [shared + x for x in chunk]


def _fails(shared: int, chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise gt.InputError("chunk with 7")
    return chunk


def test_a_client_that_is_not_the_default_one_is_used():
    # (first in the module: no other Client of this process exists yet)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster, set_as_default=False) as c:
            assert dask_map(c, _pair, [[1], [2]], shared=(0, "k"), window=1) == [["k1"], ["k2"]]
            assert map_reports(_double, [1, 2, 3], client=c) == [2, 4, 6]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=4, processes=False, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_results_in_order_with_a_small_window(client):
    chunks = [[i, i + 100] for i in range(25)]
    _STATE.update(active=0, most=0)
    got = dask_map(client, _tracked, chunks, shared=1000, window=2)
    assert got == [[1000 + i, 1100 + i] for i in range(25)]
    assert 1 <= _STATE["most"] <= 2  # 4 threads, but never more than 2 tasks out
    assert chunks[0] == [0, 100]  # the caller's list is left as it was
    assert dask_map(client, _tracked, [], shared=0) == []


def _held(client) -> int:
    """Futures the client still holds, once the releases sent have been applied."""
    deadline = time.monotonic() + 30
    while client.futures and time.monotonic() < deadline:  # released on the client's loop
        time.sleep(0.05)
    return len(client.futures)


def test_futures_are_released_after_results_and_after_an_error(client):
    assert dask_map(client, _tracked, [[1], [2], [3]], shared=(0, "x")[0]) == [[1], [2], [3]]
    assert _held(client) == 0
    with pytest.raises(gt.InputError, match="chunk with 7"):
        dask_map(client, _fails, [[i] for i in range(20)], shared=0, window=3)
    assert _held(client) == 0


def _pair(shared: tuple[int, str], chunk: list[int]) -> list[str]:
    return [f"{shared[1]}{shared[0] + x}" for x in chunk]


def test_a_tuple_shared_reaches_the_tasks_whole(client):
    assert dask_map(client, _pair, [[1], [2, 3]], shared=(10, "n")) == [["n11"], ["n12", "n13"]]


def test_map_reports_keeps_cluster_tasks_small(client, monkeypatch):
    import govtext._runtime.parallel as par

    sizes: list[int] = []
    original = par.dask_map

    def recording(c, func, chunks, **kw):
        sizes.extend(len(ch) for ch in chunks)
        return original(c, func, chunks, **kw)

    monkeypatch.setattr(par, "dask_map", recording)
    items = list(range(10 * CLUSTER_CHUNK + 3))
    assert map_reports(_double, items, client=client) == [2 * x for x in items]
    assert sum(sizes) == len(items) and max(sizes) <= CLUSTER_CHUNK
    sizes.clear()
    assert map_reports(_double, items, client=client, chunksize=len(items)) == [
        2 * x for x in items
    ]
    assert sizes == [len(items)]  # a chunksize asked for is kept


def _double(item: int) -> int:
    return 2 * item
