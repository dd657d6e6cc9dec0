"""`python -m core.synth [--seed N] [--out DIR]` rewrites the El Valle demo CSVs."""

import sys

from core.synth.elvalle import main

if __name__ == "__main__":
    sys.exit(main())
