"""Loaders: report files, folders, globs, CSV/TSV tables and JSONL as a :class:`Corpus`."""

from __future__ import annotations

import glob as _glob
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext.corpus.checks import OUTPUT_MARKER, check_paths
from govtext.corpus.reading import read_text
from govtext.corpus.reports import Corpus, Report, _isnan
from govtext.errors import EmptyReportError, GovtextError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["load_corpus", "read_report", "iter_reports", "corpus_from_texts"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_report(
    path: str | os.PathLike[str], name: str | None = None, *, clean: bool | str = "auto"
) -> Report:
    """Read one text file as a :class:`Report`.

    ``clean="auto"`` cleans text taken from web pages where the signs are there (pinyin
    annotations, traditional script, page furniture; see
    :func:`govtext.text.webclean.clean_web_text`), ``True`` always, ``False`` never; what
    was done is in ``meta["cleaned"]``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "2022_county_米易县.txt"
    >>> _ = p.write_text("各位代表：", encoding="utf-8")
    >>> read_report(p).meta["region"]
    '米易县'
    """
    text, enc = read_text(path)
    p = Path(path)
    r = Report.from_text(text, name=name or p.stem, path=str(p), clean=clean)
    r.meta["encoding"] = enc
    return r


def _written_by_govtext(f: Path, root: Path) -> bool:
    """True when ``f`` lies in a folder that ``govtext report`` wrote (under ``root``)."""
    for d in f.parents:
        if (d / OUTPUT_MARKER).is_file():
            return True
        if d == root:
            return False
    return False


def _expand(paths: Any) -> list[Path]:
    files: list[Path] = []
    for item in check_paths(paths):
        s = os.fspath(item)
        if any(ch in s for ch in "*?[") and not Path(s).exists():
            hits = sorted(_glob.glob(s, recursive=True))
            if not hits:
                raise InputError(f"{s}: the pattern matches no file")
            files.extend(Path(h) for h in hits if Path(h).is_file())
            continue
        p = Path(s)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in TEXT_SUFFIXES
                and not f.name.startswith(".")
                and not _written_by_govtext(f, p)
            )
            if not found:
                raise InputError(f"{p}: the folder holds no report files (.txt)")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def _unique_names(files: list[Path]) -> list[str]:
    from collections import Counter

    stems = [f.stem for f in files]
    counts = Counter(stems)  # (stems.count in the loop was O(n^2): minutes at 100k files)
    names = []
    for f, s in zip(files, stems):
        if counts[s] > 1:  # same file name in different folders: qualify with parents
            names.append(f"{f.parent.name}/{s}" if f.parent.name else str(f))
        else:
            names.append(s)
    if len(set(names)) != len(names):
        names = [str(f) for f in files]
    return names


def _table_reports(
    path: Path, text_column: str, name_column: str | None, clean: bool | str = "auto"
) -> list[Report]:
    import pandas as pd

    raw, _ = read_text(path)
    import io as _io

    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        df = pd.read_csv(_io.StringIO(raw), sep=sep, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise InputError(f"{path}: cannot be parsed as a table ({exc})") from None
    return _rows_to_reports(
        df.to_dict("records"), path, text_column, name_column, list(df.columns), clean
    )


def _jsonl_reports(
    path: Path, text_column: str, name_column: str | None, clean: bool | str = "auto"
) -> list[Report]:
    raw, _ = read_text(path)
    rows = []
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {i} is not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}: line {i} is not a JSON object")
        rows.append(obj)
    cols = sorted({k for r in rows for k in r})
    return _rows_to_reports(rows, path, text_column, name_column, cols, clean)


def _rows_to_reports(
    rows: list[dict[str, Any]],
    path: Path,
    text_column: str,
    name_column: str | None,
    cols: list[str],
    clean: bool | str = "auto",
) -> list[Report]:
    if text_column not in cols:
        raise InputError(
            f"{path}: no column {text_column!r} holding the report text; columns are "
            f"{', '.join(map(str, cols)) or '(none)'} (pass text_column=..., on the command line --text-column)"
        )
    if name_column is None:
        name_column = next((c for c in ("name", "file", "id") if c in cols), None)
    elif name_column not in cols:
        raise InputError(
            f"{path}: no column {name_column!r}; columns are {', '.join(map(str, cols))}"
        )
    reports = []
    for i, row in enumerate(rows, 1):
        text = row.get(text_column)
        if not isinstance(text, str) or not text.strip():
            raise EmptyReportError(f"{path}: row {i} has no text in column {text_column!r}")
        name = (
            str(row[name_column])
            if name_column and row.get(name_column) not in (None, "")
            else f"{path.stem}#{i}"
        )
        name = Path(name).stem if name.lower().endswith(tuple(TEXT_SUFFIXES)) else name
        meta = {k: (None if v == "" else v) for k, v in row.items() if k not in (text_column,)}
        if "year" in meta and meta["year"] is not None:
            meta["year"] = as_year(meta["year"], f"{path}: row {i}")
        reports.append(Report.from_text(text, name=name, meta=meta, path=str(path), clean=clean))
    return reports


