"""Stage 5, the graph: entities, pledges and stances as RDF (`rdf`), checked against the
shapes (`shapes`), and the query store kept beside the Turtle (`store`) with its indexes
(`index`). Knows nothing of the commands that read it."""
