"""Compatible entry point: `python -m core.audit verify [STORE]` is a public command (docs/arquitectura.md,
«Interfaz pública»); the checks live in core.record.audit."""

import sys

from core.record.audit import main

if __name__ == "__main__":
    sys.exit(main())