def as_year(value: Any, where: str, whose: str = "") -> int:
    """A year from a table cell: ``2023``, ``2023.0`` (a CSV column pandas read as floats,
    a JSON number) or ``"2023"``; anything else, or a year outside 1900–2100, is an
    :class:`~govtext.errors.InputError` naming ``where`` (and ``whose`` after the value).

    Examples
    --------
    >>> as_year("2023.0", "meta.csv: row 1"), as_year(2024, "x")
    (2023, 2024)
    """
    try:
        number = float(str(value).strip()) if not isinstance(value, (int, float)) else value
    except ValueError:
        number = None
    if isinstance(value, bool) or number is None or not float(number).is_integer():
        raise InputError(f"{where}: year {value!r}{whose} is not a whole number")
    year = int(number)
    if not 1900 <= year <= 2100:
        raise InputError(f"{where}: year {value!r}{whose} is not between 1900 and 2100")
    return year


def _read_metadata(metadata: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(metadata, pd.DataFrame):
        df = metadata.copy()
        src = "metadata table"
    else:
        p = Path(metadata)
        raw, _ = read_text(p)
        import io as _io

        try:
            df = pd.read_csv(
                _io.StringIO(raw),
                sep="\t" if p.suffix.lower() == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
            )
        except Exception as exc:
            raise InputError(f"{p}: cannot be parsed as a CSV table ({exc})") from None
        src = str(p)
    key = next((c for c in ("file", "name") if c in df.columns), None)
    if key is None:
        raise InputError(
            f"{src}: needs a 'file' or 'name' column to join on; columns are {', '.join(map(str, df.columns))}"
        )
    df[key] = (
        df[key]
        .astype(str)
        .map(lambda s: Path(s).stem if s.lower().endswith(tuple(TEXT_SUFFIXES)) else s)
    )
    return df.set_index(key)


def load_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    metadata: str | os.PathLike[str] | pd.DataFrame | None = None,
    *,
    text_column: str = "text",
    name_column: str | None = None,
    on_error: str = "raise",
    clean: bool | str = "auto",
    client: Any = None,
) -> Corpus:
    """Load reports from text files, folders, globs, CSV/TSV or JSONL files.

    Parameters
    ----------
    paths : path, glob or list of them
        ``.txt`` files; folders (searched recursively for ``.txt``); glob patterns;
        ``.csv``/``.tsv`` tables and ``.jsonl`` files with one report per row.
    metadata : path or DataFrame, optional
        A table joined on the file name (column ``file`` or ``name``, with or without
        ``.txt``); its non-empty values win over the file name and the header.
    text_column : str, default "text"
        Column holding the text in tables and JSONL.
    name_column : str, optional
        Column naming each row (default: ``name``, ``file`` or ``id`` if present).
    on_error : {"raise", "skip"}, default "raise"
        What a file that cannot be read as reports does (undecodable, empty, a broken
        table): stop with its error, or be left out — the files left out are listed in
        one warning and in ``Corpus.skipped``.
    clean : {"auto", True, False}, default "auto"
        Clean text taken from web pages: pinyin/zhuyin annotations removed, traditional
        script converted to simplified, page furniture of document-sharing sites dropped;
        anonymisation placeholders (``XX``, ``某镇``) stay in the text and the token filter
        drops them. ``"auto"`` runs each step where its signs are found, ``True`` always,
        ``False`` never. What was done is in ``meta["cleaned"]``
        (see :func:`govtext.text.webclean.clean_web_text`).
    client : dask.distributed.Client, optional
        Read (decode, clean, parse) the files on this cluster, one task per few files;
        every worker must see the files at the same paths. The corpus is the same.

    Returns
    -------
    Corpus

    Raises
    ------
    InputError
        Missing paths, an empty folder, a missing column, a broken JSONL line, or an
        undecodable or empty file; the message names the file.

    Examples
    --------
    >>> import govtext as gt
    >>> corpus = gt.load_corpus(gt.datasets.sample_path())
    >>> len(corpus) >= 20
    True
    """
    if on_error not in ("raise", "skip"):
        raise InputError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    files = _expand(paths)
    reports: list[Report] = []
    skipped: list[tuple[str, str]] = []
    text_files = [f for f in files if f.suffix.lower() not in TABLE_SUFFIXES | JSONL_SUFFIXES]
    names = dict(zip(text_files, _unique_names(text_files)))
    jobs = [(f, names.get(f), text_column, name_column, clean) for f in files]
    if client is None:
        read = (_read_or_error(job) for job in jobs)
    else:
        from govtext._runtime.parallel import map_reports

        read = iter(map_reports(_read_or_error, jobs, client=client))
    for f, got in zip(files, read):
        if isinstance(got, GovtextError):
            if on_error == "raise":
                raise got
            skipped.append((str(f), str(got)))
        else:
            reports.extend(got)
    if skipped:
        import warnings

        from govtext.corpus.checks import LoadWarning

        listing = "; ".join(reason for _, reason in skipped)
        warnings.warn(
            f"skipped {len(skipped)} bad file(s) of {len(files)}: {listing}",
            LoadWarning,
            stacklevel=2,
        )
    if not reports:
        raise InputError(f"{paths}: no reports found")
    if metadata is not None:
        table = _read_metadata(metadata)
        for r in reports:
            key = r.name if r.name in table.index else (Path(r.path).stem if r.path else None)
            if key is not None and key in table.index:
                row = table.loc[key]
                if getattr(row, "ndim", 1) > 1:
                    raise InputError(f"metadata: more than one row for {key!r}")
                for k, v in row.items():
                    if v is None or v == "" or _isnan(v):
                        continue
                    if k == "year":
                        v = as_year(v, "metadata", f" for {key!r}")
                    r.meta[k] = v
    corpus = Corpus(reports)
    corpus.skipped = skipped
    return corpus


