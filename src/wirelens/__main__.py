"""`python -m wirelens …` is the `wirelens` command."""

import sys

from wirelens.cli import main

sys.exit(main())
