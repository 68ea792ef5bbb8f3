"""On-disk caches: tokens of texts, and results of the ``govtext report`` sections.

* :class:`TokenCache` — tokenizing the same text with the same tokenizer happens once.
  Entries are keyed by the SHA-256 of the text and stored in one SQLite file per
  tokenizer configuration and govtext version (``<cache_dir>/tokens-<hash>.sqlite``), so
  a changed lexicon, user word or option (anything in :meth:`PolicyTokenizer.config`) or
  another govtext version uses a fresh file. Values are JSON lists of strings.
* :class:`ResultCache` — finished analysis results (a JSON document plus named byte
  blobs such as CSV and PNG files) under a key the caller derives from everything the
  result depends on (see :func:`fingerprint`).

No pickle anywhere: nothing executable is ever read back. A damaged entry (bad JSON,
wrong type, checksum mismatch) counts as a miss and is overwritten by the next ``put``;
a cache file that is not a readable SQLite database is moved aside and started afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "TokenCache",
    "ResultCache",
    "default_cache_dir",
    "fingerprint",
    "cache_info",
    "clear_cache",
]

_PATTERNS = ("tokens-*.sqlite", "results-*.sqlite")


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


def fingerprint(*parts: Any) -> str:
    """SHA-256 of JSON-able parts (dict keys sorted; other objects by ``str``).

    Examples
    --------
    >>> fingerprint({"b": 1, "a": 2}) == fingerprint({"a": 2, "b": 1})
    True
    >>> fingerprint("x") == fingerprint("y")
    False
    """
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _make_dir(path: Path) -> None:
    from govtext.errors import InputError

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot create the cache folder ({exc.strerror or exc})"
        ) from None


class _Store:
    """One SQLite file, one connection per thread and process; a damaged file is replaced."""

    _schema: tuple[str, ...] = ()

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.disabled = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        for stmt in self._schema:
            conn.execute(stmt)
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            try:
                conn = self._connect()
            except sqlite3.DatabaseError as exc:
                if not _is_damage(exc):
                    raise
                self._discard()
                conn = self._connect()
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    def _discard(self) -> None:
        """Move a damaged database aside (``*.corrupt``) so that a fresh one is created."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover
                pass
        self._local.conn = None
        warnings.warn(f"govtext cache: {self.path} is damaged; starting a new one", stacklevel=3)
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        try:
            os.replace(self.path, str(self.path) + ".corrupt")
        except OSError:
            self.path.unlink(missing_ok=True)

    def _run(self, fn: Any, default: Any = None) -> Any:
        """Run ``fn(conn)``; on a damaged database start a fresh one and run it once more.

        Other database errors (a read-only or full disk, a lock held too long) never stop
        the analysis: the cache is switched off for this session with one warning, and
        ``default`` is returned.
        """
        if self.disabled:
            return default
        try:
            try:
                return fn(self._conn())
            except sqlite3.DatabaseError as exc:
                if not _is_damage(exc):
                    raise
                self._discard()
                return fn(self._conn())
        except (sqlite3.Error, OSError) as exc:
            self.disabled = True
            warnings.warn(
                f"govtext cache: {self.path} cannot be used ({_one_line(exc)}); "
                "continuing without it",
                stacklevel=3,
            )
            return default

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_local", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._local = threading.local()


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """A damaged file (not a database, malformed), as opposed to a lock or a full disk."""
    name = getattr(exc, "sqlite_errorname", None)
    if name is not None:
        return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
    return not isinstance(exc, sqlite3.OperationalError)  # pragma: no cover - Python < 3.11


#: Largest cached value read back (bytes of JSON); anything larger is damage.
MAX_VALUE_BYTES = 64 * 1024 * 1024
#: Deepest JSON nesting a result document may have.
MAX_DEPTH = 32


