"""Stages 6 and 7, the record: the durable store and its signed, hash-chained log, accounts and rights, the
advisory group's meeting, the board's decision and its acta, and the follow-up of funded projects.

Owns: store, signing (the installation key and the anchor), ledger (the checks), backup, constancia (what an
acta prints of the log), auth, audit, meeting, meeting_models, decision_models, junta, decisions, acta, followup.
May import: core.data, core.proposals.models, core.exports, core.texts, core.fmt. core.record.backup resolves
each kind's model by name when it checks a backup (core.engine.scenarios among them), and core.record.decisions
reads core.engine.decision_run when it records a decision, never at import.
"""
