"""``Report`` and ``Corpus``: report texts with metadata, and the loaders that make them."""

from __future__ import annotations

import glob as _glob
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext.corpus.meta import FIELDS, meta_from_filename, meta_from_header
from govtext.corpus.reading import read_text
from govtext.errors import EmptyReportError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Report", "Corpus", "load_corpus", "read_report", "iter_reports", "corpus_from_texts"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Report:
    """One government work report: its text and metadata.

    Attributes
    ----------
    name : str
        Unique name within a corpus (the file name without suffix, or a table row id).
    text : str
        The text exactly as read (decoded, byte-order mark removed). Analyses normalise it
        on the fly, so offsets into ``text`` are never lost.
    meta : dict
        ``year, date, level, region, speaker, speaker_title, meeting`` (``None`` when unknown)
        plus any extra columns of a user metadata table.
    path : str or None
        Where the text came from.

    Examples
    --------
    >>> r = Report.from_text("——2023年1月12日在某镇第十五届人民代表大会第三次会议上\\n各位代表：", name="r")
    >>> r.meta["date"], r.meta["level"]
    ('2023-01-12', 'township')
    """

    name: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        name: str = "report",
        meta: dict[str, Any] | None = None,
        path: str | None = None,
    ) -> Report:
        """Build a report, reading metadata from ``name`` (file-name pattern) and the header.

        Explicit ``meta`` values that are not None win over both.
        """
        if not isinstance(text, str):
            raise InputError(f"{path or name}: report text must be str, not {type(text).__name__}")
        if not text.strip():
            raise EmptyReportError(f"{path or name}: report has no text")
        m: dict[str, Any] = dict.fromkeys(FIELDS)
        header = meta_from_header(text)
        fname = meta_from_filename(os.path.basename(path) if path else name)
        m.update(header)
        m.update(fname)
        if header.get("year") and fname.get("year") is None:
            m["year"] = header["year"]
        for k, v in (meta or {}).items():
            if v is not None and not _isnan(v):
                m[k] = v
        return cls(name=name, text=text, meta=m, path=path)

    @property
    def normalized(self) -> str:
        """The normalised text (see :func:`govtext.normalize`)."""
        from govtext.text.normalize import normalize

        return normalize(self.text)

    @property
    def sections(self):
        """Headings of the report as a tree with character offsets (see ``govtext.structure``)."""
        from govtext.text.structure import parse_sections

        return parse_sections(self.text)

    def section(self, kind: str) -> str:
        """Text of the top-level section(s) of one kind (``review``, ``targets``, ``tasks``,
        ``self_building``, ``other``); empty string when the report has none."""
        from govtext.text.structure import section_text

        return section_text(self.text, kind)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        bits = ", ".join(
            f"{k}={self.meta.get(k)!r}" for k in ("year", "level", "region") if self.meta.get(k)
        )
        return f"Report({self.name!r}, {len(self.text)} chars{', ' + bits if bits else ''})"


def _isnan(v: Any) -> bool:
    try:
        return v != v  # NaN is the only value unequal to itself
    except Exception:  # pragma: no cover
        return False


