"""Exceptions raised by govtext.

Every error a user can cause derives from :class:`GovtextError`, so a caller (or the
``govtext`` command) can catch one class and print a one-line message.
"""

from __future__ import annotations

__all__ = [
    "GovtextError",
    "DecodeError",
    "EmptyReportError",
    "InputError",
    "MissingExtraError",
]


class GovtextError(Exception):
    """Base class of every error govtext raises on purpose."""


class InputError(GovtextError, ValueError):
    """A file, argument or table that govtext cannot use as given."""


class DecodeError(InputError):
    """A file whose bytes could not be decoded as text in any supported encoding."""


class EmptyReportError(InputError):
    """A report (file or table row) with no usable text."""


class MissingExtraError(GovtextError, ImportError):
    """An optional dependency is needed; the message names the pip extra to install."""


def require(module: str, extra: str, feature: str):
    """Import an optional dependency or raise :class:`MissingExtraError` naming the extra.

    Parameters
    ----------
    module : str
        Importable module name, e.g. ``"matplotlib"``.
    extra : str
        The govtext extra that installs it, e.g. ``"plot"``.
    feature : str
        What the user asked for, used in the message.

    Returns
    -------
    module
        The imported module.

    Examples
    --------
    >>> require("json", "core", "reading JSON").__name__
    'json'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError(
            f"{feature} needs the optional dependency {module!r}; "
            f"install it with: pip install 'govtext[{extra}]'"
        ) from exc
