"""``python -m repair.train``: the same command as ``repair train``."""

import sys

from repair.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
