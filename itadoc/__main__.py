"""`python -m itadoc`."""

import sys

from itadoc.cli import main

sys.exit(main())
