"""Compatible entry point: `core.allocation` is a public interface (docs/arquitectura.md, «Interfaz pública»);
the engine lives in the package core.engine.allocation."""

from core.engine.allocation import (
    COMPARATORS,
    METHODS,
    OBJECTIVES,
    AllocationResult,
    AllocationRules,
    ProposalOutcome,
    allocate,
    allocate_detailed,
    explain_proposal,
)

__all__ = ["COMPARATORS", "METHODS", "OBJECTIVES", "AllocationResult", "AllocationRules", "ProposalOutcome",
           "allocate", "allocate_detailed", "explain_proposal"]
