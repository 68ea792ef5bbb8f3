"""The ``govtext`` command: one module per subcommand."""

from govtext.cli.main import main as main