def _loads(raw: Any) -> Any:
    """JSON from a cache column (str or bytes), or ``_DAMAGED`` for anything unreadable:
    not UTF-8, not JSON, too large or too deeply nested (never a RecursionError)."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raw = bytes(raw)
        if len(raw) > MAX_VALUE_BYTES:
            return _DAMAGED
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _DAMAGED
    if not isinstance(raw, str) or len(raw) > MAX_VALUE_BYTES:
        return _DAMAGED
    if _nesting(raw) > MAX_DEPTH:
        return _DAMAGED
    try:
        return json.loads(raw)
    except (TypeError, ValueError, RecursionError):
        return _DAMAGED


_DAMAGED = object()


def _nesting(raw: str) -> int:
    """Upper bound of the bracket nesting of a JSON text (brackets inside strings count,
    which can only over-estimate)."""
    depth = deepest = 0
    for ch in raw:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _token_list(raw: Any) -> list[str] | None:
    """A JSON list of strings, or None for anything else (a damaged entry)."""
    value = _loads(raw)
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        return None
    return value


def _one_line(exc: BaseException) -> str:
    """An exception's message on one short line, whatever bytes it quotes."""
    text = " ".join(str(exc).split())
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return text if len(text) <= 160 else text[:157] + "..."


class TokenCache(_Store):
    """SQLite-backed map from text to token list for one tokenizer configuration.

    Parameters
    ----------
    cache_dir : path
        Folder for the cache files (created if missing).
    config_hash : str
        :attr:`PolicyTokenizer.config_hash` (plus the kind of token list, e.g.
        ``":cut"``, if several kinds are cached), so that different configurations never
        share entries. The govtext version is part of the file name too.

    Attributes
    ----------
    hits, misses : int
        Look-ups answered from the cache / not found (or damaged).

    Examples
    --------
    >>> import tempfile
    >>> c = TokenCache(tempfile.mkdtemp(), "abc")
    >>> c.get("乡村振兴") is None
    True
    >>> c.put("乡村振兴", ["乡村振兴"]); c.get("乡村振兴")
    ['乡村振兴']
    """

    _schema = ("CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, value TEXT NOT NULL)",)

    def __init__(self, cache_dir: str | os.PathLike[str], config_hash: str) -> None:
        from govtext._version import __version__

        self.dir = Path(cache_dir)
        _make_dir(self.dir)
        tag = fingerprint(__version__, _tokenizer_code(), config_hash)[:24]
        super().__init__(self.dir / f"tokens-{tag}.sqlite")
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str) -> str:
        """SHA-256 of the text (UTF-8)."""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, text: str) -> list[str] | None:
        """Cached tokens of ``text``, or None (missing or damaged)."""
        return self.get_many([text])[0]

    def get_many(self, texts: list[str]) -> list[list[str] | None]:
        """Cached tokens of each text (None where missing), in one query per 500 texts."""
        keys = [self.key(t) for t in texts]

        def query(conn: sqlite3.Connection) -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                # as bytes: a row that is not valid UTF-8 is a damaged entry (a miss that
                # the next put_many rewrites), never an error that switches the cache off
                q = f"SELECT key, CAST(value AS BLOB) FROM tokens WHERE key IN ({marks})"
                for k, v in conn.execute(q, chunk):
                    val = _token_list(v)  # a damaged entry is ignored, never trusted
                    if val is not None:
                        found[k] = val
            return found

        found = self._run(query, {})
        out = [found.get(k) for k in keys]
        hits = sum(v is not None for v in out)
        self.hits += hits
        self.misses += len(out) - hits
        return out

    def put(self, text: str, tokens: list[str]) -> None:
        """Store the tokens of ``text``."""
        self.put_many([text], [tokens])

    def put_many(self, texts: list[str], tokens: list[list[str]]) -> None:
        """Store several entries in one transaction (replacing damaged ones)."""
        rows = []
        for t, v in zip(texts, tokens):
            value = json.dumps(list(v), ensure_ascii=False)
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: not cached (load_corpus removes them)
                continue
            rows.append((self.key(t), value))

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO tokens (key, value) VALUES (?, ?)", rows)

        self._run(write)

    def __len__(self) -> int:
        return int(self._run(lambda c: c.execute("SELECT COUNT(*) FROM tokens").fetchone()[0], 0))

    def __repr__(self) -> str:
        return f"TokenCache({str(self.path)!r})"