class Corpus(Sequence[Report]):
    """An ordered collection of reports; ``meta`` is a DataFrame with one row per report.

    Index by position, by name, by a slice, or by a boolean mask (list, array or Series)
    to get a sub-corpus.

    Examples
    --------
    >>> c = Corpus([Report.from_text("各位代表：甲", name="2022_county_甲县"),
    ...             Report.from_text("各位代表：乙", name="2023_county_甲县")])
    >>> c.meta["year"].tolist(), c["2023_county_甲县"].meta["year"]
    ([2022, 2023], 2023)
    >>> len(c[c.meta["year"] == 2023]), len(c[["2022_county_甲县"]])
    (1, 1)
    """

    def __init__(self, reports: Iterable[Report]):
        self.reports: list[Report] = list(reports)
        names = [r.name for r in self.reports]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InputError(f"report names must be unique; duplicated: {', '.join(dup[:5])}")
        self._index = {n: i for i, n in enumerate(names)}

    def __len__(self) -> int:
        return len(self.reports)

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self.reports[self._index[key]]
            except KeyError:
                raise KeyError(f"no report named {key!r}") from None
        if isinstance(key, int):
            return self.reports[key]
        if isinstance(key, slice):
            return Corpus(self.reports[key])
        items = list(key)
        if items and all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in items):
            return Corpus(self[k] for k in items)  # names or positions
        mask = [bool(k) for k in items]
        if len(mask) != len(self.reports):
            raise InputError(f"mask has {len(mask)} entries for {len(self.reports)} reports")
        return Corpus(r for r, keep in zip(self.reports, mask) if keep)

    @property
    def names(self) -> list[str]:
        """Report names in order."""
        return [r.name for r in self.reports]

    @property
    def texts(self) -> list[str]:
        """Report texts in order."""
        return [r.text for r in self.reports]

    @property
    def meta(self) -> pd.DataFrame:
        """Metadata table (one row per report, indexed by name, plus a ``chars`` column)."""
        import pandas as pd

        rows = []
        for r in self.reports:
            row = {"name": r.name, **{k: r.meta.get(k) for k in FIELDS}}
            row.update({k: v for k, v in r.meta.items() if k not in row})
            row["chars"] = len(r.text)
            rows.append(row)
        df = pd.DataFrame(rows, columns=None if rows else ["name", *FIELDS, "chars"])
        if "year" in df:
            df["year"] = pd.array(df["year"], dtype="Int64")
        return df.set_index("name", drop=False).rename_axis(None)

    def filter(self, **conditions: Any) -> Corpus:
        """Reports whose metadata equal the given values (a list or set means "one of").

        Examples
        --------
        >>> c = Corpus([Report.from_text("各位代表：甲", name="2022_county_甲县")])
        >>> len(c.filter(year=2022, level=["county", "city"]))
        1
        """

        def ok(r: Report) -> bool:
            for k, v in conditions.items():
                val = r.meta.get(k)
                if isinstance(v, (list, tuple, set, frozenset)):
                    if val not in v:
                        return False
                elif val != v:
                    return False
            return True

        return Corpus(r for r in self.reports if ok(r))

    def __repr__(self) -> str:
        return f"Corpus({len(self.reports)} reports)"


def read_report(path: str | os.PathLike[str], name: str | None = None) -> Report:
    """Read one text file as a :class:`Report`.

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
    r = Report.from_text(text, name=name or p.stem, path=str(p))
    r.meta["encoding"] = enc
    return r


def _expand(paths: Any) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for item in paths:
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
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith(".")
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
    stems = [f.stem for f in files]
    names = []
    for f, s in zip(files, stems):
        if stems.count(s) > 1:  # same file name in different folders: qualify with parents
            names.append(f"{f.parent.name}/{s}" if f.parent.name else str(f))
        else:
            names.append(s)
    if len(set(names)) != len(names):
        names = [str(f) for f in files]
    return names


def _table_reports(path: Path, text_column: str, name_column: str | None) -> list[Report]:
    import pandas as pd

    raw, _ = read_text(path)
    import io as _io

    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        df = pd.read_csv(_io.StringIO(raw), sep=sep, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise InputError(f"{path}: cannot be parsed as a table ({exc})") from None
    return _rows_to_reports(df.to_dict("records"), path, text_column, name_column, list(df.columns))


def _jsonl_reports(path: Path, text_column: str, name_column: str | None) -> list[Report]:
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
    return _rows_to_reports(rows, path, text_column, name_column, cols)


def _rows_to_reports(
    rows: list[dict[str, Any]],
    path: Path,
    text_column: str,
    name_column: str | None,
    cols: list[str],
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
            try:
                meta["year"] = int(meta["year"])
            except (TypeError, ValueError):
                raise InputError(
                    f"{path}: row {i}: year {meta['year']!r} is not a number"
                ) from None
        reports.append(Report.from_text(text, name=name, meta=meta, path=str(path)))
    return reports


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
    files = _expand(paths)
    reports: list[Report] = []
    text_files = [f for f in files if f.suffix.lower() not in TABLE_SUFFIXES | JSONL_SUFFIXES]
    names = dict(zip(text_files, _unique_names(text_files)))
    for f in files:
        suf = f.suffix.lower()
        if suf in TABLE_SUFFIXES:
            reports.extend(_table_reports(f, text_column, name_column))
        elif suf in JSONL_SUFFIXES:
            reports.extend(_jsonl_reports(f, text_column, name_column))
        else:
            reports.append(read_report(f, name=names[f]))
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
                        try:
                            v = int(v)
                        except (TypeError, ValueError):
                            raise InputError(
                                f"metadata: year {v!r} for {key!r} is not a number"
                            ) from None
                    r.meta[k] = v
    return Corpus(reports)


def iter_reports(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    name_column: str | None = None,
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
            yield from _table_reports(f, text_column, name_column)
        elif suf in JSONL_SUFFIXES:
            yield from _jsonl_reports(f, text_column, name_column)
        else:
            yield read_report(f, name=names[f])


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
