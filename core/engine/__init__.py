"""Stages 3 to 5, the engine: screening gates, criteria and their weights, scores, sensitivity, the allocation
of the budget, the whole prioritization pipeline and saved scenarios.

Owns: screening, criteria, weights, scoring, sensitivity, allocation, prioritization, scenarios.
May import: core.data, core.proposals.models, core.record (store, auth, decisions) for scenarios, core.texts,
core.fmt. Never Streamlit, never Altair.
"""
