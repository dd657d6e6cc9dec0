"""The cooperation cycle of the Azogues thesis: cooperants, calls, applications and agreements, monitoring, closing."""
