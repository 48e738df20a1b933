"""`python -m bot` runs the same entry point as the `composure` console script."""

import sys

from bot.cli import main

sys.exit(main())
