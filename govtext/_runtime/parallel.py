"""Per-report work in input order — in this process, in worker processes or on a
``dask.distributed`` cluster — and independent steps side by side in forked processes.

* :func:`map_reports` applies a function to every item (a report, a text, a path) and
  returns the results **in input order**, whichever way it ran: in this process
  (``n_jobs=1``), in ``n_jobs`` joblib ``loky`` worker processes (spawn-safe: Linux,
  macOS, Windows), or on a ``dask.distributed`` Client. The function is pure, so the
  three give the same results and every later step the same bytes.
* :func:`connect` turns a scheduler address (or a Client) into a Client, with a short
  timeout and one clear error naming the option and the address.
* :func:`fork_call` runs a function in a forked child process and hands back its result
  (used to build sections of the report page side by side on a multi-core machine; where
  ``fork`` is unavailable it returns None and the caller runs the function itself).

This module sits in ``govtext._runtime``: it imports nothing of govtext but the errors.
"""

from __future__ import annotations

import contextvars
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from govtext.errors import InputError

__all__ = [
    "map_reports",
    "map_chunks",
    "connect",
    "effective_jobs",
    "auto_jobs",
    "fork_call",
    "forked_workers",
    "meanwhile",
    "can_fork",
]

#: Seconds :func:`connect` waits for a scheduler before giving up.
CONNECT_TIMEOUT = 10


def available_cores() -> int:
    """CPU cores this process may run on (its affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def effective_jobs(n_jobs: int | None) -> int:
    """The number of processes ``n_jobs`` asks for (``None`` or 1: one; -1: every core).

    Examples
    --------
    >>> effective_jobs(None), effective_jobs(3), effective_jobs(-1) >= 1
    (1, 3, True)
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise InputError(
            f"n_jobs must be a positive number of workers, or -1 for all cores, not {n_jobs!r}"
        )
    return available_cores() if n_jobs == -1 else n_jobs


def auto_jobs(limit: int = 4) -> int:
    """A default number of processes: every available core, at most ``limit``.

    Examples
    --------
    >>> 1 <= auto_jobs() <= 4
    True
    """
    return max(1, min(available_cores(), limit))


def connect(scheduler: Any, *, option: str = "scheduler", timeout: float = CONNECT_TIMEOUT) -> Any:
    """A ``dask.distributed`` Client for ``scheduler``: an address or a Client.

    Parameters
    ----------
    scheduler : str or dask.distributed.Client
        ``"tcp://10.0.0.5:8786"`` (a ``dask scheduler`` address) or a Client, returned as it is.
    option : str
        The argument or command-line option named in the messages.
    timeout : float
        Seconds to wait for the scheduler.

    Returns
    -------
    dask.distributed.Client
        A new Client for an address (the caller closes it), or ``scheduler`` itself.

    Raises
    ------
    MissingExtraError
        dask.distributed (the ``dask`` extra) is not installed.
    InputError
        The scheduler cannot be reached within ``timeout`` seconds, or ``scheduler`` is
        neither an address nor a Client; the message names ``option`` and the address.

    Examples
    --------
    >>> try:
    ...     connect("tcp://127.0.0.1:9", option="--scheduler", timeout=1)
    ... except Exception as exc:
    ...     print(str(exc).split(":")[0])
    --scheduler
    """
    from govtext.errors import require

    require("dask.distributed", "dask", f"running on a dask cluster ({option})")
    from dask.distributed import Client

    if isinstance(scheduler, Client):
        return scheduler
    if not isinstance(scheduler, str) or not scheduler.strip():
        raise InputError(
            f"{option} must be a dask scheduler address such as tcp://host:8786 or a "
            f"dask.distributed Client, not {scheduler!r}"
        )
    address = scheduler.strip()
    try:
        return Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"{option}: cannot reach the dask scheduler at {address} within {timeout:g} s "
            f"({reason}); start one with `dask scheduler` and give its address, or leave "
            f"{option} out to run on this machine"
        ) from None


