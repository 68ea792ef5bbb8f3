"""``Report`` and ``Corpus``: report texts with their metadata (loaders: ``corpus/loading.py``)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govtext.corpus.checks import check_year, clean_meta, clean_string
from govtext.corpus.meta import FIELDS, meta_from_filename, meta_from_header
from govtext.corpus.township import meta_from_township_text
from govtext.errors import EmptyReportError, InputError
from govtext.text.webclean import has_placeholders

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Report", "Corpus"]


@dataclass
class Report:
    """One government work report: its text and metadata.

    Attributes
    ----------
    name : str
        Unique name within a corpus (the file name without suffix, or a table row id).
    text : str
        The text as read (decoded, byte-order mark removed) and, where it came from a web
        page, cleaned (see ``cleaned`` below and :func:`govtext.text.webclean.clean_web_text`).
        Analyses normalise it on the fly, so offsets into ``text`` are never lost.
    meta : dict
        ``year, date, level, region, speaker, speaker_title, meeting`` (``None`` when unknown)
        plus any extra columns of a user metadata table; ``cleaned`` (a list such as
        ``["pinyin", "t2s", "furniture", "placeholders"]``) when cleaning did something.
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
        clean: bool | str = False,
    ) -> Report:
        """Build a report, reading metadata from ``name`` (file-name pattern) and the header.

        Explicit ``meta`` values that are not None win over both. A township or street
        report's level, name and title year are read from its first lines where the header
        and the name say nothing (see :func:`govtext.corpus.township.meta_from_township_text`).
        ``clean`` (``"auto"``, ``True`` or ``False``, the default here; ``load_corpus`` and
        ``read_report`` use ``"auto"``) cleans text taken from web pages first.
        """
        source = f"{path}: {name}" if path and name not in path else (path or name)
        if not isinstance(text, str):
            raise InputError(f"{source}: report text must be str, not {type(text).__name__}")
        if not isinstance(name, str):
            raise InputError(f"{source}: report name must be str, not {type(name).__name__}")
        if not text.strip():
            raise EmptyReportError(f"{source}: report has no text")
        text = clean_string(text, source)
        name = clean_string(name, source, "name")
        done: list[str] = []
        if clean is not False:
            from govtext.text.webclean import clean_web_text

            text, done = clean_web_text(text, clean)
        m: dict[str, Any] = dict.fromkeys(FIELDS)
        header = meta_from_header(text)
        if header.get("region") and has_placeholders(header["region"]):
            del header["region"]  # 在XX镇第…会议上: a template, no region
        fname = meta_from_filename(os.path.basename(path) if path else name)
        m.update(header)
        m.update(fname)
        if header.get("year") and fname.get("year") is None:
            m["year"] = header["year"]
        check_year(m, fname.get("year"), header.get("year"), source)
        for k, v in meta_from_township_text(text, header).items():
            if m.get(k) is None:
                m[k] = v
        if done:
            m["cleaned"] = done
        for k, v in clean_meta(meta or {}, source).items():
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
        #: ``(file, reason)`` of the files ``load_corpus(..., on_error="skip")`` left out.
        self.skipped: list[tuple[str, str]] = []
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