def _read_or_error(job: tuple[Path, str | None, str, str | None, bool | str]) -> Any:
    """The reports of one file, or the :class:`GovtextError` reading it gave (a task that
    may run on a dask worker)."""
    try:
        return _read_file(*job)
    except GovtextError as exc:
        return exc


def _read_file(
    f: Path,
    name: str | None,
    text_column: str,
    name_column: str | None,
    clean: bool | str = "auto",
) -> list[Report]:
    suf = f.suffix.lower()
    if suf in TABLE_SUFFIXES:
        return _table_reports(f, text_column, name_column, clean)
    if suf in JSONL_SUFFIXES:
        return _jsonl_reports(f, text_column, name_column, clean)
    return [read_report(f, name=name, clean=clean)]


def iter_reports(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    name_column: str | None = None,
    clean: bool | str = "auto",
) -> Iterator[Report]:
    """Yield reports one at a time, reading each file only when it is reached.

    For corpora that do not fit in memory (see :func:`govtext.parallel.stream_dtm`).
    Tables (CSV/JSONL) are read one file at a time.

    Examples
    --------
    >>> import govtext as gt
    >>> it = iter_reports(gt.datasets.sample_path())
    >>> next(it).name
    '2015_national_中国'
    """
    files = _expand(paths)
    text_files = [f for f in files if f.suffix.lower() not in TABLE_SUFFIXES | JSONL_SUFFIXES]
    names = dict(zip(text_files, _unique_names(text_files)))
    for f in files:
        suf = f.suffix.lower()
        if suf in TABLE_SUFFIXES:
            yield from _table_reports(f, text_column, name_column, clean)
        elif suf in JSONL_SUFFIXES:
            yield from _jsonl_reports(f, text_column, name_column, clean)
        else:
            yield read_report(f, name=names[f], clean=clean)


def corpus_from_texts(texts: Iterable[str], names: Iterable[str] | None = None) -> Corpus:
    """Build a corpus from strings (names default to ``doc0``, ``doc1`` ...).

    Examples
    --------
    >>> len(corpus_from_texts(["各位代表：甲", "各位代表：乙"]))
    2
    """
    texts = list(texts)
    names = list(names) if names is not None else [f"doc{i}" for i in range(len(texts))]
    return Corpus(Report.from_text(t, name=n) for t, n in zip(texts, names))
