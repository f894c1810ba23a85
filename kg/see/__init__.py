"""Stage 7, seeing: one NetworkX view of the graph (`view`), network figures over it
(`analytics`) and the interactive HTML page (`page`)."""
