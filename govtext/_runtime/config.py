"""Options shared by many govtext functions, set once: ``n_jobs`` and ``cache_dir``.

As scikit-learn's :func:`sklearn.config_context`: :func:`set_config` changes them for the
rest of the session, :func:`config_context` inside a ``with`` block, :func:`get_config`
reads them. A function that takes one of these options keeps its keyword argument; its
default ``None`` means "take the configuration", a value given in the call wins. The
configuration is held in a :class:`contextvars.ContextVar`, so threads and asyncio tasks
each see their own ``with`` blocks.

Options
-------
n_jobs : int, default 1
    Worker processes that cut reports into words (``-1``: all cores). Results are the same
    for any number.
cache_dir : path or None, default None
    Folder of the token cache (and, for :func:`govtext.build_report`, of finished report
    sections); ``None``: no cache. Pass ``cache_dir=False`` to a function to switch off a
    cache set here.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from govtext.errors import InputError

__all__ = ["get_config", "set_config", "config_context", "resolve_option", "renamed_keyword"]

_DEFAULTS: dict[str, Any] = {"n_jobs": 1, "cache_dir": None}
_CONFIG: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar(
    "govtext_config", default=_DEFAULTS
)


def _checked(n_jobs: Any, cache_dir: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if n_jobs is not None:
        if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
            raise InputError(
                f"n_jobs must be a positive number of workers, or -1 for all cores, not {n_jobs!r}"
            )
        out["n_jobs"] = n_jobs
    if cache_dir is not None:
        if cache_dir is not False and not isinstance(cache_dir, (str, os.PathLike)):
            raise InputError(f"cache_dir must be a folder path or False, not {cache_dir!r}")
        out["cache_dir"] = None if cache_dir is False else cache_dir
    return out


def get_config() -> dict[str, Any]:
    """The current values of the shared options (a copy).

    Returns
    -------
    dict
        ``{"n_jobs": ..., "cache_dir": ...}``.

    Examples
    --------
    >>> import govtext as gt
    >>> gt.get_config()["n_jobs"]
    1
    """
    return dict(_CONFIG.get())


def set_config(*, n_jobs: int | None = None, cache_dir: Any = None) -> None:
    """Set shared options for the rest of the session (``None`` leaves an option as is).

    Parameters
    ----------
    n_jobs : int, optional
        Worker processes (``-1``: all cores).
    cache_dir : path or False, optional
        Cache folder; ``False`` switches the cache off.

    Examples
    --------
    >>> import govtext as gt
    >>> gt.set_config(n_jobs=2)
    >>> gt.get_config()["n_jobs"]
    2
    >>> gt.set_config(n_jobs=1)
    """
    _CONFIG.set({**_CONFIG.get(), **_checked(n_jobs, cache_dir)})


@contextmanager
def config_context(*, n_jobs: int | None = None, cache_dir: Any = None) -> Iterator[None]:
    """Shared options inside a ``with`` block; the previous values come back after it.

    Parameters
    ----------
    n_jobs : int, optional
        Worker processes (``-1``: all cores).
    cache_dir : path or False, optional
        Cache folder; ``False`` switches a cache set outside off.

    Examples
    --------
    >>> import govtext as gt
    >>> with gt.config_context(n_jobs=2):
    ...     gt.get_config()["n_jobs"]
    2
    >>> gt.get_config()["n_jobs"]
    1
    """
    token = _CONFIG.set({**_CONFIG.get(), **_checked(n_jobs, cache_dir)})
    try:
        yield
    finally:
        _CONFIG.reset(token)


def resolve_option(name: str, value: Any) -> Any:
    """``value`` if given, else the configured value of option ``name``.

    ``cache_dir=False`` (given) resolves to ``None``: no cache, whatever is configured.

    Examples
    --------
    >>> from govtext._runtime.config import config_context, resolve_option
    >>> with config_context(n_jobs=3):
    ...     resolve_option("n_jobs", None), resolve_option("n_jobs", 1)
    (3, 1)
    >>> resolve_option("cache_dir", False) is None
    True
    """
    if name not in _DEFAULTS:
        raise KeyError(name)
    if value is None:
        return _CONFIG.get()[name]
    if name == "cache_dir" and value is False:
        return None
    return value


def renamed_keyword(old: str, new: str, value: Any) -> Any:
    """``value`` of a keyword passed under its old name, with a :class:`FutureWarning`.

    One name per concept (``top``, ``random_state``): the old spellings (``top_n``, ``seed``)
    still work for one release and warn.

    Examples
    --------
    >>> import warnings
    >>> from govtext._runtime.config import renamed_keyword
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     renamed_keyword("top_n", "top", 5), str(w[0].message)
    (5, "'top_n' is renamed 'top'; 'top_n' will be removed in the next release")
    """
    import warnings

    warnings.warn(
        f"{old!r} is renamed {new!r}; {old!r} will be removed in the next release",
        FutureWarning,
        stacklevel=3,
    )
    return value
