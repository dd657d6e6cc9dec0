"""`python -m core.synth [--seed N] [--out DIR]` rewrites the El Valle demo CSVs;
`python -m core.synth --scale national --out DIR` writes the national synthetic dataset (core.synth.national)."""

import sys

from core.synth import elvalle, national

if __name__ == "__main__":
    arguments = sys.argv[1:]
    wants_national = "--scale" in arguments or any(a.startswith("--scale=") for a in arguments)
    sys.exit(national.main(arguments) if wants_national else elvalle.main(arguments))
