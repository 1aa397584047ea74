"""`python -m xl_iku.cli`: the same as the `xl-iku` command."""

import sys

from . import main

sys.exit(main())
