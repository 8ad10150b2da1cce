"""`python -m app.cli`: the same as `kasuhara`."""

import sys

from app.cli import main

sys.exit(main())
