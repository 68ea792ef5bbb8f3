"""``python -m govtext`` runs the ``govtext`` command."""

import sys

from govtext.cli.main import main

sys.exit(main())