# ------------------------------------------------------------------------------ mapping
# objects shared by every task, unpickled once per worker process and configuration
_WORKER_SHARED: dict[str, Any] = {}


def _in_worker(func: Any, shared: Any, chunk: list[Any], parent: int, key: str | None) -> Any:
    """Run ``func(shared, chunk)`` in a loky worker, reusing the worker's copy of ``shared``."""
    if os.getpid() == parent or key is None:  # run in the caller: its own object
        return func(shared, chunk)
    got = _WORKER_SHARED.get(key)
    if got is None:
        if len(_WORKER_SHARED) >= 4:
            _WORKER_SHARED.clear()
        got = _WORKER_SHARED[key] = shared
    return func(got, chunk)


def map_chunks(
    func: Callable[[Any, list[Any]], Any],
    chunks: Sequence[list[Any]],
    *,
    shared: Any = None,
    shared_key: str | None = None,
    n_jobs: int | None = None,
    client: Any = None,
) -> list[Any]:
    """``[func(shared, chunk) for chunk in chunks]``, in order, run where asked.

    Parameters
    ----------
    func : callable
        A module-level function (it travels to the workers by pickle).
    chunks : sequence of lists
    shared : object
        Passed to every call: sent once per worker on a cluster (scattered), and, with a
        ``shared_key``, unpickled once per loky worker and key.
    shared_key : str, optional
        Identifies ``shared``'s configuration (e.g. a tokenizer's ``config_hash``).
    n_jobs : int, optional
        Worker processes (``None``/1: this process; -1: every core).
    client : dask.distributed.Client, optional
        Run on this cluster instead (``n_jobs`` is then ignored).

    Examples
    --------
    >>> map_chunks(lambda s, ch: [s + x for x in ch], [[1, 2], [3]], shared=10)
    [[11, 12], [13]]
    """
    chunks = list(chunks)
    if client is not None:
        if not chunks:
            return []
        return dask_map(client, func, chunks, shared=shared)
    jobs = effective_jobs(n_jobs)
    if jobs == 1 or len(chunks) <= 1 or _in_daemon():  # (a daemon may not have children)
        return [func(shared, ch) for ch in chunks]
    if fork_preferred():
        return _map_forked(func, chunks, shared, min(jobs, len(chunks)))
    from joblib import Parallel, delayed

    parent = os.getpid()
    return Parallel(n_jobs=min(jobs, len(chunks)), backend="loky")(
        delayed(_in_worker)(func, shared, ch, parent, shared_key) for ch in chunks
    )


