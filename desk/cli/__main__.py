"""``python -m desk.cli``: the command line without the app launcher."""

import sys

from desk.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())
