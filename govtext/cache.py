"""An on-disk token cache: tokenizing the same text with the same tokenizer happens once.

Entries are keyed by the SHA-256 of the text and stored in one SQLite file per tokenizer
configuration (``<cache_dir>/tokens-<config hash>.sqlite``), so a changed lexicon, user
word or option (anything in :meth:`PolicyTokenizer.config`) uses a fresh file. Values
are JSON lists of strings: no pickle, nothing executable is ever read back.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
from pathlib import Path

__all__ = ["TokenCache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """The user cache folder for govtext.

    ``$GOVTEXT_CACHE_DIR`` if set; otherwise ``%LOCALAPPDATA%\\govtext\\Cache`` on Windows,
    ``~/Library/Caches/govtext`` on macOS and ``$XDG_CACHE_HOME/govtext`` (default
    ``~/.cache/govtext``) elsewhere.

    Examples
    --------
    >>> default_cache_dir().name in ("govtext", "Cache") or "GOVTEXT_CACHE_DIR" in os.environ
    True
    """
    env = os.environ.get("GOVTEXT_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "govtext" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govtext"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govtext"


class TokenCache:
    """SQLite-backed map from text to token list for one tokenizer configuration.

    Parameters
    ----------
    cache_dir : path
        Folder for the cache files (created if missing).
    config_hash : str
        :attr:`PolicyTokenizer.config_hash` (plus the method name if several kinds of
        token lists are cached), so that different configurations never share entries.

    Examples
    --------
    >>> import tempfile
    >>> c = TokenCache(tempfile.mkdtemp(), "abc")
    >>> c.get("乡村振兴") is None
    True
    >>> c.put("乡村振兴", ["乡村振兴"]); c.get("乡村振兴")
    ['乡村振兴']
    """

    def __init__(self, cache_dir: str | os.PathLike[str], config_hash: str) -> None:
        from .errors import InputError

        self.dir = Path(cache_dir)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"{self.dir}: cannot create the cache folder ({exc.strerror or exc})"
            ) from None
        self.path = self.dir / f"tokens-{config_hash[:24]}.sqlite"
        self._local = threading.local()
        self.hits = 0
        self.misses = 0

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=60)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    @staticmethod
    def key(text: str) -> str:
        """SHA-256 of the text (UTF-8)."""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, text: str) -> list[str] | None:
        """Cached tokens of ``text``, or None."""
        row = (
            self._conn()
            .execute("SELECT value FROM tokens WHERE key = ?", (self.key(text),))
            .fetchone()
        )
        if row is None:
            self.misses += 1
            return None
        value = json.loads(row[0])
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            self.misses += 1  # a damaged entry is ignored, never trusted
            return None
        self.hits += 1
        return value

    def get_many(self, texts: list[str]) -> list[list[str] | None]:
        """Cached tokens of each text (None where missing), in one query per 500 texts."""
        keys = [self.key(t) for t in texts]
        found: dict[str, list[str]] = {}
        conn = self._conn()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            q = f"SELECT key, value FROM tokens WHERE key IN ({marks})"
            for k, v in conn.execute(q, chunk):
                val = json.loads(v)
                if isinstance(val, list) and all(isinstance(t, str) for t in val):
                    found[k] = val
        out = [found.get(k) for k in keys]
        hits = sum(v is not None for v in out)
        self.hits += hits
        self.misses += len(out) - hits
        return out

    def put(self, text: str, tokens: list[str]) -> None:
        """Store the tokens of ``text``."""
        self.put_many([text], [tokens])

    def put_many(self, texts: list[str], tokens: list[list[str]]) -> None:
        """Store several entries in one transaction."""
        rows = [
            (self.key(t), json.dumps(list(v), ensure_ascii=False)) for t, v in zip(texts, tokens)
        ]
        conn = self._conn()
        with conn:
            conn.executemany("INSERT OR REPLACE INTO tokens (key, value) VALUES (?, ?)", rows)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_local", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def __len__(self) -> int:
        return int(self._conn().execute("SELECT COUNT(*) FROM tokens").fetchone()[0])

    def __repr__(self) -> str:
        return f"TokenCache({str(self.path)!r})"
