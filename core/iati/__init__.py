"""IATI 2.03: the parish's cooperation activities as an IATI activity file, and a cooperant's IATI file read
back into offers. `export` writes, `read` reads, `schema` validates against the official XSD shipped in
`reference/iati-2.03`, `identifiers` holds the organisation identifiers and IATI code lists used by both.
"""
