"""Helpers shared by the subcommands: input options and corpus loading."""

from __future__ import annotations

import argparse
from typing import Any


def add_input_args(p: argparse.ArgumentParser, *, allow_sample: bool = True) -> None:
    """Add ``PATHS``, ``--sample`` and ``--metadata`` to a subcommand."""
    p.add_argument(
        "paths", nargs="*", metavar="PATHS", help="report files, folders, globs, CSV or JSONL"
    )
    if allow_sample:
        p.add_argument("--sample", action="store_true", help="use the bundled sample corpus")
    p.add_argument(
        "--metadata", metavar="FILE", help="CSV joined on the file name (column 'file' or 'name')"
    )
    p.add_argument(
        "--text-column", default="text", help="text column in CSV/JSONL input (default: text)"
    )
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="leave out files that cannot be read as reports (listed in one warning) "
        "instead of stopping at the first",
    )
    p.add_argument(
        "--no-clean",
        action="store_true",
        help="keep texts exactly as read (no removal of pinyin, page furniture; no "
        "traditional-to-simplified conversion; see docs/loading.md)",
    )


def add_csv_args(p: argparse.ArgumentParser) -> None:
    """Add ``--no-escape-formulas`` to a subcommand that writes CSV."""
    p.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="write CSV cells beginning with = + - @ as they are (by default they get a "
        "leading ' so that a spreadsheet shows them instead of running them)",
    )


def csv_of(df: Any, args: Any, *, index: bool = False, float_format: str | None = None) -> str:
    """The CSV text of ``df`` with the formula escaping the options ask for."""
    from govtext.readwrite.tables import csv_text

    return csv_text(
        df,
        index=index,
        float_format=float_format,
        escape_formulas=getattr(args, "escape_formulas", True),
    )


def load_input(args: Any, client: Any = None) -> Any:
    """Load the corpus named by the input options, with a clear error when none is given
    (the files read on the dask ``client``'s cluster if one is given)."""
    from govtext.corpus.loading import load_corpus
    from govtext.errors import InputError

    if args.metadata:
        from pathlib import Path

        if not Path(args.metadata).is_file():
            raise InputError(f"--metadata: {args.metadata}: no such file")
    if getattr(args, "sample", False):
        if args.paths:
            raise InputError("give either PATHS or --sample, not both")
        from govtext.datasets import load_sample

        corpus = load_sample()
        if args.metadata:
            from govtext.datasets import sample_path

            corpus = load_corpus(sample_path(), metadata=args.metadata)
        return corpus
    if not args.paths:
        raise InputError("no input: give report files or folders (PATHS), or --sample")
    on_error = "skip" if getattr(args, "skip_bad", False) else "raise"
    try:
        return load_corpus(
            args.paths,
            metadata=args.metadata,
            text_column=args.text_column,
            on_error=on_error,
            clean=False if getattr(args, "no_clean", False) else "auto",
            client=client,
        )
    except InputError as exc:
        raise InputError(option_named(str(exc), args)) from exc


def option_named(message: str, args: Any) -> str:
    """A loading error in the command line's terms: the option it is about named.

    Examples
    --------
    >>> import argparse
    >>> a = argparse.Namespace(text_column="body")
    >>> option_named("metadata: year 'x' for 'r' is not a number", a)
    "--metadata: year 'x' for 'r' is not a number"
    >>> option_named("t.csv: no column 'body' (columns: name, text)", a)
    "t.csv: no column 'body' (columns: name, text) (--text-column)"
    """
    for name, option in (("metadata:", "--metadata:"), ("paths:", "PATHS:")):
        if message.startswith(name):
            return option + message[len(name) :]
    column = getattr(args, "text_column", None)
    if column and f"'{column}'" in message and "--text-column" not in message:
        return f"{message} (--text-column)"
    return message


class _OldSpelling(argparse.Action):
    """A former option name, hidden from ``--help``: still accepted, with a warning."""

    def __init__(self, *args: Any, new: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.new = new

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: Any = None) -> None:
        import sys

        print(
            f"govtext: warning: {option_string} is renamed {self.new}; "
            f"{option_string} will be removed in the next release",
            file=sys.stderr,
        )
        setattr(namespace, self.dest, values)


