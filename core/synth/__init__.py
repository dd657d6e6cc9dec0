"""Seeded generators of demo records (`python -m core.synth`).

Every generator builds records that reproduce published aggregates exactly: it allocates the
published counts first and only then shuffles who gets what, with a fixed seed, so the same seed
always writes byte-identical files. Generated rows carry `is_synthetic = true`.
"""
