"""Stages 6 and 7, the record: the durable store and its hash-chained log, accounts and rights, the advisory
group's meeting, the board's decision and its acta, and the follow-up of funded projects.

Owns: store, auth, audit, meeting, decisions, acta, followup.
May import: core.data, core.proposals.models, core.exports, core.texts, core.fmt.
"""
