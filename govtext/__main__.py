"""``python -m govtext`` runs the ``govtext`` command."""

import sys

from .cli import main

sys.exit(main())