def add_old_spelling(
    p: argparse.ArgumentParser, old: str, new: str, dest: str, **kwargs: Any
) -> None:
    """Accept ``old``, the former spelling of option ``new``, for one release (hidden).

    One name per concept across the commands: ``--top``, ``--random-state``, ``-o/--output``.

    Examples
    --------
    >>> import argparse
    >>> p = argparse.ArgumentParser()
    >>> _ = p.add_argument("--top", type=int, default=10)
    >>> add_old_spelling(p, "--top-n", "--top", "top", type=int)
    >>> p.parse_args([]).top, "--top-n" in p.format_help()
    (10, False)
    """
    p.add_argument(
        old,
        dest=dest,
        action=_OldSpelling,
        new=new,
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
        **kwargs,
    )


def add_random_state(p: argparse.ArgumentParser, help: str) -> None:
    """Add ``--random-state`` (``--seed`` still accepted for one release)."""
    p.add_argument("--random-state", type=int, default=0, metavar="N", help=help)
    add_old_spelling(p, "--seed", "--random-state", "random_state", type=int, metavar="N")


def add_perf_args(p: argparse.ArgumentParser) -> None:
    """Add ``--jobs``, ``--cache-dir`` and ``--no-cache`` to a subcommand that tokenizes."""
    g = p.add_argument_group("speed")
    g.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes that cut the reports into words (-1: all cores; default 1, "
        "for govtext report every core up to 4); the output is the same for any number",
    )
    g.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=None,
        help="cache folder (default: $GOVTEXT_CACHE_DIR or the user cache folder, "
        "see 'govtext cache info')",
    )
    g.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache",
    )


def shared_options(args: Any) -> dict[str, Any]:
    """The options of :func:`govtext.config_context` that the command line sets (``--jobs``)."""
    from govtext.errors import InputError

    jobs = getattr(args, "jobs", None)
    if jobs is None:
        return {}
    if jobs == 0 or jobs < -1:
        raise InputError(f"--jobs must be a positive number of workers or -1, not {jobs}")
    return {"n_jobs": jobs}


def cache_dir(args: Any) -> Any:
    """The cache folder the options ask for (None with ``--no-cache``)."""
    from govtext._runtime.cache import default_cache_dir
    from govtext.errors import InputError

    shared_options(args)  # --jobs checked before any work
    if getattr(args, "no_cache", False):
        if getattr(args, "cache_dir", None):
            raise InputError("give either --cache-dir or --no-cache, not both")
        return None
    if getattr(args, "cache_dir", None):  # asked for: an unusable folder is an error
        return checked_folder(args.cache_dir, "--cache-dir")
    folder = default_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # the default folder is a convenience: run without it
        import sys

        print(
            f"govtext: warning: cache folder {folder} cannot be created "
            f"({exc.strerror or exc}); running without the cache",
            file=sys.stderr,
        )
        return None
    return folder


def checked_folder(path: Any, option: str) -> Any:
    """``path`` as a folder that exists (created if needed) and can be written, or an
    :class:`~govtext.errors.InputError` naming ``option``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "f"
    >>> _ = f.write_text("x")
    >>> try:
    ...     checked_folder(f, "--cache-dir")
    ... except Exception as exc:
    ...     print(str(exc).endswith("is a file, not a folder"), str(exc).split(":")[0])
    True --cache-dir
    """
    import os
    import tempfile
    from pathlib import Path

    from govtext.errors import InputError

    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(
            f"{option}: {p} is a symbolic link to {os.readlink(p)}, which does not exist"
        )
    if p.exists() and not p.is_dir():
        raise InputError(f"{option}: {p} is a file, not a folder")
    try:
        p.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".govtext-probe.", dir=p)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(f"{option}: cannot use the folder {p} ({exc.strerror or exc})") from None
    return p


