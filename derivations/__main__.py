"""python -m derivations: the same as the ``derive`` command."""

import sys

from .cli import main

sys.exit(main())
