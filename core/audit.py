"""Compatible entry point: `python -m core.audit verify [STORE]` is a public command (DESIGN §5); the checks live
in core.record.audit."""

import sys

from core.record.audit import main

if __name__ == "__main__":
    sys.exit(main())