def check_output_file(args: Any, option: str = "-o/--output") -> None:
    """Before any analysis: the output file of ``args.output`` (if any) can be written.

    Examples
    --------
    >>> import argparse, tempfile
    >>> check_output_file(argparse.Namespace(output=tempfile.mkdtemp() + "/k.csv"))
    """
    from pathlib import Path

    from govtext.errors import InputError

    path = getattr(args, "output", None)
    if not path:
        return
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{option}: {p} is a folder; give a file name")
    if p.is_symlink() and not p.exists():
        raise InputError(f"{option}: {p} is a symbolic link to a file that does not exist")
    parent = p.absolute().parent
    while not parent.exists() and parent != parent.parent:  # folders are made when writing
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"{option}: cannot write {p}: {parent} is not a folder")
    checked_folder(parent, option)


class output_folder:  # noqa: N801 - used as a function in a with statement
    """Prepare the output folder ``path`` before the analysis (see
    :func:`govtext.report.build.prepare_out_dir`); if the command then fails before writing
    anything into it, remove what preparing it made (the marker, a folder it created), so
    a failed run leaves nothing behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> try:
    ...     with output_folder(d, force=True) as out:
    ...         raise ValueError("no input")
    ... except ValueError:
    ...     pass
    >>> d.exists()
    False
    """

    def __init__(self, path: Any, *, force: bool, option: str = "-o/--output") -> None:
        self.path, self.force, self.option = path, force, option

    def __enter__(self) -> Any:
        from pathlib import Path

        from govtext.corpus.checks import OUTPUT_MARKER
        from govtext.report.build import prepare_out_dir

        p = Path(self.path)
        self.created = not p.exists() and not p.is_symlink()
        self.marked = not (p / OUTPUT_MARKER).exists()
        self.out = prepare_out_dir(self.path, force=self.force, option=self.option)
        return self.out

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        from govtext.corpus.checks import OUTPUT_MARKER

        if exc_type is None or not self.marked:
            return
        try:
            if [p.name for p in self.out.iterdir()] == [OUTPUT_MARKER]:
                (self.out / OUTPUT_MARKER).unlink()
                if self.created:
                    self.out.rmdir()
        except OSError:  # pragma: no cover - leave it rather than hide the real error
            pass


def input_outside(out: Any, args: Any, option: str = "-o/--output") -> None:
    """Refuse an output folder that is, or holds, one of the input paths (the page's files
    would be read as reports, or the reports overwritten). An output folder *inside* an
    input folder is fine: it is marked (:data:`govtext.corpus.checks.OUTPUT_MARKER`) and
    never read back."""
    import glob
    from pathlib import Path

    from govtext.errors import InputError

    out = Path(out).resolve()
    for item in getattr(args, "paths", None) or []:
        p = Path(item)
        # a glob (reports/*.txt) names the files it matches, and the folder it starts in
        found = [p] if p.exists() else [Path(m) for m in glob.glob(str(item), recursive=True)]
        if not p.exists() and glob.has_magic(str(item)):
            parts = p.parts
            first = next(k for k, part in enumerate(parts) if glob.has_magic(part))
            found.append(Path(*parts[:first]) if first else Path("."))
        for q in (f.resolve() for f in found if f.exists()):
            if q == out or out in q.parents:
                raise InputError(
                    f"{option}: the output folder {out} holds the input {item}; "
                    "choose another folder"
                )


def tokenizer_for(args: Any, corpus: Any) -> Any:
    """A tokenizer that already knows the words of every report of ``corpus``: cut with
    ``--jobs`` workers (the configuration's ``n_jobs``) and kept in the token cache unless
    ``--no-cache``."""
    from govtext.features.tokens import primed_tokenizer
    from govtext.tokenize.policy import PolicyTokenizer

    base = PolicyTokenizer(backend="auto")  # PolicyTokenizer()'s tokens, faster with rjieba
    folder = cache_dir(args)
    cache = None
    if folder is not None:
        from govtext._runtime.cache import TokenCache

        cache = TokenCache(folder, base.config_hash + ":cut")
    return primed_tokenizer(corpus.texts, base, cache=cache)
