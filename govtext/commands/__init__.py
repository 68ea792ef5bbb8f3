"""Subcommands of the ``govtext`` command, one module each (``register(subparsers)``).

Shared helpers for the subcommands live in :mod:`govtext.commands._common`.
"""
