"""Stage 8, judging: a graph scored against gold annotations, per type and attribute."""