def client_workers(client: Any, default: int = 4) -> int:
    """Threads of a dask ``client``'s workers (``default`` when the cluster does not say)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - a cluster that does not answer
        return default


def dask_map(
    client: Any,
    func: Callable[[Any, list[Any]], Any],
    chunks: Sequence[list[Any]],
    *,
    shared: Any = None,
    window: int | None = None,
) -> list[Any]:
    """``[func(shared, chunk) for chunk in chunks]`` on a dask cluster, in order, with at
    most ``window`` chunks on the cluster at a time.

    ``shared`` is scattered once to every worker. The tasks are submitted lazily: at most
    ``window`` (default: twice the workers' threads) are out at a time, the next one
    when a result comes back, and each task's future is released as soon as its result
    is here. So the scheduler (which holds a task's chunk until the task is forgotten)
    and the workers never hold more than ``window`` chunks and their results, whatever
    the number of chunks; the scheduler still places each task on the free worker.

    Examples
    --------
    >>> from dask.distributed import Client
    >>> with Client(processes=False, n_workers=1, dashboard_address=None) as c:
    ...     dask_map(c, lambda s, ch: [s + x for x in ch], [[1, 2], [3], [4]], shared=10, window=2)
    [[11, 12], [13], [14]]
    """
    from dask.distributed import as_completed

    chunks = list(chunks)
    if not chunks:
        return []
    if window is None:
        window = 2 * client_workers(client)
    window = max(1, int(window))
    # (in a list: a tuple or dict ``shared`` stays one object, one future)
    (shared_f,) = client.scatter([shared], broadcast=True, hash=False)
    out: list[Any] = [None] * len(chunks)
    running: dict[str, int] = {}
    done = as_completed(loop=client.loop)  # (this client's loop: it may not be the default)
    nxt = 0

    def submit() -> None:
        nonlocal nxt
        fut = client.submit(func, shared_f, chunks[nxt], pure=False)
        running[fut.key] = nxt
        done.add(fut)
        chunks[nxt] = None  # type: ignore[call-overload]  # sent: not needed here now
        nxt += 1

    try:
        while nxt < len(chunks) and len(running) < window:
            submit()
        for fut in done:
            try:
                out[running.pop(fut.key)] = fut.result()  # (raises the task's error)
            finally:
                fut.release()
            if nxt < len(chunks):
                submit()
    finally:
        done.clear()  # after an error: the futures still out are forgotten (cancelled)
        shared_f.release()
    return out


# ----------------------------------------------------------------- forked workers
_PREFER_FORK: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "govtext_prefer_fork", default=False
)
_FORK_JOB: tuple[Any, list[Any], Any] | None = None


def _in_daemon() -> bool:
    """True in a daemonic process (a forked lane of :func:`fork_call`): it may not start
    worker processes of its own, so its work runs in the process itself."""
    import multiprocessing as mp

    return bool(mp.current_process().daemon)


def can_fork() -> bool:
    """True where :func:`fork_call` and forked workers are used (Linux, unless the
    environment variable ``GOVTEXT_NO_FORK`` is set)."""
    return sys.platform.startswith("linux") and not os.environ.get("GOVTEXT_NO_FORK")


@contextmanager
def forked_workers() -> Iterator[None]:
    """Inside the block, :func:`map_chunks` with ``n_jobs`` > 1 forks its worker processes
    (where :func:`can_fork`) instead of starting loky workers: a forked worker starts with
    everything this process has built (a tokenizer's dictionary, imported modules), so it
    costs nothing to start. For a caller that owns the process (``govtext report``): a
    fork copies the state of every thread, so it is not the default.

    Examples
    --------
    >>> with forked_workers():
    ...     map_chunks(lambda s, ch: sum(ch) + s, [[1, 2], [3]], shared=10, n_jobs=2)
    [13, 13]
    """
    token = _PREFER_FORK.set(True)
    try:
        yield
    finally:
        _PREFER_FORK.reset(token)


_MEANWHILE: contextvars.ContextVar[list[Callable[[], Any]] | None] = contextvars.ContextVar(
    "govtext_meanwhile", default=None
)


@contextmanager
def meanwhile(fn: Callable[[], Any]) -> Iterator[None]:
    """Inside the block, the first :func:`map_chunks` that forks its workers calls ``fn()``
    in this process while they work (this process would only wait): for work that
    processes forked later inherit, such as imports. ``fn``'s errors are ignored.

    Examples
    --------
    >>> seen = []
    >>> with forked_workers(), meanwhile(lambda: seen.append("done")):
    ...     map_chunks(lambda s, ch: len(ch), [[1, 2], [3]], n_jobs=2)
    [2, 1]
    >>> seen == ["done"] or not can_fork()
    True
    """
    token = _MEANWHILE.set([fn])
    try:
        yield
    finally:
        _MEANWHILE.reset(token)


def fork_preferred() -> bool:
    """Whether :func:`map_chunks` forks its workers here (see :func:`forked_workers`)."""
    return _PREFER_FORK.get() and can_fork()


def _fork_task(i: int) -> Any:  # pragma: no cover - in a forked worker
    assert _FORK_JOB is not None
    func, chunks, shared = _FORK_JOB
    return func(shared, chunks[i])


def _map_forked(func: Any, chunks: list[Any], shared: Any, jobs: int) -> list[Any]:
    """``func(shared, chunk)`` of every chunk in ``jobs`` forked processes, in order; the
    function and ``shared`` are inherited, never pickled; only results travel."""
    global _FORK_JOB
    import multiprocessing as mp

    _FORK_JOB = (func, chunks, shared)
    try:
        pool = mp.get_context("fork").Pool(
            jobs, initializer=_die_with_parent, initargs=(_parent_pid(),)
        )
        with pool:
            pending = pool.map_async(_fork_task, range(len(chunks)), chunksize=1)
            hooks = _MEANWHILE.get()
            while hooks:  # (the workers exist already: nothing done here is forked into them)
                try:
                    hooks.pop()()
                except Exception:  # noqa: BLE001 - only a head start, never needed
                    pass
            return pending.get()
    finally:
        _FORK_JOB = None


def _apply(pair: tuple[Any, Any], chunk: list[Any]) -> list[Any]:
    func, shared = pair
    if shared is _NO_SHARED:
        return [func(x) for x in chunk]
    return [func(shared, x) for x in chunk]


class _NoShared:
    def __reduce__(self) -> str:  # one object in every process
        return "_NO_SHARED"


_NO_SHARED = _NoShared()


#: Largest number of items per task of :func:`map_reports` on a dask cluster (by default):
#: :func:`dask_map` keeps a few tasks' items on the cluster at a time, so small tasks
#: bound what the scheduler and the workers hold.
CLUSTER_CHUNK = 32


def map_reports(
    func: Callable[..., Any],
    items: Sequence[Any],
    *,
    shared: Any = _NO_SHARED,
    shared_key: str | None = None,
    n_jobs: int | None = None,
    client: Any = None,
    chunksize: int | None = None,
) -> list[Any]:
    """``[func(item) for item in items]`` (``func(shared, item)`` with ``shared``), in input
    order, in this process, in ``n_jobs`` worker processes or on a dask cluster.

    ``func`` must be a pure, module-level function: the results do not depend on where it
    ran, so the same inputs give the same results (and the same bytes downstream) for any
    ``n_jobs`` and on any cluster.

    Parameters
    ----------
    func : callable
    items : sequence
        Reports, texts, paths: anything that pickles.
    shared : object, optional
        Passed first to every call (a tokenizer): sent once per worker.
    shared_key : str, optional
        Identifies ``shared`` (see :func:`map_chunks`).
    n_jobs : int, optional
        Worker processes (``None``/1: this process; -1: every core).
    client : dask.distributed.Client, optional
        Run on this cluster (see :func:`connect`).
    chunksize : int, optional
        Items per task (default: about four tasks per worker).

    Returns
    -------
    list
        One result per item, in the order of ``items``.

    Examples
    --------
    >>> map_reports(len, ["甲乙", "丙"])
    [2, 1]
    >>> map_reports(divmod, [7, 9], shared=100)
    [(14, 2), (11, 1)]
    """
    items = list(items)
    if not items:
        return []
    workers = effective_jobs(n_jobs) if client is None else client_workers(client)
    if chunksize is None:
        chunksize = max(1, -(-len(items) // (4 * workers)))
        if client is not None:  # chunks travel one by one (dask_map): keep each small
            chunksize = min(chunksize, CLUSTER_CHUNK)
    chunks = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
    key = None if shared_key is None else f"{shared_key}:{getattr(func, '__name__', '')}"
    parts = map_chunks(
        _apply, chunks, shared=(func, shared), shared_key=key, n_jobs=n_jobs, client=client
    )
    return [x for part in parts for x in part]


# ------------------------------------------------------------------------- forking
class Forked:
    """A function running in a forked child process; :meth:`result` waits for it,
    :meth:`terminate` ends it. ``name`` says what it runs, in error messages."""

    def __init__(self, process: Any, conn: Any, name: str = "a worker process") -> None:
        self._process, self._conn = process, conn
        self.name = name
        self._done = False
        self._value: Any = None

    @property
    def pid(self) -> int | None:
        """The child's process id."""
        return self._process.pid

    def terminate(self, timeout: float = 5.0) -> None:
        """End the child (SIGTERM, then SIGKILL after ``timeout`` seconds) and wait for
        it; :meth:`result` then raises a RuntimeError. Harmless once it has ended."""
        if self._done:
            return
        proc = self._process
        if proc.is_alive():
            proc.terminate()
            proc.join(timeout)
            if proc.is_alive():  # pragma: no cover - a child that ignores SIGTERM
                proc.kill()
        proc.join()
        self._conn.close()
        self._done = True
        self._value = ("error", RuntimeError(f"{self.name} was stopped"))

    def result(self) -> Any:
        """The function's return value; its exception is raised here. Warnings it gave
        are given again in this process."""
        if not self._done:
            try:
                status, value, caught = self._conn.recv()
            except EOFError:
                self._process.join()
                status, caught = "error", []
                value = RuntimeError(
                    f"{self.name} ended without a result (exit code "
                    f"{self._process.exitcode}, or killed)"
                )
            except Exception as exc:  # noqa: BLE001 - e.g. an exception that cannot be unpickled
                status, caught = "error", []
                value = RuntimeError(
                    f"{self.name} sent back a result or an error that cannot be read here "
                    f"({type(exc).__name__}: {exc})"
                )
            finally:
                self._conn.close()
                self._process.join()
            import warnings

            for message, category, filename, lineno in caught:
                warnings.warn_explicit(message, category, filename, lineno)
            self._done = True
            self._value = (status, value)
        status, value = self._value
        if status == "error":
            raise value
        return value


def _parent_pid() -> int:
    """This process's id, taken before forking (the child compares it with its parent)."""
    return os.getpid()


def _die_with_parent(parent: int | None = None) -> None:  # pragma: no cover - in the child
    """Ask Linux to end this process when its parent ends (a killed run leaves nothing).

    ``parent``: the parent's id taken before the fork; if the parent has already ended
    (this process was re-parented before the request took effect), exit now."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _child(fn: Callable[[], Any], conn: Any, parent: int) -> None:  # pragma: no cover - child
    import pickle
    import warnings

    _die_with_parent(parent)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            msg: tuple[str, Any] = ("ok", fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the parent
            msg = ("error", exc)
    kept = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    try:
        conn.send((*msg, kept))
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        conn.send(("error", RuntimeError(f"a result could not be sent back: {exc}"), kept))
    conn.close()


def fork_call(fn: Callable[[], Any], *, name: str = "a worker process") -> Forked | None:
    """Start ``fn()`` in a forked child process (it sees this process's memory as it is
    now); None where ``fork`` is not available or not safe (macOS, Windows), and the
    caller then runs ``fn`` itself.

    The child's return value and exception travel back by pickle; its warnings are given
    again by :meth:`Forked.result` (a value that cannot be unpickled here becomes a
    RuntimeError naming ``name``). The child never runs this process's exit handlers, ends
    when this process ends, and is a daemon: it runs :func:`map_chunks` in itself.

    Examples
    --------
    >>> job = fork_call(lambda: sum(range(10)))
    >>> (job.result() if job is not None else sum(range(10)))
    45
    """
    import multiprocessing as mp

    if not can_fork():  # pragma: no cover - macOS's fork is unsafe with system libraries
        return None
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    import warnings

    with warnings.catch_warnings():  # Python 3.12 warns about fork with threads running
        warnings.simplefilter("ignore", DeprecationWarning)
        proc = ctx.Process(target=_child, args=(fn, send, _parent_pid()), daemon=True)
        proc.start()
    send.close()
    return Forked(proc, recv, name)
