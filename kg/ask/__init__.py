"""Stage 6, asking: SPARQL over the store (`sparql`, with the saved queries of
`ontology/queries/`), the neighbours of one entity (`neighbors`), and the one module
every command prints rows through (`output`)."""