class ResultCache(_Store):
    """SQLite-backed store of finished results: a JSON document plus named byte blobs.

    Each blob's SHA-256 is kept in the document and checked on reading; an entry whose
    JSON does not parse or whose blobs do not match is a miss (and is overwritten by the
    next :meth:`put`).

    Parameters
    ----------
    cache_dir : path
        Folder for the cache file ``results-v1.sqlite`` (created if missing).
    max_bytes : int, optional
        When the stored blobs exceed this size, the least recently used entries are
        deleted. Default: ``$GOVTEXT_CACHE_MAX_MB`` megabytes, else 2,000 MB.

    Attributes
    ----------
    hits, misses : int
        Entries found intact / not found or damaged.

    Examples
    --------
    >>> import tempfile
    >>> c = ResultCache(tempfile.mkdtemp())
    >>> c.put("k", {"rows": 3}, {"data/a.csv": b"x,y\\n"})
    >>> c.get("k")
    ({'rows': 3}, {'data/a.csv': b'x,y\\n'})
    >>> c.get("other") is None, c.hits, c.misses
    (True, 1, 1)
    """

    _schema = (
        "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, doc TEXT NOT NULL, "
        "size INTEGER NOT NULL DEFAULT 0, used REAL NOT NULL DEFAULT 0)",
        "CREATE TABLE IF NOT EXISTS blobs (key TEXT NOT NULL, name TEXT NOT NULL, "
        "data BLOB NOT NULL, PRIMARY KEY (key, name))",
    )

    def __init__(self, cache_dir: str | os.PathLike[str], max_bytes: int | None = None) -> None:
        self.dir = Path(cache_dir)
        _make_dir(self.dir)
        super().__init__(self.dir / "results-v1.sqlite")
        if max_bytes is None:
            try:
                max_bytes = int(float(os.environ.get("GOVTEXT_CACHE_MAX_MB", "2000")) * 1e6)
            except ValueError:
                max_bytes = 2_000_000_000
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> tuple[Any, dict[str, bytes]] | None:
        """``(document, {name: bytes})`` stored under ``key``, or None (missing or damaged)."""

        def query(conn: sqlite3.Connection) -> Any:
            row = conn.execute(
                "SELECT CAST(doc AS BLOB) FROM results WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                return None
            blobs = dict(conn.execute("SELECT name, data FROM blobs WHERE key = ?", (key,)))
            return row[0], blobs

        got = self._run(query)
        value = _check_entry(got) if got is not None else None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        now = time.time()

        def touch(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("UPDATE results SET used = ? WHERE key = ?", (now, key))

        self._run(touch)
        return value

    def put(self, key: str, doc: Any, blobs: dict[str, bytes] | None = None) -> None:
        """Store ``doc`` (JSON-able) and ``blobs`` under ``key``, replacing any old entry."""
        blobs = dict(blobs or {})
        sums = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
        text = json.dumps({"doc": doc, "sha256": sums}, ensure_ascii=False, sort_keys=True)

        size = sum(len(d) for d in blobs.values()) + len(text)
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("DELETE FROM blobs WHERE key = ?", (key,))
                conn.execute(
                    "INSERT OR REPLACE INTO results (key, doc, size, used) VALUES (?, ?, ?, ?)",
                    (key, text, size, now),
                )
                conn.executemany(
                    "INSERT INTO blobs (key, name, data) VALUES (?, ?, ?)",
                    [(key, n, sqlite3.Binary(d)) for n, d in sorted(blobs.items())],
                )
                self._prune(conn, keep=key)

        self._run(write)

    def _prune(self, conn: sqlite3.Connection, keep: str) -> None:
        """Delete the least recently used entries while the total size exceeds max_bytes."""
        total = conn.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()[0]
        if total <= self.max_bytes:
            return
        rows = conn.execute(
            "SELECT key, size FROM results WHERE key != ? ORDER BY used, key", (keep,)
        ).fetchall()
        drop = []
        for k, sz in rows:
            if total <= self.max_bytes:
                break
            drop.append((k,))
            total -= sz
        conn.executemany("DELETE FROM blobs WHERE key = ?", drop)
        conn.executemany("DELETE FROM results WHERE key = ?", drop)

    def __len__(self) -> int:
        return int(self._run(lambda c: c.execute("SELECT COUNT(*) FROM results").fetchone()[0], 0))

    def __repr__(self) -> str:
        return f"ResultCache({str(self.path)!r})"


def _check_entry(got: tuple[Any, dict[str, Any]]) -> tuple[Any, dict[str, bytes]] | None:
    raw, blobs = got
    entry = _loads(raw)
    if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), dict):
        return None
    sums = entry["sha256"]
    if set(sums) != set(blobs):
        return None
    out: dict[str, bytes] = {}
    for name, data in blobs.items():
        if not isinstance(data, (bytes, bytearray, memoryview)):
            return None
        data = bytes(data)
        if hashlib.sha256(data).hexdigest() != sums[name]:
            return None
        out[name] = data
    return entry.get("doc"), out


