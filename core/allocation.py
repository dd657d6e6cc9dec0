"""Compatible entry point: `core.allocation` is a public interface (docs/arquitectura.md, «Interfaz pública»);
the engine lives in core.engine.allocation."""

from core.engine.allocation import (
    METHODS,
    AllocationResult,
    AllocationRules,
    ProposalOutcome,
    allocate,
    allocate_detailed,
    explain_proposal,
)

__all__ = ["METHODS", "AllocationResult", "AllocationRules", "ProposalOutcome", "allocate", "allocate_detailed",
           "explain_proposal"]
