"""``python -m crs``: the same as the ``crs`` command."""

import sys

from crs.cli import main

sys.exit(main())
