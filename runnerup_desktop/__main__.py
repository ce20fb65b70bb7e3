"""``python -m runnerup_desktop``: the same as the ``runnerup`` command."""

import sys

from runnerup_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
