"""The ``govtext`` command.

Each subcommand lives in its own module under ``govtext/cli/`` and exposes
``register(subparsers)``; this module only assembles them and turns govtext errors into
one line on stderr with a non-zero exit code (a traceback only with ``--debug``).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence

from govtext._version import __version__

EPILOG = """examples:
  govtext report --sample -o out/          # HTML comparison of the bundled sample
  govtext report reports/ -o out/ --by year
  govtext demo                             # metadata and keywords of the sample reports
  govtext <command> --help                 # options and an example for each command
"""


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors are one line on stderr (exit code 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    from govtext import cli as commands

    parser = _Parser(
        prog="govtext",
        description="Comparative text mining of Chinese government work reports (政府工作报告).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"govtext {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "main":
            continue
        mod = importlib.import_module(f"{commands.__name__}.{info.name}")
        mod.register(sub)
    return parser


def one_line_warnings(command: str) -> Callable[..., str]:
    r"""A ``warnings.formatwarning`` that shows govtext's warnings as one line.

    A warning raised in govtext's code (or of a govtext warning class) reads
    ``govtext <command>: warning: <message>``, white space folded, a leading
    ``govtext <command>:`` or ``govtext:`` of the message dropped (so it is not said
    twice); other packages' warnings keep Python's
    format (file, line, category). Only the format changes: filters and recorders
    (``warnings.catch_warnings(record=True)``, pytest) see the same warnings.

    Examples
    --------
    >>> from govtext import errors
    >>> fmt = one_line_warnings("report")
    >>> fmt(UserWarning("govtext report: section 'x' could not\n be built"), UserWarning,
    ...     errors.__file__, 12)
    "govtext report: warning: section 'x' could not be built\n"
    >>> fmt(UserWarning("old"), UserWarning, "/lib/other.py", 3, "x = 1")
    '/lib/other.py:3: UserWarning: old\n  x = 1\n'
    """
    import os
    import re
    import warnings

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    default = warnings.formatwarning
    prog = f"govtext {command}" if command else "govtext"

    def fmt(message, category, filename, lineno, line=None):  # noqa: ANN001
        ours = os.path.abspath(filename).startswith(here) or category.__module__.startswith(
            "govtext"
        )
        if not ours:
            return default(message, category, filename, lineno, line)
        text = " ".join(str(message).split())
        text = re.sub(rf"^govtext(?: {re.escape(command)})?: (?:warning: )?", "", text)
        return f"{prog}: warning: {text}\n"

    return fmt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``govtext`` command; returns the exit code."""
    import warnings

    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), "")
    saved = warnings.formatwarning
    if "--debug" not in argv:  # --debug: Python's format, with file and line
        warnings.formatwarning = one_line_warnings(command)
    try:
        return _main(argv)
    finally:
        warnings.formatwarning = saved


def _main(argv: list[str]) -> int:
    from govtext.errors import GovtextError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    from govtext._runtime.config import config_context
    from govtext.cli._common import shared_options

    try:
        with config_context(**shared_options(args)):  # --jobs for every function called
            return int(args.func(args) or 0)
    except GovtextError as exc:
        if args.debug:
            raise
        print(f"govtext {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        print("govtext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    except OSError as exc:
        if args.debug:
            raise
        print(
            f"govtext {args.command}: error: {exc.filename or ''}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
