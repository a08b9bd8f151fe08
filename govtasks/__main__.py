"""``python -m govtasks`` runs the command-line tool."""

from __future__ import annotations

import sys

from govtasks.cli import main

sys.exit(main())