def _cache_files(cache_dir: Path) -> list[Path]:
    files: set[Path] = set()
    for pat in _PATTERNS:
        for p in cache_dir.glob(pat):
            files.add(p)
        for suffix in ("-wal", "-shm", ".corrupt"):
            files.update(cache_dir.glob(pat + suffix))
    return sorted(files)


def cache_info(cache_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Where the cache is and how big: ``{"path", "files", "bytes", "token_files",
    "result_entries"}``.

    Examples
    --------
    >>> import tempfile
    >>> cache_info(tempfile.mkdtemp())["files"]
    0
    """
    d = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    files = _cache_files(d) if d.is_dir() else []
    entries = 0
    res = d / "results-v1.sqlite"
    if res.is_file():
        try:
            entries = len(ResultCache(d))
        except sqlite3.Error:  # pragma: no cover - reported as 0
            entries = 0
    return {
        "path": str(d),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "token_files": sum(1 for p in files if p.name.endswith(".sqlite") and "tokens-" in p.name),
        "result_entries": entries,
    }


def clear_cache(cache_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Delete govtext's cache files (and only those) in ``cache_dir``; return them.

    Other files in the folder are left alone, so pointing ``GOVTEXT_CACHE_DIR`` at a shared
    folder is safe.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> TokenCache(d, "abc").put("甲", ["甲"])
    >>> len(clear_cache(d)) >= 1, cache_info(d)["files"]
    (True, 0)
    """
    d = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    removed: list[Path] = []
    if not d.is_dir():
        return removed
    for p in _cache_files(d):
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:  # pragma: no cover
            pass
    return removed


_TOKENIZER_CODE: str | None = None


def _tokenizer_code() -> str:
    """Hash of the code that cuts text and of the segmentation libraries' versions.

    Part of every token cache's file name, so tokens cut by an older tokenizer, jieba,
    jieba-rs or OpenCC are never read back (the configuration hash covers only settings
    and lexicon files).
    """
    global _TOKENIZER_CODE
    if _TOKENIZER_CODE is None:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256()
        code = sorted(p.relative_to(root).as_posix() for p in root.glob("tokenize/**/*.py"))
        for name in (*code, "text/normalize.py"):
            h.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
        h.update(installed_versions(("jieba", "rjieba", "opencc")).encode())
        _TOKENIZER_CODE = h.hexdigest()
    return _TOKENIZER_CODE


def installed_versions(dists: Iterable[str]) -> str:
    """``name==version`` lines of installed distributions (``-`` when not installed).

    Examples
    --------
    >>> installed_versions(["jieba", "no-such-distribution"]).splitlines()[1]
    'no-such-distribution==-'
    """
    from importlib import metadata

    lines = []
    for dist in dists:
        try:
            v = metadata.version(dist)
        except metadata.PackageNotFoundError:
            v = "-"
        lines.append(f"{dist}=={v}\n")
    return "".join(lines)
